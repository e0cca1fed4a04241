package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

func TestDirCommit(t *testing.T) {
	tests := []struct {
		name string
		old  map[string]string // nil: dest does not exist
	}{
		{"dest missing", nil},
		{"dest empty", map[string]string{}},
		{"dest replaced", map[string]string{
			"index.html":           "cũ",
			"tin-tuc/x/index.html": "cũ",
			"bo-di/y/index.html":   "trang đã xoá",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parent := filepath.Join(t.TempDir(), "site")
			dest := filepath.Join(parent, "public")
			if tt.old != nil {
				if err := os.MkdirAll(dest, 0o755); err != nil {
					t.Fatal(err)
				}
				writeTree(t, dest, tt.old)
			}
			d, err := NewDir(dest, Options{})
			if err != nil {
				t.Fatal(err)
			}
			files := map[string]string{
				"index.html":           "mới",
				"tin-tuc/x/index.html": "bài x",
				"tin-tuc/y/index.html": "bài y",
				"css/site.css":         "body{}",
			}
			for rel, content := range files {
				if err := d.WriteFile(rel, []byte(content)); err != nil {
					t.Fatal(err)
				}
			}
			if err := d.Commit(); err != nil {
				t.Fatal(err)
			}
			want := t.TempDir()
			writeTree(t, want, files)
			if treeHash(t, dest) != treeHash(t, want) {
				t.Errorf("dest after Commit differs from the files written")
			}
			if got := names(t, parent); len(got) != 1 || got[0] != "public" {
				t.Errorf("parent holds %v, want only public (no temporary or old folder)", got)
			}
			if d.Files() != len(files) {
				t.Errorf("Files() = %d, want %d", d.Files(), len(files))
			}
			if w := d.Warnings(); len(w) != 0 {
				t.Errorf("Warnings() = %q, want none", w)
			}
			if err := d.WriteFile("muon.html", nil); !errors.Is(err, ErrClosed) {
				t.Errorf("WriteFile after Commit = %v, want ErrClosed", err)
			}
			if err := d.CopyFile("muon.css", filepath.Join(dest, "css/site.css")); !errors.Is(err, ErrClosed) {
				t.Errorf("CopyFile after Commit = %v, want ErrClosed", err)
			}
			if err := d.Commit(); !errors.Is(err, ErrClosed) {
				t.Errorf("second Commit = %v, want ErrClosed", err)
			}
			if err := d.Abort(); err != nil {
				t.Errorf("Abort after Commit = %v, want nil", err)
			}
			if _, err := os.Stat(filepath.Join(dest, "muon.html")); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("a write after Commit reached dest: %v", err)
			}
		})
	}
}

func TestDirAbort(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	writeTree(t, dest, map[string]string{
		"index.html":           "<p>cũ</p>",
		"tin-tuc/x/index.html": "bài x cũ",
	})
	before := treeHash(t, dest)
	d, err := NewDir(dest, Options{Minify: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, rel := range []string{"index.html", "tin-tuc/x/index.html", "moi/index.html"} {
		if err := d.WriteFile(rel, []byte("<p>mới</p>")); err != nil {
			t.Fatal(err)
		}
	}
	if treeHash(t, dest) != before {
		t.Fatal("dest changed before Commit")
	}
	if err := d.Abort(); err != nil {
		t.Fatal(err)
	}
	if treeHash(t, dest) != before {
		t.Error("dest changed by Abort")
	}
	if got := names(t, parent); len(got) != 1 || got[0] != "public" {
		t.Errorf("parent holds %v, want only public", got)
	}
	if err := d.WriteFile("x.html", nil); !errors.Is(err, ErrClosed) {
		t.Errorf("WriteFile after Abort = %v, want ErrClosed", err)
	}
	if err := d.Commit(); !errors.Is(err, ErrClosed) {
		t.Errorf("Commit after Abort = %v, want ErrClosed", err)
	}
	if err := d.Abort(); err != nil {
		t.Errorf("second Abort = %v, want nil", err)
	}
	if treeHash(t, dest) != before {
		t.Error("dest changed after Abort")
	}
}

// TestDirCommitRollback makes the second rename fail and checks that the
// previous tree is put back.
func TestDirCommitRollback(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	writeTree(t, dest, map[string]string{"index.html": "cũ", "a/b.css": "x{}"})
	before := treeHash(t, dest)
	d, err := NewDir(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.WriteFile("index.html", []byte("mới")); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	calls := 0
	d.rename = func(oldpath, newpath string) error {
		calls++
		if calls == 2 { // tmp → dest
			return boom
		}
		return os.Rename(oldpath, newpath)
	}
	if err := d.Commit(); !errors.Is(err, boom) {
		t.Fatalf("Commit = %v, want the rename error", err)
	}
	if calls != 3 {
		t.Errorf("rename called %d times, want 3 (aside, into place, back)", calls)
	}
	if treeHash(t, dest) != before {
		t.Error("dest not restored after a failed swap")
	}
	if got := names(t, parent); len(got) != 1 || got[0] != "public" {
		t.Errorf("parent holds %v, want only public", got)
	}
}

func TestDirDestIsFile(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	if err := os.WriteFile(dest, []byte("tệp"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := NewDir(dest, Options{}); err == nil || !strings.Contains(err.Error(), "là một tệp") {
		t.Fatalf("NewDir on a file = %v, want an error saying it is a file", err)
	}
	if got := readFile(t, parent, "public"); got != "tệp" {
		t.Errorf("file changed to %q", got)
	}
	if got := names(t, parent); len(got) != 1 {
		t.Errorf("parent holds %v, want only the file", got)
	}

	// dest turns into a file between NewDir and Commit.
	dest2 := filepath.Join(parent, "public2")
	d, err := NewDir(dest2, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.WriteFile("index.html", []byte("x")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dest2, []byte("tệp"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := d.Commit(); err == nil {
		t.Fatal("Commit over a file succeeded")
	}
	if got := readFile(t, parent, "public2"); got != "tệp" {
		t.Errorf("file changed to %q", got)
	}
	if got := names(t, parent); len(got) != 2 {
		t.Errorf("parent holds %v, want only the two files", got)
	}
}

// TestDirSymlinkDest checks that a dest that is a symbolic link stays one,
// pointing to the new tree.
func TestDirSymlinkDest(t *testing.T) {
	root := t.TempDir()
	real := filepath.Join(root, "www", "site")
	writeTree(t, real, map[string]string{"index.html": "cũ"})
	link := filepath.Join(root, "public")
	if err := os.Symlink(real, link); err != nil {
		t.Skip("no symbolic links:", err)
	}
	d, err := NewDir(link, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.WriteFile("index.html", []byte("mới")); err != nil {
		t.Fatal(err)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Fatalf("public is no longer a symbolic link: %v", err)
	}
	if got := readFile(t, link, "index.html"); got != "mới" {
		t.Errorf("index.html = %q, want mới", got)
	}
	if got := names(t, filepath.Join(root, "www")); len(got) != 1 {
		t.Errorf("www holds %v, want only site", got)
	}
}

func TestDirModes(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	src := filepath.Join(t.TempDir(), "anh.jpg")
	if err := os.WriteFile(src, []byte("jpeg"), 0o600); err != nil {
		t.Fatal(err)
	}
	d, err := NewDir(dest, Options{Minify: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.WriteFile("a/b/c/index.html", []byte("<p>x</p>")); err != nil {
		t.Fatal(err)
	}
	if err := d.CopyFile("a/anh.jpg", src); err != nil {
		t.Fatal(err)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	checkModes(t, dest)
}

// checkModes checks that every folder under root (root too) is 0755 and
// every file 0644.
func checkModes(t *testing.T, root string) {
	t.Helper()
	err := filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := e.Info()
		if err != nil {
			return err
		}
		want := fs.FileMode(0o644)
		if e.IsDir() {
			want = fs.ModeDir | 0o755
		}
		if info.Mode() != want {
			t.Errorf("%s: mode %v, want %v", p, info.Mode(), want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestCopyFile(t *testing.T) {
	srcDir := t.TempDir()
	src := filepath.Join(srcDir, "tai-lieu.pdf")
	content := strings.Repeat("%PDF-1.7 nội dung ", 5000)
	if err := os.WriteFile(src, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	d, err := NewDir(dest, Options{Minify: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Abort() })

	// A .css copied is not minified: CopyFile copies unchanged.
	css := filepath.Join(srcDir, "a.css")
	if err := os.WriteFile(css, []byte("body {  color : red ; }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, rel, src string
		wantErr        bool
	}{
		{"pdf", "van-ban/x/tai-lieu.pdf", src, false},
		{"css unchanged", "css/a.css", css, false},
		{"missing source", "van-ban/y/z.pdf", filepath.Join(srcDir, "khong-co.pdf"), true},
		{"folder source", "van-ban/y/thu-muc", srcDir, true},
		{"bad path", "../ra-ngoai.pdf", src, true},
		{"duplicate", "van-ban/x/tai-lieu.pdf", src, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := d.CopyFile(tt.rel, tt.src)
			if (err != nil) != tt.wantErr {
				t.Fatalf("CopyFile(%q, %q) = %v, want error %v", tt.rel, tt.src, err, tt.wantErr)
			}
			if err != nil {
				return
			}
			want, _ := os.ReadFile(tt.src)
			got := filepath.Join(d.tmp, filepath.FromSlash(tt.rel))
			if readFile(t, d.tmp, tt.rel) != string(want) {
				t.Errorf("copy of %s differs", tt.src)
			}
			a, _ := os.Stat(tt.src)
			b, _ := os.Stat(got)
			if os.SameFile(a, b) {
				t.Errorf("%s is a hard link to %s, want a copy", tt.rel, tt.src)
			}
			if b.Mode() != 0o644 {
				t.Errorf("%s: mode %v, want 0644", tt.rel, b.Mode())
			}
		})
	}
	if d.Files() != 2 {
		t.Errorf("Files() = %d, want 2", d.Files())
	}
}

// target is what the duplicate tests need of Dir and Memory.
type target interface {
	Target
	Files() int
}

func TestDuplicates(t *testing.T) {
	targets := map[string]func(t *testing.T) target{
		"dir": func(t *testing.T) target {
			d, err := NewDir(filepath.Join(t.TempDir(), "public"), Options{Minify: true})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { d.Abort() })
			return d
		},
		"memory": func(t *testing.T) target { return NewMemory(Options{Minify: true}) },
	}
	tests := []struct {
		name        string
		first, then string
		want        error
		msg         string
	}{
		{"same path", "tin-tuc/x/index.html", "tin-tuc/x/index.html", ErrDuplicate, "hai nguồn cùng ghi ra tin-tuc/x/index.html"},
		{"same after cleaning", "tin-tuc/x/index.html", "tin-tuc/./x//index.html", ErrDuplicate, "hai nguồn cùng ghi ra tin-tuc/x/index.html"},
		{"file then folder", "tin-tuc/x", "tin-tuc/x/index.html", ErrConflict, "tin-tuc/x vừa là tệp vừa là thư mục"},
		{"folder then file", "tin-tuc/x/index.html", "tin-tuc/x", ErrConflict, "tin-tuc/x vừa là tệp vừa là thư mục"},
		{"deep folder then file", "a/b/c/d.html", "a/b", ErrConflict, "a/b vừa là tệp vừa là thư mục"},
	}
	for tname, newTarget := range targets {
		for _, tt := range tests {
			t.Run(tname+"/"+tt.name, func(t *testing.T) {
				tg := newTarget(t)
				if err := tg.WriteFile(tt.first, []byte("<p>một</p>")); err != nil {
					t.Fatal(err)
				}
				err := tg.WriteFile(tt.then, []byte("<p>hai</p>"))
				if !errors.Is(err, tt.want) {
					t.Fatalf("second write = %v, want %v", err, tt.want)
				}
				if !strings.HasPrefix(err.Error(), tt.msg) {
					t.Errorf("error %q, want it to start with %q", err, tt.msg)
				}
				if tg.Files() != 1 {
					t.Errorf("Files() = %d, want 1", tg.Files())
				}
			})
		}
	}
}

// TestConcurrentWrites writes from many goroutines into shared folders,
// with some paths written by every goroutine, into a Dir and a Memory.
func TestConcurrentWrites(t *testing.T) {
	const workers, perWorker, shared, brokenEvery = 8, 150, 10, 50
	dest := filepath.Join(t.TempDir(), "public")
	d, err := NewDir(dest, Options{Minify: true})
	if err != nil {
		t.Fatal(err)
	}
	m := NewMemory(Options{Minify: true})
	page := testPage(0, 2000)
	broken := []byte(`<!doctype html><html lang="vi"><head><title>x</title><script>var = ;</script></head><body></body></html>`)

	var wg sync.WaitGroup
	var dupDir, dupMem atomic.Int64
	for w := range workers {
		wg.Go(func() {
			for i := range perWorker {
				rel := fmt.Sprintf("muc-%d/bai-%d-%d/index.html", i%7, w, i)
				// Every worker tries the same paths; one wins each.
				same := fmt.Sprintf("chung/%d/index.html", i%shared)
				for _, tg := range []struct {
					Target
					dups *atomic.Int64
				}{{d, &dupDir}, {m, &dupMem}} {
					if err := tg.WriteFile(rel, page); err != nil {
						t.Error(err)
					}
					switch err := tg.WriteFile(same, page); {
					case errors.Is(err, ErrDuplicate):
						tg.dups.Add(1)
					case err != nil:
						t.Error(err)
					}
					if i%brokenEvery == 0 {
						if err := tg.WriteFile(fmt.Sprintf("hong/%d-%d.html", w, i), broken); err != nil {
							t.Error(err)
						}
					}
				}
			}
		})
	}
	wg.Wait()
	nBroken := workers * perWorker / brokenEvery
	wantFiles := workers*perWorker + shared + nBroken
	wantDups := int64(workers*perWorker - shared)
	if d.Files() != wantFiles || m.Files() != wantFiles {
		t.Errorf("Files() = %d (dir), %d (memory); want %d", d.Files(), m.Files(), wantFiles)
	}
	if dupDir.Load() != wantDups || dupMem.Load() != wantDups {
		t.Errorf("duplicate errors: %d (dir), %d (memory); want %d", dupDir.Load(), dupMem.Load(), wantDups)
	}
	warnings := d.Warnings()
	if len(warnings) != nBroken {
		t.Errorf("%d warnings, want %d", len(warnings), nBroken)
	}
	if !slices.IsSorted(warnings) {
		t.Errorf("warnings not sorted: %q", warnings)
	}
	if !slices.Equal(warnings, m.Warnings()) {
		t.Errorf("warnings differ between Dir and Memory")
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	var onDisk []string
	err = filepath.WalkDir(dest, func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			rel, _ := filepath.Rel(dest, p)
			onDisk = append(onDisk, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(onDisk)
	if !slices.Equal(onDisk, m.Paths()) {
		t.Fatalf("%d files on disk, %d in memory: the paths differ", len(onDisk), m.Files())
	}
	for _, rel := range onDisk {
		if mem, _ := m.Get(rel); readFile(t, dest, rel) != string(mem) {
			t.Errorf("%s differs between Dir and Memory", rel)
		}
	}
	checkModes(t, dest)
}

// TestDeterministic writes the same files in two orders, one of them from
// several goroutines, and compares the trees byte for byte.
func TestDeterministic(t *testing.T) {
	files := map[string][]byte{
		"index.html":    testPage(1, 8000),
		"css/site.css":  []byte("body { margin : 0 ; color : #ffffff }"),
		"js/site.js":    []byte("function xinChao(tenNguoi) { return 'Xin chào ' + tenNguoi; }"),
		"sitemap.xml":   []byte("<urlset>\n  <url><loc>https://x/</loc></url>\n</urlset>\n"),
		"tim-kiem.json": []byte(`{ "trang" : [ 1, 2, 3 ] }`),
	}
	for i := range 40 {
		files[fmt.Sprintf("tin-tuc/bai-%02d/index.html", i)] = testPage(i, 3000)
	}
	rels := make([]string, 0, len(files))
	for rel := range files {
		rels = append(rels, rel)
	}
	build := func(parallel bool) string {
		dest := filepath.Join(t.TempDir(), "public")
		d, err := NewDir(dest, Options{Minify: true})
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		for i, rel := range rels {
			write := func() {
				if err := d.WriteFile(rel, files[rel]); err != nil {
					t.Error(err)
				}
			}
			if parallel && i%2 == 0 {
				wg.Go(write)
			} else {
				write()
			}
		}
		wg.Wait()
		if err := d.Commit(); err != nil {
			t.Fatal(err)
		}
		return treeHash(t, dest)
	}
	if a, b := build(false), build(true); a != b {
		t.Error("two builds of the same files differ")
	}
}
