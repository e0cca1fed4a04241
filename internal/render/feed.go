package render

import (
	"bytes"
	"encoding/xml"
	"sort"
	"time"

	"github.com/btnmt/cchc/internal/site"
)

type rssDoc struct {
	XMLName xml.Name   `xml:"rss"`
	Version string     `xml:"version,attr"`
	Atom    string     `xml:"xmlns:atom,attr"`
	Channel rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title         string    `xml:"title"`
	Link          string    `xml:"link"`
	Description   string    `xml:"description"`
	Language      string    `xml:"language"`
	LastBuildDate string    `xml:"lastBuildDate,omitempty"`
	Self          atomLink  `xml:"atom:link"`
	Items         []rssItem `xml:"item"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
}

type rssItem struct {
	Title       string   `xml:"title"`
	Link        string   `xml:"link"`
	GUID        rssGUID  `xml:"guid"`
	PubDate     string   `xml:"pubDate,omitempty"`
	Description string   `xml:"description,omitempty"`
	Categories  []string `xml:"category,omitempty"`
}

type rssGUID struct {
	Value       string `xml:",chardata"`
	IsPermaLink string `xml:"isPermaLink,attr"`
}

// FeedURL is the URL of a list page's RSS feed: "/tin-tuc/" → "/tin-tuc/index.xml".
func FeedURL(list *site.Page) string { return list.URL + "index.xml" }

// RSS writes the RSS 2.0 feed of a list page: its newest limit items, newest first (a list's
// own order may put pages with a weight first). The channel's date is the newest item's, never
// the time of the build, so that the output is reproducible.
func RSS(list *site.Page, items []*site.Page, limit int) []byte {
	cfg := list.Site.Config
	items = append([]*site.Page(nil), items...)
	sort.SliceStable(items, func(i, j int) bool { return items[i].Date.After(items[j].Date) })
	if len(items) > limit {
		items = items[:limit]
	}
	title := cfg.Title
	if !list.IsHome() {
		title = list.Title + " – " + cfg.Title
	}
	desc := list.Description
	if desc == "" {
		desc = cfg.Description
	}
	if desc == "" {
		desc = title
	}
	ch := rssChannel{
		Title: title, Link: cfg.AbsURL(list.URL), Description: desc, Language: cfg.LanguageCode,
		Self: atomLink{Href: cfg.AbsURL(FeedURL(list)), Rel: "self", Type: "application/rss+xml"},
	}
	var newest time.Time
	for _, p := range items {
		if p.Date.After(newest) {
			newest = p.Date
		}
		it := rssItem{Title: p.Title, Link: p.Permalink(), GUID: rssGUID{p.Permalink(), "true"}}
		if !cfg.Absolute() {
			it.GUID.IsPermaLink = "false"
		}
		if !p.Date.IsZero() {
			it.PubDate = p.Date.Format(time.RFC1123Z)
		}
		it.Description = p.Description
		if it.Description == "" {
			it.Description = p.Summary
		}
		if p.Kind != nil {
			it.Categories = append(it.Categories, p.Kind.Label)
		}
		ch.Items = append(ch.Items, it)
	}
	if !newest.IsZero() {
		ch.LastBuildDate = newest.Format(time.RFC1123Z)
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	_ = enc.Encode(rssDoc{Version: "2.0", Atom: "http://www.w3.org/2005/Atom", Channel: ch})
	b.WriteByte('\n')
	return b.Bytes()
}

type urlset struct {
	XMLName xml.Name     `xml:"urlset"`
	NS      string       `xml:"xmlns,attr"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	Lastmod string `xml:"lastmod,omitempty"`
}

// Sitemap writes sitemap.xml for pages, in the order given.
func Sitemap(pages []*site.Page) []byte {
	us := urlset{NS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	for _, p := range pages {
		u := sitemapURL{Loc: p.Permalink()}
		if !p.Lastmod.IsZero() {
			u.Lastmod = p.Lastmod.Format("2006-01-02")
		}
		us.URLs = append(us.URLs, u)
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	_ = enc.Encode(us)
	b.WriteByte('\n')
	return b.Bytes()
}
