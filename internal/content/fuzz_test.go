package content_test

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/btnmt/cchc/internal/content"

	"golang.org/x/text/unicode/norm"
)

var parseSeeds = []struct{ rel, src string }{
	{"tin-tuc/hoi-nghi.md", "---\ntitle: \"Hội nghị tổng kết công tác cải cách hành chính năm 2020\"\ndate: 2020-03-16\nlinh_vuc: [Đất đai, Môi trường]\ndon_vi: Văn phòng Bộ\nhoat_dong: \"ke-hoach-2020#1\"\n---\n\n## Kết quả\n\nĐã hoàn thành [kế hoạch](../ke-hoach/kh-2020.md#hoat-dong).\n"},
	{"tin-tuc/toml.md", "+++\ntitle = \"Tập huấn nghiệp vụ một cửa\"\ndate = 2020-03-16T08:30:00\ntags = [\"CCHC\", \"Một cửa\"]\n+++\nNội dung bài viết.\n"},
	{"thu-tuc-hanh-chinh/qd-1234.md", "---\ntitle: \"Công bố thủ tục hành chính lĩnh vực tài nguyên nước\"\ndate: 2020-06-15\nquyet_dinh: {so: \"1234/QĐ-BTNMT\", ngay: 2020-06-10}\nngay_hieu_luc: 2020-07-01\nthu_tuc:\n  - ma: \"1.004227\"\n    ten: \"Cấp giấy phép thăm dò nước dưới đất\"\n    thay_doi: sua-doi\n  - ma: 1.10\n    thay_doi: bai_bo\n---\nQuyết định công bố.\n"},
	{"ke-hoach/kh-2020.md", "---\ntitle: \"Kế hoạch tuyên truyền CCHC năm 2020\"\ndate: 2020-01-20\nnam: 2020\nhoat_dong:\n  - stt: 1\n    noi_dung: \"Cập nhật thông tin\"\n    chu_tri: Văn phòng Bộ\n    trang_thai: dang-thuc-hien\n---\n"},
	{"_index.md", "---\ntitle: Trang chủ\n---\nChào mừng.\n"},
	{"tin-tuc/loi.md", "---\ntitel: Lỗi\nDate: 16/03/2020\nquyet_dinh: x\n---\n"},
	{"tin-tuc/khong-dong.md", "---\ntitle: \"Không đóng\ndate: 2020-03-16\n"},
	{"tin-tuc/khoi.md", "---\ntitle: a\ndate: 2020-03-16\ndescription: |\n  Mô tả\n---\nThân bài\n"},
	{"tin-tuc/thut-le.md", "---\ntitle: a\ndate: 2020-03-16\ndescription: |\n  ---\n  Mô tả\n---\nThân bài\n\n---\n"},
	{"van-ban/ct-01.md", "---\ntitle: \"Chỉ thị về đẩy mạnh CCHC\"\ndate: 2020-03-16\nso_ky_hieu: \"01/CT-BTNMT\"\nloai: Chỉ thị\nco_quan_ban_hanh: Bộ Tài nguyên và Môi trường\nngay_ban_hanh: 2020-03-01\n---\n"},
	{"su-kien/hn.md", "---\ntitle: a\ndate: 2020-03-16\nbat_dau: 2020-03-20\nket_thuc: 2020-03-18\n---\n"},
}

// FuzzParse checks that Parse never panics, returns a page or errors, reports every error at a
// line of the file, and returns NFC titles and valid UTF-8 bodies.
func FuzzParse(f *testing.F) {
	for _, s := range parseSeeds {
		variants := []string{
			s.src,
			norm.NFD.String(s.src),
			"\ufeff" + s.src,
			strings.ReplaceAll(s.src, "\n", "\r\n"),
			"\ufeff" + strings.ReplaceAll(norm.NFD.String(s.src), "\n", "\r\n"),
			strings.ReplaceAll(s.src, "\n", "\r"),
		}
		for _, v := range variants {
			f.Add(s.rel, []byte(v))
		}
	}
	f.Fuzz(func(t *testing.T, rel string, data []byte) {
		// rel comes from the walk: slash-separated, NFC, ending in .md.
		if !utf8.ValidString(rel) || rel == "" || strings.HasPrefix(rel, "/") || strings.Contains(rel, "\\") {
			return
		}
		rel = norm.NFC.String(rel)
		if !strings.HasSuffix(rel, ".md") {
			rel += ".md"
		}
		p, errs := content.Parse(rel, data)
		if (p == nil) == (len(errs) == 0) {
			t.Fatalf("page %v with %d errors: exactly one of them expected", p != nil, len(errs))
		}
		lines := bytes.Count(normalized(data), []byte("\n")) + 1
		if !utf8.Valid(data) {
			lines = bytes.Count(data, []byte("\n")) + 1
		}
		for _, e := range errs {
			if e.Path != "content/"+rel {
				t.Errorf("error path %q, want %q", e.Path, "content/"+rel)
			}
			if e.Line < 0 || e.Line > lines {
				t.Errorf("error line %d outside 0..%d: %v", e.Line, lines, e.Err)
			}
			if e.Err == nil {
				t.Errorf("error without message")
			}
		}
		if p == nil {
			return
		}
		if !norm.NFC.IsNormalString(p.Title) {
			t.Errorf("title %q is not NFC", p.Title)
		}
		if !utf8.Valid(p.Body) {
			t.Errorf("body is not valid UTF-8")
		}
		if bytes.IndexByte(p.Body, '\r') >= 0 {
			t.Errorf("body keeps a CR: %q", p.Body)
		}
		if p.Path != "content/"+rel || p.Rel != rel {
			t.Errorf("Path %q Rel %q", p.Path, p.Rel)
		}
		checkBodyLine(t, data, p)
	})
}
