// Package site is the model of a site: its pages with their URLs, the sections and lists, the
// links between pages, and which sources every output reads. It does no I/O: the build gives
// it the decoded content and the config, and renders what it returns.
package site

import (
	"html/template"
	"slices"
	"sort"
	"time"

	"github.com/btnmt/cchc/internal/config"
	"github.com/btnmt/cchc/internal/content"
	"github.com/btnmt/cchc/internal/markdown"
)

// Type tells what a page is in the site's structure.
type Type string

// The types of page.
const (
	TypeHome     Type = "home"     // the home page
	TypeSection  Type = "section"  // a section's list page
	TypePage     Type = "page"     // a single page from a Markdown file
	TypeTaxonomy Type = "taxonomy" // the list of all terms of a taxonomy
	TypeTerm     Type = "term"     // the list of pages of one term
	Type404      Type = "404"      // the "not found" page
)

// Page is one page of the site: a Markdown source or a generated list.
type Page struct {
	Type    Type
	Source  *content.Page // nil for generated pages
	Kind    *content.Kind // the content kind of a single page, nil otherwise
	Section string        // first folder under content/; "" for the home page
	URL     string        // site-relative, with a trailing slash: "/tin-tuc/x/"
	Output  string        // the file written, relative to the destination: "tin-tuc/x/index.html"

	Title       string
	Description string
	Date        time.Time // zero for lists without a date
	Lastmod     time.Time // the front matter lastmod, or Date
	Draft       bool
	Future      bool // publishDate is after the build time (shown only with --future)
	Weight      int

	Parent   *Page   // the section page of a single page, the home page of a section
	Pages    []*Page // a list page's members, newest first
	Sections []*Page // the home page's sections, in menu order

	// Filled in by the markdown stage.
	Content template.HTML
	TOC     []markdown.Heading
	Summary string
	IDs     []string // every id in the page's content, sorted
	// ExtraIDs are ids a generator's layout writes on the page (a plan's activity rows, "hd-3"),
	// so that links to them are checked like links to headings.
	ExtraIDs []string

	// Pager is the page's part of a paginated list, nil for pages that are not lists.
	Pager *Pager
	// Related are pages that share fields or tags with this one, newest first.
	Related []*Page

	// Resources are the files of a bundle, relative to the bundle folder.
	Resources []string
	// Prev and Next are the neighbours within the section (older and newer).
	Prev, Next *Page

	terms [][]*Term // by index in Site.Taxonomies
	index int       // position in Site.Pages

	// Data is what a generated page shows (a procedure's history, a term's pages, …), for its
	// layout; nil for pages from Markdown.
	Data any
	// Reads are the sources (paths relative to the site root: "content/x.md", "static/y.pdf")
	// that the page shows besides those its place in the site gives it (its list's items, its
	// neighbours, its related pages): a generator that makes the page, or gives it Data, adds
	// what that shows, so that a rebuild redoes the page when one of them changes.
	Reads []string

	Site *Site
}

// HasID reports whether the page has an element with the id: in its content, or one that its
// layout writes for a generator (ExtraIDs).
func (p *Page) HasID(id string) bool {
	i := sort.SearchStrings(p.IDs, id)
	return i < len(p.IDs) && p.IDs[i] == id || slices.Contains(p.ExtraIDs, id)
}

// Ancestors returns the pages above p, from the home page down: the breadcrumb trail.
func (p *Page) Ancestors() []*Page {
	var out []*Page
	for a := p.Parent; a != nil; a = a.Parent {
		if len(out) > 16 || a == p {
			break
		}
		out = append([]*Page{a}, out...)
	}
	return out
}

// Terms returns the terms of a taxonomy ("linh_vuc", "don_vi", "tags") the page carries.
func (p *Page) Terms(key string) []*Term { return p.Site.TermsOf(p, key) }

// IsHome reports whether the page is the home page.
func (p *Page) IsHome() bool { return p.Type == TypeHome }

// IsSection reports whether the page is a section's list.
func (p *Page) IsSection() bool { return p.Type == TypeSection }

// IsPage reports whether the page is a single page.
func (p *Page) IsPage() bool { return p.Type == TypePage }

// Params returns the content kind's extra keys (a pointer to its struct), or nil.
func (p *Page) Params() any {
	if p.Source == nil {
		return nil
	}
	return p.Source.Params
}

// Front returns the page's front matter, or nil for a generated page.
func (p *Page) Front() *content.FrontMatter {
	if p.Source == nil {
		return nil
	}
	return &p.Source.FrontMatter
}

// Path is the source file of the page relative to the site root, or "" for a generated page.
func (p *Page) Path() string {
	if p.Source == nil {
		return ""
	}
	return p.Source.Path
}

// Config returns the site's configuration, for templates.
func (p *Page) Config() *config.Config { return p.Site.Config }

// RelPermalink is the page's URL under the base path.
func (p *Page) RelPermalink() string { return p.Site.Config.RelURL(p.URL) }

// Permalink is the page's absolute URL when the base URL has a host.
func (p *Page) Permalink() string { return p.Site.Config.AbsURL(p.URL) }

// KindLabel is the Vietnamese name of the page's kind ("Tin tức", …), or "".
func (p *Page) KindLabel() string {
	if p.Kind == nil {
		return ""
	}
	return p.Kind.Label
}

// Modified reports whether lastmod is set and falls on another day than the date.
func (p *Page) Modified() bool {
	return !p.Lastmod.IsZero() && !p.Date.IsZero() && p.Lastmod.Format("2006-01-02") != p.Date.Format("2006-01-02")
}
