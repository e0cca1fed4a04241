package build_test

import (
	"bytes"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"html/template"

	"github.com/btnmt/cchc"
	"github.com/btnmt/cchc/internal/build"
	"github.com/btnmt/cchc/internal/render"
)

// TestPartialsLikeLayouts checks the partials of the default theme written in Go against the
// layouts that write the same (partials/*-mau.html), for every page of the example site and of
// the test sites: home, sections and their numbered pages, terms, articles with and without a
// description, tags or a last change, and the generated pages.
func TestPartialsLikeLayouts(t *testing.T) {
	partials := []struct{ layout, inGo string }{
		{"partials/head-mau.html", "\n{{headMeta .}}"},
		{"partials/page-meta-mau.html", "{{pageMeta .}}"},
		{"partials/terms-mau.html", "{{pageTerms .}}"},
	}
	srcs := make([][]byte, len(partials))
	for i, pt := range partials {
		var err error
		if srcs[i], err = fs.ReadFile(cchc.ThemeLayouts(), pt.layout); err != nil {
			t.Fatal(err)
		}
	}
	sites := []struct{ dir, baseURL string }{
		{filepath.Join("..", ".."), ""},
		{filepath.Join("testdata", "golden-site"), ""},
		// A base path that URLs and text escape differently.
		{filepath.Join("testdata", "golden-site"), "https://example.gov.vn/cải cách (thử)/"},
		{"site-noi-dung", ""},
		{filepath.Join("testdata", "golden-tthc"), "http://localhost:1313/a'b&c/"},
		{filepath.Join("testdata", "search-site"), ""},
	}
	for _, site := range sites {
		dir := site.dir
		t.Run(filepath.Base(dir)+" "+site.baseURL, func(t *testing.T) {
			if dir == "site-noi-dung" {
				dir = noiDungSite(t) // with its attachments
			}
			res, err := build.Build(build.Options{Source: dir, Dest: filepath.Join(t.TempDir(), "public"), ThemeLayouts: cchc.ThemeLayouts(),
				ThemeStatic: cchc.ThemeStatic(), Now: time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC), Future: true, BaseURL: site.baseURL})
			if err != nil {
				t.Fatal(err)
			}
			funcs := render.Funcs(res.Site.Config)
			layouts := make([][2]*template.Template, len(partials)) // the layout, the call of the Go function
			for i, pt := range partials {
				layouts[i][0] = template.Must(template.New(pt.layout).Funcs(funcs).Parse(string(srcs[i])))
				layouts[i][1] = template.Must(template.New("go").Funcs(funcs).Parse(pt.inGo))
			}
			kinds := map[string]bool{}
			for _, p := range res.Site.All {
				for i, pt := range partials {
					layout, inGo := layouts[i][0], layouts[i][1]
					var want, got bytes.Buffer
					if err := layout.Execute(&want, p); err != nil {
						t.Fatalf("%s, %s: %v", p.URL, pt.layout, err)
					}
					if err := inGo.Execute(&got, p); err != nil {
						t.Fatalf("%s, %s: %v", p.URL, pt.layout, err)
					}
					if got.String() != want.String() {
						t.Errorf("%s, %s:\ngot  %q\nwant %q", p.URL, pt.layout, got.String(), want.String())
					}
				}
				kinds[string(p.Type)] = true
				if p.Pager != nil && p.Pager.Number > 1 {
					kinds["trang-2"] = true
				}
			}
			if len(res.Site.All) < 10 {
				t.Errorf("only %d pages: the test needs more", len(res.Site.All))
			}
			var names []string
			for k := range kinds {
				names = append(names, k)
			}
			sort.Strings(names)
			t.Logf("%d pages, kinds %s", len(res.Site.All), strings.Join(names, " "))
		})
	}
}
