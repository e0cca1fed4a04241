package render

import (
	"html/template"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/btnmt/cchc/internal/publish"
)

// TestEscapeLikeTemplates checks that markup written in Go escapes text and URLs exactly as
// html/template does in the layouts it replaces: in a <title>, a text node and attributes.
func TestEscapeLikeTemplates(t *testing.T) {
	tmpl := template.Must(template.New("").Parse(`<title>{{.}}</title><a href="{{.}}" title="{{.}}">{{.}}</a>`))
	for _, s := range []string{
		"/cchc/thu-tuc-hanh-chinh/1-004227/",
		"/thư mục/a b?q=1&x=2#neo",
		`/Quyết định số 12/2020/QĐ-BTNMT "mới" <b> & 'cũ' + 1`,
		"/2020-07-01T00:00:00+07:00",
		"/tên\x00lạ\x7f\t",
		"/a%20b/(1)/~x/[y]/@z;w,v!$*`^{|}\\",
		"/100%/%2/%zz/%2g%41",
	} {
		t.Run(s, func(t *testing.T) {
			var b strings.Builder
			if err := tmpl.Execute(&b, s); err != nil {
				t.Fatal(err)
			}
			want := b.String()
			got := `<title>` + EscapeText(s) + `</title><a href="` + EscapeURL(s) + `" title="` + EscapeText(s) + `">` + EscapeText(s) + `</a>`
			if got != want {
				t.Errorf("got  %s\nwant %s", got, want)
			}
		})
	}
}

// minLikeMinifier compares, for the value s, markup written by Go with MinText, MinAttr and
// MinURL with what the minifier makes of the same markup written by a layout.
func minLikeMinifier(t *testing.T, s string) {
	t.Helper()
	var b strings.Builder
	if err := minTemplate.Execute(&b, struct{ U, S string }{"/" + s, s}); err != nil {
		t.Fatal(err)
	}
	want := string(publish.MinifyHTML([]byte(b.String())))
	got := `<p><a href` + MinURL("/"+s) + ` title` + MinAttr(s) + ` data-x` + MinAttr(s) + `>` + MinText(s) + `</a> <b>` + MinText(s) + `</b> x</p>`
	if got != want {
		t.Errorf("%q:\ngot  %s\nwant %s", s, got, want)
	}
	for _, u := range []string{s, "/" + s} {
		var b strings.Builder
		WriteAttr(&b, u)
		if b.String() != MinAttr(u) {
			t.Errorf("WriteAttr(%q) = %s, MinAttr gives %s", u, b.String(), MinAttr(u))
		}
		b.Reset()
		WriteURL(&b, u)
		if b.String() != MinURL(u) {
			t.Errorf("WriteURL(%q) = %s, MinURL gives %s", u, b.String(), MinURL(u))
		}
	}
}

var minTemplate = template.Must(template.New("").Parse(`<p><a href="{{.U}}" title="{{.S}}" data-x="{{.S}}">{{.S}}</a> <b>{{.S}}</b> x</p>`))

// minValues are values of the registry, and values that try the minifier's rewriting.
var minValues = []string{
	"cchc/thu-tuc-hanh-chinh/1-004227/",
	"2020-07-01T00:00:00+07:00",
	"Cấp giấy phép khai thác, sử dụng tài nguyên nước (điều chỉnh) – cấp Bộ",
	`Quyết định số 12/2020/QĐ-BTNMT ‘mới’ “cũ” 'a' + 1 > 0 = x`,
	`a "b" 'c' "d"`,
	"thư mục/a b?q=1&x=2#neo",
	"a%20b/(1)/~x/[y]/@z;w,v!$*`^{|}\\",
	"Đất đai & khoáng sản &amp; nước &lt;b&gt; &#34; &x; &#;",
	"a  b\t\tc\n\nd \r\n e",
	"tên\x00lạ <script>alert(1)</script>",
	"&",
	"a&",
	"&b",
	"HTTPS://dichvucong.gov.vn/X?a=1&b=2",
}

// TestMinLikeMinifier checks that markup written in Go for htmlBlock and the pages written in
// Go is what the minifier makes of the same markup written by a layout, byte for byte.
func TestMinLikeMinifier(t *testing.T) {
	for _, s := range minValues {
		t.Run(s, func(t *testing.T) { minLikeMinifier(t, s) })
	}
	if got, want := `<a title`+MinAttr("")+`>`, string(publish.MinifyHTML([]byte(`<a title="">`))); got != want {
		t.Errorf("empty attribute: got %s, want %s", got, want)
	}
	for _, u := range []string{"https://dichvucong.gov.vn/a", "HTTP://X.VN/Ä", "Https://x"} {
		tmpl := template.Must(template.New("").Parse(`<a href="{{.}}">x</a>`))
		var b strings.Builder
		if err := tmpl.Execute(&b, u); err != nil {
			t.Fatal(err)
		}
		want := string(publish.MinifyHTML([]byte(b.String())))
		if got := `<a href` + MinURL(u) + `>x</a>`; got != want {
			t.Errorf("%q:\ngot  %s\nwant %s", u, got, want)
		}
	}
}

// FuzzMinLikeMinifier is TestMinLikeMinifier on any value but an empty one (the space around
// an empty text depends on the tags around it) or one with white space at its edges (the
// registry trims its values).
func FuzzMinLikeMinifier(f *testing.F) {
	for _, s := range minValues {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if s == "" || !utf8.ValidString(s) || strings.TrimSpace(s) != s || strings.TrimLeft(s, " \t\n\r\f") != s || strings.TrimRight(s, " \t\n\r\f") != s {
			t.Skip()
		}
		minLikeMinifier(t, s)
	})
}
