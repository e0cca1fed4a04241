package build

import (
	"html/template"
	"strconv"
	"strings"
	"time"

	"github.com/btnmt/cchc/internal/content"

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
	d.writeHistory(&b)
	return template.HTML(b.String())
}

func (d *TTHCProcedure) writeHistory(b render.Writer) {
	now := d.Registry.Now
	for _, e := range d.History {
		pending := !e.InEffect(now)
		b.WriteString("<tr")
		if pending {
			b.WriteString(` class="tthc-chua-hieu-luc"`)
		}
		b.WriteString(`><th scope="row" data-label="Ngày có hiệu lực"><time datetime`)
		render.WriteAttr(b, render.DateISO(e.Effective))
		b.WriteString(`>`)
		b.WriteString(render.MinText(render.DateShort(e.Effective)))
		b.WriteString("</time>")
		if pending {
			b.WriteString(` <span class="tthc-nhan tthc-chua-co-hieu-luc">Chưa có hiệu lực</span>`)
		}
		b.WriteString("</th><td data-label=\"Nội dung thay đổi\">")
		writeEvent(b, e, d.relURL)
		b.WriteString(`</td><td data-label="Quyết định công bố"><a href`)
		render.WriteURL(b, d.relURL(e.Notice.URL))
		b.WriteString(`>Quyết định số `)
		b.WriteString(render.MinText(e.Notice.Number))
		b.WriteString("</a>")
		if !e.Notice.Decided.IsZero() {
			b.WriteString(` ngày <time datetime`)
			render.WriteAttr(b, render.DateISO(e.Notice.Decided))
			b.WriteString(`>`)
			b.WriteString(render.MinText(render.DateShort(e.Notice.Decided)))
			b.WriteString("</time>")
		}
		b.WriteString("</td></tr>")
	}
}

// EventHTML says what an event of the procedure's history did, with links to the other
// procedures: the markup of partials/tthc-su-kien.html.
func (d *TTHCProcedure) EventHTML(e *tthc.Event) template.HTML {
	var b strings.Builder
	writeEvent(&b, e, d.relURL)
	return template.HTML(b.String())
}

func writeEvent(b render.Writer, e *tthc.Event, relURL func(string) string) {
	link := func(p *tthc.Procedure) {
		b.WriteString(`<a href`)
		render.WriteURL(b, relURL(p.URL))
		b.WriteString(`>`)
		b.WriteString(render.MinText(p.Code))
		b.WriteString("</a>")
	}
	switch e.Change {
	case tthc.ChangeNew:
		b.WriteString("Ban hành mới")
	case tthc.ChangeAmend:
		b.WriteString("Sửa đổi, bổ sung")
		if c := e.Changes(); len(c) > 0 {
			b.WriteString(" (")
			b.WriteString(render.MinText(strings.Join(c, "; ")))
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
			b.WriteString(render.MinText(e.By.Info.Name))
		}
	case tthc.ChangeAbolish:
		b.WriteString("Bãi bỏ")
	}
}

// TTHCGroup is a group of a notice's entries, for its table.
type TTHCGroup struct {
	tthc.Group
	relURL func(string) string
	states map[*tthc.Procedure]string // the procedures' states, written once; may be nil
}

// TableGroups returns the notice's entries grouped by kind of change, for the tables of its
// page (partials/tthc-nhom.html).
func (d *TTHCNotice) TableGroups() []TTHCGroup {
	gs := d.Notice.Groups()
	out := make([]TTHCGroup, len(gs))
	for i, g := range gs {
		out[i] = TTHCGroup{Group: g, relURL: d.relURL, states: d.states}
	}
	return out
}

// RowsHTML is the rows of the group's table in the default markup, one per entry: number,
// code, name linking to the procedure's page, the procedures it replaces (for a replacing
// group), field, level, agency and where the procedure stands today. A theme that wants other
// rows ranges over .Entries instead.
func (g TTHCGroup) RowsHTML() template.HTML {
	var b strings.Builder
	g.writeRows(&b)
	return template.HTML(b.String())
}

func (g TTHCGroup) writeRows(b render.Writer) {
	replace := g.Change == content.ThayDoiThayThe
	for i, e := range g.Entries {
		b.WriteString("<tr><td data-label=\"STT\">")
		b.WriteString(strconv.Itoa(i + 1))
		b.WriteString("</td><td class=\"tthc-ma-tt\" data-label=\"Mã thủ tục\">")
		b.WriteString(render.MinText(e.Code))
		b.WriteString("</td><th scope=\"row\" data-label=\"Tên thủ tục\">")
		if e.Procedure != nil {
			b.WriteString(`<a href`)
			render.WriteURL(b, g.relURL(e.Procedure.URL))
			b.WriteString(`>`)
			b.WriteString(render.MinText(e.Info.Name))
			b.WriteString("</a>")
		} else {
			b.WriteString(render.MinText(e.Ten))
		}
		b.WriteString("</th>")
		if replace {
			b.WriteString(`<td data-label="Thủ tục bị thay thế">`)
			for j, p := range e.Replaced {
				if j > 0 {
					b.WriteString("; ")
				}
				b.WriteString(`<a href`)
				render.WriteURL(b, g.relURL(p.URL))
				b.WriteString(`>`)
				b.WriteString(render.MinText(p.Code))
				b.WriteString("</a> – ")
				b.WriteString(render.MinText(p.Info.Name))
			}
			b.WriteString("</td>")
		}
		b.WriteString("<td data-label=\"Lĩnh vực\">")
		b.WriteString(render.MinText(e.Info.Field))
		b.WriteString("</td><td data-label=\"Cấp thực hiện\">")
		b.WriteString(render.MinText(e.Info.Level.Label()))
		b.WriteString("</td><td data-label=\"Cơ quan thực hiện\">")
		b.WriteString(render.MinText(e.Info.Agency))
		b.WriteString("</td><td data-label=\"Hiện trạng\">")
		if e.Procedure != nil {
			if st, ok := g.states[e.Procedure]; ok {
				b.WriteString(st)
			} else {
				writeStatus(b, e.Procedure.Status, g.relURL)
			}
		}
		b.WriteString("</td></tr>")
	}
}

// writeLabel writes a procedure's state as a label: the markup of partials/tthc-nhan.html.
func writeLabel(b render.Writer, s tthc.Status) {
	b.WriteString(`<span class="tthc-nhan tthc-`)
	b.WriteString(string(s.State)) // a slug of the registry's own
	b.WriteString(`">`)
	b.WriteString(render.MinText(s.State.Label()))
	b.WriteString("</span>")
}

// writeStatus writes a procedure's state with its date and, when replaced, the procedure that
// replaced it: the markup of partials/tthc-trang-thai.html.
func writeStatus(b render.Writer, st tthc.Status, relURL func(string) string) {
	writeLabel(b, st)
	since := func() {
		b.WriteString(`<time datetime`)
		render.WriteAttr(b, render.DateISO(st.Since))
		b.WriteString(`>`)
		b.WriteString(render.MinText(render.DateShort(st.Since)))
		b.WriteString("</time></span>")
	}
	switch {
	case st.State == tthc.Replaced:
		b.WriteString(` <span class="tthc-chi-tiet">bởi `)
		if st.By != nil {
			b.WriteString(`<a href`)
			render.WriteURL(b, relURL(st.By.URL))
			b.WriteString(`>`)
			b.WriteString(render.MinText(st.By.Code))
			b.WriteString("</a>")
		} else {
			b.WriteString("thủ tục khác")
		}
		b.WriteString(", từ ")
		since()
	case st.State == tthc.InForce:
		if !st.Since.IsZero() {
			b.WriteString(` <span class="tthc-chi-tiet">từ `)
			since()
		}
	case !st.Since.IsZero():
		b.WriteString(` <span class="tthc-chi-tiet">`)
		if st.State == tthc.Pending {
			b.WriteString("có hiệu lực ")
		}
		b.WriteString("từ ")
		since()
	}
}

// DecisionHTML is the table of the decision the notice announces, in the default markup (the
// output of partials/tthc-quyet-dinh.html, minified): its number linking to its document page,
// the date it was signed, the effective date and how many procedures of each kind it announces.
func (d *TTHCNotice) DecisionHTML() template.HTML {
	var b strings.Builder
	n := d.Notice
	b.WriteString(`<table class="bang-thong-tin"><caption>Quyết định công bố</caption><tbody><tr><th scope="row">Số quyết định</th><td>`)
	if n.DocumentHref != "" {
		b.WriteString("<a href")
		render.WriteURL(&b, n.DocumentHref)
		b.WriteString(">")
		b.WriteString(render.MinText(n.Number))
		b.WriteString("</a>")
	} else {
		b.WriteString(render.MinText(n.Number))
	}
	b.WriteString(`</td></tr><tr><th scope="row">Ngày ký</th><td>`)
	writeTime(&b, n.Decided)
	b.WriteString(`</td></tr><tr><th scope="row">Ngày có hiệu lực</th><td>`)
	writeTime(&b, n.Effective)
	if !d.InEffect {
		b.WriteString(` <span class="tthc-nhan tthc-chua-co-hieu-luc">Chưa có hiệu lực</span>`)
	}
	b.WriteString(`</td></tr><tr><th scope="row">Số thủ tục công bố</th><td>`)
	writeCounts(&b, n, "")
	b.WriteString(`</td></tr></tbody></table>`)
	return template.HTML(b.String())
}

// writeCounts writes how many procedures a notice announces, then unit, then how many of each
// kind of change: "4 thủ tục: 1 ban hành mới, 3 sửa đổi, bổ sung".
func writeCounts(b render.Writer, n *tthc.Notice, unit string) {
	b.WriteString(strconv.Itoa(len(n.Entries)))
	b.WriteString(unit)
	for i, c := range n.Counts() {
		if i > 0 {
			b.WriteString(", ")
		} else {
			b.WriteString(": ")
		}
		b.WriteString(render.MinText(c.Text()))
	}
}

// writeTime writes a date as <time>, as the layouts' isoDate and ngaySo write it.
func writeTime(b render.Writer, t time.Time) {
	b.WriteString(`<time datetime`)
	render.WriteAttr(b, render.DateISO(t))
	b.WriteString(`>`)
	b.WriteString(render.MinText(render.DateShort(t)))
	b.WriteString(`</time>`)
}

// GroupsHTML is the tables of the notice's entries, one per kind of change, in the default
// markup: the output of partials/tthc-nhom.html for every group of TableGroups, minified.
func (d *TTHCNotice) GroupsHTML() template.HTML {
	var b strings.Builder
	for _, g := range d.TableGroups() {
		replace := g.Change == content.ThayDoiThayThe
		b.WriteString(`<div class="tthc-bang-cuon"><table class="tthc-bang tthc-nhom-`)
		b.WriteString(string(g.Change)) // a value of the enumeration
		b.WriteString(`"><caption>Thủ tục hành chính `)
		switch g.Change {
		case content.ThayDoiMoi:
			b.WriteString("được ban hành mới")
		case content.ThayDoiSuaDoi:
			b.WriteString("được sửa đổi, bổ sung")
		case content.ThayDoiThayThe:
			b.WriteString("thay thế")
		default:
			b.WriteString("bị bãi bỏ")
		}
		b.WriteString(" (")
		b.WriteString(strconv.Itoa(len(g.Entries)))
		b.WriteString(`)</caption><thead><tr><th scope="col" class="tthc-ma-tt">STT</th><th scope="col">Mã thủ tục</th><th scope="col">Tên thủ tục</th>`)
		if replace {
			b.WriteString(`<th scope="col">Thủ tục bị thay thế</th>`)
		}
		b.WriteString(`<th scope="col">Lĩnh vực</th><th scope="col">Cấp thực hiện</th><th scope="col">Cơ quan thực hiện</th><th scope="col">Hiện trạng</th></tr></thead><tbody>`)
		g.writeRows(&b)
		b.WriteString(`</tbody></table></div>`)
	}
	return template.HTML(b.String())
}

// MetaHTML is what a list of notices says of the notice, in the default markup (the output of
// partials/tthc-thong-bao-meta.html, minified): its decision, when it takes effect and what it
// announces.
func (d *TTHCNotice) MetaHTML() template.HTML {
	var b strings.Builder
	n := d.Notice
	b.WriteString(`<p class="meta"><span>Quyết định số `)
	b.WriteString(render.MinText(n.Number))
	if !n.Decided.IsZero() {
		b.WriteString(" ngày ")
		writeTime(&b, n.Decided)
	}
	b.WriteString("</span>\n<span>")
	if d.InEffect {
		b.WriteString("Có hiệu lực từ ")
	} else {
		b.WriteString("<strong>Sẽ có hiệu lực từ</strong> ")
	}
	writeTime(&b, n.Effective)
	b.WriteString("</span>\n<span>")
	writeCounts(&b, n, " thủ tục")
	b.WriteString("</span></p>")
	return template.HTML(b.String())
}
