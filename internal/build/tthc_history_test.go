package build

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/btnmt/cchc"
	"github.com/btnmt/cchc/internal/config"
	"github.com/btnmt/cchc/internal/decode"
	"github.com/btnmt/cchc/internal/publish"
	"github.com/btnmt/cchc/internal/render"
	"github.com/btnmt/cchc/internal/tthc"
)

// TestRowsLikeLayouts checks the procedures' states and history events written in Go against
// the theme's partials that write the same markup (partials/tthc-trang-thai.html and
// partials/tthc-su-kien.html), for every procedure of testdata/golden-tthc at two dates: one
// with changes still to come and one after them all.
func TestRowsLikeLayouts(t *testing.T) {
	for _, now := range []time.Time{time.Date(2021, 1, 1, 0, 0, 0, 0, decode.Location), time.Date(2030, 1, 1, 0, 0, 0, 0, decode.Location)} {
		res, err := Build(Options{Source: filepath.Join("testdata", "golden-tthc"), Dest: filepath.Join(t.TempDir(), "public"),
			ThemeLayouts: cchc.ThemeLayouts(), ThemeStatic: cchc.ThemeStatic(), Now: now, Future: true})
		if err != nil {
			t.Fatal(err)
		}
		partials := themePartials(t, res.Site.Config)
		states, events := map[tthc.State]bool{}, map[tthc.Change]bool{}
		notices := 0
		for _, p := range res.Site.All {
			if n, ok := p.Data.(*TTHCNotice); ok {
				notices++
				var want bytes.Buffer
				if err := partials.ExecuteTemplate(&want, "partials/tthc-quyet-dinh.html", n); err != nil {
					t.Fatal(err)
				}
				if got := string(n.DecisionHTML()); !sameMinified(got, want.String()) {
					t.Errorf("%s at %s, decision:\ngot  %s\nwant %s", p.URL, now.Format(time.DateOnly), got, publish.MinifyHTML(want.Bytes()))
				}
				want.Reset()
				if err := partials.ExecuteTemplate(&want, "partials/tthc-thong-bao-meta.html", n); err != nil {
					t.Fatal(err)
				}
				if got := string(n.MetaHTML()); !sameMinified(got, want.String()) {
					t.Errorf("%s at %s, meta:\ngot  %s\nwant %s", p.URL, now.Format(time.DateOnly), got, publish.MinifyHTML(want.Bytes()))
				}
				want.Reset()
				for _, g := range n.TableGroups() {
					if err := partials.ExecuteTemplate(&want, "partials/tthc-nhom.html", g); err != nil {
						t.Fatal(err)
					}
				}
				if got := string(n.GroupsHTML()); !sameMinified(got, want.String()) {
					t.Errorf("%s at %s, groups:\ngot  %s\nwant %s", p.URL, now.Format(time.DateOnly), got, publish.MinifyHTML(want.Bytes()))
				}
			}
			d, ok := p.Data.(*TTHCProcedure)
			if !ok {
				continue
			}
			states[d.Status.State] = true
			var want bytes.Buffer
			if err := partials.ExecuteTemplate(&want, "partials/tthc-trang-thai.html", d.Status); err != nil {
				t.Fatal(err)
			}
			var got strings.Builder
			writeStatus(&got, d.Status, d.relURL)
			if !sameMinified(got.String(), want.String()) {
				t.Errorf("%s at %s, state:\ngot  %s\nwant %s", d.Code, now.Format(time.DateOnly), got.String(), want.String())
			}
			for _, c := range []struct {
				partial string
				got     template.HTML
			}{{"partials/tthc-thong-tin.html", d.InfoRowsHTML()}, {"partials/tthc-hien-trang.html", d.StateHTML()}} {
				want.Reset()
				if err := partials.ExecuteTemplate(&want, c.partial, d); err != nil {
					t.Fatal(err)
				}
				if !sameMinified(string(c.got), want.String()) {
					t.Errorf("%s at %s, %s:\ngot  %s\nwant %s", d.Code, now.Format(time.DateOnly), c.partial, c.got, want.String())
				}
			}
			for _, e := range d.History {
				events[e.Change] = true
				want.Reset()
				if err := partials.ExecuteTemplate(&want, "partials/tthc-su-kien.html", e); err != nil {
					t.Fatal(err)
				}
				if got := string(d.EventHTML(e)); !sameMinified(got, want.String()) {
					t.Errorf("%s at %s, event %s:\ngot  %s\nwant %s", d.Code, now.Format(time.DateOnly), e.Change, got, want.String())
				}
			}
		}
		if notices < 4 {
			t.Errorf("at %s the site has %d notices: the test needs more of them", now.Format(time.DateOnly), notices)
		}
		if len(states) < 4 || len(events) < 4 {
			t.Errorf("at %s the site shows only the states %v and the events %v: the test needs more of them", now.Format(time.DateOnly), states, events)
		}
	}
}

// sameMinified tells whether HTML written in Go is what the minifier makes of the same HTML
// written by a layout: it is written as a minified page holds it (see render's htmlBlock).
func sameMinified(goHTML, layoutHTML string) bool {
	return goHTML == string(publish.MinifyHTML([]byte(layoutHTML)))
}

// themePartials parses the default theme's partials of the registry with the layouts' functions.
func themePartials(t *testing.T, cfg *config.Config) *template.Template {
	t.Helper()
	theme := cchc.ThemeLayouts()
	set := template.New("").Funcs(render.Funcs(cfg)).Funcs(template.FuncMap{"htmlBlock": func(h template.HTML) template.HTML { return h }})
	for _, n := range []string{"partials/tthc-trang-thai.html", "partials/tthc-nhan.html", "partials/tthc-su-kien.html", "partials/tthc-thong-tin.html", "partials/tthc-hien-trang.html", "partials/tthc-quyet-dinh.html", "partials/tthc-nhom.html", "partials/tthc-thong-bao-meta.html"} {
		src, err := fs.ReadFile(theme, n)
		if err != nil {
			t.Fatal(err)
		}
		template.Must(set.New(n).Parse(string(src)))
	}
	return set
}

// TestTTHCPartialOverrides builds the registry's fixture with the site's own version of
// partials/tthc-nhan.html: the procedure pages' state line and information table, written in Go
// for the default theme, must show it.
func TestTTHCPartialOverrides(t *testing.T) {
	for _, minify := range []bool{false, true} {
		t.Run(fmt.Sprint("minify ", minify), func(t *testing.T) { testTTHCPartialOverrides(t, minify) })
	}
}

func testTTHCPartialOverrides(t *testing.T, minify bool) {
	src := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(src, os.DirFS(filepath.Join("testdata", "golden-tthc"))); err != nil {
		t.Fatal(err)
	}
	if minify {
		cfg := filepath.Join(src, "site.yaml")
		data, err := os.ReadFile(cfg)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(cfg, bytes.Replace(data, []byte("minify: false"), []byte("minify: true"), 1), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(filepath.Join(src, "layouts", "partials"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "layouts", "partials", "tthc-nhan.html"), []byte(`<b class="nhan-rieng">{{.State.Label}}</b>`), 0o644); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	res, err := Build(Options{Source: src, Dest: dest, ThemeLayouts: cchc.ThemeLayouts(), ThemeStatic: cchc.ThemeStatic(),
		Now: time.Date(2021, 1, 1, 0, 0, 0, 0, decode.Location), Future: true})
	if err != nil {
		t.Fatal(err)
	}
	pages := 0
	for _, p := range res.Site.All {
		if _, ok := p.Data.(*TTHCProcedure); !ok {
			continue
		}
		pages++
		page, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(p.Output)))
		if err != nil {
			t.Fatal(err)
		}
		state, info, _ := strings.Cut(string(page), `tthc-thong-tin"`)
		if !strings.Contains(state, `class="tthc-hien-trang"><b class="nhan-rieng">`) {
			t.Errorf("%s: the state line does not use the site's tthc-nhan.html", p.URL)
		}
		if !strings.Contains(info, `<th scope="row">Trạng thái</th><td><b class="nhan-rieng">`) {
			t.Errorf("%s: the information table does not use the site's tthc-nhan.html", p.URL)
		}
	}
	if pages < 3 {
		t.Errorf("only %d procedure pages", pages)
	}
	if res.goPages != 0 {
		t.Errorf("%d procedure pages written in Go, not by the site's layouts", res.goPages)
	}
}
