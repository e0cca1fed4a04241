package content

import (
	"github.com/btnmt/cchc/internal/decode"
)

// ThayDoi is the kind of change a notice makes to a procedure.
type ThayDoi string

// Allowed lists the values ThayDoi may take.
func (ThayDoi) Allowed() []string { return []string{"moi", "sua-doi", "thay-the", "bai-bo"} }

// Cap is the level of government that carries out a procedure.
type Cap string

// Allowed lists the values Cap may take.
func (Cap) Allowed() []string { return []string{"trung-uong", "tinh", "huyen", "xa"} }

// MucDo is the level of the online public service for a procedure.
type MucDo string

// Allowed lists the values MucDo may take.
func (MucDo) Allowed() []string { return []string{"toan-trinh", "mot-phan"} }

// QuyetDinh is the decision that announces a TTHC notice.
type QuyetDinh struct {
	So   decode.Code `fm:"so,required"`
	Ngay decode.Date `fm:"ngay,required"`
	URL  string      `fm:"url"`
	Line int
}

// ThuTuc is one procedure entry of a TTHC notice.
type ThuTuc struct {
	Ma      decode.Code   `fm:"ma,required"`
	Ten     string        `fm:"ten"`
	ThayDoi ThayDoi       `fm:"thay_doi,required"`
	LinhVuc string        `fm:"linh_vuc"`
	Cap     Cap           `fm:"cap"`
	CoQuan  string        `fm:"co_quan"`
	ThayThe []decode.Code `fm:"thay_the"`
	DVC     string        `fm:"dvc"`
	MucDo   MucDo         `fm:"muc_do"`
	Line    int
}

// TTHCNotice holds the extra keys of a notice of administrative procedures (thu-tuc-hanh-chinh).
type TTHCNotice struct {
	QuyetDinh   *QuyetDinh  `fm:"quyet_dinh,required"`
	NgayHieuLuc decode.Date `fm:"ngay_hieu_luc,required"`
	ThuTuc      []ThuTuc    `fm:"thu_tuc,required"`
}

func init() {
	RegisterKind(&Kind{
		Name: "tthc", Section: "thu-tuc-hanh-chinh", Label: "Thủ tục hành chính", Names: []string{"thong-bao-tthc", "tthc-notice"},
		NewParams: func() any { return new(TTHCNotice) },
	})
}
