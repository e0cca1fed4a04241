package content

import (
	"github.com/btnmt/cchc/internal/decode"
	"github.com/btnmt/cchc/internal/report"
)

// LoaiSuKien is the kind of an event.
type LoaiSuKien string

// Allowed lists the values LoaiSuKien may take.
func (LoaiSuKien) Allowed() []string {
	return []string{"hoi-nghi", "toa-dam", "tap-huan", "thi-dua", "cuoc-thi", "khac"}
}

// Event holds the extra keys of an event (su-kien).
type Event struct {
	BatDau  decode.Date `fm:"bat_dau,required"`
	KetThuc decode.Date `fm:"ket_thuc"`
	DiaDiem string      `fm:"dia_diem"`
	Loai    LoaiSuKien  `fm:"loai"`
}

func init() {
	RegisterKind(&Kind{
		Name: "event", Section: "su-kien", Label: "Sự kiện", Names: []string{"su-kien", "event"},
		NewParams: func() any { return new(Event) },
		Validate: func(p *Page) []*report.FileError {
			e := p.Params.(*Event)
			if e.KetThuc.IsSet() && e.BatDau.IsSet() && e.KetThuc.Before(e.BatDau.Time) {
				return []*report.FileError{report.Errorf("", e.KetThuc.Line, "\"ket_thuc\" (%s) sớm hơn \"bat_dau\" (%s); hãy sửa lại ngày kết thúc", e.KetThuc.Format("2006-01-02"), e.BatDau.Format("2006-01-02"))}
			}
			return nil
		},
	})
}
