// Package render turns pages of the site model into HTML with the html/template layouts of the
// site (layouts/) over those of the default theme, and writes the feeds and the sitemap.
//
// Layouts are looked up most specific first: for a single page of section S,
// "S/single.html" then "_default/single.html"; for the list of section S, "S/list.html" then
// "_default/list.html"; the home page uses "index.html" then "_default/list.html". A layout that
// defines "main" is executed inside "_default/baseof.html"; the files under "partials/" are
// available to every layout with {{template "partials/name.html" .}}.
package render

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"regexp"
	"runtime/pprof"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/btnmt/cchc/internal/config"
	"github.com/btnmt/cchc/internal/report"
	"github.com/btnmt/cchc/internal/site"
)

const baseName = "_default/baseof.html"

// Renderer executes the layouts of a site. It is safe for concurrent use.
type Renderer struct {
	sources map[string]string // layout name → source text
	origin  map[string]string // layout name → file path for messages
	base    *template.Template
	mu      sync.Mutex
	sets    map[string]*compiled
	cache   partialCache
	org     []byte // the organisation's JSON-LD, for HeadMeta

	// Timeout is the longest one page's layout may run (DefaultTimeout when 0); MaxPageSize the
	// most bytes it may write (DefaultMaxPageSize when 0). Set them before rendering.
	Timeout     time.Duration
	MaxPageSize int
	// NoFragments puts cached partials into pages as they are rather than as markers for
	// Splice (see partialCached); tests compare the two.
	NoFragments bool
	// LayoutsOnly has FromTheme (and themePartials) report false: the layouts write everything,
	// none of what the default theme also writes in Go is used; tests compare the two.
	LayoutsOnly bool
}

// DefaultTimeout is the longest a layout may run for one page: a real page takes milliseconds,
// so a layout still running after it loops forever (a {{range}} over a huge number, say).
const DefaultTimeout = 10 * time.Second

// DefaultMaxPageSize is the largest page a layout may write: far above any real page, it stops a
// layout that loops while writing before it eats the machine's memory.
const DefaultMaxPageSize = 256 << 20

type compiled struct {
	t     *template.Template
	entry string
	err   error
}

// New loads the layouts: every .html file of siteLayouts (the site's layouts/ folder, may be nil)
// and of theme (the default theme's layouts, may be nil), the site's winning over the theme's.
func New(siteLayouts, theme fs.FS, cfg *config.Config) (*Renderer, error) {
	r := &Renderer{sources: map[string]string{}, origin: map[string]string{}, sets: map[string]*compiled{}, org: orgJSON(cfg)}
	for _, src := range []struct {
		fsys   fs.FS
		prefix string
	}{{theme, "layouts/ (giao diện mặc định) "}, {siteLayouts, "layouts/"}} {
		if src.fsys == nil {
			continue
		}
		err := fs.WalkDir(src.fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() || !strings.HasSuffix(p, ".html") || strings.HasPrefix(path.Base(p), ".") {
				return nil
			}
			b, err := fs.ReadFile(src.fsys, p)
			if err != nil {
				return err
			}
			if src.prefix == "layouts/" && r.sources[p] == string(b) && r.origin[p] != "" {
				return nil // the theme's own file, as the theme's repository has it: not an override
			}
			r.sources[p] = string(b)
			if src.prefix == "layouts/" {
				r.origin[p] = "layouts/" + p
			} else {
				r.origin[p] = "layouts/" + p + " (giao diện mặc định)"
			}
			return nil
		})
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("đọc layouts: %w", err)
		}
	}
	var errs report.ErrorList
	base := template.New(baseName).Funcs(Funcs(cfg)).Funcs(template.FuncMap{"partialCached": r.partialCached, "partialBlock": r.partialBlock, "themePartials": r.themePartials, "htmlBlock": r.htmlBlock})
	var names []string
	for n := range r.sources {
		if n == baseName || strings.HasPrefix(n, "partials/") {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		t := base
		if n != baseName {
			t = base.New(n)
		}
		if _, err := t.Parse(r.sources[n]); err != nil {
			errs.Add(r.templateError(err))
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	r.base = base
	// Cached partials run in a set of their own, cloned before anything runs, in which a cached
	// partial cannot call partialCached again (an endless recursion would kill the process).
	partials, err := base.Clone()
	if err != nil {
		return nil, fmt.Errorf("đọc layouts: %w", err)
	}
	partials.Funcs(template.FuncMap{"partialCached": nestedPartialCached, "partialBlock": nestedPartialCached, "htmlBlock": inlineBlock})
	r.cache.set = partials
	var nonce [8]byte
	if _, err := rand.Read(nonce[:]); err != nil {
		return nil, fmt.Errorf("đọc layouts: %w", err)
	}
	r.cache.nonce = hex.EncodeToString(nonce[:])
	r.cache.marker = `<div data-cchc-f="` + r.cache.nonce + "-"
	return r, nil
}

// themePartials tells whether none of the layouts named comes from the site: the default theme
// writes some of its partials in Go, and calls the layouts instead when a site has its own
// version of one of them (or of a partial they use):
//
//	{{if themePartials "partials/tthc-hien-trang.html" "partials/tthc-nhan.html"}}{{.Data.StateHTML}}{{else}}{{template "partials/tthc-hien-trang.html" .Data}}{{end}}
func (r *Renderer) themePartials(names ...string) bool { return r.FromTheme(names...) }

// FromTheme tells whether every layout named comes from the default theme: none is the site's
// own. Pages written in Go as the theme's layouts would write them are written so only then.
func (r *Renderer) FromTheme(names ...string) bool {
	if r.LayoutsOnly {
		return false
	}
	for _, n := range names {
		if r.origin[n] == "layouts/"+n {
			return false
		}
	}
	return true
}

// Has tells whether a layout exists.
func (r *Renderer) Has(name string) bool {
	_, ok := r.sources[name]
	return ok
}

// Lookup returns the layout used for a page, most specific first.
func (r *Renderer) Lookup(p *site.Page) (string, error) {
	cands := Candidates(p)
	for _, c := range cands {
		if _, ok := r.sources[c]; ok {
			return c, nil
		}
	}
	return "", fmt.Errorf("không có mẫu trang (layout) cho %s; cần một trong các tệp: layouts/%s", p.URL, strings.Join(cands, ", layouts/"))
}

// Candidates lists the layouts that can render a page, most specific first.
func Candidates(p *site.Page) []string {
	var c []string
	switch p.Type {
	case site.TypeHome:
		return []string{"index.html", "_default/list.html"}
	case site.TypeSection:
		if p.Section != "" {
			c = append(c, p.Section+"/list.html")
		}
		return append(c, "_default/list.html")
	case site.TypePage:
		if p.Section != "" {
			c = append(c, p.Section+"/single.html")
		}
		return append(c, "_default/single.html")
	case site.Type404:
		return []string{"404.html"}
	default:
		// Generated pages: "<section>/<type>.html" then "_default/<type>.html".
		if p.Section != "" {
			c = append(c, p.Section+"/"+string(p.Type)+".html")
		}
		return append(c, "_default/"+string(p.Type)+".html")
	}
}

func (r *Renderer) compile(name string) *compiled {
	r.mu.Lock()
	defer r.mu.Unlock()
	if c, ok := r.sets[name]; ok {
		return c
	}
	c := &compiled{}
	r.sets[name] = c
	t, err := r.base.Clone()
	if err == nil {
		_, err = t.New(name).Parse(r.sources[name])
	}
	if err != nil {
		c.err = r.templateError(err)
		return c
	}
	c.t, c.entry = t, name
	if t.Lookup("main") != nil {
		c.entry = baseName
	}
	return c
}

// Render executes the layout of p into w. A template error names the layout file and line.
func (r *Renderer) Render(w io.Writer, p *site.Page) error {
	name, err := r.Lookup(p)
	if err != nil {
		return err
	}
	return r.Execute(w, name, p)
}

// Execute runs layout name with data into w. The layout runs in its own goroutine, into a buffer
// that goroutine owns, with a time limit (Timeout): a layout that panics or runs too long is an
// error naming the layout (and the page when data is a *site.Page), and w gets nothing.
//
// Go cannot stop a goroutine: a layout that has timed out is abandoned. Its next write fails and
// lets go of its buffer, which ends a layout that loops while writing; one that loops without
// writing runs on until its loop ends, but holds no memory that grows.
//
// The page comes whole: the markers of partialBlock are replaced by their partials.
func (r *Renderer) Execute(w io.Writer, name string, data any) error {
	return r.ExecuteFunc(name, data, func(page []byte) error {
		markers, err := r.CheckFragments(page)
		if err != nil {
			return &report.FileError{Path: r.file(name), Err: err}
		}
		if markers > 0 {
			var b bytes.Buffer
			r.Splice(&b, page, nil)
			page = b.Bytes()
		}
		_, err = w.Write(page)
		return err
	})
}

// ExecuteFunc runs layout name with data as Execute does and hands the page to use, which must
// not keep it: the buffer is reused for another page once use returns. It saves a copy of every
// page when the caller only reads it. The page still holds the markers of partialBlock: the
// caller checks them (CheckFragments) and puts the partials in (Splice), after minifying.
func (r *Renderer) ExecuteFunc(name string, data any, use func(page []byte) error) error {
	c := r.compile(name)
	if c.err != nil {
		return c.err
	}
	timeout := r.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	limit := r.MaxPageSize
	if limit <= 0 {
		limit = DefaultMaxPageSize
	}
	out := &pageBuffer{buf: getBuffer(), limit: limit}
	done := make(chan error, 1) // buffered: an abandoned layout's goroutine never blocks on it
	go func() {
		defer func() {
			if v := recover(); v != nil {
				done <- &panicError{value: v}
			}
		}()
		// The layout's name labels its samples in CPU profiles (go tool pprof -tags).
		pprof.Do(context.Background(), pprof.Labels("layout", name), func(context.Context) {
			done <- c.t.ExecuteTemplate(out, c.entry, data)
		})
	}()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case err := <-done:
		var pe *panicError
		switch {
		case errors.As(err, &pe):
			return &report.FileError{Path: r.file(name), Err: fmt.Errorf("lỗi mẫu trang: mẫu gặp lỗi nghiêm trọng (panic) khi dựng %s: %v; hãy kiểm tra các hàm và trường mà mẫu gọi", pageName(data), pe.value)}
		case errors.Is(err, errPageTooLarge):
			return &report.FileError{Path: r.file(name), Err: fmt.Errorf("lỗi mẫu trang: %s lớn quá %d MB; mẫu có vòng lặp không dừng?", pageName(data), limit>>20)}
		case err != nil:
			return r.templateError(err)
		}
		err = use(out.buf.Bytes())
		putBuffer(out.buf)
		return err
	case <-timer.C:
		out.abandon()
		return &report.FileError{Path: r.file(name), Err: fmt.Errorf("lỗi mẫu trang: dựng %s quá %s giây chưa xong; mẫu có vòng lặp không dừng (range trên một số rất lớn, mẫu con tự gọi lại chính nó…)?", pageName(data), strings.Replace(strconv.FormatFloat(timeout.Seconds(), 'f', -1, 64), ".", ",", 1))}
	}
}

// file returns the layout's file for messages.
func (r *Renderer) file(name string) string {
	if f := r.origin[name]; f != "" {
		return f
	}
	return "layouts/" + name
}

// pageName names the page being rendered, for messages.
func pageName(data any) string {
	if p, ok := data.(*site.Page); ok && p != nil && p.URL != "" {
		return "trang " + p.URL
	}
	return "trang"
}

// panicError carries a panic out of a layout's goroutine.
type panicError struct{ value any }

func (e *panicError) Error() string { return fmt.Sprint("panic: ", e.value) }

var (
	errPageTooLarge = errors.New("page too large")
	errAbandoned    = errors.New("rendering abandoned after the time limit")
)

// pageBuffer is the output of one layout run: owned by its goroutine until the run ends, or
// abandoned on time-out, after which every write fails. Only the goroutine touches the buffer;
// the flag is the one thing shared.
type pageBuffer struct {
	buf       *bytes.Buffer
	limit     int
	abandoned atomic.Bool
}

// Write implements io.Writer; a write past the limit or after abandon fails, which stops the
// template. An abandoned run lets go of its buffer at its next write.
func (b *pageBuffer) Write(p []byte) (int, error) {
	if b.abandoned.Load() {
		b.buf = nil
		return 0, errAbandoned
	}
	if b.buf.Len()+len(p) > b.limit {
		return 0, errPageTooLarge
	}
	return b.buf.Write(p)
}

func (b *pageBuffer) abandon() { b.abandoned.Store(true) }

// Page buffers are reused: a buffer grown to the size of a page saves the next page a dozen
// allocations, which were a third of a build's garbage.
var bufferPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooled caps the buffers kept, so that one huge page does not pin its memory.
const maxPooled = 1 << 20

func getBuffer() *bytes.Buffer { return bufferPool.Get().(*bytes.Buffer) }

func putBuffer(b *bytes.Buffer) {
	if b.Cap() > maxPooled {
		return
	}
	b.Reset()
	bufferPool.Put(b)
}

// templateErrRE reads the layout and line of text/template errors ("template: x.html:12:5: …")
// and html/template's ("html/template:x.html:12:5: …", "html/template:x.html: ends in …").
var templateErrRE = regexp.MustCompile(`template: ?([^:\s]+)(?::(\d+))?(?::\d+)?: (.*)`)

// templateError turns an html/template error into a FileError at the layout's file and line.
func (r *Renderer) templateError(err error) error {
	m := templateErrRE.FindStringSubmatch(err.Error())
	if m == nil {
		return &report.FileError{Path: "layouts", Err: fmt.Errorf("lỗi mẫu trang: %v", err)}
	}
	line, _ := strconv.Atoi(m[2]) // 0 when the error has no line
	file := r.origin[m[1]]
	if file == "" {
		file = "layouts/" + m[1]
	}
	return &report.FileError{Path: file, Line: line, Err: fmt.Errorf("lỗi mẫu trang: %s", m[3])}
}

// Names lists the layouts loaded, the site's and the theme's, sorted.
func (r *Renderer) Names() []string {
	var n []string
	for k := range r.sources {
		n = append(n, k)
	}
	sort.Strings(n)
	return n
}
