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
			if got := isBlock([]byte(tt.html)); got != tt.want {
				t.Errorf("isBlock(%q) = %v, want %v", tt.html, got, tt.want)
			}
		})
	}
}

// TestSplice checks that markers are replaced by their partials, raw or minified once, and that
// text that merely looks like a marker (another nonce, an unknown id, a broken end) stays.
func TestSplice(t *testing.T) {
	r, err := New(nil, fstest.MapFS{"partials/muc.html": &fstest.MapFile{Data: []byte("<li>{{.}}</li>")}, "_default/baseof.html": &fstest.MapFile{Data: []byte("{{block \"main\" .}}{{end}}")}}, config.Default())
	if err != nil {
		t.Fatal(err)
	}
	mark, err := r.partialCached("partials/muc.html", "Đất đai", "dat-dai")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(mark), r.cache.marker) {
		t.Fatalf("a list item goes in as %q, not as a marker", mark)
	}
	forged := `<div data-cchc-f="0000000000000000-0"></div>`
	unknown := r.cache.marker + `7"></div>`
	broken := r.cache.marker + `0">`
	page := []byte("<ul>" + string(mark) + string(mark) + "</ul>" + forged + unknown + broken)
	if !r.HasFragments(page) {
		t.Fatal("HasFragments = false")
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
