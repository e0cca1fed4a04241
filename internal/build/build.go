// Package build runs the stages of a build: it reads the config and the content, makes the site
// model, converts Markdown, renders every page with the layouts, and publishes the result, all
// or nothing. It records which sources every output reads, so that a rebuild can redo only what
// a change touches.
package build

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	"github.com/btnmt/cchc/internal/config"
	"github.com/btnmt/cchc/internal/content"
	"github.com/btnmt/cchc/internal/markdown"
	"github.com/btnmt/cchc/internal/publish"
	"github.com/btnmt/cchc/internal/render"
	"github.com/btnmt/cchc/internal/report"
	"github.com/btnmt/cchc/internal/site"
)

// Options configures a build.
type Options struct {
	Source  string // the site root; "." by default
	Dest    string // the output folder; <Source>/public by default
	BaseURL string // overrides the config's baseURL when set
	Drafts  bool
	Future  bool
	Expired bool
	Now     time.Time // the build time; time.Now() when zero

	// RenderTimeout is the longest a layout may run for one page (render.DefaultTimeout, 10 s,
	// when zero): past it the page is an error naming the layout.
	RenderTimeout time.Duration

	// ThemeLayouts and ThemeStatic are the default theme, used where the site has no file of
	// its own; nil for none.
	ThemeLayouts fs.FS
	ThemeStatic  fs.FS

	keepBodies bool // keep the Markdown of pages after converting them (for rebuilds)
	// noGenerators leaves out the generators (procedure registry, plans, documents, events,
	// Q&A, search, feedback): the benchmark of the core pipeline sets it.
	noGenerators bool
	// without leaves out the generators named (benchmarks measure what one feature costs).
	without map[string]bool
	// noFragments renders cached partials into the pages rather than splicing them in after
	// minification (render.Renderer.NoFragments): a test compares the two.
	noFragments bool
	// layoutsOnly has the layouts write everything the default theme also writes in Go (the
	// procedure pages, see writeProcedurePage, the registry's tables): a test compares the two.
	layoutsOnly bool
}

// UsageError is a problem with the options of a build rather than with the site's files.
type UsageError struct{ Err error }

// Error implements error.
func (e *UsageError) Error() string { return e.Err.Error() }

// Unwrap returns the underlying error.
func (e *UsageError) Unwrap() error { return e.Err }

// Result tells what a build did.
type Result struct {
	Pages    int // HTML pages written (redirect pages included)
	Files    int // other files written or copied
	Warnings []string
	// Advice is what `cchc check` suggests (missing descriptions, images without alt text,
	// stale drafts): not errors, sorted.
	Advice []string
	// Deps is the record of what each output read, which a session's rebuilds go by; nil for
	// a build of its own (Build, Run, Check), which records nothing it would not use.
	Deps     *Deps
	Site     *site.Site
	Duration time.Duration

	goPages int // pages written in Go rather than by their layouts (see writeProcedurePage)
}

// Build builds the site into Options.Dest. The destination is replaced only when the whole
// build succeeded; on error it is left exactly as it was. Problems in the site's files come back
// as a report.ErrorList.
func Build(opts Options) (*Result, error) {
	start := time.Now()
	opts, cfg, err := prepare(opts)
	if err != nil {
		return nil, err
	}
	dir, err := publish.NewDir(opts.Dest, publish.Options{Minify: *cfg.Minify})
	if err != nil {
		return nil, fmt.Errorf("tạo thư mục tạm cho bản dựng: %w", err)
	}
	res, err := Run(opts, cfg, dir)
	if err != nil {
		if aerr := dir.Abort(); aerr != nil {
			err = errors.Join(err, aerr)
		}
		return nil, err
	}
	if err := dir.Commit(); err != nil {
		return nil, fmt.Errorf("thay thư mục %s bằng bản dựng mới: %w", opts.Dest, err)
	}
	res.Warnings = append(res.Warnings, dir.Warnings()...)
	res.Duration = time.Since(start)
	return res, nil
}

func (o Options) withDefaults() (Options, error) {
	if o.Source == "" {
		o.Source = "."
	}
	if o.Dest == "" {
		o.Dest = filepath.Join(o.Source, "public")
	}
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	st, err := os.Stat(o.Source)
	if err != nil || !st.IsDir() {
		return o, &UsageError{fmt.Errorf("không tìm thấy thư mục trang %q (--source)", o.Source)}
	}
	if err := checkDest(o.Source, o.Dest); err != nil {
		return o, &UsageError{err}
	}
	if o.BaseURL != "" {
		if err := config.CheckBaseURL(o.BaseURL); err != nil {
			return o, &UsageError{fmt.Errorf("--base-url: %w", err)}
		}
	}
	return o, nil
}

// prepare fills in the options' defaults, checks them and reads the config.
func prepare(opts Options) (Options, *config.Config, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return opts, nil, err
	}
	cfg, err := config.Load(opts.Source, opts.BaseURL)
	return opts, cfg, err
}

// Check runs every validation of a build without writing anything: the site's files are
// read, converted and rendered, and the output is checked as if it were written.
func Check(opts Options) (*Result, error) {
	start := time.Now()
	opts, cfg, err := prepare(opts)
	if err != nil {
		return nil, err
	}
	res, err := Run(opts, cfg, publish.NewDiscard())
	if err != nil {
		return nil, err
	}
	res.Duration = time.Since(start)
	return res, nil
}

// Run builds the site described by opts and cfg into target, which the caller commits or drops.
func Run(opts Options, cfg *config.Config, target publish.Target) (*Result, error) {
	in, err := readInputs(opts)
	if err != nil {
		return nil, err
	}
	in.limit = setMemoryLimit(in.src, !opts.noGenerators && !opts.without[searchGenerator{}.Name()])
	_, res, err := runWith(opts, cfg, target, in, nil)
	return res, err
}

// inputs are what a build reads besides the config: the content, parsed, and the static files.
type inputs struct {
	src    *content.Source
	errs   report.ErrorList // problems found reading and parsing the content
	static staticSet
	limit  *memoryLimit // the build's memory limit, raised for the pages the generators add; nil when not set
}

func readInputs(opts Options) (*inputs, error) {
	src, errs := content.Read(opts.Source, filepath.Join(opts.Source, "content"))
	static, err := listStatic(opts.Source, opts.ThemeStatic)
	if err != nil {
		return nil, err
	}
	return &inputs{src: src, errs: errs, static: static}, nil
}

// runWith runs the stages on inputs. prev, when set, is the previous build of the same site:
// its conversions are reused where the Markdown and its links are unchanged, and the bodies are
// kept for the next rebuild. The builder is returned even when the build failed, for the parts
// that can be reused.
func runWith(opts Options, cfg *config.Config, target publish.Target, in *inputs, prev *builder) (*builder, *Result, error) {
	b, errs := prepareWith(opts, cfg, target, in, prev)
	if b == nil {
		return nil, nil, errs
	}
	if len(errs) == 0 {
		b.renderAll(in.static, &errs)
	}
	if len(errs) > 0 {
		errs.Sort()
		return b, nil, errs
	}
	return b, b.result(in), nil
}

// result tells what a successful build did.
func (b *builder) result(in *inputs) *Result {
	advice := append(b.advice, draftAdvice(in.src.Pages, b.opts.Now)...)
	return &Result{Pages: int(b.pages.Load()), Files: int(b.files.Load()), Warnings: b.sortedWarnings(), Advice: sortedAdvice(advice), Deps: b.deps, Site: b.site,
		goPages: int(b.goPages.Load())}
}

// prepareWith runs the stages before rendering on inputs: the model, the generators, the menu
// and the Markdown. It returns the builder, nil only when the layouts cannot be read, and the
// problems found, sorted; prev is as for runWith.
func prepareWith(opts Options, cfg *config.Config, target publish.Target, in *inputs, prev *builder) (*builder, report.ErrorList) {
	var errs report.ErrorList
	errs = append(errs, in.errs...)
	sopts := site.Options{Drafts: opts.Drafts, Future: opts.Future, Expired: opts.Expired, Now: opts.Now}
	if opts.keepBodies {
		// A session makes the model again and again from mostly the same parses.
		sopts.Cache = site.NewCache()
		if prev != nil && prev.siteCache != nil {
			sopts.Cache = prev.siteCache
		}
	}
	s, serrs := site.New(cfg, in.src, in.static.names(), sopts)
	errs = append(errs, serrs...)

	var r *render.Renderer
	if prev != nil && prev.render != nil && prev.cfg == cfg {
		r = prev.render
	} else {
		var layouts fs.FS
		if st, err := os.Stat(filepath.Join(opts.Source, "layouts")); err == nil && st.IsDir() {
			layouts = os.DirFS(filepath.Join(opts.Source, "layouts"))
		}
		var err error
		if r, err = render.New(layouts, opts.ThemeLayouts, cfg); err != nil {
			errs.Add(err)
			errs.Sort()
			return nil, errs
		}
		r.Timeout = opts.RenderTimeout
		r.NoFragments = opts.noFragments
		r.LayoutsOnly = opts.layoutsOnly
	}
	b := &builder{
		opts:      opts,
		siteCache: sopts.Cache,
		site:      s,
		cfg:       cfg,
		render:    r,
		md:        markdown.New(markdown.Options{Unsafe: cfg.Markup.Unsafe}),
		target:    target,
		keep:      prev != nil || opts.keepBodies,
		noGen:     opts.noGenerators,
		without:   opts.without,
	}
	if b.keep {
		b.deps = newDeps()
	}
	var prevConv map[string]*conversion
	if prev != nil {
		prevConv = prev.conv
		b.prevLinkSig = prev.linkSig
		b.prevDeps = prev.deps
		if prev.deps != nil && opts.keepBodies {
			// A session keeps one record of reads, brought up to date by every build, so that
			// its index from sources to outputs is made once.
			b.deps = prev.deps
		}
	}
	b.env = &env{source: opts.Source, static: in.static, warn: b.warn}
	if b.keep {
		b.env.cache = map[string]any{}
		if prev != nil && prev.env != nil && prev.env.cache != nil && prev.cfg == cfg {
			b.env.cache = prev.env.cache
		}
	}
	in.limit.addPages(b.generate(&errs))
	// Related pages are found while the menu is made and the Markdown converted: they only set
	// the pages' Related, which neither reads.
	related := make(chan struct{})
	go func() {
		defer close(related)
		s.BuildRelated()
	}()
	defer func() { <-related }()
	b.warns = append(b.warns, s.BuildMenu(cfg.Menu)...)
	if b.deps != nil {
		b.deps.setShared(b.sharedReads())
	}
	if b.keep {
		b.linkSig = linkSig(s)
	}
	// With a broken model (duplicate URLs, bad slugs) rendering would only add noise, but
	// Markdown problems are still worth reporting in the same run.
	b.convertAll(&errs, prevConv)
	errs.Sort()
	return b, errs
}

// setMemoryLimit sets a soft memory limit in proportion to the content, unless GOMEMLIMIT is
// set, so that a build's memory stays flat: without it the heap grows to twice what the build
// keeps, and more while the collector runs. What a build keeps grows with the pages and with
// their files: the model, lists and links (about 6 KiB a page) and what the files hold (their
// HTML, their front matter's values: about 1.6 times their bytes), and, when it builds one, the
// search index (about 2.8 times their bytes and 2 KiB a page). A page the generators add (the
// registry's pages of procedures, its filter pages) counts as an average page of the content
// once it is made (memoryLimit.addPages): with a limit that left them out, the registry's
// build ran its collector half as often again as a build without it. On the benchmark corpus
// (10,000 pages, 33 MB of files) the build keeps up to 95 MB without the index, 172 MB with
// it; the limits are 173 and 276 MiB, and 330 MiB once the registry's 2,557 pages are made. The
// limit is soft: past it the collector runs more often (with at most half of the CPU), it never
// fails the build.
func setMemoryLimit(src *content.Source, search bool) *memoryLimit {
	if os.Getenv("GOMEMLIMIT") != "" {
		return nil
	}
	var size int64
	for _, p := range src.Pages {
		size += int64(p.Size)
	}
	pages := int64(len(src.Pages))
	m := &memoryLimit{perPage: 6 << 10}
	if search {
		m.perPage += 2 << 10
	}
	m.limit = 64<<20 + pages*m.perPage + size*8/5
	if search {
		m.limit += size * 14 / 5
	}
	if pages > 0 {
		// A page a generator makes counts as an average page of the content: it has its model,
		// its data, its entry in the search index and its output, as they do.
		m.perPage = (m.limit - 64<<20) / pages
	}
	debug.SetMemoryLimit(m.limit)
	return m
}

// memoryLimit is the memory limit setMemoryLimit set, and what it grows by for every page.
type memoryLimit struct{ limit, perPage int64 }

// addPages raises the limit for n pages more; m may be nil (no limit was set).
func (m *memoryLimit) addPages(n int) {
	if m == nil || n <= 0 {
		return
	}
	m.limit += int64(n) * m.perPage
	debug.SetMemoryLimit(m.limit)
}
