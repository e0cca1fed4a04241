package render_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/btnmt/cchc/internal/render"
	"github.com/btnmt/cchc/internal/site"
)

func TestPartialCached(t *testing.T) {
	s := mustSite(t, "/", map[string]string{
		"tin-tuc/a.md": fm("Bài A", "2020-03-16"),
		"tin-tuc/b.md": fm("Bài B", "2020-03-17"),
	})
	a, _ := s.BySource("tin-tuc/a.md")
	b, _ := s.BySource("tin-tuc/b.md")
	tests := []struct {
		name    string
		files   map[string]string
		want    [2]string // the output for page a, then for page b
		wantErr string
	}{
		{"không khoá: chạy một lần cho mọi trang",
			map[string]string{"_default/single.html": `{{partialCached "partials/p.html" .}}`, "partials/p.html": `<p>{{.Title}}</p>`},
			[2]string{"<p>Bài A</p>", "<p>Bài A</p>"}, ""},
		{"khoá theo trang",
			map[string]string{"_default/single.html": `{{partialCached "partials/p.html" . .URL}}`, "partials/p.html": `<p>{{.Title}}</p>`},
			[2]string{"<p>Bài A</p>", "<p>Bài B</p>"}, ""},
		{"khoá không phải chuỗi",
			map[string]string{"_default/single.html": `{{partialCached "partials/p.html" . .Date.Day}}`, "partials/p.html": `<p>{{.Title}}</p>`},
			[2]string{"<p>Bài A</p>", "<p>Bài B</p>"}, ""},
		{"kết quả là HTML, không bị thoát lần nữa",
			map[string]string{"_default/single.html": `<div>{{partialCached "partials/p.html" .}}</div>`, "partials/p.html": `<a href="/x?a=1&amp;b=2">{{"<&>"}}</a>`},
			[2]string{`<div><a href="/x?a=1&amp;b=2">&lt;&amp;&gt;</a></div>`, `<div><a href="/x?a=1&amp;b=2">&lt;&amp;&gt;</a></div>`}, ""},
		{"mẫu con không có",
			map[string]string{"_default/single.html": `{{partialCached "partials/khong-co.html" .}}`},
			[2]string{}, "không có mẫu con"},
		{"gọi lồng nhau bị từ chối",
			map[string]string{"_default/single.html": `{{partialCached "partials/p.html" .}}`, "partials/p.html": `{{partialCached "partials/p.html" .}}`},
			[2]string{}, "không được gọi partialCached"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := render.New(layouts(tt.files), nil, s.Config)
			if err != nil {
				t.Fatal(err)
			}
			r.ResetCache()
			for i, p := range []*site.Page{a, b} {
				var out bytes.Buffer
				err := r.Render(&out, p)
				if tt.wantErr != "" {
					if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
						t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				if got := out.String(); got != tt.want[i] {
					t.Errorf("page %d: got %q, want %q", i, got, tt.want[i])
				}
			}
		})
	}
}

// TestPartialCachedReset checks that ResetCache forgets what partials showed: a preview rebuild
// after a title change must not show the old title.
func TestPartialCachedReset(t *testing.T) {
	s := mustSite(t, "/", map[string]string{"tin-tuc/a.md": fm("Tên cũ", "2020-03-16")})
	a, _ := s.BySource("tin-tuc/a.md")
	r, err := render.New(layouts(map[string]string{"_default/single.html": `{{partialCached "partials/p.html" .}}`, "partials/p.html": `{{.Title}}`}), nil, s.Config)
	if err != nil {
		t.Fatal(err)
	}
	render1 := func() string {
		t.Helper()
		var out bytes.Buffer
		if err := r.Render(&out, a); err != nil {
			t.Fatal(err)
		}
		return out.String()
	}
	if got := render1(); got != "Tên cũ" {
		t.Fatalf("got %q", got)
	}
	a.Title = "Tên mới"
	if got := render1(); got != "Tên cũ" {
		t.Fatalf("without a reset the cached output stays: got %q", got)
	}
	r.ResetCache()
	if got := render1(); got != "Tên mới" {
		t.Errorf("after ResetCache got %q, want the new title", got)
	}
}
