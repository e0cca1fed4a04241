package site

import (
	"fmt"
	"strconv"

	"github.com/btnmt/cchc/internal/report"
)

// Pager is one page of a paginated list.
type Pager struct {
	Number int     // 1-based
	Total  int     // number of pages
	Items  []*Page // the items on this page
	First  *Page   // the list's first page
	Prev   *Page   // nil on the first page
	Next   *Page   // nil on the last page
	Links  []PagerLink
	Count  int // items in the whole list
}

// PagerLink is one numbered link of a pager; Gap marks an ellipsis between numbers.
type PagerLink struct {
	Number  int
	Page    *Page
	Current bool
	Gap     bool
}

// PaginationPath is the URL segment of the pages after the first: /tin-tuc/trang/2/.
const PaginationPath = "trang"

// Paginate splits list.Pages into pages of Config.Paginate items: the list itself is page 1
// (never repeated at /trang/1/), the others are added at <list URL>trang/<n>/.
func (s *Site) Paginate(list *Page, errs *report.ErrorList) {
	size := s.Config.Paginate
	total := max(1, (len(list.Pages)+size-1)/size)
	pages := make([]*Page, total)
	pages[0] = list
	for n := 2; n <= total; n++ {
		p := &Page{Type: list.Type, Kind: list.Kind, Section: list.Section, Title: list.Title,
			Description: list.Description, Parent: list.Parent, Data: list.Data, Reads: list.Reads, Pages: list.Pages,
			URL: list.URL + PaginationPath + "/" + strconv.Itoa(n) + "/"}
		if !s.Add(p, fmt.Sprintf("trang %d của danh sách %s (tạo tự động)", n, list.URL), errs) {
			return
		}
		pages[n-1] = p
	}
	for i, p := range pages {
		pg := &Pager{Number: i + 1, Total: total, First: list, Count: len(list.Pages)}
		lo, hi := i*size, min((i+1)*size, len(list.Pages))
		pg.Items = list.Pages[lo:hi]
		if i > 0 {
			pg.Prev = pages[i-1]
		}
		if i+1 < total {
			pg.Next = pages[i+1]
		}
		pg.Links = pagerLinks(pages, i)
		p.Pager = pg
	}
}

// pagerLinks numbers the first and last pages and two on each side of the current one.
func pagerLinks(pages []*Page, cur int) []PagerLink {
	var out []PagerLink
	last := -1
	for i := range pages {
		if i != 0 && i != len(pages)-1 && (i < cur-2 || i > cur+2) {
			continue
		}
		if last >= 0 && i > last+1 {
			out = append(out, PagerLink{Gap: true})
		}
		out = append(out, PagerLink{Number: i + 1, Page: pages[i], Current: i == cur})
		last = i
	}
	return out
}
