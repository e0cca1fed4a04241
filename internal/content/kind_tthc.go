package content

import (
	"fmt"
	"net/url"
	"path"
	"strings"

	"github.com/btnmt/cchc/internal/decode"
	"github.com/btnmt/cchc/internal/report"
)

// ThayDoi is the kind of change a notice makes to a procedure.
type ThayDoi string

// The kinds of change, in the order notices and the registry show them.
const (
	ThayDoiMoi     ThayDoi = "moi"      // a new procedure
	ThayDoiSuaDoi  ThayDoi = "sua-doi"  // an amended procedure
	ThayDoiThayThe ThayDoi = "thay-the" // a new procedure that replaces others (thay_the)
	ThayDoiBaiBo   ThayDoi = "bai-bo"   // an abolished procedure
)

// Allowed lists the values ThayDoi may take.
func (ThayDoi) Allowed() []string { return []string{"moi", "sua-doi", "thay-the", "bai-bo"} }

// Label is the kind of change as visitors read it: "Sửa đổi, bổ sung".
func (t ThayDoi) Label() string {
	switch t {
	case ThayDoiMoi:
		return "Ban hành mới"
	case ThayDoiSuaDoi:
		return "Sửa đổi, bổ sung"
	case ThayDoiThayThe:
		return "Thay thế"
	case ThayDoiBaiBo:
		return "Bãi bỏ"
	}
	return string(t)
}

// Cap is the level of government that carries out a procedure.
type Cap string

// Allowed lists the values Cap may take.
func (Cap) Allowed() []string { return []string{"trung-uong", "tinh", "huyen", "xa"} }

// Label is the level as visitors read it: "Cấp tỉnh".
func (c Cap) Label() string {
	switch c {
	case "trung-uong":
		return "Cấp trung ương"
	case "tinh":
		return "Cấp tỉnh"
	case "huyen":
		return "Cấp huyện"
	case "xa":
		return "Cấp xã"
	}
	return string(c)
}

// Order is the level's place from the top (trung-uong 1) to the bottom (xa 4), 0 when unset,
// for sorting.
func (c Cap) Order() int {
	for i, v := range c.Allowed() {
		if string(c) == v {
			return i + 1
		}
	}
	return 0
}

// MucDo is the level of the online public service for a procedure.
type MucDo string

// Allowed lists the values MucDo may take.
func (MucDo) Allowed() []string { return []string{"toan-trinh", "mot-phan"} }

// Label is the online service level as visitors read it.
func (m MucDo) Label() string {
	switch m {
	case "toan-trinh":
		return "Dịch vụ công trực tuyến toàn trình"
	case "mot-phan":
		return "Dịch vụ công trực tuyến một phần"
	}
	return string(m)
}

// Short is the online service level in a word or two: "Toàn trình", "Một phần".
func (m MucDo) Short() string {
	switch m {
	case "toan-trinh":
		return "Toàn trình"
	case "mot-phan":
		return "Một phần"
	}
	return string(m)
}

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

// TTHCFolder is the folder of procedure detail files: content/thu-tuc-hanh-chinh/thu-tuc/<ma>.md.
const TTHCFolder = "thu-tuc-hanh-chinh/thu-tuc"

func init() {
	RegisterKind(&Kind{
		Name: "tthc", Section: "thu-tuc-hanh-chinh", Label: "Thủ tục hành chính", Names: []string{"thong-bao-tthc", "tthc-notice"},
		NewParams: func() any { return new(TTHCNotice) },
		Validate: func(p *Page) []*report.FileError {
			return p.Params.(*TTHCNotice).Check(p.KeyLine("thu_tuc"))
		},
	})
	RegisterKind(&Kind{
		Name: "tthc-detail", Section: "thu-tuc-hanh-chinh", Folder: TTHCFolder, Label: "Thủ tục hành chính",
		Names:    []string{"thu-tuc", "procedure"},
		Untitled: true,
		Validate: validateDetail,
	})
}

// CheckCode tells whether s can be a procedure code: letters without marks, digits, '.', '-'
// and '_', with at least one digit ("1.004227", "2.000889", "B-BTM-264677-TT"). The digit keeps
// procedure pages (/thu-tuc-hanh-chinh/1-004227/) apart from the registry's own pages, whose
// paths are words (/thu-tuc-hanh-chinh/linh-vuc/…). The error is for editors.
func CheckCode(s string) error {
	if s == "" {
		return fmt.Errorf("mã thủ tục rỗng; hãy ghi mã của thủ tục trên Cơ sở dữ liệu quốc gia, ví dụ \"1.004227\"")
	}
	digit := false
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digit = true
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r == '.', r == '-', r == '_':
		default:
			return fmt.Errorf("mã thủ tục %q có ký tự %q không được phép; mã chỉ gồm chữ số, chữ cái không dấu, dấu chấm và gạch ngang, ví dụ \"1.004227\"", s, r)
		}
	}
	if !digit {
		return fmt.Errorf("mã thủ tục %q không có chữ số nào; hãy ghi đúng mã trên Cơ sở dữ liệu quốc gia, ví dụ \"1.004227\"", s)
	}
	return nil
}

// Check applies the rules of a single notice: a decision number, at least one procedure,
// valid codes, thay_the with thay-the and only there, the online service as a full address,
// and every code at most once in the notice (as an entry or among the codes replaced). The
// rules between notices (a code must exist before it changes, …) belong to the registry.
// thuTucLine is the line of the thu_tuc key. The errors carry lines, not the path.
func (n *TTHCNotice) Check(thuTucLine int) []*report.FileError {
	var errs []*report.FileError
	add := func(line int, format string, args ...any) {
		errs = append(errs, &report.FileError{Line: line, Err: fmt.Errorf(format, args...)})
	}
	if q := n.QuyetDinh; q != nil && strings.TrimSpace(string(q.So)) == "" {
		add(q.Line, "\"quyet_dinh.so\" rỗng; hãy ghi số hiệu của quyết định công bố, ví dụ so: \"1234/QĐ-BTNMT\"")
	}
	if len(n.ThuTuc) == 0 {
		add(thuTucLine, "\"thu_tuc\" không có thủ tục nào; mỗi thông báo phải liệt kê ít nhất một thủ tục (ma, ten, thay_doi, …)")
	}
	// where records the first place of each code: the entry that names it and how.
	type place struct {
		line     int
		replaced bool   // named in thay_the rather than as ma
		by       string // the entry's ma, when replaced
		change   ThayDoi
	}
	where := map[string]place{}
	seen := func(code string, at place) {
		first, dup := where[code]
		if !dup {
			where[code] = at
			return
		}
		// A replacement chain within one notice: X replaces Y and is itself replaced by Z.
		switch {
		case at.replaced && !first.replaced && first.change == ThayDoiThayThe:
			add(at.line, "chuỗi thay thế trong cùng một thông báo: thủ tục %s (dòng %d) thay thế thủ tục khác nhưng lại bị thủ tục %s thay thế; hãy ghi thủ tục %s thay thế thẳng các mã cũ, hoặc công bố hai lần thay thế bằng hai quyết định có ngày hiệu lực khác nhau", code, first.line, at.by, at.by)
		case !at.replaced && first.replaced && at.change == ThayDoiThayThe:
			add(at.line, "chuỗi thay thế trong cùng một thông báo: thủ tục %s thay thế thủ tục khác nhưng lại bị thủ tục %s thay thế (dòng %d); hãy ghi thủ tục %s thay thế thẳng các mã cũ, hoặc công bố hai lần thay thế bằng hai quyết định có ngày hiệu lực khác nhau", code, first.by, first.line, first.by)
		case at.replaced && first.replaced:
			add(at.line, "mã %s đã được ghi là bị thay thế ở dòng %d; một thủ tục chỉ bị thay thế một lần trong một thông báo — hãy xoá mã này khỏi một trong hai danh sách thay_the", code, first.line)
		case at.replaced || first.replaced:
			add(at.line, "mã %s xuất hiện hai lần trong cùng thông báo (dòng %d và dòng %d): vừa là một mục thủ tục vừa nằm trong thay_the; mỗi thủ tục chỉ ghi một lần trong một quyết định — hãy xoá một trong hai", code, first.line, at.line)
		default:
			add(at.line, "mã %s xuất hiện hai lần trong cùng thông báo (dòng %d và dòng %d); mỗi thủ tục chỉ ghi một lần trong một quyết định — hãy gộp hai mục hoặc xoá mục thừa", code, first.line, at.line)
		}
	}
	for i := range n.ThuTuc {
		t := &n.ThuTuc[i]
		ma := string(t.Ma)
		if err := CheckCode(ma); err != nil {
			add(t.Line, "\"thu_tuc[%d].ma\": %v", i+1, err)
		} else {
			seen(ma, place{line: t.Line, change: t.ThayDoi})
		}
		switch {
		case t.ThayDoi == ThayDoiThayThe && len(t.ThayThe) == 0:
			add(t.Line, "thủ tục %s có thay_doi: thay-the nhưng thiếu \"thay_the\"; hãy ghi mã các thủ tục bị thay thế, ví dụ thay_the: [\"1.000123\"]", ma)
		case t.ThayDoi != ThayDoiThayThe && len(t.ThayThe) > 0:
			add(t.Line, "thủ tục %s có \"thay_the\" nhưng thay_doi là %s; \"thay_the\" chỉ dùng với thay_doi: thay-the — hãy đổi thay_doi thành thay-the hoặc xoá thay_the", ma, t.ThayDoi)
		}
		for _, old := range t.ThayThe {
			o := string(old)
			if err := CheckCode(o); err != nil {
				add(t.Line, "\"thu_tuc[%d].thay_the\": %v", i+1, err)
				continue
			}
			if o == ma {
				add(t.Line, "thủ tục %s không thể thay thế chính nó; \"thay_the\" ghi mã các thủ tục cũ bị thay thế (nếu thủ tục chỉ thay đổi nội dung, hãy dùng thay_doi: sua-doi)", ma)
				continue
			}
			if t.ThayDoi == ThayDoiThayThe {
				seen(o, place{line: t.Line, replaced: true, by: ma})
			}
		}
		if t.DVC != "" {
			if u, err := url.Parse(t.DVC); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
				add(t.Line, "\"thu_tuc[%d].dvc\" phải là địa chỉ đầy đủ của dịch vụ công trực tuyến, bắt đầu bằng https://, ví dụ https://dichvucong.gov.vn/…, không phải %q", i+1, t.DVC)
			}
		}
	}
	return errs
}

// DetailCode is the procedure code a detail file is about: its file name without .md, or the
// folder name of a bundle (thu-tuc/1.004227/index.md).
func DetailCode(p *Page) string {
	base := path.Base(p.Rel)
	if p.Bundle {
		return path.Base(path.Dir(p.Rel))
	}
	return strings.TrimSuffix(base, path.Ext(base))
}

// validateDetail checks a procedure detail file: it is named by its procedure's code and has no
// URL of its own.
func validateDetail(p *Page) []*report.FileError {
	var errs []*report.FileError
	if err := CheckCode(DetailCode(p)); err != nil {
		errs = append(errs, &report.FileError{Line: 0, Err: fmt.Errorf("tệp chi tiết thủ tục phải mang tên là mã thủ tục, ví dụ content/%s/1.004227.md: %v", TTHCFolder, err)})
	}
	if p.Slug != "" {
		errs = append(errs, &report.FileError{Line: p.KeyLine("slug"), Err: fmt.Errorf("\"slug\" không dùng cho tệp chi tiết thủ tục: nội dung của tệp hiện trên trang của thủ tục, /thu-tuc-hanh-chinh/<mã>/ — hãy xoá dòng slug")})
	}
	return errs
}
