package publish

import (
	"bytes"
	"os"
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

// TestWriteMinified checks that a file written already minified is written as it is, on disk and
// in memory, minification on, and that its path is claimed as any other.
func TestWriteMinified(t *testing.T) {
	data := []byte("<p>Đã thu gọn,   khoảng trắng giữ nguyên</p>\n")
	dir, err := NewDir(t.TempDir()+"/public", Options{Minify: true})
	if err != nil {
		t.Fatal(err)
	}
	mem := NewMemory(Options{Minify: true})
	for _, tg := range []struct {
		name string
		t    Target
		get  func() []byte
	}{
		{"Dir", dir, func() []byte {
			b, err := os.ReadFile(dir.path("a/index.html"))
			if err != nil {
				t.Fatal(err)
			}
			return b
		}},
		{"Memory", mem, func() []byte { b, _ := mem.Get("a/index.html"); return b }},
	} {
		t.Run(tg.name, func(t *testing.T) {
			if err := tg.t.WriteMinified("a/index.html", data); err != nil {
				t.Fatal(err)
			}
			if got := tg.get(); !bytes.Equal(got, data) {
				t.Errorf("got %q, want %q", got, data)
			}
			if err := tg.t.WriteMinified("a/index.html", data); err == nil {
				t.Error("a second write to the same path succeeded")
			}
			if err := tg.t.WriteMinified("../b.html", data); err == nil {
				t.Error("a path out of the output was written")
			}
		})
	}
	if err := dir.Abort(); err != nil {
		t.Fatal(err)
	}
}
