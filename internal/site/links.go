package site

import (
	"fmt"
	"net/url"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/btnmt/cchc/internal/decode"

	"golang.org/x/text/unicode/norm"
)

// Target is where a link of a page leads, once resolved.
type Target struct {
	Href     string // what to emit in the page
	Page     *Page  // the page linked to, nil for files and external links
	Anchor   string // the #fragment, unescaped, "" when none
	External bool   // a link that leaves the site (http:, mailto:, …)
}

// Reserve records a URL that the build writes without a page (a feed, the sitemap), so that
// links to it resolve.
func (s *Site) Reserve(u string) { s.files[u] = true }

// LinkTargets lists, in no order, what links may lead to besides pages and redirects: the files
// of the site and the URLs reserved, and (with a "?" first) the sources that failed to parse or
// are not published, whose links are resolved differently. Two models with the same pages,
// redirects and LinkTargets resolve every link the same way.
func (s *Site) LinkTargets() []string {
	out := make([]string, 0, len(s.files)+len(s.broken)+len(s.skipped))
	for u := range s.files {
		out = append(out, u)
	}
	for rel, u := range s.broken {
		out = append(out, "?"+rel+" "+u)
	}
	for rel := range s.skipped {
		out = append(out, "?"+rel)
	}
	return out
}

// Resolve resolves a link destination written in from's Markdown. Relative links to .md files
// become the page's URL, site-relative links ("/tin-tuc/x/") get the base path; both must lead
// to a page or file of the site. The error is a message for the editor.
func (s *Site) Resolve(from *Page, dest string) (Target, error) {
	d := strings.TrimSpace(dest)
	if d == "" {
		return Target{}, fmt.Errorf("liên kết rỗng; hãy điền địa chỉ vào ( )")
	}
	if isExternal(d) {
		return Target{Href: d, External: true}, nil
	}
	p, frag, _ := strings.Cut(d, "#")
	p, query, hasQuery := strings.Cut(p, "?")
	anchor := frag
	if u, err := url.PathUnescape(frag); err == nil {
		anchor = norm.NFC.String(u)
	}
	suffix := ""
	if hasQuery {
		suffix = "?" + query
	}
	if frag != "" {
		suffix += "#" + frag
	}
	if p == "" {
		return Target{Href: d, Page: from, Anchor: anchor}, nil
	}
	up, err := url.PathUnescape(p)
	if err != nil {
		return Target{}, fmt.Errorf("liên kết %q có mã %%xx sai", dest)
	}
	if !utf8.ValidString(up) {
		return Target{}, fmt.Errorf("liên kết %q có mã %%xx không tạo thành chữ UTF-8", dest)
	}
	up = norm.NFC.String(up)

	if strings.HasSuffix(strings.ToLower(up), ".md") {
		var rel string
		if strings.HasPrefix(up, "/") {
			rel = path.Clean(strings.TrimPrefix(up, "/"))
		} else {
			base := "."
			if from.Source != nil {
				base = path.Dir(from.Source.Rel)
			}
			rel = path.Clean(path.Join(base, up))
		}
		if rel == ".." || strings.HasPrefix(rel, "../") {
			return Target{}, fmt.Errorf("liên kết %q trỏ ra ngoài thư mục content", dest)
		}
		t, ok := s.bySource[rel]
		if !ok {
			if u, broken := s.broken[rel]; broken {
				// The file's own errors are reported; the link is not a second problem.
				return Target{Href: s.Config.RelURL(u) + suffix}, nil
			}
			if why, skipped := s.skipped[rel]; skipped {
				return Target{}, fmt.Errorf("liên kết %q tới bài content/%s chưa được đăng: bài đó %s", dest, rel, why)
			}
			return Target{}, fmt.Errorf("liên kết %q: không có tệp content/%s; kiểm tra tên tệp và thư mục", dest, rel)
		}
		return Target{Href: s.Config.RelURL(t.URL) + suffix, Page: t, Anchor: anchor}, nil
	}

	var abs string
	if strings.HasPrefix(up, "/") {
		abs = up
	} else {
		abs = path.Join(from.URL, up)
		if strings.HasSuffix(up, "/") {
			abs += "/"
		}
		if !strings.HasPrefix(abs, "/") {
			return Target{}, fmt.Errorf("liên kết %q trỏ ra ngoài chuyên trang", dest)
		}
	}
	t, ok := s.lookup(abs)
	if !ok && s.isBrokenURL(abs) {
		return Target{Href: s.Config.RelURL(p) + suffix}, nil
	}
	if !ok {
		if strings.HasPrefix(abs, s.Config.BasePath) && s.Config.BasePath != "/" {
			if _, ok := s.lookup("/" + strings.TrimPrefix(abs, s.Config.BasePath)); ok {
				return Target{}, fmt.Errorf("liên kết %q đã có sẵn đường dẫn gốc %s; hãy viết /%s (đường dẫn gốc được thêm tự động)", dest, s.Config.BasePath, strings.TrimPrefix(abs, s.Config.BasePath))
			}
		}
		return Target{}, fmt.Errorf("liên kết %q: không có trang hay tệp nào ở địa chỉ %s; kiểm tra lại đường dẫn", dest, abs)
	}
	href := d
	if strings.HasPrefix(up, "/") {
		href = s.Config.RelURL(p) + suffix
	}
	return Target{Href: href, Page: t, Anchor: anchor}, nil
}

// lookup finds the page or file at a site-relative path; a page URL may be written without its
// trailing slash or with index.html.
func (s *Site) lookup(abs string) (*Page, bool) {
	if p, ok := s.byURL[abs]; ok {
		return p, true
	}
	if s.files[abs] {
		return nil, true
	}
	if p, ok := s.byURL[abs+"/"]; ok {
		return p, true
	}
	if strings.HasSuffix(abs, "/index.html") {
		if p, ok := s.byURL[strings.TrimSuffix(abs, "index.html")]; ok {
			return p, true
		}
	}
	for _, a := range s.Aliases {
		if a.URL == abs || a.URL == abs+"/" {
			return a.Target, true
		}
	}
	return nil, false
}

// isExternal tells whether a destination has a scheme or is protocol-relative.
func isExternal(d string) bool {
	if strings.HasPrefix(d, "//") {
		return true
	}
	for i, c := range d {
		switch {
		case c == ':' && i > 0:
			return true
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return false
}

// CheckAnchor tells whether page t has an element with id anchor. Generated pages have no known
// ids and accept none.
func CheckAnchor(t *Page, anchor string) error {
	if anchor == "" || t == nil {
		return nil
	}
	if t.HasID(anchor) {
		return nil
	}
	where := t.URL
	if t.Source != nil {
		where = t.Source.Path
	}
	near := append(append([]string(nil), t.IDs...), t.ExtraIDs...)
	msg := fmt.Sprintf("không có mục #%s trong %s", anchor, where)
	if len(near) > 0 {
		if sug := decode.Suggest(anchor, near); sug != "" {
			msg += fmt.Sprintf("; có phải ý bạn là #%s?", sug)
		}
	}
	return fmt.Errorf("%s (mã mục là tiêu đề viết thường, không dấu, nối bằng \"-\")", msg)
}

// isBrokenURL tells whether a URL is where a page that failed to parse would be.
func (s *Site) isBrokenURL(abs string) bool {
	for _, u := range s.broken {
		if u == abs || u == abs+"/" {
			return true
		}
	}
	return false
}
