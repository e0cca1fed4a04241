package publish

import (
	"bytes"
	"testing"
)

// testSplicer puts a list item in the place of "@@": minified when the page was.
type testSplicer struct{}

func (testSplicer) Splice(dst *bytes.Buffer, page []byte, minified bool) {
	item := "<li>\n  Đất   đai\n</li>"
	if minified {
		item = "<li>Đất đai</li>"
	}
	dst.Write(bytes.ReplaceAll(page, []byte("@@"), []byte(item)))
}

func TestWritePage(t *testing.T) {
	page := []byte("<!doctype html>\n<html lang=\"vi\">\n<body>\n  <ul>\n    @@\n  </ul>\n</body>\n</html>\n")
	tests := []struct {
		name   string
		minify bool
		rel    string
		want   string
	}{
		{"thu gọn", true, "a/index.html", "<!doctype html><html lang=\"vi\"><body><ul><li>Đất đai</li></ul></body></html>"},
		{"không thu gọn", false, "a/index.html", string(bytes.ReplaceAll(page, []byte("@@"), []byte("<li>\n  Đất   đai\n</li>")))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := NewMemory(Options{Minify: tt.minify})
			if err := m.WritePage(tt.rel, page, testSplicer{}); err != nil {
				t.Fatal(err)
			}
			got, _ := m.Get(tt.rel)
			if string(got) != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
			if err := m.WritePage(tt.rel, page, testSplicer{}); err == nil {
				t.Error("a second write to the same path succeeded")
			}
		})
	}
	// An output that is not HTML gets its fragments first, then is minified by its type.
	m := NewMemory(Options{Minify: true})
	if err := m.WritePage("a.xml", []byte("<a>\n  @@\n</a>"), testSplicer{}); err != nil {
		t.Fatal(err)
	}
	if got, _ := m.Get("a.xml"); bytes.Contains(got, []byte("@@")) || bytes.Contains(got, []byte("\n  ")) {
		t.Errorf("a.xml: %q, want the fragment in and minified as XML", got)
	}
}
