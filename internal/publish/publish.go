// Package publish writes the output of one build: it minifies HTML, CSS,
// JS, SVG, JSON and XML by file extension and writes the files into a
// temporary folder beside the destination, which Commit swaps into place,
// so a failed build leaves the previous site untouched.
//
// Every output path is checked before anything is written: a path that is
// absolute, contains "..", a backslash or a NUL byte is refused, and two
// writes to the same path in one build are an error, so nothing is ever
// written outside the destination and duplicate URLs are caught.
package publish

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// Options configures a Dir or a Memory target.
type Options struct {
	// Minify minifies files by extension: .html, .css, .js, .svg, .json,
	// .xml, and .webmanifest (as JSON). Other files are written unchanged.
	Minify bool
}

// Target receives the files of one build. Paths are slash-separated and
// relative to the output root ("tin-tuc/x/index.html").
type Target interface {
	// WriteFile writes data to rel, minified by extension when enabled.
	// It is safe for concurrent use.
	WriteFile(rel string, data []byte) error
	// CopyFile copies the file src from disk to rel unchanged.
	// It is safe for concurrent use.
	CopyFile(rel, src string) error
	// WritePage writes the HTML page rel, whose skeleton page holds markers where fragments go:
	// the skeleton is minified when enabled, then s puts the fragments in, minified or not as
	// the skeleton was. It is safe for concurrent use.
	WritePage(rel string, page []byte, s Splicer) error
	// WriteMinified writes data to rel as it is: a file written in the form the minifier
	// leaves (a page that Go code writes whole, already minified). It is safe for concurrent
	// use.
	WriteMinified(rel string, data []byte) error
}

// Splicer puts fragments in the place of their markers in a page (see Target.WritePage).
// Fragments that many pages share are minified once rather than on every page.
type Splicer interface {
	// Splice appends page to dst with every marker replaced by its fragment, minified when
	// minified is set (the page was).
	Splice(dst *bytes.Buffer, page []byte, minified bool)
}

// MinifyHTML returns an HTML fragment minified as pages are, or html itself when the minifier
// refuses it (the page it goes into is minified around it all the same).
func MinifyHTML(html []byte) []byte {
	out := getBuffer()
	defer putBuffer(out)
	if err := sharedMinifier().minify(out, mimeHTML, html); err != nil {
		return html
	}
	return bytes.Clone(out.Bytes())
}

var (
	_ Target = (*Dir)(nil)
	_ Target = (*Memory)(nil)
)

// ErrBadPath reports an output path that is empty, absolute, contains a
// ".." element, a backslash or a NUL byte, or names a folder.
var ErrBadPath = errors.New("đường dẫn ra không hợp lệ")

// ErrDuplicate reports a second write to the same output path in one build.
var ErrDuplicate = errors.New("hai nguồn cùng ghi ra")

// ErrConflict reports an output path used both as a file and as a folder,
// such as "a" and "a/index.html" in one build.
var ErrConflict = errors.New("vừa là tệp vừa là thư mục")

// ErrClosed reports a write to a Dir after Commit or Abort.
var ErrClosed = errors.New("publish: build already committed or aborted")

// cleanRel validates an output path and returns it cleaned ("x/./y" → "x/y").
// It never returns a path that could leave the output root.
func cleanRel(rel string) (string, error) {
	bad := func(why string) (string, error) {
		return "", fmt.Errorf("%w %q: %s", ErrBadPath, rel, why)
	}
	switch {
	case rel == "":
		return bad("rỗng")
	case strings.IndexByte(rel, 0) >= 0:
		return bad("có ký tự NUL")
	case strings.IndexByte(rel, '\\') >= 0:
		return bad(`có dấu "\"; chỉ dùng "/"`)
	case rel[0] == '/':
		return bad("là đường dẫn tuyệt đối")
	case rel[len(rel)-1] == '/':
		return bad("chỉ tới thư mục, không phải tệp")
	}
	for elem := range strings.SplitSeq(rel, "/") {
		if elem == ".." {
			return bad(`có phần ".."`)
		}
	}
	c := path.Clean(rel)
	if c == "." {
		return bad("chỉ tới gốc thư mục ra")
	}
	// IsLocal also catches what only some systems refuse, such as
	// volume names and reserved names on Windows.
	if !filepath.IsLocal(filepath.FromSlash(c)) {
		return bad("ra ngoài thư mục ra")
	}
	return c, nil
}

// registry records the paths written in one build, to refuse duplicates
// and paths used both as a file and as a folder.
type registry struct {
	mu    sync.Mutex
	files map[string]struct{}
	dirs  map[string]struct{}
}

// claim records the cleaned path rel as a file, or reports why it cannot be.
func (r *registry) claim(rel string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.files == nil {
		r.files = make(map[string]struct{})
		r.dirs = make(map[string]struct{})
	}
	if _, ok := r.files[rel]; ok {
		return fmt.Errorf("%w %s", ErrDuplicate, rel)
	}
	if _, ok := r.dirs[rel]; ok {
		return fmt.Errorf("%s %w (đã có tệp bên trong)", rel, ErrConflict)
	}
	for i := strings.IndexByte(rel, '/'); i >= 0; i = nextSlash(rel, i) {
		if _, ok := r.files[rel[:i]]; ok {
			return fmt.Errorf("%s %w (khi ghi %s)", rel[:i], ErrConflict, rel)
		}
	}
	r.files[rel] = struct{}{}
	for i := strings.IndexByte(rel, '/'); i >= 0; i = nextSlash(rel, i) {
		r.dirs[rel[:i]] = struct{}{}
	}
	return nil
}

// nextSlash returns the index of the next '/' in s after index i, or -1.
func nextSlash(s string, i int) int {
	j := strings.IndexByte(s[i+1:], '/')
	if j < 0 {
		return -1
	}
	return i + 1 + j
}

// build holds what Dir and Memory share: the paths written, the minifier
// and the warnings.
type build struct {
	min *Minifier // nil when not minifying
	reg registry

	warnMu   sync.Mutex
	warnings []string
}

func (b *build) init(opts Options) {
	if opts.Minify {
		b.min = sharedMinifier()
	}
}

// process returns data minified into out when rel is minified, else data.
// A file the minifier refuses is returned unchanged, with a warning.
func (b *build) process(out *bytes.Buffer, rel string, data []byte) []byte {
	if b.min == nil {
		return data
	}
	mt := mediaType(rel)
	if mt == nil {
		return data
	}
	if err := b.min.minify(out, mt, data); err != nil {
		b.warn(minifyWarning(rel, err))
		return data
	}
	return out.Bytes()
}

// processPage returns page, minified when enabled, with s's fragments spliced in; out holds
// the result.
func (b *build) processPage(out *bytes.Buffer, rel string, page []byte, s Splicer) []byte {
	if !bytes.Equal(mediaType(rel), mimeHTML) {
		// Not HTML: the whole file, fragments in, is minified by its type, as by WriteFile.
		var whole bytes.Buffer
		s.Splice(&whole, page, false)
		return b.process(out, rel, whole.Bytes())
	}
	minified := false
	if b.min != nil {
		tmp := getBuffer()
		defer putBuffer(tmp)
		if err := b.min.minify(tmp, mimeHTML, page); err != nil {
			b.warn(minifyWarning(rel, err))
		} else {
			page, minified = tmp.Bytes(), true
		}
	}
	s.Splice(out, page, minified)
	return out.Bytes()
}

func (b *build) warn(msg string) {
	b.warnMu.Lock()
	b.warnings = append(b.warnings, msg)
	b.warnMu.Unlock()
}

// sortedWarnings returns a sorted copy of the warnings, so the order does
// not depend on the order goroutines wrote files in.
func (b *build) sortedWarnings() []string {
	b.warnMu.Lock()
	w := slices.Clone(b.warnings)
	b.warnMu.Unlock()
	slices.Sort(w)
	return w
}
