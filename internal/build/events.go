package build

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/btnmt/cchc/internal/content"
	"github.com/btnmt/cchc/internal/decode"
	"github.com/btnmt/cchc/internal/ical"
	"github.com/btnmt/cchc/internal/render"
	"github.com/btnmt/cchc/internal/report"
	"github.com/btnmt/cchc/internal/site"
)

const eventsSection = "su-kien"

// EventICSName is the name of an event's calendar file, next to its page.
const EventICSName = "su-kien.ics"

// UpcomingICS is the site-relative URL of the calendar of every event not over yet.
const UpcomingICS = "/" + eventsSection + "/sap-dien-ra.ics"

// The states of an event relative to the build time.
const (
	EventUpcoming = "sap-dien-ra"
	EventOngoing  = "dang-dien-ra"
	EventPast     = "da-dien-ra"
)

// EventData is what an event's page shows besides its Markdown.
type EventData struct {
	Event *content.Event
	Start time.Time
	End   time.Time // the instant the event is over (see content.Event.End)
	// AllDay events are written in days (bat_dau without a time of day).
	AllDay bool
	// State is EventUpcoming, EventOngoing or EventPast at the build time; StateLabel says it
	// in Vietnamese.
	State, StateLabel string
	Upcoming          bool   // not over yet: upcoming or ongoing
	When              string // the date range in Vietnamese: "08:30 – 11:30, Thứ Sáu, 18/12/2020"
	KindLabel         string // "Hội nghị"; "" when loai is not set
	ICS               string // site-relative URL of the event's .ics
}

// EventsIndex is what the events section shows: events not over yet, soonest first, then past
// events, latest first.
type EventsIndex struct {
	Upcoming []*site.Page
	Past     []*site.Page
	ICS      string // UpcomingICS
}

// EventGroup is a run of events of the same kind (not over yet, or past) in a list.
type EventGroup struct {
	Upcoming bool
	Pages    []*site.Page
}

// Groups splits a list of events (the section's, or one page of it) into runs of upcoming and
// past events, for headings.
func (ix *EventsIndex) Groups(items []*site.Page) []EventGroup {
	var out []EventGroup
	for _, p := range items {
		d, ok := p.Data.(*EventData)
		if !ok {
			continue
		}
		if len(out) == 0 || out[len(out)-1].Upcoming != d.Upcoming {
			out = append(out, EventGroup{Upcoming: d.Upcoming})
		}
		out[len(out)-1].Pages = append(out[len(out)-1].Pages, p)
	}
	return out
}

type eventsGenerator struct{}

func init() { register(eventsGenerator{}) }

func (eventsGenerator) Name() string                           { return "su-kien" }
func (eventsGenerator) Generate(*site.Site, *report.ErrorList) {}

func eventOf(p *site.Page) *content.Event {
	e, _ := p.Params().(*content.Event)
	return e
}

// GenerateEnv dates every event against the build time, orders the events section (upcoming,
// then past) and reserves the calendar files.
func (eventsGenerator) GenerateEnv(e *env, s *site.Site, errs *report.ErrorList) {
	now := s.Options.Now
	ix := &EventsIndex{ICS: UpcomingICS}
	for _, p := range s.Pages {
		ev := eventOf(p)
		if ev == nil {
			continue
		}
		d := &EventData{Event: ev, Start: ev.Start(), End: ev.End(), AllDay: ev.AllDay(),
			KindLabel: ev.Loai.Label(), When: eventWhen(ev), ICS: p.URL + EventICSName}
		switch {
		case now.Before(d.Start):
			d.State, d.StateLabel, d.Upcoming = EventUpcoming, "Sắp diễn ra", true
		case now.Before(d.End):
			d.State, d.StateLabel, d.Upcoming = EventOngoing, "Đang diễn ra", true
		default:
			d.State, d.StateLabel = EventPast, "Đã diễn ra"
		}
		if s.Exists(d.ICS) {
			errs.Add(report.Errorf(p.Source.Path, 0, "lịch của sự kiện sẽ được ghi ở %s nhưng địa chỉ đó đã có; hãy đổi tên tệp ở đó", d.ICS))
		}
		s.Reserve(d.ICS)
		p.Data = d
		if d.Upcoming {
			ix.Upcoming = append(ix.Upcoming, p)
		} else {
			ix.Past = append(ix.Past, p)
		}
	}
	sort.SliceStable(ix.Upcoming, func(i, j int) bool {
		a, b := ix.Upcoming[i].Data.(*EventData), ix.Upcoming[j].Data.(*EventData)
		if !a.Start.Equal(b.Start) {
			return a.Start.Before(b.Start)
		}
		return ix.Upcoming[i].URL < ix.Upcoming[j].URL
	})
	sort.SliceStable(ix.Past, func(i, j int) bool {
		a, b := ix.Past[i].Data.(*EventData), ix.Past[j].Data.(*EventData)
		if !a.Start.Equal(b.Start) {
			return a.Start.After(b.Start)
		}
		return ix.Past[i].URL < ix.Past[j].URL
	})
	home := homeData(s)
	home.Upcoming = latest(ix.Upcoming, homeLimit)
	if len(ix.Upcoming) == 0 {
		home.PastEvents = latest(ix.Past, 3)
	}
	sec := sectionPage(s, eventsSection)
	if sec == nil {
		return
	}
	if s.Exists(UpcomingICS) {
		errs.Add(report.Errorf("", 0, "lịch các sự kiện sắp diễn ra được ghi ở %s nhưng địa chỉ đó đã có; hãy đổi tên tệp ở đó", UpcomingICS))
	}
	s.Reserve(UpcomingICS)
	sec.Pages = append(append(sec.Pages[:0:0], ix.Upcoming...), ix.Past...)
	sec.Data = ix
}

// eventWhen writes an event's dates in Vietnamese.
func eventWhen(ev *content.Event) string {
	start := ev.BatDau.In(decode.Location)
	day := render.DateWeekday
	clock := func(t time.Time) string { return t.In(decode.Location).Format("15:04") }
	sameDay := func(a, b time.Time) bool {
		a, b = a.In(decode.Location), b.In(decode.Location)
		return a.Year() == b.Year() && a.YearDay() == b.YearDay()
	}
	end, hasEnd := ev.KetThuc.Time, ev.KetThuc.IsSet()
	if !ev.BatDau.HasClock {
		if !hasEnd || sameDay(start, end) {
			return day(start)
		}
		return "Từ " + day(start) + " đến " + day(end)
	}
	switch {
	case !hasEnd:
		return clock(start) + ", " + day(start)
	case sameDay(start, end) && ev.KetThuc.HasClock:
		if clock(start) == clock(end) {
			return clock(start) + ", " + day(start)
		}
		return clock(start) + " – " + clock(end) + ", " + day(start)
	case sameDay(start, end):
		return clock(start) + ", " + day(start)
	case ev.KetThuc.HasClock:
		return "Từ " + clock(start) + ", " + day(start) + " đến " + clock(end) + ", " + day(end)
	default:
		return "Từ " + clock(start) + ", " + day(start) + " đến hết " + day(end)
	}
}

// Write writes an .ics file next to every event and one of every event not over yet.
func (eventsGenerator) Write(s *site.Site, out Output, errs *report.ErrorList) {
	var upcoming []ical.Event
	var reads []string
	var events []*site.Page
	for _, p := range s.Pages {
		if _, ok := p.Data.(*EventData); ok {
			events = append(events, p)
		}
	}
	prod := "-//" + s.Config.Organisation.Name + "//cchc//VI"
	for _, p := range events {
		d := p.Data.(*EventData)
		ev := icsEvent(p, d)
		cal := ical.Calendar{ProdID: prod, Name: p.Title, Events: []ical.Event{ev}}
		rel := strings.TrimPrefix(d.ICS, "/")
		if err := out.WriteFile(rel, cal.Marshal(), p.Source.Path, SourceConfig); err != nil {
			errs.Add(report.Errorf(p.Source.Path, 0, "ghi lịch %s: %v", rel, err))
		}
	}
	sec := sectionPage(s, eventsSection)
	if sec == nil {
		return
	}
	ix, ok := sec.Data.(*EventsIndex)
	if !ok {
		return
	}
	for _, p := range ix.Upcoming {
		upcoming = append(upcoming, icsEvent(p, p.Data.(*EventData)))
		reads = append(reads, p.Source.Path)
	}
	cal := ical.Calendar{ProdID: prod, Name: "Sự kiện sắp diễn ra – " + s.Config.Title,
		Description: "Các sự kiện về cải cách hành chính của " + s.Config.Organisation.Name + " chưa kết thúc", Events: upcoming}
	rel := strings.TrimPrefix(UpcomingICS, "/")
	if err := out.WriteFile(rel, cal.Marshal(), append(reads, SourceConfig)...); err != nil {
		errs.Add(fmt.Errorf("ghi lịch %s: %w", rel, err))
	}
}

// icsEvent is an event as a VEVENT. Its UID is derived from the page's absolute URL, its
// DTSTAMP is the page's date: the same site gives the same file at every build.
func icsEvent(p *site.Page, d *EventData) ical.Event {
	ev := d.Event
	sum := sha1.Sum([]byte(p.Permalink()))
	host := "cchc"
	if c := p.Site.Config; c.Absolute() {
		host = c.Base.Hostname()
	}
	out := ical.Event{
		UID:     hex.EncodeToString(sum[:10]) + "@" + host,
		Stamp:   p.Date,
		Start:   d.Start,
		AllDay:  d.AllDay,
		Summary: p.Title,
	}
	abs := p.Site.Config.Absolute()
	if abs {
		out.URL = p.Permalink() // a calendar needs an absolute URL; a site without a host has none
	}
	if d.AllDay {
		last := d.Start
		if ev.KetThuc.IsSet() {
			last = ev.KetThuc.Time
		}
		l := last.In(decode.Location)
		out.End = time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, decode.Location).AddDate(0, 0, 1)
	} else if ev.KetThuc.IsSet() {
		out.End = d.End
	}
	if p.Modified() {
		out.LastModified = p.Lastmod
	}
	var desc []string
	if t := strings.TrimSpace(p.Description); t != "" {
		desc = append(desc, t)
	} else if t := strings.TrimSpace(p.Summary); t != "" {
		desc = append(desc, t)
	}
	if f := p.Front(); f != nil && len(f.DonVi) > 0 {
		desc = append(desc, "Đơn vị tổ chức: "+strings.Join(f.DonVi, ", "))
	}
	if abs {
		desc = append(desc, "Chi tiết: "+p.Permalink())
	}
	out.Description = strings.Join(desc, "\n")
	out.Location = ev.DiaDiem
	if d.KindLabel != "" {
		out.Categories = []string{d.KindLabel}
	}
	return out
}

func (d *EventData) sigData(h *hasher) {
	h.time(d.Start)
	h.time(d.End)
	h.bool(d.AllDay)
	h.str(d.State)
	h.str(d.StateLabel)
	h.bool(d.Upcoming)
	h.str(d.When)
	h.str(d.KindLabel)
	h.str(d.ICS)
}

func (ix *EventsIndex) sigData(h *hasher) {
	h.str(ix.ICS)
	h.pages(ix.Upcoming)
	h.pages(ix.Past)
}
