package quality

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/btnmt/cchc/internal/ical"
)

func writeFile(name, data string) error { return os.WriteFile(name, []byte(data), 0o644) }

// outputs returns the files of the example site whose names end with ext, by relative path.
func outputs(t *testing.T, ext string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ext) {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dest, p)
		out[filepath.ToSlash(rel)] = b
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// strictDecode decodes XML with the strict parser (well-formed, entities known, UTF-8).
func strictDecode(data []byte, v any) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	if err := d.Decode(v); err != nil {
		return err
	}
	// Nothing but white space and comments may follow the root element.
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch tok := tok.(type) {
		case xml.CharData:
			if len(bytes.TrimSpace(tok)) > 0 {
				return errTrailing
			}
		case xml.Comment, xml.ProcInst:
		default:
			return errTrailing
		}
	}
}

type qaError string

func (e qaError) Error() string { return string(e) }

const errTrailing = qaError("content after the root element")

// checkAbsURL reports whether u is an absolute http(s) URL of the test server that leads to a
// file of the output (a folder to its index.html).
func checkAbsURL(t *testing.T, where, u string) {
	t.Helper()
	pu, err := url.Parse(u)
	if err != nil || !pu.IsAbs() || pu.Host == "" || (pu.Scheme != "http" && pu.Scheme != "https") {
		t.Errorf("%s: %q is not an absolute http(s) URL", where, u)
		return
	}
	if !strings.HasPrefix(u, siteURL) {
		t.Errorf("%s: %q is not under the site's base URL %s", where, u, siteURL)
		return
	}
	rel := strings.TrimPrefix(pu.Path, strings.TrimSuffix(BasePath, "/"))
	if strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	if _, err := os.Stat(filepath.Join(dest, filepath.FromSlash(path.Clean(rel)))); err != nil {
		t.Errorf("%s: %q leads to no file of the site", where, u)
	}
}

// TestFeeds parses every RSS feed strictly and checks the elements RSS 2.0 requires.
func TestFeeds(t *testing.T) {
	type item struct {
		Title       string `xml:"title"`
		Link        string `xml:"link"`
		Description string `xml:"description"`
		GUID        string `xml:"guid"`
		PubDate     string `xml:"pubDate"`
	}
	// link matches RSS's <link> and Atom's <atom:link rel="self">, told apart by namespace.
	type link struct {
		XMLName xml.Name
		Text    string `xml:",chardata"`
		Href    string `xml:"href,attr"`
		Rel     string `xml:"rel,attr"`
	}
	type rss struct {
		XMLName xml.Name `xml:"rss"`
		Version string   `xml:"version,attr"`
		Channel struct {
			Title       string `xml:"title"`
			Links       []link `xml:"link"`
			Description string `xml:"description"`
			Language    string `xml:"language"`
			Items       []item `xml:"item"`
		} `xml:"channel"`
	}
	feeds := 0
	for rel, data := range outputs(t, ".xml") {
		if path.Base(rel) == "sitemap.xml" {
			continue
		}
		feeds++
		var f rss
		if err := strictDecode(data, &f); err != nil {
			t.Errorf("%s: not well-formed RSS: %v", rel, err)
			continue
		}
		if f.Version != "2.0" {
			t.Errorf("%s: <rss version=%q>, want 2.0", rel, f.Version)
		}
		c := f.Channel
		var channelLink, self string
		for _, l := range c.Links {
			switch l.XMLName.Space {
			case "":
				channelLink = l.Text
			case "http://www.w3.org/2005/Atom":
				if l.Rel == "self" {
					self = l.Href
				}
			}
		}
		if c.Title == "" || channelLink == "" || c.Description == "" {
			t.Errorf("%s: the channel lacks title, link or description", rel)
		}
		if self != siteURL+rel {
			t.Errorf("%s: atom:link rel=self is %q, want %q", rel, self, siteURL+rel)
		}
		if c.Language != "vi" {
			t.Errorf("%s: channel language %q, want vi", rel, c.Language)
		}
		checkAbsURL(t, rel+" channel link", channelLink)
		if len(c.Items) == 0 {
			t.Errorf("%s: no item", rel)
		}
		for i, it := range c.Items {
			if it.Title == "" && it.Description == "" {
				t.Errorf("%s: item %d has neither title nor description", rel, i+1)
			}
			checkAbsURL(t, rel+" item link", it.Link)
			if it.GUID == "" {
				t.Errorf("%s: item %d has no guid", rel, i+1)
			}
			if _, err := time.Parse(time.RFC1123Z, it.PubDate); err != nil {
				t.Errorf("%s: item %d pubDate %q is not RFC 822 with a numeric zone: %v", rel, i+1, it.PubDate, err)
			}
		}
	}
	if feeds < 2 {
		t.Errorf("only %d feeds in the example site", feeds)
	}
}

// TestSitemap parses the sitemap strictly: the sitemaps.org namespace, absolute URLs of pages that
// exist, W3C dates, no URL twice.
func TestSitemap(t *testing.T) {
	var sm struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []struct {
			Loc     string `xml:"loc"`
			Lastmod string `xml:"lastmod"`
		} `xml:"url"`
	}
	data, err := os.ReadFile(filepath.Join(dest, "sitemap.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := strictDecode(data, &sm); err != nil {
		t.Fatalf("sitemap.xml: %v", err)
	}
	seen := map[string]bool{}
	for _, u := range sm.URLs {
		if seen[u.Loc] {
			t.Errorf("sitemap.xml: %s twice", u.Loc)
		}
		seen[u.Loc] = true
		checkAbsURL(t, "sitemap.xml", u.Loc)
		if u.Lastmod != "" {
			if _, err := time.Parse("2006-01-02", u.Lastmod); err != nil {
				if _, err := time.Parse(time.RFC3339, u.Lastmod); err != nil {
					t.Errorf("sitemap.xml: lastmod %q of %s is not a W3C date", u.Lastmod, u.Loc)
				}
			}
		}
	}
	if len(sm.URLs) < len(samples) {
		t.Errorf("sitemap.xml has %d URLs, fewer than the %d page types", len(sm.URLs), len(samples))
	}
	if len(sm.URLs) > 50000 || len(data) > 50<<20 {
		t.Errorf("sitemap.xml is over the sitemaps.org limits (50,000 URLs, 50 MB)")
	}
}

// TestCalendars parses every .ics file with the strict iCalendar parser and checks the
// properties RFC 5545 requires.
func TestCalendars(t *testing.T) {
	files := outputs(t, ".ics")
	if len(files) == 0 {
		t.Fatal("no .ics file in the example site")
	}
	for rel, data := range files {
		cal, err := ical.Parse(data)
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			continue
		}
		if cal.Name != "VCALENDAR" {
			t.Errorf("%s: root component %s, want VCALENDAR", rel, cal.Name)
			continue
		}
		for _, p := range []string{"VERSION", "PRODID"} {
			if _, ok := cal.Get(p); !ok {
				t.Errorf("%s: no %s", rel, p)
			}
		}
		for _, ev := range cal.All("VEVENT") {
			for _, p := range []string{"UID", "DTSTAMP", "DTSTART", "SUMMARY"} {
				if _, ok := ev.Get(p); !ok {
					t.Errorf("%s: an event without %s", rel, p)
				}
			}
		}
	}
}

// TestDataFiles parses the JSON and CSV files of the site.
func TestDataFiles(t *testing.T) {
	for rel, data := range outputs(t, ".json") {
		if !json.Valid(data) {
			t.Errorf("%s: not valid JSON", rel)
		}
	}
	for rel, data := range outputs(t, ".csv") {
		r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
		if _, err := r.ReadAll(); err != nil {
			t.Errorf("%s: %v", rel, err)
		}
	}
}
