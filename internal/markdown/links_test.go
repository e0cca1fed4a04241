package markdown

import (
	"fmt"
	"strings"
	"testing"
)

func TestLinkLines(t *testing.T) {
	tests := []struct {
		name      string
		md        string
		firstLine int
		want      []int // the line of each link, in order
	}{
		{
			name:      "dòng 7 của thân bắt đầu ở dòng 5",
			md:        "# Tiêu đề\n\nMột\n\nHai\n\n[liên kết](a.md)\n",
			firstLine: 5,
			want:      []int{11},
		},
		{
			name:      "đoạn văn nhiều dòng",
			md:        "Dòng một\ndòng hai [a](a.md)\ndòng ba *[b](b.md)* và [c](c.md)\ndòng bốn",
			firstLine: 1,
			want:      []int{2, 3, 3},
		},
		{
			name:      "danh sách",
			md:        "- một\n- hai\n  tiếp [a](a.md)\n  1. lồng\n\n     [b](b.md)\n",
			firstLine: 10,
			want:      []int{12, 15},
		},
		{
			name:      "bảng",
			md:        "Trước\n\n| A | B |\n|---|---|\n| 1 | 2 |\n| [a](a.md) | ![b](b.png) |\n",
			firstLine: 3,
			want:      []int{8, 8},
		},
		{
			name:      "tiêu đề",
			md:        "Đoạn\n\n## Xem [a](a.md)\n\nSetext [b](b.md)\n---\n",
			firstLine: 1,
			want:      []int{3, 5},
		},
		{
			name:      "trích dẫn và chú thích",
			md:        "> một\n> hai [a](a.md)\n\nX[^1]\n\n[^1]: Chú thích\n    tiếp [b](b.md)\n",
			firstLine: 2,
			want:      []int{3, 8},
		},
		{
			name:      "tự liên kết",
			md:        "Một\n<https://a.vn> và\nwww.b.vn và thư c@d.vn\n",
			firstLine: 1,
			want:      []int{2, 3, 3},
		},
		{
			name:      "liên kết tham chiếu và nhãn rỗng",
			md:        "Một\nhai [a][ref] [](b.md)\n\n[ref]: a.md\n",
			firstLine: 1,
			want:      []int{2, 2},
		},
		{
			name:      "CRLF",
			md:        "Một\r\nhai [a](a.md)\r\n\r\n[b](b.md)\r\n",
			firstLine: 1,
			want:      []int{2, 4},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := convert(t, Options{}, tt.md, tt.firstLine, testResolver)
			var got []int
			for _, l := range res.Links {
				got = append(got, l.Line)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("lines = %v, want %v (links %+v)", got, tt.want, res.Links)
			}
		})
	}
}

func TestLinkRewriting(t *testing.T) {
	tests := []struct {
		name     string
		md       string
		wantHTML string
		wantLink Link
	}{
		{"trang", "[a](gioi-thieu.md)", `<a href="/gioi-thieu/">a</a>`, Link{Dest: "gioi-thieu.md", Href: "/gioi-thieu/", Line: 1}},
		{"tiêu đề", `[a](b.md "Tiêu đề")`, `<a href="/b/" title="Tiêu đề">a</a>`, Link{Dest: "b.md", Href: "/b/", Line: 1}},
		{"ảnh", "![Bản đồ](ban-do.png)", `<img src="ban-do.png" alt="Bản đồ">`, Link{Dest: "ban-do.png", Href: "ban-do.png", Line: 1, Image: true}},
		{"ngoài", "[a](https://chinhphu.vn/?a=1&b=2)", `<a href="https://chinhphu.vn/?a=1&amp;b=2">a</a>`, Link{Dest: "https://chinhphu.vn/?a=1&b=2", Href: "https://chinhphu.vn/?a=1&b=2", Line: 1}},
		{"thoát", `[a](a\_b.md)`, `<a href="/a_b/">a</a>`, Link{Dest: "a_b.md", Href: "/a_b/", Line: 1}},
		{"thực thể", `[a](a&amp;b.md)`, `<a href="/a&amp;b/">a</a>`, Link{Dest: "a&b.md", Href: "/a&b/", Line: 1}},
		{"dấu cách", "[a](<tài liệu.md>)", `<a href="/t%C3%A0i%20li%E1%BB%87u/">a</a>`, Link{Dest: "tài liệu.md", Href: "/tài liệu/", Line: 1}},
		{"tự liên kết", "<https://a.vn/b?c=d>", `<a href="https://a.vn/b?c=d">https://a.vn/b?c=d</a>`, Link{Dest: "https://a.vn/b?c=d", Href: "https://a.vn/b?c=d", Line: 1}},
		{"thư", "Gửi c@d.vn", `<a href="mailto:c@d.vn">c@d.vn</a>`, Link{Dest: "mailto:c@d.vn", Href: "mailto:c@d.vn", Line: 1}},
		{"neo", "[a](#muc-1)", `<a href="#muc-1">a</a>`, Link{Dest: "#muc-1", Href: "#muc-1", Line: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := convert(t, Options{}, tt.md, 1, testResolver)
			mustContain(t, string(res.HTML), tt.wantHTML)
			if len(res.Links) != 1 || res.Links[0] != tt.wantLink {
				t.Errorf("Links = %+v, want [%+v]", res.Links, tt.wantLink)
			}
			if len(res.Problems) != 0 {
				t.Errorf("Problems = %+v, want none", res.Problems)
			}
		})
	}
}

func TestNilResolver(t *testing.T) {
	res := convert(t, Options{}, "[a](b.md) ![c](d.png)", 1, nil)
	mustContain(t, string(res.HTML), `<a href="b.md">a</a>`, `<img src="d.png" alt="c">`)
	want := []Link{{Dest: "b.md", Href: "b.md", Line: 1}, {Dest: "d.png", Href: "d.png", Line: 1, Image: true}}
	if fmt.Sprint(res.Links) != fmt.Sprint(want) {
		t.Errorf("Links = %+v, want %+v", res.Links, want)
	}
}

func TestResolverErrors(t *testing.T) {
	md := "# Tiêu đề\n\nXem [trang cũ](hong.md) và\n[trang mới](moi.md) và ![ảnh](hong.png).\n\n| a |\n|---|\n| [x](hong-x.md) |\n"
	res := convert(t, Options{}, md, 4, testResolver)
	html := string(res.HTML)
	mustContain(t, html, `<a href="hong.md">trang cũ</a>`, `<a href="/moi/">trang mới</a>`, `<img src="hong.png" alt="ảnh">`, `<a href="hong-x.md">x</a>`)
	want := []Problem{
		{Line: 6, Message: `không tìm thấy trang "hong.md" — hãy sửa đường dẫn`},
		{Line: 7, Message: `không tìm thấy trang "hong.png" — hãy sửa đường dẫn`},
		{Line: 11, Message: `không tìm thấy trang "hong-x.md" — hãy sửa đường dẫn`},
	}
	if fmt.Sprint(res.Problems) != fmt.Sprint(want) {
		t.Errorf("Problems = %+v, want %+v", res.Problems, want)
	}
}

func TestImages(t *testing.T) {
	md := "![Bản đồ *hành chính*](ban-do.png)\n\nChữ ![](khong-alt.jpg \"Tiêu đề\")\n\n[![logo](logo.svg)](/)\n"
	res := convert(t, Options{}, md, 1, testResolver)
	want := []Image{
		{Src: "ban-do.png", Alt: "Bản đồ hành chính", Line: 1},
		{Src: "khong-alt.jpg", Alt: "", Line: 3},
		{Src: "logo.svg", Alt: "logo", Line: 5},
	}
	if fmt.Sprint(res.Images) != fmt.Sprint(want) {
		t.Errorf("Images = %+v, want %+v", res.Images, want)
	}
	mustContain(t, string(res.HTML),
		`<img src="ban-do.png" alt="Bản đồ hành chính">`,
		`<img src="khong-alt.jpg" alt="" title="Tiêu đề">`,
		`<a href="/"><img src="logo.svg" alt="logo"></a>`)
}

func TestUnsafeLinks(t *testing.T) {
	tests := []struct {
		name   string
		md     string
		scheme string
	}{
		{"javascript", "[a](javascript:alert(1))", "javascript:"},
		{"chữ hoa", "[a](JavaScript:alert(1))", "javascript:"},
		{"thực thể thập phân", "[a](&#106;avascript:alert(1))", "javascript:"},
		{"thực thể thập lục", "[a](&#x6A;avascript:alert(1))", "javascript:"},
		{"thực thể tên", "[a](javascript&colon;alert(1))", "javascript:"},
		{"tab ẩn", "[a](java&#9;script:alert(1))", "javascript:"},
		{"dấu cách đầu", "[a](<  javascript:alert(1)>)", "javascript:"},
		{"tự liên kết", "<javascript:alert(1)>", "javascript:"},
		{"tham chiếu", "[a][x]\n\n[x]: javascript:alert(1)", "javascript:"},
		{"vbscript", "[a](vbscript:msgbox)", "vbscript:"},
		{"data html", "[a](data:text/html;base64,PHNjcmlwdD4=)", "data:"},
		{"data svg", "![a](data:image/svg+xml;base64,PHN2Zz4=)", "data:"},
		{"file", "[a](file:///C:/Users/tai-lieu.docx)", "file:"},
	}
	for _, tt := range tests {
		for _, unsafe := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/unsafe=%v", tt.name, unsafe), func(t *testing.T) {
				called := false
				resolve := func(dest string, image bool) (string, error) {
					called = true
					return dest, nil
				}
				res := convert(t, Options{Unsafe: unsafe}, tt.md, 1, resolve)
				html := string(res.HTML)
				urls := append(attrValues(html, "href"), attrValues(html, "src")...)
				if len(urls) != 1 || urls[0] != "#" {
					t.Errorf("URLs in output = %q, want only \"#\":\n%s", urls, html)
				}
				if called {
					t.Error("the Resolver was called with a dangerous destination")
				}
				want := "liên kết dùng giao thức không an toàn (" + tt.scheme + ") — hãy xoá hoặc thay bằng địa chỉ http(s)"
				if len(res.Problems) != 1 || res.Problems[0].Message != want || res.Problems[0].Line != 1 {
					t.Errorf("Problems = %+v, want one on line 1: %q", res.Problems, want)
				}
				if len(res.Links) != 1 || res.Links[0].Href != "#" {
					t.Errorf("Links = %+v, want one with Href \"#\"", res.Links)
				}
			})
		}
	}
}

func TestSafeDataImages(t *testing.T) {
	for _, typ := range []string{"png", "gif", "jpeg", "webp"} {
		t.Run(typ, func(t *testing.T) {
			md := "![a](data:image/" + typ + ";base64,AAAA)"
			res := convert(t, Options{}, md, 1, nil)
			mustContain(t, string(res.HTML), `src="data:image/`+typ+`;base64,AAAA"`)
			if len(res.Problems) != 0 {
				t.Errorf("Problems = %+v, want none", res.Problems)
			}
		})
	}
}

func TestResolverReturnsUnsafeHref(t *testing.T) {
	resolve := func(string, bool) (string, error) { return "javascript:alert(1)", nil }
	res := convert(t, Options{}, "[a](b.md)", 1, resolve)
	mustContain(t, string(res.HTML), `<a href="#">a</a>`)
	if len(res.Problems) != 1 {
		t.Errorf("Problems = %+v, want one", res.Problems)
	}
}

func TestUnsafeScheme(t *testing.T) {
	tests := []struct {
		url  string
		want string
	}{
		{"https://chinhphu.vn", ""},
		{"/gioi-thieu/", ""},
		{"tai-lieu.pdf", ""},
		{"mailto:a@b.vn", ""},
		{"tel:+84241234567", ""},
		{"#javascript:", ""},
		{"./javascript:x", ""},
		{"javascript:x", "javascript:"},
		{" \t\n\x01javascript:x", "javascript:"},
		{"java\nscript:x", "javascript:"},
		{"JAVA\x00SCRIPT:x", "javascript:"},
		{"&#0000106avascript:x", "javascript:"},
		{"&#X6a;avascript:x", "javascript:"},
		{"&Tab;javascript:x", "javascript:"},
		{"javascript&#58x", "javascript:"},
		{"&unknown;javascript:x", ""},
		{"vbscript:x", "vbscript:"},
		{"file:///etc/passwd", "file:"},
		{"data:,abc", "data:"},
		{"data:image/png;base64,AA", ""},
		{"DATA:IMAGE/JPEG,AA", ""},
		{"data:image/pngx,AA", "data:"},
		{"data:image/svg+xml,<svg>", "data:"},
		{"&#99999999999999999999;", ""},
		{"ja\u00a0vascript:x", ""},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%q", tt.url), func(t *testing.T) {
			if got := unsafeScheme([]byte(tt.url)); got != tt.want {
				t.Errorf("unsafeScheme(%q) = %q, want %q", tt.url, got, tt.want)
			}
		})
	}
}

func TestUnsafeSchemeAllocs(t *testing.T) {
	u := []byte("https://www.chinhphu.vn/van-ban/nghi-dinh-102-2024")
	if n := testing.AllocsPerRun(100, func() { unsafeScheme(u) }); n != 0 {
		t.Errorf("unsafeScheme allocates %v times, want 0", n)
	}
}

// attrValues returns the values of the attributes name="..." in html.
func attrValues(html, name string) []string {
	var values []string
	for {
		i := strings.Index(html, " "+name+`="`)
		if i < 0 {
			return values
		}
		html = html[i+len(name)+3:]
		end := strings.IndexByte(html, '"')
		if end < 0 {
			return values
		}
		values = append(values, html[:end])
		html = html[end:]
	}
}
