package build

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/btnmt/cchc"
	"github.com/btnmt/cchc/internal/benchcorpus"
	"github.com/btnmt/cchc/internal/browsertest"
	"github.com/btnmt/cchc/internal/report"
	"github.com/btnmt/cchc/internal/search"
)

// benchPages is the size of the benchmark corpus: 10,000 unless CCHC_BENCH_PAGES says.
func benchPages() int {
	if s := os.Getenv("CCHC_BENCH_PAGES"); s != "" {
		if n, err := strconv.Atoi(s); err == nil {
			return n
		}
	}
	return 10000
}

func corpusOptions(src, dest string) Options {
	return Options{Source: src, Dest: dest, ThemeLayouts: cchc.ThemeLayouts(), ThemeStatic: cchc.ThemeStatic(),
		Now: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)}
}

// BenchmarkBuildSearch measures what the search index costs a build of the benchmark corpus:
// each iteration builds it without the index and with it (the search page is there either way),
// in alternating order so that a change of load on the machine weighs on both alike, and the
// benchmark reports the medians of the wall and CPU (user + system) times and their ratios:
//
//	go test -run '^$' -bench BuildSearch -benchtime 5x ./internal/build
func BenchmarkBuildSearch(b *testing.B) {
	src := benchcorpus.Dir(b, benchPages())
	defer func() { searchIndexing = true }()
	benchWithout(b, "index", func(with bool) Options {
		searchIndexing = with
		return corpusOptions(src, filepath.Join(b.TempDir(), "public"))
	})
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// benchQueries are the queries BenchmarkSearchCorpus measures, typed as visitors do.
var benchQueries = []string{
	"dia phuong",
	"cai cach hanh chinh",
	"1.004227",
	"thu tuc dat dai",
	"cấp giấy phép khai thác nước",
	"816/QĐ-BTNMT",
	"bo phan mot cua",
	"ch",
}

// BenchmarkSearchCorpus builds the benchmark corpus, reports the size of its search index,
// serves it on 127.0.0.1 and runs benchQueries in headless Chromium: for each, the files and
// compressed bytes a first query loads (with the page's 10 first results), and the median time
// of the query once its files are loaded, for the ranking alone and for the whole update of
// the page (ranking, snippets, highlighting, the list). Run it with
//
//	go test -run '^$' -bench SearchCorpus -benchtime 1x -v ./internal/build
func BenchmarkSearchCorpus(b *testing.B) {
	src := benchcorpus.Dir(b, benchPages())
	dest := filepath.Join(b.TempDir(), "public")
	if _, err := Build(corpusOptions(src, dest)); err != nil {
		b.Fatal(err)
	}
	dir := filepath.Join(dest, "tim-kiem", "chi-muc")
	reportIndexSize(b, dir)

	srv := httptest.NewServer(http.FileServer(http.Dir(dest)))
	defer srv.Close()
	ctx := browsertest.New(b)
	if err := chromedp.Run(ctx, chromedp.Navigate(srv.URL+"/tim-kiem/"), chromedp.WaitReady(`#tim-kiem-q`)); err != nil {
		b.Fatal(err)
	}
	await := func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }
	const runs = 41
	var allSearch, allPage []float64
	b.ResetTimer()
	for _, q := range benchQueries {
		qj, _ := json.Marshal(q)
		// A first query: a fresh index, as a visitor's first search loads it.
		var first struct {
			Total int      `json:"total"`
			Files []string `json:"files"`
		}
		js := `(async function (q) {
			var s = window.cchcTimKiem;
			var ix = new s.Index(document.getElementById('tim-kiem').getAttribute('data-chi-muc'));
			var r = await s.search(ix, q, {});
			await Promise.all(r.ids.slice(0, 10).map(function (id) { return ix.fragment(id); }));
			return {total: r.total, files: Array.from(ix.cache.keys()).concat(['manifest.json'])};
		})(` + string(qj) + `)`
		if err := chromedp.Run(ctx, chromedp.Evaluate(js, &first, await)); err != nil {
			b.Fatal(err)
		}
		loaded := 0
		for _, f := range first.Files {
			data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f)))
			if err != nil {
				b.Fatal(err)
			}
			loaded += gzipSize(data)
		}
		// Then the same query again and again, its files loaded: the ranking alone, and the
		// whole update of the page.
		var times struct {
			Search []float64 `json:"search"`
			Page   []float64 `json:"page"`
		}
		js = `(async function (q, runs) {
			var s = window.cchcTimKiem, page = s.page, ix = page.ix;
			var out = {search: [], page: []};
			page.input.value = q;
			await page.now();
			for (var i = 0; i < runs; i++) {
				var t0 = performance.now();
				await s.search(ix, q, {});
				out.search.push(performance.now() - t0);
				t0 = performance.now();
				await page.now();
				out.page.push(performance.now() - t0);
			}
			return out;
		})(` + string(qj) + `, ` + strconv.Itoa(runs) + `)`
		if err := chromedp.Run(ctx, chromedp.Evaluate(js, &times, await)); err != nil {
			b.Fatal(err)
		}
		ms, mp := median(times.Search), median(times.Page)
		allSearch = append(allSearch, times.Search...)
		allPage = append(allPage, times.Page...)
		b.Logf("%-32q %6d results  first query loads %2d files, %7.1f KB gzip  median %5.1f ms ranking, %5.1f ms page update",
			q, first.Total, len(first.Files), float64(loaded)/1024, ms, mp)
	}
	b.ReportMetric(median(allSearch), "ms/query")
	b.ReportMetric(median(allPage), "ms/update")
}

// reportIndexSize logs the size of the index files, as written (every .bin is gzip) and the
// manifest as gzip at the default level would send it.
func reportIndexSize(b *testing.B, dir string) {
	b.Helper()
	type group struct {
		files, bytes, largest int
		name                  string
	}
	groups := map[string]*group{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		kind := rel
		for _, prefix := range []string{search.WordPrefix, search.PairPrefix, search.DictPrefix, search.FragmentDir} {
			if strings.HasPrefix(rel, prefix) {
				kind = prefix + "*"
			}
		}
		g := groups[kind]
		if g == nil {
			g = &group{}
			groups[kind] = g
		}
		n := gzipSize(data)
		g.files++
		g.bytes += n
		if n > g.largest {
			g.largest, g.name = n, rel
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	var kinds []string
	total, files := 0, 0
	for k, g := range groups {
		kinds = append(kinds, k)
		total += g.bytes
		files += g.files
	}
	sort.Strings(kinds)
	var out strings.Builder
	fmt.Fprintf(&out, "search index: %d files, %.1f KB gzip in all\n", files, float64(total)/1024)
	for _, k := range kinds {
		g := groups[k]
		fmt.Fprintf(&out, "  %-14s %5d files %9.1f KB  largest %6.1f KB (%s)\n", k, g.files, float64(g.bytes)/1024, float64(g.largest)/1024, g.name)
	}
	b.Log(out.String())
	b.ReportMetric(float64(total)/1024, "KB-index")
}

// gzipSize is the size of a file as a server sends it with gzip: a .bin file is gzip already;
// anything else is compressed with compress/gzip at the default level.
func gzipSize(data []byte) int {
	if len(data) > 2 && data[0] == 0x1f && data[1] == 0x8b {
		return len(data)
	}
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(data)
	w.Close()
	return buf.Len()
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	return s[len(s)/2]
}

// BenchmarkBuildSearchMemory measures the peak resident memory of a build of the benchmark
// corpus without and with the search index, each in a process of its own (this test binary run
// again), as a site's build runs in `cchc build`:
//
//	go test -run '^$' -bench BuildSearchMemory -benchtime 1x ./internal/build
func BenchmarkBuildSearchMemory(b *testing.B) {
	src := benchcorpus.Dir(b, benchPages())
	for i := 0; i < b.N; i++ {
		for _, index := range []string{"sans-index", "index"} {
			cmd := exec.Command(os.Args[0], "-test.run=^TestSearchBuildChild$", "-test.count=1")
			cmd.Env = append(os.Environ(), "CCHC_SEARCH_CHILD="+index, "CCHC_SEARCH_CHILD_SRC="+src,
				"CCHC_SEARCH_CHILD_DEST="+filepath.Join(b.TempDir(), "public"))
			if out, err := cmd.CombinedOutput(); err != nil {
				b.Fatalf("%s: %v\n%s", index, err, out)
			}
			ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
			b.ReportMetric(float64(ru.Maxrss)/1024, "MiB-peak-"+index)
		}
	}
}

// TestSearchBuildChild is the build BenchmarkBuildSearchMemory runs in a process of its own;
// it does nothing in a normal test run.
func TestSearchBuildChild(t *testing.T) {
	mode := os.Getenv("CCHC_SEARCH_CHILD")
	if mode == "" {
		t.Skip("run by BenchmarkBuildSearchMemory")
	}
	searchIndexing = mode == "index"
	if _, err := Build(corpusOptions(os.Getenv("CCHC_SEARCH_CHILD_SRC"), os.Getenv("CCHC_SEARCH_CHILD_DEST"))); err != nil {
		t.Fatal(err)
	}
}

// discardOutput is an Output that keeps nothing but the count of bytes.
type discardOutput struct{ bytes, files *int }

func (o discardOutput) WriteFile(rel string, data []byte, reads ...string) error {
	*o.bytes += len(data)
	*o.files++
	return nil
}

// BenchmarkSearchIndexWrite measures the indexing alone: the search generator's Write on the
// built model of the benchmark corpus (texts from the converted pages, tokenizing, postings,
// compression), the files discarded:
//
//	go test -run '^$' -bench SearchIndexWrite -benchtime 5x -benchmem ./internal/build
func BenchmarkSearchIndexWrite(b *testing.B) {
	src := benchcorpus.Dir(b, benchPages())
	res, err := Build(corpusOptions(src, filepath.Join(b.TempDir(), "public")))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	var bytes, files int
	for i := 0; i < b.N; i++ {
		bytes, files = 0, 0
		var errs report.ErrorList
		searchGenerator{}.Write(res.Site, discardOutput{&bytes, &files}, &errs)
		if len(errs) > 0 {
			b.Fatal(errs)
		}
	}
	b.ReportMetric(float64(files), "files")
	b.ReportMetric(float64(bytes)/1024, "KB")
}
