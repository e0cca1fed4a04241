package build

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"
	"time"

	"github.com/btnmt/cchc"
)

// TestMemoryLimitCountsGeneratedPages checks the soft memory limit a build sets: in proportion
// to the content, raised for the pages the generators make (the registry's procedure and filter
// pages) and not for the lists, their further pages and the taxonomies, which the per-page
// allowance of the content already counts.
func TestMemoryLimitCountsGeneratedPages(t *testing.T) {
	if os.Getenv("GOMEMLIMIT") != "" {
		t.Skip("GOMEMLIMIT is set: builds leave the limit alone")
	}
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	// The registry's fixture, with articles enough for lists of several pages.
	src := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(src, os.DirFS(filepath.Join("testdata", "golden-tthc"))); err != nil {
		t.Fatal(err)
	}
	for i := range 30 {
		name := filepath.Join(src, "content", "tin-tuc", fmt.Sprintf("bai-%02d.md", i))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		text := fmt.Sprintf("---\ntitle: \"Bài số %d\"\ndate: 2020-01-%02d\ntags: [\"cải cách\"]\n---\n\nNội dung.\n", i, i%28+1)
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	opts := Options{Source: src, Dest: filepath.Join(t.TempDir(), "public"), ThemeLayouts: cchc.ThemeLayouts(), ThemeStatic: cchc.ThemeStatic(),
		Now: time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC), Future: true}
	in, err := readInputs(opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name         string
		noGenerators bool
	}{{"lists only", true}, {"with the registry", false}} {
		t.Run(c.name, func(t *testing.T) {
			base := setMemoryLimit(in.src, !c.noGenerators)
			o := opts
			o.noGenerators = c.noGenerators
			o.Dest = filepath.Join(t.TempDir(), "public")
			res, err := Build(o)
			if err != nil {
				t.Fatal(err)
			}
			procedures := 0
			for _, p := range res.Site.All {
				if p.Type == TypeProcedure {
					procedures++
				}
			}
			lists := 0
			for _, p := range res.Site.All {
				if p.Pager != nil && p.Pager.Number > 1 {
					lists++
				}
			}
			if lists == 0 {
				t.Fatal("no list has a second page: the test needs some")
			}
			got := debug.SetMemoryLimit(-1)
			switch {
			case c.noGenerators && got != base.limit:
				t.Errorf("limit %d, want %d: the lists and taxonomies raised it", got, base.limit)
			case !c.noGenerators && (procedures == 0 || got < base.limit+int64(procedures)*base.perPage):
				t.Errorf("limit %d for %d procedure pages, want at least %d", got, procedures, base.limit+int64(procedures)*base.perPage)
			}
		})
	}
}
