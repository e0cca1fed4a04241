package content

import (
	"github.com/btnmt/cchc/internal/decode"
)

// QA holds the extra keys of a question or petition and its answer (hoi-dap); the body is the answer.
type QA struct {
	Hoi        string      `fm:"hoi,required"`
	NguoiHoi   string      `fm:"nguoi_hoi"`
	NgayHoi    decode.Date `fm:"ngay_hoi,required"`
	NgayTraLoi decode.Date `fm:"ngay_tra_loi"`
}

func init() {
	RegisterKind(&Kind{
		Name: "qa", Section: "hoi-dap", Label: "Hỏi đáp", Names: []string{"hoi-dap", "qa"},
		NewParams: func() any { return new(QA) },
	})
}
