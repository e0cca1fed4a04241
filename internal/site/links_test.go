package site_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/btnmt/cchc/internal/content"
	"github.com/btnmt/cchc/internal/site"

	"golang.org/x/text/unicode/norm"
)

// linkSite is a small site to resolve links in.
func linkSite(t *testing.T, base string) *site.Site {
	t.Helper()
	return mustBuild(t, siteInput{
		base: base,
		pages: map[string]string{
			"_index.md":                 fm("Trang chủ", ""),
			"tin-tuc/_index.md":         fm("Tin tức", ""),
			"tin-tuc/x.md":              fm("X", "2020-03-16", "aliases: [/tin-cu/x/]"),
			"tin-tuc/2020/y.md":         fm("Y", "2020-03-16", "slug: bai-y"),
			"tin-tuc/hoi-nghi/index.md": fm("Hội nghị", "2020-03-16"),
			"tin-tuc/Kết quả.md":        fm("Kết quả", "2020-03-16"),
			"tin-tuc/nhap.md":           fm("Nháp", "2020-03-16", "draft: true"),
			"tin-tuc/sap-dang.md":       fm("Sắp đăng", "2020-12-01"),
			"van-ban/qd-1234.md":        fm("QĐ 1234", "2020-03-16", "so_ky_hieu: \"1234/QĐ-BTNMT\"", "loai: Quyết định", "co_quan_ban_hanh: Bộ", "ngay_ban_hanh: 2020-03-01"),
		},
		files:  []content.File{{Rel: "tin-tuc/hoi-nghi/anh-1.jpg", Abs: "/x/anh-1.jpg", Bundle: "tin-tuc/hoi-nghi/index.md"}},
		static: []string{"css/site.css", "tai-lieu/qd-1234.pdf"},
	})
}

func TestResolve(t *testing.T) {
	type want struct {
		href     string // without the base path; "" when the link must fail
		page     string // content-relative source of the target page, "" for none
		anchor   string
		external bool
		words    []string // words of the error
	}
	tests := []struct {
		name string
		from string
		dest string
		want want
	}{
		{"tương đối .md", "tin-tuc/x.md", "2020/y.md", want{href: "/tin-tuc/2020/bai-y/", page: "tin-tuc/2020/y.md"}},
		{"tương đối ./ .md", "tin-tuc/x.md", "./2020/y.md", want{href: "/tin-tuc/2020/bai-y/", page: "tin-tuc/2020/y.md"}},
		{"tương đối .md có #", "tin-tuc/x.md", "2020/y.md#ket-qua", want{href: "/tin-tuc/2020/bai-y/#ket-qua", page: "tin-tuc/2020/y.md", anchor: "ket-qua"}},
		{"../ sang mục khác", "tin-tuc/x.md", "../van-ban/qd-1234.md", want{href: "/van-ban/qd-1234/", page: "van-ban/qd-1234.md"}},
		{"../../ từ thư mục con", "tin-tuc/2020/y.md", "../../van-ban/qd-1234.md#dieu-1", want{href: "/van-ban/qd-1234/#dieu-1", page: "van-ban/qd-1234.md", anchor: "dieu-1"}},
		{"../ lên mục", "tin-tuc/2020/y.md", "../x.md", want{href: "/tin-tuc/x/", page: "tin-tuc/x.md"}},
		{"tới index.md", "tin-tuc/x.md", "hoi-nghi/index.md", want{href: "/tin-tuc/hoi-nghi/", page: "tin-tuc/hoi-nghi/index.md"}},
		{"tới _index.md", "tin-tuc/x.md", "_index.md", want{href: "/tin-tuc/", page: "tin-tuc/_index.md"}},
		{"tên tệp tiếng Việt mã hoá %", "tin-tuc/x.md", "K%E1%BA%BFt%20qu%E1%BA%A3.md", want{href: "/tin-tuc/ket-qua/", page: "tin-tuc/Kết quả.md"}},
		{"tên tệp NFD", "tin-tuc/x.md", norm.NFD.String("Kết quả.md"), want{href: "/tin-tuc/ket-qua/", page: "tin-tuc/Kết quả.md"}},
		{"/.md từ gốc content", "tin-tuc/2020/y.md", "/tin-tuc/x.md", want{href: "/tin-tuc/x/", page: "tin-tuc/x.md"}},
		{"từ trang chủ", "_index.md", "tin-tuc/x.md", want{href: "/tin-tuc/x/", page: "tin-tuc/x.md"}},
		{"địa chỉ trong trang", "tin-tuc/x.md", "/tin-tuc/2020/bai-y/", want{href: "/tin-tuc/2020/bai-y/", page: "tin-tuc/2020/y.md"}},
		{"địa chỉ trong trang có #", "tin-tuc/x.md", "/tin-tuc/2020/bai-y/#muc-1", want{href: "/tin-tuc/2020/bai-y/#muc-1", page: "tin-tuc/2020/y.md", anchor: "muc-1"}},
		{"địa chỉ trong trang có ?", "tin-tuc/x.md", "/tin-tuc/x/?a=1", want{href: "/tin-tuc/x/?a=1", page: "tin-tuc/x.md"}},
		{"địa chỉ không có / cuối", "tin-tuc/x.md", "/tin-tuc/2020/bai-y", want{href: "/tin-tuc/2020/bai-y", page: "tin-tuc/2020/y.md"}},
		{"index.html", "tin-tuc/x.md", "/tin-tuc/2020/bai-y/index.html", want{href: "/tin-tuc/2020/bai-y/index.html", page: "tin-tuc/2020/y.md"}},
		{"trang chủ /", "tin-tuc/x.md", "/", want{href: "/", page: "_index.md"}},
		{"trang chủ /index.html", "tin-tuc/x.md", "/index.html", want{href: "/index.html", page: "_index.md"}},
		{"mục", "tin-tuc/x.md", "/tin-tuc/", want{href: "/tin-tuc/", page: "tin-tuc/_index.md"}},
		{"địa chỉ cũ (aliases)", "tin-tuc/2020/y.md", "/tin-cu/x/", want{href: "/tin-cu/x/", page: "tin-tuc/x.md"}},
		{"tệp tĩnh", "tin-tuc/x.md", "/tai-lieu/qd-1234.pdf", want{href: "/tai-lieu/qd-1234.pdf"}},
		{"tệp của bài", "tin-tuc/hoi-nghi/index.md", "anh-1.jpg", want{href: "anh-1.jpg"}},
		{"tệp của bài khác", "tin-tuc/x.md", "../hoi-nghi/anh-1.jpg", want{href: "../hoi-nghi/anh-1.jpg"}},
		{"tệp của bài từ gốc", "tin-tuc/x.md", "/tin-tuc/hoi-nghi/anh-1.jpg", want{href: "/tin-tuc/hoi-nghi/anh-1.jpg"}},
		{"tương đối theo địa chỉ", "tin-tuc/x.md", "../2020/bai-y/", want{href: "../2020/bai-y/", page: "tin-tuc/2020/y.md"}},
		{"tương đối index.html", "tin-tuc/x.md", "../2020/bai-y/index.html", want{href: "../2020/bai-y/index.html", page: "tin-tuc/2020/y.md"}},
		{"https", "tin-tuc/x.md", "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh.html", want{href: "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh.html", external: true}},
		{"mailto", "tin-tuc/x.md", "mailto:cchc@example.gov.vn", want{href: "mailto:cchc@example.gov.vn", external: true}},
		{"tel", "tin-tuc/x.md", "tel:+842437956868", want{href: "tel:+842437956868", external: true}},
		{"//máy chủ", "tin-tuc/x.md", "//cdn.example.vn/a.js", want{href: "//cdn.example.vn/a.js", external: true}},
		{"chỉ #", "tin-tuc/x.md", "#ket-qua", want{href: "#ket-qua", page: "tin-tuc/x.md", anchor: "ket-qua"}},
		{"# mã hoá %", "tin-tuc/x.md", "#k%E1%BA%BFt-qu%E1%BA%A3", want{href: "#k%E1%BA%BFt-qu%E1%BA%A3", page: "tin-tuc/x.md", anchor: "kết-quả"}},
		{"# mã hoá % NFD", "tin-tuc/x.md", "2020/y.md#" + url.PathEscape(norm.NFD.String("kết-quả")), want{href: "/tin-tuc/2020/bai-y/#" + url.PathEscape(norm.NFD.String("kết-quả")), page: "tin-tuc/2020/y.md", anchor: "kết-quả"}},
		{"khoảng trắng quanh", "tin-tuc/x.md", "  2020/y.md  ", want{href: "/tin-tuc/2020/bai-y/", page: "tin-tuc/2020/y.md"}},

		{"rỗng", "tin-tuc/x.md", "  ", want{words: []string{"rỗng"}}},
		{"bản nháp", "tin-tuc/x.md", "nhap.md", want{words: []string{"nhap.md", "chưa được đăng", "nháp"}}},
		{"chưa tới ngày đăng", "tin-tuc/x.md", "sap-dang.md#a", want{words: []string{"sap-dang.md", "chưa được đăng", "01/12/2020"}}},
		{"ra ngoài content", "tin-tuc/x.md", "../../README.md", want{words: []string{"ra ngoài", "content"}}},
		{"ra ngoài content từ gốc", "tin-tuc/x.md", "/../README.md", want{words: []string{"ra ngoài"}}},
		{"tệp không có", "tin-tuc/x.md", "khong-co.md", want{words: []string{"content/tin-tuc/khong-co.md"}}},
		{"../ sai số cấp", "tin-tuc/2020/y.md", "../van-ban/qd-1234.md", want{words: []string{"content/tin-tuc/van-ban/qd-1234.md"}}},
		{"địa chỉ không có", "tin-tuc/x.md", "/tin-tuc/khong-co/", want{words: []string{"/tin-tuc/khong-co/"}}},
		{"địa chỉ viết theo tên tệp", "tin-tuc/x.md", "/tin-tuc/2020/y/", want{words: []string{"/tin-tuc/2020/y/"}}},
		{"tệp tĩnh không có", "tin-tuc/x.md", "/tai-lieu/khong-co.pdf", want{words: []string{"/tai-lieu/khong-co.pdf"}}},
		{"mã % sai", "tin-tuc/x.md", "/tin-tuc/%zz/", want{words: []string{"%xx"}}},
	}
	for _, base := range []string{"/", "/cchc/"} {
		s := linkSite(t, base)
		for _, tt := range tests {
			t.Run(base+" "+tt.name, func(t *testing.T) {
				from := page(t, s, tt.from)
				got, err := s.Resolve(from, tt.dest)
				if tt.want.href == "" {
					if err == nil {
						t.Fatalf("Resolve(%q) = %+v, want an error", tt.dest, got)
					}
					for _, w := range tt.want.words {
						if !strings.Contains(err.Error(), w) {
							t.Errorf("%q does not contain %q", err, w)
						}
					}
					return
				}
				if err != nil {
					t.Fatalf("Resolve(%q): %v", tt.dest, err)
				}
				href := tt.want.href
				// Site-relative hrefs get the base path; relative, fragment-only and external ones
				// are left as written.
				if strings.HasPrefix(href, "/") && !strings.HasPrefix(href, "//") {
					href = strings.TrimSuffix(base, "/") + href
				}
				if got.Href != href {
					t.Errorf("href %q, want %q", got.Href, href)
				}
				var wantPage *site.Page
				if tt.want.page != "" {
					wantPage = page(t, s, tt.want.page)
				}
				if got.Page != wantPage {
					t.Errorf("page %v, want %v", got.Page, wantPage)
				}
				if got.Anchor != tt.want.anchor || got.External != tt.want.external {
					t.Errorf("anchor %q external %v; want %q %v", got.Anchor, got.External, tt.want.anchor, tt.want.external)
				}
			})
		}
	}
}

func TestResolveBasePathWrittenTwice(t *testing.T) {
	s := linkSite(t, "https://example.gov.vn/cchc/")
	_, err := s.Resolve(page(t, s, "tin-tuc/x.md"), "/cchc/tin-tuc/2020/bai-y/")
	if err == nil {
		t.Fatal("a link that already has the base path resolved")
	}
	if !strings.Contains(err.Error(), "/cchc/") || !strings.Contains(err.Error(), "/tin-tuc/2020/bai-y/") {
		t.Errorf("%q does not suggest the link without the base path", err)
	}
}

func TestReserve(t *testing.T) {
	s := linkSite(t, "/cchc/")
	from := page(t, s, "tin-tuc/x.md")
	if _, err := s.Resolve(from, "/tin-tuc/index.xml"); err == nil {
		t.Fatal("a feed resolved before it was reserved")
	}
	s.Reserve("/tin-tuc/index.xml")
	got, err := s.Resolve(from, "/tin-tuc/index.xml")
	if err != nil || got.Href != "/cchc/tin-tuc/index.xml" {
		t.Errorf("Resolve = %+v, %v", got, err)
	}
}

func TestCheckAnchor(t *testing.T) {
	s := linkSite(t, "/")
	y := page(t, s, "tin-tuc/2020/y.md")
	y.IDs = []string{"ket-qua", "muc-tieu", "noi-dung-1"}
	tests := []struct {
		name   string
		page   *site.Page
		anchor string
		ok     bool
		words  []string
	}{
		{"có", y, "ket-qua", true, nil},
		{"rỗng", y, "", true, nil},
		{"không có trang", nil, "ket-qua", true, nil},
		{"gần giống", y, "ket-qa", false, []string{"#ket-qa", "content/tin-tuc/2020/y.md", "#ket-qua"}},
		{"gần giống có số", y, "noi-dung-2", false, []string{"#noi-dung-1"}},
		{"không gần mục nào", y, "phu-luc-chi-tiet", false, []string{"#phu-luc-chi-tiet", "không có"}},
		{"chữ có dấu", y, "kết-quả", false, []string{"#kết-quả"}},
		{"trang không có mục nào", page(t, s, "tin-tuc/x.md"), "a", false, []string{"content/tin-tuc/x.md"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := site.CheckAnchor(tt.page, tt.anchor)
			if tt.ok {
				if err != nil {
					t.Errorf("CheckAnchor: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatal("CheckAnchor accepted a missing anchor")
			}
			for _, w := range tt.words {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("%q does not contain %q", err, w)
				}
			}
			if strings.Contains(tt.name, "không gần") && strings.Contains(err.Error(), "có phải") {
				t.Errorf("%q suggests a far anchor", err)
			}
		})
	}
}
