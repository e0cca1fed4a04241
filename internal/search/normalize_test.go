package search

import (
	"encoding/json"
	"os"
	"reflect"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// vector is one line of testdata/normalize.json, which the browser test of tim-kiem.js checks
// too (internal/search/browser_test.go): both sides must give the same answers.
type vector struct {
	Note  string   `json:"note"`
	In    string   `json:"in"`
	Fold  string   `json:"fold"`
	Lower string   `json:"lower"`
	Exact string   `json:"exact"`
	Words []string `json:"words"`
}

func readVectors(t *testing.T) []vector {
	t.Helper()
	data, err := os.ReadFile("testdata/normalize.json")
	if err != nil {
		t.Fatal(err)
	}
	var vs []vector
	if err := json.Unmarshal(data, &vs); err != nil {
		t.Fatal(err)
	}
	if len(vs) < 20 {
		t.Fatalf("only %d vectors", len(vs))
	}
	return vs
}

func TestNormalizeVectors(t *testing.T) {
	for _, v := range readVectors(t) {
		t.Run(v.In, func(t *testing.T) {
			if got := Fold(v.In); got != v.Fold {
				t.Errorf("Fold(%q) = %q, want %q (%s)", v.In, got, v.Fold, v.Note)
			}
			if v.Lower != "" {
				if got := Lower(v.In); got != v.Lower {
					t.Errorf("Lower(%q) = %q, want %q", v.In, got, v.Lower)
				}
			}
			if v.Exact != "" {
				if got := ExactKey(v.In); got != v.Exact {
					t.Errorf("ExactKey(%q) = %q, want %q", v.In, got, v.Exact)
				}
			}
			if got := Words(v.In); !reflect.DeepEqual(got, v.Words) && !(len(got) == 0 && len(v.Words) == 0) {
				t.Errorf("Words(%q) = %q, want %q (%s)", v.In, got, v.Words, v.Note)
			}
		})
	}
}

func TestTokenizeOffsets(t *testing.T) {
	in := norm.NFD.String("Quyết định 1234/QĐ-BTNMT về địa phương.")
	toks, text := Tokenize(in)
	if text != norm.NFC.String(in) {
		t.Fatalf("text not NFC")
	}
	type tok struct {
		Text     string
		Fold     string
		Pos      int
		Compound bool
	}
	var got []tok
	for _, tk := range toks {
		got = append(got, tok{text[tk.Start:tk.End], tk.Fold, tk.Pos, tk.Compound})
	}
	want := []tok{
		{"Quyết", "quyet", 0, false},
		{"định", "dinh", 1, false},
		{"1234/QĐ-BTNMT", "1234/qd-btnmt", 2, true},
		{"1234", "1234", 2, false},
		{"QĐ", "qd", 3, false},
		{"BTNMT", "btnmt", 4, false},
		{"về", "ve", 5, false},
		{"địa", "dia", 6, false},
		{"phương", "phuong", 7, false},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got  %+v\nwant %+v", got, want)
	}
}

func TestTokenizeBreaks(t *testing.T) {
	toks, _ := Tokenize("cải cách. Hành chính, địa phương\nthủ tục")
	var breaks []string
	for _, tk := range toks {
		if tk.Break {
			breaks = append(breaks, tk.Fold)
		}
	}
	if want := []string{"hanh", "dia", "thu"}; !reflect.DeepEqual(breaks, want) {
		t.Fatalf("breaks before %q, want %q", breaks, want)
	}
}

func TestHasMarks(t *testing.T) {
	for in, want := range map[string]bool{"cai": false, "cải": true, "dia": false, "đia": true, "1.004227": false, "CAI": false} {
		if got := HasMarks(in); got != want {
			t.Errorf("HasMarks(%q) = %v", in, got)
		}
	}
}

func TestTextFromHTML(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"paragraphs", "<p>Cải cách <strong>hành chính</strong></p>\n<p>Địa phương &amp; trung ương</p>", "Cải cách hành chính\nĐịa phương & trung ương"},
		{"headings and lists", `<h2 id="a">Mục một</h2><ul><li>Một</li><li>Hai</li></ul>`, "Mục một\nMột\nHai"},
		{"table cells", "<table><tr><th>Số</th><th>Tên</th></tr><tr><td>1</td><td>Cấp phép</td></tr></table>", "Số\nTên\n1\nCấp phép"},
		{"scripts and comments", "<p>a<!-- x --></p><script>var x = '<p>';</script><style>p{}</style><p>b</p>", "a\nb"},
		{"footnotes", `<p>Văn bản<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>.</p><div class="footnotes"><ol><li id="fn:1"><p>Ghi chú <a href="#fnref:1" class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;</a></p></li></ol></div>`, "Văn bản.\nGhi chú"},
		{"entities and spaces", "<p>a&nbsp;&nbsp;b\n  c&#233;</p>", "a b cé"},
		{"line break", "<p>a<br>b</p>", "a\nb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := TextFromHTML(tt.in); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func BenchmarkScan(b *testing.B) {
	text := "Ngày 23/07/2020, Bộ trưởng Bộ Tài nguyên và Môi trường đã ký Quyết định số 816/QĐ-BTNMT công bố thủ tục hành chính mới ban hành; sửa đổi, bổ sung; thay thế; bãi bỏ thuộc phạm vi chức năng quản lý của Bộ trong lĩnh vực địa chất và khoáng sản. "
	var sc Scanner
	b.SetBytes(int64(len(text)))
	for i := 0; i < b.N; i++ {
		sc.Scan(text, func(*ScanToken) {})
	}
}
