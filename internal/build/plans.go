package build

import (
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/btnmt/cchc/internal/content"
	"github.com/btnmt/cchc/internal/decode"
	"github.com/btnmt/cchc/internal/progress"
	"github.com/btnmt/cchc/internal/report"
	"github.com/btnmt/cchc/internal/site"
)

// PlanData is what a plan's page shows besides its Markdown: its activities in stt order, each
// with the articles that report on it, and the plan's progress.
type PlanData struct {
	Plan       *content.Plan
	Year       int
	Activities []*PlanActivity
	Progress   progress.Summary
	Reports    int // reporting articles, all activities together
}

// PlanActivity is one activity of a plan with the articles whose hoat_dong names it.
type PlanActivity struct {
	content.HoatDong
	ID      string       // the row's id on the plan's page: "hd-3"
	Reports []*site.Page // newest first
}

// reportsShown is how many reporting articles an activity lists before the rest are folded away.
const reportsShown = 5

// FirstReports are the newest reporting articles, shown at once.
func (a *PlanActivity) FirstReports() []*site.Page {
	return a.Reports[:min(len(a.Reports), reportsShown)]
}

// MoreReports are the older reporting articles, listed in a <details> block.
func (a *PlanActivity) MoreReports() []*site.Page {
	return a.Reports[min(len(a.Reports), reportsShown):]
}

// PlansIndex is what the plans section (/ke-hoach/) shows: plans grouped by year.
type PlansIndex struct {
	Years   []PlanYear // newest first
	Current *site.Page // the plan of the build's year, else the latest one before it, else the latest
}

// PlanYear is a year with plans and the page that lists them (/ke-hoach/nam/2020/).
type PlanYear struct {
	Year  int
	URL   string
	Plans []*site.Page
}

// Groups splits a list of plans (the section's, or one page of it) into runs of the same year,
// for headings.
func (ix *PlansIndex) Groups(items []*site.Page) []PlanYear {
	var out []PlanYear
	for _, p := range items {
		y := planYear(p)
		if len(out) == 0 || out[len(out)-1].Year != y {
			out = append(out, PlanYear{Year: y, URL: planYearURL(y)})
		}
		out[len(out)-1].Plans = append(out[len(out)-1].Plans, p)
	}
	return out
}

// TypePlanYear is the type of the page listing the plans of a year.
const TypePlanYear site.Type = "nam"

const plansSection = "ke-hoach"

func planYearURL(y int) string { return "/" + plansSection + "/nam/" + strconv.Itoa(y) + "/" }

type plansGenerator struct{}

func init() { register(plansGenerator{}) }

func (plansGenerator) Name() string                                { return "ke-hoach" }
func (plansGenerator) Generate(*site.Site, *report.ErrorList)      {}
func (plansGenerator) Write(*site.Site, Output, *report.ErrorList) {}

// planOf returns a page's plan keys, or nil when it is not a plan.
func planOf(p *site.Page) *content.Plan {
	pl, _ := p.Params().(*content.Plan)
	return pl
}

func planYear(p *site.Page) int {
	if pl := planOf(p); pl != nil && pl.Nam != 0 {
		return pl.Nam
	}
	return p.Date.In(decode.Location).Year()
}

// GenerateEnv gives every plan its activities and progress, checks every article's hoat_dong
// against the plans, orders the plans section by year and adds a page per year.
func (plansGenerator) GenerateEnv(e *env, s *site.Site, errs *report.ErrorList) {
	var plans []*site.Page
	bySlug := map[string][]*site.Page{}
	for _, p := range s.Pages {
		pl := planOf(p)
		if pl == nil {
			continue
		}
		plans = append(plans, p)
		slug := path.Base(strings.TrimSuffix(p.URL, "/"))
		bySlug[slug] = append(bySlug[slug], p)
		d := &PlanData{Plan: pl, Year: planYear(p)}
		var statuses []content.TrangThai
		for _, a := range pl.HoatDong {
			d.Activities = append(d.Activities, &PlanActivity{HoatDong: a, ID: "hd-" + strconv.Itoa(a.STT)})
			p.ExtraIDs = append(p.ExtraIDs, "hd-"+strconv.Itoa(a.STT))
			statuses = append(statuses, a.TrangThai)
		}
		sort.SliceStable(d.Activities, func(i, j int) bool { return d.Activities[i].STT < d.Activities[j].STT })
		d.Progress = progress.Compute(statuses)
		p.Data = d
	}

	for _, a := range s.Pages {
		art, ok := a.Params().(*content.Article)
		if !ok || strings.TrimSpace(art.HoatDong) == "" {
			continue
		}
		line := a.Source.KeyLine("hoat_dong")
		plan, act, err := resolveActivity(art.HoatDong, bySlug)
		if err != nil {
			errs.Add(report.Errorf(a.Source.Path, line, "\"hoat_dong\": %v", err))
			continue
		}
		act.Reports = append(act.Reports, a)
		plan.Data.(*PlanData).Reports++
	}
	for _, p := range plans {
		for _, act := range p.Data.(*PlanData).Activities {
			sortNewestFirst(act.Reports)
		}
	}
	if len(plans) == 0 {
		return
	}

	ix := &PlansIndex{Current: currentPlan(plans, s.Options.Now.In(decode.Location).Year())}
	sort.SliceStable(plans, func(i, j int) bool {
		a, b := plans[i], plans[j]
		if ya, yb := planYear(a), planYear(b); ya != yb {
			return ya > yb
		}
		if !a.Date.Equal(b.Date) {
			return a.Date.After(b.Date)
		}
		if c := site.Compare(a.Title, b.Title); c != 0 {
			return c < 0
		}
		return a.URL < b.URL
	})
	ix.Years = ix.Groups(plans)
	home := homeData(s)
	home.CurrentPlan = ix.Current

	sec := sectionPage(s, plansSection)
	if sec == nil {
		return
	}
	// The section lists its plans by year, newest first, so that its pages (when paginated)
	// follow the year headings.
	sec.Pages = append(sec.Pages[:0:0], plans...)
	sec.Data = ix
	for _, y := range ix.Years {
		pg := &site.Page{Type: TypePlanYear, Kind: sec.Kind, Section: plansSection, URL: y.URL, Parent: sec,
			Title: fmt.Sprintf("Kế hoạch năm %d", y.Year), Pages: y.Plans, Data: ix,
			Description: fmt.Sprintf("Các kế hoạch cải cách hành chính năm %d và tiến độ thực hiện.", y.Year)}
		s.Add(pg, fmt.Sprintf("danh sách kế hoạch năm %d (tạo tự động)", y.Year), errs)
	}
}

// resolveActivity finds the plan and activity a hoat_dong value names; the error says what is
// wrong, for the editor.
func resolveActivity(v string, bySlug map[string][]*site.Page) (*site.Page, *PlanActivity, error) {
	v = strings.TrimSpace(v)
	ref, num, ok := strings.Cut(v, "#")
	// Accept the plan written as its URL or folder path as well: "/ke-hoach/x/#3", "ke-hoach/x#3".
	ref = strings.Trim(strings.TrimSpace(ref), "/")
	if i := strings.LastIndexByte(ref, '/'); i >= 0 {
		ref = ref[i+1:]
	}
	ref = strings.TrimSuffix(ref, ".md")
	if !ok || ref == "" || strings.TrimSpace(num) == "" {
		return nil, nil, fmt.Errorf("%q phải có dạng \"<tên kế hoạch>#<số thứ tự hoạt động>\", ví dụ \"ke-hoach-tuyen-truyen-cchc-2020#1\"", v)
	}
	stt, err := strconv.Atoi(strings.TrimSpace(num))
	if err != nil || stt < 1 {
		return nil, nil, fmt.Errorf("%q: sau dấu # phải là số thứ tự của hoạt động (1, 2, 3, …), không phải %q", v, num)
	}
	cands := bySlug[ref]
	switch len(cands) {
	case 0:
		msg := fmt.Sprintf("không có kế hoạch %q (cần một bài trong content/%s/ có đường dẫn /%s/%s/)", ref, plansSection, plansSection, ref)
		var known []string
		for k := range bySlug {
			known = append(known, k)
		}
		if sug := decode.Suggest(ref, known); sug != "" {
			msg += fmt.Sprintf("; có phải ý bạn là %q?", sug+"#"+strconv.Itoa(stt))
		} else if len(known) == 0 {
			msg += "; chuyên trang chưa có kế hoạch nào được đăng"
		}
		return nil, nil, fmt.Errorf("%s", msg)
	case 1:
	default:
		var paths []string
		for _, c := range cands {
			paths = append(paths, c.Source.Path)
		}
		sort.Strings(paths)
		return nil, nil, fmt.Errorf("có nhiều kế hoạch cùng tên %q (%s); hãy đặt slug khác cho một trong số đó", ref, strings.Join(paths, ", "))
	}
	plan := cands[0]
	d := plan.Data.(*PlanData)
	for _, a := range d.Activities {
		if a.STT == stt {
			return plan, a, nil
		}
	}
	var nums []string
	for _, a := range d.Activities {
		nums = append(nums, strconv.Itoa(a.STT))
	}
	return nil, nil, fmt.Errorf("kế hoạch %q (%s) không có hoạt động số %d; các hoạt động có số: %s", ref, plan.Source.Path, stt, strings.Join(nums, ", "))
}

// currentPlan picks the plan a home page shows: the newest of the year, else of the latest
// year before it, else the newest plan.
func currentPlan(plans []*site.Page, year int) *site.Page {
	var best *site.Page
	better := func(p, than *site.Page) bool {
		if than == nil {
			return true
		}
		yp, yt := planYear(p), planYear(than)
		if (yp <= year) != (yt <= year) {
			return yp <= year
		}
		if yp != yt {
			if yp <= year {
				return yp > yt // the latest year up to now
			}
			return yp < yt // only future plans: the nearest
		}
		if !p.Date.Equal(than.Date) {
			return p.Date.After(than.Date)
		}
		return p.URL < than.URL
	}
	for _, p := range plans {
		if better(p, best) {
			best = p
		}
	}
	return best
}

// sortNewestFirst orders pages by date, newest first, then by URL.
func sortNewestFirst(ps []*site.Page) {
	sort.SliceStable(ps, func(i, j int) bool {
		if !ps[i].Date.Equal(ps[j].Date) {
			return ps[i].Date.After(ps[j].Date)
		}
		return ps[i].URL < ps[j].URL
	})
}

// sectionPage returns the list page of a top-level section, or nil.
func sectionPage(s *site.Site, section string) *site.Page {
	for _, sec := range s.Sections {
		if sec.Section == section && sec.Parent == s.Home {
			return sec
		}
	}
	return nil
}

func (d *PlanData) sigData(h *hasher) {
	h.int(d.Year)
	h.int(d.Reports)
	for _, a := range d.Activities {
		h.int(a.STT)
		h.str(a.ID)
		h.pages(a.Reports)
	}
}

func (ix *PlansIndex) sigData(h *hasher) {
	for _, y := range ix.Years {
		h.int(y.Year)
		h.str(y.URL)
		h.pages(y.Plans)
	}
	h.page(ix.Current)
}
