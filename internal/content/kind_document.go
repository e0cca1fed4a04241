package content

import (
	"github.com/btnmt/cchc/internal/decode"
)

// Document holds the extra keys of a directive or guidance document (van-ban); its title is the
// trích yếu.
type Document struct {
	SoKyHieu      decode.Code    `fm:"so_ky_hieu,required"`
	Loai          string         `fm:"loai,required"`
	CoQuanBanHanh string         `fm:"co_quan_ban_hanh,required"`
	NgayBanHanh   decode.Date    `fm:"ngay_ban_hanh,required"`
	NgayHieuLuc   decode.Date    `fm:"ngay_hieu_luc"`
	NguoiKy       string         `fm:"nguoi_ky"`
	Tep           decode.Strings `fm:"tep"`
}

func init() {
	RegisterKind(&Kind{
		Name: "document", Section: "van-ban", Label: "Văn bản", Names: []string{"van-ban", "document"},
		NewParams: func() any { return new(Document) },
	})
}
