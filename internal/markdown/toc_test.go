package markdown

import (
	"fmt"
	"testing"
)

func TestTOC(t *testing.T) {
	md := "# Trang\n\n## Mở đầu\n\nChữ\n\n### Chi tiết *một*\n\n## Kết luận {#ket}\n\n#### Sâu\n\n## Mở đầu\n"
	res := convert(t, Options{}, md, 1, nil)
	want := []Heading{
		{1, "trang", "Trang"},
		{2, "mo-dau", "Mở đầu"},
		{3, "chi-tiet-mot", "Chi tiết một"},
		{2, "ket", "Kết luận"},
		{4, "sau", "Sâu"},
		{2, "mo-dau-1", "Mở đầu"},
	}
	if fmt.Sprint(res.TOC) != fmt.Sprint(want) {
		t.Errorf("TOC = %+v, want %+v", res.TOC, want)
	}
}

func TestTOCHTML(t *testing.T) {
	h := func(level int, id, text string) Heading { return Heading{Level: level, ID: id, Text: text} }
	tests := []struct {
		name     string
		toc      []Heading
		min, max int
		want     string
	}{
		{"rỗng", nil, 2, 3, ""},
		{"một mục", []Heading{h(1, "a", "A"), h(2, "b", "B"), h(4, "c", "C")}, 2, 3, ""},
		{
			"phẳng",
			[]Heading{h(2, "a", "A"), h(2, "b", "B")}, 2, 3,
			"<ol>\n<li><a href=\"#a\">A</a></li>\n<li><a href=\"#b\">B</a></li>\n</ol>\n",
		},
		{
			"lồng",
			[]Heading{h(1, "t", "T"), h(2, "a", "A"), h(3, "a1", "A1"), h(3, "a2", "A2"), h(4, "x", "X"), h(2, "b", "B")}, 2, 3,
			"<ol>\n<li><a href=\"#a\">A</a>\n<ol>\n<li><a href=\"#a1\">A1</a></li>\n<li><a href=\"#a2\">A2</a></li>\n</ol>\n</li>\n" +
				"<li><a href=\"#b\">B</a></li>\n</ol>\n",
		},
		{
			"bắt đầu sâu hơn",
			[]Heading{h(3, "a", "A"), h(2, "b", "B")}, 2, 3,
			"<ol>\n<li><a href=\"#a\">A</a></li>\n<li><a href=\"#b\">B</a></li>\n</ol>\n",
		},
		{
			"nhảy cấp",
			[]Heading{h(2, "a", "A"), h(4, "b", "B"), h(3, "c", "C"), h(2, "d", "D")}, 2, 4,
			"<ol>\n<li><a href=\"#a\">A</a>\n<ol>\n<li><a href=\"#b\">B</a></li>\n<li><a href=\"#c\">C</a></li>\n</ol>\n</li>\n" +
				"<li><a href=\"#d\">D</a></li>\n</ol>\n",
		},
		{
			"ba cấp rồi về",
			[]Heading{h(2, "a", "A"), h(3, "b", "B"), h(4, "c", "C"), h(2, "d", "D")}, 2, 4,
			"<ol>\n<li><a href=\"#a\">A</a>\n<ol>\n<li><a href=\"#b\">B</a>\n<ol>\n<li><a href=\"#c\">C</a></li>\n</ol>\n</li>\n</ol>\n</li>\n" +
				"<li><a href=\"#d\">D</a></li>\n</ol>\n",
		},
		{
			"thoát HTML",
			[]Heading{h(2, `a"b`, "<Lợi & ích>"), h(2, "c", "C")}, 2, 3,
			"<ol>\n<li><a href=\"#a&#34;b\">&lt;Lợi &amp; ích&gt;</a></li>\n<li><a href=\"#c\">C</a></li>\n</ol>\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := TOCHTML(tt.toc, tt.min, tt.max); got != tt.want {
				t.Errorf("TOCHTML =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}
