package build

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/btnmt/cchc/internal/content"
	"github.com/btnmt/cchc/internal/report"
	"github.com/btnmt/cchc/internal/search"
	"github.com/btnmt/cchc/internal/site"
	"github.com/btnmt/cchc/internal/slug"
)

// The search page and its index (docs/tim-kiem.md).
//
// For the engineers of the other kinds: every page of site.Pages is indexed by its title,
// description, headings (TOC) and body (its converted Content); a generated page is indexed when
// its Data implements search.Fielder, or is a *TTHCProcedure. To make codes, names or other
// fields of a kind findable, implement search.Fielder on its front matter struct or its Data
// (a method SearchFields() search.Fields) rather than editing this file; searchFieldsOf below
// only knows the kinds that existed when it was written.

// TypeSearch is the type of the search page (/tim-kiem/); its layout is tim-kiem/search.html,
// else _default/search.html.
const TypeSearch site.Type = "search"

// The search page and the folder of its index, site-relative.
const (
	SearchURL      = "/tim-kiem/"
	SearchIndexURL = "/tim-kiem/chi-muc/"
)

// SearchPage is the Data of the search page: what its layout shows before the script runs (the
// filters with their counts, the index's address for tim-kiem.js).
type SearchPage struct {
	// IndexURL is the index folder, site-relative ("/tim-kiem/chi-muc/"); layouts pass it
	// through relURL.
	IndexURL string

	site   *site.Site
	once   sync.Once
	kinds  []SearchOption
	fields []SearchOption
	count  int
}

// SearchOption is one value of a search filter: a kind or a lĩnh vực, with how many indexed
// pages have it.
type SearchOption struct {
	Key   string // the URL value: ?loai=van-ban, ?linh-vuc=dat-dai
	Name  string
	Count int
}

// Kinds lists the kinds of the indexed pages, in Vietnamese order.
func (d *SearchPage) Kinds() []SearchOption { d.facets(); return d.kinds }

// Fields lists the lĩnh vực of the indexed pages, in Vietnamese order.
func (d *SearchPage) Fields() []SearchOption { d.facets(); return d.fields }

// Count is the number of indexed pages.
func (d *SearchPage) Count() int { d.facets(); return d.count }

// facets counts the kinds and fields once every generator has added its pages (the layout runs
// after all of them).
func (d *SearchPage) facets() {
	d.once.Do(func() {
		kinds, fields := map[string]*SearchOption{}, map[string]*SearchOption{}
		pages := searchPages(d.site)
		d.count = len(pages)
		for _, p := range pages {
			k, fs := searchFacets(p, searchFieldsOf(p))
			if kinds[k.Key] == nil {
				kinds[k.Key] = &SearchOption{Key: k.Key, Name: k.Name}
			}
			kinds[k.Key].Count++
			for _, f := range fs {
				if fields[f.Key] == nil {
					fields[f.Key] = &SearchOption{Key: f.Key, Name: f.Name}
				}
				fields[f.Key].Count++
			}
		}
		d.kinds, d.fields = sortedOptions(kinds), sortedOptions(fields)
	})
}

func sortedOptions(m map[string]*SearchOption) []SearchOption {
	out := make([]SearchOption, 0, len(m))
	for _, o := range m {
		out = append(out, *o)
	}
	sort.Slice(out, func(i, j int) bool {
		if c := site.Compare(out[i].Name, out[j].Name); c != 0 {
			return c < 0
		}
		return out[i].Key < out[j].Key
	})
	return out
}

// searchGenerator adds the search page and, once every page is rendered, writes the search
// index of every published page under /tim-kiem/chi-muc/ (see docs/tim-kiem.md).
type searchGenerator struct{}

func init() { register(searchGenerator{}) }

func (searchGenerator) Name() string { return "tim-kiem" }

// Deferrable lets the preview reload an edited page before the index catches up.
func (searchGenerator) Deferrable() bool { return true }

func (searchGenerator) Generate(s *site.Site, errs *report.ErrorList) {
	p := &site.Page{Type: TypeSearch, Section: "tim-kiem", URL: SearchURL, Parent: s.Home, Title: "Tìm kiếm",
		Description: "Tìm tin bài, văn bản, thủ tục hành chính, kế hoạch, sự kiện và hỏi đáp trên " + s.Config.Title + ", gõ có dấu hay không dấu đều được.",
		Data:        &SearchPage{IndexURL: SearchIndexURL, site: s}}
	s.Add(p, "trang tìm kiếm (tạo tự động)", errs)
	s.Reserve(SearchIndexURL + search.ManifestName)
}

// searchIndexing turns the writing of the index off, for the benchmark that measures what
// indexing costs a build (BenchmarkBuildSearch); the search page is added either way.
var searchIndexing = true

// searchBatch is how many pages are tokenized at a time: enough for every CPU, few enough that
// their texts and word lists stay small next to the site.
const searchBatch = 256

// Write builds the index from the rendered pages and writes it. The body text of a page is taken
// from its converted content, which the site holds anyway, so indexing keeps no copy of the
// texts; the index grows by a few bytes per word and page.
func (searchGenerator) Write(s *site.Site, out Output, errs *report.ErrorList) {
	sp, ok := s.ByURL(SearchURL)
	if !ok || sp.Type != TypeSearch || !searchIndexing {
		return
	}
	pages := searchPages(s)
	b := search.NewBuilder(search.Options{})
	dir := strings.TrimPrefix(SearchIndexURL, "/")
	// A file of result texts reads the sources of its pages.
	readsOf := func(f search.File) []string {
		if !strings.HasPrefix(f.Name, search.FragmentDir) {
			return nil
		}
		n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(f.Name, search.FragmentDir), ".bin"))
		per := b.FragmentsPerFile()
		var r []string
		for _, p := range pages[min(n*per, len(pages)):min(n*per+per, len(pages))] {
			r = append(r, p.Path())
		}
		return r
	}
	write := func(f search.File, reads []string) bool {
		if err := out.WriteFile(dir+f.Name, f.Data, reads...); err != nil {
			errs.Add(fmt.Errorf("ghi chỉ mục tìm kiếm %s: %w", f.Name, err))
			return false
		}
		return true
	}
	for i := 0; i < len(pages); i += searchBatch {
		chunk := pages[i:min(i+searchBatch, len(pages))]
		docs := make([]search.Doc, len(chunk))
		parallel(len(chunk), func(j int) { docs[j] = searchDoc(chunk[j]) })
		for _, f := range b.Add(docs...) {
			if !write(f, readsOf(f)) {
				return
			}
		}
	}
	files, _ := b.Finish()
	for _, f := range files {
		// The index is one whole: every file changes when any page does. The manifest, which
		// names the version of all the others, records every page it was made from.
		reads := readsOf(f)
		if f.Name == search.ManifestName {
			reads = make([]string, len(pages))
			for i, p := range pages {
				reads[i] = p.Path()
			}
		}
		if !write(f, reads) {
			return
		}
	}
}

// searchPages lists the pages the index holds, newest first (the order of their ids): every
// published single page, and the generated pages that carry text of their own (procedure pages,
// and any page whose Data implements search.Fielder). Lists are left out.
func searchPages(s *site.Site) []*site.Page {
	var out []*site.Page
	seen := map[*site.Page]bool{}
	for _, p := range s.Pages {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, p := range s.All {
		if seen[p] || p.Type == TypeSearch {
			continue
		}
		_, fielder := p.Data.(search.Fielder)
		if p.Type == TypeProcedure || fielder {
			seen[p] = true
			out = append(out, p)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := searchDate(out[i]), searchDate(out[j])
		if !a.Equal(b) {
			return a.After(b)
		}
		return out[i].URL < out[j].URL
	})
	return out
}

// searchDate is the date a page ranks and shows by: its date, else its last change.
func searchDate(p *site.Page) time.Time {
	if !p.Date.IsZero() {
		return p.Date
	}
	return p.Lastmod
}

// searchDoc is what the index holds of a page.
func searchDoc(p *site.Page) search.Doc {
	f := searchFieldsOf(p)
	kind, fields := searchFacets(p, f)
	d := search.Doc{
		URL:         p.RelPermalink(),
		Title:       p.Title,
		Kind:        kind.Key,
		KindLabel:   kind.Name,
		Fields:      fields,
		Date:        searchDate(p),
		Description: p.Description,
		Codes:       f.Codes,
		Meta:        f.Meta,
	}
	// A page without a description is not given its summary instead: the summary is the
	// body's first paragraph, which would count twice.
	for _, h := range p.TOC {
		d.Headings = append(d.Headings, h.Text)
	}
	if src := p.Source; src != nil {
		d.Meta = append(d.Meta, src.Tags...)
		d.Meta = append(d.Meta, src.DonVi...)
	}
	body := search.TextFromHTML(string(p.Content))
	if len(f.Text) > 0 {
		body = strings.TrimSpace(body + "\n" + strings.Join(f.Text, "\n"))
	}
	d.Body = body
	return d
}

// searchFacets returns the kind and the lĩnh vực a page is filtered by.
func searchFacets(p *site.Page, f search.Fields) (search.Facet, []search.Facet) {
	kind := f.Kind
	if kind.Key == "" {
		switch {
		case p.Kind != nil:
			kind = search.Facet{Key: slug.Make(p.Kind.Label), Name: p.Kind.Label}
		default:
			kind = search.Facet{Key: "trang", Name: "Trang"}
		}
	}
	var names []string
	if terms := p.Terms("linh_vuc"); len(terms) > 0 {
		for _, t := range terms {
			names = append(names, t.Name)
		}
	} else if p.Source != nil {
		names = append(names, p.Source.LinhVuc...)
	}
	names = append(names, f.Fields...)
	var out []search.Facet
	seen := map[string]bool{}
	for _, n := range names {
		k := slug.Make(n)
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, search.Facet{Key: k, Name: fieldName(p.Site, k, n)})
	}
	return kind, out
}

// fieldName is the spelling of a lĩnh vực the taxonomy uses, so that search filters and the
// /linh-vuc/ pages agree.
func fieldName(s *site.Site, key, name string) string {
	if s == nil {
		return name
	}
	if tax := s.Taxonomy("linh_vuc"); tax != nil {
		for _, t := range tax.Terms {
			if t.Slug == key {
				return t.Name
			}
		}
	}
	return strings.TrimSpace(name)
}

// Kinds that results show under a name of their own.
var (
	searchKindProcedure = search.Facet{Key: "thu-tuc-hanh-chinh", Name: "Thủ tục hành chính"}
	searchKindNotice    = search.Facet{Key: "cong-bo-thu-tuc", Name: "Công bố thủ tục hành chính"}
)

// searchFieldsOf returns the searchable text a page has besides its title, description,
// headings and body: what its kind's front matter and its generated Data hold. Kinds added
// later implement search.Fielder on their Params or Data and need no change here.
func searchFieldsOf(p *site.Page) search.Fields {
	var f search.Fields
	switch x := p.Params().(type) {
	case *content.Document:
		f.Codes = append(f.Codes, string(x.SoKyHieu))
		f.Meta = append(f.Meta, x.Loai, x.CoQuanBanHanh, x.NguoiKy)
	case *content.TTHCNotice:
		f.Kind = searchKindNotice
		if x.QuyetDinh != nil {
			f.Codes = append(f.Codes, string(x.QuyetDinh.So))
		}
		for _, t := range x.ThuTuc {
			f.Meta = append(f.Meta, string(t.Ma), t.Ten, t.CoQuan)
			for _, c := range t.ThayThe {
				f.Meta = append(f.Meta, string(c))
			}
			if t.LinhVuc != "" {
				f.Fields = append(f.Fields, t.LinhVuc)
			}
		}
	case *content.Plan:
		f.Codes = append(f.Codes, string(x.SoHieu))
		for _, a := range x.HoatDong {
			f.Text = append(f.Text, a.NoiDung)
			f.Meta = append(f.Meta, a.ChuTri)
			f.Meta = append(f.Meta, a.PhoiHop...)
		}
	case *content.Event:
		f.Meta = append(f.Meta, x.DiaDiem, x.Loai.Label())
	case *content.QA:
		f.Meta = append(f.Meta, x.Hoi)
	}
	if x, ok := p.Params().(search.Fielder); ok {
		f.Merge(x.SearchFields())
	}
	switch x := p.Data.(type) {
	case *TTHCProcedure:
		f.Kind = searchKindProcedure
		f.Codes = append(f.Codes, x.Code)
		// The field and the state are in the page's description (procedureDescription).
		f.Meta = append(f.Meta, x.Info.Agency)
		for _, q := range x.Replaces {
			f.Meta = append(f.Meta, q.Code)
		}
		if x.ReplacedBy != nil {
			f.Meta = append(f.Meta, x.ReplacedBy.Code)
		}
		for _, n := range x.Notices() {
			f.Meta = append(f.Meta, n.Number)
		}
		if x.Info.Field != "" {
			f.Fields = append(f.Fields, x.Info.Field)
		}
	case *DocumentData:
		for _, a := range x.Files {
			f.Meta = append(f.Meta, a.Name)
		}
	}
	if x, ok := p.Data.(search.Fielder); ok {
		f.Merge(x.SearchFields())
	}
	f.Codes = nonEmpty(f.Codes)
	f.Meta = nonEmpty(f.Meta)
	return f
}

func nonEmpty(list []string) []string {
	out := list[:0]
	for _, s := range list {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// sigData sums up the search page: its filters count the kinds and the lĩnh vực of every
// indexed page (see facets), which it sums up without working them out.
func (d *SearchPage) sigData(h *hasher) {
	h.str(d.IndexURL)
	if h.b == nil {
		return
	}
	h.memo(d, func(h *hasher) {
		if tax := d.site.Taxonomy("linh_vuc"); tax != nil {
			for _, t := range tax.Terms {
				h.str(t.Slug)
				h.str(t.Name)
			}
		}
		for _, p := range d.site.All {
			_, fielder := p.Data.(search.Fielder)
			if p.Source == nil && p.Type != TypeProcedure && !fielder || p.Type == TypeSearch {
				continue
			}
			h.str(p.URL)
			h.str(string(p.Type))
			h.str(p.KindLabel())
			for _, t := range p.Terms("linh_vuc") {
				h.str(t.Name)
			}
			if p.Source != nil {
				h.strs(p.Source.LinhVuc)
			}
			switch x := p.Params().(type) {
			case *content.TTHCNotice:
				for _, t := range x.ThuTuc {
					h.str(t.LinhVuc)
				}
			case search.Fielder:
				f := x.SearchFields()
				h.str(f.Kind.Key)
				h.strs(f.Fields)
			}
			switch x := p.Data.(type) {
			case *TTHCProcedure:
				h.str(x.Info.Field)
			case search.Fielder:
				f := x.SearchFields()
				h.str(f.Kind.Key)
				h.strs(f.Fields)
			}
		}
	})
}
