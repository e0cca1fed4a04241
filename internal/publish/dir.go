package publish

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sync"
	"sync/atomic"
)

// Dir is a Target that writes into a fresh temporary folder beside dest
// and swaps it into place on Commit. Files are written with mode 0644 and
// folders with 0755, whatever the umask.
type Dir struct {
	build

	dest string // absolute, symlinks resolved
	tmp  string // <parent>/.<base>.tmp-<random>

	fixFileMode bool // the umask strips bits from 0644: chmod every file
	fixDirMode  bool // the umask strips bits from 0755: chmod every folder

	files atomic.Int64

	madeMu sync.RWMutex
	made   map[string]struct{} // folders already created under tmp

	// life is held shared by every write and exclusively by Commit and
	// Abort, so no write lands in dest after the swap.
	life   sync.RWMutex
	closed bool

	rename func(oldpath, newpath string) error // os.Rename; tests inject failures
}

// NewDir returns a Dir that builds the new tree in a temporary folder
// beside dest (in the same parent folder, so that the swap is a rename on
// one file system). The parent is created when missing; dest itself is not
// touched until Commit. A dest that is a symbolic link is followed, and the
// folder it points to is the one replaced. dest must not be a file.
func NewDir(dest string, opts Options) (*Dir, error) {
	if dest == "" {
		return nil, errors.New("publish: empty destination")
	}
	abs, err := filepath.Abs(dest)
	if err != nil {
		return nil, fmt.Errorf("publish: destination %s: %w", dest, err)
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("publish: destination %s: %w", dest, err)
	}
	parent, base := filepath.Dir(abs), filepath.Base(abs)
	if parent == abs {
		return nil, fmt.Errorf("publish: destination %s is the root of the file system", dest)
	}
	if fi, err := os.Stat(abs); err == nil && !fi.IsDir() {
		return nil, fmt.Errorf("thư mục ra %s là một tệp, không phải thư mục", dest)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("publish: destination %s: %w", dest, err)
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("publish: create parent folder: %w", err)
	}
	tmp, err := os.MkdirTemp(parent, "."+base+".tmp-")
	if err != nil {
		return nil, fmt.Errorf("publish: create temporary folder: %w", err)
	}
	d := &Dir{dest: abs, tmp: tmp, made: make(map[string]struct{}), rename: os.Rename}
	d.init(opts)
	if err := d.probeModes(); err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	return d, nil
}

// probeModes makes the temporary folder 0755 and finds out whether the
// umask forces a chmod on every file and folder written.
func (d *Dir) probeModes() error {
	if err := os.Chmod(d.tmp, 0o755); err != nil {
		return fmt.Errorf("publish: chmod temporary folder: %w", err)
	}
	probe := filepath.Join(d.tmp, ".probe")
	if err := os.Mkdir(probe, 0o755); err != nil {
		return fmt.Errorf("publish: probe umask: %w", err)
	}
	fi, err := os.Stat(probe)
	if err != nil {
		return fmt.Errorf("publish: probe umask: %w", err)
	}
	d.fixDirMode = fi.Mode().Perm() != 0o755
	if err := os.Remove(probe); err != nil {
		return fmt.Errorf("publish: probe umask: %w", err)
	}
	f, err := os.OpenFile(probe, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("publish: probe umask: %w", err)
	}
	fi, err = f.Stat()
	f.Close()
	if err != nil {
		return fmt.Errorf("publish: probe umask: %w", err)
	}
	d.fixFileMode = fi.Mode().Perm() != 0o644
	if err := os.Remove(probe); err != nil {
		return fmt.Errorf("publish: probe umask: %w", err)
	}
	return nil
}

// Dest returns the folder that Commit replaces: dest made absolute, with
// symbolic links resolved.
func (d *Dir) Dest() string { return d.dest }

// WriteFile writes data to rel in the new tree, minified by extension when
// Options.Minify is set. A file the minifier refuses is written unchanged
// and reported by Warnings. It is safe for concurrent use.
func (d *Dir) WriteFile(rel string, data []byte) error {
	rel, err := d.begin(rel)
	if err != nil {
		return err
	}
	defer d.life.RUnlock()
	out := getBuffer()
	defer putBuffer(out)
	return d.write(rel, d.process(out, rel, data))
}

// WritePage writes the page rel in the new tree: its skeleton minified when Options.Minify is
// set, then its fragments spliced in by s. It is safe for concurrent use.
func (d *Dir) WritePage(rel string, page []byte, s Splicer) error {
	rel, err := d.begin(rel)
	if err != nil {
		return err
	}
	defer d.life.RUnlock()
	out := getBuffer()
	defer putBuffer(out)
	return d.write(rel, d.processPage(out, rel, page, s))
}

// WriteMinified writes data to rel in the new tree as it is. It is safe for concurrent use.
func (d *Dir) WriteMinified(rel string, data []byte) error {
	rel, err := d.begin(rel)
	if err != nil {
		return err
	}
	defer d.life.RUnlock()
	return d.write(rel, data)
}

// write creates the file rel, claimed by begin, with data.
func (d *Dir) write(rel string, data []byte) error {
	f, err := d.create(rel)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	return d.finish(rel, f, err)
}

// CopyFile copies the regular file src to rel in the new tree, unchanged
// and with mode 0644. It is safe for concurrent use.
func (d *Dir) CopyFile(rel, src string) error {
	rel, err := d.begin(rel)
	if err != nil {
		return err
	}
	defer d.life.RUnlock()
	in, err := openRegular(rel, src)
	if err != nil {
		return err
	}
	defer in.Close()
	f, err := d.create(rel)
	if err != nil {
		return err
	}
	_, err = io.Copy(f, in)
	return d.finish(rel, f, err)
}

// begin validates rel, takes the shared lock and claims rel. On success
// the caller must release d.life with RUnlock.
func (d *Dir) begin(rel string) (string, error) {
	rel, err := cleanRel(rel)
	if err != nil {
		return "", err
	}
	d.life.RLock()
	if d.closed {
		d.life.RUnlock()
		return "", ErrClosed
	}
	if err := d.reg.claim(rel); err != nil {
		d.life.RUnlock()
		return "", err
	}
	return rel, nil
}

// create creates the new file rel in the temporary folder, with its
// parent folders.
func (d *Dir) create(rel string) (*os.File, error) {
	if err := d.mkdirs(path.Dir(rel)); err != nil {
		return nil, err
	}
	// O_EXCL: the tree is fresh, so an existing file is a bug, and a
	// symbolic link is never followed.
	f, err := openNew(d.path(rel))
	if err != nil {
		return nil, fmt.Errorf("publish: write %s: %w", rel, err)
	}
	if d.fixFileMode {
		if err := f.Chmod(0o644); err != nil {
			f.Close()
			return nil, fmt.Errorf("publish: chmod %s: %w", rel, err)
		}
	}
	return f, nil
}

// finish closes f after a write that returned err and counts the file.
func (d *Dir) finish(rel string, f *os.File, err error) error {
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("publish: write %s: %w", rel, err)
	}
	d.files.Add(1)
	return nil
}

// mkdirs creates the folder dir (cleaned, relative) and its parents in the
// temporary folder, remembering the ones made so that most writes cost no
// system call for folders.
func (d *Dir) mkdirs(dir string) error {
	if dir == "." {
		return nil
	}
	d.madeMu.RLock()
	_, ok := d.made[dir]
	d.madeMu.RUnlock()
	if ok {
		return nil
	}
	if err := d.mkdirs(path.Dir(dir)); err != nil {
		return err
	}
	// Another goroutine may create the same folder at the same time:
	// the one whose Mkdir succeeds fixes the mode.
	err := os.Mkdir(d.path(dir), 0o755)
	switch {
	case err == nil && d.fixDirMode:
		if err := os.Chmod(d.path(dir), 0o755); err != nil {
			return fmt.Errorf("publish: chmod folder %s: %w", dir, err)
		}
	case err != nil && !errors.Is(err, fs.ErrExist):
		return fmt.Errorf("publish: create folder %s: %w", dir, err)
	}
	d.madeMu.Lock()
	d.made[dir] = struct{}{}
	d.madeMu.Unlock()
	return nil
}

// path returns the path on disk of the cleaned relative path rel.
func (d *Dir) path(rel string) string {
	return d.tmp + string(filepath.Separator) + filepath.FromSlash(rel)
}

// Commit replaces dest with the new tree. When dest exists it is first
// renamed aside to <parent>/.<base>.old-<random>, the new tree is renamed
// to dest, and only then is the previous tree removed; if the second
// rename fails, the previous tree is renamed back. Readers of dest see
// either the previous tree or the new one, except for the instant between
// the two renames, when dest is missing. After Commit, writes fail with
// ErrClosed. A previous tree that cannot be removed is left beside dest
// and reported by Warnings; the Commit still succeeds.
func (d *Dir) Commit() error {
	d.life.Lock()
	defer d.life.Unlock()
	if d.closed {
		return ErrClosed
	}
	d.closed = true
	err := d.swap()
	if err != nil {
		os.RemoveAll(d.tmp)
	}
	return err
}

func (d *Dir) swap() error {
	fi, err := os.Lstat(d.dest)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := d.rename(d.tmp, d.dest); err != nil {
			return fmt.Errorf("publish: move new tree into place: %w", err)
		}
		return nil
	case err != nil:
		return fmt.Errorf("publish: destination: %w", err)
	case !fi.IsDir():
		return fmt.Errorf("thư mục ra %s là một tệp, không phải thư mục", d.dest)
	}
	old := filepath.Join(filepath.Dir(d.dest), "."+filepath.Base(d.dest)+".old-"+rand.Text())
	if err := d.rename(d.dest, old); err != nil {
		return fmt.Errorf("publish: move previous tree aside: %w", err)
	}
	if err := d.rename(d.tmp, d.dest); err != nil {
		if rerr := d.rename(old, d.dest); rerr != nil {
			return fmt.Errorf("publish: move new tree into place: %w; the previous tree is left at %s: %w", err, old, rerr)
		}
		return fmt.Errorf("publish: move new tree into place: %w", err)
	}
	if err := os.RemoveAll(old); err != nil {
		d.warn(fmt.Sprintf("không xoá được bản cũ %s: %v", old, err))
	}
	return nil
}

// Abort removes the temporary folder and leaves dest untouched. After
// Abort, writes fail with ErrClosed. Abort after Commit does nothing, so
// it can be deferred right after NewDir.
func (d *Dir) Abort() error {
	d.life.Lock()
	defer d.life.Unlock()
	if d.closed {
		return nil
	}
	d.closed = true
	if err := os.RemoveAll(d.tmp); err != nil {
		return fmt.Errorf("publish: remove temporary folder: %w", err)
	}
	return nil
}

// Warnings returns the warnings of the build sorted, such as a page the
// minifier refused and that was written unminified.
func (d *Dir) Warnings() []string { return d.sortedWarnings() }

// Files returns the number of files written so far.
func (d *Dir) Files() int { return int(d.files.Load()) }

// openRegular opens src, to be copied to rel, and checks that it is a
// regular file.
func openRegular(rel, src string) (*os.File, error) {
	f, err := os.Open(src)
	if err != nil {
		return nil, fmt.Errorf("publish: copy to %s: %w", rel, err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("publish: copy to %s: %w", rel, err)
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, fmt.Errorf("publish: copy to %s: %s is not a regular file", rel, src)
	}
	return f, nil
}
