package site

import (
	"path"
	"sort"
	"strings"

	"github.com/btnmt/cchc/internal/report"
)

// TakeOver hands the page of a content file to a generator that shows the file's text on a page
// of its own, such as a procedure's detail file (content/thu-tuc-hanh-chinh/thu-tuc/<ma>.md)
// shown on the procedure's page: old, the file's own page, leaves every list and frees its URL,
// and p, the generated page, gets old's source (so its Markdown is converted for p, with links
// resolved from p) and is added at p.URL as AddFrom does. From then on, links to the file lead
// to p, old's aliases redirect to p, and a bundle's files are copied next to p.
//
// Call it from a generator, before the lists (taxonomies, pagination, related pages) are built.
// It returns false, with the error in errs, when p's URL is taken; old is gone either way.
func (s *Site) TakeOver(old, p *Page, origin Origin, errs *report.ErrorList) bool {
	src := old.Source
	if s.byURL[old.URL] == old {
		delete(s.byURL, old.URL)
		delete(s.owners, strings.TrimSuffix(old.URL, "index.html"))
	}
	s.Pages = without(s.Pages, old)
	for _, q := range s.All {
		q.Pages = without(q.Pages, old)
	}
	s.SortAll()
	if i := sort.Search(len(s.All), func(i int) bool { return s.All[i].URL >= old.URL }); i < len(s.All) && s.All[i] == old {
		s.All = append(s.All[:i], s.All[i+1:]...)
		s.sorted--
	}
	// The section's neighbours close the gap.
	if old.Next != nil && old.Next.Prev == old {
		old.Next.Prev = old.Prev
	}
	if old.Prev != nil && old.Prev.Next == old {
		old.Prev.Next = old.Next
	}
	old.Prev, old.Next = nil, nil

	p.Source = src
	p.Resources = old.Resources
	if !s.AddFrom(p, origin, errs) {
		return false
	}
	if src != nil {
		s.bySource[src.Rel] = p
	}
	for i := range s.Aliases {
		if s.Aliases[i].Target == old {
			s.Aliases[i].Target = p
		}
	}
	if src != nil && src.Bundle && len(old.Resources) > 0 {
		s.moveBundleFiles(path.Dir(src.Path)+"/", strings.TrimPrefix(old.URL, "/"), strings.TrimPrefix(p.URL, "/"), errs)
	}
	return true
}

// moveBundleFiles moves the output of the files of the bundle in folder dir ("content/x/y/")
// from under one page's output folder to another's.
func (s *Site) moveBundleFiles(dir, from, to string, errs *report.ErrorList) {
	for i := range s.Files {
		f := &s.Files[i]
		if !strings.HasPrefix(f.Path, dir) || !strings.HasPrefix(f.Output, from) {
			continue
		}
		out := to + strings.TrimPrefix(f.Output, from)
		delete(s.files, "/"+f.Output)
		delete(s.owners, "/"+f.Output)
		if !s.claim("/"+out, Origin{Path: f.Path}, errs) {
			continue
		}
		s.files["/"+out] = true
		f.Output = out
	}
}

// without returns ps without p: ps itself when p is not in it, else a new slice, so that lists
// sharing an array (the home page's and the site's) stay whole.
func without(ps []*Page, p *Page) []*Page {
	i := -1
	for j, q := range ps {
		if q == p {
			i = j
			break
		}
	}
	if i < 0 {
		return ps
	}
	out := make([]*Page, 0, len(ps)-1)
	out = append(out, ps[:i]...)
	return append(out, ps[i+1:]...)
}
