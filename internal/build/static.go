package build

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"

	"github.com/btnmt/cchc/internal/content"
	"github.com/btnmt/cchc/internal/report"
	"golang.org/x/text/unicode/norm"
)

// staticFile is a file of static/: from the site's folder on disk, or from the theme.
type staticFile struct {
	rel   string // slash-separated, relative to static/
	disk  string // path on disk, "" for a theme file
	theme fs.FS
}

type staticSet []staticFile

func (s staticSet) names() []string {
	n := make([]string, len(s))
	for i, f := range s {
		n[i] = f.rel
	}
	return n
}

// listStatic lists the site's static/ files and the theme's that the site does not override.
func listStatic(source string, theme fs.FS) (staticSet, error) {
	seen := map[string]bool{}
	var out staticSet
	dir := filepath.Join(source, "static")
	root, _ := filepath.Abs(source)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == dir {
				return filepath.SkipAll
			}
			return err
		}
		if content.Ignored(d.Name()) && p != dir {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			t, err := filepath.EvalSymlinks(p)
			abs, _ := filepath.Abs(t)
			if err != nil || !isWithin(abs, root) {
				return fmt.Errorf("static/%s: liên kết tượng trưng (symlink) trỏ ra ngoài thư mục trang; hãy chép tệp vào static/", relSlash(dir, p))
			}
		}
		if d.IsDir() {
			return nil
		}
		rel := relSlash(dir, p)
		seen[rel] = true
		out = append(out, staticFile{rel: rel, disk: p})
		return nil
	})
	if err != nil {
		return nil, err
	}
	if theme != nil {
		err := fs.WalkDir(theme, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || seen[p] {
				return err
			}
			out = append(out, staticFile{rel: p, theme: theme})
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("đọc static của giao diện: %w", err)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].rel < out[j].rel })
	return out, nil
}

func relSlash(base, p string) string {
	r, err := filepath.Rel(base, p)
	if err != nil {
		r = p
	}
	return norm.NFC.String(filepath.ToSlash(r))
}

func readFS(f staticFile) ([]byte, error) { return fs.ReadFile(f.theme, f.rel) }

// copyFiles copies static/ (the site's and the theme's) and the content's own files.
func (b *builder) copyFiles(static staticSet, errs *report.ErrorList) {
	b.copySome(static, nil, nil, nil, errs)
}

// copySome copies static/ and the content's own files, but those that last says were copied
// from the same file at the same version (seq gives the version of a file by its path relative
// to the site root). next, when not nil, gets what every output is copied from. It returns how
// many outputs of last are outputs now.
func (b *builder) copySome(static staticSet, last, next map[string]copied, seq func(string) uint64, errs *report.ErrorList) (kept int) {
	type job struct {
		out, path string
		from      copied
		theme     *staticFile
	}
	var jobs []job
	add := func(out, path, src string, theme *staticFile) {
		j := job{out: out, path: path, from: copied{src: src}, theme: theme}
		if seq != nil {
			j.from.seq = seq(path)
		}
		if next != nil {
			next[out] = j.from
		}
		old, ok := last[out]
		if ok {
			kept++
			if old == j.from {
				return
			}
		}
		jobs = append(jobs, j)
	}
	for i := range static {
		f := &static[i]
		if f.disk != "" {
			add(f.rel, "static/"+f.rel, f.disk, nil)
		} else {
			add(f.rel, "static/"+f.rel, "theme:"+f.rel, f)
		}
	}
	for _, f := range b.site.Files {
		add(f.Output, f.Path, f.Source, nil)
	}
	fail := make([]error, len(jobs))
	parallel(len(jobs), func(i int) {
		j := jobs[i]
		var err error
		if j.theme != nil {
			var data []byte
			if data, err = readFS(*j.theme); err == nil {
				err = b.target.WriteFile(j.out, data)
			}
		} else {
			err = b.target.CopyFile(j.out, j.from.src)
		}
		if err != nil {
			fail[i] = report.Errorf(j.path, 0, "không chép được: %v", err)
			return
		}
		b.files.Add(1)
	})
	for _, e := range fail {
		errs.Add(e)
	}
	return kept
}
