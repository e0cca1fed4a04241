package build

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/btnmt/cchc"
)

// TestProcedurePagesLikeLayouts builds sites twice, minified: as the default theme builds them,
// with the procedure pages (writeProcedurePage) and the registry's tables written in Go, and with
// everything written by the layouts and partials. Every file must be the same, byte for byte.
func TestProcedurePagesLikeLayouts(t *testing.T) {
	sites := map[string]string{"example": filepath.Join("..", ".."), "golden-tthc": filepath.Join("testdata", "golden-tthc")}
	for name, src := range sites {
		t.Run(name, func(t *testing.T) {
			dir := minifiedSite(t, src)
			for _, now := range []time.Time{time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)} {
				compareProcedurePages(t, dir, now)
			}
		})
	}
}

// minifiedSite copies the content, static files and config of the site src into a temporary
// folder, with minify set.
func minifiedSite(t *testing.T, src string) string {
	t.Helper()
	dir := t.TempDir()
	for _, sub := range []string{"content", "static", "layouts"} {
		if _, err := os.Stat(filepath.Join(src, sub)); err == nil && !(sub == "layouts" && src == filepath.Join("..", "..")) {
			if err := os.CopyFS(filepath.Join(dir, sub), os.DirFS(filepath.Join(src, sub))); err != nil {
				t.Fatal(err)
			}
		}
	}
	cfg, err := os.ReadFile(filepath.Join(src, "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg = regexp.MustCompile(`(?m)^minify:.*$`).ReplaceAll(cfg, nil)
	cfg = append(cfg, "\nminify: true\n"...)
	if err := os.WriteFile(filepath.Join(dir, "site.yaml"), cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// compareProcedurePages builds the site dir as of now with what the default theme writes in Go
// and with the layouts only, and compares the outputs.
func compareProcedurePages(t *testing.T, dir string, now time.Time) {
	t.Helper()
	trees := [2]map[string][]byte{}
	for i, layoutsOnly := range []bool{false, true} {
		dest := filepath.Join(t.TempDir(), "public")
		res, err := Build(Options{Source: dir, Dest: dest, ThemeLayouts: cchc.ThemeLayouts(), ThemeStatic: cchc.ThemeStatic(),
			Now: now, Future: true, layoutsOnly: layoutsOnly})
		if err != nil {
			t.Fatal(err)
		}
		if want := !layoutsOnly; (res.goPages > 0) != want {
			t.Fatalf("%d procedure pages written in Go with layoutsOnly %v", res.goPages, layoutsOnly)
		}
		trees[i] = readTree(t, dest)
	}
	compareTrees(t, "as of "+now.Format(time.DateOnly)+" when written in Go", trees[0], trees[1])
}

// TestProcedurePagesLikeLayoutsGenerated compares procedure pages written in Go and by the
// layouts on a generated registry whose values try the escaping and the minifier: quotes,
// ampersands, angle brackets, runs of spaces and line breaks in names and agencies, a chain
// of replacements, an abolition, changes still to come, detail files, and a base path that
// URLs and text escape differently.
func TestProcedurePagesLikeLayoutsGenerated(t *testing.T) {
	names := []string{
		`Cấp giấy phép "khai thác" nước & xả thải <dưới> 3.000 m³`,
		"Đăng ký  biến động\tđất đai\nvà tài sản",
		"Thẩm định báo cáo ĐTM 'rút gọn' + phụ lục",
		"Cấp lại giấy phép &amp; điều chỉnh &lt;nội dung&gt; &#34;",
		"Trả lại giấy phép – Mẫu số 01/ĐK",
		"Gia hạn giấy phép & ",
		"Xác nhận hoàn thành; 100% hồ sơ",
		"a",
	}
	dir := t.TempDir()
	write := func(rel, text string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	q := func(s string) string { return strconv.Quote(strings.TrimSpace(s)) }
	write("site.yaml", "title: \"Chuyên trang <thử> & \\\"nghiệm\\\"\"\nbaseURL: \"https://example.gov.vn/cải cách (thử) & 'x'/\"\nminify: true\nto_chuc:\n  ten: \"Bộ Tài nguyên & Môi trường\"\nmenu:\n  - ten: \"Thủ tục hành chính\"\n    url: \"/thu-tuc-hanh-chinh/\"\n")
	write("content/_index.md", "---\ntitle: \"Trang chủ\"\n---\n")
	write("content/thu-tuc-hanh-chinh/_index.md", "---\ntitle: \"Thủ tục hành chính\"\n---\n")
	var b strings.Builder
	b.WriteString("---\ntitle: \"Công bố thủ tục mới năm 2019\"\ndate: 2019-03-01\nquyet_dinh: {so: \"100/QĐ-BTNMT & <x>\", ngay: 2019-02-20}\nngay_hieu_luc: 2019-03-15\nthu_tuc:\n")
	for i, n := range names {
		fmt.Fprintf(&b, "  - ma: \"1.00%d\"\n    ten: %s\n    thay_doi: moi\n    linh_vuc: %s\n    cap: %s\n    co_quan: %s\n",
			i, q(n), q([]string{"Đất đai", "Tài nguyên nước & khoáng sản", "Môi trường"}[i%3]), []string{"trung-uong", "tinh", "huyen", "xa"}[i%4], q(names[(i+3)%len(names)]))
		if i%2 == 0 {
			fmt.Fprintf(&b, "    dvc: \"HTTPS://dichvucong.gov.vn/tthc?ma=1.00%d&x='y'\"\n    muc_do: %s\n", i, []string{"toan-trinh", "mot-phan"}[i%4/2])
		}
	}
	b.WriteString("---\n\nNội dung.\n")
	write("content/thu-tuc-hanh-chinh/qd-100.md", b.String())
	write("content/thu-tuc-hanh-chinh/qd-200.md", "---\ntitle: \"Công bố năm 2020\"\ndate: 2020-05-01\nquyet_dinh: {so: \"200/QĐ-BTNMT\", ngay: 2020-04-20}\nngay_hieu_luc: 2020-06-01\nthu_tuc:\n"+
		"  - ma: \"2.001\"\n    ten: \"Thủ tục thay thế \\\"thứ nhất\\\"\"\n    thay_doi: thay-the\n    thay_the: [\"1.000\", \"1.001\"]\n    linh_vuc: \"Đất đai\"\n    cap: tinh\n    co_quan: \"Sở TN&MT\"\n"+
		"  - ma: \"1.002\"\n    ten: \"Tên mới  sau   sửa đổi\"\n    thay_doi: sua-doi\n"+
		"  - ma: \"1.003\"\n    thay_doi: bai-bo\n---\n")
	write("content/thu-tuc-hanh-chinh/qd-300.md", "---\ntitle: \"Công bố năm 2021\"\ndate: 2021-06-01\nquyet_dinh: {so: \"300/QĐ-BTNMT\", ngay: 2021-05-20}\nngay_hieu_luc: 2021-07-01\nthu_tuc:\n"+
		"  - ma: \"2.002\"\n    ten: \"Thủ tục thay thế lần hai & cuối\"\n    thay_doi: thay-the\n    thay_the: [\"2.001\"]\n    linh_vuc: \"Đất đai\"\n    cap: tinh\n    co_quan: \"Sở TN&MT\"\n"+
		"  - ma: \"1.004\"\n    ten: \"Sửa đổi sắp có hiệu lực <b>\"\n    thay_doi: sua-doi\n    dvc: \"https://dichvucong.gov.vn/moi\"\n---\n")
	write("content/thu-tuc-hanh-chinh/thu-tuc/2.002.md", "---\ntitle: \"Chi tiết\"\n---\n\n## Trình tự & cách thức\n\nNộp hồ sơ <trực tuyến>  hoặc   trực tiếp.\n\n```\n  giữ   nguyên\n```\n\n### Thành phần hồ sơ\n\n- Đơn \"đề nghị\"\n- Bản sao & bản chính\n")
	write("content/thu-tuc-hanh-chinh/thu-tuc/1.005.md", "---\ntitle: \"Chi tiết\"\n---\n\nMột đoạn duy nhất.\n")
	for _, now := range []time.Time{time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)} {
		compareProcedurePages(t, dir, now)
	}
}
