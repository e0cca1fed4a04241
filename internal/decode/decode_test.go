package decode_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/btnmt/cchc/internal/decode"
	"github.com/btnmt/cchc/internal/report"
)

// thayDoi is an enum like the TTHC notice's thay_doi.
type thayDoi string

func (thayDoi) Allowed() []string { return []string{"moi", "sua-doi", "thay-the", "bai-bo"} }

type quyetDinh struct {
	So   decode.Code `fm:"so,required"`
	Ngay decode.Date `fm:"ngay,required"`
	URL  string      `fm:"url"`
	Line int
}

type thuTuc struct {
	Ma      decode.Code   `fm:"ma,required"`
	Ten     string        `fm:"ten"`
	ThayDoi thayDoi       `fm:"thay_doi"`
	ThayThe []decode.Code `fm:"thay_the"`
	Line    int
}

// front mirrors the shape of real front matter: common keys, nested maps and lists of maps.
type front struct {
	Title       string         `fm:"title,required"`
	Date        decode.Date    `fm:"date"`
	PublishDate decode.Date    `fm:"publishDate"`
	Draft       bool           `fm:"draft"`
	Weight      int            `fm:"weight"`
	Tags        decode.Strings `fm:"tags"`
	LinhVuc     decode.Strings `fm:"linh_vuc"`
	Aliases     []string       `fm:"aliases"`
	Ma          decode.Code    `fm:"ma"`
	QuyetDinh   *quyetDinh     `fm:"quyet_dinh"`
	ThuTuc      []thuTuc       `fm:"thu_tuc"`
}

// extra is a second target, like a kind's extra keys.
type extra struct {
	HoatDong string `fm:"hoat_dong"`
}

// wantErr is an expected problem: its file line and words its message must contain.
type wantErr struct {
	line  int
	words []string
}

func checkErrs(t *testing.T, got []*report.FileError, want []wantErr) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d errors, want %d:\n%s", len(got), len(want), report.ErrorList(got).Error())
	}
	for i, w := range want {
		g := got[i]
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

// decodeYAML parses src with offset and decodes it into a front and an extra.
func decodeYAML(t *testing.T, src string, offset int) (*front, *extra, []*report.FileError) {
	t.Helper()
	n, err := decode.YAML([]byte(src), offset)
	if err != nil {
		var fe *report.FileError
		if !errors.As(err, &fe) {
			t.Fatalf("YAML error is %T, not a *report.FileError: %v", err, err)
		}
		return nil, nil, []*report.FileError{fe}
	}
	f, x := new(front), new(extra)
	return f, x, decode.Into(n, f, x)
}

func decodeTOML(t *testing.T, src string, offset int) (*front, []*report.FileError) {
	t.Helper()
	n, err := decode.TOML([]byte(src), offset)
	if err != nil {
		var fe *report.FileError
		if !errors.As(err, &fe) {
			t.Fatalf("TOML error is %T, not a *report.FileError: %v", err, err)
		}
		return nil, []*report.FileError{fe}
	}
	f := new(front)
	return f, decode.Into(n, f)
}

func TestIntoStrict(t *testing.T) {
	tests := []struct {
		name   string
		src    string
		offset int
		want   []wantErr
	}{
		{"hợp lệ", "title: \"Hội nghị\"\ndate: 2020-03-16\nhoat_dong: ke-hoach#1\n", 1, nil},
		{"khoá lạ titel gợi ý title", "title: a\ntitel: b\n", 1,
			[]wantErr{{3, []string{`"titel"`, `"title"`, "có phải"}}}},
		{"khoá lạ linh-vuc gợi ý linh_vuc", "title: a\nlinh-vuc: Đất đai\n", 1,
			[]wantErr{{3, []string{`"linh-vuc"`, `"linh_vuc"`}}}},
		{"khoá lạ Date gợi ý date", "title: a\nDate: 2020-03-16\n", 1,
			[]wantErr{{3, []string{`"Date"`, `"date"`}}}},
		{"khoá lạ publishdate gợi ý publishDate", "title: a\npublishdate: 2020-03-16\n", 0,
			[]wantErr{{2, []string{`"publishDate"`}}}},
		{"khoá lạ không gần khoá nào liệt kê các khoá", "title: a\nxyzxyzxyz: 1\n", 1,
			[]wantErr{{3, []string{`"xyzxyzxyz"`, "hợp lệ", "hoat_dong", "title"}}}},
		{"khoá của đích thứ hai được nhận", "title: a\nhoat_dong: x#2\n", 0, nil},
		{"thiếu khoá bắt buộc", "date: 2020-03-16\ndraft: true\n", 1,
			[]wantErr{{2, []string{"thiếu", `"title"`}}}},
		{"title là danh sách", "title: [a, b]\n", 1, []wantErr{{2, []string{`"title"`, "chuỗi", "danh sách"}}}},
		{"title là bảng", "title:\n  a: 1\n", 1, []wantErr{{3, []string{`"title"`, "chuỗi", "bảng"}}}},
		{"tags là bảng", "title: a\ntags:\n  a: b\n", 1, []wantErr{{4, []string{`"tags"`, "danh sách"}}}},
		{"tags một chuỗi được nhận", "title: a\ntags: CCHC\n", 1, nil},
		{"aliases là chuỗi thay vì danh sách", "title: a\naliases: /cu/\n", 1, []wantErr{{3, []string{`"aliases"`, "danh sách", `"- "`}}}},
		{"draft là chuỗi", "title: a\ndraft: \"true\"\n", 1, []wantErr{{3, []string{`"draft"`, "true hoặc false"}}}},
		{"draft là số", "title: a\ndraft: 1\n", 1, []wantErr{{3, []string{`"draft"`, "true hoặc false", "1"}}}},
		{"weight là chuỗi", "title: a\nweight: \"3\"\n", 1, []wantErr{{3, []string{`"weight"`, "số nguyên"}}}},
		{"weight là số thực", "title: a\nweight: 2.5\n", 1, []wantErr{{3, []string{`"weight"`, "số nguyên", "2.5"}}}},
		{"weight là danh sách", "title: a\nweight: [1]\n", 1, []wantErr{{3, []string{`"weight"`, "số nguyên", "danh sách"}}}},
		{"mã không có ngoặc kép", "title: a\nma: 1.004227\n", 1,
			[]wantErr{{3, []string{`"ma"`, "ngoặc kép", `"1.004227"`}}}},
		{"mã 1.10 giữ nguyên chữ số 0 trong thông báo", "title: a\nma: 1.10\n", 1,
			[]wantErr{{3, []string{`"1.10"`, "ngoặc kép"}}}},
		{"mã là số nguyên", "title: a\nma: 1234\n", 1, []wantErr{{3, []string{`"1234"`, "ngoặc kép"}}}},
		{"mã có chữ không cần ngoặc kép", "title: a\nma: 1234/QĐ-BTNMT\n", 1, nil},
		{"mã là danh sách", "title: a\nma: [\"1\"]\n", 1, []wantErr{{3, []string{`"ma"`, "danh sách"}}}},
		{"quyet_dinh là chuỗi", "title: a\nquyet_dinh: \"1234/QĐ-BTNMT\"\n", 1, []wantErr{{3, []string{`"quyet_dinh" phải`, "bảng"}}}},
		{"quyet_dinh thiếu ngay", "title: a\nquyet_dinh:\n  so: \"1/QĐ\"\n", 1,
			[]wantErr{{4, []string{"thiếu", `"quyet_dinh.ngay"`}}}},
		{"quyet_dinh ngày sai", "title: a\nquyet_dinh: {so: \"1/QĐ\", ngay: 2020-02-30}\n", 1,
			[]wantErr{{3, []string{`"quyet_dinh.ngay"`, "2020-02-30"}}}},
		{"thu_tuc[2].ma thiếu", "title: a\nthu_tuc:\n  - ma: \"1.1\"\n    thay_doi: moi\n  - ten: Cấp phép\n    thay_doi: moi\n", 1,
			[]wantErr{{6, []string{"thiếu", `"thu_tuc[2].ma"`}}}},
		{"thu_tuc[2].ma là số", "title: a\nthu_tuc:\n  - ma: \"1.1\"\n  - ma: 1.004227\n", 1,
			[]wantErr{{5, []string{`"thu_tuc[2].ma"`, "ngoặc kép"}}}},
		{"thu_tuc[1] khoá lạ", "title: a\nthu_tuc:\n  - ma: \"1.1\"\n    tenn: x\n", 1,
			[]wantErr{{5, []string{`"thu_tuc[1].tenn"`, `"ten"`}}}},
		{"enum gợi ý sua_doi → sua-doi", "title: a\nthu_tuc:\n  - ma: \"1\"\n  - ma: \"2\"\n    thay_doi: sua_doi\n", 1,
			[]wantErr{{6, []string{`"thu_tuc[2].thay_doi"`, `"sua_doi"`, `"sua-doi"`, "có phải"}}}},
		{"enum gợi ý bai-boo → bai-bo", "title: a\nthu_tuc:\n  - ma: \"1\"\n    thay_doi: bai-boo\n", 1,
			[]wantErr{{5, []string{`"bai-bo"`}}}},
		{"enum không gần giá trị nào", "title: a\nthu_tuc:\n  - ma: \"1\"\n    thay_doi: xoá hết đi\n", 1,
			[]wantErr{{5, []string{"không hợp lệ", "moi, sua-doi, thay-the, bai-bo"}}}},
		{"enum là danh sách", "title: a\nthu_tuc:\n  - ma: \"1\"\n    thay_doi: [moi]\n", 1,
			[]wantErr{{5, []string{`"thu_tuc[1].thay_doi"`, "một trong"}}}},
		{"thay_the[2] là số", "title: a\nthu_tuc:\n  - ma: \"1\"\n    thay_the:\n      - \"1.000123\"\n      - 1.000124\n", 1,
			[]wantErr{{7, []string{`"thu_tuc[1].thay_the[2]"`, "ngoặc kép"}}}},
		{"thu_tuc không phải danh sách", "title: a\nthu_tuc: abc\n", 1, []wantErr{{3, []string{`"thu_tuc"`, "danh sách"}}}},
		{"nhiều lỗi cùng lúc theo thứ tự dòng", "titel: a\nweight: x\nma: 1.5\n", 10,
			[]wantErr{{11, []string{`"titel"`}}, {12, []string{`"weight"`}}, {13, []string{`"ma"`}}, {11, []string{"thiếu", `"title"`}}}},
		{"lineOffset lớn", "title: a\n\n\n\ndraft: có\n", 20, []wantErr{{25, []string{`"draft"`}}}},
		{"giá trị rỗng được bỏ qua", "title: a\ndate:\ntags:\nma:\n", 1, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, errs := decodeYAML(t, tt.src, tt.offset)
			checkErrs(t, errs, tt.want)
		})
	}
}

func TestIntoValues(t *testing.T) {
	src := `title: "Công bố thủ tục hành chính"
date: 2020-06-15
draft: false
weight: 3
tags: [CCHC, "Một cửa"]
linh_vuc: Tài nguyên nước
ma: "1.10"
quyet_dinh: {so: "1234/QĐ-BTNMT", ngay: 2020-06-10}
thu_tuc:
  - ma: "1.004227"
    ten: "Cấp giấy phép thăm dò nước dưới đất"
    thay_doi: sua-doi
  - ma: "1.000999"
    thay_doi: thay-the
    thay_the: ["1.000123"]
hoat_dong: "ke-hoach-2020#1"
`
	f, x, errs := decodeYAML(t, src, 1)
	checkErrs(t, errs, nil)
	if f.Title != "Công bố thủ tục hành chính" || f.Weight != 3 || f.Draft || string(f.Ma) != "1.10" {
		t.Errorf("scalars: %+v", f)
	}
	if got := strings.Join(f.Tags, "|"); got != "CCHC|Một cửa" {
		t.Errorf("tags = %q", got)
	}
	if len(f.LinhVuc) != 1 || f.LinhVuc[0] != "Tài nguyên nước" {
		t.Errorf("linh_vuc = %q", f.LinhVuc)
	}
	if f.Date.Line != 3 || f.Date.HasClock {
		t.Errorf("date line %d, clock %v; want line 3, no clock", f.Date.Line, f.Date.HasClock)
	}
	if f.QuyetDinh == nil || f.QuyetDinh.So != "1234/QĐ-BTNMT" || f.QuyetDinh.Ngay.Format("2006-01-02") != "2020-06-10" || f.QuyetDinh.Line != 9 {
		t.Errorf("quyet_dinh = %+v", f.QuyetDinh)
	}
	if len(f.ThuTuc) != 2 {
		t.Fatalf("thu_tuc has %d items", len(f.ThuTuc))
	}
	if a := f.ThuTuc[0]; a.Ma != "1.004227" || a.ThayDoi != "sua-doi" || a.Line != 11 {
		t.Errorf("thu_tuc[1] = %+v, want line 11", a)
	}
	if b := f.ThuTuc[1]; b.Ma != "1.000999" || len(b.ThayThe) != 1 || b.ThayThe[0] != "1.000123" || b.Line != 14 {
		t.Errorf("thu_tuc[2] = %+v, want line 14", b)
	}
	if x.HoatDong != "ke-hoach-2020#1" {
		t.Errorf("hoat_dong = %q", x.HoatDong)
	}
}

func TestDuplicateKey(t *testing.T) {
	tests := []struct {
		name string
		src  string
		off  int
		want wantErr
	}{
		{"title hai lần", "title: a\ndate: 2020-03-16\ntitle: b\n", 1, wantErr{4, []string{`"title"`, "hai lần", "dòng 2"}}},
		{"khoá lồng hai lần", "title: a\nquyet_dinh:\n  so: \"1\"\n  so: \"2\"\n", 5, wantErr{9, []string{`"so"`, "hai lần", "dòng 8"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, errs := decodeYAML(t, tt.src, tt.off)
			checkErrs(t, errs, []wantErr{tt.want})
		})
	}
}

func TestYAMLSyntaxErrorLines(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		off   int
		line  int
		words []string
	}{
		{"ngoặc kép không đóng", "title: \"Hội nghị\ndate: 2020-03-16\n", 1, 2, []string{"ngoặc kép"}},
		{"nháy đơn không đóng", "date: 2020-03-16\ntitle: 'Hội nghị\n", 1, 3, []string{"nháy đơn"}},
		{"danh sách không đóng", "title: a\ntags: [a, b\n", 1, 3, []string{"]"}},
		{"bảng không đóng", "title: a\nquyet_dinh: {so: \"1\"\n", 4, 6, []string{"}"}},
		{"dấu hai chấm trong giá trị", "title: Hội nghị: tổng kết\n", 1, 2, []string{"ngoặc kép"}},
		{"thụt lề bằng tab", "title: a\nquyet_dinh:\n\tso: \"1\"\n", 1, 4, []string{"tab"}},
		{"hai tài liệu", "title: a\n---\ntitle: b\n", 1, 3, []string{"---"}},
		{"CRLF: dòng lỗi đúng", "title: \"a\r\n b\"\r\ndate: [\r\n", 1, 4, []string{"]"}},
		{"neo và bí danh", "title: &t a\ndescription: *t\n", 1, 3, []string{"không được hỗ trợ"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := decode.YAML([]byte(tt.src), tt.off)
			var fe *report.FileError
			if !errors.As(err, &fe) {
				t.Fatalf("err = %v (%T), want a *report.FileError", err, err)
			}
			if fe.Line != tt.line {
				t.Errorf("line %d, want %d (%v)", fe.Line, tt.line, fe.Err)
			}
			msg := fe.Err.Error()
			if !strings.Contains(msg, "front matter") {
				t.Errorf("%q does not say front matter", msg)
			}
			for _, w := range tt.words {
				if !strings.Contains(msg, w) {
					t.Errorf("%q does not contain %q", msg, w)
				}
			}
		})
	}
}

func TestYAMLLineEndings(t *testing.T) {
	tests := []struct{ name, src string }{
		{"LF", "title: \"Hội nghị\n  tổng kết\"\ntitel: x\n"},
		{"CRLF", "title: \"Hội nghị\r\n  tổng kết\"\r\ntitel: x\r\n"},
		{"CR", "title: \"Hội nghị\r  tổng kết\"\rtitel: x\r"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, errs := decodeYAML(t, tt.src, 1)
			checkErrs(t, errs, []wantErr{{4, []string{`"titel"`}}})
			n, err := decode.YAML([]byte(tt.src), 1)
			if err != nil {
				t.Fatal(err)
			}
			var g struct {
				Title string `fm:"title"`
				Titel string `fm:"titel"`
			}
			if errs := decode.Into(n, &g); len(errs) > 0 || g.Title != "Hội nghị tổng kết" {
				t.Errorf("title %q (errors %v), want the folded \"Hội nghị tổng kết\"", g.Title, errs)
			}
		})
	}
}

func TestEmptyYAML(t *testing.T) {
	for name, src := range map[string]string{"rỗng": "", "một dòng trống": "\n", "chỉ có chú thích": "# chỉ có chú thích\n"} {
		t.Run(name, func(t *testing.T) {
			_, _, errs := decodeYAML(t, src, 3)
			checkErrs(t, errs, []wantErr{{4, []string{"thiếu", `"title"`}}})
		})
	}
}

func TestParseDate(t *testing.T) {
	loc := decode.Location
	tests := []struct {
		in    string
		want  time.Time
		clock bool
	}{
		{"2020-03-16", time.Date(2020, 3, 16, 0, 0, 0, 0, loc), false},
		{"  2020-03-16 ", time.Date(2020, 3, 16, 0, 0, 0, 0, loc), false},
		{"2020-02-29", time.Date(2020, 2, 29, 0, 0, 0, 0, loc), false},
		{"2020-03-16T08:30:00", time.Date(2020, 3, 16, 8, 30, 0, 0, loc), true},
		{"2020-03-16 08:30", time.Date(2020, 3, 16, 8, 30, 0, 0, loc), true},
		{"2020-03-16T08:30:00+07:00", time.Date(2020, 3, 16, 8, 30, 0, 0, loc), true},
		{"2020-03-16T08:30:00Z", time.Date(2020, 3, 16, 8, 30, 0, 0, time.UTC), true},
		{"2020-03-15T20:00:00-05:00", time.Date(2020, 3, 16, 8, 0, 0, 0, loc), true},
		{"2020-03-16T08:30:00.5+07:00", time.Date(2020, 3, 16, 8, 30, 0, 5e8, loc), true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d, err := decode.ParseDate(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if !d.Equal(tt.want) {
				t.Errorf("got %v, want %v", d.Time, tt.want)
			}
			if _, off := d.Zone(); off != 7*3600 {
				t.Errorf("zone offset %d s, want +07:00 (%v)", off, d.Time)
			}
			if d.HasClock != tt.clock {
				t.Errorf("HasClock %v, want %v", d.HasClock, tt.clock)
			}
			if !d.IsSet() {
				t.Error("IsSet false")
			}
		})
	}
	if decode.Location.String() != "Asia/Ho_Chi_Minh" {
		t.Logf("Location is %v (no tz database?)", decode.Location)
	}

	for _, bad := range []string{"2020-13-45", "2020-02-30", "2021-02-29", "16/03/2020", "2020-3-16", "", "hôm nay", "2020-03-16T25:00:00"} {
		t.Run("sai "+bad, func(t *testing.T) {
			_, err := decode.ParseDate(bad)
			if err == nil {
				t.Fatalf("ParseDate(%q) accepted", bad)
			}
			if !strings.Contains(err.Error(), "YYYY-MM-DD") || !strings.Contains(err.Error(), "không hợp lệ") {
				t.Errorf("message %q does not explain the form", err)
			}
		})
	}
}

func TestDateInFrontMatter(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want time.Time
		err  []wantErr
	}{
		{"ngày", "title: a\ndate: 2020-03-16\n", time.Date(2020, 3, 16, 0, 0, 0, 0, decode.Location), nil},
		{"ngày trong ngoặc kép", "title: a\ndate: \"2020-03-16\"\n", time.Date(2020, 3, 16, 0, 0, 0, 0, decode.Location), nil},
		{"giờ không múi", "title: a\ndate: 2020-03-16T08:30:00\n", time.Date(2020, 3, 16, 8, 30, 0, 0, decode.Location), nil},
		{"giờ UTC", "title: a\ndate: 2020-03-16T08:30:00Z\n", time.Date(2020, 3, 16, 15, 30, 0, 0, decode.Location), nil},
		{"tháng 13", "title: a\ndate: 2020-13-45\n", time.Time{}, []wantErr{{3, []string{`"date"`, "2020-13-45", "không hợp lệ"}}}},
		{"30 tháng 2", "title: a\n\ndate: 2020-02-30\n", time.Time{}, []wantErr{{4, []string{"2020-02-30"}}}},
		{"kiểu Việt Nam", "title: a\ndate: 16/03/2020\n", time.Time{}, []wantErr{{3, []string{"16/03/2020", "YYYY-MM-DD"}}}},
		{"số", "title: a\ndate: 20200316\n", time.Time{}, []wantErr{{3, []string{`"date"`, "YYYY-MM-DD"}}}},
		{"danh sách", "title: a\ndate: [2020-03-16]\n", time.Time{}, []wantErr{{3, []string{`"date"`, "danh sách"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, _, errs := decodeYAML(t, tt.src, 1)
			checkErrs(t, errs, tt.err)
			if tt.err == nil && !f.Date.Equal(tt.want) {
				t.Errorf("date %v, want %v", f.Date.Time, tt.want)
			}
		})
	}
}

func TestTOML(t *testing.T) {
	loc := decode.Location
	tests := []struct {
		name string
		src  string
		off  int
		date time.Time
		err  []wantErr
	}{
		{"ngày cục bộ", "title = \"Hội nghị\"\ndate = 2020-03-16\n", 1, time.Date(2020, 3, 16, 0, 0, 0, 0, loc), nil},
		{"ngày giờ cục bộ", "title = \"Hội nghị\"\ndate = 2020-03-16T08:30:00\n", 1, time.Date(2020, 3, 16, 8, 30, 0, 0, loc), nil},
		{"ngày giờ UTC", "title = \"Hội nghị\"\ndate = 2020-03-16T08:30:00Z\n", 1, time.Date(2020, 3, 16, 8, 30, 0, 0, time.UTC), nil},
		{"ngày giờ có múi", "title = \"Hội nghị\"\ndate = 2020-03-16T08:30:00+07:00\n", 1, time.Date(2020, 3, 16, 8, 30, 0, 0, loc), nil},
		{"ngày là chuỗi", "title = \"Hội nghị\"\ndate = \"2020-03-16\"\n", 1, time.Date(2020, 3, 16, 0, 0, 0, 0, loc), nil},
		{"khoá lạ", "title = \"a\"\n\ntitel = \"b\"\n", 1, time.Time{}, []wantErr{{4, []string{`"titel"`, `"title"`}}}},
		{"khoá lạ lineOffset 7", "title = \"a\"\nlinh-vuc = \"Đất đai\"\n", 7, time.Time{}, []wantErr{{9, []string{`"linh-vuc"`, `"linh_vuc"`}}}},
		{"mã là số", "title = \"a\"\nma = 1.004227\n", 1, time.Time{}, []wantErr{{3, []string{`"ma"`, "ngoặc kép"}}}},
		{"weight là chuỗi", "title = \"a\"\nweight = \"1\"\n", 1, time.Time{}, []wantErr{{3, []string{`"weight"`, "số nguyên"}}}},
		{"thiếu title", "date = 2020-03-16\n", 1, time.Time{}, []wantErr{{2, []string{"thiếu", `"title"`}}}},
		{"ngày sai", "title = \"a\"\ndate = 2020-02-30\n", 1, time.Time{}, []wantErr{{3, []string{"TOML"}}}},
		{"ngày chuỗi sai", "title = \"a\"\ndate = \"16/03/2020\"\n", 1, time.Time{}, []wantErr{{3, []string{"16/03/2020"}}}},
		{"khoá hai lần", "title = \"a\"\ndate = 2020-03-16\ntitle = \"b\"\n", 1, time.Time{}, []wantErr{{4, []string{"title"}}}},
		{"cú pháp sai", "title = \"a\"\ndate = \n", 1, time.Time{}, []wantErr{{3, []string{"TOML"}}}},
		{"chuỗi không đóng", "title = \"a\ndate = 2020-03-16\n", 1, time.Time{}, []wantErr{{2, []string{"TOML"}}}},
		{"bảng lồng khoá lạ", "title = \"a\"\n[quyet_dinh]\nso = \"1\"\nngay = 2020-06-10\nurll = \"/x/\"\n", 1, time.Time{},
			[]wantErr{{6, []string{`"quyet_dinh.urll"`, `"url"`}}}},
		{"bảng lồng thiếu khoá", "title = \"a\"\n[quyet_dinh]\nso = \"1\"\n", 1, time.Time{},
			[]wantErr{{3, []string{`"quyet_dinh.ngay"`}}}},
		{"mảng bảng: lỗi ở mục 2 ở dòng của mục 2", "title = \"a\"\n\n[[thu_tuc]]\nma = \"1\"\nthay_doi = \"moi\"\n\n[[thu_tuc]]\nma = \"2\"\nthay_doi = \"sua_doi\"\n", 1, time.Time{},
			[]wantErr{{10, []string{`"thu_tuc[2].thay_doi"`, `"sua-doi"`}}}},
		{"mảng bảng: mục 2 thiếu mã", "title = \"a\"\n[[thu_tuc]]\nma = \"1\"\nten = \"x\"\n[[thu_tuc]]\nten = \"y\"\n", 1, time.Time{},
			[]wantErr{{6, []string{"thiếu", `"thu_tuc[2].ma"`}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, errs := decodeTOML(t, tt.src, tt.off)
			checkErrs(t, errs, tt.err)
			if tt.err == nil {
				if !f.Date.Equal(tt.date) {
					t.Errorf("date %v, want %v", f.Date.Time, tt.date)
				}
				if _, off := f.Date.Zone(); off != 7*3600 {
					t.Errorf("date %v is not in +07:00", f.Date.Time)
				}
				if f.Title == "" {
					t.Error("title not decoded")
				}
			}
		})
	}
}

func TestTOMLValuesAndLines(t *testing.T) {
	src := `title = "Công bố TTHC"
date = 2020-06-15
tags = ["CCHC", "Một cửa"]
linh_vuc = "Đất đai"

[quyet_dinh]
so = "1234/QĐ-BTNMT"
ngay = 2020-06-10

[[thu_tuc]]
ma = "1.004227"
thay_doi = "moi"

[[thu_tuc]]
ma = "1.004228"
thay_doi = "bai-bo"
`
	f, errs := decodeTOML(t, src, 1)
	checkErrs(t, errs, nil)
	if f.Date.Line != 3 {
		t.Errorf("date line %d, want 3", f.Date.Line)
	}
	if strings.Join(f.Tags, "|") != "CCHC|Một cửa" || strings.Join(f.LinhVuc, "|") != "Đất đai" {
		t.Errorf("tags %q linh_vuc %q", f.Tags, f.LinhVuc)
	}
	if f.QuyetDinh == nil || f.QuyetDinh.So != "1234/QĐ-BTNMT" || f.QuyetDinh.Ngay.Line != 9 {
		t.Errorf("quyet_dinh = %+v", f.QuyetDinh)
	}
	if len(f.ThuTuc) != 2 {
		t.Fatalf("thu_tuc: %d items", len(f.ThuTuc))
	}
	if f.ThuTuc[0].Ma != "1.004227" || f.ThuTuc[1].Ma != "1.004228" || f.ThuTuc[1].ThayDoi != "bai-bo" {
		t.Errorf("thu_tuc = %+v", f.ThuTuc)
	}
	if f.ThuTuc[0].Line != 11 || f.ThuTuc[1].Line != 15 {
		t.Errorf("thu_tuc lines %d, %d; want 11, 15", f.ThuTuc[0].Line, f.ThuTuc[1].Line)
	}
}

func TestSuggest(t *testing.T) {
	known := []string{"title", "date", "linh_vuc", "don_vi", "publishDate", "expiryDate"}
	tests := []struct{ in, want string }{
		{"titel", "title"},
		{"tittle", "title"},
		{"Date", "date"},
		{"linh-vuc", "linh_vuc"},
		{"linh vuc", "linh_vuc"},
		{"don-vi", "don_vi"},
		{"publish_date", "publishDate"},
		{"expirydate", "expiryDate"},
		{"noi_dung_bai_viet", ""},
		{"x", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := decode.Suggest(tt.in, known); got != tt.want {
				t.Errorf("Suggest(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestKeysOf(t *testing.T) {
	keys := strings.Join(decode.KeysOf(&quyetDinh{}), ",")
	if keys != "so,ngay,url" {
		t.Errorf("KeysOf = %q", keys)
	}
}

func TestKeyLines(t *testing.T) {
	n, err := decode.YAML([]byte("title: a\n\ndate: 2020-03-16\n"), 1)
	if err != nil {
		t.Fatal(err)
	}
	kl := n.KeyLines()
	if kl["title"] != 2 || kl["date"] != 4 || len(kl) != 2 {
		t.Errorf("KeyLines = %v", kl)
	}
	if n.Line() != 2 {
		t.Errorf("Line = %d", n.Line())
	}
}
