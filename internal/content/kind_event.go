package content

import (
	"time"

	"github.com/btnmt/cchc/internal/decode"
	"github.com/btnmt/cchc/internal/report"
)

// LoaiSuKien is the kind of an event.
type LoaiSuKien string

// Allowed lists the values LoaiSuKien may take.
func (LoaiSuKien) Allowed() []string {
	return []string{"hoi-nghi", "toa-dam", "tap-huan", "thi-dua", "cuoc-thi", "khac"}
}

// Label is the kind of event as visitors read it ("Hội nghị"); "" when not set.
func (l LoaiSuKien) Label() string {
	switch l {
	case "hoi-nghi":
		return "Hội nghị"
	case "toa-dam":
		return "Tọa đàm"
	case "tap-huan":
		return "Tập huấn"
	case "thi-dua":
		return "Phong trào thi đua"
	case "cuoc-thi":
		return "Cuộc thi"
	case "khac":
		return "Sự kiện khác"
	}
	return string(l)
}

// Event holds the extra keys of an event (su-kien). The organiser is the shared key don_vi.
type Event struct {
	BatDau  decode.Date `fm:"bat_dau,required"`
	KetThuc decode.Date `fm:"ket_thuc"`
	DiaDiem string      `fm:"dia_diem"`
	Loai    LoaiSuKien  `fm:"loai"`
}

// AllDay tells whether the event is written in days rather than with a time of day: its start
// has no clock.
func (e *Event) AllDay() bool { return !e.BatDau.HasClock }

// Start is when the event begins.
func (e *Event) Start() time.Time { return e.BatDau.Time }

// End is the instant the event is over: ket_thuc when it has a time of day, the end of the day
// of ket_thuc when it is a date, and the end of the start's day without ket_thuc.
func (e *Event) End() time.Time {
	d := e.BatDau
	if e.KetThuc.IsSet() {
		d = e.KetThuc
		if d.HasClock {
			return d.Time
		}
	}
	t := d.Time.In(decode.Location)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, decode.Location).AddDate(0, 0, 1)
}

func validateEvent(p *Page) []*report.FileError {
	e := p.Params.(*Event)
	if !e.KetThuc.IsSet() || !e.BatDau.IsSet() {
		return nil
	}
	// A date without a time of day covers the whole day: an event from 08:30 to "the same
	// day" is fine, one that ends the day before it starts is not.
	end := e.KetThuc.Time
	if !e.KetThuc.HasClock {
		end = e.End()
	}
	if end.After(e.BatDau.Time) || (end.Equal(e.BatDau.Time) && e.KetThuc.HasClock) {
		return nil
	}
	layout := func(d decode.Date) string {
		if d.HasClock {
			return d.In(decode.Location).Format("2006-01-02 15:04")
		}
		return d.In(decode.Location).Format("2006-01-02")
	}
	return []*report.FileError{report.Errorf("", e.KetThuc.Line,
		"\"ket_thuc\" (%s) sớm hơn \"bat_dau\" (%s): sự kiện kết thúc trước khi bắt đầu; hãy sửa lại ngày kết thúc",
		layout(e.KetThuc), layout(e.BatDau))}
}

func init() {
	RegisterKind(&Kind{
		Name: "event", Section: "su-kien", Label: "Sự kiện", Names: []string{"su-kien", "event"},
		NewParams: func() any { return new(Event) },
		Validate:  validateEvent,
	})
}
