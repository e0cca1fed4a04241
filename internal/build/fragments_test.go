package build

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/btnmt/cchc"
)

// TestFragmentsLikeWholePages builds sites twice, minified: with the cached partials spliced
// into the pages after minification, and rendered into the pages before it. Every file must be
// the same, byte for byte.
func TestFragmentsLikeWholePages(t *testing.T) {
	sites := []string{filepath.Join("..", ".."), filepath.Join("testdata", "golden-site"), filepath.Join("testdata", "golden-tthc"), filepath.Join("testdata", "search-site")}
	for _, dir := range sites {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			trees := [2]map[string][]byte{}
			for i, whole := range []bool{false, true} {
				dest := filepath.Join(t.TempDir(), "public")
				_, err := Build(Options{Source: dir, Dest: dest, ThemeLayouts: cchc.ThemeLayouts(), ThemeStatic: cchc.ThemeStatic(),
					Now: time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC), Future: true, noFragments: whole})
				if err != nil {
					t.Fatal(err)
				}
				trees[i] = readTree(t, dest)
			}
			spliced := 0
			for name, want := range trees[1] {
				got, ok := trees[0][name]
				if !ok {
					t.Errorf("%s: missing with fragments", name)
					continue
				}
				if !bytes.Equal(got, want) {
					i := 0
					for i < len(got) && i < len(want) && got[i] == want[i] {
						i++
					}
					t.Errorf("%s differs with fragments at byte %d:\ngot:  …%s…\nwant: …%s…", name, i, got[max(i-60, 0):min(i+60, len(got))], want[max(i-60, 0):min(i+60, len(want))])
				}
				if bytes.Contains(want, []byte("<header class=\"site-header\"")) {
					spliced++
				}
			}
			if len(trees[0]) != len(trees[1]) || spliced < 5 {
				t.Errorf("%d files with fragments, %d without; %d pages with the header", len(trees[0]), len(trees[1]), spliced)
			}
			for name, data := range trees[0] {
				if bytes.Contains(data, []byte("data-cchc-f=")) {
					t.Errorf("%s keeps a fragment's marker", name)
				}
			}
		})
	}
}

// readTree reads every file under dir, by slash-separated path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = data
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
