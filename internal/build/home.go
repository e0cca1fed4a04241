package build

import (
	"github.com/btnmt/cchc/internal/content"
	"github.com/btnmt/cchc/internal/report"
	"github.com/btnmt/cchc/internal/site"
)

// HomeData is what the home page shows besides its Markdown: the latest of each kind and the
// current plan. Each generator fills in its part.
type HomeData struct {
	News        []*site.Page // the latest pages of the other kinds: articles, notices, plain pages
	CurrentPlan *site.Page   // its Data is a *PlanData
	Documents   []*site.Page // the latest documents, by date of issue
	Upcoming    []*site.Page // events not over yet, soonest first
	PastEvents  []*site.Page // the latest events that are over, when none is upcoming
	QAs         []*site.Page // the latest answers
}

// homeLimit is how many items of each kind the home page shows; homeNews how many news items.
const (
	homeLimit = 5
	homeNews  = 6
)

// homeData returns the home page's HomeData, creating it; a home page that already carries
// other data keeps it, and the returned value is then not shown.
func homeData(s *site.Site) *HomeData {
	if d, ok := s.Home.Data.(*HomeData); ok {
		return d
	}
	d := &HomeData{}
	if s.Home.Data == nil {
		s.Home.Data = d
	}
	return d
}

// homeGenerator fills in the latest news; the generators of the other kinds fill in theirs.
type homeGenerator struct{}

func init() { register(homeGenerator{}) }

func (homeGenerator) Name() string                                { return "trang-chu" }
func (homeGenerator) Write(*site.Site, Output, *report.ErrorList) {}

// Generate picks the latest news (s.Pages is newest first): every page but plans, documents,
// events and Q&As, which the home page shows in their own blocks.
func (homeGenerator) Generate(s *site.Site, _ *report.ErrorList) {
	d := homeData(s)
	d.News = nil
	for _, p := range s.Pages {
		switch p.Params().(type) {
		case *content.Plan, *content.Document, *content.Event, *content.QA:
			continue
		}
		d.News = append(d.News, p)
		if len(d.News) == homeNews {
			break
		}
	}
}

// latest returns at most n items of ps.
func latest(ps []*site.Page, n int) []*site.Page {
	if len(ps) > n {
		return ps[:n]
	}
	return ps
}

func (d *HomeData) sigData(h *hasher) {
	h.pages(d.News)
	h.page(d.CurrentPlan)
	h.pages(d.Documents)
	h.pages(d.Upcoming)
	h.pages(d.PastEvents)
	h.pages(d.QAs)
}
