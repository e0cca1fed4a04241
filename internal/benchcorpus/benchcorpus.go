// Package benchcorpus provides the benchmark corpus of ../shared/bench/gencorpus to the
// benchmarks: it generates it once per machine, under the system's temporary folder, and
// reuses it.
package benchcorpus

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
)

// Dir returns the root of a corpus of n pages (10,000 unless CCHC_BENCH_PAGES says otherwise),
// generating it when needed. It skips the benchmark when the generator is not beside the
// repository.
func Dir(b testing.TB, n int) string {
	b.Helper()
	if s := os.Getenv("CCHC_BENCH_PAGES"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	_, file, _, _ := runtime.Caller(0)
	gen := filepath.Join(filepath.Dir(file), "..", "..", "..", "shared", "bench")
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
