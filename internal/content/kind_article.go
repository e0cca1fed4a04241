package content

import (
	"fmt"
	"strings"

	"github.com/btnmt/cchc/internal/report"
)

// Article holds the extra keys of a news article (section tin-tuc).
type Article struct {
	// HoatDong is the plan activity the article reports on, "<plan slug>#<activity number>".
	HoatDong string `fm:"hoat_dong"`
	Line     int
}

func init() {
	RegisterKind(&Kind{
		Name: "article", Section: "tin-tuc", Label: "Tin tức", Names: []string{"bai-viet", "article"},
		NewParams: func() any { return new(Article) },
		Validate: func(p *Page) []*report.FileError {
			a := p.Params.(*Article)
			if a.HoatDong == "" {
				return nil
			}
			plan, n, ok := strings.Cut(a.HoatDong, "#")
			if !ok || plan == "" || n == "" {
				return []*report.FileError{{Line: p.KeyLine("hoat_dong"), Err: fmt.Errorf("\"hoat_dong\" phải có dạng \"<tên kế hoạch>#<số thứ tự hoạt động>\", ví dụ \"ke-hoach-tuyen-truyen-cchc-2020#1\", không phải %q", a.HoatDong)}}
			}
			return nil
		},
	})
}
