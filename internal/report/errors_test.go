package report_test

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"testing"

	"github.com/btnmt/cchc/internal/report"
)

func TestFileErrorString(t *testing.T) {
	tests := []struct {
		name string
		err  *report.FileError
		want string
	}{
		{"có dòng", &report.FileError{Path: "content/tin-tuc/x.md", Line: 3, Err: errors.New("thiếu \"title\"")}, "content/tin-tuc/x.md:3: thiếu \"title\""},
		{"cả tệp", &report.FileError{Path: "site.yaml", Err: errors.New("lỗi")}, "site.yaml: lỗi"},
		{"Errorf", report.Errorf("layouts/_default/single.html", 12, "lỗi mẫu trang: %s", "abc"), "layouts/_default/single.html:12: lỗi mẫu trang: abc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFileErrorUnwrap(t *testing.T) {
	e := report.Errorf("content/x.md", 1, "không đọc được: %w", fs.ErrNotExist)
	if !errors.Is(e, fs.ErrNotExist) {
		t.Error("errors.Is does not see through FileError")
	}
	var fe *report.FileError
	if !errors.As(fmt.Errorf("bọc: %w", e), &fe) || fe != e {
		t.Error("errors.As does not find a wrapped FileError")
	}
}

func TestErrorListAdd(t *testing.T) {
	var l report.ErrorList
	l.Add(nil)
	if len(l) != 0 || l.Err() != nil {
		t.Fatalf("Add(nil) added something: %v", l)
	}
	fe := report.Errorf("content/a.md", 2, "một")
	l.Add(fe)
	l.Add(fmt.Errorf("bọc: %w", report.Errorf("content/b.md", 1, "hai")))
	l.Add(report.ErrorList{report.Errorf("content/c.md", 1, "ba"), report.Errorf("content/c.md", 2, "bốn")})
	l.Add(errors.New("năm"))
	if len(l) != 5 {
		t.Fatalf("len = %d, want 5: %v", len(l), l)
	}
	if l[0] != fe {
		t.Error("a FileError is not kept as it is")
	}
	if l[1].Path != "content/b.md" {
		t.Errorf("wrapped FileError lost its path: %+v", l[1])
	}
	if l[4].Path != "" || l[4].Line != 0 || l[4].Err.Error() != "năm" {
		t.Errorf("plain error = %+v", l[4])
	}
	if l.Err() == nil {
		t.Error("Err() is nil for a non-empty list")
	}
}

func TestErrorListSort(t *testing.T) {
	l := report.ErrorList{
		report.Errorf("content/tin-tuc/b.md", 10, "z"),
		report.Errorf("content/tin-tuc/b.md", 2, "y"),
		report.Errorf("content/tin-tuc/a.md", 5, "x"),
		report.Errorf("content/tin-tuc/b.md", 2, "a"),
		report.Errorf("content/tin-tuc/b.md", 2, "y"),
		report.Errorf("", 0, "không thuộc tệp nào"),
	}
	l.Sort()
	want := []string{
		": không thuộc tệp nào",
		"content/tin-tuc/a.md:5: x",
		"content/tin-tuc/b.md:2: a",
		"content/tin-tuc/b.md:2: y",
		"content/tin-tuc/b.md:10: z",
	}
	if got := strings.Split(l.Error(), "\n"); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("sorted:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestErrorListEmpty(t *testing.T) {
	var l report.ErrorList
	l.Sort()
	if l.Err() != nil || l.Error() != "" {
		t.Errorf("empty list: Err %v, Error %q", l.Err(), l.Error())
	}
	var err error = l.Err()
	if err != nil {
		t.Error("Err() of an empty list is a non-nil error interface")
	}
}
