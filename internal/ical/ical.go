// Package ical writes iCalendar files (RFC 5545) for the site's events, and reads them back for
// tests and checks. Output is deterministic: lines end in CRLF and are folded at 75 octets
// without splitting a UTF-8 character, text values are escaped, times of day are written in
// Asia/Ho_Chi_Minh with the VTIMEZONE that defines it, whole-day events use VALUE=DATE with an
// exclusive end, and DTSTAMP comes from the caller (a page's date), never from the clock.
package ical

import (
	"bytes"
	"strings"
	"time"
)

// TZID is the time zone every time of day is written in.
const TZID = "Asia/Ho_Chi_Minh"

// MaxLineOctets is the longest a content line may be, CRLF excluded (RFC 5545, 3.1).
const MaxLineOctets = 75

// zone is Vietnam's time zone: UTC+7 without daylight saving since 1975.
var zone = func() *time.Location {
	if l, err := time.LoadLocation(TZID); err == nil {
		return l
	}
	return time.FixedZone("ICT", 7*3600)
}()

// Calendar is one iCalendar object.
type Calendar struct {
	ProdID      string // who made it: "-//Bộ Tài nguyên và Môi trường//cchc//VI"
	Name        string // the calendar's name as clients show it (X-WR-CALNAME)
	Description string // X-WR-CALDESC, optional
	Events      []Event
}

// Event is one VEVENT.
type Event struct {
	UID   string    // stable and unique: derive it from the page's URL
	Stamp time.Time // DTSTAMP: when the information was published (the page's date)
	// Start and End bound the event. With AllDay only their dates in Asia/Ho_Chi_Minh count and
	// End is exclusive (the day after the last day); a zero End writes no DTEND.
	Start, End   time.Time
	AllDay       bool
	Summary      string
	Description  string
	Location     string
	URL          string
	Categories   []string
	LastModified time.Time // optional
}

// Marshal writes the calendar. The result always holds the VTIMEZONE of Asia/Ho_Chi_Minh, so a
// calendar without events is still a valid iCalendar object (RFC 5545 wants one component).
func (c *Calendar) Marshal() []byte {
	var w writer
	w.prop("BEGIN", "VCALENDAR")
	w.prop("VERSION", "2.0")
	w.prop("PRODID", c.ProdID)
	w.prop("CALSCALE", "GREGORIAN")
	w.prop("METHOD", "PUBLISH")
	if c.Name != "" {
		w.prop("X-WR-CALNAME", EscapeText(c.Name))
	}
	if c.Description != "" {
		w.prop("X-WR-CALDESC", EscapeText(c.Description))
	}
	w.prop("X-WR-TIMEZONE", TZID)
	w.prop("BEGIN", "VTIMEZONE")
	w.prop("TZID", TZID)
	w.prop("X-LIC-LOCATION", TZID)
	w.prop("BEGIN", "STANDARD")
	w.prop("TZOFFSETFROM", "+0700")
	w.prop("TZOFFSETTO", "+0700")
	w.prop("TZNAME", "+07")
	w.prop("DTSTART", "19700101T000000")
	w.prop("END", "STANDARD")
	w.prop("END", "VTIMEZONE")
	for _, e := range c.Events {
		w.event(e)
	}
	w.prop("END", "VCALENDAR")
	return w.buf.Bytes()
}

type writer struct{ buf bytes.Buffer }

// prop writes "name:value" (name may carry parameters), folded, with CRLF.
func (w *writer) prop(name, value string) {
	w.buf.WriteString(Fold(name + ":" + value))
	w.buf.WriteString("\r\n")
}

func (w *writer) event(e Event) {
	w.prop("BEGIN", "VEVENT")
	w.prop("UID", EscapeText(e.UID))
	w.prop("DTSTAMP", e.Stamp.UTC().Format("20060102T150405Z"))
	if e.AllDay {
		w.prop("DTSTART;VALUE=DATE", e.Start.In(zone).Format("20060102"))
		if !e.End.IsZero() {
			w.prop("DTEND;VALUE=DATE", e.End.In(zone).Format("20060102"))
		}
	} else {
		w.prop("DTSTART;TZID="+TZID, e.Start.In(zone).Format("20060102T150405"))
		if !e.End.IsZero() {
			w.prop("DTEND;TZID="+TZID, e.End.In(zone).Format("20060102T150405"))
		}
	}
	if !e.LastModified.IsZero() {
		w.prop("LAST-MODIFIED", e.LastModified.UTC().Format("20060102T150405Z"))
	}
	w.prop("SUMMARY", EscapeText(e.Summary))
	if e.Description != "" {
		w.prop("DESCRIPTION", EscapeText(e.Description))
	}
	if e.Location != "" {
		w.prop("LOCATION", EscapeText(e.Location))
	}
	if len(e.Categories) > 0 {
		cats := make([]string, len(e.Categories))
		for i, c := range e.Categories {
			cats[i] = EscapeText(c)
		}
		w.prop("CATEGORIES", strings.Join(cats, ","))
	}
	if e.URL != "" {
		w.prop("URL", e.URL)
	}
	w.prop("END", "VEVENT")
}

// EscapeText escapes a TEXT value: backslash, semicolon, comma and line breaks; other control
// characters (except tab) are dropped.
func EscapeText(s string) string {
	var b strings.Builder
	s = strings.ReplaceAll(s, "\r\n", "\n")
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == ';':
			b.WriteString(`\;`)
		case r == ',':
			b.WriteString(`\,`)
		case r == '\n' || r == '\r':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// UnescapeText reverses EscapeText.
func UnescapeText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			switch s[i] {
			case 'n', 'N':
				b.WriteByte('\n')
			default:
				b.WriteByte(s[i])
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// Fold splits a content line into lines of at most 75 octets joined by CRLF and a space, never
// inside a UTF-8 character. The result has no final CRLF.
func Fold(line string) string {
	if len(line) <= MaxLineOctets {
		return line
	}
	var b strings.Builder
	limit := MaxLineOctets
	for len(line) > limit {
		cut := limit
		for cut > 0 && !startsRune(line[cut]) {
			cut--
		}
		b.WriteString(line[:cut])
		b.WriteString("\r\n ")
		line = line[cut:]
		limit = MaxLineOctets - 1 // the leading space counts
	}
	b.WriteString(line)
	return b.String()
}

// startsRune tells whether c can begin a UTF-8 character (is not a continuation byte).
func startsRune(c byte) bool { return c&0xC0 != 0x80 }
