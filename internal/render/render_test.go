package render_test

import (
	"bytes"
	"errors"
	"html"
	"html/template"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/btnmt/cchc/internal/render"
	"github.com/btnmt/cchc/internal/report"
	"github.com/btnmt/cchc/internal/site"
)

func TestCandidates(t *testing.T) {
	tests := []struct {
		name string
		page *site.Page
		want string
	}{
		{"trang chủ", &site.Page{Type: site.TypeHome, URL: "/"}, "index.html _default/list.html"},
		{"mục", &site.Page{Type: site.TypeSection, Section: "tin-tuc", URL: "/tin-tuc/"}, "tin-tuc/list.html _default/list.html"},
		{"mục con", &site.Page{Type: site.TypeSection, Section: "tin-tuc", URL: "/tin-tuc/2020/"}, "tin-tuc/list.html _default/list.html"},
		{"bài", &site.Page{Type: site.TypePage, Section: "thu-tuc-hanh-chinh", URL: "/thu-tuc-hanh-chinh/x/"}, "thu-tuc-hanh-chinh/single.html _default/single.html"},
		{"trang ở gốc", &site.Page{Type: site.TypePage, URL: "/gioi-thieu/"}, "_default/single.html"},
		{"404", &site.Page{Type: site.Type404, URL: "/404.html"}, "404.html"},
		{"danh sách thuật ngữ", &site.Page{Type: site.TypeTaxonomyIndex, URL: "/linh-vuc/"}, "_default/terms.html"},
		{"một thuật ngữ", &site.Page{Type: site.TypeTermList, URL: "/linh-vuc/dat-dai/"}, "_default/term.html"},
		{"trang tạo ra trong mục", &site.Page{Type: "thu-tuc", Section: "thu-tuc-hanh-chinh", URL: "/thu-tuc-hanh-chinh/1-004227/"}, "thu-tuc-hanh-chinh/thu-tuc.html _default/thu-tuc.html"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := strings.Join(render.Candidates(tt.page), " "); got != tt.want {
				t.Errorf("Candidates = %q, want %q", got, tt.want)
			}
		})
	}
}

// layouts builds a MapFS of layouts from name → source.
func layouts(files map[string]string) fstest.MapFS {
	m := fstest.MapFS{}
	for n, s := range files {
		m[n] = &fstest.MapFile{Data: []byte(s)}
	}
	return m
}

var baseof = "<!DOCTYPE html>\n<html lang=\"vi\">\n<body>\n{{block \"main\" .}}{{end}}\n</body>\n</html>\n"

func pageOf(t *testing.T, section string) *site.Page {
	t.Helper()
	s := mustSite(t, "/cchc/", map[string]string{section + "/x.md": fm("Hội nghị & tổng kết", "2020-03-16")})
	p, ok := s.BySource(section + "/x.md")
	if !ok {
		t.Fatal("no page")
	}
	return p
}

func TestRenderLookupAndOverride(t *testing.T) {
	theme := layouts(map[string]string{
		"_default/baseof.html": baseof,
		"_default/single.html": "{{define \"main\"}}<h1>theme {{.Title}}</h1>{{end}}",
		"_default/list.html":   "{{define \"main\"}}list{{end}}",
		"partials/meta.html":   "<time>{{ngay .Date}}</time>",
	})
	siteLayouts := layouts(map[string]string{
		"tin-tuc/single.html": "{{define \"main\"}}<h1>{{.Title}}</h1>{{template \"partials/meta.html\" .}} <a href=\"{{relURL \"/tin-tuc/\"}}\">{{thuNgay .Date}}</a>{{end}}",
		"van-ban/.an.html":    "{{bỏ qua}}",
		"van-ban/ghi-chu.txt": "{{bỏ qua}}",
	})
	cfg := cfgFor(t, "/cchc/")
	r, err := render.New(siteLayouts, theme, cfg)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := r.Render(&b, pageOf(t, "tin-tuc")); err != nil {
		t.Fatal(err)
	}
	want := "<h1>Hội nghị &amp; tổng kết</h1><time>ngày 16 tháng 3 năm 2020</time> <a href=\"/cchc/tin-tuc/\">Thứ Hai, 16/03/2020</a>"
	if !strings.Contains(b.String(), want) || !strings.HasPrefix(b.String(), "<!DOCTYPE html>") {
		t.Errorf("output:\n%s\nwant it to contain:\n%s", b.String(), want)
	}
	b.Reset()
	if err := r.Render(&b, pageOf(t, "van-ban-khac")); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "<h1>theme Hội nghị") {
		t.Errorf("a page of another section does not use the theme's _default/single.html:\n%s", b.String())
	}
	if r.Has("van-ban/.an.html") || r.Has("van-ban/ghi-chu.txt") {
		t.Error("hidden or non-HTML files were loaded as layouts")
	}
}

func TestLookupMissing(t *testing.T) {
	r, err := render.New(layouts(map[string]string{"index.html": "x"}), nil, cfgFor(t, "/"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = r.Lookup(pageOf(t, "tin-tuc"))
	if err == nil {
		t.Fatal("Lookup found a layout that does not exist")
	}
	for _, w := range []string{"layouts/tin-tuc/single.html", "layouts/_default/single.html", "/tin-tuc/x/"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("%q does not name %s", err, w)
		}
	}
}

// fileError returns err as a single FileError.
func fileError(t *testing.T, err error) *report.FileError {
	t.Helper()
	if err == nil {
		t.Fatal("no error")
	}
	var l report.ErrorList
	if errors.As(err, &l) {
		if len(l) != 1 {
			t.Fatalf("%d errors, want 1: %v", len(l), l)
		}
		return l[0]
	}
	var fe *report.FileError
	if !errors.As(err, &fe) {
		t.Fatalf("error %T is not a FileError: %v", err, err)
	}
	return fe
}

func TestTemplateErrors(t *testing.T) {
	tests := []struct {
		name   string
		site   map[string]string
		theme  map[string]string
		atNew  bool // the error comes from render.New (partials and baseof are parsed there)
		path   string
		line   int
		words  []string
		render string // section of the page rendered
	}{
		{"hàm không có", map[string]string{"_default/single.html": "<h1>{{.Title}}</h1>\n<p>{{.Date | khongCo}}</p>\n"}, nil, false,
			"layouts/_default/single.html", 2, []string{"khongCo", "lỗi mẫu trang"}, "tin-tuc"},
		{"trường không có khi chạy", map[string]string{"_default/baseof.html": baseof, "tin-tuc/single.html": "{{define \"main\"}}\n<h1>{{.Title}}</h1>\n\n{{.KhongCo}}\n{{end}}\n"}, nil, false,
			"layouts/tin-tuc/single.html", 4, []string{"KhongCo"}, "tin-tuc"},
		{"if không đóng", map[string]string{"_default/single.html": "<h1>\n{{if .Title}}\n"}, nil, false,
			"layouts/_default/single.html", 3, []string{"EOF"}, "tin-tuc"},
		{"lỗi trong partial", map[string]string{"partials/head.html": "<meta>\n\n{{end}}\n", "_default/single.html": "x"}, nil, true,
			"layouts/partials/head.html", 3, []string{"end"}, ""},
		{"lỗi trong baseof khi chạy", map[string]string{"_default/baseof.html": "<html>\n{{.KhongCo}}\n{{block \"main\" .}}{{end}}</html>", "_default/single.html": "{{define \"main\"}}x{{end}}"}, nil, false,
			"layouts/_default/baseof.html", 2, []string{"KhongCo"}, "tin-tuc"},
		{"lỗi trong giao diện mặc định", nil, map[string]string{"_default/single.html": "\n\n{{.KhongCo}}"}, false,
			"layouts/_default/single.html (giao diện mặc định)", 3, nil, "tin-tuc"},
		{"lỗi thoát HTML: nhánh if", map[string]string{"_default/single.html": "<p>\n\n<a href='{{.URL}}' {{if .Title}}title=\"{{end}}'>x</a>\n"}, nil, false,
			"layouts/_default/single.html", 3, []string{"{{if}}"}, "tin-tuc"},
		{"lỗi thoát HTML: thẻ không đóng", map[string]string{"_default/single.html": "<p>{{.Title}}</p>\n<script>var a = \"{{.Title}}\n"}, nil, false,
			"layouts/_default/single.html", 0, nil, "tin-tuc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var siteFS, themeFS fstest.MapFS
			if tt.site != nil {
				siteFS = layouts(tt.site)
			}
			if tt.theme != nil {
				themeFS = layouts(tt.theme)
			}
			r, err := render.New(siteFS, themeFS, cfgFor(t, "/"))
			if tt.atNew {
				fe := fileError(t, err)
				checkFileError(t, fe, tt.path, tt.line, tt.words)
				return
			}
			if err != nil {
				t.Fatalf("New: %v", err)
			}
			var b bytes.Buffer
			err = r.Render(&b, pageOf(t, tt.render))
			fe := fileError(t, err)
			checkFileError(t, fe, tt.path, tt.line, tt.words)
			// The same error is returned on a second render (the compiled set is cached).
			if err2 := r.Render(&b, pageOf(t, tt.render)); err2 == nil || err2.Error() != err.Error() {
				t.Errorf("second render: %v, want %v", err2, err)
			}
		})
	}
}

func checkFileError(t *testing.T, fe *report.FileError, path string, line int, words []string) {
	t.Helper()
	if fe.Path != path || (line > 0 && fe.Line != line) {
		t.Errorf("at %s:%d, want %s:%d (%v)", fe.Path, fe.Line, path, line, fe.Err)
	}
	for _, w := range words {
		if !strings.Contains(fe.Error(), w) {
			t.Errorf("%q does not contain %q", fe.Error(), w)
		}
	}
}

func TestFuncs(t *testing.T) {
	cfg := cfgFor(t, "https://example.gov.vn/cchc/")
	d := vn(2020, 3, 6, 8, 30)
	tests := []struct {
		name, tmpl string
		data       any
		want       string
		err        bool
	}{
		{"relURL", `{{relURL "/tin-tuc/"}}`, nil, "/cchc/tin-tuc/", false},
		{"absURL", `{{absURL "/tin-tuc/x/"}}`, nil, "https://example.gov.vn/cchc/tin-tuc/x/", false},
		{"ngay", `{{ngay .}}`, d, "ngày 06 tháng 3 năm 2020", false},
		{"thuNgay", `{{thuNgay .}}`, d, "Thứ Sáu, 06/03/2020", false},
		{"ngaySo", `{{ngaySo .}}`, d, "06/03/2020", false},
		{"gioNgay", `{{gioNgay .}}`, d, "08:30, 06/03/2020", false},
		{"isoDate", `{{isoDate .}}`, d, "2020-03-06T08:30:00+07:00", false},
		{"slug", `{{slug "Đất đai & Môi trường"}}`, nil, "dat-dai-va-moi-truong", false},
		{"first ít hơn", `{{range first 2 .}}{{.}},{{end}}`, []string{"a", "b", "c"}, "a,b,", false},
		{"first nhiều hơn", `{{range first 5 .}}{{.}},{{end}}`, []string{"a", "b"}, "a,b,", false},
		{"first âm", `{{range first -1 .}}{{.}},{{end}}`, []string{"a", "b"}, "", false},
		{"first nil", `{{range first 2 .}}{{.}},{{end}}`, nil, "", false},
		{"first không phải danh sách", `{{first 2 .}}`, "abc", "", true},
		{"dict", `{{$m := dict "a" 1 "b" "hai"}}{{$m.a}} {{$m.b}}`, nil, "1 hai", false},
		{"dict lẻ", `{{dict "a"}}`, nil, "", true},
		{"dict khoá không phải chuỗi", `{{dict 1 2}}`, nil, "", true},
		{"add sub", `{{add 2 3}} {{sub 2 3}}`, nil, "5 -1", false},
		{"join", `{{join . ", "}}`, []string{"Đất đai", "Môi trường"}, "Đất đai, Môi trường", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tm, err := template.New("x").Funcs(render.Funcs(cfg)).Parse(tt.tmpl)
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			err = tm.Execute(&b, tt.data)
			if tt.err {
				if err == nil {
					t.Errorf("no error, output %q", b.String())
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			// html/template may write "+" as "&#43;"; both read the same.
			if got := html.UnescapeString(b.String()); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestAlias(t *testing.T) {
	out := string(render.Alias("Hội nghị <tổng kết>", "/cchc/tin-tuc/hoi-nghi/"))
	for _, w := range []string{`<link rel="canonical" href="/cchc/tin-tuc/hoi-nghi/">`, `url=/cchc/tin-tuc/hoi-nghi/`, "Hội nghị &lt;tổng kết&gt;", `noindex`} {
		if !strings.Contains(out, w) {
			t.Errorf("alias page does not contain %q:\n%s", w, out)
		}
	}
}
