package build

import (
	"sort"
	"time"

	"github.com/btnmt/cchc/internal/content"
	"github.com/btnmt/cchc/internal/markdown"
	"github.com/btnmt/cchc/internal/report"
	"github.com/btnmt/cchc/internal/site"
)

// StaleDraft is the age after which `cchc check` points out a draft.
const StaleDraft = 90 * 24 * time.Hour

// pageAdvice returns what `cchc check` suggests about a converted page: a missing description
// and images without alternative text. They are not errors: the build succeeds.
func pageAdvice(p *site.Page, res *markdown.Result) []string {
	var out []string
	if p.IsPage() && p.Description == "" {
		out = append(out, report.Errorf(p.Path(), p.Source.KeyLine("title"), "chưa có \"description\" (một câu tóm tắt); danh sách, tìm kiếm và mạng xã hội sẽ phải dùng đoạn đầu của bài").Error())
	}
	for _, img := range res.Images {
		if img.Alt == "" {
			out = append(out, report.Errorf(p.Path(), img.Line, "ảnh %s không có mô tả (alt); người dùng trình đọc màn hình sẽ không biết ảnh nói gì — hãy viết ![mô tả ngắn về ảnh](%s)", img.Src, img.Src).Error())
		}
	}
	return out
}

// draftAdvice points out drafts older than StaleDraft, published or not in this build.
func draftAdvice(pages []*content.Page, now time.Time) []string {
	var out []string
	for _, p := range pages {
		if p.Draft && p.Date.IsSet() && now.Sub(p.Date.Time) > StaleDraft {
			out = append(out, report.Errorf(p.Path, p.KeyLine("draft"), "bản nháp từ ngày %s, đã hơn %d ngày; hãy đăng (draft: false) hoặc xoá nếu không dùng nữa", p.Date.Format("02/01/2006"), int(StaleDraft.Hours()/24)).Error())
		}
	}
	return out
}

func sortedAdvice(a []string) []string {
	sort.Strings(a)
	return a
}
