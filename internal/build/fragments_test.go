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
			compareTrees(t, "with fragments", trees[0], trees[1])
			spliced := 0
			for _, want := range trees[1] {
				if bytes.Contains(want, []byte("<header class=\"site-header\"")) {
					spliced++
				}
			}
			if spliced < 5 {
				t.Errorf("%d pages with the header", spliced)
			}
			for name, data := range trees[0] {
				if bytes.Contains(data, []byte("data-cchc-f=")) {
					t.Errorf("%s keeps a fragment's marker", name)
				}
			}
		})
	}
}

// compareTrees requires the files of got to be those of want, byte for byte; how says how got
// was built, for the messages.
func compareTrees(t *testing.T, how string, got, want map[string][]byte) {
	t.Helper()
	for name, w := range want {
		g, ok := got[name]
		if !ok {
			t.Errorf("%s: missing %s", name, how)
			continue
		}
		if !bytes.Equal(g, w) {
			i := 0
			for i < len(g) && i < len(w) && g[i] == w[i] {
				i++
			}
			t.Errorf("%s differs %s at byte %d:\ngot:  …%s…\nwant: …%s…", name, how, i, g[max(i-80, 0):min(i+80, len(g))], w[max(i-80, 0):min(i+80, len(w))])
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d files %s, %d otherwise", len(got), how, len(want))
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
