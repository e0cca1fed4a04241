package content

import (
	"github.com/btnmt/cchc/internal/decode"
)

// TrangThai is the progress status of a plan activity.
type TrangThai string

// Allowed lists the values TrangThai may take.
func (TrangThai) Allowed() []string {
	return []string{"chua-bat-dau", "dang-thuc-hien", "hoan-thanh", "tam-dung"}
}

// HoatDong is one activity of a plan.
type HoatDong struct {
	STT       int            `fm:"stt,required"`
	NoiDung   string         `fm:"noi_dung,required"`
	ChuTri    string         `fm:"chu_tri"`
	PhoiHop   decode.Strings `fm:"phoi_hop"`
	ThoiGian  string         `fm:"thoi_gian"`
	KinhPhi   string         `fm:"kinh_phi"`
	TrangThai TrangThai      `fm:"trang_thai"`
	Line      int
}

// Plan holds the extra keys of a plan (ke-hoach).
type Plan struct {
	SoHieu   decode.Code `fm:"so_hieu"`
	Nam      int         `fm:"nam"`
	HoatDong []HoatDong  `fm:"hoat_dong"`
}

func init() {
	RegisterKind(&Kind{
		Name: "plan", Section: "ke-hoach", Label: "Kế hoạch", Names: []string{"ke-hoach", "plan"},
		NewParams: func() any { return new(Plan) },
	})
}
