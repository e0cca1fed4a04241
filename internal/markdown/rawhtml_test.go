package markdown

import (
	"fmt"
	"strings"
	"testing"
)

func TestRawHTML(t *testing.T) {
	md := "Chữ <b>đậm</b> nội tuyến.\n\n<div class=\"hop\">\nKhối HTML\n</div>\n"
	tests := []struct {
		name       string
		unsafe     bool
		want       []string
		wantNoneOf []string
	}{
		{
			name:       "bỏ khi không cho phép",
			unsafe:     false,
			want:       []string{"<p>Chữ <!-- raw HTML omitted -->đậm<!-- raw HTML omitted --> nội tuyến.</p>", "<!-- raw HTML omitted -->"},
			wantNoneOf: []string{"<b>", "<div"},
		},
		{
			name:   "giữ khi cho phép",
			unsafe: true,
			want:   []string{"<p>Chữ <b>đậm</b> nội tuyến.</p>", "<div class=\"hop\">\nKhối HTML\n</div>"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := convert(t, Options{Unsafe: tt.unsafe}, md, 1, nil)
			mustContain(t, string(res.HTML), tt.want...)
			mustNotContain(t, string(res.HTML), tt.wantNoneOf...)
			if len(res.Problems) != 0 {
				t.Errorf("Problems = %+v, want none", res.Problems)
			}
		})
	}
}

func TestRawHTMLProblems(t *testing.T) {
	tests := []struct {
		name  string
		md    string
		lines []int // lines of the problems with Unsafe
	}{
		{"onclick", "<div onclick=\"alert(1)\">x</div>", []int{5}},
		{"chữ hoa không ngoặc", "<img src=x OnError=alert(1)>", []int{5}},
		{"href javascript", "Xem <a href=\"javascript:alert(1)\">đây</a>.", []int{5}},
		{"thực thể", "<a href='&#106;avascript:x'>a</a>", []int{5}},
		{"tab trong giao thức", "<a href=\"java&#x09;script:x\">a</a>", []int{5}},
		{"nhiều dòng", "<div\n  class=\"a\"\n  onmouseover=\"x()\">\n<iframe src=\"vbscript:x\"></iframe>\n</div>", []int{7, 8}},
		{"nội tuyến nhiều dòng", "Một\nhai <span\nonclick=\"x\">ba</span>", []int{7}},
		{"hai vấn đề một thẻ", "<a href=\"javascript:x\" onclick=\"y\">a</a>", []int{5, 5}},
		{"an toàn", "<a href=\"https://a.vn\" title=\"on\" data-on=\"x\">a</a><img src=\"data:image/png;base64,AA\">", nil},
		{"chú thích HTML", "<!-- <a onclick=\"x\"> -->", nil},
		{"script", "<script>if (a<b && c) { x.onclick = 1 }</script>", nil},
		{"thẻ đóng", "</a onclick=\"x\">", nil},
		{"không phải thẻ", "<div>\na < b và 1<2 onclick=x\n</div>", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := convert(t, Options{Unsafe: true}, tt.md, 5, nil)
			var lines []int
			for _, p := range res.Problems {
				lines = append(lines, p.Line)
				if !strings.HasPrefix(p.Message, "mã HTML có ") {
					t.Errorf("Message = %q, want it to start with %q", p.Message, "mã HTML có ")
				}
			}
			if fmt.Sprint(lines) != fmt.Sprint(tt.lines) {
				t.Errorf("problem lines = %v, want %v: %+v", lines, tt.lines, res.Problems)
			}

			// Without Unsafe the raw HTML is dropped, so nothing to report.
			res = convert(t, Options{}, tt.md, 5, nil)
			if len(res.Problems) != 0 {
				t.Errorf("safe mode Problems = %+v, want none", res.Problems)
			}
		})
	}
}

func TestRawHTMLProblemMessages(t *testing.T) {
	res := convert(t, Options{Unsafe: true}, `<a href="javascript:x" onclick="y">a</a>`, 1, nil)
	want := []Problem{
		{Line: 1, Message: "mã HTML có liên kết dùng giao thức không an toàn (javascript:) — hãy xoá hoặc thay bằng địa chỉ http(s)"},
		{Line: 1, Message: "mã HTML có thuộc tính sự kiện (onclick=) — hãy xoá thuộc tính này, trang không được chạy mã JavaScript"},
	}
	if fmt.Sprint(res.Problems) != fmt.Sprint(want) {
		t.Errorf("Problems = %+v, want %+v", res.Problems, want)
	}
}

func TestScanTags(t *testing.T) {
	type attr struct {
		Name, Value string
		Off         int
	}
	tests := []struct {
		name string
		html string
		want []attr
	}{
		{"cơ bản", `<a href="x" title='y z'>`, []attr{{"href", "x", 3}, {"title", "y z", 12}}},
		{"không ngoặc và rỗng", `<input disabled value=1 />`, []attr{{"disabled", "", 7}, {"value", "1", 16}}},
		{"dấu cách quanh =", `<a href = "x">`, []attr{{"href", "x", 3}}},
		{"chưa đóng", `<a href="x`, []attr{{"href", "x", 3}}},
		{"chú thích", `<!-- <a href="x"> --><b id=c>`, []attr{{"id", "c", 24}}},
		{"style", `<style>a{b:c}</style><i id=d>`, []attr{{"id", "d", 24}}},
		{"lỗi cú pháp", `< a x=y><1 z=w>`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []attr
			scanTags([]byte(tt.html), func(name, value []byte, off int) {
				got = append(got, attr{string(name), string(value), off})
			})
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("attributes = %+v, want %+v", got, tt.want)
			}
		})
	}
}
