package content

import (
	"fmt"
	"strings"

	"github.com/btnmt/cchc/internal/decode"
	"github.com/btnmt/cchc/internal/report"
)

// TrangThai is the progress status of a plan activity.
type TrangThai string

// The statuses of a plan activity.
const (
	ChuaBatDau   TrangThai = "chua-bat-dau"
	DangThucHien TrangThai = "dang-thuc-hien"
	HoanThanh    TrangThai = "hoan-thanh"
	TamDung      TrangThai = "tam-dung"
)

// Allowed lists the values TrangThai may take.
func (TrangThai) Allowed() []string {
	return []string{string(ChuaBatDau), string(DangThucHien), string(HoanThanh), string(TamDung)}
}

// TrangThaiOrder lists the statuses in the order progress summaries show them: done first.
var TrangThaiOrder = []TrangThai{HoanThanh, DangThucHien, ChuaBatDau, TamDung}

// Label is the status as visitors read it ("Đang thực hiện").
func (t TrangThai) Label() string {
	switch t {
	case ChuaBatDau:
		return "Chưa bắt đầu"
	case DangThucHien:
		return "Đang thực hiện"
	case HoanThanh:
		return "Hoàn thành"
	case TamDung:
		return "Tạm dừng"
	}
	return string(t)
}

// HoatDong is one activity of a plan.
type HoatDong struct {
	STT       int            `fm:"stt,required"`
	NoiDung   string         `fm:"noi_dung,required"`
	ChuTri    string         `fm:"chu_tri,required"`
	PhoiHop   decode.Strings `fm:"phoi_hop"`
	ThoiGian  string         `fm:"thoi_gian"`
	KinhPhi   string         `fm:"kinh_phi"`
	TrangThai TrangThai      `fm:"trang_thai,required"`
	Line      int            // the line of the activity's first key
}

// Plan holds the extra keys of a plan (ke-hoach).
type Plan struct {
	SoHieu decode.Code `fm:"so_hieu"`
	// Nam is the year the plan covers; when not written it is the year of the page's date
	// (filled in by validation).
	Nam      int        `fm:"nam"`
	HoatDong []HoatDong `fm:"hoat_dong,required"`
}

// Activity returns the activity numbered stt, or nil.
func (p *Plan) Activity(stt int) *HoatDong {
	for i := range p.HoatDong {
		if p.HoatDong[i].STT == stt {
			return &p.HoatDong[i]
		}
	}
	return nil
}

// Plan years outside this range are typing mistakes ("nam: 20", "nam: 20200").
const (
	minPlanYear = 1945
	maxPlanYear = 2100
)

func validatePlan(p *Page) []*report.FileError {
	pl := p.Params.(*Plan)
	var errs []*report.FileError
	add := func(line int, format string, args ...any) {
		errs = append(errs, report.Errorf("", line, format, args...))
	}
	switch {
	case pl.Nam == 0:
		pl.Nam = p.Date.In(decode.Location).Year()
	case pl.Nam < minPlanYear || pl.Nam > maxPlanYear:
		add(p.KeyLine("nam"), "\"nam\" %d không hợp lệ; hãy viết năm của kế hoạch bằng bốn chữ số, ví dụ nam: %d", pl.Nam, p.Date.In(decode.Location).Year())
	}
	if len(pl.HoatDong) == 0 {
		add(p.KeyLine("hoat_dong"), "kế hoạch chưa có hoạt động nào; hãy liệt kê các hoạt động trong \"hoat_dong\", mỗi hoạt động bắt đầu bằng \"- stt: 1\"")
	}
	first := map[int]int{} // stt → line of the activity that has it first
	for i, a := range pl.HoatDong {
		where := fmt.Sprintf("hoat_dong[%d]", i+1)
		if a.STT < 1 {
			add(a.Line, "%s: \"stt\" phải là số thứ tự dương (1, 2, 3, …), không phải %d", where, a.STT)
		} else if l, dup := first[a.STT]; dup {
			add(a.Line, "%s: \"stt\" %d trùng với hoạt động ở dòng %d; mỗi hoạt động của kế hoạch cần một số thứ tự riêng", where, a.STT, l)
		} else {
			first[a.STT] = a.Line
		}
		if strings.TrimSpace(a.NoiDung) == "" {
			add(a.Line, "%s: \"noi_dung\" (nội dung hoạt động) đang để trống; hãy điền nội dung", where)
		}
		if strings.TrimSpace(a.ChuTri) == "" {
			add(a.Line, "%s: \"chu_tri\" (đơn vị chủ trì) đang để trống; hãy điền tên đơn vị, ví dụ chu_tri: \"Văn phòng Bộ\"", where)
		}
		if a.TrangThai == "" {
			add(a.Line, "%s: \"trang_thai\" đang để trống; hãy dùng một trong: %s", where, strings.Join(TrangThai("").Allowed(), ", "))
		}
	}
	return errs
}

func init() {
	RegisterKind(&Kind{
		Name: "plan", Section: "ke-hoach", Label: "Kế hoạch", Names: []string{"ke-hoach", "plan"},
		NewParams: func() any { return new(Plan) },
		Validate:  validatePlan,
	})
}
