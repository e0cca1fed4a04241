package render

import (
	"html/template"
	"strings"

	"github.com/btnmt/cchc/internal/site"
)

// Partials of the default theme that every page shows are written here, in Go, as well as in a
// layout: html/template evaluates every field, method and escaper through reflection, about a
// microsecond each, and these few partials were a third of a page's actions. Each function
// writes exactly what its layout writes (the theme's partials/*-mau.html, which a theme may
// call instead, or start its own from); TestPartialsLikeLayouts in internal/build compares them
// on every page of five sites.

// pageMeta writes a page's kind, date and last change: partials/page-meta-mau.html.
func pageMeta(p *site.Page) template.HTML {
	var b strings.Builder
	b.Grow(256)
	b.WriteString("<p class=\"meta\">\n  ")
	if k := p.KindLabel(); k != "" {
		b.WriteString(`<span class="kind">`)
		b.WriteString(EscapeText(k))
		b.WriteString("</span>")
	}
	b.WriteString("\n  ")
	if !p.Date.IsZero() {
		b.WriteString(`<span>Đăng <time datetime="`)
		b.WriteString(EscapeText(DateISO(p.Date)))
		b.WriteString(`">`)
		b.WriteString(EscapeText(DateLong(p.Date)))
		b.WriteString("</time></span>")
	}
	b.WriteString("\n  ")
	if p.Modified() {
		b.WriteString(`<span class="lastmod">Cập nhật <time datetime="`)
		b.WriteString(EscapeText(DateISO(p.Lastmod)))
		b.WriteString(`">`)
		b.WriteString(EscapeText(DateLong(p.Lastmod)))
		b.WriteString("</time></span>")
	}
	b.WriteString("\n</p>\n")
	return template.HTML(b.String())
}

// pageTerms writes a page's fields, units and tags, each linking to its term's page:
// partials/terms-mau.html.
func pageTerms(p *site.Page) template.HTML {
	groups := [...]struct {
		label string
		terms []*site.Term
	}{{"Lĩnh vực", p.Terms("linh_vuc")}, {"Đơn vị", p.Terms("don_vi")}, {"Từ khoá", p.Terms("tags")}}
	var b strings.Builder
	b.WriteString("\n\n")
	if len(groups[0].terms) == 0 && len(groups[1].terms) == 0 && len(groups[2].terms) == 0 {
		b.WriteString("\n")
		return template.HTML(b.String())
	}
	b.Grow(512)
	b.WriteString("\n<dl class=\"terms\">\n  ")
	for i, g := range groups {
		if i > 0 {
			b.WriteString("\n  ")
		}
		if len(g.terms) == 0 {
			continue
		}
		b.WriteString("<dt>")
		b.WriteString(g.label)
		b.WriteString("</dt><dd>")
		for j, t := range g.terms {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString(`<a href="`)
			b.WriteString(EscapeURL(t.Page.RelPermalink()))
			b.WriteString(`">`)
			b.WriteString(EscapeText(t.Name))
			b.WriteString("</a>")
		}
		b.WriteString("</dd>")
	}
	b.WriteString("\n</dl>\n\n")
	return template.HTML(b.String())
}
