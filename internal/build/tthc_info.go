package build

import (
	"html/template"
	"strings"

	"github.com/btnmt/cchc/internal/render"
	"github.com/btnmt/cchc/internal/tthc"
)

// InfoRowsHTML is the rows of the procedure's information table in the default markup, the
// output of partials/tthc-thong-tin.html: code, name, field and level (linking to their
// registry pages), agency, state, online service and the procedures it replaces or that
// replaced it. There is one procedure page per code, thousands of them, and rows written here
// cost a tenth of the same rows in a layout.
func (d *TTHCProcedure) InfoRowsHTML() template.HTML {
	var b strings.Builder
	b.Grow(1536)
	d.writeInfoRows(&b)
	return template.HTML(b.String())
}

func (d *TTHCProcedure) writeInfoRows(b render.Writer) {
	p, i, s := d.Procedure, d.Info, d.Status
	b.WriteString(`<tr><th scope="row">Mã thủ tục</th><td class="tthc-ma-tt">`)
	b.WriteString(render.MinText(p.Code))
	b.WriteString("</td></tr><tr><th scope=\"row\">Tên thủ tục</th><td>")
	b.WriteString(render.MinText(i.Name))
	b.WriteString("</td></tr><tr><th scope=\"row\">Lĩnh vực</th><td>")
	d.writeFacetLink(b, "linh-vuc", i.Field)
	b.WriteString("</td></tr><tr><th scope=\"row\">Cấp thực hiện</th><td>")
	d.writeFacetLink(b, "cap", i.Level.Label())
	b.WriteString("</td></tr><tr><th scope=\"row\">Cơ quan thực hiện</th><td>")
	b.WriteString(render.MinText(i.Agency))
	b.WriteString("</td></tr><tr><th scope=\"row\">Trạng thái</th><td>")
	writeStatus(b, s, d.relURL)
	b.WriteString("</td></tr><tr><th scope=\"row\">Dịch vụ công trực tuyến</th><td>")
	if i.DVC != "" {
		if s.State.InForce() {
			// The notice's decoder accepts only http and https addresses, which html/template's
			// URL filter lets through unchanged.
			b.WriteString(`<a href`)
			render.WriteURL(b, i.DVC)
			b.WriteString(` rel="external">Thực hiện trực tuyến trên Cổng Dịch vụ công</a>`)
		} else {
			b.WriteString(`<span class="trong">Không còn thực hiện trực tuyến</span>`)
		}
		if i.Online != "" {
			b.WriteString(` <span class="tthc-muc-do">(mức độ: `)
			b.WriteString(render.MinText(i.Online.Short()))
			b.WriteString(")</span>")
		}
	} else {
		b.WriteString(`<span class="trong">Chưa có</span>`)
	}
	b.WriteString("</td></tr>")
	if len(p.Replaces) > 0 {
		b.WriteString(`<tr><th scope="row">Thay thế cho</th><td><ul class="tthc-ds-gon">`)
		for _, q := range p.Replaces {
			b.WriteString("<li>")
			d.writeCodeLink(b, q)
			b.WriteString("</li>")
		}
		b.WriteString("</ul></td></tr>")
	}
	if q := p.ReplacedBy; q != nil {
		b.WriteString(`<tr><th scope="row">Được thay thế bởi</th><td>`)
		d.writeCodeLink(b, q)
		b.WriteString("</td></tr>")
	}
}

// writeFacetLink writes text, linked to the registry page of the procedure's value of the
// facet when there is one.
func (d *TTHCProcedure) writeFacetLink(b render.Writer, facet, text string) {
	f := d.Filters[facet]
	if f == nil {
		b.WriteString(render.MinText(text))
		return
	}
	b.WriteString(`<a href`)
	render.WriteURL(b, d.relURL(f.URL))
	b.WriteString(`>`)
	b.WriteString(render.MinText(text))
	b.WriteString("</a>")
}

// writeCodeLink writes a procedure's code, linked to its page, and its name.
func (d *TTHCProcedure) writeCodeLink(b render.Writer, q *tthc.Procedure) {
	b.WriteString(`<a href`)
	render.WriteURL(b, d.relURL(q.URL))
	b.WriteString(`>`)
	b.WriteString(render.MinText(q.Code))
	b.WriteString("</a> – ")
	b.WriteString(render.MinText(q.Info.Name))
}

// StateHTML says where the procedure stands at the build date, in the default markup: the
// output of partials/tthc-hien-trang.html.
func (d *TTHCProcedure) StateHTML() template.HTML {
	var b strings.Builder
	d.writeState(&b)
	return template.HTML(b.String())
}

func (d *TTHCProcedure) writeState(b render.Writer) {
	s, now := d.Status, d.Registry.Now
	writeLabel(b, s)
	b.WriteString(" <span>Thủ tục ")
	b.WriteString(render.MinText(s.Text()))
	if s.State == tthc.Replaced && s.By != nil {
		b.WriteString(` (<a href`)
		render.WriteURL(b, d.relURL(s.By.URL))
		b.WriteString(`>`)
		b.WriteString(render.MinText(s.By.Info.Name))
		b.WriteString("</a>)")
	}
	b.WriteString(`, tính đến ngày <time datetime`)
	render.WriteAttr(b, render.DayISO(now))
	b.WriteString(`>`)
	b.WriteString(render.MinText(render.DateShort(now)))
	b.WriteString("</time>.</span>")
}
