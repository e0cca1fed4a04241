package markdown

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/btnmt/cchc/internal/nfc"

	"golang.org/x/text/unicode/norm"
)

func TestSummary(t *testing.T) {
	long := strings.Repeat("Cải cách hành chính ", 15) // 300 runes
	tests := []struct {
		name string
		md   string
		want string
	}{
		{"ngắn", "# Tiêu đề\n\nĐoạn **một** có [liên kết](a.md).\n\nĐoạn hai.", "Đoạn một có liên kết. Đoạn hai."},
		{"bỏ tiêu đề, danh sách, bảng", "# A\n\n- mục\n\n| a |\n|---|\n| b |\n\nĐoạn.", "Đoạn."},
		{"trích dẫn", "> Lời dẫn.\n\nĐoạn.", "Lời dẫn. Đoạn."},
		{"không chú thích", "Đoạn[^1].\n\n[^1]: Chú thích.", "Đoạn."},
		{"không ảnh, không HTML", "![Ảnh](a.png) Đoạn <b>đậm</b>.", "Đoạn đậm."},
		{"thực thể và thoát", `A &amp; B \*C\* &#272;`, "A & B *C* Đ"},
		{"NFD thành NFC", norm.NFD.String("Kết quả đạt được."), "Kết quả đạt được."},
		{"cắt ở từ", long, strings.TrimSpace(long[:strings.LastIndex(long[:len(cutAt(long, 200))], " ")]) + "…"},
		{"không có đoạn", "# Chỉ tiêu đề\n\n- mục", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The text walk stops early without Options.Text: the summary is the same.
			for _, opts := range []Options{{}, {Text: true}} {
				res := convert(t, opts, tt.md, 1, nil)
				if res.Summary != tt.want {
					t.Errorf("%+v: Summary = %q, want %q", opts, res.Summary, tt.want)
				}
			}
		})
	}
}

// cutAt returns the first n runes of s.
func cutAt(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

func TestCutSummary(t *testing.T) {
	tests := []struct {
		name  string
		s     string
		limit int
		want  string
	}{
		{"vừa đủ", "một hai ba", 10, "một hai ba"},
		{"cắt giữa từ", "một hai ba", 9, "một hai…"},
		{"cắt trước dấu cách", "một hai ba", 7, "một hai…"},
		{"bỏ dấu phẩy", "một, hai ba", 6, "một…"},
		{"một từ dài", "Nghiêngnghiêngnghiêng", 5, "Nghiê…"},
		{"tiếng Việt tính theo rune", "Đường đi đến", 9, "Đường đi…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cutSummary(tt.s, tt.limit); got != tt.want {
				t.Errorf("cutSummary(%q, %d) = %q, want %q", tt.s, tt.limit, got, tt.want)
			}
		})
	}
}

func TestSummaryLength(t *testing.T) {
	words := []string{"Bộ", "Tài", "nguyên", "và", "Môi", "trường", "công", "bố", "kết", "quả", "cải", "cách"}
	var b strings.Builder
	for i := range 100 {
		b.WriteString(words[i%len(words)])
		b.WriteByte(' ')
	}
	res := convert(t, Options{}, b.String(), 1, nil)
	s := res.Summary
	if !strings.HasSuffix(s, "…") {
		t.Fatalf("Summary = %q, want it to end with …", s)
	}
	if n := utf8.RuneCountInString(s); n > SummaryLimit+1 {
		t.Errorf("Summary has %d runes, want at most %d", n, SummaryLimit+1)
	}
	body := strings.TrimSuffix(s, "…")
	if !strings.HasPrefix(b.String(), body+" ") {
		t.Errorf("Summary %q is not cut at the end of a word", s)
	}
}

func TestText(t *testing.T) {
	tests := []struct {
		name string
		md   string
		want string
	}{
		{"khối", "# Tiêu đề\n\nĐoạn *một*\ntiếp.\n\n- A\n- B", "Tiêu đề\nĐoạn một tiếp.\nA\nB"},
		{"bảng", "| Tên | Số |\n|---|---|\n| A | 1 |", "Tên Số\nA 1"},
		{"mã", "Dùng `go  test`.\n\n```\nlệnh một\nlệnh hai\n```", "Dùng go test.\nlệnh một\nlệnh hai"},
		{"chú thích", "A[^1] B.\n\n[^1]: Ghi chú.", "A B.\nGhi chú."},
		{"tự liên kết và việc", "- [x] Xem www.a.vn", "Xem www.a.vn"},
		{"định nghĩa", "Thuật ngữ\n: Nghĩa", "Thuật ngữ\nNghĩa"},
		{"HTML bỏ", "<div>\nx\n</div>\n\nĐoạn", "Đoạn"},
		{"NFD", norm.NFD.String("Tiếng Việt"), "Tiếng Việt"},
		{"trống", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := convert(t, Options{Text: true}, tt.md, 1, nil)
			if res.Text != tt.want {
				t.Errorf("Text = %q, want %q", res.Text, tt.want)
			}
		})
	}
}

func TestIsNFC(t *testing.T) {
	tests := []string{
		"", "ascii", "Kết quả đạt được — “Trích dẫn” …", "Đường ĐI", norm.NFD.String("Kết quả"),
		"e\u0301", "\u00e9\u0301", "\u2000", "\u212b", "a\u0323\u0302", "\u1ec7", "\uac00", "\u1100\u1161",
		"\xff", "\u0344", "\u0958",
	}
	for _, s := range tests {
		t.Run(fmt.Sprintf("%q", s), func(t *testing.T) {
			if got, want := nfc.IsNormal([]byte(s)), norm.NFC.IsNormalString(s); got != want {
				t.Errorf("nfc.IsNormal(%q) = %v, want %v", s, got, want)
			}
		})
	}
}
