package content_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/btnmt/cchc/internal/content"
	"github.com/btnmt/cchc/internal/report"

	"golang.org/x/text/unicode/norm"
)

// wantErr is an expected problem: its line and words its message must contain.
type wantErr struct {
	line  int
	words []string
}

func checkErrs(t *testing.T, path string, got []*report.FileError, want []wantErr) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d errors, want %d:\n%s", len(got), len(want), report.ErrorList(got).Error())
	}
	for i, w := range want {
		g := got[i]
		if g.Path != path {
			t.Errorf("error %d: path %q, want %q", i, g.Path, path)
		}
		if g.Line != w.line {
			t.Errorf("error %d: line %d, want %d (%v)", i, g.Line, w.line, g.Err)
		}
		for _, word := range w.words {
			if !strings.Contains(g.Err.Error(), word) {
				t.Errorf("error %d: %q does not contain %q", i, g.Err.Error(), word)
			}
		}
	}
}

// mustParse parses a page that must have no problem.
func mustParse(t *testing.T, rel, src string) *content.Page {
	t.Helper()
	p, errs := content.Parse(rel, []byte(src))
	if len(errs) > 0 {
		t.Fatalf("Parse(%s): %v", rel, report.ErrorList(errs))
	}
	if p == nil {
		t.Fatalf("Parse(%s): nil page without errors", rel)
	}
	return p
}

const (
	titleNFC = "Hội nghị tổng kết công tác cải cách hành chính"
	bodyNFC  = "Đoàn công tác đã làm việc với Sở Tài nguyên và Môi trường.\n"
)

func TestParseEncodings(t *testing.T) {
	lf := "---\ntitle: \"" + titleNFC + "\"\ndate: 2020-03-16\n---\n" + bodyNFC
	tests := []struct {
		name string
		src  string
	}{
		{"LF", lf},
		{"BOM", "\ufeff" + lf},
		{"CRLF", strings.ReplaceAll(lf, "\n", "\r\n")},
		{"CR đơn", strings.ReplaceAll(lf, "\n", "\r")},
		{"BOM và CRLF", "\ufeff" + strings.ReplaceAll(lf, "\n", "\r\n")},
		{"NFD", norm.NFD.String(lf)},
		{"NFD, BOM và CRLF", "\ufeff" + strings.ReplaceAll(norm.NFD.String(lf), "\n", "\r\n")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustParse(t, "tin-tuc/hoi-nghi.md", tt.src)
			if p.Title != titleNFC {
				t.Errorf("title %q, want NFC %q", p.Title, titleNFC)
			}
			if string(p.Body) != bodyNFC {
				t.Errorf("body %q, want %q", p.Body, bodyNFC)
			}
			if p.BodyLine != 5 {
				t.Errorf("BodyLine %d, want 5", p.BodyLine)
			}
			if p.Date.Format("2006-01-02") != "2020-03-16" {
				t.Errorf("date %v", p.Date.Time)
			}
		})
	}
}

func TestParseFields(t *testing.T) {
	tests := []struct {
		rel                  string
		section              string
		index, bundle        bool
		kind                 string
		src                  string
		format               string
		bodyLine             int
		body                 string
		wantTitle, wantParam bool
	}{
		{rel: "_index.md", src: "---\ntitle: Trang chủ\n---\n", format: "yaml", index: true, bodyLine: 4},
		{rel: "gioi-thieu.md", src: "---\ntitle: Giới thiệu\ndate: 2020-01-01\n---\n\n# Giới thiệu\n", format: "yaml", bodyLine: 5, body: "\n# Giới thiệu\n"},
		{rel: "tin-tuc/_index.md", section: "tin-tuc", index: true, src: "---\ntitle: Tin tức\n---\nGiới thiệu mục.\n", format: "yaml", bodyLine: 4, body: "Giới thiệu mục.\n"},
		{rel: "tin-tuc/hoi-nghi/index.md", section: "tin-tuc", bundle: true, kind: "article", src: "+++\ntitle = \"Hội nghị\"\ndate = 2020-03-16\n+++\nẢnh: ![Ảnh](anh-1.jpg)\n", format: "toml", bodyLine: 5, body: "Ảnh: ![Ảnh](anh-1.jpg)\n"},
		{rel: "tin-tuc/2020/x.md", section: "tin-tuc", kind: "article", src: "---\ntitle: X\ndate: 2020-03-16\n\n\n---\n\n\nBa dòng sau.\n", format: "yaml", bodyLine: 7, body: "\n\nBa dòng sau.\n"},
		{rel: "gioi-thieu/co-cau.md", section: "gioi-thieu", src: "---\ntitle: Cơ cấu\ndate: 2020-01-01\n---\n", format: "yaml", bodyLine: 5},
	}
	for _, tt := range tests {
		t.Run(tt.rel, func(t *testing.T) {
			p := mustParse(t, tt.rel, tt.src)
			if p.Path != "content/"+tt.rel || p.Rel != tt.rel {
				t.Errorf("Path %q Rel %q", p.Path, p.Rel)
			}
			if p.Section != tt.section || p.Index != tt.index || p.Bundle != tt.bundle {
				t.Errorf("section %q index %v bundle %v; want %q %v %v", p.Section, p.Index, p.Bundle, tt.section, tt.index, tt.bundle)
			}
			kind := ""
			if p.Kind != nil {
				kind = p.Kind.Name
			}
			if kind != tt.kind {
				t.Errorf("kind %q, want %q", kind, tt.kind)
			}
			if p.Format != tt.format {
				t.Errorf("format %q, want %q", p.Format, tt.format)
			}
			if p.BodyLine != tt.bodyLine {
				t.Errorf("BodyLine %d, want %d", p.BodyLine, tt.bodyLine)
			}
			if string(p.Body) != tt.body {
				t.Errorf("body %q, want %q", p.Body, tt.body)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		rel  string
		src  string
		want []wantErr
	}{
		{"UTF-8 sai trong thân bài", "tin-tuc/x.md", "---\ntitle: a\ndate: 2020-03-16\n---\nDòng 5\nDòng 6 \xff\xfe\n", []wantErr{{6, []string{"UTF-8"}}}},
		{"UTF-8 sai trong front matter", "tin-tuc/x.md", "---\ntitle: H\xf4i ngh\xec\ndate: 2020-03-16\n---\n", []wantErr{{2, []string{"UTF-8"}}}},
		{"UTF-8 sai ở dòng 1", "tin-tuc/x.md", "\xc0---\n", []wantErr{{1, []string{"UTF-8"}}}},
		{"UTF-8 sai sau CRLF", "tin-tuc/x.md", "---\r\ntitle: a\r\n\xe1\x80\r\n", []wantErr{{3, []string{"UTF-8"}}}},
		{"tệp rỗng", "tin-tuc/x.md", "", []wantErr{{1, []string{"rỗng"}}}},
		{"chỉ có khoảng trắng", "tin-tuc/x.md", " \n\r\n\t\n", []wantErr{{1, []string{"rỗng"}}}},
		{"chỉ có BOM", "tin-tuc/x.md", "\ufeff", []wantErr{{1, []string{"rỗng"}}}},
		{"--- không đóng", "tin-tuc/x.md", "---\ntitle: a\ndate: 2020-03-16\n\nNội dung\n", []wantErr{{1, []string{`"---"`, "đóng"}}}},
		{"+++ không đóng", "tin-tuc/x.md", "+++\ntitle = \"a\"\n", []wantErr{{1, []string{`"+++"`, "đóng"}}}},
		{"--- đóng bằng +++", "tin-tuc/x.md", "---\ntitle: a\n+++\n", []wantErr{{1, []string{`"---"`}}}},
		{"không có front matter", "tin-tuc/x.md", "# Hội nghị\n\nNội dung\n", []wantErr{{1, []string{"front matter", "---"}}}},
		{"front matter không ở dòng đầu", "tin-tuc/x.md", "\n---\ntitle: a\ndate: 2020-03-16\n---\n", []wantErr{{1, []string{"dòng đầu"}}}},
		{"YAML sai cú pháp", "tin-tuc/x.md", "---\ntitle: a\ndate: 2020-03-16\ntags: [a, b\n---\n", []wantErr{{4, []string{"front matter", "]"}}}},
		{"YAML sai cú pháp sau CRLF", "tin-tuc/x.md", "---\r\ntitle: \"a\r\n b\"\r\ndate: 2020-03-16\r\ntags: [a, b\r\n---\r\n", []wantErr{{5, []string{"]"}}}},
		{"TOML sai cú pháp", "tin-tuc/x.md", "+++\ntitle = \"a\"\ndate = \n+++\n", []wantErr{{3, []string{"TOML"}}}},
		{"khoá lạ có gợi ý", "tin-tuc/x.md", "---\ntitle: a\ndate: 2020-03-16\nlinh-vuc: Đất đai\n---\n", []wantErr{{4, []string{`"linh-vuc"`, `"linh_vuc"`}}}},
		{"khoá lạ TOML", "tin-tuc/x.md", "+++\ntitle = \"a\"\ndate = 2020-03-16\ntitel = \"b\"\n+++\n", []wantErr{{4, []string{`"titel"`, `"title"`}}}},
		{"bài thiếu date", "tin-tuc/x.md", "---\ntitle: a\n---\n", []wantErr{{1, []string{`"date"`, "YYYY-MM-DD"}}}},
		{"trang thường thiếu date", "gioi-thieu.md", "---\ntitle: a\n---\n", []wantErr{{1, []string{`"date"`}}}},
		{"thiếu title", "tin-tuc/x.md", "---\ndate: 2020-03-16\n---\n", []wantErr{{1, []string{`"title"`}}}},
		{"title rỗng", "tin-tuc/x.md", "---\ndate: 2020-03-16\ntitle: \"  \"\n---\n", []wantErr{{3, []string{`"title"`}}}},
		{"date sai", "tin-tuc/x.md", "---\ntitle: a\ndate: 2020-02-30\n---\n", []wantErr{{3, []string{"2020-02-30"}}}},
		{"quyet_dinh trong tin-tuc", "tin-tuc/x.md", "---\ntitle: a\ndate: 2020-03-16\nquyet_dinh: {so: \"1/QĐ\", ngay: 2020-03-10}\n---\n", []wantErr{{4, []string{`"quyet_dinh"`, "không được dùng"}}}},
		{"bat_dau trong van-ban", "van-ban/x.md", "---\ntitle: a\ndate: 2020-03-16\nso_ky_hieu: \"1/CT-BTNMT\"\nloai: Chỉ thị\nco_quan_ban_hanh: Bộ TN&MT\nngay_ban_hanh: 2020-03-01\nbat_dau: 2020-03-16\n---\n", []wantErr{{8, []string{`"bat_dau"`}}}},
		{"khoá của loại trong mục không có loại", "gioi-thieu/x.md", "---\ntitle: a\ndate: 2020-03-16\nso_ky_hieu: \"1\"\n---\n", []wantErr{{4, []string{`"so_ky_hieu"`}}}},
		{"khoá của loại trong _index.md", "thu-tuc-hanh-chinh/_index.md", "---\ntitle: TTHC\nngay_hieu_luc: 2020-07-01\n---\n", []wantErr{{3, []string{`"ngay_hieu_luc"`}}}},
		{"hoat_dong không có #", "tin-tuc/x.md", "---\ntitle: a\ndate: 2020-03-16\nhoat_dong: ke-hoach-2020\n---\n", []wantErr{{4, []string{`"hoat_dong"`, "#"}}}},
		{"hoat_dong thiếu số", "tin-tuc/x.md", "---\ntitle: a\ndate: 2020-03-16\nhoat_dong: \"ke-hoach-2020#\"\n---\n", []wantErr{{4, []string{`"hoat_dong"`}}}},
		{"hoat_dong thiếu kế hoạch", "tin-tuc/x.md", "---\ntitle: a\ndate: 2020-03-16\nhoat_dong: \"#1\"\n---\n", []wantErr{{4, []string{`"hoat_dong"`}}}},
		{"hoat_dong là danh sách trong tin-tuc", "tin-tuc/x.md", "---\ntitle: a\ndate: 2020-03-16\nhoat_dong:\n  - stt: 1\n---\n", []wantErr{{5, []string{`"hoat_dong"`, "chuỗi"}}}},
		{"văn bản thiếu khoá bắt buộc", "van-ban/x.md", "---\ntitle: a\ndate: 2020-03-16\nloai: Chỉ thị\n---\n", []wantErr{
			{2, []string{`"so_ky_hieu"`}}, {2, []string{`"co_quan_ban_hanh"`}}, {2, []string{`"ngay_ban_hanh"`}}}},
		{"TTHC mã là số", "thu-tuc-hanh-chinh/qd-1234.md", "---\ntitle: a\ndate: 2020-06-15\nquyet_dinh: {so: \"1234/QĐ-BTNMT\", ngay: 2020-06-10}\nngay_hieu_luc: 2020-07-01\nthu_tuc:\n  - ma: \"1.1\"\n    thay_doi: moi\n  - ma: 1.004227\n    thay_doi: sua_doi\n---\n", []wantErr{
			{9, []string{`"thu_tuc[2].ma"`, "ngoặc kép"}}, {10, []string{`"thu_tuc[2].thay_doi"`, `"sua-doi"`}}}},
		{"sự kiện kết thúc trước bắt đầu", "su-kien/x.md", "---\ntitle: a\ndate: 2020-03-16\nbat_dau: 2020-03-20\nket_thuc: 2020-03-18\n---\n", []wantErr{{5, []string{`"ket_thuc"`, `"bat_dau"`}}}},
		{"kế hoạch trạng thái sai", "ke-hoach/kh-2020.md", "---\ntitle: a\ndate: 2020-01-20\nhoat_dong:\n  - stt: 1\n    noi_dung: x\n    chu_tri: Văn phòng Bộ\n    trang_thai: dang_thuc_hien\n---\n", []wantErr{{8, []string{`"hoat_dong[1].trang_thai"`, `"dang-thuc-hien"`}}}},
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

func TestParseKinds(t *testing.T) {
	tests := []struct {
		name, rel, src string
		check          func(t *testing.T, p *content.Page)
	}{
		{"_index.md không cần date", "tin-tuc/_index.md", "---\ntitle: Tin tức\n---\n", func(t *testing.T, p *content.Page) {
			if p.Date.IsSet() || p.Kind != nil || p.Params != nil {
				t.Errorf("section page: date %v kind %v params %v", p.Date.Time, p.Kind, p.Params)
			}
		}},
		{"trang chủ TOML", "_index.md", "+++\ntitle = \"Trang chủ\"\n+++\n", nil},
		{"bài có hoat_dong", "tin-tuc/x.md", "---\ntitle: a\ndate: 2020-03-16\nhoat_dong: \"ke-hoach-tuyen-truyen-cchc-2020#1\"\n---\n", func(t *testing.T, p *content.Page) {
			a, ok := p.Params.(*content.Article)
			if !ok || a.HoatDong != "ke-hoach-tuyen-truyen-cchc-2020#1" {
				t.Errorf("params %#v", p.Params)
			}
			if p.KeyLine("hoat_dong") != 4 || p.KeyLine("date") != 3 || p.KeyLine("khong-co") != 1 {
				t.Errorf("KeyLine: hoat_dong %d date %d missing %d", p.KeyLine("hoat_dong"), p.KeyLine("date"), p.KeyLine("khong-co"))
			}
		}},
		{"thông báo TTHC", "thu-tuc-hanh-chinh/qd-1234.md", `---
title: "Công bố thủ tục hành chính mới, sửa đổi, bãi bỏ lĩnh vực tài nguyên nước"
date: 2020-06-15
quyet_dinh: {so: "1234/QĐ-BTNMT", ngay: 2020-06-10, url: "/van-ban/qd-1234/"}
ngay_hieu_luc: 2020-07-01
thu_tuc:
  - ma: "1.004227"
    ten: "Cấp giấy phép thăm dò nước dưới đất"
    thay_doi: sua-doi
    linh_vuc: "Tài nguyên nước"
    cap: trung-uong
    co_quan: "Cục Quản lý tài nguyên nước"
    dvc: "https://dichvucong.gov.vn/"
    muc_do: toan-trinh
  - ma: "1.000999"
    thay_doi: thay-the
    thay_the: ["1.000123"]
---
Nội dung quyết định.
`, func(t *testing.T, p *content.Page) {
			n, ok := p.Params.(*content.TTHCNotice)
			if !ok {
				t.Fatalf("params %T", p.Params)
			}
			if n.QuyetDinh == nil || n.QuyetDinh.So != "1234/QĐ-BTNMT" || n.QuyetDinh.URL != "/van-ban/qd-1234/" {
				t.Errorf("quyet_dinh %+v", n.QuyetDinh)
			}
			if len(n.ThuTuc) != 2 || n.ThuTuc[0].Ma != "1.004227" || n.ThuTuc[0].Cap != "trung-uong" || n.ThuTuc[1].ThayThe[0] != "1.000123" {
				t.Errorf("thu_tuc %+v", n.ThuTuc)
			}
			if n.ThuTuc[1].Line != 15 {
				t.Errorf("thu_tuc[2] line %d, want 15", n.ThuTuc[1].Line)
			}
		}},
		{"kế hoạch", "ke-hoach/kh-2020.md", `---
title: "Kế hoạch thông tin, tuyên truyền về cải cách hành chính năm 2020"
date: 2020-01-20
so_hieu: "…/QĐ-BTNMT"
nam: 2020
hoat_dong:
  - stt: 1
    noi_dung: "Cập nhật thường xuyên thông tin, bài viết về CCHC trên Chuyên trang"
    chu_tri: "Văn phòng Bộ (Cổng Thông tin điện tử)"
    phoi_hop: ["Vụ Tổ chức cán bộ", "Báo TN&MT"]
    trang_thai: dang-thuc-hien
---
`, func(t *testing.T, p *content.Page) {
			pl := p.Params.(*content.Plan)
			if pl.Nam != 2020 || len(pl.HoatDong) != 1 || pl.HoatDong[0].STT != 1 || pl.HoatDong[0].TrangThai != "dang-thuc-hien" || len(pl.HoatDong[0].PhoiHop) != 2 {
				t.Errorf("plan %+v", pl)
			}
		}},
		{"hỏi đáp", "hoi-dap/x.md", "---\ntitle: a\ndate: 2020-03-16\nhoi: \"Thủ tục cấp phép mất bao lâu?\"\nngay_hoi: 2020-03-01\n---\nTrả lời.\n", func(t *testing.T, p *content.Page) {
			if q := p.Params.(*content.QA); q.Hoi == "" || !q.NgayHoi.IsSet() {
				t.Errorf("qa %+v", q)
			}
		}},
		{"sự kiện", "su-kien/x.md", "---\ntitle: a\ndate: 2020-03-16\nbat_dau: 2020-03-20T08:00:00\nket_thuc: 2020-03-20T17:00:00\nloai: hoi-nghi\n---\n", nil},
		{"linh_vuc một chuỗi hay danh sách", "tin-tuc/x.md", "---\ntitle: a\ndate: 2020-03-16\nlinh_vuc: [Đất đai, \"Môi trường\"]\ndon_vi: Văn phòng Bộ\n---\n", func(t *testing.T, p *content.Page) {
			if strings.Join(p.LinhVuc, "|") != "Đất đai|Môi trường" || strings.Join(p.DonVi, "|") != "Văn phòng Bộ" {
				t.Errorf("linh_vuc %q don_vi %q", p.LinhVuc, p.DonVi)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustParse(t, tt.rel, tt.src)
			if tt.check != nil {
				tt.check(t, p)
			}
		})
	}
}

func TestParseTooLarge(t *testing.T) {
	src := "---\ntitle: a\ndate: 2020-03-16\n---\n" + strings.Repeat("x", content.MaxPageSize)
	p, errs := content.Parse("tin-tuc/x.md", []byte(src))
	if p != nil || len(errs) != 1 || !strings.Contains(errs[0].Error(), "MB") {
		t.Errorf("page %v errors %v", p, errs)
	}
}

// TestParseBodyIsSuffix checks that the body is what follows the closing delimiter, and that
// BodyLine is its line, whatever the line endings.
func TestParseBodyIsSuffix(t *testing.T) {
	body := "Đoạn một.\n\n---\n\nĐoạn hai sau đường kẻ.\n"
	src := "---\ntitle: a\ndate: 2020-03-16\ndescription: |\n  Mô tả\n  hai dòng\n---\n" + body
	for _, eol := range []string{"\n", "\r\n", "\r"} {
		p := mustParse(t, "tin-tuc/x.md", strings.ReplaceAll(src, "\n", eol))
		if string(p.Body) != body || p.BodyLine != 8 {
			t.Errorf("eol %q: body %q line %d", eol, p.Body, p.BodyLine)
		}
		if !utf8.Valid(p.Body) || p.Description != "Mô tả\nhai dòng" {
			t.Errorf("eol %q: description %q", eol, p.Description)
		}
	}
}

// normalized returns src as Parse reads it: no BOM, LF line endings, NFC.
func normalized(src []byte) []byte {
	s := strings.TrimPrefix(string(src), "\ufeff")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return []byte(norm.NFC.String(s))
}

// checkBodyLine checks that a page's Body is the end of its file and that BodyLine is the line
// the body starts at, so that Markdown problems are reported at the right line.
func checkBodyLine(t *testing.T, src []byte, p *content.Page) {
	t.Helper()
	if len(p.Body) == 0 {
		return
	}
	n := normalized(src)
	if !strings.HasSuffix(string(n), string(p.Body)) {
		t.Fatalf("body %q is not the end of the file %q", p.Body, n)
	}
	before := n[:len(n)-len(p.Body)]
	if line := strings.Count(string(before), "\n") + 1; line != p.BodyLine {
		t.Fatalf("BodyLine %d, but the body %q starts at line %d of %q", p.BodyLine, p.Body, line, n)
	}
}

func TestParseClosingDelimiter(t *testing.T) {
	tests := []struct {
		name, src   string
		description string
		body        string
		bodyLine    int
	}{
		{"dấu cách sau ---", "---\ntitle: a\ndate: 2020-03-16\n---  \nThân bài\n", "", "Thân bài\n", 5},
		{"--- trong thân bài", "---\ntitle: a\ndate: 2020-03-16\n---\nĐoạn\n\n---\n\nĐoạn 2\n", "", "Đoạn\n\n---\n\nĐoạn 2\n", 5},
		// A "---" indented inside a YAML block scalar is text, not the end of the front matter.
		{"--- thụt lề trong khối YAML", "---\ntitle: a\ndate: 2020-03-16\ndescription: |\n  ---\n  Mô tả\n---\nThân bài\n", "---\nMô tả", "Thân bài\n", 8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustParse(t, "tin-tuc/x.md", tt.src)
			if p.Description != tt.description || string(p.Body) != tt.body || p.BodyLine != tt.bodyLine {
				t.Errorf("description %q body %q BodyLine %d; want %q %q %d", p.Description, p.Body, p.BodyLine, tt.description, tt.body, tt.bodyLine)
			}
			checkBodyLine(t, []byte(tt.src), p)
		})
	}
}
