package build

import (
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/btnmt/cchc"
	"github.com/btnmt/cchc/internal/benchcorpus"
)

// BenchmarkBuildCorpus builds the 10,000-page benchmark corpus with the default theme and every
// feature: lists, taxonomies, feeds, sitemap, minification, the procedure registry, plans,
// documents, events, Q&A and the search index. Run it with
//
//	go test -run '^$' -bench BuildCorpus -benchtime 3x -count 5 ./internal/build
func BenchmarkBuildCorpus(b *testing.B) { benchCorpus(b, false) }

// BenchmarkBuildCorpusCore builds the same corpus through the core pipeline only: front matter,
// Markdown, lists with pagination, taxonomies, related pages, feeds, sitemap and minification,
// without the generators of the later features.
func BenchmarkBuildCorpusCore(b *testing.B) { benchCorpus(b, true) }

func benchCorpus(b *testing.B, core bool) {
	src := benchcorpus.Dir(b, 10000)
	dest := filepath.Join(b.TempDir(), "public")
	layouts := cchc.ThemeLayouts()
	if core {
		layouts = genericLayouts(b)
	}
	opts := Options{Source: src, Dest: dest, ThemeLayouts: layouts, ThemeStatic: cchc.ThemeStatic(),
		Now: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), noGenerators: core}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := Build(opts)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(res.Pages), "pages")
	}
}

// genericLayouts is the default theme without the layouts of the sections' kinds, which show
// what the generators compute: what the core pipeline renders every page with.
func genericLayouts(b *testing.B) fs.FS {
	b.Helper()
	theme := cchc.ThemeLayouts()
	m := fstest.MapFS{}
	err := fs.WalkDir(theme, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if strings.HasPrefix(p, "_default/") || strings.HasPrefix(p, "partials/") || p == "404.html" {
			data, err := fs.ReadFile(theme, p)
			if err != nil {
				return err
			}
			m[p] = &fstest.MapFile{Data: data}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return m
}
