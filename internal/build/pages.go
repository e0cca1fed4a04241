package build

import (
	"bytes"
	"context"
	"fmt"
	"runtime"
	"runtime/pprof"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/btnmt/cchc/internal/config"
	"github.com/btnmt/cchc/internal/markdown"
	"github.com/btnmt/cchc/internal/publish"
	"github.com/btnmt/cchc/internal/render"
	"github.com/btnmt/cchc/internal/report"
	"github.com/btnmt/cchc/internal/site"
)

// builder holds one build's stages' shared state.
type builder struct {
	opts      Options
	siteCache *site.Cache // what a session's next model may reuse; nil outside sessions
	site      *site.Site
	cfg       *config.Config
	render    *render.Renderer
	md        *markdown.Converter
	target    publish.Target
	deps      *Deps
	env       *env // what generators may use besides the model

	pages, files atomic.Int64
	goPages      atomic.Int64 // pages written in Go rather than by their layouts
	mu           sync.Mutex
	warns        []string
	badContent   map[*site.Page]bool // pages whose Markdown had problems: their output links are not checked again
	advice       []string
	conv         map[string]*conversion     // by source path, kept for rebuilds
	keep         bool                       // keep page bodies after conversion, for rebuilds
	noGen        bool                       // run no generators (benchmark of the core pipeline)
	without      map[string]bool            // generators not to run (benchmarks)
	converted    int                        // pages converted (not reused) by convertAll
	genFiles     map[string]map[string]bool // generator name → the files it wrote
	genReads     map[string][]string        // generator name → what its files read
	sig          *sigState                  // for the signatures of outputs; nil outside sessions
	// linkSig sums up where links can lead in this build, prevLinkSig in the build whose
	// conversions are reused; 0 when not worked out.
	linkSig, prevLinkSig uint64
	prevDeps             *Deps // the record of reads of the build whose conversions are reused

	goodMu        sync.RWMutex
	goodLinks     map[string]struct{} // site-relative links of the output found to lead somewhere
	goodFragments sync.Map            // ids of the cached partials whose links all lead somewhere
}

func (b *builder) warn(format string, args ...any) {
	b.mu.Lock()
	b.warns = append(b.warns, fmt.Sprintf(format, args...))
	b.mu.Unlock()
}

func (b *builder) sortedWarnings() []string {
	sort.Strings(b.warns)
	return b.warns
}

// parallel runs f for every index below n on all CPUs.
func parallel(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				f(i)
			}
		}()
	}
	wg.Wait()
}

// generate adds the pages that no Markdown file writes. It returns how many of them the
// generators made (the lists, their pages and the taxonomies aside).
func (b *builder) generate(errs *report.ErrorList) (generated int) {
	s := b.site
	s.Reserve("/sitemap.xml")
	s.Reserve(render.FeedURL(s.Home))
	for _, sec := range s.Sections {
		s.Reserve(render.FeedURL(sec))
	}
	s.Add(&site.Page{Type: site.Type404, URL: "/404.html", Title: "Không tìm thấy trang"}, "trang 404 (tạo tự động)", errs)
	before := len(s.All)
	for _, g := range b.generators() {
		pprof.Do(context.Background(), pprof.Labels("generator", g.Name()), func(context.Context) {
			if eg, ok := g.(envGenerator); ok && b.env != nil {
				eg.GenerateEnv(b.env, s, errs)
				return
			}
			g.Generate(s, errs)
		})
	}
	generated = len(s.All) - before
	b.buildLists(errs)
	s.SortAll()
	return generated
}

// renderAll renders every page, the feeds, the sitemap, the generators' files and the
// redirects into the target, and copies the static files. The pages are rendered while the
// rest is written: the two read the finished model and share only what is locked (the
// dependency record, the warnings, the target), and the search index, the largest of the
// rest, would otherwise keep a core idle while it merges.
func (b *builder) renderAll(static staticSet, errs *report.ErrorList) {
	var extra report.ErrorList
	done := make(chan struct{})
	go func() {
		defer close(done)
		b.writeExtras(&extra)
		b.copyFiles(static, &extra)
	}()
	b.renderPages(b.site.All, errs)
	<-done
	*errs = append(*errs, extra...)
}

// renderPages renders pages with their layouts into the target.
func (b *builder) renderPages(pages []*site.Page, errs *report.ErrorList) {
	pageErrs := make([][]*report.FileError, len(pages))
	b.render.ResetCache() // cached partials show the model, which may have changed since
	b.goodFragments.Clear()
	b.goodMu.Lock()
	b.goodLinks = nil // and links found good were good in that model
	b.goodMu.Unlock()
	goProcedures := b.writesProcedurePages()
	parallel(len(pages), func(i int) {
		p := pages[i]
		b.recordReads(p)
		layout, err := b.render.Lookup(p)
		if err != nil {
			pageErrs[i] = append(pageErrs[i], &report.FileError{Path: "layouts", Err: err})
			return
		}
		if d, ok := p.Data.(*TTHCProcedure); ok && goProcedures && layout == procedureLayout {
			var done bool
			pprof.Do(context.Background(), pprof.Labels("layout", layout+" (Go)"), func(context.Context) {
				done, pageErrs[i] = b.writeProcedurePage(p, d)
			})
			if done {
				b.pages.Add(1)
				b.goPages.Add(1)
				return
			}
		}
		// The layout's name labels the page's samples in CPU profiles, its minification and
		// writing included (go tool pprof -tags).
		pprof.Do(context.Background(), pprof.Labels("layout", layout), func(context.Context) {
			err = b.render.ExecuteFunc(layout, p, func(page []byte) error {
				markers, err := b.render.CheckFragments(page)
				if err != nil {
					return &report.FileError{Path: "layouts/" + layout, Err: err}
				}
				spliced := markers > 0
				if !b.badContent[p] {
					pageErrs[i] = append(pageErrs[i], b.checkOutputLinks(p, layout, page)...)
					if spliced {
						pageErrs[i] = append(pageErrs[i], b.checkFragmentLinks(p, layout, page)...)
					}
				}
				if spliced {
					err = b.target.WritePage(p.Output, page, fragmentSplicer{b.render})
				} else {
					err = b.target.WriteFile(p.Output, page)
				}
				if err != nil {
					return &report.FileError{Path: p.Path(), Err: fmt.Errorf("ghi %s: %w", p.Output, err)}
				}
				return nil
			})
		})
		if err != nil {
			pageErrs[i] = append(pageErrs[i], asFileError(err))
			return
		}
		b.pages.Add(1)
	})
	for _, pe := range pageErrs {
		for _, e := range pe {
			errs.Add(e)
		}
	}
}

// newestFirst returns the pages by date, newest first, for feeds: a list's own order puts pages
// with a weight first.
func newestFirst(ps []*site.Page) []*site.Page {
	out := append([]*site.Page(nil), ps...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Date.After(out[j].Date) })
	return out
}

// writeExtras writes the feeds, the sitemap, the generators' files and the redirects.
func (b *builder) writeExtras(errs *report.ErrorList) {
	for _, x := range b.extras(nil) {
		b.writeExtra(x, errs)
	}
	for _, g := range b.generators() {
		pprof.Do(context.Background(), pprof.Labels("generator", g.Name()), func(context.Context) {
			g.Write(b.site, output{b, g.Name()}, errs)
		})
	}
}

// extra is an output that no layout renders: a feed, the sitemap, a redirect page.
type extra struct {
	out   string
	reads []*site.Page    // the pages it shows
	sum   func(h *hasher) // sums up what it shows, for its signature
	data  func() []byte
	alias *site.Alias // set for a redirect page
}

// extras lists the feeds, the sitemap and the redirect pages; want, when not nil, limits it to
// those it says yes to.
func (b *builder) extras(want func(out string) bool) []extra {
	s := b.site
	limit := b.cfg.RSSLimit
	var out []extra
	feed := func(list *site.Page, pages []*site.Page) {
		name := render.FeedURL(list)[1:]
		if want != nil && !want(name) {
			return
		}
		items := newestFirst(pages)
		shown := items[:min(limit, len(items))]
		out = append(out, extra{out: name, reads: append([]*site.Page{list}, shown...),
			sum: func(h *hasher) {
				h.ref(list)
				h.str(list.Description)
				h.pages(shown)
			},
			data: func() []byte { return render.RSS(list, items, limit) }})
	}
	feed(s.Home, s.Pages)
	for _, sec := range s.Sections {
		feed(sec, sec.Pages)
	}
	if want == nil || want("sitemap.xml") {
		var inMap []*site.Page
		for _, p := range s.All {
			if p.Type != site.Type404 {
				inMap = append(inMap, p)
			}
		}
		out = append(out, extra{out: "sitemap.xml", reads: inMap,
			sum: func(h *hasher) {
				for _, p := range inMap {
					h.str(p.URL)
					h.time(p.Lastmod)
				}
			},
			data: func() []byte { return render.Sitemap(inMap) }})
	}
	for i := range s.Aliases {
		a := &s.Aliases[i]
		if want != nil && !want(a.Output) {
			continue
		}
		out = append(out, extra{out: a.Output, reads: []*site.Page{a.Target}, alias: a,
			sum:  func(h *hasher) { h.ref(a.Target) },
			data: func() []byte { return render.Alias(a.Target.Title, a.Target.Permalink()) }})
	}
	return out
}

// recordExtra records what an extra output reads.
func (b *builder) recordExtra(x extra) {
	if b.deps == nil {
		return
	}
	reads := make([]string, 0, len(x.reads))
	for _, p := range x.reads {
		reads = append(reads, p.Path())
	}
	b.deps.setFile(x.out, reads)
}

// writeExtra writes an extra output and records what it reads.
func (b *builder) writeExtra(x extra, errs *report.ErrorList) {
	b.recordExtra(x)
	if x.alias == nil {
		b.write(x.out, x.data(), errs)
		return
	}
	if err := b.target.WriteFile(x.out, x.data()); err != nil {
		errs.Add(report.Errorf(x.alias.Target.Path(), 0, "ghi trang chuyển hướng %s: %v", x.alias.URL, err))
		return
	}
	b.pages.Add(1)
}

func (b *builder) write(out string, data []byte, errs *report.ErrorList) {
	if err := b.target.WriteFile(out, data); err != nil {
		errs.Add(fmt.Errorf("ghi %s: %w", out, err))
		return
	}
	b.files.Add(1)
}

// recordReads records what rendering p reads besides the links of its Markdown and what every
// page reads (the layouts, the config, the menu and the sections: see Deps).
func (b *builder) recordReads(p *site.Page) {
	if b.deps == nil {
		return
	}
	reads := make([]string, 0, 8+len(p.Reads))
	reads = append(reads, p.Path())
	readPages(p, func(q *site.Page) { reads = append(reads, q.Path()) })
	reads = append(reads, p.Reads...)
	reads = append(reads, dataReads(p)...)
	b.deps.setPage(p.Output, reads)
}

// readPages calls f with every page that rendering p shows by p's place in the site: its
// ancestors, its neighbours, its list's items (those of its page of the list when paginated,
// and the list's first page), its related pages and a home page's sections. What generated
// data shows is not among them (see sigData).
func readPages(p *site.Page, f func(q *site.Page)) {
	for a, n := p.Parent, 0; a != nil && a != p && n < 32; a, n = a.Parent, n+1 {
		f(a)
	}
	if p.Prev != nil {
		f(p.Prev)
	}
	if p.Next != nil {
		f(p.Next)
	}
	if p.Pager != nil {
		// A page of a list reads the items it shows; the list's other pages are not its business.
		for _, q := range p.Pager.Items {
			f(q)
		}
		if p.Pager.Prev != nil || p.Pager.Next != nil {
			f(p.Pager.First)
		}
	} else {
		for _, q := range p.Pages {
			f(q)
		}
	}
	for _, q := range p.Related {
		f(q)
	}
	for _, q := range p.Sections {
		f(q)
	}
}

// sharedReads are what every rendered page reads besides the layouts and the config: the pages
// of the menu and the sections (a layout may list them anywhere).
func (b *builder) sharedReads() []string {
	var out []string
	for _, m := range b.site.Menu {
		if m.Page != nil {
			out = append(out, m.Page.Path())
		}
	}
	for _, sec := range b.site.Sections {
		out = append(out, sec.Path())
	}
	return out
}

func asFileError(err error) *report.FileError {
	if fe, ok := err.(*report.FileError); ok {
		return fe
	}
	return &report.FileError{Err: err}
}

// generators returns the generators this build runs.
func (b *builder) generators() []generator {
	if b.noGen {
		return nil
	}
	if len(b.without) == 0 {
		return generators
	}
	var gs []generator
	for _, g := range generators {
		if !b.without[g.Name()] {
			gs = append(gs, g)
		}
	}
	return gs
}

// fragmentSplicer puts the cached partials of the renderer into pages (publish.Splicer).
type fragmentSplicer struct{ r *render.Renderer }

func (s fragmentSplicer) Splice(dst *bytes.Buffer, page []byte, minified bool) {
	var minify func([]byte) []byte
	if minified {
		minify = publish.MinifyHTML
	}
	s.r.Splice(dst, page, minify)
}
