package content

import (
	"path"
	"strings"

	"github.com/btnmt/cchc/internal/decode"
	"github.com/btnmt/cchc/internal/report"
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

// StaticFile tells whether a tep entry names a file under static/ ("/tai-lieu/x.pdf") rather
// than one relative to the page's folder ("x.pdf").
func StaticFile(tep string) bool { return strings.HasPrefix(tep, "/") }

func validateDocument(p *Page) []*report.FileError {
	d := p.Params.(*Document)
	var errs []*report.FileError
	add := func(key, format string, args ...any) {
		errs = append(errs, report.Errorf("", p.KeyLine(key), format, args...))
	}
	if strings.TrimSpace(string(d.SoKyHieu)) == "" {
		add("so_ky_hieu", "\"so_ky_hieu\" (số, ký hiệu văn bản) đang để trống; hãy điền, ví dụ so_ky_hieu: \"1234/QĐ-BTNMT\"")
	}
	if strings.TrimSpace(d.Loai) == "" {
		add("loai", "\"loai\" (loại văn bản) đang để trống; hãy điền, ví dụ loai: \"Quyết định\", \"Kế hoạch\", \"Thông tư\", \"Công văn\"")
	}
	if strings.TrimSpace(d.CoQuanBanHanh) == "" {
		add("co_quan_ban_hanh", "\"co_quan_ban_hanh\" (cơ quan ban hành) đang để trống; hãy điền, ví dụ co_quan_ban_hanh: \"Bộ Tài nguyên và Môi trường\"")
	}
	seen := map[string]bool{}
	for _, t := range d.Tep {
		switch {
		case strings.Contains(t, "://") || strings.HasPrefix(t, "//") || strings.HasPrefix(strings.ToLower(t), "mailto:"):
			add("tep", "\"tep\": %q là một địa chỉ web; tệp đính kèm phải là tệp của chuyên trang — hãy tải tệp về, đặt cạnh bài (bài dạng thư mục có index.md) hoặc trong static/, rồi ghi tên tệp; liên kết ra ngoài hãy viết trong nội dung bài", t)
		case strings.ContainsAny(t, "\\?#\x00"):
			add("tep", "\"tep\": %q có ký tự không dùng được trong đường dẫn tệp (\\, ?, #); hãy dùng dấu / và đổi tên tệp", t)
		case strings.HasSuffix(t, "/"):
			add("tep", "\"tep\": %q là một thư mục; hãy ghi tên từng tệp", t)
		case seen[path.Clean(t)]:
			add("tep", "\"tep\": tệp %q được liệt kê hai lần; hãy xoá một dòng", t)
		}
		seen[path.Clean(t)] = true
	}
	return errs
}

func init() {
	RegisterKind(&Kind{
		Name: "document", Section: "van-ban", Label: "Văn bản", Names: []string{"van-ban", "document"},
		NewParams: func() any { return new(Document) },
		Validate:  validateDocument,
	})
}
