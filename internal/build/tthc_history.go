package build

import (
	"html/template"
	"strings"

	"github.com/btnmt/cchc/internal/render"
	"github.com/btnmt/cchc/internal/tthc"
)

// HistoryHTML is the rows of the procedure's history table in the default markup, one per
// event in effective-date order: the effective date (marked when it is still to come), what the
// event did (EventHTML) and the deciding notice. The registry has thousands of procedures, and
// rows written here cost a tenth of the same rows in a layout; a theme that wants other rows
// ranges over .Data.History instead.
func (d *TTHCProcedure) HistoryHTML() template.HTML {
	var b strings.Builder
	now := d.Registry.Now
	for _, e := range d.History {
		pending := !e.InEffect(now)
		b.WriteString("<tr")
		if pending {
			b.WriteString(` class="tthc-chua-hieu-luc"`)
		}
		b.WriteString(">\n          <th scope=\"row\" data-label=\"Ngày có hiệu lực\"><time datetime=\"")
		b.WriteString(escHTML(render.DateISO(e.Effective)))
		b.WriteString(`">`)
		b.WriteString(escHTML(render.DateShort(e.Effective)))
		b.WriteString("</time>")
		if pending {
			b.WriteString(` <span class="tthc-nhan tthc-chua-co-hieu-luc">Chưa có hiệu lực</span>`)
		}
		b.WriteString("</th>\n          <td data-label=\"Nội dung thay đổi\">")
		writeEvent(&b, e, d.relURL)
		b.WriteString("</td>\n          <td data-label=\"Quyết định công bố\"><a href=\"")
		b.WriteString(escURL(d.relURL(e.Notice.URL)))
		b.WriteString(`">Quyết định số `)
		b.WriteString(escHTML(e.Notice.Number))
		b.WriteString("</a>")
		if !e.Notice.Decided.IsZero() {
			b.WriteString(` ngày <time datetime="`)
			b.WriteString(escHTML(render.DateISO(e.Notice.Decided)))
			b.WriteString(`">`)
			b.WriteString(escHTML(render.DateShort(e.Notice.Decided)))
			b.WriteString("</time>")
		}
		b.WriteString("</td>\n        </tr>\n        ")
	}
	return template.HTML(b.String())
}

// EventHTML says what an event of the procedure's history did, with links to the other
// procedures: the markup of partials/tthc-su-kien.html.
func (d *TTHCProcedure) EventHTML(e *tthc.Event) template.HTML {
	var b strings.Builder
	writeEvent(&b, e, d.relURL)
	return template.HTML(b.String())
}

func writeEvent(b *strings.Builder, e *tthc.Event, relURL func(string) string) {
	link := func(p *tthc.Procedure) {
		b.WriteString(`<a href="`)
		b.WriteString(escURL(relURL(p.URL)))
		b.WriteString(`">`)
		b.WriteString(escHTML(p.Code))
		b.WriteString("</a>")
	}
	switch e.Change {
	case tthc.ChangeNew:
		b.WriteString("Ban hành mới")
	case tthc.ChangeAmend:
		b.WriteString("Sửa đổi, bổ sung")
		if c := e.Changes(); len(c) > 0 {
			b.WriteString(" (")
			b.WriteString(escHTML(strings.Join(c, "; ")))
			b.WriteString(")")
		}
	case tthc.ChangeReplace:
		b.WriteString("Ban hành mới, thay thế thủ tục ")
		for i, p := range e.Replaces {
			if i > 0 {
				b.WriteString(", ")
			}
			link(p)
		}
	case tthc.ChangeReplacedBy:
		b.WriteString("Được thay thế bởi thủ tục ")
		if e.By != nil {
			link(e.By)
			b.WriteString(" – ")
			b.WriteString(escHTML(e.By.Info.Name))
		}
	case tthc.ChangeAbolish:
		b.WriteString("Bãi bỏ")
	}
}

// escHTML escapes text as html/template does in text and quoted attributes, so that rows
// written in Go match those of a layout byte for byte.
var escHTML = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;").Replace

// escURL escapes a site-relative URL ("/cchc/…", the output of relURL) for an href as
// html/template does: bytes that may not appear in a URL are percent-encoded, then the result
// is escaped as an attribute.
func escURL(u string) string {
	const hex = "0123456789abcdef"
	var b strings.Builder
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			strings.IndexByte("!#$&*+,/:;=?@[]-._~%", c) >= 0:
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return escHTML(b.String())
}
