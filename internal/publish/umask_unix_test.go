//go:build unix

package publish

import (
	"path/filepath"
	"syscall"
	"testing"
)

// TestDirModesUmask checks the modes under a umask that strips the group
// and other bits. No test in this package runs in parallel, so changing
// the process umask here affects no other test.
func TestDirModesUmask(t *testing.T) {
	old := syscall.Umask(0o077)
	defer syscall.Umask(old)
	dest := filepath.Join(t.TempDir(), "public")
	src := filepath.Join(t.TempDir(), "a.png")
	writeTree(t, filepath.Dir(src), map[string]string{"a.png": "png"})
	d, err := NewDir(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !d.fixFileMode || !d.fixDirMode {
		t.Fatalf("umask 077 not detected: fixFileMode %v, fixDirMode %v", d.fixFileMode, d.fixDirMode)
	}
	if err := d.WriteFile("a/b/index.html", []byte("x")); err != nil {
		t.Fatal(err)
	}
	if err := d.CopyFile("a/c/a.png", src); err != nil {
		t.Fatal(err)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	checkModes(t, dest)
}
