package build

import (
	"bytes"
	"fmt"
	"html"
	"html/template"
	"net/url"
	"strings"
	"unsafe"

	"github.com/btnmt/cchc/internal/report"
	"github.com/btnmt/cchc/internal/site"
)

// siteValue starts the value of an attribute that is a site-relative URL.
var siteValue = []byte(`="/`)

// checkOutputLinks checks every site-relative href and src of a rendered page, those the layouts
// emit as well as those of the content: each must be under the base path and lead to a page, a
// redirect or a file of the site.
//
// Most links repeat from page to page (the menu, the footer, the terms): the links found good are
// remembered for the build, so that each is unescaped and looked up once.
func (b *builder) checkOutputLinks(p *site.Page, layout string, out []byte) []*report.FileError {
	var errs []*report.FileError
	var seen map[string]bool // this page's links found bad, reported once
	base := b.cfg.BasePath
	// One pass over the page finds the values that start with "/"; those of an href or a src
	// are the links to check.
	rest := out
	for {
		i := bytes.Index(rest, siteValue)
		if i < 0 {
			break
		}
		name := rest[:i]
		rest = rest[i+2:] // the value, from its "/"
		if !bytes.HasSuffix(name, []byte(" href")) && !bytes.HasSuffix(name, []byte(" src")) {
			continue
		}
		j := bytes.IndexByte(rest, '"')
		if j < 0 {
			break
		}
		raw := rest[:j]
		rest = rest[j:]
		if bytes.HasPrefix(raw, []byte("//")) || seen[string(raw)] {
			continue
		}
		b.goodMu.RLock()
		_, good := b.goodLinks[string(raw)]
		b.goodMu.RUnlock()
		if good {
			continue
		}
		v := string(raw)
		u := html.UnescapeString(v)
		u, _, _ = strings.Cut(u, "#")
		u, _, _ = strings.Cut(u, "?")
		if dec, err := url.PathUnescape(u); err == nil {
			u = dec
		}
		msg := ""
		switch {
		case !strings.HasPrefix(u, base):
			msg = fmt.Sprintf("trang %s có liên kết %s nằm ngoài đường dẫn gốc %s; trong mẫu trang hãy dùng {{relURL \"/…\"}}", p.URL, v, base)
		case !b.site.Exists("/" + strings.TrimPrefix(u, base)):
			msg = fmt.Sprintf("trang %s có liên kết %s nhưng không có trang hay tệp nào ở đó", p.URL, v)
		}
		if msg == "" {
			b.goodMu.Lock()
			if b.goodLinks == nil {
				b.goodLinks = map[string]struct{}{}
			}
			b.goodLinks[v] = struct{}{}
			b.goodMu.Unlock()
			continue
		}
		if seen == nil {
			seen = map[string]bool{}
		}
		seen[v] = true
		errs = append(errs, &report.FileError{Path: "layouts/" + layout, Err: fmt.Errorf("%s", msg)})
	}
	return errs
}

// checkFragmentLinks checks the links of the cached partials whose markers page holds (see
// render.Renderer.Splice), as checkOutputLinks checks the page's own. A fragment whose links
// are all good is not looked at again in the build; one with a bad link is reported on every
// page that shows it, as it would be if it were part of the page.
func (b *builder) checkFragmentLinks(p *site.Page, layout string, page []byte) []*report.FileError {
	var errs []*report.FileError
	b.render.Fragments(page, func(id int, html template.HTML) {
		if _, good := b.goodFragments.Load(id); good {
			return
		}
		// A read-only view of the fragment's bytes: checkOutputLinks only reads, and a copy of
		// the registry's table (a megabyte and more) on every page that shows it would cost more
		// than the check.
		fe := b.checkOutputLinks(p, layout, unsafe.Slice(unsafe.StringData(string(html)), len(html)))
		if len(fe) == 0 {
			b.goodFragments.Store(id, true)
		}
		errs = append(errs, fe...)
	})
	return errs
}
