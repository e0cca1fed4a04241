package site

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/btnmt/cchc/internal/report"
	"github.com/btnmt/cchc/internal/slug"
	"golang.org/x/text/unicode/norm"
)

// Taxonomy is a way of grouping pages: tags, fields (linh_vuc), units (don_vi).
type Taxonomy struct {
	Key    string // the front matter key: "tags"
	Name   string // the Vietnamese name: "Từ khoá"
	Plural string // the index page's title: "Các từ khoá"
	URL    string // the index page: "/the/"
	Terms  []*Term
	Page   *Page // the index page

	byKey map[string]*Term
}

// Term is one value of a taxonomy, with the pages that carry it.
type Term struct {
	Name  string // the most used spelling
	Slug  string
	URL   string
	Pages []*Page // newest first
	Page  *Page   // the term's (first) list page
	Tax   *Taxonomy
}

// Taxonomies are the site's taxonomies, in a fixed order.
var Taxonomies = []struct{ Key, Name, Plural, Path string }{
	{"linh_vuc", "Lĩnh vực", "Lĩnh vực quản lý", "/linh-vuc/"},
	{"don_vi", "Đơn vị", "Đơn vị", "/don-vi/"},
	{"tags", "Từ khoá", "Từ khoá", "/the/"},
}

// Types of the taxonomy pages.
const (
	TypeTaxonomyIndex Type = "terms" // all terms of a taxonomy, with counts
	TypeTermList      Type = "term"  // the pages of one term
)

// termValues returns the raw values of a taxonomy on a page.
func termValues(p *Page, key string) []string {
	if p.Source == nil {
		return nil
	}
	switch key {
	case "tags":
		return p.Source.Tags
	case "linh_vuc":
		return p.Source.LinhVuc
	case "don_vi":
		return p.Source.DonVi
	}
	return nil
}

// TermKey is what makes two spellings one term: case, Unicode form (NFC/NFD) and spacing do
// not count.
func TermKey(s string) string {
	if !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// BuildTaxonomies groups the single pages by tags, linh_vuc and don_vi, adds an index page per
// taxonomy and a (paginated) list page per term, and reports terms whose URLs collide.
func (s *Site) BuildTaxonomies(errs *report.ErrorList) {
	// The taxonomies are grouped at the same time, each on its own; only adding their pages to
	// the site is done one after the other.
	taxes := make([]*Taxonomy, len(Taxonomies))
	taxErrs := make([]report.ErrorList, len(Taxonomies))
	var wg sync.WaitGroup
	for i, def := range Taxonomies {
		wg.Add(1)
		go func() {
			defer wg.Done()
			taxes[i] = s.group(def.Key, def.Name, def.Plural, def.Path, &taxErrs[i])
		}()
	}
	wg.Wait()
	for i, def := range Taxonomies {
		for _, e := range taxErrs[i] {
			errs.Add(e)
		}
		tax := taxes[i]
		if len(tax.Terms) == 0 {
			continue
		}
		ti := len(s.Taxonomies)
		for _, t := range tax.Terms {
			for _, p := range t.Pages {
				if p.terms == nil {
					p.terms = make([][]*Term, len(Taxonomies))
				}
				p.terms[ti] = append(p.terms[ti], t)
			}
		}
		tax.Page = &Page{Type: TypeTaxonomyIndex, URL: tax.URL, Title: def.Plural, Data: tax, Parent: s.Home}
		if !s.Add(tax.Page, "danh sách "+strings.ToLower(def.Name)+" (tạo tự động)", errs) {
			continue
		}
		for _, t := range tax.Terms {
			t.Page = &Page{Type: TypeTermList, URL: t.URL, Title: t.Name, Pages: t.Pages, Data: t, Parent: tax.Page,
				Description: fmt.Sprintf("Các bài thuộc %s “%s”.", strings.ToLower(def.Name), t.Name)}
			if s.Add(t.Page, fmt.Sprintf("trang %s %q (tạo tự động)", strings.ToLower(def.Name), t.Name), errs) {
				s.Paginate(t.Page, errs)
			}
		}
		s.Taxonomies = append(s.Taxonomies, tax)
	}
}

// group groups the single pages by the values of a taxonomy's key into its terms, in Vietnamese
// order. It changes nothing of the site.
func (s *Site) group(key, name, plural, url string, errs *report.ErrorList) *Taxonomy {
	tax := &Taxonomy{Key: key, Name: name, Plural: plural, URL: url, byKey: map[string]*Term{}}
	type acc struct {
		term      *Term
		spellings map[string]int
		first     map[string]string // spelling → first file that used it
	}
	// spelling is a spelling of a term as written, cleaned, counted as the pages go.
	type spelling struct {
		v     string
		a     *acc // nil for a value that is no term (blank)
		n     int
		first string
	}
	byKey := map[string]*acc{}
	var order []string
	var seen []*acc
	// Values repeat across thousands of pages: clean each written value once, and count by it.
	cache := map[string]*spelling{}
	bySpelling := map[string]*spelling{}
	for _, p := range s.Pages {
		seen = seen[:0]
		for _, raw := range termValues(p, key) {
			sp := cache[raw]
			if sp == nil {
				v := strings.Join(strings.Fields(norm.NFC.String(raw)), " ")
				if sp = bySpelling[v]; sp == nil {
					sp = &spelling{v: v}
					if k := TermKey(v); k != "" {
						if sp.a = byKey[k]; sp.a == nil {
							sp.a = &acc{term: &Term{Tax: tax}, spellings: map[string]int{}, first: map[string]string{}}
							byKey[k] = sp.a
							order = append(order, k)
						}
					}
					bySpelling[v] = sp
				}
				cache[raw] = sp
			}
			if sp.a == nil || slices.Contains(seen, sp.a) {
				continue
			}
			seen = append(seen, sp.a)
			if sp.n++; sp.n == 1 {
				sp.first = p.Path()
			}
			sp.a.term.Pages = append(sp.a.term.Pages, p)
		}
	}
	for _, sp := range bySpelling {
		if sp.a != nil && sp.n > 0 {
			sp.a.spellings[sp.v] = sp.n
			sp.a.first[sp.v] = sp.first
		}
	}
	bySlug := map[string]*acc{}
	sort.Strings(order)
	for _, k := range order {
		a := byKey[k]
		t := a.term
		// The displayed name is the most used spelling; ties go to Vietnamese order.
		best, bestN := "", -1
		var sp []string
		for v := range a.spellings {
			sp = append(sp, v)
		}
		SortStrings(sp)
		for _, v := range sp {
			if a.spellings[v] > bestN {
				best, bestN = v, a.spellings[v]
			}
		}
		t.Name = best
		t.Slug = slug.Make(best)
		if t.Slug == "" {
			errs.Add(report.Errorf(a.first[best], 0, "%s %q không tạo được đường dẫn (chỉ có ký hiệu); hãy dùng chữ hoặc số", name, best))
			continue
		}
		if other, ok := bySlug[t.Slug]; ok {
			errs.Add(report.Errorf(a.first[best], 0, "%s %q và %q (trong %s) cùng đường dẫn %s%s/; hãy thống nhất một cách viết", strings.ToLower(name), best, other.term.Name, other.first[other.term.Name], url, t.Slug))
			continue
		}
		bySlug[t.Slug] = a
		tax.byKey[k] = t
		t.URL = url + t.Slug + "/"
		if !sorted(t.Pages) { // they come in the order of s.Pages, which is sorted
			SortPages(t.Pages)
		}
		tax.Terms = append(tax.Terms, t)
	}
	sort.SliceStable(tax.Terms, func(i, j int) bool { return Compare(tax.Terms[i].Name, tax.Terms[j].Name) < 0 })
	return tax
}

// Taxonomy returns the taxonomy of a front matter key, or nil when it has no terms.
func (s *Site) Taxonomy(key string) *Taxonomy {
	for _, t := range s.Taxonomies {
		if t.Key == key {
			return t
		}
	}
	return nil
}

// TermsOf returns the terms of a taxonomy that page p carries, in Vietnamese order.
func (s *Site) TermsOf(p *Page, key string) []*Term {
	for i, t := range s.Taxonomies {
		if t.Key == key && i < len(p.terms) {
			return p.terms[i]
		}
	}
	return nil
}
