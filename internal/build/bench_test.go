package build

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
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

// BenchmarkBuildRegistry measures what the procedure registry adds to a build of the benchmark
// corpus: the procedure pages, the registry and its filter pages, the JSON and CSV exports and
// the procedures' entries in the search index. Each iteration builds the corpus without the
// registry and with it, in alternating order so that a change of load weighs on both alike; the
// notices are built either way. It reports the medians of the wall and CPU times and the ratios:
//
//	go test -run '^$' -bench BuildRegistry -benchtime 5x ./internal/build
func BenchmarkBuildRegistry(b *testing.B) {
	src := benchcorpus.Dir(b, benchPages())
	benchWithout(b, "registry", func(with bool) Options {
		opts := corpusOptions(src, filepath.Join(b.TempDir(), "public"))
		if !with {
			opts.without = map[string]bool{tthcGenerator{}.Name(): true}
		}
		return opts
	})
}

// benchWithout measures what a feature costs a build: each iteration builds without it and with
// it (options gives the options of each), in alternating order so that a change of load on the
// machine weighs on both alike, and it reports the medians of the wall and CPU (user + system)
// times and their ratios, with name in the metrics' units, and the median of the iterations'
// own ratios (pair-ratio): the two builds of an iteration run seconds apart, under much the same
// load, where the load of a shared machine changes by a fifth within a minute.
func benchWithout(b *testing.B, name string, options func(with bool) Options) {
	b.Helper()
	var wall, cpu [2][]float64 // [without, with]
	for i := 0; i < b.N; i++ {
		for k := 0; k < 2; k++ {
			with := (i+k)%2 == 1
			opts := options(with)
			c0, t0 := cpuTime(), time.Now()
			if _, err := Build(opts); err != nil {
				b.Fatal(err)
			}
			j := 0
			if with {
				j = 1
			}
			wall[j] = append(wall[j], time.Since(t0).Seconds())
			cpu[j] = append(cpu[j], (cpuTime() - c0).Seconds())
			os.RemoveAll(opts.Dest)
		}
	}
	b.ReportMetric(median(wall[0]), "s-wall-sans-"+name)
	b.ReportMetric(median(wall[1]), "s-wall-"+name)
	b.ReportMetric(median(wall[1])/median(wall[0]), "wall-ratio")
	b.ReportMetric(median(cpu[0]), "s-cpu-sans-"+name)
	b.ReportMetric(median(cpu[1]), "s-cpu-"+name)
	b.ReportMetric(median(cpu[1])/median(cpu[0]), "cpu-ratio")
	pairs := make([][]float64, 2)
	for i := range wall[0] {
		pairs[0] = append(pairs[0], wall[1][i]/wall[0][i])
		pairs[1] = append(pairs[1], cpu[1][i]/cpu[0][i])
	}
	b.ReportMetric(median(pairs[0]), "wall-pair-ratio")
	b.ReportMetric(median(pairs[1]), "cpu-pair-ratio")
	b.Logf("wall s without %.2f, with %.2f; cpu s without %.2f, with %.2f", wall[0], wall[1], cpu[0], cpu[1])
}

// BenchmarkBuildCorpusCore builds the same corpus through the core pipeline only: front matter,
// Markdown, lists with pagination, taxonomies, related pages, feeds, sitemap and minification,
// without the generators of the later features.
func BenchmarkBuildCorpusCore(b *testing.B) { benchCorpus(b, true) }

func benchCorpus(b *testing.B, core bool) {
	src := benchcorpus.Dir(b, benchPages())
	dest := filepath.Join(b.TempDir(), "public")
	layouts := cchc.ThemeLayouts()
	if core {
		layouts = genericLayouts(b)
	}
	opts := Options{Source: src, Dest: dest, ThemeLayouts: layouts, ThemeStatic: cchc.ThemeStatic(),
		Now: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), noGenerators: core}
	b.ResetTimer()
	c0 := cpuTime()
	for i := 0; i < b.N; i++ {
		res, err := Build(opts)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(res.Pages), "pages")
	}
	// CPU time is steadier than wall time on a busy machine; the peak RSS is the process's.
	b.ReportMetric((cpuTime()-c0).Seconds()/float64(b.N), "s-cpu/op")
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		b.ReportMetric(float64(ru.Maxrss)/1024, "peak-MiB")
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
