package site_test

import (
	"strings"
	"testing"
	"time"

	"github.com/btnmt/cchc/internal/content"
	"github.com/btnmt/cchc/internal/site"

	"golang.org/x/text/unicode/norm"
)

func TestPageURLs(t *testing.T) {
	tests := []struct {
		name   string
		rel    string
		src    string
		url    string
		output string
	}{
		{"bài trong mục", "tin-tuc/x.md", fm("X", "2020-03-16"), "/tin-tuc/x/", "tin-tuc/x/index.html"},
		{"thư mục con", "tin-tuc/2020/x.md", fm("X", "2020-03-16"), "/tin-tuc/2020/x/", "tin-tuc/2020/x/index.html"},
		{"bài dạng thư mục", "tin-tuc/hoi-nghi/index.md", fm("Hội nghị", "2020-03-16"), "/tin-tuc/hoi-nghi/", "tin-tuc/hoi-nghi/index.html"},
		{"slug trong front matter", "tin-tuc/x.md", fm("X", "2020-03-16", "slug: \"Hội nghị CCHC 2020\""), "/tin-tuc/hoi-nghi-cchc-2020/", "tin-tuc/hoi-nghi-cchc-2020/index.html"},
		{"slug của bài dạng thư mục", "tin-tuc/hoi-nghi/index.md", fm("Hội nghị", "2020-03-16", "slug: tong-ket"), "/tin-tuc/tong-ket/", "tin-tuc/tong-ket/index.html"},
		{"tên tệp tiếng Việt", "tin-tuc/Hội nghị tổng kết.md", fm("X", "2020-03-16"), "/tin-tuc/hoi-nghi-tong-ket/", "tin-tuc/hoi-nghi-tong-ket/index.html"},
		{"tên tệp NFD", "tin-tuc/" + norm.NFD.String("Hội nghị tổng kết.md"), fm("X", "2020-03-16"), "/tin-tuc/hoi-nghi-tong-ket/", "tin-tuc/hoi-nghi-tong-ket/index.html"},
		{"dấu &", "tin-tuc/Đất đai & Môi trường.md", fm("X", "2020-03-16"), "/tin-tuc/dat-dai-va-moi-truong/", "tin-tuc/dat-dai-va-moi-truong/index.html"},
		{"thư mục tiếng Việt", "Giới thiệu/Cơ cấu tổ chức.md", fm("X", "2020-03-16"), "/gioi-thieu/co-cau-to-chuc/", "gioi-thieu/co-cau-to-chuc/index.html"},
		{"trang ở gốc", "gioi-thieu.md", fm("Giới thiệu", "2020-03-16"), "/gioi-thieu/", "gioi-thieu/index.html"},
		{"trang chủ", "_index.md", fm("Trang chủ", ""), "/", "index.html"},
		{"trang mục", "tin-tuc/_index.md", fm("Tin tức", ""), "/tin-tuc/", "tin-tuc/index.html"},
		{"trang mục con", "tin-tuc/2020/_index.md", fm("Năm 2020", ""), "/tin-tuc/2020/", "tin-tuc/2020/index.html"},
		{"chữ hoa", "tin-tuc/QD-1234-BTNMT.md", fm("X", "2020-03-16"), "/tin-tuc/qd-1234-btnmt/", "tin-tuc/qd-1234-btnmt/index.html"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := mustBuild(t, siteInput{pages: map[string]string{tt.rel: tt.src}})
			p := page(t, s, tt.rel)
			if p.URL != tt.url || p.Output != tt.output {
				t.Errorf("URL %q output %q; want %q %q", p.URL, p.Output, tt.url, tt.output)
			}
			if got, ok := s.ByURL(tt.url); !ok || got != p {
				t.Errorf("ByURL(%q) = %v, %v", tt.url, got, ok)
			}
		})
	}
}

func TestPageURLErrors(t *testing.T) {
	tests := []struct {
		name  string
		pages map[string]string
		path  string
		line  int
		words []string
	}{
		{"tên tệp không có chữ", map[string]string{"tin-tuc/!!!.md": fm("X", "2020-03-16")}, "content/tin-tuc/!!!.md", 0, []string{"!!!.md", "slug"}},
		{"slug chỉ có ký hiệu", map[string]string{"tin-tuc/x.md": fm("X", "2020-03-16", "slug: \"???\"")}, "content/tin-tuc/x.md", 4, []string{"slug", "???"}},
		{"thư mục không có chữ", map[string]string{"tin-tuc/###/x.md": fm("X", "2020-03-16")}, "content/tin-tuc/###/x.md", 0, []string{"###", "thư mục"}},
		{"slug trong _index.md", map[string]string{"tin-tuc/_index.md": fm("Tin tức", "", "slug: tin")}, "content/tin-tuc/_index.md", 3, []string{"slug", "_index.md"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := build(t, siteInput{pages: tt.pages})
			if len(errs) != 1 {
				t.Fatalf("errors %v, want 1", errs)
			}
			e := errs[0]
			if e.Path != tt.path || e.Line != tt.line {
				t.Errorf("at %s:%d, want %s:%d", e.Path, e.Line, tt.path, tt.line)
			}
			for _, w := range tt.words {
				if !strings.Contains(e.Error(), w) {
					t.Errorf("%q does not contain %q", e.Error(), w)
				}
			}
		})
	}
}

func TestDuplicateURLs(t *testing.T) {
	tests := []struct {
		name   string
		pages  map[string]string
		static []string
		files  []content.File
		names  []string // both sources must be named
	}{
		{"hai tệp cùng slug", map[string]string{
			"tin-tuc/hoi-nghi.md":      fm("A", "2020-03-16"),
			"tin-tuc/Hội nghị.md":      fm("B", "2020-03-16"),
			"tin-tuc/khac.md":          fm("C", "2020-03-16"),
			"tin-tuc/2020/hoi-nghi.md": fm("D", "2020-03-16"),
		}, nil, nil, []string{"content/tin-tuc/hoi-nghi.md", "content/tin-tuc/Hội nghị.md"}},
		{"slug trùng tên tệp khác", map[string]string{
			"tin-tuc/a.md": fm("A", "2020-03-16"),
			"tin-tuc/b.md": fm("B", "2020-03-16", "slug: a"),
		}, nil, nil, []string{"content/tin-tuc/a.md", "content/tin-tuc/b.md"}},
		{"bài và bài dạng thư mục", map[string]string{
			"tin-tuc/hoi-nghi.md":       fm("A", "2020-03-16"),
			"tin-tuc/hoi-nghi/index.md": fm("B", "2020-03-16"),
		}, nil, nil, []string{"content/tin-tuc/hoi-nghi.md", "content/tin-tuc/hoi-nghi/index.md"}},
		{"bài và tệp tĩnh", map[string]string{
			"tin-tuc/x.md": fm("A", "2020-03-16"),
		}, []string{"tin-tuc/x/index.html"}, nil, []string{"content/tin-tuc/x.md", "static/tin-tuc/x/index.html"}},
		{"tệp trong content và tệp tĩnh", map[string]string{
			"tin-tuc/x.md": fm("A", "2020-03-16"),
		}, []string{"tin-tuc/anh.jpg"}, []content.File{{Rel: "tin-tuc/anh.jpg", Abs: "/khong-co/anh.jpg"}}, []string{"content/tin-tuc/anh.jpg", "static/tin-tuc/anh.jpg"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := build(t, siteInput{pages: tt.pages, static: tt.static, files: tt.files})
			if len(errs) != 1 {
				t.Fatalf("errors %v, want 1", errs)
			}
			msg := errs[0].Error()
			for _, n := range tt.names {
				if !strings.Contains(msg, n) {
					t.Errorf("%q does not name %s", msg, n)
				}
			}
			if !strings.Contains(msg, "trùng") {
				t.Errorf("%q does not say the URLs collide", msg)
			}
		})
	}
}

func TestAliases(t *testing.T) {
	ok := []struct {
		alias, url, output string
	}{
		{"/tin-tuc/ten-cu/", "/tin-tuc/ten-cu/", "tin-tuc/ten-cu/index.html"},
		{"/tin-tuc/ten-cu", "/tin-tuc/ten-cu/", "tin-tuc/ten-cu/index.html"},
		{"/cu/bai.html", "/cu/bai.html", "cu/bai.html"},
		{"  /tin-tuc/ten-cu-2/  ", "/tin-tuc/ten-cu-2/", "tin-tuc/ten-cu-2/index.html"},
	}
	for _, tt := range ok {
		t.Run(tt.alias, func(t *testing.T) {
			s := mustBuild(t, siteInput{pages: map[string]string{
				"tin-tuc/x.md": fm("X", "2020-03-16", "aliases: [\""+tt.alias+"\"]"),
			}})
			if len(s.Aliases) != 1 {
				t.Fatalf("aliases %+v", s.Aliases)
			}
			a := s.Aliases[0]
			if a.URL != tt.url || a.Output != tt.output || a.Target != page(t, s, "tin-tuc/x.md") {
				t.Errorf("alias %+v, want URL %q output %q", a, tt.url, tt.output)
			}
			if !s.Exists(tt.url) {
				t.Errorf("Exists(%q) false", tt.url)
			}
		})
	}

	bad := []struct {
		name, alias string
		words       []string
	}{
		{"tương đối", "tin-tuc/ten-cu/", []string{"/"}},
		{"có ..", "/tin-tuc/../../etc/", []string{".."}},
		{"có .", "/tin-tuc/./x/", []string{"."}},
		{"máy chủ khác", "//evil.example/x/", []string{"//evil.example/x/"}},
		{"địa chỉ đầy đủ", "https://example.gov.vn/x/", []string{"https://example.gov.vn/x/"}},
		{"có ?", "/tin-tuc/x.php?id=1", []string{"?"}},
		{"có #", "/tin-tuc/cu/#a", []string{"#"}},
		{"gạch ngược", "/tin-tuc\\cu\\", []string{"\\"}},
		{"trang chủ", "/", []string{"trang chủ"}},
		{"chính địa chỉ của bài", "/tin-tuc/x/", []string{"chính"}},
	}
	for _, tt := range bad {
		t.Run("sai "+tt.name, func(t *testing.T) {
			_, errs := build(t, siteInput{pages: map[string]string{
				"tin-tuc/x.md": fm("X", "2020-03-16", "draft: false", "aliases:", "  - \""+strings.ReplaceAll(tt.alias, "\\", "\\\\")+"\""),
			}})
			if len(errs) != 1 {
				t.Fatalf("errors %v, want 1", errs)
			}
			e := errs[0]
			if e.Path != "content/tin-tuc/x.md" || e.Line != 5 {
				t.Errorf("at %s:%d, want content/tin-tuc/x.md:5", e.Path, e.Line)
			}
			if !strings.Contains(e.Error(), "aliases") {
				t.Errorf("%q does not name aliases", e.Error())
			}
			for _, w := range tt.words {
				if !strings.Contains(e.Error(), w) {
					t.Errorf("%q does not contain %q", e.Error(), w)
				}
			}
		})
	}

	t.Run("trùng với một bài", func(t *testing.T) {
		_, errs := build(t, siteInput{pages: map[string]string{
			"tin-tuc/x.md": fm("X", "2020-03-16", "aliases: [/tin-tuc/y/]"),
			"tin-tuc/y.md": fm("Y", "2020-03-16"),
		}})
		if len(errs) != 1 || !strings.Contains(errs[0].Error(), "content/tin-tuc/x.md") || !strings.Contains(errs[0].Error(), "content/tin-tuc/y.md") {
			t.Fatalf("errors %v, want one naming both files", errs)
		}
	})
	t.Run("hai bài cùng một địa chỉ cũ", func(t *testing.T) {
		_, errs := build(t, siteInput{pages: map[string]string{
			"tin-tuc/x.md": fm("X", "2020-03-16", "aliases: [/cu/]"),
			"tin-tuc/y.md": fm("Y", "2020-03-16", "aliases: [/cu]"),
		}})
		if len(errs) != 1 || !strings.Contains(errs[0].Error(), "tin-tuc/x.md") || !strings.Contains(errs[0].Error(), "tin-tuc/y.md") {
			t.Fatalf("errors %v, want one naming both files", errs)
		}
	})
}

func TestPublication(t *testing.T) {
	tests := []struct {
		name      string
		extra     []string
		date      string
		opts      site.Options
		published bool
		future    bool
		why       string // words of the reason a link to it gives
	}{
		{"bình thường", nil, "2020-03-16", site.Options{}, true, false, ""},
		{"bản nháp", []string{"draft: true"}, "2020-03-16", site.Options{}, false, false, "nháp"},
		{"bản nháp với --drafts", []string{"draft: true"}, "2020-03-16", site.Options{Drafts: true}, true, false, ""},
		{"publishDate sắp tới", []string{"publishDate: 2020-07-01"}, "2020-03-16", site.Options{}, false, false, "01/07/2020"},
		{"publishDate sắp tới với --future", []string{"publishDate: 2020-07-01"}, "2020-03-16", site.Options{Future: true}, true, true, ""},
		{"publishDate đã qua", []string{"publishDate: 2020-05-01"}, "2020-03-16", site.Options{}, true, false, ""},
		{"publishDate quá khứ, date tương lai", []string{"publishDate: 2020-05-01"}, "2020-12-01", site.Options{}, true, false, ""},
		{"date tương lai", nil, "2020-06-02", site.Options{}, false, false, "02/06/2020"},
		{"date cùng ngày nhưng giờ sau", nil, "2020-06-01T15:00:00", site.Options{}, false, false, "chưa đến"},
		{"date cùng ngày giờ trước", nil, "2020-06-01T08:00:00", site.Options{}, true, false, ""},
		{"date tương lai với --future", nil, "2020-06-02", site.Options{Future: true}, true, true, ""},
		{"hết hạn", []string{"expiryDate: 2020-05-01"}, "2020-03-16", site.Options{}, false, false, "hết hạn"},
		{"hết hạn đúng lúc dựng", []string{"expiryDate: 2020-06-01T12:00:00"}, "2020-03-16", site.Options{}, false, false, "expiryDate"},
		{"hết hạn với --expired", []string{"expiryDate: 2020-05-01"}, "2020-03-16", site.Options{Expired: true}, true, false, ""},
		{"chưa hết hạn", []string{"expiryDate: 2020-12-31"}, "2020-03-16", site.Options{}, true, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := mustBuild(t, siteInput{opts: tt.opts, pages: map[string]string{
				"_index.md":    fm("Trang chủ", ""),
				"tin-tuc/x.md": fm("X", tt.date, tt.extra...),
				"tin-tuc/y.md": fm("Y", "2020-01-01"),
			}})
			p, ok := s.BySource("tin-tuc/x.md")
			if ok != tt.published {
				t.Fatalf("published %v, want %v", ok, tt.published)
			}
			_, inURL := s.ByURL("/tin-tuc/x/")
			inPages := strings.Contains(urls(s.Pages), "/tin-tuc/x/")
			sec, _ := s.ByURL("/tin-tuc/")
			inSection := sec != nil && strings.Contains(urls(sec.Pages), "/tin-tuc/x/")
			inAll := strings.Contains(urls(s.All), "/tin-tuc/x/")
			if inURL != tt.published || inPages != tt.published || inSection != tt.published || inAll != tt.published {
				t.Errorf("ByURL %v, Pages %v, section %v, All %v; want all %v", inURL, inPages, inSection, inAll, tt.published)
			}
			if ok && p.Future != tt.future {
				t.Errorf("Future %v, want %v", p.Future, tt.future)
			}
			_, err := s.Resolve(page(t, s, "tin-tuc/y.md"), "x.md")
			if tt.published {
				if err != nil {
					t.Errorf("link to a published page: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatal("a link to an unpublished page resolved")
			}
			if !strings.Contains(err.Error(), "chưa được đăng") || !strings.Contains(err.Error(), tt.why) {
				t.Errorf("%q does not say why (%s)", err, tt.why)
			}
		})
	}
}

func TestSectionsAndSorting(t *testing.T) {
	s := mustBuild(t, siteInput{pages: map[string]string{
		"_index.md":                    fm("Trang chủ", ""),
		"tin-tuc/_index.md":            fm("Tin tức", "", "weight: 2"),
		"thu-tuc-hanh-chinh/a.md":      fm("A", "2020-03-16", "quyet_dinh: {so: \"1/QĐ\", ngay: 2020-03-10}", "ngay_hieu_luc: 2020-04-01", "thu_tuc:", "  - {ma: \"1.1\", thay_doi: moi}"),
		"thu-tuc-hanh-chinh/_index.md": fm("Thủ tục hành chính", "", "weight: 1"),
		"van-ban/_index.md":            fm("Văn bản", ""),
		"van-ban/a.md":                 fm("A", "2020-03-16", "so_ky_hieu: \"1/CT\"", "loai: Chỉ thị", "co_quan_ban_hanh: Bộ", "ngay_ban_hanh: 2020-03-01"),
		"dat-dai/_index.md":            fm("Đất đai", ""),
		"dat-dai/a.md":                 fm("A", "2020-03-16"),
		"dich-vu/a.md":                 fm("A", "2020-03-16"),
		"hoi-dap/a.md":                 fm("A", "2020-03-16", "hoi: \"?\"", "ngay_hoi: 2020-03-01"),
		"tin-tuc/a.md":                 fm("Ảnh hội nghị", "2020-03-16"),
		"tin-tuc/b.md":                 fm("Bài mới nhất", "2020-05-20"),
		"tin-tuc/c.md":                 fm("Đông người dự", "2020-03-16"),
		"tin-tuc/d.md":                 fm("An toàn", "2020-03-16"),
		"tin-tuc/e.md":                 fm("Ghim lên đầu", "2019-01-01", "weight: 1"),
		"tin-tuc/f.md":                 fm("Ghim thứ hai", "2020-05-30", "weight: 5"),
		"tin-tuc/g.md":                 fm("Dân số", "2020-03-16T09:00:00"),
		"tin-tuc/2020/h.md":            fm("Bài cũ trong thư mục con", "2018-01-01"),
	}})
	// Weighted sections first, then Vietnamese title order: D < Đ < H < V (bytes would put Đ last).
	if got := titles(s.Sections); got != "Thủ tục hành chính, Tin tức, Dich vu, Đất đai, Hỏi đáp, Văn bản" {
		t.Errorf("sections: %s", got)
	}
	if got := urls(s.Home.Sections); got != urls(s.Sections) {
		t.Errorf("home sections %s", got)
	}
	for _, sec := range s.Sections {
		if sec.Parent != s.Home || sec.Type != site.TypeSection {
			t.Errorf("section %s: parent %v type %s", sec.URL, sec.Parent, sec.Type)
		}
	}
	sec, _ := s.ByURL("/tin-tuc/")
	want := "Ghim lên đầu, Ghim thứ hai, Bài mới nhất, Dân số, An toàn, Ảnh hội nghị, Đông người dự, Bài cũ trong thư mục con"
	if got := titles(sec.Pages); got != want {
		t.Errorf("tin-tuc pages:\n got %s\nwant %s", got, want)
	}
	if sec.Kind == nil || sec.Kind.Name != "article" {
		t.Errorf("tin-tuc section kind %v", sec.Kind)
	}
	// Prev is older (next in the list), Next is newer (previous in the list).
	b := page(t, s, "tin-tuc/b.md")
	if b.Next == nil || b.Next.Title != "Ghim thứ hai" || b.Prev == nil || b.Prev.Title != "Dân số" {
		t.Errorf("b: next %v prev %v", b.Next, b.Prev)
	}
	if b.Parent != sec {
		t.Errorf("b's parent is %v", b.Parent)
	}
	h := page(t, s, "tin-tuc/2020/h.md")
	if h.Parent != sec || h.Section != "tin-tuc" || h.Kind == nil {
		t.Errorf("h: parent %v section %q kind %v", h.Parent, h.Section, h.Kind)
	}
	if got, _ := s.ByURL("/dich-vu/"); got == nil || got.Title == "" {
		t.Error("a folder without _index.md is not a section")
	}
	if got, _ := s.ByURL("/hoi-dap/"); got == nil || got.Title != "Hỏi đáp" {
		t.Errorf("section without _index.md takes its kind's label: %v", got)
	}
	// Every page and list is in All, in URL order.
	for i := 1; i < len(s.All); i++ {
		if s.All[i-1].URL >= s.All[i].URL {
			t.Errorf("All not in URL order at %s, %s", s.All[i-1].URL, s.All[i].URL)
		}
	}
}

func TestSortPages(t *testing.T) {
	d := func(day int) time.Time { return time.Date(2020, 3, day, 0, 0, 0, 0, time.UTC) }
	ps := []*site.Page{
		{Title: "Đông", Date: d(1), URL: "/a/"},
		{Title: "Biển", Date: d(1), URL: "/b/"},
		{Title: "Nặng", Date: d(1), Weight: 10, URL: "/c/"},
		{Title: "Nhẹ", Date: d(1), Weight: 1, URL: "/d/"},
		{Title: "Mới", Date: d(20), URL: "/e/"},
		{Title: "Ảnh", Date: d(1), URL: "/f/"},
		{Title: "Ảnh", Date: d(1), URL: "/a-anh/"},
		{Title: "Cũ", Date: d(1).Add(-time.Hour), URL: "/g/"},
		{Title: "Âm", Weight: -1, URL: "/h/"},
	}
	site.SortPages(ps)
	want := "/h/ /d/ /c/ /e/ /a-anh/ /f/ /b/ /a/ /g/"
	if got := urls(ps); got != want {
		t.Errorf("order %s (%s), want %s", got, titles(ps), want)
	}
}

func TestVietnameseCollation(t *testing.T) {
	s := []string{"Đông", "Biển", "Ảnh", "Dân số", "An", "Đất đai"}
	site.SortStrings(s)
	if got := strings.Join(s, ", "); got != "An, Ảnh, Biển, Dân số, Đất đai, Đông" {
		t.Errorf("SortStrings: %s", got)
	}
	tests := []struct {
		a, b string
		want int
	}{
		{"a", "ă", -1},
		{"ă", "â", -1},
		{"d", "đ", -1},
		{"Đ", "e", -1},
		{"e", "ê", -1},
		{"o", "ô", -1},
		{"ô", "ơ", -1},
		{"u", "ư", -1},
		{"Ảnh", norm.NFD.String("Ảnh"), 0},
		{"Đất đai", "Dân số", 1},
	}
	for _, tt := range tests {
		t.Run(tt.a+"_"+tt.b, func(t *testing.T) {
			got := site.Compare(tt.a, tt.b)
			if (got < 0) != (tt.want < 0) || (got == 0) != (tt.want == 0) {
				t.Errorf("Compare(%q, %q) = %d, want sign %d", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

func TestFilesAndResources(t *testing.T) {
	s := mustBuild(t, siteInput{
		pages: map[string]string{
			"tin-tuc/hoi-nghi/index.md": fm("Hội nghị", "2020-03-16", "slug: hoi-nghi-2020"),
			"tin-tuc/nhap/index.md":     fm("Nháp", "2020-03-16", "draft: true"),
		},
		files: []content.File{
			{Rel: "tin-tuc/hoi-nghi/anh-1.jpg", Abs: "/x/anh-1.jpg", Bundle: "tin-tuc/hoi-nghi/index.md"},
			{Rel: "tin-tuc/hoi-nghi/tai-lieu/qd.pdf", Abs: "/x/qd.pdf", Bundle: "tin-tuc/hoi-nghi/index.md"},
			{Rel: "tin-tuc/nhap/anh.jpg", Abs: "/x/anh.jpg", Bundle: "tin-tuc/nhap/index.md"},
			{Rel: "Tài liệu/Quy chế.pdf", Abs: "/x/qc.pdf"},
		},
		static: []string{"css/site.css"},
	})
	p := page(t, s, "tin-tuc/hoi-nghi/index.md")
	if strings.Join(p.Resources, ",") != "anh-1.jpg,tai-lieu/qd.pdf" {
		t.Errorf("resources %q", p.Resources)
	}
	var outs []string
	for _, f := range s.Files {
		outs = append(outs, f.Output)
	}
	if got := strings.Join(outs, ","); got != "tin-tuc/hoi-nghi-2020/anh-1.jpg,tin-tuc/hoi-nghi-2020/tai-lieu/qd.pdf,tai-lieu/Quy chế.pdf" {
		t.Errorf("file outputs %s", got)
	}
	for _, u := range []string{"/tin-tuc/hoi-nghi-2020/anh-1.jpg", "/css/site.css", "/tai-lieu/Quy chế.pdf"} {
		if !s.Exists(u) {
			t.Errorf("Exists(%q) false", u)
		}
	}
	if s.Exists("/tin-tuc/nhap/anh.jpg") {
		t.Error("a draft bundle's file is published")
	}
}

func TestNoHomePage(t *testing.T) {
	s := mustBuild(t, siteInput{pages: map[string]string{"tin-tuc/x.md": fm("X", "2020-03-16")}})
	if s.Home == nil || s.Home.URL != "/" || s.Home.Title == "" || s.Home.Output != "index.html" {
		t.Fatalf("generated home %+v", s.Home)
	}
	if urls(s.Home.Pages) != "/tin-tuc/x/" {
		t.Errorf("home pages %s", urls(s.Home.Pages))
	}
}
