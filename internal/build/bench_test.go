package build

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
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

// BenchmarkBuildCorpus builds the 10,000-page benchmark corpus with the default theme: lists,
// feeds, sitemap and minification included. Run it with
//
//	go test -run '^$' -bench BuildCorpus -benchtime 5x -count 3 ./internal/build
func BenchmarkBuildCorpus(b *testing.B) {
	n := 10000
	if s := os.Getenv("CCHC_BENCH_PAGES"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	src := corpusDir(b, n)
	dest := filepath.Join(b.TempDir(), "public")
	opts := Options{Source: src, Dest: dest, ThemeLayouts: cchc.ThemeLayouts(), ThemeStatic: cchc.ThemeStatic(),
		Now: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := Build(opts)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(res.Pages), "pages")
	}
}
