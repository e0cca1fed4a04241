package render

import (
	"fmt"
	"time"

	"github.com/btnmt/cchc/internal/decode"
)

var weekdays = [...]string{"Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"}

// DateLong formats t the way Vietnamese documents write dates: "ngày 16 tháng 3 năm 2020".
// As Nghị định 30/2020/NĐ-CP requires, days below 10 and the months 1 and 2 take a leading zero
// ("ngày 05 tháng 01 năm 2020"), so that no digit can be added in front.
func DateLong(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(decode.Location)
	month := fmt.Sprint(int(t.Month()))
	if t.Month() < time.March {
		month = "0" + month
	}
	return fmt.Sprintf("ngày %02d tháng %s năm %d", t.Day(), month, t.Year())
}

// DateWeekday formats t with its weekday, as news sites do: "Thứ Hai, 16/03/2020".
func DateWeekday(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(decode.Location)
	return weekdays[t.Weekday()] + ", " + t.Format("02/01/2006")
}

// DateShort formats t as "16/03/2020".
func DateShort(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(decode.Location).Format("02/01/2006")
}

// DateTimeShort formats t as "08:30, 16/03/2020".
func DateTimeShort(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(decode.Location).Format("15:04, 02/01/2006")
}

// DateISO formats t for a <time datetime> attribute: "2020-03-16T08:30:00+07:00".
func DateISO(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(decode.Location).Format(time.RFC3339)
}

// DayISO formats the day of t in Asia/Ho_Chi_Minh as "2006-01-02", for <time datetime> where
// the day is what counts (the build's "as of" date: its hour would make two builds of one
// day differ).
func DayISO(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(decode.Location).Format(time.DateOnly)
}
