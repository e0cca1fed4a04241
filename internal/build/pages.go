package build

import (
	"bytes"
	"fmt"
	"html/template"
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

	pages, files atomic.Int64
	mu           sync.Mutex
	warns        []string
	badContent   map[*site.Page]bool // pages whose Markdown had problems: their output links are not checked again
	advice       []string
}

// pendingAnchor is a link to #anchor of another page, checked once every page is converted.
type pendingAnchor struct {
	from   *site.Page
	line   int
	target *site.Page
	anchor string
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
	for _, g := range generators {
		g.Generate(s, errs)
	}
	b.buildLists(errs)
}

// convertAll converts the Markdown of every page, resolving and checking its links.
func (b *builder) convertAll(errs *report.ErrorList) {
	var srcPages []*site.Page
	for _, p := range b.site.All {
		if p.Source != nil {
			srcPages = append(srcPages, p)
		}
	}
	perPage := make([][]*report.FileError, len(srcPages))
	advice := make([][]string, len(srcPages))
	anchors := make([][]pendingAnchor, len(srcPages))
	parallel(len(srcPages), func(i int) {
		p := srcPages[i]
		targets := map[string]site.Target{}
		resolve := func(dest string, image bool) (string, error) {
			t, err := b.site.Resolve(p, dest)
			if err != nil {
				return "", err
			}
			targets[dest] = t
			return t.Href, nil
		}
		res, err := b.md.Convert(p.Source.Body, p.Source.BodyLine, resolve)
		if err != nil {
			perPage[i] = append(perPage[i], report.Errorf(p.Source.Path, 0, "không chuyển được Markdown: %v", err))
			return
		}
		advice[i] = pageAdvice(p, res)
		for _, pr := range res.Problems {
			perPage[i] = append(perPage[i], report.Errorf(p.Source.Path, pr.Line, "%s", pr.Message))
		}
		for _, l := range res.Links {
			t, ok := targets[l.Dest]
			if !ok {
				continue
			}
			if t.Page != nil && t.Page != p && t.Page.Source != nil {
				b.deps.add(p.Output, t.Page.Source.Path)
			}
			if t.Anchor != "" && t.Page != nil {
				anchors[i] = append(anchors[i], pendingAnchor{p, l.Line, t.Page, t.Anchor})
			}
		}
		p.Content = template.HTML(res.HTML)
		p.TOC = res.TOC
		p.Summary = res.Summary
		p.IDs = res.IDs
		sort.Strings(p.IDs)
		// The Markdown is not needed once converted; a rebuild reads the file again.
		p.Source.Body = nil
	})
	for _, a := range advice {
		b.advice = append(b.advice, a...)
	}
	b.badContent = map[*site.Page]bool{}
	for i, pe := range perPage {
		if len(pe) > 0 {
			b.badContent[srcPages[i]] = true
		}
		for _, e := range pe {
			errs.Add(e)
		}
	}
	for _, as := range anchors {
		for _, a := range as {
			if err := site.CheckAnchor(a.target, a.anchor); err != nil {
				errs.Add(report.Errorf(a.from.Source.Path, a.line, "%v", err))
			}
		}
	}
}

// renderAll renders every page, the feeds, the sitemap and the redirects into the target.
func (b *builder) renderAll(errs *report.ErrorList) {
	s := b.site
	pageErrs := make([][]*report.FileError, len(s.All))
	parallel(len(s.All), func(i int) {
		p := s.All[i]
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

	b.write("index.xml", render.RSS(s.Home, s.Pages, b.cfg.RSSLimit), errs)
	b.deps.add("index.xml", sourcesOf(s.Pages, b.cfg.RSSLimit)...)
	for _, sec := range s.Sections {
		out := render.FeedURL(sec)[1:]
		b.write(out, render.RSS(sec, sec.Pages, b.cfg.RSSLimit), errs)
		b.deps.add(out, sourcesOf(sec.Pages, b.cfg.RSSLimit)...)
		b.deps.add(out, sec.Path())
	}
	var inMap []*site.Page
	for _, p := range s.All {
		if p.Type != site.Type404 {
			inMap = append(inMap, p)
		}
	}
	b.write("sitemap.xml", render.Sitemap(inMap), errs)
	b.deps.add("sitemap.xml", sourcesOf(inMap, len(inMap))...)
	for _, g := range generators {
		g.Write(s, output{b}, errs)
	}
	for _, a := range s.Aliases {
		if err := b.target.WriteFile(a.Output, render.Alias(a.Target.Title, a.Target.Permalink())); err != nil {
			errs.Add(report.Errorf(a.Target.Path(), 0, "ghi trang chuyển hướng %s: %v", a.URL, err))
			continue
		}
		b.deps.add(a.Output, a.Target.Path())
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

// recordReads records what rendering p reads besides the links of its Markdown.
func (b *builder) recordReads(p *site.Page) {
	out := p.Output
	b.deps.add(out, SourceLayouts, SourceConfig, p.Path())
	if p.Parent != nil {
		b.deps.add(out, p.Parent.Path())
	}
	if p.Prev != nil {
		b.deps.add(out, p.Prev.Path())
	}
	if p.Next != nil {
		b.deps.add(out, p.Next.Path())
	}
	b.deps.add(out, sourcesOf(p.Pages, len(p.Pages))...)
	b.deps.add(out, sourcesOf(p.Related, len(p.Related))...)
	b.deps.add(out, sourcesOf(p.Sections, len(p.Sections))...)
	for _, m := range b.site.Menu {
		if m.Page != nil {
			b.deps.add(out, m.Page.Path())
		}
	}
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
