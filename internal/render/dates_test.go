package render_test

import (
	"testing"
	"time"

	"github.com/btnmt/cchc/internal/decode"
	"github.com/btnmt/cchc/internal/render"
)

func vn(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, decode.Location)
}

func TestDateLong(t *testing.T) {
	tests := []struct {
		name string
		in   time.Time
		want string
	}{
		{"tháng 3", vn(2020, 3, 16, 0, 0), "ngày 16 tháng 3 năm 2020"},
		{"ngày nhỏ hơn 10 có số 0", vn(2020, 7, 5, 0, 0), "ngày 05 tháng 7 năm 2020"},
		{"tháng 1 có số 0", vn(2020, 1, 22, 0, 0), "ngày 22 tháng 01 năm 2020"},
		{"tháng 2 có số 0", vn(2020, 2, 1, 0, 0), "ngày 01 tháng 02 năm 2020"},
		{"tháng 10 không thêm", vn(2020, 10, 10, 0, 0), "ngày 10 tháng 10 năm 2020"},
		{"tháng 12", vn(2020, 12, 31, 23, 59), "ngày 31 tháng 12 năm 2020"},
		{"giờ UTC tối 15/03 là 16/03 ở Việt Nam", time.Date(2020, 3, 15, 20, 0, 0, 0, time.UTC), "ngày 16 tháng 3 năm 2020"},
		{"giờ UTC 31/12 là năm mới ở Việt Nam", time.Date(2020, 12, 31, 18, 0, 0, 0, time.UTC), "ngày 01 tháng 01 năm 2021"},
		{"không có ngày", time.Time{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := render.DateLong(tt.in); got != tt.want {
				t.Errorf("DateLong(%v) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestDateWeekday(t *testing.T) {
	newYork, err := time.LoadLocation("America/New_York")
	if err != nil {
		newYork = time.FixedZone("EDT", -4*3600)
	}
	tests := []struct {
		name string
		in   time.Time
		want string
	}{
		{"Chủ Nhật", vn(2020, 3, 15, 9, 0), "Chủ Nhật, 15/03/2020"},
		{"Thứ Hai", vn(2020, 3, 16, 9, 0), "Thứ Hai, 16/03/2020"},
		{"Thứ Ba", vn(2020, 3, 17, 9, 0), "Thứ Ba, 17/03/2020"},
		{"Thứ Tư", vn(2020, 3, 18, 9, 0), "Thứ Tư, 18/03/2020"},
		{"Thứ Năm", vn(2020, 3, 19, 9, 0), "Thứ Năm, 19/03/2020"},
		{"Thứ Sáu", vn(2020, 3, 20, 9, 0), "Thứ Sáu, 20/03/2020"},
		{"Thứ Bảy", vn(2020, 3, 21, 9, 0), "Thứ Bảy, 21/03/2020"},
		{"UTC tối Chủ Nhật là sáng Thứ Hai", time.Date(2020, 3, 15, 17, 30, 0, 0, time.UTC), "Thứ Hai, 16/03/2020"},
		{"UTC trước nửa đêm Việt Nam", time.Date(2020, 3, 15, 16, 59, 0, 0, time.UTC), "Chủ Nhật, 15/03/2020"},
		{"giờ New York", time.Date(2020, 3, 15, 13, 0, 0, 0, newYork), "Thứ Hai, 16/03/2020"},
		{"không có ngày", time.Time{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := render.DateWeekday(tt.in); got != tt.want {
				t.Errorf("DateWeekday(%v) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestShortDates(t *testing.T) {
	late := time.Date(2020, 3, 15, 20, 5, 0, 0, time.UTC) // 03:05 on 16/03 in Vietnam
	tests := []struct {
		name string
		f    func(time.Time) string
		in   time.Time
		want string
	}{
		{"DateShort", render.DateShort, vn(2020, 3, 6, 8, 30), "06/03/2020"},
		{"DateShort UTC", render.DateShort, late, "16/03/2020"},
		{"DateShort rỗng", render.DateShort, time.Time{}, ""},
		{"DateTimeShort", render.DateTimeShort, vn(2020, 3, 16, 8, 30), "08:30, 16/03/2020"},
		{"DateTimeShort UTC", render.DateTimeShort, late, "03:05, 16/03/2020"},
		{"DateTimeShort rỗng", render.DateTimeShort, time.Time{}, ""},
		{"DateISO", render.DateISO, vn(2020, 3, 16, 8, 30), "2020-03-16T08:30:00+07:00"},
		{"DateISO UTC", render.DateISO, late, "2020-03-16T03:05:00+07:00"},
		{"DateISO rỗng", render.DateISO, time.Time{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.f(tt.in); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestFrontMatterDateRendering joins decode and render: a date written without a zone keeps
// its day, whatever the zone of the machine that builds.
func TestFrontMatterDateRendering(t *testing.T) {
	for _, in := range []string{"2020-03-16", "2020-03-16T00:00:00", "2020-03-16T23:59:59", "2020-03-15T17:00:00Z"} {
		t.Run(in, func(t *testing.T) {
			d, err := decode.ParseDate(in)
			if err != nil {
				t.Fatal(err)
			}
			if got := render.DateShort(d.Time); got != "16/03/2020" {
				t.Errorf("DateShort = %q, want 16/03/2020", got)
			}
			if got := render.DateWeekday(d.Time); got != "Thứ Hai, 16/03/2020" {
				t.Errorf("DateWeekday = %q", got)
			}
		})
	}
}

func TestDayISO(t *testing.T) {
	tests := []struct {
		name string
		in   time.Time
		want string
	}{
		{"ngày ở Việt Nam", vn(2020, 3, 16, 8, 30), "2020-03-16"},
		{"giờ UTC tối 15/03 là 16/03 ở Việt Nam", time.Date(2020, 3, 15, 20, 0, 0, 0, time.UTC), "2020-03-16"},
		{"không có ngày", time.Time{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := render.DayISO(tt.in); got != tt.want {
				t.Errorf("DayISO(%v) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
