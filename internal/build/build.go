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

	// ThemeLayouts and ThemeStatic are the default theme, used where the site has no file of
	// its own; nil for none.
	ThemeLayouts fs.FS
	ThemeStatic  fs.FS
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
	Advice   []string
	Deps     *Deps
	Site     *site.Site
	Duration time.Duration
}

// Build builds the site into Options.Dest. The destination is replaced only when the whole
// build succeeded; on error it is left exactly as it was. Problems in the site's files come back
// as a report.ErrorList.
func Build(opts Options) (*Result, error) {
	start := time.Now()
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	cfg, err := config.Load(opts.Source, opts.BaseURL)
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

// Check runs every validation of a build without writing anything: the site's files are
// read, converted and rendered, and the output is checked as if it were written.
func Check(opts Options) (*Result, error) {
	start := time.Now()
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	cfg, err := config.Load(opts.Source, opts.BaseURL)
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
	var errs report.ErrorList
	src, cerrs := content.Read(opts.Source, filepath.Join(opts.Source, "content"))
	errs = append(errs, cerrs...)
	if src == nil {
		return nil, errs
	}
	setMemoryLimit(len(src.Pages))
	static, err := listStatic(opts.Source, opts.ThemeStatic)
	if err != nil {
		return nil, err
	}
	s, serrs := site.New(cfg, src, static.names(), site.Options{Drafts: opts.Drafts, Future: opts.Future, Expired: opts.Expired, Now: opts.Now})
	errs = append(errs, serrs...)

	var layouts fs.FS
	if st, err := os.Stat(filepath.Join(opts.Source, "layouts")); err == nil && st.IsDir() {
		layouts = os.DirFS(filepath.Join(opts.Source, "layouts"))
	}
	r, err := render.New(layouts, opts.ThemeLayouts, cfg)
	if err != nil {
		errs.Add(err)
		errs.Sort()
		return nil, errs
	}
	b := &builder{
		site:   s,
		cfg:    cfg,
		render: r,
		md:     markdown.New(markdown.Options{Unsafe: cfg.Markup.Unsafe}),
		target: target,
		deps:   newDeps(),
	}
	b.env = &env{source: opts.Source, static: static, warn: b.warn, deps: b.deps}
	b.generate(&errs)
	b.warns = append(b.warns, s.BuildMenu(cfg.Menu)...)
	if len(errs) > 0 {
		// The model is broken (duplicate URLs, bad slugs): converting and rendering would only
		// add noise, but Markdown problems are still worth reporting in the same run.
		b.convertAll(&errs, nil)
		errs.Sort()
		return nil, errs
	}
	b.convertAll(&errs, nil)
	b.renderAll(&errs)
	b.copyFiles(static, &errs)
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	advice := append(b.advice, draftAdvice(src.Pages, opts.Now)...)
	res := &Result{Pages: int(b.pages.Load()), Files: int(b.files.Load()), Warnings: b.sortedWarnings(), Advice: sortedAdvice(advice), Deps: b.deps, Site: s}
	return res, nil
}

// setMemoryLimit sets a soft memory limit in proportion to the site, unless GOMEMLIMIT is set:
// the garbage collector then works a little harder instead of letting the heap double, which
// keeps a 10,000-page build under 200 MiB.
func setMemoryLimit(pages int) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(96<<20 + int64(pages)*6<<10)
}
