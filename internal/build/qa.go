package build

import (
	"sort"
	"strings"

	"github.com/btnmt/cchc/internal/content"
	"github.com/btnmt/cchc/internal/report"
	"github.com/btnmt/cchc/internal/site"
	"github.com/btnmt/cchc/internal/slug"
)

const qaSection = "hoi-dap"

// TypeQAField is the type of the page listing the Q&As of one field (/hoi-dap/linh-vuc/dat-dai/).
const TypeQAField site.Type = "linh-vuc"

// OtherField names the group of Q&As that have no linh_vuc.
const OtherField = "Lĩnh vực khác"

// QAData is what a Q&A's page shows besides its Markdown (the answer).
type QAData struct {
	QA       *content.QA
	Fields   []*QAField // the page's linh_vuc, as written
	Answered bool       // ngay_tra_loi is set
}

// QAField is a field of state management with the Q&As about it and their page.
type QAField struct {
	Name  string
	Slug  string
	URL   string // "/hoi-dap/linh-vuc/dat-dai/"
	Count int
	Other bool // the group of Q&As without linh_vuc
	pages []*site.Page
}

// QAIndex is what the Q&A section shows: Q&As grouped by field, fields in Vietnamese order.
type QAIndex struct {
	Fields []*QAField // Vietnamese order, OtherField last
	Total  int
}

// QAGroup is a run of Q&As of the same field in a list.
type QAGroup struct {
	Field *QAField
	Pages []*site.Page
}

// Groups splits a list of Q&As (the section's, or one page of it) into runs of the same main
// field (the first linh_vuc written), for headings.
func (ix *QAIndex) Groups(items []*site.Page) []QAGroup {
	var out []QAGroup
	for _, p := range items {
		d, ok := p.Data.(*QAData)
		if !ok {
			continue
		}
		f := d.main()
		if len(out) == 0 || out[len(out)-1].Field != f {
			out = append(out, QAGroup{Field: f})
		}
		out[len(out)-1].Pages = append(out[len(out)-1].Pages, p)
	}
	return out
}

// main is the field a Q&A is listed under in the index: its first linh_vuc.
func (d *QAData) main() *QAField { return d.Fields[0] }

type qaGenerator struct{}

func init() { register(qaGenerator{}) }

func (qaGenerator) Name() string                                { return "hoi-dap" }
func (qaGenerator) Write(*site.Site, Output, *report.ErrorList) {}

func qaOf(p *site.Page) *content.QA {
	q, _ := p.Params().(*content.QA)
	return q
}

// Generate groups the Q&As by field, orders the section by field and adds a page per field.
func (qaGenerator) Generate(s *site.Site, errs *report.ErrorList) {
	ix := &QAIndex{}
	fields := map[string]*QAField{}
	field := func(name string, other bool) *QAField {
		sl := slug.Make(name)
		if sl == "" {
			sl, name, other = "khac", OtherField, true
		}
		f := fields[sl]
		if f == nil {
			f = &QAField{Name: name, Slug: sl, URL: "/" + qaSection + "/linh-vuc/" + sl + "/", Other: other}
			fields[sl] = f
			ix.Fields = append(ix.Fields, f)
		}
		return f
	}
	var qas []*site.Page
	for _, p := range s.Pages {
		q := qaOf(p)
		if q == nil {
			continue
		}
		qas = append(qas, p)
		d := &QAData{QA: q, Answered: q.NgayTraLoi.IsSet()}
		seen := map[*QAField]bool{}
		for _, name := range p.Source.LinhVuc {
			if f := field(strings.TrimSpace(name), false); !seen[f] {
				seen[f] = true
				d.Fields = append(d.Fields, f)
			}
		}
		if len(d.Fields) == 0 {
			d.Fields = []*QAField{field("", true)}
		}
		for _, f := range d.Fields {
			f.Count++
			f.pages = append(f.pages, p)
		}
		p.Data = d
	}
	if len(qas) == 0 {
		return
	}
	ix.Total = len(qas)
	sort.SliceStable(ix.Fields, func(i, j int) bool {
		a, b := ix.Fields[i], ix.Fields[j]
		if a.Other != b.Other {
			return b.Other
		}
		return site.Compare(a.Name, b.Name) < 0
	})
	rank := map[*QAField]int{}
	for i, f := range ix.Fields {
		rank[f] = i
	}
	sort.SliceStable(qas, func(i, j int) bool {
		a, b := qas[i].Data.(*QAData).main(), qas[j].Data.(*QAData).main()
		if a != b {
			return rank[a] < rank[b]
		}
		if !qas[i].Date.Equal(qas[j].Date) {
			return qas[i].Date.After(qas[j].Date)
		}
		return qas[i].URL < qas[j].URL
	})
	// The latest answers for the home page: s.Pages is newest first.
	var newest []*site.Page
	for _, p := range s.Pages {
		if qaOf(p) != nil {
			newest = append(newest, p)
			if len(newest) == homeLimit {
				break
			}
		}
	}
	homeData(s).QAs = newest

	sec := sectionPage(s, qaSection)
	parent := s.Home
	if sec != nil {
		sec.Pages = append(sec.Pages[:0:0], qas...)
		sec.Data = ix
		parent = sec
	}
	for _, f := range ix.Fields {
		title := "Hỏi đáp lĩnh vực " + f.Name
		desc := "Câu hỏi, kiến nghị của người dân, doanh nghiệp về lĩnh vực " + f.Name + " và câu trả lời, mới nhất trước."
		if f.Other {
			title = "Hỏi đáp thuộc lĩnh vực khác"
			desc = "Câu hỏi, kiến nghị chưa xếp vào lĩnh vực nào và câu trả lời, mới nhất trước."
		}
		pg := &site.Page{Type: TypeQAField, Kind: content.KindOf(qaSection), Section: qaSection, URL: f.URL,
			Parent: parent, Title: title, Description: desc, Pages: f.pages, Data: ix}
		if s.Add(pg, "danh sách hỏi đáp "+f.URL+" (tạo tự động)", errs) {
			s.Paginate(pg, errs)
		}
	}
}

func (d *QAData) sigData(h *hasher) {
	h.bool(d.Answered)
	h.int(len(d.Fields))
	for _, f := range d.Fields {
		f.sum(h)
	}
}

func (f *QAField) sum(h *hasher) {
	h.str(f.Name)
	h.str(f.Slug)
	h.str(f.URL)
	h.int(f.Count)
	h.bool(f.Other)
}

func (ix *QAIndex) sigData(h *hasher) {
	h.memo(ix, func(h *hasher) {
		h.int(ix.Total)
		h.int(len(ix.Fields))
		for _, f := range ix.Fields {
			f.sum(h)
		}
	})
}
