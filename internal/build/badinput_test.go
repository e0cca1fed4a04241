package build_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/btnmt/cchc/internal/build"
	"github.com/btnmt/cchc/internal/report"
)

// moreBadInput are the cases of TestBuildRejectsBadInput for every content kind, TOML, duplicate
// URLs of generated pages, encodings and line endings, huge files, symbolic links, path tricks and
// layouts that panic or never end.
func moreBadInput() []badInputCase {
	const bad = "content/tin-tuc/loi.md"
	var (
		crlfBroken = strings.ReplaceAll(fm("\nĐoạn một.\n\nXem [x](khong-co.md).\n",
			`title: "CRLF và liên kết hỏng"`, `date: 2020-05-01`), "\n", "\r\n")
		selfAnchor = fm("\nĐoạn.\n\nXem [mục](#khong-co).\n", `title: "Mục trong trang"`, `date: 2020-05-01`)
		noImage    = fm("\nĐoạn.\n\n![Ảnh hội nghị](khong-co.png)\n", `title: "Ảnh không có"`, `date: 2020-05-01`)
		// A plan activity with no noi_dung and a state that does not exist.
		plan = fm("\nKế hoạch.\n",
			`title: "Kế hoạch lỗi"`, `date: 2020-01-20`, `nam: 2020`,
			`hoat_dong:`,
			`  - stt: 1`,
			`    noi_dung: "Việc một"`,
			`    chu_tri: "Văn phòng Bộ"`,
			`    trang_thai: dang-thuc-hien`,
			`  - stt: 2`,
			`    chu_tri: "Vụ Pháp chế"`,
			`    trang_thai: xong`)
		notice = func(entries ...string) string {
			return fm("\nThông báo.\n", append([]string{
				`title: "Công bố thủ tục"`, `date: 2020-06-15`,
				`quyet_dinh: {so: "12/QĐ-BTNMT", ngay: 2020-06-10}`,
				`ngay_hieu_luc: 2020-07-01`,
				`thu_tuc:`}, entries...)...)
		}
		newProc = []string{
			`  - ma: "1.000001"`, `    ten: "Cấp phép thử"`, `    linh_vuc: "Đất đai"`, `    cap: tinh`,
			`    co_quan: "Sở Tài nguyên và Môi trường"`, `    thay_doi: moi`,
		}
		loopLayout = "{{define \"main\"}}\n<h1>{{.Title}}</h1>\n{{range 1000000000000000}}{{end}}\n{{end}}\n"
	)
	shortRender := func(o *build.Options) { o.RenderTimeout = 500 * time.Millisecond }
	return []badInputCase{
		// Syntax: TOML.
		{
			name:  "toml unknown key",
			files: siteFiles{bad: "+++\ntitle = \"TOML\"\ndate = 2020-05-01\ntitel = \"Sai\"\n+++\n\nThân bài.\n"},
			want:  []wantErr{{bad, 4, []string{`"titel"`, `"title"`}}},
		},
		{
			name:  "toml unclosed string",
			files: siteFiles{bad: "+++\ntitle = \"Không đóng\ndate = 2020-05-01\n+++\n\nThân bài.\n"},
			want:  []wantErr{{bad, 2, []string{"TOML", "cú pháp"}}},
		},
		{
			name:  "toml wrong types",
			files: siteFiles{bad: "+++\ntitle = \"Sai kiểu\"\ndate = 2020-05-01\ndraft = \"có\"\nweight = \"nặng\"\n+++\n\nThân bài.\n"},
			want:  []wantErr{{bad, 4, []string{"draft", "true", "false"}}, {bad, 5, []string{"weight", "số nguyên"}}},
		},
		// Types and dates.
		{
			name:  "weight is text",
			files: siteFiles{bad: fm("\nThân bài.\n", `title: "Sai kiểu"`, `date: 2020-05-01`, `weight: "nặng"`)},
			want:  []wantErr{{bad, 4, []string{"weight", "số nguyên"}}},
		},
		{
			name:  "date written dd/mm/yyyy",
			files: siteFiles{bad: fm("\nThân bài.\n", `title: "Ngày kiểu cũ"`, `date: 16/03/2020`)},
			want:  []wantErr{{bad, 3, []string{"16/03/2020", "không hợp lệ", "YYYY-MM-DD"}}},
		},
		{
			name:  "article reports on a plan that does not exist",
			files: siteFiles{bad: fm("\nThân bài.\n", `title: "Báo cáo"`, `date: 2020-05-01`, `hoat_dong: "khong-co#3"`)},
			want:  []wantErr{{bad, 4, []string{"hoat_dong", "khong-co"}}},
		},
		// Every kind: required keys and their types.
		{
			name:  "TTHC notice without its keys",
			files: siteFiles{"content/thu-tuc-hanh-chinh/tb.md": fm("\nThông báo.\n", `title: "Thông báo thiếu"`, `date: 2020-06-15`)},
			want: []wantErr{
				{"content/thu-tuc-hanh-chinh/tb.md", anyLine, []string{"thiếu", `"quyet_dinh"`}},
				{"content/thu-tuc-hanh-chinh/tb.md", anyLine, []string{"thiếu", `"ngay_hieu_luc"`}},
				{"content/thu-tuc-hanh-chinh/tb.md", anyLine, []string{"thiếu", `"thu_tuc"`}},
			},
		},
		{
			name: "TTHC notice: decision without number, procedure without code, code as a number",
			files: siteFiles{"content/thu-tuc-hanh-chinh/tb.md": fm("\nThông báo.\n",
				`title: "Thông báo lỗi"`, `date: 2020-06-15`,
				`quyet_dinh: {ngay: 2020-06-10}`, // line 4
				`ngay_hieu_luc: 2020-07-01`,
				`thu_tuc:`,
				`  - ten: "Không mã"`, // line 7
				`    thay_doi: moi`,
				`  - ma: 1.004227`, // line 9
				`    thay_doi: bai-bo`)},
			want: []wantErr{
				{"content/thu-tuc-hanh-chinh/tb.md", 4, []string{"thiếu", "quyet_dinh.so"}},
				{"content/thu-tuc-hanh-chinh/tb.md", 7, []string{"thiếu", "thu_tuc[1].ma"}},
				{"content/thu-tuc-hanh-chinh/tb.md", 9, []string{"thu_tuc[2].ma", "ngoặc kép"}},
			},
		},
		{
			name: "TTHC procedure replaced without the replaced codes",
			files: siteFiles{"content/thu-tuc-hanh-chinh/tb.md": notice(`  - ma: "1.000002"`, `    ten: "Thủ tục thay thế"`,
				`    linh_vuc: "Đất đai"`, `    cap: tinh`, `    co_quan: "Sở"`, `    thay_doi: thay-the`)},
			want: []wantErr{{"content/thu-tuc-hanh-chinh/tb.md", 7, []string{"thay-the", "thay_the"}}},
		},
		{
			name:  "TTHC procedure twice in one notice",
			files: siteFiles{"content/thu-tuc-hanh-chinh/tb.md": notice(append(append([]string{}, newProc...), `  - ma: "1.000001"`, `    thay_doi: sua-doi`)...)},
			want:  []wantErr{{"content/thu-tuc-hanh-chinh/tb.md", 13, []string{"1.000001", "hai lần"}}},
		},
		{
			name:  "TTHC history: abolishing an unknown code",
			files: siteFiles{"content/thu-tuc-hanh-chinh/tb.md": notice(`  - ma: "9.999999"`, `    thay_doi: bai-bo`)},
			want:  []wantErr{{"content/thu-tuc-hanh-chinh/tb.md", 7, []string{"9.999999"}}},
		},
		{
			name:  "plan without activities",
			files: siteFiles{"content/ke-hoach/kh.md": fm("\nKế hoạch.\n", `title: "Kế hoạch trống"`, `date: 2020-01-20`)},
			want:  []wantErr{{"content/ke-hoach/kh.md", anyLine, []string{"thiếu", `"hoat_dong"`}}},
		},
		{
			name:  "plan activity without content, state unknown",
			files: siteFiles{"content/ke-hoach/kh.md": plan},
			want: []wantErr{
				{"content/ke-hoach/kh.md", lineOf(plan, "stt: 2"), []string{"thiếu", "hoat_dong[2].noi_dung"}},
				{"content/ke-hoach/kh.md", lineOf(plan, "xong"), []string{"hoat_dong[2].trang_thai", "xong", "hoan-thanh"}},
			},
		},
		{
			name:  "document without its keys",
			files: siteFiles{"content/van-ban/vb.md": fm("\nVăn bản.\n", `title: "Văn bản thiếu"`, `date: 2020-01-20`)},
			want: []wantErr{
				{"content/van-ban/vb.md", anyLine, []string{"thiếu", `"so_ky_hieu"`}},
				{"content/van-ban/vb.md", anyLine, []string{"thiếu", `"loai"`}},
				{"content/van-ban/vb.md", anyLine, []string{"thiếu", `"co_quan_ban_hanh"`}},
				{"content/van-ban/vb.md", anyLine, []string{"thiếu", `"ngay_ban_hanh"`}},
			},
		},
		{
			name: "document: number as a number, date dd/mm/yyyy, missing file",
			files: siteFiles{"content/van-ban/vb.md": fm("\nVăn bản.\n", `title: "Văn bản lỗi"`, `date: 2020-01-20`,
				`so_ky_hieu: 123`, `loai: "Quyết định"`, `co_quan_ban_hanh: "Bộ Tài nguyên và Môi trường"`, `ngay_ban_hanh: 20/01/2020`)},
			want: []wantErr{
				{"content/van-ban/vb.md", 4, []string{"so_ky_hieu", "ngoặc kép"}},
				{"content/van-ban/vb.md", 7, []string{"ngay_ban_hanh", "20/01/2020", "không hợp lệ"}},
			},
		},
		{
			name: "document file that does not exist",
			files: siteFiles{"content/van-ban/vb.md": fm("\nVăn bản.\n", `title: "Văn bản thiếu tệp"`, `date: 2020-01-20`,
				`so_ky_hieu: "1/QĐ-BTNMT"`, `loai: "Quyết định"`, `co_quan_ban_hanh: "Bộ"`, `ngay_ban_hanh: 2020-01-10`, `tep: ["khong-co.pdf"]`)},
			want: []wantErr{{"content/van-ban/vb.md", 8, []string{"tep", "khong-co.pdf"}}},
		},
		{
			name:  "event without start, unknown type",
			files: siteFiles{"content/su-kien/sk.md": fm("\nSự kiện.\n", `title: "Sự kiện thiếu"`, `date: 2020-01-20`, `loai: hoi-thao`)},
			want: []wantErr{
				{"content/su-kien/sk.md", anyLine, []string{"thiếu", `"bat_dau"`}},
				{"content/su-kien/sk.md", 4, []string{"loai", "hoi-thao", "hoi-nghi"}},
			},
		},
		{
			name: "event ending before it starts",
			files: siteFiles{"content/su-kien/sk.md": fm("\nSự kiện.\n", `title: "Sự kiện ngược"`, `date: 2020-01-20`,
				`bat_dau: 2020-03-10`, `ket_thuc: 2020-03-01`)},
			want: []wantErr{{"content/su-kien/sk.md", 5, []string{"ket_thuc", "bat_dau"}}},
		},
		{
			name:  "Q&A without question and date",
			files: siteFiles{"content/hoi-dap/hd.md": fm("\nTrả lời.\n", `title: "Hỏi đáp thiếu"`, `date: 2020-01-20`)},
			want: []wantErr{
				{"content/hoi-dap/hd.md", anyLine, []string{"thiếu", `"hoi"`}},
				{"content/hoi-dap/hd.md", anyLine, []string{"thiếu", `"ngay_hoi"`}},
			},
		},
		{
			name: "Q&A question as a list, date that does not exist",
			files: siteFiles{"content/hoi-dap/hd.md": fm("\nTrả lời.\n", `title: "Hỏi đáp sai kiểu"`, `date: 2020-01-20`,
				`hoi: ["Một", "Hai"]`, `ngay_hoi: 2020-02-31`)},
			want: []wantErr{
				{"content/hoi-dap/hd.md", 4, []string{"hoi", "chuỗi"}},
				{"content/hoi-dap/hd.md", 5, []string{"ngay_hoi", "2020-02-31"}},
			},
		},
		// Duplicate URLs of generated pages.
		{
			name: "alias equal to a tag's page",
			files: siteFiles{bad: fm("\nThân bài.\n", `title: "Bí danh trùng thẻ"`, `date: 2020-05-01`,
				`aliases: ["/the/cai-cach/"]`)}, // bai-hai has the tag "cải cách"
			want: []wantErr{{bad, 4, []string{"/the/cai-cach/", "trùng", "cải cách"}}},
		},
		{
			name:  "two spellings of one tag",
			files: siteFiles{bad: fm("\nThân bài.\n", `title: "Hai cách viết"`, `date: 2020-05-01`, `tags: ["Cải cách", "cai-cach"]`)},
			// Reported at the first page with the tag, naming the page with the other spelling.
			want: []wantErr{{"content/tin-tuc/bai-hai.md", anyLine, []string{"/the/cai-cach/", "cai-cach", bad}}},
		},
		{
			name:  "a section where the taxonomy is",
			files: siteFiles{"content/the/trang.md": fm("\nThân bài.\n", `title: "Trang ở mục the"`, `date: 2020-05-01`)},
			want:  []wantErr{{"content/the/trang.md", anyLine, []string{"/the/", "trùng"}}},
		},
		{
			name:  "procedure page where a notice is",
			files: siteFiles{"content/thu-tuc-hanh-chinh/1-000001.md": notice(newProc...)},
			want:  []wantErr{{"content/thu-tuc-hanh-chinh/1-000001.md", anyLine, []string{"/thu-tuc-hanh-chinh/1-000001/", "trùng", "1.000001"}}},
		},
		// Links.
		{
			name:  "broken anchor in the same page",
			files: siteFiles{bad: selfAnchor},
			want:  []wantErr{{bad, lineOf(selfAnchor, "#khong-co"), []string{"#khong-co"}}},
		},
		{
			name:  "image that does not exist",
			files: siteFiles{bad: noImage},
			want:  []wantErr{{bad, lineOf(noImage, "khong-co.png"), []string{"khong-co.png"}}},
		},
		// Encodings, line endings, sizes.
		{
			name:  "invalid UTF-8 in the front matter",
			files: siteFiles{bad: fm("\nThân bài.\n", "title: \"Sai m\xe3\"", `date: 2020-05-01`)},
			want:  []wantErr{{bad, 2, []string{"UTF-8"}}},
		},
		{
			name:  "BOM, the line of an error is still right",
			files: siteFiles{bad: "\xef\xbb\xbf" + fm("\nThân bài.\n", `title: "Có BOM"`, `date: 2020-05-01`, `titel: "Sai"`)},
			want:  []wantErr{{bad, 4, []string{`"titel"`}}},
		},
		{
			name:  "CRLF, the line of an error is still right",
			files: siteFiles{bad: crlfBroken},
			want:  []wantErr{{bad, lineOf(crlfBroken, "khong-co.md"), []string{"khong-co.md"}}},
		},
		{
			name:  "CRLF front matter with an unknown key",
			files: siteFiles{bad: strings.ReplaceAll(fm("\nThân bài.\n", `title: "CRLF"`, `date: 2020-05-01`, `titel: "Sai"`), "\n", "\r\n")},
			want:  []wantErr{{bad, 4, []string{`"titel"`}}},
		},
		{
			name:  "file of blank lines",
			files: siteFiles{bad: "  \n\n\t\n"},
			want:  []wantErr{{bad, 1, []string{"rỗng"}}},
		},
		{
			name: "file of 20 MB",
			files: siteFiles{bad: fm("\n"+strings.Repeat(strings.Repeat("b", 1023)+"\n", 20<<10),
				`title: "Hai mươi MB"`, `date: 2020-05-01`)},
			want: []wantErr{{bad, 0, []string{"MB"}}},
		},
		// Paths.
		{
			name: "symlinked folder out of the site",
			setup: func(t *testing.T, src string) {
				t.Helper()
				outside := t.TempDir()
				if err := os.WriteFile(filepath.Join(outside, "bi-mat.md"), []byte(fm("\nBên ngoài.\n", `title: "Ngoài"`, `date: 2020-05-01`)), 0o644); err != nil {
					t.Fatal(err)
				}
				if err := os.Symlink(outside, filepath.Join(src, "content", "tin-tuc", "ngoai")); err != nil {
					t.Skip("symlinks not supported:", err)
				}
			},
			want: []wantErr{{"content/tin-tuc/ngoai", 0, []string{"symlink", "ngoài"}}},
		},
		{
			name:  "bundle folder that slugs to nothing",
			files: siteFiles{"content/tin-tuc/???/index.md": fm("\nThân bài.\n", `title: "Thư mục chỉ có ký hiệu"`, `date: 2020-05-01`)},
			want:  []wantErr{{"content/tin-tuc/???/index.md", anyLine, []string{"rỗng"}}},
		},
		{
			name:  "slug of dot-dot",
			files: siteFiles{bad: fm("\nThân bài.\n", `title: "Slug là .."`, `date: 2020-05-01`, `slug: ".."`)},
			want:  []wantErr{{bad, 4, []string{"slug", ".."}}},
		},
		{
			name:  "relative alias climbing out",
			files: siteFiles{bad: fm("\nThân bài.\n", `title: "Bí danh tương đối"`, `date: 2020-05-01`, `aliases: ["../../../etc/x/"]`)},
			want:  []wantErr{{bad, 4, []string{"aliases", "../../../etc/x/"}}},
		},
		// Layouts that panic or never end.
		{
			name:  "layout that panics",
			files: siteFiles{"layouts/_default/single.html": "{{define \"main\"}}\n<h1>{{.Title}}</h1>\n<p>{{.Parent.Parent.Parent.RelPermalink}}</p>\n{{end}}\n"},
			want:  []wantErr{{"layouts/_default/single.html", 3, []string{"mẫu trang", "RelPermalink"}}},
		},
		{
			name:  "layout that loops forever",
			files: siteFiles{"layouts/_default/single.html": loopLayout},
			mod:   shortRender,
			want:  []wantErr{{"layouts/_default/single.html", 0, []string{"mẫu trang", "0,5 giây", "vòng lặp", "/tin-tuc/"}}},
		},
		{
			name:  "layout that calls itself",
			files: siteFiles{"layouts/partials/footer.html": "<footer>\n{{template \"partials/footer.html\" .}}\n</footer>\n"},
			mod:   shortRender,
			check: func(t *testing.T, list report.ErrorList) {
				t.Helper()
				for _, e := range list {
					if strings.HasPrefix(e.Path, "layouts/") && strings.Contains(e.Error(), "mẫu trang") {
						return
					}
				}
				t.Errorf("no layout error for a partial that calls itself; got:\n%v", list)
			},
		},
		{
			name:  "partialBlock inside an attribute",
			files: siteFiles{"layouts/_default/single.html": "{{define \"main\"}}\n<h1 title=\"{{partialBlock \"partials/footer.html\" .}}\">{{.Title}}</h1>\n{{end}}\n"},
			want:  []wantErr{{"layouts/_default/single.html", 0, []string{"partialBlock", "thuộc tính", "partialCached"}}},
		},
		// Links a layout emits are checked like the links of the content.
		{
			// The footer is cached (partialCached) and spliced into pages after minification.
			name:  "cached partial with a broken link",
			files: siteFiles{"layouts/partials/footer.html": `<footer class="site-footer"><a href="/chan-trang-khong-co/">x</a></footer>`},
			check: func(t *testing.T, list report.ErrorList) {
				t.Helper()
				for _, e := range list {
					if strings.HasPrefix(e.Path, "layouts/") && strings.Contains(e.Error(), "/chan-trang-khong-co/") {
						return
					}
				}
				t.Errorf("the broken link of the footer is not reported; got:\n%v", list)
			},
		},
		{
			name: "layout with broken links",
			files: siteFiles{"layouts/_default/single.html": "{{define \"main\"}}\n<h1>{{.Title}}</h1>\n" +
				`<a href="/khong-co/">x</a><img src="/anh/khong-co.png" alt="x"><a href="/tin-tuc/">tin</a>` +
				`<a data-href="/bo-qua/" href="#a">y</a><a href="//cdn.example.vn/z.js">z</a><a href=/khong-ngoac/>w</a>` + "\n{{end}}\n"},
			check: func(t *testing.T, list report.ErrorList) {
				t.Helper()
				found := map[string]bool{}
				for _, e := range list {
					if e.Path != "layouts/_default/single.html" {
						continue
					}
					for _, u := range []string{"/khong-co/", "/anh/khong-co.png", "/tin-tuc/", "/bo-qua/", "cdn.example.vn"} {
						if strings.Contains(e.Error(), "liên kết "+u) || strings.Contains(e.Error(), u+" nhưng") {
							found[u] = true
						}
					}
				}
				if !found["/khong-co/"] || !found["/anh/khong-co.png"] {
					t.Errorf("the broken href and src are not both reported; got:\n%v", list)
				}
				for _, u := range []string{"/tin-tuc/", "/bo-qua/", "cdn.example.vn"} {
					if found[u] {
						t.Errorf("%s is reported, but it is not a broken link of the site; got:\n%v", u, list)
					}
				}
			},
		},
	}
}

// TestBuildContainsDotDotSlug builds a page whose slug climbs with "..": the slug is made of its
// words, and nothing is written outside the destination.
func TestBuildContainsDotDotSlug(t *testing.T) {
	t.Parallel()
	files := baseSite().with(siteFiles{"content/tin-tuc/leo.md": fm("\nThân bài.\n", `title: "Leo ra ngoài"`, `date: 2020-05-01`, `slug: "../../../ngoai/x"`)})
	src := writeSite(t, files)
	root := t.TempDir()
	dest := filepath.Join(root, "a", "b", "public")
	mustBuild(t, options(src, dest))
	if !exists(dest, "tin-tuc/ngoai-x/index.html") {
		t.Errorf("the page is not at tin-tuc/ngoai-x/; output: %v", keys(treeFiles(t, dest)))
	}
	entries, err := os.ReadDir(filepath.Join(root, "a", "b"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != "public" {
			t.Errorf("%s written beside the destination", e.Name())
		}
	}
	for _, d := range []string{filepath.Join(root, "ngoai"), filepath.Join(root, "a", "ngoai")} {
		if _, err := os.Stat(d); err == nil {
			t.Errorf("%s written outside the destination", d)
		}
	}
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
