package build_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite golden files")

// goldenNow is the build time of the golden site: after every date of the fixture.
var goldenNow = time.Date(2021, time.March, 1, 0, 0, 0, 0, vnZone)

// goldenOutputs are the outputs of testdata/golden-site compared with testdata/golden/.
var goldenOutputs = []string{
	"index.html",
	"tin-tuc/index.html",
	"tin-tuc/hoi-nghi-tong-ket/index.html",
	"tin-tuc/trang/2/index.html",                    // the second page of a paginated list
	"the/tuyen-truyen/index.html",                   // a term page
	"the/index.html",                                // the terms of a taxonomy, with counts
	"tin-tuc/ke-hoach-tuyen-truyen-2020/index.html", // an alias's redirect page
	"index.xml",
	"sitemap.xml",
}

// goldenName is the file under testdata/golden/ of an output: "tin-tuc/index.html" →
// "tin-tuc_index.html".
func goldenName(out string) string { return strings.ReplaceAll(out, "/", "_") }

// TestGolden builds testdata/golden-site and compares some of its pages, its feed and its
// sitemap with testdata/golden/. Regenerate with
//
//	go test ./internal/build -run Golden -update
//
// and read the diff before committing it.
func TestGolden(t *testing.T) {
	t.Parallel()
	dest := filepath.Join(t.TempDir(), "public")
	opts := options(filepath.Join("testdata", "golden-site"), dest)
	opts.Now = goldenNow
	mustBuild(t, opts)
	for _, out := range goldenOutputs {
		t.Run(goldenName(out), func(t *testing.T) {
			got := []byte(readOut(t, dest, out))
			file := filepath.Join("testdata", "golden", goldenName(out))
			if *update {
				if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(file, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				i := 0
				for i < len(got) && i < len(want) && got[i] == want[i] {
					i++
				}
				t.Errorf("%s differs from %s at byte %d:\ngot:  …%s…\nwant: …%s…", out, file, i, around(got, i), around(want, i))
			}
		})
	}
}

// around returns the bytes of b around offset i, for a diff message.
func around(b []byte, i int) string {
	lo, hi := max(i-60, 0), min(i+60, len(b))
	return string(b[lo:hi])
}
