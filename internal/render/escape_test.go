package render

import (
	"html/template"
	"strings"
	"testing"
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
