package render

import (
	"encoding/json"
	"html/template"

	"github.com/btnmt/cchc/internal/site"
)

// JSONLD returns the schema.org description of a page as JSON for a
// <script type="application/ld+json"> block: the publishing GovernmentOrganization and the
// WebSite on the home page, a NewsArticle (or a WebPage) and a BreadcrumbList elsewhere. All
// URLs are absolute when the base URL has a host.
func JSONLD(p *site.Page) template.JS {
	cfg := p.Site.Config
	org := map[string]any{
		"@type": "GovernmentOrganization",
		"@id":   cfg.AbsURL("/") + "#to-chuc",
		"name":  cfg.Organisation.Name,
		"url":   orDefault(cfg.Organisation.Website, cfg.AbsURL("/")),
		"logo":  cfg.AbsURL("/images/logo.svg"),
	}
	if a := cfg.Organisation.Address; a != "" {
		org["address"] = map[string]any{"@type": "PostalAddress", "streetAddress": a, "addressCountry": "VN"}
	}
	if t := cfg.Organisation.Phone; t != "" {
		org["telephone"] = t
	}
	if e := cfg.Organisation.Email; e != "" {
		org["email"] = e
	}
	graph := []any{org}
	switch {
	case p.IsHome():
		graph = append(graph, map[string]any{
			"@type": "WebSite", "name": cfg.Title, "url": cfg.AbsURL("/"), "inLanguage": cfg.LanguageCode,
			"publisher": map[string]any{"@id": cfg.AbsURL("/") + "#to-chuc"},
		})
	case p.IsPage():
		typ := "WebPage"
		if p.Kind != nil && p.Kind.Name == "article" {
			typ = "NewsArticle"
		}
		a := map[string]any{
			"@type": typ, "headline": p.Title, "url": p.Permalink(), "mainEntityOfPage": p.Permalink(),
			"inLanguage": cfg.LanguageCode,
			"publisher":  map[string]any{"@id": cfg.AbsURL("/") + "#to-chuc"},
			"author":     map[string]any{"@id": cfg.AbsURL("/") + "#to-chuc"},
		}
		if p.Description != "" {
			a["description"] = p.Description
		}
		if !p.Date.IsZero() {
			a["datePublished"] = DateISO(p.Date)
			a["dateModified"] = DateISO(p.Lastmod)
		}
		if typ == "NewsArticle" {
			a["image"] = cfg.AbsURL("/images/logo.svg")
		}
		graph = append(graph, a)
	}
	if !p.IsHome() {
		var items []any
		for i, a := range append(p.Ancestors(), p) {
			items = append(items, map[string]any{"@type": "ListItem", "position": i + 1, "name": a.Title, "item": a.Permalink()})
		}
		graph = append(graph, map[string]any{"@type": "BreadcrumbList", "itemListElement": items})
	}
	b, err := json.Marshal(map[string]any{"@context": "https://schema.org", "@graph": graph})
	if err != nil {
		return "{}"
	}
	return template.JS(b)
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
