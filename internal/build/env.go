package build

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"github.com/btnmt/cchc/internal/report"
	"github.com/btnmt/cchc/internal/site"
)

// env is what a generator may use of the build besides the model: the site's folder and its
// static files (to find and measure attachments) and a way to warn editors without failing the
// build. What a generated page reads besides its place in the site goes in its Reads.
type env struct {
	source string    // the site root
	static staticSet // static/ files, the site's and the theme's, sorted by rel
	warn   func(format string, args ...any)
	// cache is kept from one build of a session to the next (with the same config), for what a
	// generator makes of sources that did not change; by generator name. nil outside sessions.
	cache map[string]any
}

// envGenerator is a generator that needs the build's env: the build calls GenerateEnv instead
// of Generate.
type envGenerator interface {
	GenerateEnv(e *env, s *site.Site, errs *report.ErrorList)
}

// staticSize returns the size of the static file at rel (relative to static/, slash-separated)
// and whether there is one.
func (e *env) staticSize(rel string) (int64, bool) {
	i := sort.Search(len(e.static), func(i int) bool { return e.static[i].rel >= rel })
	if i == len(e.static) || e.static[i].rel != rel {
		return 0, false
	}
	f := e.static[i]
	var info fs.FileInfo
	var err error
	if f.disk != "" {
		info, err = os.Stat(f.disk)
	} else {
		info, err = fs.Stat(f.theme, f.rel)
	}
	if err != nil || info.IsDir() {
		return 0, false
	}
	return info.Size(), true
}

// staticPath is the path of a static file relative to the site root, for messages and deps.
func staticPath(rel string) string { return filepath.ToSlash(filepath.Join("static", rel)) }

// CopyFile copies a file from disk into the output, for generators that place files next to
// pages, recording that it reads the sources.
func (o output) CopyFile(rel, src string, reads ...string) error {
	if err := o.b.target.CopyFile(rel, src); err != nil {
		return err
	}
	o.b.recordGenFile(o.gen, rel, reads)
	return nil
}

// fileCopier is an Output that can copy files from disk without reading them into memory.
type fileCopier interface {
	CopyFile(rel, src string, reads ...string) error
}
