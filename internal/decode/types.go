package decode

import (
	"fmt"
	"strings"
	"time"
)

// Location is the time zone of every date of the site: a date written without a zone is in it.
var Location = mustLoadLocation()

func mustLoadLocation() *time.Location {
	if loc, err := time.LoadLocation("Asia/Ho_Chi_Minh"); err == nil {
		return loc
	}
	// Vietnam has kept UTC+7 without daylight saving since 1975.
	return time.FixedZone("ICT", 7*3600)
}

// Date is a front matter date: "YYYY-MM-DD", or RFC 3339 with or without a zone. Without a zone
// it is in Asia/Ho_Chi_Minh. The zero Date means the key was not set.
type Date struct {
	time.Time
	HasClock bool // written with a time of day
	Line     int  // line of the value in the file, 0 when not set
}

// IsSet tells whether the key was written.
func (d Date) IsSet() bool { return !d.Time.IsZero() }

var dateLayouts = []struct {
	layout string
	zone   bool
	clock  bool
}{
	{"2006-01-02", false, false},
	{time.RFC3339, true, true},
	{time.RFC3339Nano, true, true},
	{"2006-01-02T15:04:05", false, true},
	{"2006-01-02 15:04:05", false, true},
	{"2006-01-02T15:04", false, true},
	{"2006-01-02 15:04", false, true},
	{"2006-01-02 15:04:05Z07:00", true, true},
	{"2006-01-02 15:04:05 -07:00", true, true},
}

// ParseDate parses a date as the contract allows; the message of its error is for editors.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	for _, l := range dateLayouts {
		var t time.Time
		var err error
		if l.zone {
			t, err = time.Parse(l.layout, s)
		} else {
			t, err = time.ParseInLocation(l.layout, s, Location)
		}
		if err == nil {
			return Date{Time: t.In(Location), HasClock: l.clock}, nil
		}
	}
	return Date{}, fmt.Errorf("ngày %q không hợp lệ; hãy viết dạng YYYY-MM-DD (ví dụ 2020-03-16) hoặc RFC 3339 (ví dụ 2020-03-16T08:30:00+07:00), với tháng từ 01 đến 12 và ngày có thật", s)
}

func (d *Date) decodeNode(n *node) error {
	if n.kind != scalarNode || (n.tag != tagString && n.tag != tagQuoted && n.tag != tagTime) {
		return fmt.Errorf("phải là một ngày dạng YYYY-MM-DD, không phải %s", n.describe())
	}
	v, err := ParseDate(n.value)
	if err != nil {
		return err
	}
	v.Line = n.line
	*d = v
	return nil
}

// Strings is a value that editors may write as one string or as a list of strings
// (`linh_vuc: Đất đai` or `linh_vuc: [Đất đai, Môi trường]`). Empty items are dropped.
type Strings []string

func (s *Strings) decodeNode(n *node) error {
	var out Strings
	add := func(c *node) error {
		if c.kind != scalarNode {
			return fmt.Errorf("mỗi mục phải là một chuỗi, không phải %s", c.describe())
		}
		if v := strings.TrimSpace(c.value); v != "" {
			out = append(out, v)
		}
		return nil
	}
	switch n.kind {
	case nullNode:
	case scalarNode:
		if err := add(n); err != nil {
			return err
		}
	case seqNode:
		for _, c := range n.items {
			if err := add(c); err != nil {
				return err
			}
		}
	default:
		return fmt.Errorf("phải là một chuỗi hoặc một danh sách chuỗi, không phải %s", n.describe())
	}
	*s = out
	return nil
}

// Code is an identifier that looks like a number but is not one (a procedure code "1.004227",
// a document number "1234/QĐ-BTNMT"): it must be written as a quoted string, since YAML would
// read 1.004227 as the number 1.004227 and 1.10 as 1.1.
type Code string

func (c *Code) decodeNode(n *node) error {
	if n.kind != scalarNode {
		return fmt.Errorf("phải là một mã viết trong ngoặc kép, không phải %s", n.describe())
	}
	if n.tag == tagInt || n.tag == tagFloat {
		return fmt.Errorf("là mã nên phải viết trong ngoặc kép, ví dụ \"%s\" (không có ngoặc, %s bị đọc thành số và có thể mất chữ số 0)", n.value, n.value)
	}
	*c = Code(strings.TrimSpace(n.value))
	return nil
}

// Enum is a string type whose values are listed; decoding rejects other values.
type Enum interface {
	Allowed() []string
}
