package build

import (
	"os"
	"runtime/pprof"
	"testing"
	"time"

	"github.com/btnmt/cchc"
)

func TestProfileCorpusTmp(t *testing.T) {
	src := os.Getenv("CCHC_PROF_SRC")
	if src == "" {
		t.Skip()
	}
	searchIndexing = os.Getenv("NOSEARCH") == ""
	f, _ := os.Create("/tmp/cpu.prof")
	pprof.StartCPUProfile(f)
	start := time.Now()
	_, err := Build(Options{Source: src, Dest: t.TempDir() + "/p", ThemeLayouts: cchc.ThemeLayouts(), ThemeStatic: cchc.ThemeStatic(), Now: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)})
	pprof.StopCPUProfile()
	t.Logf("build %v", time.Since(start))
	if err != nil {
		t.Fatal(err)
	}
}
