package site

import "sort"

// RelatedCount is how many related pages a page shows.
const RelatedCount = 5

// relatedWindow is how many of a term's newest pages are considered for each page: enough for a
// handful of good matches, and cheap on a site of tens of thousands of pages.
const relatedWindow = 40

// BuildRelated gives every single page the pages that share its fields and tags: the more terms
// shared the better (a field counts double), then the newest. Call it after BuildTaxonomies.
func (s *Site) BuildRelated() {
	weights := map[string]int{"linh_vuc": 2, "don_vi": 1, "tags": 1}
	for _, p := range s.Pages {
		score := map[*Page]int{}
		for _, tax := range s.Taxonomies {
			for _, t := range s.TermsOf(p, tax.Key) {
				for i, q := range t.Pages {
					if i >= relatedWindow {
						break
					}
					if q != p {
						score[q] += weights[tax.Key]
					}
				}
			}
		}
		if len(score) == 0 {
			continue
		}
		cands := make([]*Page, 0, len(score))
		for q := range score {
			cands = append(cands, q)
		}
		sort.Slice(cands, func(i, j int) bool {
			a, b := cands[i], cands[j]
			if score[a] != score[b] {
				return score[a] > score[b]
			}
			if !a.Date.Equal(b.Date) {
				return a.Date.After(b.Date)
			}
			return a.URL < b.URL
		})
		if len(cands) > RelatedCount {
			cands = cands[:RelatedCount]
		}
		p.Related = cands
	}
}
