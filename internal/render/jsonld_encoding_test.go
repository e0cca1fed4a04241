package render

import (
	"bytes"
	"encoding/json"
	"testing"
)

var jsonSeeds = []string{
	"", "Bộ Tài nguyên và Môi trường", `"trích dẫn" \ gạch`, "<script>&</script>", "dòng\nmới\ttab\r\b\f\x00\x1f\x7f",
	"\u2028\u2029", "hỏng \xff\xfe UTF-8", "https://dichvucong.gov.vn/p?ma=1.004227&x=<y>", "e\u0301 NFD", "😀 ngoài BMP",
}

// TestJSONLDLikeEncoding checks the JSON-LD written by hand against encoding/json: strings, and
// each kind of object with its empty and present fields.
func TestJSONLDLikeEncoding(t *testing.T) {
	for _, s := range jsonSeeds {
		checkJSONString(t, s)
	}
	ref := &ldRef{ID: "https://a.vn/#to-chuc"}
	values := []interface{ write(*bytes.Buffer) }{
		ldWebSite{Type: "WebSite", Name: `Trang "CCHC" <thử>`, URL: "/", InLanguage: "vi", Publisher: ref},
		ldWebSite{},
		ldArticle{Type: "NewsArticle", Headline: "Tin & bài", Description: "Mô tả", URL: "/a/", MainEntityOfPage: "/a/",
			InLanguage: "vi", DatePublished: "2020-03-16T08:30:00+07:00", DateModified: "2020-03-17T08:30:00+07:00", Image: "/i.svg", Publisher: ref, Author: ref},
		ldArticle{Type: "WebPage", Headline: "Không mô tả", URL: "/b/"},
		ldBreadcrumbs{Type: "BreadcrumbList", Items: []ldListItem{{Type: "ListItem", Position: 1, Name: "Trang chủ", Item: "/"}, {Type: "ListItem", Position: 12, Name: "Tin <tức>", Item: "/tin-tuc/"}}},
		ldBreadcrumbs{Type: "BreadcrumbList"},
		ldBreadcrumbs{Type: "BreadcrumbList", Items: []ldListItem{}},
	}
	for _, v := range values {
		want, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		v.write(&got)
		if got.String() != string(want) {
			t.Errorf("%T:\ngot  %s\nwant %s", v, got.String(), want)
		}
	}
}

// FuzzJSONString compares writeJSONString with encoding/json on any text.
func FuzzJSONString(f *testing.F) {
	for _, s := range jsonSeeds {
		f.Add(s)
	}
	f.Fuzz(checkJSONString)
}

func checkJSONString(t *testing.T, s string) {
	t.Helper()
	want, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	writeJSONString(&got, s)
	if got.String() != string(want) {
		t.Errorf("%q:\ngot  %s\nwant %s", s, got.String(), want)
	}
}
