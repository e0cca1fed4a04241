package render_test

import (
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"github.com/btnmt/cchc/internal/render"
	"github.com/btnmt/cchc/internal/site"
)

type rssFeed struct {
	XMLName xml.Name `xml:"rss"`
	Version string   `xml:"version,attr"`
	Channel struct {
		Title         string    `xml:"title"`
		Links         []xmlLink `xml:"link"` // <link> and <atom:link>, told apart by namespace
		Link          string    `xml:"-"`
		Self          xmlLink   `xml:"-"`
		Description   string    `xml:"description"`
		Language      string    `xml:"language"`
		LastBuildDate string    `xml:"lastBuildDate"`
		Items         []struct {
			Title string `xml:"title"`
			Link  string `xml:"link"`
			GUID  struct {
				Value       string `xml:",chardata"`
				IsPermaLink string `xml:"isPermaLink,attr"`
			} `xml:"guid"`
			PubDate     string   `xml:"pubDate"`
			Description string   `xml:"description"`
			Categories  []string `xml:"category"`
		} `xml:"item"`
	} `xml:"channel"`
}

type xmlLink struct {
	XMLName xml.Name
	Text    string `xml:",chardata"`
	Href    string `xml:"href,attr"`
	Rel     string `xml:"rel,attr"`
}

func parseRSS(t *testing.T, data []byte) rssFeed {
	t.Helper()
	if !strings.HasPrefix(string(data), xml.Header) {
		t.Errorf("feed does not start with the XML header")
	}
	var f rssFeed
	if err := xml.Unmarshal(data, &f); err != nil {
		t.Fatalf("feed does not parse: %v\n%s", err, data)
	}
	for _, l := range f.Channel.Links {
		switch l.XMLName.Space {
		case "":
			f.Channel.Link = l.Text
		case "http://www.w3.org/2005/Atom":
			f.Channel.Self = l
		}
	}
	if f.Version != "2.0" {
		t.Errorf("version %q", f.Version)
	}
	return f
}

// newsSite is a site with news articles on distinct dates, and a pinned old article when pinned.
func newsSite(t *testing.T, base string, pinned bool) *site.Site {
	pages := map[string]string{
		"_index.md":         fm("Trang chủ", ""),
		"tin-tuc/_index.md": fm("Tin tức", "", "description: \"Tin tức về cải cách hành chính\""),
		"tin-tuc/a.md":      fm("Hội nghị tổng kết & triển khai", "2020-12-18T11:30:00", "description: \"Tổng kết năm 2020\""),
		"tin-tuc/b.md":      fm("Tọa đàm dịch vụ công <trực tuyến>", "2020-09-17"),
		"tin-tuc/c.md":      fm("Báo chí đồng hành", "2020-08-12"),
		"tin-tuc/d.md":      fm("Lồng ghép tuyên truyền", "2020-06-22"),
		"tin-tuc/e.md":      fm("Công khai thủ tục", "2020-05-15"),
		"gioi-thieu.md":     fm("Giới thiệu", "2020-01-02"),
	}
	if pinned {
		pages["tin-tuc/ghim.md"] = fm("Bài ghim từ năm trước", "2019-01-10", "weight: 1")
	}
	return mustSite(t, base, pages)
}

func TestRSS(t *testing.T) {
	s := newsSite(t, "https://example.gov.vn/cchc/", false)
	sec, _ := s.ByURL("/tin-tuc/")
	f := parseRSS(t, render.RSS(sec, sec.Pages, 3))
	ch := f.Channel
	if ch.Link != "https://example.gov.vn/cchc/tin-tuc/" || ch.Self.Href != "https://example.gov.vn/cchc/tin-tuc/index.xml" || ch.Self.Rel != "self" {
		t.Errorf("channel link %q self %+v", ch.Link, ch.Self)
	}
	if !strings.Contains(ch.Title, "Tin tức") || ch.Description != "Tin tức về cải cách hành chính" || ch.Language != "vi" {
		t.Errorf("channel title %q description %q language %q", ch.Title, ch.Description, ch.Language)
	}
	if len(ch.Items) != 3 {
		t.Fatalf("%d items, want the limit 3", len(ch.Items))
	}
	wantTitles := []string{"Hội nghị tổng kết & triển khai", "Tọa đàm dịch vụ công <trực tuyến>", "Báo chí đồng hành"}
	for i, it := range ch.Items {
		if it.Title != wantTitles[i] {
			t.Errorf("item %d: title %q, want %q", i, it.Title, wantTitles[i])
		}
		if !strings.HasPrefix(it.Link, "https://example.gov.vn/cchc/tin-tuc/") || it.GUID.Value != it.Link || it.GUID.IsPermaLink != "true" {
			t.Errorf("item %d: link %q guid %+v", i, it.Link, it.GUID)
		}
		if len(it.Categories) != 1 || it.Categories[0] != "Tin tức" {
			t.Errorf("item %d: categories %q", i, it.Categories)
		}
	}
	if ch.Items[0].Description != "Tổng kết năm 2020" {
		t.Errorf("item 0 description %q", ch.Items[0].Description)
	}
	checkNewestFirst(t, f)
	first, _ := time.Parse(time.RFC1123Z, ch.Items[0].PubDate)
	if !first.Equal(time.Date(2020, 12, 18, 4, 30, 0, 0, time.UTC)) || !strings.HasSuffix(ch.Items[0].PubDate, "+0700") {
		t.Errorf("pubDate %q", ch.Items[0].PubDate)
	}
	if ch.LastBuildDate != ch.Items[0].PubDate {
		t.Errorf("lastBuildDate %q, want the newest item's %q", ch.LastBuildDate, ch.Items[0].PubDate)
	}

	t.Run("trang chủ", func(t *testing.T) {
		f := parseRSS(t, render.RSS(s.Home, s.Pages, 100))
		if f.Channel.Link != "https://example.gov.vn/cchc/" || f.Channel.Self.Href != "https://example.gov.vn/cchc/index.xml" {
			t.Errorf("home channel link %q self %q", f.Channel.Link, f.Channel.Self.Href)
		}
		if len(f.Channel.Items) != 6 {
			t.Errorf("%d items, want 6", len(f.Channel.Items))
		}
		checkNewestFirst(t, f)
	})
	t.Run("giới hạn lớn hơn số bài", func(t *testing.T) {
		f := parseRSS(t, render.RSS(sec, sec.Pages, 50))
		if len(f.Channel.Items) != 5 {
			t.Errorf("%d items, want 5", len(f.Channel.Items))
		}
	})
	t.Run("không có bài", func(t *testing.T) {
		f := parseRSS(t, render.RSS(sec, nil, 10))
		if len(f.Channel.Items) != 0 || f.Channel.LastBuildDate != "" {
			t.Errorf("empty feed: %+v", f.Channel)
		}
	})
}

// TestRSSPinnedPage: lists put pages with a weight first, but a feed is newest first, and its
// limit keeps the newest items.
func TestRSSPinnedPage(t *testing.T) {
	s := newsSite(t, "https://example.gov.vn/cchc/", true)
	sec, _ := s.ByURL("/tin-tuc/")
	if sec.Pages[0].Title != "Bài ghim từ năm trước" {
		t.Fatalf("the pinned page is not first in the list: %s", sec.Pages[0].Title)
	}
	f := parseRSS(t, render.RSS(sec, sec.Pages, 3))
	checkNewestFirst(t, f)
	for _, it := range f.Channel.Items {
		if it.Title == "Bài ghim từ năm trước" {
			t.Errorf("the feed's 3 newest items include the pinned page of 2019")
		}
	}
}

func checkNewestFirst(t *testing.T, f rssFeed) {
	t.Helper()
	var prev time.Time
	for i, it := range f.Channel.Items {
		d, err := time.Parse(time.RFC1123Z, it.PubDate)
		if err != nil {
			t.Fatalf("item %d: pubDate %q: %v", i, it.PubDate, err)
		}
		if i > 0 && d.After(prev) {
			t.Errorf("item %d (%s, %s) is newer than the one before it: the feed is not newest first", i, it.Title, it.PubDate)
		}
		prev = d
	}
}

func TestRSSRelativeBase(t *testing.T) {
	s := newsSite(t, "/cchc/", false)
	f := parseRSS(t, render.RSS(s.Home, s.Pages, 2))
	for _, it := range f.Channel.Items {
		if !strings.HasPrefix(it.Link, "/cchc/") || it.GUID.IsPermaLink != "false" {
			t.Errorf("item link %q guid %+v", it.Link, it.GUID)
		}
	}
}

func TestSitemap(t *testing.T) {
	s := newsSite(t, "https://example.gov.vn/cchc/", false)
	data := render.Sitemap(s.All)
	var us struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []struct {
			Loc     string `xml:"loc"`
			Lastmod string `xml:"lastmod"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(data, &us); err != nil {
		t.Fatalf("sitemap does not parse: %v\n%s", err, data)
	}
	if len(us.URLs) != len(s.All) {
		t.Fatalf("%d URLs, want %d", len(us.URLs), len(s.All))
	}
	seen := map[string]bool{}
	for i, u := range us.URLs {
		if u.Loc != "https://example.gov.vn/cchc"+s.All[i].URL {
			t.Errorf("url %d: loc %q, want the page's absolute URL %q", i, u.Loc, "https://example.gov.vn/cchc"+s.All[i].URL)
		}
		if seen[u.Loc] {
			t.Errorf("loc %q twice", u.Loc)
		}
		seen[u.Loc] = true
		if u.Lastmod != "" {
			if _, err := time.Parse("2006-01-02", u.Lastmod); err != nil {
				t.Errorf("url %d: lastmod %q", i, u.Lastmod)
			}
		}
	}
	a, _ := s.BySource("tin-tuc/a.md")
	for _, u := range us.URLs {
		if u.Loc == a.Permalink() && u.Lastmod != "2020-12-18" {
			t.Errorf("lastmod of a %q, want 2020-12-18", u.Lastmod)
		}
	}
	// A page dated late in the evening UTC keeps its Vietnamese day.
	s2 := mustSite(t, "https://example.gov.vn/", map[string]string{"tin-tuc/x.md": fm("X", "2020-03-15T20:00:00Z")})
	x, _ := s2.BySource("tin-tuc/x.md")
	if got := string(render.Sitemap([]*site.Page{x})); !strings.Contains(got, "<lastmod>2020-03-16</lastmod>") {
		t.Errorf("sitemap:\n%s\nwant lastmod 2020-03-16", got)
	}
}
