package render

import (
	"bytes"
	"encoding/json"
	"html/template"
	"strconv"
	"unicode/utf8"

	"github.com/btnmt/cchc/internal/config"
	"github.com/btnmt/cchc/internal/site"
)

// JSONLD returns the schema.org description of a page as JSON for a
// <script type="application/ld+json"> block: the publishing GovernmentOrganization and the
// WebSite on the home page, a NewsArticle (or a WebPage) and a BreadcrumbList elsewhere. All
// URLs are absolute when the base URL has a host. Characters that could end the script block
// (<, >, &) are escaped as \u003c and so on.
func JSONLD(p *site.Page) template.JS { return jsonLD(p, orgJSON(p.Site.Config)) }

// jsonLD is JSONLD with the organisation, the same on every page, already encoded: the layouts'
// jsonLD function encodes it once per config.
func jsonLD(p *site.Page, org []byte) template.JS {
	var b bytes.Buffer
	writeJSONLD(&b, p, org)
	return template.JS(b.String())
}

// writeJSONLD writes the JSON-LD of p to b.
func writeJSONLD(b *bytes.Buffer, p *site.Page, org []byte) {
	cfg := p.Site.Config
	home := cfg.AbsURL("/")
	b.WriteString(`{"@context":"https://schema.org","@graph":[`)
	b.Write(org)
	ref := &ldRef{ID: home + "#to-chuc"}
	switch {
	case p.IsHome():
		b.WriteByte(',')
		ldWebSite{Type: "WebSite", Name: cfg.Title, URL: home, InLanguage: cfg.LanguageCode, Publisher: ref}.write(b)
	case p.IsPage():
		a := ldArticle{Type: "WebPage", Headline: p.Title, Description: p.Description, URL: p.Permalink(),
			MainEntityOfPage: p.Permalink(), InLanguage: cfg.LanguageCode, Publisher: ref, Author: ref}
		if p.Kind != nil && p.Kind.Name == "article" {
			a.Type = "NewsArticle"
			a.Image = cfg.AbsURL("/images/logo.svg")
		}
		if !p.Date.IsZero() {
			a.DatePublished = DateISO(p.Date)
			a.DateModified = DateISO(p.Lastmod)
		}
		b.WriteByte(',')
		a.write(b)
	}
	if !p.IsHome() {
		chain := append(p.Ancestors(), p)
		items := make([]ldListItem, len(chain))
		for i, a := range chain {
			items[i] = ldListItem{Type: "ListItem", Position: i + 1, Name: a.Title, Item: a.Permalink()}
		}
		b.WriteByte(',')
		ldBreadcrumbs{Type: "BreadcrumbList", Items: items}.write(b)
	}
	b.WriteString("]}")
}

type ldRef struct {
	ID string `json:"@id"`
}

type ldAddress struct {
	Type    string `json:"@type"`
	Street  string `json:"streetAddress"`
	Country string `json:"addressCountry"`
}

type ldOrganisation struct {
	Type      string     `json:"@type"`
	ID        string     `json:"@id"`
	Name      string     `json:"name"`
	URL       string     `json:"url"`
	Logo      string     `json:"logo"`
	Address   *ldAddress `json:"address,omitempty"`
	Telephone string     `json:"telephone,omitempty"`
	Email     string     `json:"email,omitempty"`
}

type ldWebSite struct {
	Type       string `json:"@type"`
	Name       string `json:"name"`
	URL        string `json:"url"`
	InLanguage string `json:"inLanguage"`
	Publisher  *ldRef `json:"publisher"`
}

type ldArticle struct {
	Type             string `json:"@type"`
	Headline         string `json:"headline"`
	Description      string `json:"description,omitempty"`
	URL              string `json:"url"`
	MainEntityOfPage string `json:"mainEntityOfPage"`
	InLanguage       string `json:"inLanguage"`
	DatePublished    string `json:"datePublished,omitempty"`
	DateModified     string `json:"dateModified,omitempty"`
	Image            string `json:"image,omitempty"`
	Publisher        *ldRef `json:"publisher"`
	Author           *ldRef `json:"author"`
}

type ldListItem struct {
	Type     string `json:"@type"`
	Position int    `json:"position"`
	Name     string `json:"name"`
	Item     string `json:"item"`
}

type ldBreadcrumbs struct {
	Type  string       `json:"@type"`
	Items []ldListItem `json:"itemListElement"`
}

// writeJSON appends v as JSON; the values are plain structs of strings and numbers, which
// always encode.
func writeJSON(b *bytes.Buffer, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		data = []byte("{}")
	}
	b.Write(data)
}

// orgJSON encodes the publishing organisation.
func orgJSON(cfg *config.Config) []byte {
	o := ldOrganisation{Type: "GovernmentOrganization", ID: cfg.AbsURL("/") + "#to-chuc", Name: cfg.Organisation.Name,
		URL: orDefault(cfg.Organisation.Website, cfg.AbsURL("/")), Logo: cfg.AbsURL("/images/logo.svg"),
		Telephone: cfg.Organisation.Phone, Email: cfg.Organisation.Email}
	if a := cfg.Organisation.Address; a != "" {
		o.Address = &ldAddress{Type: "PostalAddress", Street: a, Country: "VN"}
	}
	var b bytes.Buffer
	writeJSON(&b, o)
	return b.Bytes()
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// The page's objects are written by hand, as encoding/json writes them (TestJSONLDLikeEncoding
// compares the two): reflection made them a third of the head's cost, on every page.

func (w ldWebSite) write(b *bytes.Buffer) {
	o := jsonObject{b: b}
	o.str("@type", w.Type)
	o.str("name", w.Name)
	o.str("url", w.URL)
	o.str("inLanguage", w.InLanguage)
	o.ref("publisher", w.Publisher)
	o.end()
}

func (a ldArticle) write(b *bytes.Buffer) {
	o := jsonObject{b: b}
	o.str("@type", a.Type)
	o.str("headline", a.Headline)
	o.strOmit("description", a.Description)
	o.str("url", a.URL)
	o.str("mainEntityOfPage", a.MainEntityOfPage)
	o.str("inLanguage", a.InLanguage)
	o.strOmit("datePublished", a.DatePublished)
	o.strOmit("dateModified", a.DateModified)
	o.strOmit("image", a.Image)
	o.ref("publisher", a.Publisher)
	o.ref("author", a.Author)
	o.end()
}

func (l ldBreadcrumbs) write(b *bytes.Buffer) {
	o := jsonObject{b: b}
	o.str("@type", l.Type)
	o.key("itemListElement")
	if l.Items == nil {
		b.WriteString("null")
	} else {
		b.WriteByte('[')
		for i, it := range l.Items {
			if i > 0 {
				b.WriteByte(',')
			}
			item := jsonObject{b: b}
			item.str("@type", it.Type)
			item.key("position")
			b.WriteString(strconv.Itoa(it.Position))
			item.str("name", it.Name)
			item.str("item", it.Item)
			item.end()
		}
		b.WriteByte(']')
	}
	o.end()
}

// jsonObject writes the members of a JSON object.
type jsonObject struct {
	b    *bytes.Buffer
	open bool
}

func (o *jsonObject) key(k string) {
	if o.open {
		o.b.WriteByte(',')
	} else {
		o.b.WriteByte('{')
		o.open = true
	}
	o.b.WriteByte('"')
	o.b.WriteString(k) // keys are constants that need no escaping
	o.b.WriteString(`":`)
}

func (o *jsonObject) str(k, v string) {
	o.key(k)
	writeJSONString(o.b, v)
}

// strOmit writes v unless it is empty, as `json:",omitempty"` does.
func (o *jsonObject) strOmit(k, v string) {
	if v != "" {
		o.str(k, v)
	}
}

func (o *jsonObject) ref(k string, r *ldRef) {
	o.key(k)
	if r == nil {
		o.b.WriteString("null")
		return
	}
	inner := jsonObject{b: o.b}
	inner.str("@id", r.ID)
	inner.end()
}

func (o *jsonObject) end() {
	if !o.open {
		o.b.WriteByte('{')
	}
	o.b.WriteByte('}')
}

// writeJSONString writes s as a JSON string exactly as encoding/json does, HTML escaping
// included: <, > and & as \u003c, \u003e and \u0026, so that the text cannot end the script
// block, invalid UTF-8 as \ufffd, and U+2028 and U+2029 escaped.
func writeJSONString(b *bytes.Buffer, s string) {
	const hex = "0123456789abcdef"
	b.WriteByte('"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b.WriteString(s[start:i])
			switch c {
			case '\\', '"':
				b.WriteByte('\\')
				b.WriteByte(c)
			case '\b':
				b.WriteString(`\b`)
			case '\f':
				b.WriteString(`\f`)
			case '\n':
				b.WriteString(`\n`)
			case '\r':
				b.WriteString(`\r`)
			case '\t':
				b.WriteString(`\t`)
			default:
				b.WriteString(`\u00`)
				b.WriteByte(hex[c>>4])
				b.WriteByte(hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteString(s[start:i])
			b.WriteString(`\ufffd`)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b.WriteString(s[start:i])
			b.WriteString(`\u202`)
			b.WriteByte(hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b.WriteString(s[start:])
	b.WriteByte('"')
}
