package site_test

import (
	"html"
	"path"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/btnmt/cchc/internal/markdown"
	"github.com/btnmt/cchc/internal/site"
)

// hrefRE finds the link and image addresses of converted Markdown.
var hrefRE = regexp.MustCompile(`(?:href|src)="([^"]*)"`)

// FuzzResolve rewrites links through Site.Resolve, directly and inside Markdown converted with it,
// on a site deployed under /cchc/: it never panics, a link it accepts inside the site stays under
// the base path and names a page or file, and no dangerous address reaches the HTML.
func FuzzResolve(f *testing.F) {
	for _, s := range []string{
		"bai-hai.md", "bai-hai.md#muc-dau", "../tin-tuc/bai-hai.md", "/tin-tuc/bai-hai/", "/tin-tuc/bai-hai",
		"/tin-tuc/bai-hai/index.html", "bai-hai.md?x=1#a", "../../../../etc/passwd.md", "/../x.md", "#muc",
		"%2e%2e/%2e%2e/x.md", "/cchc/tin-tuc/bai-hai/", "https://monre.gov.vn/", "mailto:a@b.vn", "tel:+8424",
		"javascript:alert(1)", "JaVaScRiPt:x", "vbscript:x", "data:text/html,x", "file:///etc/passwd", "//evil.example/",
		"/css/site.css", "anh.png", "B%C3%A0i.md", "bai-hai.md#%E1%BB%A5c", "\x00", "a\\b.md", " /tin-tuc/ ", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, dest string) {
		s := fuzzSite(t)
		from, _ := s.BySource("tin-tuc/bai-mot.md")
		tgt, err := s.Resolve(from, dest)
		if err == nil && !tgt.External {
			if tgt.Page != nil && !strings.HasPrefix(tgt.Page.URL, "/") {
				t.Errorf("Resolve(%q) leads to page URL %q", dest, tgt.Page.URL)
			}
			if strings.HasPrefix(tgt.Href, "/") {
				p, _, _ := strings.Cut(tgt.Href, "#")
				p, _, _ = strings.Cut(p, "?")
				if !strings.HasPrefix(p, "/cchc/") || !strings.HasPrefix(path.Clean(p)+"/", "/cchc/") {
					t.Errorf("Resolve(%q) = %q, outside the base path /cchc/", dest, tgt.Href)
				}
			}
		}
		if err != nil && !utf8.ValidString(err.Error()) && utf8.ValidString(dest) {
			t.Errorf("Resolve(%q): message is not UTF-8", dest)
		}

		md := "Xem [liên kết](<" + strings.NewReplacer("<", "", ">", "", "\n", "", "\r", "").Replace(dest) + ">) và ![ảnh](" +
			strings.NewReplacer("(", "", ")", "", " ", "", "\n", "").Replace(dest) + ").\n"
		conv := markdown.New(markdown.Options{})
		res, cerr := conv.Convert([]byte(md), 1, func(d string, image bool) (string, error) {
			tg, err := s.Resolve(from, d)
			if err != nil {
				return "", err
			}
			return tg.Href, nil
		})
		if cerr != nil {
			t.Fatalf("Convert: %v", cerr)
		}
		for _, m := range hrefRE.FindAllStringSubmatch(string(res.HTML), -1) {
			u := strings.ToLower(strings.TrimSpace(html.UnescapeString(m[1])))
			u = strings.Map(func(r rune) rune {
				if r < 0x21 || r == 0x7f {
					return -1
				}
				return r
			}, u)
			for _, bad := range []string{"javascript:", "vbscript:", "file:"} {
				if strings.HasPrefix(u, bad) {
					t.Errorf("%q reached the HTML as %q", dest, m[1])
				}
			}
			if strings.HasPrefix(u, "data:") && !strings.HasPrefix(u, "data:image/") {
				t.Errorf("%q reached the HTML as %q", dest, m[1])
			}
		}
	})
}

var fuzzSiteCache *site.Site

// fuzzSite is a small site under /cchc/ with two articles, built once.
func fuzzSite(t *testing.T) *site.Site {
	if fuzzSiteCache == nil {
		fuzzSiteCache = mustBuild(t, siteInput{
			base: "https://example.gov.vn/cchc/",
			pages: map[string]string{
				"_index.md":          fm("Trang chủ", ""),
				"tin-tuc/_index.md":  fm("Tin tức", ""),
				"tin-tuc/bai-mot.md": fm("Bài một", "2020-03-16"),
				"tin-tuc/bai-hai.md": fm("Bài hai", "2020-04-20"),
				"van-ban/_index.md":  fm("Văn bản", ""),
			},
			static: []string{"css/site.css"},
		})
	}
	return fuzzSiteCache
}
