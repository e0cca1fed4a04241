package content_test

import (
	"strings"
	"testing"

	"github.com/btnmt/cchc/internal/content"
)

// notice returns a notice file whose thu_tuc entries start on line 7, one line each.
func notice(entries ...string) string {
	return "---\ntitle: \"Công bố thủ tục hành chính\"\ndate: 2020-06-15\nquyet_dinh: {so: \"1234/QĐ-BTNMT\", ngay: 2020-06-10}\nngay_hieu_luc: 2020-07-01\nthu_tuc:\n  - " +
		strings.Join(entries, "\n  - ") + "\n---\nNội dung.\n"
}

// TestTTHCNoticeRules checks the rules of a single notice, applied when the file is read.
func TestTTHCNoticeRules(t *testing.T) {
	const rel = "thu-tuc-hanh-chinh/qd-1234.md"
	tests := []struct {
		name string
		src  string
		want []wantErr
	}{
		{"thay-the thiếu thay_the", notice(`{ma: "1.2", thay_doi: thay-the}`),
			[]wantErr{{7, []string{"thủ tục 1.2 có thay_doi: thay-the nhưng thiếu \"thay_the\""}}}},
		{"thay_the với sua-doi", notice(`{ma: "1.2", thay_doi: sua-doi, thay_the: ["1.1"]}`),
			[]wantErr{{7, []string{"\"thay_the\" chỉ dùng với thay_doi: thay-the"}}}},
		{"một mã hai lần", notice(`{ma: "1.1", thay_doi: sua-doi}`, `{ma: "1.1", thay_doi: bai-bo}`),
			[]wantErr{{8, []string{"mã 1.1 xuất hiện hai lần trong cùng thông báo (dòng 7 và dòng 8)"}}}},
		{"chuỗi thay thế", notice(`{ma: "1.2", thay_doi: thay-the, thay_the: ["1.1"]}`, `{ma: "1.3", thay_doi: thay-the, thay_the: ["1.2"]}`),
			[]wantErr{{8, []string{"chuỗi thay thế trong cùng một thông báo", "thủ tục 1.2 (dòng 7)", "thủ tục 1.3"}}}},
		{"tự thay thế", notice(`{ma: "1.2", thay_doi: thay-the, thay_the: ["1.2"]}`),
			[]wantErr{{7, []string{"không thể thay thế chính nó"}}}},
		{"mã không có chữ số", notice(`{ma: "abc", thay_doi: moi}`),
			[]wantErr{{7, []string{"\"thu_tuc[1].ma\"", "không có chữ số"}}}},
		{"mã rỗng", notice(`{ma: "", thay_doi: moi}`),
			[]wantErr{{7, []string{"mã thủ tục rỗng"}}}},
		{"mã bị thay thế có dấu cách", notice(`{ma: "1.2", thay_doi: thay-the, thay_the: ["1. 1"]}`),
			[]wantErr{{7, []string{"\"thu_tuc[1].thay_the\"", "không được phép"}}}},
		{"dvc không phải địa chỉ", notice(`{ma: "1.2", thay_doi: sua-doi, dvc: "dichvucong.gov.vn"}`),
			[]wantErr{{7, []string{"\"thu_tuc[1].dvc\"", "https://"}}}},
		{"không có thủ tục", "---\ntitle: a\ndate: 2020-06-15\nquyet_dinh: {so: \"1/QĐ\", ngay: 2020-06-10}\nngay_hieu_luc: 2020-07-01\nthu_tuc: []\n---\n",
			[]wantErr{{6, []string{"\"thu_tuc\" không có thủ tục nào"}}}},
		{"số quyết định rỗng", "---\ntitle: a\ndate: 2020-06-15\nquyet_dinh: {so: \"\", ngay: 2020-06-10}\nngay_hieu_luc: 2020-07-01\nthu_tuc:\n  - {ma: \"1.1\", thay_doi: moi}\n---\n",
			[]wantErr{{4, []string{"\"quyet_dinh.so\" rỗng"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, errs := content.Parse(rel, []byte(tt.src))
			if p != nil {
				t.Errorf("got a page with errors %v", errs)
			}
			checkErrs(t, "content/"+rel, errs, tt.want)
		})
	}
	// A valid notice with every kind of change.
	p := mustParse(t, rel, notice(`{ma: "1.1", thay_doi: moi}`, `{ma: "1.2", thay_doi: sua-doi}`,
		`{ma: "1.4", thay_doi: thay-the, thay_the: ["1.3", "1.5"]}`, `{ma: "1.6", thay_doi: bai-bo, dvc: "https://dichvucong.gov.vn/"}`))
	if n := p.Params.(*content.TTHCNotice); len(n.ThuTuc) != 4 || n.ThuTuc[3].Line != 10 {
		t.Errorf("entries %+v", n.ThuTuc)
	}
}

// TestTTHCDetail checks the procedure detail kind: named by its code, title and date optional,
// no slug of its own.
func TestTTHCDetail(t *testing.T) {
	p := mustParse(t, "thu-tuc-hanh-chinh/thu-tuc/1.004227.md", "---\nlastmod: 2020-07-01\n---\n## Trình tự thực hiện\n")
	if p.Kind == nil || p.Kind.Folder != content.TTHCFolder || content.DetailCode(p) != "1.004227" || p.Title != "" {
		t.Errorf("kind %v code %q title %q", p.Kind, content.DetailCode(p), p.Title)
	}
	b := mustParse(t, "thu-tuc-hanh-chinh/thu-tuc/2.000889/index.md", "---\ntitle: \"Cấp giấy phép môi trường\"\n---\nNội dung.\n")
	if content.DetailCode(b) != "2.000889" {
		t.Errorf("bundle code %q", content.DetailCode(b))
	}
	if k := content.KindFor("thu-tuc-hanh-chinh/qd-1.md"); k == nil || k.Name != "tthc" {
		t.Errorf("notice kind %v", k)
	}
	if k := content.KindNamed("thu-tuc"); k == nil || k.Folder != content.TTHCFolder {
		t.Errorf("kind named thu-tuc: %v", k)
	}
	tests := []struct {
		name, rel, src string
		want           []wantErr
	}{
		{"tên tệp không phải mã", "thu-tuc-hanh-chinh/thu-tuc/cap-giay-phep.md", "---\n---\nx\n", []wantErr{{0, []string{"phải mang tên là mã thủ tục", "1.004227.md"}}}},
		{"có slug", "thu-tuc-hanh-chinh/thu-tuc/1.1.md", "---\nslug: cap-phep\n---\nx\n", []wantErr{{2, []string{"\"slug\" không dùng cho tệp chi tiết thủ tục"}}}},
		{"khoá lạ", "thu-tuc-hanh-chinh/thu-tuc/1.1.md", "---\nthay_doi: moi\n---\nx\n", []wantErr{{2, []string{"\"thay_doi\""}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, errs := content.Parse(tt.rel, []byte(tt.src))
			if p != nil {
				t.Errorf("got a page with errors %v", errs)
			}
			checkErrs(t, "content/"+tt.rel, errs, tt.want)
		})
	}
}

func TestCheckCode(t *testing.T) {
	for _, ok := range []string{"1.004227", "2.000889", "B-BTM-264677-TT", "1_2"} {
		if err := content.CheckCode(ok); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
	for _, bad := range []string{"", "abc", "1.004 227", "1/2", "mã-1", "trang-thai"} {
		if content.CheckCode(bad) == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
