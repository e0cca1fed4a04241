package content

import (
	"strings"

	"github.com/btnmt/cchc/internal/decode"
	"github.com/btnmt/cchc/internal/report"
)

// QA holds the extra keys of a question or petition and its answer (hoi-dap); the body is the
// answer and the shared key don_vi the unit that answered.
type QA struct {
	Hoi        string      `fm:"hoi,required"`
	NguoiHoi   string      `fm:"nguoi_hoi"`
	NgayHoi    decode.Date `fm:"ngay_hoi,required"`
	NgayTraLoi decode.Date `fm:"ngay_tra_loi"`
}

func validateQA(p *Page) []*report.FileError {
	q := p.Params.(*QA)
	var errs []*report.FileError
	if strings.TrimSpace(q.Hoi) == "" {
		errs = append(errs, report.Errorf("", p.KeyLine("hoi"), "\"hoi\" (nội dung câu hỏi) đang để trống; hãy chép câu hỏi hoặc kiến nghị đã nhận vào đây"))
	}
	if q.NgayTraLoi.IsSet() && q.NgayHoi.IsSet() && answeredBefore(q.NgayTraLoi, q.NgayHoi) {
		errs = append(errs, report.Errorf("", q.NgayTraLoi.Line,
			"\"ngay_tra_loi\" (%s) sớm hơn \"ngay_hoi\" (%s): câu hỏi không thể được trả lời trước khi gửi; hãy sửa lại một trong hai ngày",
			q.NgayTraLoi.In(decode.Location).Format("2006-01-02"), q.NgayHoi.In(decode.Location).Format("2006-01-02")))
	}
	return errs
}

// answeredBefore tells whether answer comes before question: by the time of day when both have
// one, else by the day.
func answeredBefore(answer, question decode.Date) bool {
	if answer.HasClock && question.HasClock {
		return answer.Before(question.Time)
	}
	return dayOf(answer) < dayOf(question)
}

// dayOf is a date's day in Asia/Ho_Chi_Minh as YYYYMMDD, to compare dates written with and
// without a time of day.
func dayOf(d decode.Date) int {
	t := d.In(decode.Location)
	return t.Year()*10000 + int(t.Month())*100 + t.Day()
}

func init() {
	RegisterKind(&Kind{
		Name: "qa", Section: "hoi-dap", Label: "Hỏi đáp", Names: []string{"hoi-dap", "qa"},
		NewParams: func() any { return new(QA) },
		Validate:  validateQA,
	})
}
