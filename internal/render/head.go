package render

import (
	"bytes"
	"html/template"
	"strconv"
	"sync"

	"github.com/btnmt/cchc/internal/site"
	"github.com/tdewolff/parse/v2"
)

// headMeta writes what the head of a page says of the page itself, after what every page's
// head shares: the title, the description, the canonical URL, the pager's prev and next, the
// Open Graph properties, a section's feed and the JSON-LD. It is the output of the theme's
// partials/head-mau.html, which a theme may call instead; written here it costs a tenth as
// much, on every page of the site. org is the organisation's JSON-LD (orgJSON).
func headMeta(p *site.Page, org []byte) template.HTML {
	b := headBuffers.Get().(*bytes.Buffer)
	defer func() {
		b.Reset()
		headBuffers.Put(b)
	}()
	writeHeadMeta(b, p, org, false)
	return template.HTML(b.String())
}

// writeHeadMeta writes headMeta's tags into b, as the layout writes them or, when min is set,
// as the minifier leaves them (see MinText).
func writeHeadMeta(b *bytes.Buffer, p *site.Page, org []byte, min bool) {
	cfg := p.Site.Config
	siteTitle := cfg.Title
	title := p.Title
	if p.Pager != nil && p.Pager.Number > 1 {
		title += " – Trang " + strconv.Itoa(p.Pager.Number)
	}
	home := p.IsHome()
	if home {
		title = siteTitle
	}
	desc := p.Description
	if desc == "" {
		desc = p.Summary
	}
	if desc == "" {
		desc = cfg.Description
	}
	permalink := p.Permalink()

	// text escapes text; attr and url write an attribute's value after its name, quotes
	// included (for url, that of an href); nl writes the layout's line breaks, which the
	// minifier drops.
	text := EscapeText
	attr := func(s string) {
		b.WriteString(`="`)
		b.WriteString(EscapeText(s))
		b.WriteString(`"`)
	}
	url := func(s string) {
		b.WriteString(`="`)
		b.WriteString(EscapeURL(s))
		b.WriteString(`"`)
	}
	nl := func(s string) { b.WriteString(s) }
	if min {
		text = MinText
		attr = func(s string) { WriteAttr(b, s) }
		url = func(s string) { WriteURL(b, s) }
		nl = func(string) {}
	}
	b.WriteString("<title>")
	if home {
		b.WriteString(minBlockText(text(siteTitle), min))
	} else {
		b.WriteString(minBlockText(text(title+" – "+siteTitle), min))
	}
	b.WriteString("</title>")
	nl("\n")
	if desc != "" {
		b.WriteString(`<meta name="description" content`)
		attr(desc)
		b.WriteString(`>`)
	}
	nl("\n")
	b.WriteString(`<link rel="canonical" href`)
	url(permalink)
	b.WriteString(">")
	nl("\n")
	if pg := p.Pager; pg != nil {
		if pg.Prev != nil {
			b.WriteString(`<link rel="prev" href`)
			url(pg.Prev.RelPermalink())
			b.WriteString(`>`)
		}
		if pg.Next != nil {
			b.WriteString(`<link rel="next" href`)
			url(pg.Next.RelPermalink())
			b.WriteString(`>`)
		}
	}
	nl("\n")
	b.WriteString(`<meta property="og:title" content`)
	attr(title)
	b.WriteString(">")
	nl("\n")
	if desc != "" {
		b.WriteString(`<meta property="og:description" content`)
		attr(desc)
		b.WriteString(`>`)
	}
	nl("\n")
	// og:url is in a content="…", which html/template escapes as text.
	b.WriteString(`<meta property="og:url" content`)
	attr(permalink)
	b.WriteString(">")
	nl("\n")
	if p.IsPage() {
		b.WriteString(`<meta property="og:type" content="article">`)
		nl("\n")
		if !p.Date.IsZero() {
			b.WriteString(`<meta property="article:published_time" content`)
			attr(DateISO(p.Date))
			b.WriteString(">")
			nl("\n")
			b.WriteString(`<meta property="article:modified_time" content`)
			attr(DateISO(p.Lastmod))
			b.WriteString(`>`)
		}
		nl("\n")
	} else {
		b.WriteString(`<meta property="og:type" content="website">`)
	}
	nl("\n")
	if p.IsSection() && p.Section != "" {
		first := p
		if p.Pager != nil && p.Pager.First != nil {
			first = p.Pager.First
		}
		b.WriteString(`<link rel="alternate" type="application/rss+xml" title`)
		attr(p.Title + " – " + siteTitle)
		b.WriteString(` href`)
		url(first.RelPermalink() + "index.xml")
		b.WriteString(`>`)
	}
	nl("\n")
	b.WriteString(`<script type="application/ld+json">`)
	writeJSONLD(b, p, org)
	b.WriteString("</script>")
	nl("\n")
}

// minBlockText drops the white space at the edges of text that fills a block element (the
// title), as the minifier does; text as the layout writes it stays as it is.
func minBlockText(text string, min bool) string {
	if !min {
		return text
	}
	if text != "" && parse.IsWhitespace(text[0]) {
		text = text[1:]
	}
	if text != "" && parse.IsWhitespace(text[len(text)-1]) {
		text = text[:len(text)-1]
	}
	return text
}

// headBuffers are reused by headMeta, which writes a few KB on every page.
var headBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}
