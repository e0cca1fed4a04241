package build

import (
	"hash/maphash"
	"html/template"
	"sort"
	"strings"
	"sync/atomic"

	"github.com/btnmt/cchc/internal/content"
	"github.com/btnmt/cchc/internal/markdown"
	"github.com/btnmt/cchc/internal/report"
	"github.com/btnmt/cchc/internal/site"
)

// conversion is what converting one page's Markdown gave. A rebuild reuses it while the page's
// body is the same and its links still resolve to the same places.
type conversion struct {
	id       uint64        // unique: a page's content changed when its conversion did
	src      *content.Page // the source converted
	from     string        // the URL of the page it was converted for, which relative links start from
	bodyHash uint64
	html     template.HTML
	toc      []markdown.Heading
	summary  string
	ids      []string // sorted
	links    []convLink
	problems []*report.FileError
	advice   []string
}

// convLink is one resolved link of a page.
type convLink struct {
	dest   string
	href   string
	line   int
	target string // Path of the page linked to, "" for files and external links
	anchor string
}

var bodySeed = maphash.MakeSeed()

// convertPage converts p's Markdown, resolving its links against the model.
func (b *builder) convertPage(p *site.Page) *conversion {
	src := p.Source
	c := &conversion{id: convSeq.Add(1), src: src, from: p.URL, bodyHash: maphash.Bytes(bodySeed, src.Body)}
	targets := map[string]site.Target{}
	resolve := func(dest string, image bool) (string, error) {
		t, err := b.site.Resolve(p, dest)
		if err != nil {
			return "", err
		}
		targets[dest] = t
		return t.Href, nil
	}
	res, err := b.md.Convert(src.Body, src.BodyLine, resolve)
	if err != nil {
		c.problems = append(c.problems, report.Errorf(src.Path, 0, "không chuyển được Markdown: %v", err))
		return c
	}
	for _, pr := range res.Problems {
		c.problems = append(c.problems, report.Errorf(src.Path, pr.Line, "%s", pr.Message))
	}
	for _, l := range res.Links {
		t, ok := targets[l.Dest]
		if !ok {
			continue
		}
		cl := convLink{dest: l.Dest, href: t.Href, line: l.Line, anchor: t.Anchor}
		if t.Page != nil {
			cl.target = t.Page.Path()
			if cl.target == "" {
				cl.target = t.Page.URL
			}
		}
		c.links = append(c.links, cl)
	}
	c.html = template.HTML(res.HTML)
	c.toc = res.TOC
	c.summary = res.Summary
	c.ids = res.IDs
	sort.Strings(c.ids)
	c.advice = pageAdvice(p, res)
	return c
}

// apply gives the page what its conversion made and records the pages it links to.
func (b *builder) apply(p *site.Page, c *conversion) {
	p.Content = c.html
	p.TOC = c.toc
	p.Summary = c.summary
	p.IDs = c.ids
	b.recordLinks(p, c)
}

// recordLinks records the pages a conversion of p links to.
func (b *builder) recordLinks(p *site.Page, c *conversion) {
	if b.deps == nil {
		return
	}
	var targets []string
	for _, l := range c.links {
		if l.target != "" && l.target != p.Path() && l.target[0] != '/' {
			targets = append(targets, l.target)
		}
	}
	b.deps.setLinks(p.Output, targets)
}

// reusable tells whether a conversion of p's source in an earlier build still holds: the body is
// the same and every link resolves as it did. When the source was not read again and the
// sources, files and redirects links may lead to are those of the earlier build (linkSig), only
// links to generated pages are looked at again.
func (b *builder) reusable(p *site.Page, c *conversion) bool {
	if c.src != p.Source && c.bodyHash != maphash.Bytes(bodySeed, p.Source.Body) {
		return false
	}
	same := c.src == p.Source && c.from == p.URL && b.linkSig != 0 && b.linkSig == b.prevLinkSig
	return b.stillResolves(p, c, same)
}

// stillResolves tells whether every link of a conversion resolves as it did, so that the
// conversion can be reused after the model changed; with onlyGenerated, only the links to
// generated pages are looked at.
func (b *builder) stillResolves(p *site.Page, c *conversion, onlyGenerated bool) bool {
	for _, l := range c.links {
		if onlyGenerated && (l.target == "" || l.target[0] != '/') {
			continue
		}
		t, err := b.site.Resolve(p, l.dest)
		if err != nil || t.Href != l.href {
			return false
		}
	}
	return true
}

// sourcePages lists the pages that have a Markdown source.
func (b *builder) sourcePages() []*site.Page {
	var out []*site.Page
	for _, p := range b.site.All {
		if p.Source != nil {
			out = append(out, p)
		}
	}
	return out
}

// convertAll converts the Markdown of every page, reusing the conversions in prev (by source
// path) whose body and links are unchanged, and checks every link's anchor.
func (b *builder) convertAll(errs *report.ErrorList, prev map[string]*conversion) {
	pages := b.sourcePages()
	convs := make([]*conversion, len(pages))
	var converted atomic.Int64
	parallel(len(pages), func(i int) {
		p := pages[i]
		if c, ok := prev[p.Path()]; ok && len(c.problems) == 0 && b.reusable(p, c) {
			convs[i] = c
		} else {
			convs[i] = b.convertPage(p)
			converted.Add(1)
		}
		// The Markdown is not needed once converted, unless the page may be converted again.
		if !b.keep {
			p.Source.Body = nil
		}
	})
	b.converted = int(converted.Load())
	if b.conv == nil {
		b.conv = make(map[string]*conversion, len(pages))
	}
	b.badContent = map[*site.Page]bool{}
	for i, p := range pages {
		c := convs[i]
		b.conv[p.Path()] = c
		if c == prev[p.Path()] && c.from == p.URL && b.deps == b.prevDeps {
			// The record of reads is the last build's, which has these links already.
			p.Content, p.TOC, p.Summary, p.IDs = c.html, c.toc, c.summary, c.ids
		} else {
			b.apply(p, c)
		}
		b.advice = append(b.advice, c.advice...)
		if len(c.problems) > 0 {
			b.badContent[p] = true
		}
		for _, e := range c.problems {
			errs.Add(e)
		}
	}
	b.checkAnchors(pages, errs)
}

// checkAnchors checks the #anchor of every link of pages against the page it leads to.
func (b *builder) checkAnchors(pages []*site.Page, errs *report.ErrorList) {
	for _, p := range pages {
		c := b.conv[p.Path()]
		if c == nil {
			continue
		}
		for _, l := range c.links {
			if l.anchor == "" {
				continue
			}
			var t *site.Page
			if l.target == p.Path() || l.target == "" && l.dest[0] == '#' {
				t = p
			} else if l.target != "" {
				t = b.pageByPath(l.target)
			}
			if t == nil {
				continue
			}
			if err := site.CheckAnchor(t, l.anchor); err != nil {
				errs.Add(report.Errorf(p.Path(), l.line, "%v", err))
			}
		}
	}
}

// pageByPath finds a page by its source path ("content/x.md") or, for generated pages, its URL.
func (b *builder) pageByPath(path string) *site.Page {
	if path != "" && path[0] == '/' {
		p, _ := b.site.ByURL(path)
		return p
	}
	if rel, ok := strings.CutPrefix(path, "content/"); ok {
		p, _ := b.site.BySource(rel)
		return p
	}
	return nil
}
