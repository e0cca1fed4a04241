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

// TestHeadLikeLayout checks the head written in Go ({{headMeta .}}, in partials/head.html)
// against the theme's partial that writes the same in a layout (partials/head-trang.html), for
// every page of the example site and of the test sites: home, sections and their numbered
// pages, terms, articles with and without a description, and the generated pages.
func TestHeadLikeLayout(t *testing.T) {
	src, err := fs.ReadFile(cchc.ThemeLayouts(), "partials/head-trang.html")
	if err != nil {
		t.Fatal(err)
	}
	sites := []string{filepath.Join("..", ".."), filepath.Join("testdata", "golden-site"), "site-noi-dung", filepath.Join("testdata", "golden-tthc"), filepath.Join("testdata", "search-site")}
	for _, dir := range sites {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			if dir == "site-noi-dung" {
				dir = noiDungSite(t) // with its attachments
			}
			res, err := build.Build(build.Options{Source: dir, Dest: filepath.Join(t.TempDir(), "public"), ThemeLayouts: cchc.ThemeLayouts(),
				ThemeStatic: cchc.ThemeStatic(), Now: time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC), Future: true})
			if err != nil {
				t.Fatal(err)
			}
			set := template.New("").Funcs(render.Funcs(res.Site.Config))
			layout := template.Must(set.New("layout").Parse(string(src)))
			inGo := template.Must(set.New("go").Parse("\n{{headMeta .}}"))
			kinds := map[string]bool{}
			for _, p := range res.Site.All {
				var want, got bytes.Buffer
				if err := layout.Execute(&want, p); err != nil {
					t.Fatalf("%s: %v", p.URL, err)
				}
				if err := inGo.Execute(&got, p); err != nil {
					t.Fatalf("%s: %v", p.URL, err)
				}
				if got.String() != want.String() {
					t.Errorf("%s:\ngot  %s\nwant %s", p.URL, got.String(), want.String())
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
