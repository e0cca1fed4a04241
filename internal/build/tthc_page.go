package build

import (
	"bytes"
	"strings"
	"sync"

	"github.com/btnmt/cchc/internal/markdown"
	"github.com/btnmt/cchc/internal/publish"
	"github.com/btnmt/cchc/internal/render"
	"github.com/btnmt/cchc/internal/report"
	"github.com/btnmt/cchc/internal/site"
	"github.com/btnmt/cchc/internal/tthc"
)

// A registry has a page per procedure, thousands of them, as many as a fifth of a site's pages.
// The default theme's layouts for them (procedureLayouts) are also written here in Go, in the
// form the minifier leaves them: such a page costs no layout and no minifier, a fifth of what
// the layouts cost. The layouts stay what a site overrides, and what the pages are checked
// against: TestProcedurePagesLikeLayouts builds sites both ways and compares every page, byte
// for byte. The layouts write the page instead when the site has its own version of any of
// procedureLayouts, when pages are not minified (the preview, minify = false), and for a page
// that is a draft or yet to be published.

// procedureLayout is the layout of a procedure's page.
const procedureLayout = "thu-tuc-hanh-chinh/procedure.html"

// procedureLayouts are the layouts and partials whose markup writeProcedurePage writes. The
// partials a page shares with others (head-chung, header, footer, breadcrumbs-cha) are not
// among them: it takes them from the renderer, the site's own or the theme's.
var procedureLayouts = []string{"_default/baseof.html", procedureLayout, "partials/head.html", "partials/breadcrumbs.html",
	"partials/tthc-assets.html", "partials/tthc-hien-trang.html", "partials/tthc-thong-tin.html",
	"partials/tthc-trang-thai.html", "partials/tthc-nhan.html", "partials/tthc-su-kien.html"}

// writesProcedurePages tells whether this build writes procedure pages in Go.
func (b *builder) writesProcedurePages() bool {
	return b.cfg.Minify != nil && *b.cfg.Minify && !b.render.NoFragments && b.render.FromTheme(procedureLayouts...)
}

// writeProcedurePage writes the page p of the procedure d as the layouts write it, minified,
// and checks its links. It returns false, having done nothing, for a page the layouts must write
// (a draft, a page yet to be published); true with the page's errors otherwise.
func (b *builder) writeProcedurePage(p *site.Page, d *TTHCProcedure) (bool, []*report.FileError) {
	if p.Draft || p.Future {
		return false, nil
	}
	w := getPageBuffer()
	defer putPageBuffer(w)
	var errs []*report.FileError
	fail := func(err error) (bool, []*report.FileError) {
		return true, append(errs, &report.FileError{Path: "layouts/" + procedureLayout, Err: err})
	}
	r, cfg := b.render, b.cfg
	check := !b.badContent[p]
	// shared writes a partial that pages share, minified once, and checks its links once.
	shared := func(name string, data any, keys ...any) error {
		html, id, err := r.PartialMinified(name, data, publish.MinifyHTML, keys...)
		if err != nil {
			return err
		}
		w.Write(html)
		if check {
			var key any = name
			if id >= 0 {
				key = id
			}
			if _, good := b.goodFragments.Load(key); !good {
				fe := b.checkOutputLinks(p, procedureLayout, html)
				if len(fe) == 0 {
					b.goodFragments.Store(key, true)
				}
				errs = append(errs, fe...)
			}
		}
		return nil
	}

	w.WriteString("<!doctype html><html lang")
	render.WriteAttr(w, cfg.LanguageCode)
	w.WriteString("><head>")
	if err := shared("partials/head-chung.html", p); err != nil {
		return fail(err)
	}
	own := w.Len() // from here to the header, what the page has of its own
	r.WriteHeadMeta(w, p)
	w.WriteString(`</head><body><a class="skip-link" href="#noi-dung">Bỏ qua, đến nội dung chính</a>`)
	if check {
		errs = append(errs, b.checkOutputLinks(p, procedureLayout, w.Bytes()[own:])...)
	}
	if err := shared("partials/header.html", p, p.MenuState()); err != nil {
		return fail(err)
	}
	w.WriteString(`<nav class="breadcrumbs wrap" aria-label="Vị trí trang"><ol>`)
	if p.Parent != nil {
		if err := shared("partials/breadcrumbs-cha.html", p.Parent, p.Parent.URL); err != nil {
			return fail(err)
		}
	}
	own = w.Len()
	w.WriteString(`<li><span aria-current="page">`)
	w.WriteString(render.MinText(p.Title))
	w.WriteString(`</span></li></ol></nav><main id="noi-dung" tabindex="-1"><link rel="stylesheet" href`)
	render.WriteURL(w, cfg.RelURL("/css/tthc.css"))
	w.WriteString(">")
	writeProcedureMain(w, p, d)
	w.WriteString("</main>")
	if check {
		errs = append(errs, b.checkOutputLinks(p, procedureLayout, w.Bytes()[own:])...)
	}
	if err := shared("partials/footer.html", p); err != nil {
		return fail(err)
	}
	w.WriteString("</body></html>")
	if err := b.target.WriteMinified(p.Output, w.Bytes()); err != nil {
		errs = append(errs, &report.FileError{Path: p.Path(), Err: err})
	}
	return true, errs
}

// pageBuffers hold the procedure pages being written.
var pageBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func getPageBuffer() *bytes.Buffer { return pageBuffers.Get().(*bytes.Buffer) }

func putPageBuffer(b *bytes.Buffer) {
	if b.Cap() <= 1<<20 {
		b.Reset()
		pageBuffers.Put(b)
	}
}

// writeProcedureMain writes the article of a procedure's page: the markup of procedure.html.
func writeProcedureMain(w *bytes.Buffer, p *site.Page, d *TTHCProcedure) {
	text, rel := render.MinText, d.relURL
	pr, s := d.Procedure, d.Status
	w.WriteString(`<article class="wrap article tthc tthc-thu-tuc"><header><p class="tthc-ma">Thủ tục hành chính · Mã <strong>`)
	w.WriteString(text(pr.Code))
	w.WriteString(`</strong></p><h1>`)
	w.WriteString(text(p.Title))
	w.WriteString(`</h1><p class="tthc-hien-trang">`)
	d.writeState(w)
	w.WriteString(`</p>`)
	if len(pr.Upcoming) > 0 {
		w.WriteString(`<div class="tthc-sap-toi" role="note" aria-labelledby="tthc-sap-toi-tieu-de"><h2 id="tthc-sap-toi-tieu-de">Thay đổi sắp có hiệu lực</h2><ul>`)
		for _, e := range pr.Upcoming {
			w.WriteString("<li>")
			writeEvent(w, e, d.relURL)
			w.WriteString(`: có hiệu lực từ ngày <time datetime`)
			render.WriteAttr(w, render.DateISO(e.Effective))
			w.WriteString(">")
			w.WriteString(text(render.DateShort(e.Effective)))
			w.WriteString(`</time> theo <a href`)
			render.WriteURL(w, rel(e.Notice.URL))
			w.WriteString(`>Quyết định số `)
			w.WriteString(text(e.Notice.Number))
			w.WriteString(`</a>.</li>`)
		}
		w.WriteString(`</ul></div>`)
	}
	w.WriteString(`</header><table class="bang-thong-tin tthc-thong-tin"><caption>Thông tin thủ tục`)
	if !s.State.InForce() {
		w.WriteString(" (khi còn hiệu lực)")
	}
	w.WriteString(`</caption><tbody>`)
	d.writeInfoRows(w)
	w.WriteString(`</tbody></table>`)
	if chain := pr.Chain(); len(chain) > 2 {
		w.WriteString(`<section class="tthc-chuoi" aria-labelledby="tthc-chuoi-tieu-de"><h2 id="tthc-chuoi-tieu-de">Quá trình thay thế</h2><ol>`)
		for _, q := range chain {
			w.WriteString("<li>")
			if q.Code == pr.Code {
				w.WriteString(`<strong aria-current="page">`)
			} else {
				w.WriteString("<a href")
				render.WriteURL(w, rel(q.URL))
				w.WriteString(">")
			}
			w.WriteString(text(q.Code))
			w.WriteString(" – ")
			w.WriteString(text(q.Info.Name))
			if q.Code == pr.Code {
				w.WriteString("</strong>")
			} else {
				w.WriteString("</a>")
			}
			w.WriteString(` <span class="tthc-chi-tiet">(`)
			writeLabel(w, q.Status)
			w.WriteString(`)</span></li>`)
		}
		w.WriteString(`</ol></section>`)
	}
	if p.Content != "" {
		// The detail text is Markdown turned into HTML: the minifier writes it, once.
		var c strings.Builder
		c.WriteString(`<section class="tthc-noi-dung" aria-label="Nội dung thủ tục">`)
		if toc := markdown.TOCHTML(p.TOC, 2, 3); toc != "" {
			c.WriteString(`<nav class="toc" aria-labelledby="muc-luc-tieu-de"><h2 id="muc-luc-tieu-de">Nội dung thủ tục</h2>`)
			c.WriteString(toc)
			c.WriteString(`</nav>`)
		}
		c.WriteString(`<div class="prose">`)
		c.WriteString(string(p.Content))
		c.WriteString(`</div></section>`)
		w.Write(publish.MinifyHTML([]byte(c.String())))
	}
	w.WriteString(`<section class="tthc-lich-su" aria-labelledby="tthc-lich-su-tieu-de"><h2 id="tthc-lich-su-tieu-de">Lịch sử thay đổi</h2><div class="tthc-bang-cuon"><table class="tthc-bang"><caption>Các lần công bố thủ tục `)
	w.WriteString(text(pr.Code))
	w.WriteString(`, theo ngày có hiệu lực</caption><thead><tr><th scope="col">Ngày có hiệu lực</th><th scope="col">Nội dung thay đổi</th><th scope="col">Quyết định công bố</th></tr></thead><tbody>`)
	d.writeHistory(w)
	w.WriteString(`</tbody></table></div></section><p class="tthc-quay-lai"><a href`)
	render.WriteURL(w, rel("/"+tthc.Section+"/")+"#tthc-danh-muc")
	w.WriteString(`>Danh mục thủ tục hành chính</a></p></article>`)
}
