package ical_test

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/btnmt/cchc/internal/ical"
)

var ict = time.FixedZone("ICT", 7*3600)

func TestFold(t *testing.T) {
	tests := []struct {
		name string
		line string
	}{
		{"short", "SUMMARY:Hội nghị"},
		{"exactly 75", "X:" + strings.Repeat("a", 73)},
		{"76", "X:" + strings.Repeat("a", 74)},
		{"long ASCII", "DESCRIPTION:" + strings.Repeat("abcdefghij", 40)},
		{"long Vietnamese", "SUMMARY:" + strings.Repeat("Hội nghị tổng kết công tác cải cách hành chính ", 8)},
		{"three-byte runes at the edge", "X:" + strings.Repeat("ệ", 60)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ical.Fold(tt.line)
			parts := strings.Split(got, "\r\n")
			for i, p := range parts {
				if len(p) > ical.MaxLineOctets {
					t.Errorf("line %d has %d octets", i, len(p))
				}
				if !utf8.ValidString(p) {
					t.Errorf("line %d splits a character: %q", i, p)
				}
				if i > 0 && !strings.HasPrefix(p, " ") {
					t.Errorf("continuation line %d does not start with a space", i)
				}
				if i < len(parts)-1 && len(p) < ical.MaxLineOctets-3 {
					t.Errorf("line %d is folded early (%d octets)", i, len(p))
				}
			}
			if unfolded := strings.ReplaceAll(got, "\r\n ", ""); unfolded != tt.line {
				t.Errorf("unfolding gives %q, want %q", unfolded, tt.line)
			}
		})
	}
}

func TestEscapeText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Hà Nội", "Hà Nội"},
		{"a, b; c", `a\, b\; c`},
		{`C:\thu-muc`, `C:\\thu-muc`},
		{"dòng 1\ndòng 2", `dòng 1\ndòng 2`},
		{"dòng 1\r\ndòng 2", `dòng 1\ndòng 2`},
		{"chuông\x07", "chuông"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := ical.EscapeText(tt.in); got != tt.want {
				t.Errorf("EscapeText(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if tt.in != "chuông\x07" {
				want := strings.ReplaceAll(tt.in, "\r\n", "\n")
				if back := ical.UnescapeText(ical.EscapeText(tt.in)); back != want {
					t.Errorf("round trip gives %q, want %q", back, want)
				}
			}
		})
	}
}

func TestMarshal(t *testing.T) {
	cal := ical.Calendar{
		ProdID: "-//Bộ Tài nguyên và Môi trường//cchc//VI",
		Name:   "Sự kiện sắp diễn ra – Chuyên trang Cải cách hành chính",
		Events: []ical.Event{
			{
				UID:         "abc@example.gov.vn",
				Stamp:       time.Date(2020, 12, 7, 0, 0, 0, 0, ict),
				Start:       time.Date(2020, 12, 18, 8, 0, 0, 0, ict),
				End:         time.Date(2020, 12, 18, 11, 30, 0, 0, ict),
				Summary:     "Hội nghị tổng kết công tác cải cách hành chính năm 2020, có khen thưởng; tổng kết",
				Description: "Dòng một\nĐơn vị tổ chức: Vụ Tổ chức cán bộ, Văn phòng Bộ",
				Location:    "Số 10 Tôn Thất Thuyết, Cầu Giấy, Hà Nội",
				URL:         "https://example.gov.vn/cchc/su-kien/hoi-nghi-tong-ket-cong-tac-cai-cach-hanh-chinh-nam-2020/",
				Categories:  []string{"Hội nghị"},
			},
			{
				UID:     "def@example.gov.vn",
				Stamp:   time.Date(2026, 2, 25, 0, 0, 0, 0, ict),
				Start:   time.Date(2026, 3, 1, 0, 0, 0, 0, ict),
				End:     time.Date(2027, 1, 1, 0, 0, 0, 0, ict),
				AllDay:  true,
				Summary: "Phong trào thi đua",
			},
			{
				UID:     "ghi@example.gov.vn",
				Stamp:   time.Date(2026, 2, 25, 0, 0, 0, 0, ict),
				Start:   time.Date(2026, 3, 1, 23, 30, 0, 0, time.UTC), // 06:30 the next day in Hà Nội
				Summary: "Không có giờ kết thúc",
			},
		},
	}
	data := cal.Marshal()
	if string(cal.Marshal()) != string(data) {
		t.Fatal("Marshal is not deterministic")
	}
	root, err := ical.Parse(data)
	if err != nil {
		t.Fatalf("Parse: %v\n%s", err, data)
	}
	for _, want := range []string{"VERSION", "PRODID", "CALSCALE", "METHOD", "X-WR-CALNAME"} {
		if _, ok := root.Get(want); !ok {
			t.Errorf("VCALENDAR has no %s", want)
		}
	}
	if tz := root.All("VTIMEZONE"); len(tz) != 1 {
		t.Errorf("%d VTIMEZONE, want 1", len(tz))
	}
	evs := root.All("VEVENT")
	if len(evs) != 3 {
		t.Fatalf("%d VEVENT, want 3", len(evs))
	}
	get := func(c *ical.Component, name string) ical.Property {
		t.Helper()
		p, ok := c.Get(name)
		if !ok {
			t.Fatalf("%s missing", name)
		}
		return p
	}
	timed := evs[0]
	if p := get(timed, "DTSTART"); p.Value != "20201218T080000" || p.Params["TZID"] != ical.TZID {
		t.Errorf("DTSTART = %+v", p)
	}
	if p := get(timed, "DTEND"); p.Value != "20201218T113000" || p.Params["TZID"] != ical.TZID {
		t.Errorf("DTEND = %+v", p)
	}
	if p := get(timed, "DTSTAMP"); p.Value != "20201206T170000Z" {
		t.Errorf("DTSTAMP = %q, want the stamp in UTC", p.Value)
	}
	if got := ical.UnescapeText(get(timed, "SUMMARY").Value); got != cal.Events[0].Summary {
		t.Errorf("SUMMARY = %q", got)
	}
	if got := ical.UnescapeText(get(timed, "DESCRIPTION").Value); got != cal.Events[0].Description {
		t.Errorf("DESCRIPTION = %q", got)
	}
	if got := get(timed, "URL").Value; got != cal.Events[0].URL {
		t.Errorf("URL = %q", got)
	}
	allDay := evs[1]
	if p := get(allDay, "DTSTART"); p.Value != "20260301" || p.Params["VALUE"] != "DATE" {
		t.Errorf("all-day DTSTART = %+v", p)
	}
	if p := get(allDay, "DTEND"); p.Value != "20270101" || p.Params["VALUE"] != "DATE" {
		t.Errorf("all-day DTEND = %+v", p)
	}
	open := evs[2]
	if p := get(open, "DTSTART"); p.Value != "20260302T063000" {
		t.Errorf("DTSTART in Asia/Ho_Chi_Minh = %q, want 20260302T063000", p.Value)
	}
	if _, ok := open.Get("DTEND"); ok {
		t.Error("an event without an end has DTEND")
	}
}

func TestMarshalEmpty(t *testing.T) {
	data := (&ical.Calendar{ProdID: "-//x//y//VI", Name: "Trống"}).Marshal()
	root, err := ical.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(root.Components) == 0 {
		t.Error("an empty calendar has no component; RFC 5545 wants at least one")
	}
}

func TestParseRejects(t *testing.T) {
	tests := []struct {
		name string
		data string
	}{
		{"LF endings", "BEGIN:VCALENDAR\nEND:VCALENDAR\n"},
		{"long line", "BEGIN:VCALENDAR\r\nX:" + strings.Repeat("a", 80) + "\r\nEND:VCALENDAR\r\n"},
		{"unclosed", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\n"},
		{"no final CRLF", "BEGIN:VCALENDAR\r\nEND:VCALENDAR"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := ical.Parse([]byte(tt.data)); err == nil {
				t.Error("Parse accepted it")
			}
		})
	}
}
