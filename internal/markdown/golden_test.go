package markdown

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the expected testdata/*.html files from the output")

// TestGolden converts every testdata/*.md file (with Options.Unsafe when its
// name ends in ".unsafe.md") through testResolver and compares the HTML with
// the .html file next to it. Run `go test -update` to rewrite them after a
// deliberate change, and review the diff.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no testdata/*.md files")
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".md")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			opts := Options{Unsafe: strings.HasSuffix(name, ".unsafe")}
			res := convert(t, opts, string(src), 1, testResolver)
			golden := strings.TrimSuffix(file, ".md") + ".html"
			if *update {
				if err := os.WriteFile(golden, []byte(res.HTML), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if res.HTML != string(want) {
				t.Errorf("HTML of %s differs from %s (run go test -update to accept):\ngot:\n%s\nwant:\n%s", file, golden, res.HTML, want)
			}
		})
	}
}
