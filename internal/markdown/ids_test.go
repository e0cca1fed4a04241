package markdown

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// tocIDs returns the ids of the headings of res.
func tocIDs(t *testing.T, res *Result) []string {
	t.Helper()
	ids := make([]string, 0, len(res.TOC))
	for _, h := range res.TOC {
		ids = append(ids, h.ID)
	}
	return ids
}

func TestHeadingIDs(t *testing.T) {
	tests := []struct {
		name    string
		md      string
		want    []string
		unsafe  bool
		problem bool // a duplicate id is reported
	}{
		{"tiếng Việt", "# Kết quả đạt được", []string{"ket-qua-dat-duoc"}, false, false},
		{"NFD", norm.NFD.String("# Kết quả đạt được"), []string{"ket-qua-dat-duoc"}, false, false},
		{"chữ đ", "## Đường đi của Đảng", []string{"duong-di-cua-dang"}, false, false},
		{"dấu và", "## Tài nguyên & Môi trường", []string{"tai-nguyen-va-moi-truong"}, false, false},
		{"định dạng và liên kết", "## Kết quả **đạt** [được](x.md) `mã`", []string{"ket-qua-dat-duoc-ma"}, false, false},
		{"setext", "Giới thiệu chung\n================", []string{"gioi-thieu-chung"}, false, false},
		{"trùng lặp", "# Mục tiêu\n## Mục tiêu\n### Mục tiêu", []string{"muc-tieu", "muc-tieu-1", "muc-tieu-2"}, false, false},
		{"NFC và NFD trùng", "# Kết quả\n" + norm.NFD.String("# Kết quả"), []string{"ket-qua", "ket-qua-1"}, false, false},
		{"rỗng", "# !!!\n## ***\n", []string{"muc", "muc-1"}, false, false},
		{"rỗng hẳn", "##\n##", []string{"muc", "muc-1"}, false, false},
		{"id tường minh", "## Giới thiệu {#gt}\n## Giới thiệu", []string{"gt", "gioi-thieu"}, false, false},
		{"id tường minh phía sau", "# Giới thiệu\n## Khác {#gioi-thieu}", []string{"gioi-thieu-1", "gioi-thieu"}, false, false},
		{"id tường minh có hậu tố", "# A\n# A\n## B {#a-1}", []string{"a", "a-2", "a-1"}, false, false},
		{"id tường minh trùng", "## A {#x}\n## B {#x}\n## C {#x}", []string{"x", "x-1", "x-2"}, false, true},
		{"id dạng chuỗi", `## A {id="mot hai"}`, []string{"mot hai"}, false, false},
		{"không lấy chú thích", "# Tiêu đề[^1]\n\n[^1]: Chú thích", []string{"tieu-de"}, false, false},
		{"id của HTML", "<p id=\"gioi-thieu\">x</p>\n\n# Giới thiệu", []string{"gioi-thieu-1"}, true, false},
		{"id của HTML bị bỏ", "<p id=\"gioi-thieu\">x</p>\n\n# Giới thiệu", []string{"gioi-thieu"}, false, false},
		{"id chú thích", "# A {#fn:1}\n\nB[^1]\n\n[^1]: C", []string{"fn:1"}, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := convert(t, Options{Unsafe: tt.unsafe}, tt.md, 1, nil)
			if got := tocIDs(t, res); fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("ids = %q, want %q", got, tt.want)
			}
			for _, id := range tt.want {
				mustContain(t, string(res.HTML), ` id="`+id+`"`)
			}
			if got := len(res.Problems) > 0; got != tt.problem {
				t.Errorf("Problems = %+v, want a problem: %v", res.Problems, tt.problem)
			}
		})
	}
}

func TestDuplicateIDProblemLine(t *testing.T) {
	res := convert(t, Options{}, "## A {#x}\n\ntext\n\n## B {#x}\n", 20, nil)
	if len(res.Problems) != 1 || res.Problems[0].Line != 24 || !strings.Contains(res.Problems[0].Message, `"x"`) {
		t.Errorf("Problems = %+v, want one about \"x\" on line 24", res.Problems)
	}
}

func TestIDsList(t *testing.T) {
	md := "# Mở đầu\n\nA[^1] <span id=\"neo\"></span>\n\n## Phần {#phan}\n\n[^1]: B\n"
	tests := []struct {
		name   string
		unsafe bool
		want   []string
	}{
		{"an toàn", false, []string{"mo-dau", "fnref:1", "phan", "fn:1"}},
		{"cho phép HTML", true, []string{"mo-dau", "fnref:1", "neo", "phan", "fn:1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := convert(t, Options{Unsafe: tt.unsafe}, md, 1, nil)
			if fmt.Sprint(res.IDs) != fmt.Sprint(tt.want) {
				t.Errorf("IDs = %q, want %q", res.IDs, tt.want)
			}
		})
	}
}

func TestIDSetGenerate(t *testing.T) {
	s := newIDSet()
	got := []string{
		string(s.Generate([]byte("Kết quả"), 0)),
		string(s.Generate([]byte("Kết quả"), 0)),
		string(s.Generate([]byte(""), 0)),
	}
	s.Put([]byte("ket-qua-2"))
	got = append(got, string(s.Generate([]byte("kết quả"), 0)))
	want := []string{"ket-qua", "ket-qua-1", "muc", "ket-qua-3"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Generate = %q, want %q", got, want)
	}
	s.reset()
	if got := string(s.Generate([]byte("Kết quả"), 0)); got != "ket-qua" {
		t.Errorf("after reset Generate = %q, want %q", got, "ket-qua")
	}
}
