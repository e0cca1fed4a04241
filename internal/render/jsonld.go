package render

import (
	"bytes"
	"encoding/json"
	"html/template"

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
		writeJSON(b, ldWebSite{Type: "WebSite", Name: cfg.Title, URL: home, InLanguage: cfg.LanguageCode, Publisher: ref})
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
		writeJSON(b, a)
	}
	if !p.IsHome() {
		chain := append(p.Ancestors(), p)
		items := make([]ldListItem, len(chain))
		for i, a := range chain {
			items[i] = ldListItem{Type: "ListItem", Position: i + 1, Name: a.Title, Item: a.Permalink()}
		}
		b.WriteByte(',')
		writeJSON(b, ldBreadcrumbs{Type: "BreadcrumbList", Items: items})
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
