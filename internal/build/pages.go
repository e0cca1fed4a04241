package build

import (
	"bytes"
	"fmt"
	"runtime"
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
	site   *site.Site
	cfg    *config.Config
	render *render.Renderer
	md     *markdown.Converter
	target publish.Target
	deps   *Deps
	env    *env // what generators may use besides the model

	pages, files atomic.Int64
	mu           sync.Mutex
	warns        []string
	badContent   map[*site.Page]bool // pages whose Markdown had problems: their output links are not checked again
	advice       []string
	conv         map[string]*conversion     // by source path, kept for rebuilds
	keep         bool                       // keep page bodies after conversion, for rebuilds
	noGen        bool                       // run no generators (benchmark of the core pipeline)
	converted    int                        // pages converted (not reused) by convertAll
	genFiles     map[string]map[string]bool // generator name → the files it wrote
	deferred     map[string]bool            // generators whose Write waits for Session.Catchup; nil: write now
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

// generate adds the pages that no Markdown file writes.
func (b *builder) generate(errs *report.ErrorList) {
	s := b.site
	s.Reserve("/sitemap.xml")
	s.Reserve(render.FeedURL(s.Home))
	for _, sec := range s.Sections {
		s.Reserve(render.FeedURL(sec))
	}
	s.Add(&site.Page{Type: site.Type404, URL: "/404.html", Title: "Không tìm thấy trang"}, "trang 404 (tạo tự động)", errs)
	for _, g := range b.generators() {
		if eg, ok := g.(envGenerator); ok && b.env != nil {
			eg.GenerateEnv(b.env, s, errs)
			continue
		}
		g.Generate(s, errs)
	}
	b.buildLists(errs)
	s.SortAll()
}

// renderAll renders every page, the feeds, the sitemap and the redirects into the target.
func (b *builder) renderAll(errs *report.ErrorList) {
	b.renderPages(b.site.All, errs)
	b.writeExtras(errs)
}

// renderPages renders pages with their layouts into the target.
func (b *builder) renderPages(pages []*site.Page, errs *report.ErrorList) {
	pageErrs := make([][]*report.FileError, len(pages))
	parallel(len(pages), func(i int) {
		p := pages[i]
		b.recordReads(p)
		layout, err := b.render.Lookup(p)
		if err != nil {
			pageErrs[i] = append(pageErrs[i], &report.FileError{Path: "layouts", Err: err})
			return
		}
		var buf bytes.Buffer
		if err := b.render.Execute(&buf, layout, p); err != nil {
			pageErrs[i] = append(pageErrs[i], asFileError(err))
			return
		}
		if !b.badContent[p] {
			pageErrs[i] = append(pageErrs[i], b.checkOutputLinks(p, layout, buf.Bytes())...)
		}
		if err := b.target.WriteFile(p.Output, buf.Bytes()); err != nil {
			pageErrs[i] = append(pageErrs[i], &report.FileError{Path: p.Path(), Err: fmt.Errorf("ghi %s: %w", p.Output, err)})
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

// writeExtras writes the feeds, the sitemap, the generators' files and the redirects. want,
// when not nil, limits it to the outputs in the set (and the generators that wrote any of them
// last time).
func (b *builder) writeExtras(errs *report.ErrorList) { b.writeSomeExtras(nil, errs) }

func (b *builder) writeSomeExtras(want map[string]bool, errs *report.ErrorList) {
	s := b.site
	ok := func(out string) bool { return want == nil || want[out] }
	home := newestFirst(s.Pages)
	if ok("index.xml") {
		b.write("index.xml", render.RSS(s.Home, home, b.cfg.RSSLimit), errs)
		b.deps.setFile("index.xml", sourcesOf(home, b.cfg.RSSLimit))
	}
	for _, sec := range s.Sections {
		out := render.FeedURL(sec)[1:]
		if !ok(out) {
			continue
		}
		items := newestFirst(sec.Pages)
		b.write(out, render.RSS(sec, items, b.cfg.RSSLimit), errs)
		b.deps.setFile(out, append(sourcesOf(items, b.cfg.RSSLimit), sec.Path()))
	}
	var inMap []*site.Page
	for _, p := range s.All {
		if p.Type != site.Type404 {
			inMap = append(inMap, p)
		}
	}
	if ok("sitemap.xml") {
		b.write("sitemap.xml", render.Sitemap(inMap), errs)
		b.deps.setFile("sitemap.xml", sourcesOf(inMap, len(inMap)))
	}
	for _, g := range b.generators() {
		if want != nil && !b.genAffected(g.Name(), want) {
			continue
		}
		if d, ok := g.(deferrable); ok && d.Deferrable() && b.deferred != nil {
			b.deferred[g.Name()] = true
			continue
		}
		g.Write(s, output{b, g.Name()}, errs)
	}
	for _, a := range s.Aliases {
		if !ok(a.Output) {
			continue
		}
		if err := b.target.WriteFile(a.Output, render.Alias(a.Target.Title, a.Target.Permalink())); err != nil {
			errs.Add(report.Errorf(a.Target.Path(), 0, "ghi trang chuyển hướng %s: %v", a.URL, err))
			continue
		}
		b.deps.setFile(a.Output, []string{a.Target.Path()})
		b.pages.Add(1)
	}
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
	reads := make([]string, 0, 8+len(p.Reads))
	reads = append(reads, p.Path())
	readPages(p, func(q *site.Page) { reads = append(reads, q.Path()) })
	reads = append(reads, p.Reads...)
	b.deps.setPage(p.Output, reads)
}

// readPages calls f with every page that rendering p shows by p's place in the site: its
// ancestors, its neighbours, its list's items (those of its page of the list when paginated,
// and the list's first page), its related pages and a home page's sections.
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

func sourcesOf(ps []*site.Page, limit int) []string {
	var out []string
	for i, p := range ps {
		if i >= limit {
			break
		}
		out = append(out, p.Path())
	}
	return out
}

func asFileError(err error) *report.FileError {
	if fe, ok := err.(*report.FileError); ok {
		return fe
	}
	return &report.FileError{Err: err}
}

// genAffected tells whether a generator wrote any of the outputs in want.
func (b *builder) genAffected(name string, want map[string]bool) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	for f := range b.genFiles[name] {
		if want[f] {
			return true
		}
	}
	return false
}

// generators returns the generators this build runs.
func (b *builder) generators() []generator {
	if b.noGen {
		return nil
	}
	return generators
}
