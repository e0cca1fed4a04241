package site

import (
	"fmt"
	"sort"
	"strings"

	"github.com/btnmt/cchc/internal/config"
)

// MenuEntry is one entry of the main menu.
type MenuEntry struct {
	Name string
	URL  string // site-relative
	Page *Page
}

// Current reports whether p is the entry's page or lies in the entry's section.
func (m MenuEntry) Current(p *Page) bool {
	if p == nil {
		return false
	}
	if m.URL == "/" {
		return p.URL == "/"
	}
	return strings.HasPrefix(p.URL, m.URL)
}

// BuildMenu resolves the config's menu against the site's pages, once every generated page is
// added. An entry whose page does not exist is left out; the returned warnings say so. Without a
// menu in the config, the menu is the home page and the sections.
func (s *Site) BuildMenu(items []config.MenuItem) []string {
	var warns []string
	s.Menu = nil
	if len(items) == 0 {
		s.Menu = append(s.Menu, MenuEntry{Name: "Trang chủ", URL: "/", Page: s.Home})
		for _, sec := range s.Sections {
			s.Menu = append(s.Menu, MenuEntry{Name: sec.Title, URL: sec.URL, Page: sec})
		}
		return nil
	}
	sorted := append([]config.MenuItem(nil), items...)
	sort.SliceStable(sorted, func(i, j int) bool { return weightLess(sorted[i].Weight, sorted[j].Weight) })
	for _, it := range sorted {
		p, ok := s.lookup(it.URL)
		if !ok {
			warns = append(warns, fmt.Sprintf("%s:%d: mục menu %q trỏ tới %s nhưng không có trang nào ở đó; đã bỏ mục này khỏi menu", config.FileName, it.Line, it.Name, it.URL))
			continue
		}
		s.Menu = append(s.Menu, MenuEntry{Name: it.Name, URL: it.URL, Page: p})
	}
	return warns
}

// Exists tells whether a site-relative path is a page, a redirect or a file of the site.
func (s *Site) Exists(p string) bool {
	_, ok := s.lookup(p)
	return ok
}

// MenuState describes how the main menu shows on p: for every entry, "p" when it is p's own
// page, "s" when p lies in its section, "-" otherwise. Pages with the same state show the same
// menu, so layouts use it as the key of the cached header:
// {{partialCached "partials/header.html" . .MenuState}}.
func (p *Page) MenuState() string {
	if p.Site == nil {
		return ""
	}
	b := make([]byte, len(p.Site.Menu))
	for i, m := range p.Site.Menu {
		switch {
		case !m.Current(p):
			b[i] = '-'
		case p.URL == m.URL:
			b[i] = 'p'
		default:
			b[i] = 's'
		}
	}
	return string(b)
}
