package render

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/btnmt/cchc/internal/config"
)

func TestIsBlock(t *testing.T) {
	tests := []struct {
		html string
		want bool
	}{
		{"<li><a href=\"/a/\">A</a></li>", true},
		{"\n  <header class=\"site-header\">x</header>\n", true},
		{"<li>a</li>\n<li>b</li>", true},
		{"<footer>x</footer>", true},
		{"<span>x</span>", false},           // inline: whitespace around it matters
		{"<li>a</li> và chữ", false},        // ends with text
		{"chữ <div>x</div>", false},         // starts with text
		{"<meta charset=\"utf-8\">", false}, // the head's
		{"<lii>x</lii>", false},             // not an element of the list
		{"<div>", false},                    // no end tag
		{"", false},
	}
	for _, tt := range tests {
		t.Run(tt.html, func(t *testing.T) {
			if got := isBlock(tt.html); got != tt.want {
				t.Errorf("isBlock(%q) = %v, want %v", tt.html, got, tt.want)
			}
		})
	}
}

// TestSplice checks that markers are replaced by their partials, raw or minified once, and that
// text that merely looks like a marker (another nonce, an unknown id, a broken end) stays.
func TestSplice(t *testing.T) {
	r := fragmentRenderer(t, nil)
	mark, err := r.partialBlock("partials/muc.html", "Đất đai", "dat-dai")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(mark), r.cache.marker) {
		t.Fatalf("a list item goes in as %q, not as a marker", mark)
	}
	if html, _ := r.partialCached("partials/muc.html", "Đất đai", "dat-dai"); html != "<li>Đất đai</li>" {
		t.Errorf("partialCached gives %q, want the partial's HTML", html)
	}
	forged := `<div data-cchc-f="0000000000000000-0">0000000000000000-0</div>`
	unknown := r.cache.marker + `7">` + r.cache.nonce + `-7</div>`
	broken := r.cache.marker + `0">` + r.cache.nonce + `-1</div>`
	page := []byte("<ul>" + string(mark) + string(mark) + "</ul>" + forged + unknown + broken)
	if markers, _ := r.CheckFragments(page); markers != 2 {
		t.Fatalf("CheckFragments counts %d markers, want 2", markers)
	}
	var raw bytes.Buffer
	r.Splice(&raw, page, nil)
	if want := "<ul><li>Đất đai</li><li>Đất đai</li></ul>" + forged + unknown + broken; raw.String() != want {
		t.Errorf("raw:\ngot  %s\nwant %s", raw.String(), want)
	}
	calls := 0
	var min bytes.Buffer
	r.Splice(&min, page, func(b []byte) []byte { calls++; return bytes.ToUpper(b) })
	if want := "<ul><LI>ĐẤT ĐAI</LI><LI>ĐẤT ĐAI</LI></ul>" + forged + unknown + broken; min.String() != want || calls != 1 {
		t.Errorf("minified (%d calls):\ngot  %s\nwant %s", calls, min.String(), want)
	}
	var ids []int
	r.Fragments(page, func(id int, html template.HTML) { ids = append(ids, id) })
	if fmt.Sprint(ids) != "[0 0]" {
		t.Errorf("Fragments gave ids %v, want [0 0]", ids)
	}
	r.ResetCache()
	var after bytes.Buffer
	r.Splice(&after, page, nil)
	if after.String() != string(page) {
		t.Errorf("after ResetCache the markers of the last build are replaced: %s", after.String())
	}
}

// TestPartialBlockPlaces renders partialBlock where HTML goes and where it does not: in text the
// page is whole once spliced; in an attribute, <title>, <textarea> or <script>, Execute fails
// with a message that says where partialBlock may go.
func TestPartialBlockPlaces(t *testing.T) {
	tests := []struct {
		name, layout, want string
	}{
		{"giữa các thẻ", `<ul>{{partialBlock "partials/muc.html" .}}</ul>`, "<ul><li>Đất đai</li></ul>"},
		{"khối trong khối", `<div><p>x</p>{{partialBlock "partials/muc.html" .}}</div>`, "<div><p>x</p><li>Đất đai</li></div>"},
		{"thuộc tính", `<p title="{{partialBlock "partials/muc.html" .}}">x</p>`, ""},
		{"title", `<title>{{partialBlock "partials/muc.html" .}}</title>`, ""},
		{"textarea", `<textarea>{{partialBlock "partials/muc.html" .}}</textarea>`, ""},
		{"script", `<script>var m = {{partialBlock "partials/muc.html" .}};</script>`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := fragmentRenderer(t, map[string]string{"_default/single.html": tt.layout})
			var b bytes.Buffer
			err := r.Execute(&b, "_default/single.html", "Đất đai")
			if tt.want == "" {
				if err == nil || !strings.Contains(err.Error(), "partialBlock chỉ dùng được ở chỗ đặt HTML") {
					t.Errorf("err = %v, want the message about where partialBlock goes; page %q", err, b.String())
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if b.String() != tt.want {
				t.Errorf("page %q, want %q", b.String(), tt.want)
			}
		})
	}
}

// fragmentRenderer returns a renderer of a theme with the list item partials/muc.html and the
// layouts given.
func fragmentRenderer(t *testing.T, layouts map[string]string) *Renderer {
	t.Helper()
	theme := fstest.MapFS{
		"partials/muc.html":    &fstest.MapFile{Data: []byte("<li>{{.}}</li>")},
		"_default/baseof.html": &fstest.MapFile{Data: []byte(`{{block "main" .}}{{end}}`)},
	}
	for name, src := range layouts {
		theme[name] = &fstest.MapFile{Data: []byte(`{{define "main"}}` + src + `{{end}}`)}
	}
	r, err := New(nil, theme, config.Default())
	if err != nil {
		t.Fatal(err)
	}
	return r
}
