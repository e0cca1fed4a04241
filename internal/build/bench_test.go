package build

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/btnmt/cchc"
)

// corpusDir generates the benchmark corpus of ../shared/bench/gencorpus once per run, in a
// folder under the system temp dir keyed by its size, and reuses it.
func corpusDir(b *testing.B, n int) string {
	b.Helper()
	gen, err := filepath.Abs("../../../shared/bench")
	if err != nil {
		b.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(gen, "gencorpus")); err != nil {
		b.Skip("the corpus generator ../shared/bench/gencorpus is not here")
	}
	dir := filepath.Join(os.TempDir(), "cchc-bench-corpus-"+strconv.Itoa(n))
	if _, err := os.Stat(filepath.Join(dir, "content", "_index.md")); err == nil {
		return dir
	}
	tmp := dir + ".tmp"
	os.RemoveAll(tmp)
	cmd := exec.Command("go", "run", "./gencorpus", "-n", strconv.Itoa(n), "-o", tmp)
	cmd.Dir = gen
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("gencorpus: %v\n%s", err, out)
	}
	if err := os.Rename(tmp, dir); err != nil {
		b.Fatal(err)
	}
	return dir
}

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
	n := 10000
	if s := os.Getenv("CCHC_BENCH_PAGES"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	src := corpusDir(b, n)
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
