package site

import (
	"runtime"
	"sync"
)

// RelatedCount is how many related pages a page shows.
const RelatedCount = 5

// relatedWindow is how many of a term's newest pages are considered for each page: enough for a
// handful of good matches, and cheap on a site of tens of thousands of pages.
const relatedWindow = 40

// relatedWeights weigh a shared term by taxonomy: a shared field counts double.
var relatedWeights = map[string]int{"linh_vuc": 2, "don_vi": 1, "tags": 1}

// BuildRelated gives every single page the pages that share its fields and tags: the more terms
// shared the better, then the newest. Call it after BuildTaxonomies.
func (s *Site) BuildRelated() {
	for i, p := range s.Pages {
		p.index = i
	}
	weights := make([]int, len(s.Taxonomies))
	for i, t := range s.Taxonomies {
		weights[i] = relatedWeights[t.Key]
	}
	// The pages are shared out between the CPUs; each page's related pages depend only on the
	// terms, which no worker changes.
	workers := min(runtime.GOMAXPROCS(0), max(1, len(s.Pages)/2000))
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.relate(weights, w*len(s.Pages)/workers, (w+1)*len(s.Pages)/workers)
		}()
	}
	wg.Wait()
}

// relate gives the pages s.Pages[lo:hi] their related pages.
func (s *Site) relate(weights []int, lo, hi int) {
	// score is indexed by page; touched lists the entries to reset, so nothing is allocated per page.
	score := make([]int, len(s.Pages))
	var touched []int
	for _, p := range s.Pages[lo:hi] {
		touched = touched[:0]
		for ti := 0; ti < len(p.terms) && ti < len(weights); ti++ {
			w := weights[ti]
			for _, t := range p.terms[ti] {
				for k, q := range t.Pages {
					if k >= relatedWindow {
						break
					}
					if q == p {
						continue
					}
					if score[q.index] == 0 {
						touched = append(touched, q.index)
					}
					score[q.index] += w
				}
			}
		}
		// Keep the best RelatedCount: a higher score first, then a lower index (s.Pages is in
		// list order, newest first).
		var best [RelatedCount]int
		n := 0
		for _, j := range touched {
			pos := n
			for pos > 0 && better(score, j, best[pos-1]) {
				pos--
			}
			if pos >= RelatedCount {
				continue
			}
			if n < RelatedCount {
				n++
			}
			copy(best[pos+1:n], best[pos:n-1])
			best[pos] = j
		}
		p.Related = nil
		if n > 0 {
			p.Related = make([]*Page, n)
			for k := 0; k < n; k++ {
				p.Related[k] = s.Pages[best[k]]
			}
		}
		for _, j := range touched {
			score[j] = 0
		}
	}
}

func better(score []int, i, j int) bool {
	if score[i] != score[j] {
		return score[i] > score[j]
	}
	return i < j
}
