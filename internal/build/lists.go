package build

import (
	"github.com/btnmt/cchc/internal/report"
	"github.com/btnmt/cchc/internal/site"
)

// buildLists adds the lists every site has, once the generators have added their pages: the
// taxonomies with their term pages and the pages of every paginated section. Related pages,
// which change nothing else of the model, are found alongside the conversions (prepareWith).
func (b *builder) buildLists(errs *report.ErrorList) {
	s := b.site
	s.BuildTaxonomies(errs)
	var sections []*site.Page
	for _, p := range s.All {
		if p.Type == site.TypeSection && p.Pager == nil {
			sections = append(sections, p)
		}
	}
	for _, p := range sections {
		s.Paginate(p, errs)
	}
}
