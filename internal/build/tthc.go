package build

import (
	"fmt"
	"html/template"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/btnmt/cchc/internal/content"
	"github.com/btnmt/cchc/internal/render"
	"github.com/btnmt/cchc/internal/report"
	"github.com/btnmt/cchc/internal/site"
	"github.com/btnmt/cchc/internal/slug"
	"github.com/btnmt/cchc/internal/tthc"
)

// The types of the pages the procedure registry adds to the thu-tuc-hanh-chinh section; their
// layouts are thu-tuc-hanh-chinh/procedure.html and thu-tuc-hanh-chinh/filter.html.
const (
	TypeProcedure  site.Type = "procedure" // one procedure: /thu-tuc-hanh-chinh/1-004227/
	TypeTTHCFilter site.Type = "filter"    // the registry filtered: /thu-tuc-hanh-chinh/linh-vuc/dat-dai/
)

// TTHCList is the Data of the registry page (/thu-tuc-hanh-chinh/ and its further pages of
// notices) and of its filter pages (/thu-tuc-hanh-chinh/<facet>/<value>/).
type TTHCList struct {
	Registry *tthc.Registry
	Rows     []*tthc.Procedure // the procedures the page lists, in code order
	Counts   []TTHCCount       // the rows per state, every state
	InForce  int               // the rows in force (in force or amended)
	Facets   []*TTHCFacet      // every facet, with the pages of its values
	Filter   *TTHCFilter       // the filter of this page; nil on the registry page
	JSONURL  string            // site-relative URLs of the exports
	CSVURL   string

	rows *tthcRows // every procedure's row of the table, rendered once for all pages
}

// RowsHTML is the table rows of Rows in the default markup (see tthcRows.row), rendered once
// for the registry and all its filter pages: a procedure appears in five tables, and a registry
// has thousands. A theme that wants other rows ranges over Rows instead.
func (l *TTHCList) RowsHTML() template.HTML {
	n := 0
	for _, p := range l.Rows {
		n += len(l.rows.html[p])
	}
	var b strings.Builder
	b.Grow(n)
	for _, p := range l.Rows {
		b.WriteString(l.rows.html[p])
	}
	return template.HTML(b.String())
}

// tthcRows holds the rendered rows of the registry table, by procedure.
type tthcRows struct {
	html map[*tthc.Procedure]string
}

// newTTHCRows renders the row of every procedure; relURL puts a site-relative URL under the
// base path.
func newTTHCRows(reg *tthc.Registry, relURL func(string) string) *tthcRows {
	r := &tthcRows{html: make(map[*tthc.Procedure]string, len(reg.Procedures))}
	var b strings.Builder
	for _, p := range reg.Procedures {
		b.Reset()
		tthcRow(&b, p, relURL)
		r.html[p] = b.String()
	}
	return r
}

// tthcRow writes a procedure's row of the registry table: its facet values as data attributes
// (for static/js/tthc-filter.js), the code, the name as the row header linking to its page, the
// field, the level, the state with its date (and what replaced it) and the online service. The
// column names of the card view (under 40rem) come from static/css/tthc.css.
func tthcRow(b render.Writer, p *tthc.Procedure, relURL func(string) string) {
	text, attr, url := render.MinText, render.MinAttr, render.MinURL
	st := p.Status
	for _, s := range []string{`<tr data-linh-vuc`, attr(p.FacetValue(tthc.FacetField)), ` data-cap`, attr(string(p.Info.Level)),
		` data-trang-thai="`, string(st.State), `" data-thay-doi`, attr(string(p.LastChange)),
		`><td>`, text(p.Code), `</td><th scope="row"><a href`, url(relURL(p.URL)), `>`, text(p.Info.Name),
		`</a></th><td>`, text(p.Info.Field), `</td><td>`, text(levelLabel(p.Info.Level)), `</td><td>`} {
		b.WriteString(s)
	}
	writeLabel(b, st)
	switch {
	case st.State == tthc.Replaced && st.By != nil:
		b.WriteString(` <span class="tthc-chi-tiet">bởi <a href`)
		render.WriteURL(b, relURL(st.By.URL))
		b.WriteString(`>`)
		b.WriteString(text(st.By.Code))
		b.WriteString(`</a>, từ `)
		b.WriteString(tthc.Day(st.Since))
		b.WriteString(`</span>`)
	case st.State == tthc.Pending:
		b.WriteString(` <span class="tthc-chi-tiet">có hiệu lực từ `)
		b.WriteString(tthc.Day(st.Since))
		b.WriteString(`</span>`)
	case !st.Since.IsZero():
		b.WriteString(` <span class="tthc-chi-tiet">từ `)
		b.WriteString(tthc.Day(st.Since))
		b.WriteString(`</span>`)
	}
	b.WriteString("</td><td>")
	if p.Info.DVC != "" && st.State.InForce() {
		online := "Có"
		if p.Info.Online != "" {
			online = p.Info.Online.Short()
		}
		b.WriteString(`<a href`)
		render.WriteURL(b, p.Info.DVC)
		b.WriteString(` rel="external">`)
		b.WriteString(text(online))
		b.WriteString(`</a>`)
	} else {
		b.WriteString("Không")
	}
	b.WriteString("</td></tr>")
}

func levelLabel(c content.Cap) string {
	if c == "" {
		return ""
	}
	return c.Label()
}

// TTHCCount is the number of rows in a state; URL is the state's filter page, on the registry
// page only and when the state has procedures.
type TTHCCount struct {
	tthc.StateCount
	URL string
}

// TTHCFacet is a facet of the registry with the pages of its values.
type TTHCFacet struct {
	*tthc.Facet
	Filters []*TTHCFilter
}

// TTHCFilter is a value of a facet and its pre-rendered page.
type TTHCFilter struct {
	*tthc.FacetValue
	URL  string // "/thu-tuc-hanh-chinh/linh-vuc/dat-dai/"
	Page *site.Page
}

// TTHCProcedure is the Data of a procedure's page. Its detail text, when the procedure has a
// file content/thu-tuc-hanh-chinh/thu-tuc/<ma>.md, is the page's Content.
type TTHCProcedure struct {
	*tthc.Procedure
	Registry *tthc.Registry
	// Filters are the registry pages of the procedure's field, level and state, by facet key.
	Filters map[string]*TTHCFilter
	// Detail is the detail file, relative to the site root, "" when there is none.
	Detail string

	relURL func(string) string // the config's, for HistoryHTML
}

// TTHCNotice is the Data the registry gives a notice's page.
type TTHCNotice struct {
	*tthc.Notice
	Registry *tthc.Registry
	InEffect bool // the notice has taken effect at the build date

	docTarget *site.Page // the page quyet_dinh.url leads to, for its #anchor
	docAnchor string
	relURL    func(string) string        // the config's, for TableGroups
	states    map[*tthc.Procedure]string // every procedure's state, written once (writeStatus)
}

type tthcGenerator struct{}

func init() { register(tthcGenerator{}) }

func (tthcGenerator) Name() string                           { return "thu-tuc-hanh-chinh" }
func (tthcGenerator) Generate(*site.Site, *report.ErrorList) {}

// isNotice and isDetail tell the registry's kinds of pages apart.
func isNotice(p *site.Page) bool { _, ok := p.Params().(*content.TTHCNotice); return ok }
func isDetail(p *site.Page) bool {
	return p.Source != nil && p.Source.Kind != nil && p.Source.Kind.Folder == content.TTHCFolder
}

// GenerateEnv builds the registry from the published notices, reports the histories that break
// its rules, gives every notice page its resolved entries, and adds a page per procedure, the
// filter pages and the registry's data on the section page. Detail files are taken over by their
// procedure's page, never built at their own URL.
func (tthcGenerator) GenerateEnv(e *env, s *site.Site, errs *report.ErrorList) {
	var notices, details []*site.Page
	for _, p := range s.Pages {
		switch {
		case isNotice(p):
			notices = append(notices, p)
		case isDetail(p):
			details = append(details, p)
		}
	}
	if len(notices) == 0 && len(details) == 0 {
		return
	}
	sources := make([]*content.Page, len(notices))
	bySource := make(map[*content.Page]*site.Page, len(notices))
	for i, p := range notices {
		sources[i] = p.Source
		bySource[p.Source] = p
	}
	made := e.registry(sources, s)
	reg := made.reg
	for _, err := range made.errs {
		errs.Add(err)
	}
	for _, w := range reg.Warnings {
		e.warn("%s", w.Error())
	}
	noticePaths := made.paths
	for _, n := range reg.Notices {
		p := bySource[n.Page]
		n.URL = p.URL
		n.DocumentHref = ""
		d := &TTHCNotice{Notice: n, Registry: reg, InEffect: n.InEffect(s.Options.Now), relURL: s.Config.RelURL, states: made.states}
		if q := n.Params.QuyetDinh; q != nil && strings.TrimSpace(q.URL) != "" {
			t, err := s.Resolve(p, strings.TrimSpace(q.URL))
			if err != nil {
				errs.Add(report.Errorf(p.Source.Path, q.Line, "\"quyet_dinh.url\": %v; hãy trỏ tới trang văn bản của quyết định (ví dụ /van-ban/qd-1234-qd-btnmt/) hoặc bỏ dòng url", err))
			} else {
				n.DocumentHref = t.Href
				d.docTarget, d.docAnchor = t.Page, t.Anchor
			}
		}
		p.Data = d
		if p.Description == "" {
			p.Description = n.Summary()
		}
	}
	sec := sectionPage(s, tthc.Section)

	// Detail files, by the slug of their code (1.004227.md and 1-004227.md name the same page).
	bySlug := make(map[string]*tthc.Procedure, len(reg.Procedures))
	for _, p := range reg.Procedures {
		bySlug[p.Slug] = p
	}
	detailOf := map[*tthc.Procedure]*site.Page{}
	for _, d := range details {
		code := content.DetailCode(d.Source)
		p := bySlug[slug.Make(code)]
		if p == nil {
			msg := fmt.Sprintf("không có thông báo nào đã đăng công bố thủ tục %s, nên không có trang thủ tục để hiện nội dung này; tên tệp chi tiết phải là mã của một thủ tục đã công bố, ví dụ content/%s/1.004227.md", code, content.TTHCFolder)
			if len(reg.Procedures) == 0 {
				msg += " (chuyên trang chưa đăng thông báo thủ tục hành chính nào)"
			}
			errs.Add(report.Errorf(d.Source.Path, 0, "%s", msg))
			continue
		}
		if other, ok := detailOf[p]; ok {
			errs.Add(report.Errorf(d.Source.Path, 0, "thủ tục %s đã có tệp chi tiết %s; mỗi thủ tục chỉ có một tệp chi tiết — hãy gộp hai tệp", p.Code, other.Source.Path))
			continue
		}
		detailOf[p] = d
	}

	facets := made.facets
	list := &TTHCList{Registry: reg, Rows: reg.Procedures, InForce: reg.InForceCount(),
		JSONURL: tthc.JSONURL, CSVURL: tthc.CSVURL, rows: made.rows}
	byValue := map[string]map[string]*TTHCFilter{}
	for _, f := range facets {
		tf := &TTHCFacet{Facet: f}
		byValue[f.Key] = map[string]*TTHCFilter{}
		for _, v := range f.Values {
			flt := &TTHCFilter{FacetValue: v, URL: "/" + tthc.Section + "/" + f.Key + "/" + v.Value + "/"}
			tf.Filters = append(tf.Filters, flt)
			byValue[f.Key][v.Value] = flt
		}
		list.Facets = append(list.Facets, tf)
	}

	for _, c := range reg.Counts() {
		tc := TTHCCount{StateCount: c}
		if f := byValue[tthc.FacetState][string(c.State)]; f != nil {
			tc.URL = f.URL
		}
		list.Counts = append(list.Counts, tc)
	}

	// A page per procedure (a code sharing its page with another is an error of the registry).
	slugs := map[string]bool{}
	for _, p := range reg.Procedures {
		if slugs[p.Slug] {
			continue
		}
		slugs[p.Slug] = true
		pp := made.procedure(p, bySource)
		data := &TTHCProcedure{Procedure: p, Registry: reg, Filters: map[string]*TTHCFilter{}, relURL: s.Config.RelURL}
		for i, key := range tthc.FacetKeys {
			if f := byValue[key][pp.facets[i]]; f != nil {
				data.Filters[key] = f
			}
		}
		pg := &site.Page{Type: TypeProcedure, Section: tthc.Section, URL: p.URL, Parent: sec, Title: pp.title, Data: data,
			Description: pp.description, Lastmod: pp.lastmod}
		origin := pp.origin
		var ok bool
		if d := detailOf[p]; d != nil {
			data.Detail = d.Source.Path
			if d.Lastmod.After(pg.Lastmod) {
				pg.Lastmod = d.Lastmod
			}
			ok = s.TakeOver(d, pg, origin, errs)
		} else {
			ok = s.AddFrom(pg, origin, errs)
		}
		if ok {
			pg.Reads = pp.reads
		}
	}

	// The filter pages.
	for _, tf := range list.Facets {
		for _, flt := range tf.Filters {
			fl := *list
			fl.Rows = flt.Procedures
			fl.Counts = nil
			for _, c := range tthc.CountStates(fl.Rows) {
				fl.Counts = append(fl.Counts, TTHCCount{StateCount: c})
			}
			fl.InForce = inForce(fl.Rows)
			fl.Filter = flt
			pg := &site.Page{Type: TypeTTHCFilter, Section: tthc.Section, URL: flt.URL, Parent: sec, Data: &fl,
				Title:       "Thủ tục hành chính – " + tf.Name + ": " + flt.Label,
				Description: fmt.Sprintf("%d thủ tục hành chính có %s “%s”, với trạng thái tính đến ngày %s.", len(fl.Rows), strings.ToLower(tf.Name), flt.Label, tthc.Day(reg.Now))}
			if s.AddFrom(pg, site.Origin{What: fmt.Sprintf("trang lọc thủ tục hành chính theo %s “%s” (tạo tự động)", strings.ToLower(tf.Name), flt.Label)}, errs) {
				flt.Page = pg
				pg.Reads = noticePaths
			}
		}
	}

	// The exports: a content file at the same place would be overwritten.
	for _, u := range []string{tthc.JSONURL, tthc.CSVURL} {
		if s.Exists(u) {
			errs.Add(report.Errorf("content"+u, 0, "tệp này trùng với tệp xuất danh mục thủ tục hành chính %s do chuyên trang tạo ra; hãy đổi tên hoặc chuyển tệp", u))
			continue
		}
		s.Reserve(u)
	}
	if sec != nil {
		sec.Data = list
		sec.Reads = append(sec.Reads, noticePaths...)
	}
}

// tthcMade is what the registry generator makes of the notices alone, kept by a session for
// the next build while the notices are the same.
type tthcMade struct {
	sources []*content.Page
	reg     *tthc.Registry
	errs    []error
	paths   []string // of the notices, in the registry's order
	facets  []*tthc.Facet
	rows    *tthcRows
	states  map[*tthc.Procedure]string // every procedure's state as writeStatus writes it
	procs   map[*tthc.Procedure]*tthcProc
}

// tthcProc is what a procedure's page takes from the notices.
type tthcProc struct {
	title, description string
	lastmod            time.Time // the latest of its notices'
	reads              []string  // the notices of its history and of the procedures it replaced or that replaced it
	origin             site.Origin
	facets             []string // its value of each of tthc.FacetKeys
}

// procedure returns what the page of p takes from the notices; bySource gives the notices' pages.
func (m *tthcMade) procedure(p *tthc.Procedure, bySource map[*content.Page]*site.Page) *tthcProc {
	if pp, ok := m.procs[p]; ok {
		return pp
	}
	pp := &tthcProc{title: p.Info.Name, description: procedureDescription(p)}
	if pp.title == "" {
		pp.title = "Thủ tục " + p.Code
	}
	reads := map[string]bool{}
	for _, n := range p.Notices() {
		reads[n.Page.Path] = true
		if lm := bySource[n.Page].Lastmod; lm.After(pp.lastmod) {
			pp.lastmod = lm
		}
	}
	for _, q := range append(append([]*tthc.Procedure(nil), p.Replaces...), p.ReplacedBy) {
		if q != nil {
			for _, n := range q.Notices() {
				reads[n.Page.Path] = true
			}
		}
	}
	pp.reads = sortedKeys(reads)
	in := p.History[0]
	pp.origin = site.Origin{Path: in.Notice.Page.Path, Line: in.Entry.Line,
		What: fmt.Sprintf("trang của thủ tục %s (công bố ở %s:%d)", p.Code, in.Notice.Page.Path, in.Entry.Line)}
	for _, key := range tthc.FacetKeys {
		pp.facets = append(pp.facets, p.FacetValue(key))
	}
	if m.procs == nil {
		m.procs = map[*tthc.Procedure]*tthcProc{}
	}
	m.procs[p] = pp
	return pp
}

// registry returns the registry of the notices as of the build's time, the one of the last
// build of the session when the notices were not read again since.
func (e *env) registry(sources []*content.Page, s *site.Site) *tthcMade {
	if m, ok := e.cache[tthcGenerator{}.Name()].(*tthcMade); ok && slices.Equal(m.sources, sources) && m.reg.Now.Equal(s.Options.Now) {
		return m
	}
	m := &tthcMade{sources: sources}
	var errs report.ErrorList
	m.reg, errs = tthc.New(sources, s.Options.Now)
	for _, err := range errs {
		m.errs = append(m.errs, err)
	}
	m.paths = make([]string, len(m.reg.Notices))
	for i, n := range m.reg.Notices {
		m.paths[i] = n.Page.Path
	}
	m.facets = m.reg.Facets()
	m.rows = newTTHCRows(m.reg, s.Config.RelURL)
	// A procedure's state shows in the row of every notice that lists it.
	m.states = make(map[*tthc.Procedure]string, len(m.reg.Procedures))
	var b strings.Builder
	for _, p := range m.reg.Procedures {
		b.Reset()
		writeStatus(&b, p.Status, s.Config.RelURL)
		m.states[p] = b.String()
	}
	if e.cache != nil {
		e.cache[tthcGenerator{}.Name()] = m
	}
	return m
}

// procedureDescription is the one-sentence description of a procedure's page.
func procedureDescription(p *tthc.Procedure) string {
	var parts []string
	if p.Info.Field != "" {
		parts = append(parts, "lĩnh vực "+p.Info.Field)
	}
	if p.Info.Level != "" {
		parts = append(parts, strings.ToLower(p.Info.Level.Label()))
	}
	s := "Thủ tục hành chính mã " + p.Code
	if len(parts) > 0 {
		s += ", " + strings.Join(parts, ", ")
	}
	return s + ": " + p.Status.Text() + "."
}

func inForce(ps []*tthc.Procedure) int {
	n := 0
	for _, p := range ps {
		if p.Status.State.InForce() {
			n++
		}
	}
	return n
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Write writes the registry's exports, thu-tuc.json and thu-tuc.csv, and checks the anchors of
// the notices' document links now that every page is converted.
func (tthcGenerator) Write(s *site.Site, out Output, errs *report.ErrorList) {
	sec := sectionPage(s, tthc.Section)
	if sec == nil {
		return
	}
	list, ok := sec.Data.(*TTHCList)
	if !ok {
		return
	}
	reg := list.Registry
	var reads []string
	for _, n := range reg.Notices {
		reads = append(reads, n.Page.Path)
		if p, ok := s.BySource(n.Page.Rel); ok {
			if d, ok := p.Data.(*TTHCNotice); ok && d.docAnchor != "" {
				// The anchor is checked here: the files read the page it is on.
				reads = append(reads, d.docTarget.Path())
				if err := site.CheckAnchor(d.docTarget, d.docAnchor); err != nil {
					errs.Add(report.Errorf(n.Page.Path, n.Params.QuyetDinh.Line, "\"quyet_dinh.url\": %v", err))
				}
			}
		}
	}
	abs := s.Config.AbsURL
	for _, f := range []struct {
		url  string
		data []byte
	}{{tthc.JSONURL, reg.JSON(abs)}, {tthc.CSVURL, reg.CSV(abs)}} {
		if err := out.WriteFile(strings.TrimPrefix(f.url, "/"), f.data, reads...); err != nil {
			errs.Add(fmt.Errorf("ghi %s: %w", f.url, err))
		}
	}
}

// registrySig sums up the registry: it is made from the notices, as of its date, so that what
// any of its pages shows changes only when a notice does. Its pages are summed up by it as a
// whole: a procedure's state, names and replacement chain depend on notices far from it.
func registrySig(h *hasher, reg *tthc.Registry) {
	h.memo(reg, func(h *hasher) {
		h.time(reg.Now)
		h.int(len(reg.Notices))
		for _, n := range reg.Notices {
			h.str(n.Page.Path)
			h.u64(h.b.sig.srcSeq(n.Page.Path))
			h.str(n.URL)
			h.str(n.DocumentHref)
		}
	})
}

func (l *TTHCList) sigData(h *hasher) {
	registrySig(h, l.Registry)
	if l.Filter != nil {
		h.str(l.Filter.URL)
	}
	h.str(l.JSONURL)
	h.str(l.CSVURL)
}

func (d *TTHCProcedure) sigData(h *hasher) {
	registrySig(h, d.Registry)
	h.str(d.Code)
	h.str(d.Detail)
}

func (d *TTHCNotice) sigData(h *hasher) {
	registrySig(h, d.Registry)
	h.str(d.Page.Path)
	d.sigItem(h)
}

// sigItem sums up what lists of notices show: the notice's own keys, and whether it is in effect.
func (d *TTHCNotice) sigItem(h *hasher) {
	h.bool(d.InEffect)
	h.str(d.DocumentHref)
}
