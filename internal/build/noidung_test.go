package build_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/btnmt/cchc/internal/build"
	"github.com/btnmt/cchc/internal/ical"
)

// Tests of plans, documents, events, Q&A and the feedback page, on the fixture site
// testdata/site-noi-dung built at noiDungNow.

// noiDungNow is the build time of the fixture: one event is over, one is going on, two are to come.
var noiDungNow = time.Date(2021, time.January, 15, 9, 0, 0, 0, vnZone)

// noiDungFiles are the fixture's attachments, written by the tests rather than kept in the
// repository; their sizes exercise the size formats.
var noiDungFiles = map[string]int{
	"content/van-ban/qd-12/qd-12.pdf":              250_880,   // 245 KB
	"content/van-ban/qd-12/phu-luc/mau-phieu.docx": 1536,      // 1,5 KB
	"content/van-ban/cv-7.pdf":                     1_258_291, // 1,2 MB
	"static/tai-lieu/huong-dan.xlsx":               900,       // 900 B
}

// noiDungSite copies the fixture into a temporary folder, adds its attachments and returns it.
func noiDungSite(t *testing.T) string {
	t.Helper()
	root := filepath.Join(t.TempDir(), "site")
	src := filepath.Join("testdata", "site-noi-dung")
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(root, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(root, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	files := siteFiles{}
	for rel, n := range noiDungFiles {
		files[rel] = strings.Repeat("x", n)
	}
	writeFiles(t, root, files)
	return root
}

// buildNoiDung builds the fixture at noiDungNow and returns the destination.
func buildNoiDung(t *testing.T, now time.Time) (string, *build.Result) {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	opts := options(noiDungSite(t), dest)
	opts.Now = now
	return dest, mustBuild(t, opts)
}

// noiDungGolden are the outputs of the fixture compared with testdata/golden-noi-dung/.
var noiDungGolden = []string{
	"index.html",
	"ke-hoach/index.html",
	"ke-hoach/kh-2020/index.html",
	"ke-hoach/nam/2021/index.html",
	"van-ban/index.html",
	"van-ban/qd-12/index.html",
	"van-ban/cv-7/index.html",
	"van-ban/loai/quyet-dinh/index.html",
	"van-ban/van-ban.json",
	"su-kien/index.html",
	"su-kien/hoi-nghi-2020/index.html",
	"su-kien/hoi-nghi-2020/su-kien.ics",
	"su-kien/thi-dua-2021/su-kien.ics",
	"su-kien/sap-dien-ra.ics",
	"hoi-dap/index.html",
	"hoi-dap/nop-ho-so-truc-tuyen/index.html",
	"hoi-dap/cho-tra-loi/index.html",
	"hoi-dap/linh-vuc/dat-dai/index.html",
	"gop-y/index.html",
}

// compareGolden compares got with testdata/golden-noi-dung/<name>, or rewrites it with -update.
func compareGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	file := filepath.Join("testdata", "golden-noi-dung", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		i := 0
		for i < len(got) && i < len(want) && got[i] == want[i] {
			i++
		}
		t.Errorf("%s differs from %s at byte %d:\ngot:  …%s…\nwant: …%s…", name, file, i, around(got, i), around(want, i))
	}
}

// TestNoiDungGolden compares the pages of the four kinds, their indexes, calendars and the
// feedback page with testdata/golden-noi-dung/. Regenerate with
//
//	go test ./internal/build -run NoiDungGolden -update
func TestNoiDungGolden(t *testing.T) {
	t.Parallel()
	dest, _ := buildNoiDung(t, noiDungNow)
	for _, out := range noiDungGolden {
		t.Run(goldenName(out), func(t *testing.T) {
			compareGolden(t, goldenName(out), []byte(readOut(t, dest, out)))
		})
	}
}

// between returns the part of s after the first from and before the next to.
func between(t *testing.T, s, from, to string) string {
	t.Helper()
	i := strings.Index(s, from)
	if i < 0 {
		t.Fatalf("no %q in the page", from)
	}
	s = s[i+len(from):]
	if j := strings.Index(s, to); j >= 0 {
		s = s[:j]
	}
	return s
}

// inOrder fails the test unless the strings appear in s in that order.
func inOrder(t *testing.T, s string, parts ...string) {
	t.Helper()
	at := 0
	for _, p := range parts {
		i := strings.Index(s[at:], p)
		if i < 0 {
			t.Errorf("%q is missing or out of order (after %q)", p, s[:at][max(0, at-60):])
			return
		}
		at += i + len(p)
	}
}

func TestNoiDungPlan(t *testing.T) {
	t.Parallel()
	dest, _ := buildNoiDung(t, noiDungNow)
	page := readOut(t, dest, "ke-hoach/kh-2020/index.html")
	// Progress, as text and as an SVG bar per status.
	for _, want := range []string{
		"Đã hoàn thành <strong>2/4</strong> hoạt động (50%)",
		"Hoàn thành</span>", "2 hoạt động (50%)",
		"Đang thực hiện</span>", "1 hoạt động (25%)",
		"Chưa bắt đầu</span>", "0 hoạt động (0%)",
		"Tạm dừng</span>",
		`<rect class="gia-tri" width="50" height="10"/>`,
		`<rect class="gia-tri" width="25" height="10"/>`,
		`<caption>`, `<th scope="col">Đơn vị chủ trì</th>`, `<th scope="row" data-label="STT">1</th>`,
		`data-label="Đơn vị phối hợp">Vụ Tổ chức cán bộ; Báo TN&amp;MT</td>`,
		"Tọa đàm &lt;về&gt; cải cách &amp; đổi mới",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the plan's page has no %q", want)
		}
	}
	// Activities in stt order, whatever the order of the front matter.
	inOrder(t, page, `id="hd-1"`, `id="hd-2"`, `id="hd-3"`, `id="hd-4"`)
	// Activity 1's reporting articles, newest first; activity 2 has none.
	row1 := between(t, page, `id="hd-1"`, `</tr>`)
	inOrder(t, row1, "Tin, bài đưa tin (2)", "Chuyên trang sau sáu tháng", "(15/07/2020)", "Cập nhật Chuyên trang", "(02/03/2020)")
	if row2 := between(t, page, `id="hd-2"`, `</tr>`); strings.Contains(row2, "Tin, bài") {
		t.Error("activity 2 lists reporting articles it has none of")
	}
	if row3 := between(t, page, `id="hd-3"`, `</tr>`); !strings.Contains(row3, "/cchc/tin-tuc/kenh-phan-anh/") {
		t.Error("activity 3 does not list its article")
	}
	// No JavaScript of its own on a plan page (the site-wide phone menu script aside).
	noData := strings.ReplaceAll(page, `<script type="application/ld+json">`, "")
	noData = strings.ReplaceAll(noData, `<script src="/cchc/js/menu.js" defer></script>`, "")
	if regexp.MustCompile(`<script(?: [^>]*)?>`).MatchString(noData) {
		t.Error("the plan's page has a script")
	}

	index := readOut(t, dest, "ke-hoach/index.html")
	inOrder(t, index, "Năm 2021", "Kế hoạch tuyên truyền năm 2021", "Năm 2020", "Kế hoạch tuyên truyền năm 2020")
	// The current plan (of the build's year, 2021) is summed up first.
	inOrder(t, index, "Tiến độ kế hoạch năm 2021", "Đã hoàn thành <strong>0/1</strong>")
	for _, y := range []string{"2020", "2021"} {
		if !exists(dest, "ke-hoach/nam/"+y+"/index.html") {
			t.Errorf("no page of the plans of %s", y)
		}
	}
	home := readOut(t, dest, "index.html")
	inOrder(t, home, "Tiến độ kế hoạch năm 2021", "Kế hoạch tuyên truyền năm 2021", "Tin mới")
}

func TestHoatDongCrossCheck(t *testing.T) {
	t.Parallel()
	plan := fm("\nKế hoạch.\n", `title: "Kế hoạch 2020"`, `date: 2020-01-20`, `hoat_dong:`,
		`  - stt: 1`, `    noi_dung: "Một"`, `    chu_tri: "Văn phòng Bộ"`, `    trang_thai: hoan-thanh`,
		`  - stt: 2`, `    noi_dung: "Hai"`, `    chu_tri: "Văn phòng Bộ"`, `    trang_thai: dang-thuc-hien`)
	article := func(hd string) string {
		return fm("\nBài.\n", `title: "Bài đưa tin"`, `date: 2020-05-01`, `tags: ["a"]`, `hoat_dong: "`+hd+`"`)
	}
	const art = "content/tin-tuc/dua-tin.md"
	tests := []struct {
		name  string
		files siteFiles
		words []string
	}{
		{"missing plan, close to one", siteFiles{"content/ke-hoach/kh-2020.md": plan, art: article("kh-202#1")},
			[]string{"hoat_dong", "không có kế hoạch", "kh-202", "kh-2020#1"}},
		{"missing plan, no plan at all", siteFiles{art: article("ke-hoach-khac#1")},
			[]string{"hoat_dong", "ke-hoach-khac", "chưa có kế hoạch nào"}},
		{"missing activity", siteFiles{"content/ke-hoach/kh-2020.md": plan, art: article("kh-2020#3")},
			[]string{"hoat_dong", "không có hoạt động số 3", "1, 2"}},
		{"activity not a number", siteFiles{"content/ke-hoach/kh-2020.md": plan, art: article("kh-2020#ba")},
			[]string{"hoat_dong", "số thứ tự", "ba"}},
		{"plan is a draft", siteFiles{"content/ke-hoach/kh-2020.md": strings.Replace(plan, "date: 2020-01-20", "date: 2020-01-20\ndraft: true", 1), art: article("kh-2020#1")},
			[]string{"hoat_dong", "kh-2020"}},
		{"two plans with the same slug", siteFiles{"content/ke-hoach/kh-2020.md": plan, "content/ke-hoach/cu/kh-2020.md": plan, art: article("kh-2020#1")},
			[]string{"hoat_dong", "nhiều kế hoạch", "content/ke-hoach/cu/kh-2020.md", "content/ke-hoach/kh-2020.md"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			src := writeSite(t, baseSite().with(tt.files))
			_, err := build.Build(options(src, filepath.Join(t.TempDir(), "public")))
			if err == nil {
				t.Fatal("the build accepted the article")
			}
			checkErr(t, errorList(t, err), wantErr{Path: art, Line: lineOf(tt.files[art], "hoat_dong:"), Words: tt.words})
		})
	}
	t.Run("many reports", func(t *testing.T) {
		t.Parallel()
		files := siteFiles{"content/ke-hoach/kh-2020.md": plan}
		for i := 1; i <= 7; i++ {
			files[fmt.Sprintf("content/tin-tuc/tin-%d.md", i)] = fm("\nBài.\n", fmt.Sprintf(`title: "Tin số %d"`, i), fmt.Sprintf(`date: 2020-05-%02d`, i), `hoat_dong: "kh-2020#1"`)
		}
		dest, _ := buildFiles(t, baseSite().with(files), nil)
		row := between(t, readOut(t, dest, "ke-hoach/kh-2020/index.html"), `id="hd-1"`, "</tr>")
		// The five newest at once, the two oldest folded away.
		inOrder(t, row, "Tin, bài đưa tin (7)", "Tin số 7", "Tin số 6", "Tin số 5", "Tin số 4", "Tin số 3",
			"<details>", "<summary>Xem thêm 2 tin, bài cũ hơn</summary>", "Tin số 2", "Tin số 1", "</details>")
	})
	t.Run("accepted forms", func(t *testing.T) {
		t.Parallel()
		dest, _ := buildFiles(t, baseSite().with(siteFiles{
			"content/ke-hoach/kh-2020.md": plan,
			"content/tin-tuc/a.md":        article("kh-2020#2"),
			"content/tin-tuc/b.md":        article("/ke-hoach/kh-2020/#02"),
		}), nil)
		row := between(t, readOut(t, dest, "ke-hoach/kh-2020/index.html"), `id="hd-2"`, "</tr>")
		for _, u := range []string{"/tin-tuc/a/", "/tin-tuc/b/"} {
			if !strings.Contains(row, u) {
				t.Errorf("activity 2 does not list %s", u)
			}
		}
	})
}

func TestDocumentFiles(t *testing.T) {
	t.Parallel()
	dest, _ := buildNoiDung(t, noiDungNow)
	for out, size := range map[string]int{
		"van-ban/qd-12/qd-12.pdf":              250_880,   // a bundle's resource, next to its page
		"van-ban/qd-12/phu-luc/mau-phieu.docx": 1536,      // in a folder of the bundle
		"van-ban/cv-7/cv-7.pdf":                1_258_291, // beside a single-file page: copied next to it
		"tai-lieu/huong-dan.xlsx":              900,       // under static/
	} {
		st, err := os.Stat(filepath.Join(dest, filepath.FromSlash(out)))
		if err != nil {
			t.Errorf("%s not written: %v", out, err)
			continue
		}
		if int(st.Size()) != size {
			t.Errorf("%s has %d bytes, want %d", out, st.Size(), size)
		}
	}
	qd := readOut(t, dest, "van-ban/qd-12/index.html")
	for _, want := range []string{
		`<a href="/cchc/van-ban/qd-12/qd-12.pdf" type="application/pdf">qd-12.pdf</a> <span class="tep-thong-tin">(PDF, 245 KB)</span>`,
		`href="/cchc/van-ban/qd-12/phu-luc/mau-phieu.docx"`, "(DOCX, 1,5 KB)",
		`href="/cchc/tai-lieu/huong-dan.xlsx"`, "(XLSX, 900 B)",
		`<th scope="row">Số, ký hiệu</th><td>12/QĐ-BTN</td>`,
		`<th scope="row">Người ký</th><td>Nguyễn Văn A</td>`,
		`<th scope="row">Ngày có hiệu lực</th><td><time datetime="2020-06-01T00:00:00&#43;07:00">01/06/2020</time></td>`,
		`<a href="/cchc/van-ban/loai/quyet-dinh/">Quyết định</a>`,
	} {
		if !strings.Contains(qd, want) {
			t.Errorf("the document's page has no %q", want)
		}
	}
	if cv := readOut(t, dest, "van-ban/cv-7/index.html"); !strings.Contains(cv, `<a href="/cchc/van-ban/cv-7/cv-7.pdf" type="application/pdf">cv-7.pdf</a> <span class="tep-thong-tin">(PDF, 1,2 MB)</span>`) {
		t.Error("the single-file document does not link its file next to the page with its size")
	}
}

func TestDocumentMissingFile(t *testing.T) {
	t.Parallel()
	const doc = "content/van-ban/qd.md"
	page := func(tep string) string {
		return fm("\nVăn bản.\n", `title: "Quyết định"`, `date: 2020-05-01`, `so_ky_hieu: "1/QĐ"`, `loai: "Quyết định"`,
			`co_quan_ban_hanh: "Bộ"`, `ngay_ban_hanh: 2020-05-01`, `tep: `+tep)
	}
	tests := []struct {
		name  string
		files siteFiles
		words []string
	}{
		{"relative file missing", siteFiles{doc: page(`"qd.pdf"`)}, []string{"tep", "content/van-ban/qd.pdf"}},
		{"relative file misspelt", siteFiles{doc: page(`"qd-1.pdf"`), "content/van-ban/qd-l.pdf": "%PDF"}, []string{"tep", "qd-1.pdf", "qd-l.pdf"}},
		{"static file missing", siteFiles{doc: page(`"/tai-lieu/qd.pdf"`)}, []string{"tep", "static/tai-lieu/qd.pdf"}},
		{"outside content", siteFiles{doc: page(`"../../site.yaml"`)}, []string{"tep", "ngoài thư mục content"}},
		{"a page, not a file", siteFiles{doc: page(`"khac.md"`)}, []string{"tep", "khac.md", "Markdown"}},
		{"empty file", siteFiles{doc: page(`"qd.pdf"`), "content/van-ban/qd.pdf": ""}, []string{"tep", "rỗng"}},
		{"one of two missing", siteFiles{doc: page(`["qd.pdf", "phu-luc.pdf"]`), "content/van-ban/qd.pdf": "%PDF"}, []string{"tep", "phu-luc.pdf"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			src := writeSite(t, baseSite().with(tt.files))
			_, err := build.Build(options(src, filepath.Join(t.TempDir(), "public")))
			if err == nil {
				t.Fatal("the build accepted the document")
			}
			list := errorList(t, err)
			checkErr(t, list, wantErr{Path: doc, Line: lineOf(tt.files[doc], "tep:"), Words: tt.words})
		})
	}
}

func TestDocumentsIndex(t *testing.T) {
	t.Parallel()
	dest, _ := buildNoiDung(t, noiDungNow)
	index := readOut(t, dest, "van-ban/index.html")
	// Newest by date of issue first.
	inOrder(t, index, "7/BTN-VP", "12/QĐ-BTN", "1/NQ-CP")
	// Filters: links without JavaScript, a form for the script, in Vietnamese order.
	for _, want := range []string{
		`href="/cchc/van-ban/loai/cong-van/"`, `href="/cchc/van-ban/nam/2019/"`, `href="/cchc/van-ban/co-quan/chinh-phu/"`,
		`<form class="loc-van-ban" method="get" action="/cchc/van-ban/" data-json="/cchc/van-ban/van-ban.json"`,
		`<label for="loc-loai">`, `<script src="/cchc/js/loc-van-ban.js" defer></script>`,
	} {
		if !strings.Contains(index, want) {
			t.Errorf("the documents index has no %q", want)
		}
	}
	inOrder(t, between(t, index, `<select id="loc-co-quan"`, "</select>"), "Bộ Thử nghiệm", "Chính phủ", "Văn phòng Bộ Thử nghiệm")
	for out, docs := range map[string][]string{
		"van-ban/loai/cong-van/index.html":                   {"7/BTN-VP"},
		"van-ban/nam/2020/index.html":                        {"12/QĐ-BTN"},
		"van-ban/co-quan/van-phong-bo-thu-nghiem/index.html": {"7/BTN-VP"},
	} {
		page := readOut(t, dest, out)
		for _, d := range docs {
			if !strings.Contains(page, d) {
				t.Errorf("%s does not list %s", out, d)
			}
		}
		if strings.Contains(page, "1/NQ-CP") {
			t.Errorf("%s lists a document it should filter out", out)
		}
	}
	if p := readOut(t, dest, "van-ban/loai/cong-van/index.html"); !strings.Contains(p, `<option value="cong-van" selected>`) {
		t.Error("the filtered page's form does not select its filter")
	}
	var list []map[string]any
	if err := json.Unmarshal([]byte(readOut(t, dest, "van-ban/van-ban.json")), &list); err != nil {
		t.Fatalf("van-ban.json: %v", err)
	}
	if len(list) != 3 || list[0]["so_ky_hieu"] != "7/BTN-VP" || list[0]["url"] != "/cchc/van-ban/cv-7/" ||
		list[0]["loai_slug"] != "cong-van" || list[0]["nam"] != float64(2021) || list[0]["ngay_ban_hanh"] != "04/01/2021" {
		t.Errorf("van-ban.json = %v", list)
	}
}

func TestEventsIndex(t *testing.T) {
	t.Parallel()
	dest, _ := buildNoiDung(t, noiDungNow)
	index := readOut(t, dest, "su-kien/index.html")
	upcoming := between(t, index, `id="sk-sap-dien-ra"`, "</section>")
	inOrder(t, upcoming, "Phong trào thi đua năm 2021", "Đang diễn ra", "Tập huấn kiểm soát", "Sắp diễn ra", "Tọa đàm về dịch vụ công")
	if strings.Contains(upcoming, "Hội nghị tổng kết năm 2020") {
		t.Error("a past event is listed as upcoming")
	}
	// paginate is 3: the past event is on the second page, under its own heading.
	if past := between(t, readOut(t, dest, "su-kien/trang/2/index.html"), `id="sk-da-dien-ra"`, "</section>"); !strings.Contains(past, "Hội nghị tổng kết năm 2020") {
		t.Error("the past event is not listed as past")
	}
	page := readOut(t, dest, "su-kien/hoi-nghi-2020/index.html")
	for _, want := range []string{"08:00 – 11:30, Thứ Sáu, 18/12/2020", "Hội trường A", "Vụ Tổ chức cán bộ, Văn phòng Bộ", "Hội nghị", "Đã diễn ra", `href="/cchc/su-kien/hoi-nghi-2020/su-kien.ics"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the event's page has no %q", want)
		}
	}
	if p := readOut(t, dest, "su-kien/tap-huan-2021/index.html"); !strings.Contains(p, "Từ Thứ Hai, 01/02/2021 đến Thứ Ba, 02/02/2021") {
		t.Error("a two-day event does not show its range")
	}

	// The build time is injected: a year later everything is over.
	later, _ := buildNoiDung(t, time.Date(2022, 1, 1, 0, 0, 0, 0, vnZone))
	index = readOut(t, later, "su-kien/index.html")
	if !strings.Contains(index, "Hiện chưa có sự kiện nào sắp diễn ra.") || strings.Contains(index, "Đang diễn ra") {
		t.Error("a year later, the index still lists upcoming events")
	}
	root, err := ical.Parse([]byte(readOut(t, later, "su-kien/sap-dien-ra.ics")))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(root.All("VEVENT")); n != 0 {
		t.Errorf("a year later, sap-dien-ra.ics has %d events", n)
	}
}

func TestEventICS(t *testing.T) {
	t.Parallel()
	dest, _ := buildNoiDung(t, noiDungNow)
	parse := func(out string) *ical.Component {
		t.Helper()
		data := []byte(readOut(t, dest, out))
		for i, line := range bytes.Split(bytes.TrimSuffix(data, []byte("\r\n")), []byte("\r\n")) {
			if len(line) > 75 || bytes.ContainsAny(line, "\r\n") {
				t.Errorf("%s line %d: %q", out, i+1, line)
			}
		}
		root, err := ical.Parse(data)
		if err != nil {
			t.Fatalf("%s: %v", out, err)
		}
		return root
	}
	prop := func(c *ical.Component, name string) ical.Property {
		t.Helper()
		p, ok := c.Get(name)
		if !ok {
			t.Fatalf("%s missing", name)
		}
		return p
	}
	uids := map[string]string{}
	for _, tt := range []struct {
		slug, start, startParam, end, stamp, summary string
	}{
		{"hoi-nghi-2020", "20201218T080000", "TZID", "20201218T113000", "20201206T170000Z", "Hội nghị tổng kết năm 2020"},
		{"thi-dua-2021", "20210104", "VALUE", "20220101", "20210101T170000Z", "Phong trào thi đua năm 2021"},
		{"tap-huan-2021", "20210201", "VALUE", "20210203", "20210111T170000Z", "Tập huấn kiểm soát thủ tục hành chính"},
		{"toa-dam-2021", "20210310T140000", "TZID", "", "20210109T170000Z", "Tọa đàm về dịch vụ công trực tuyến, thanh toán điện tử; mức độ 4 và các vướng mắc khi nộp hồ sơ"},
	} {
		t.Run(tt.slug, func(t *testing.T) {
			root := parse("su-kien/" + tt.slug + "/su-kien.ics")
			for name, want := range map[string]string{"VERSION": "2.0", "METHOD": "PUBLISH", "CALSCALE": "GREGORIAN"} {
				if got := prop(root, name).Value; got != want {
					t.Errorf("%s = %q, want %q", name, got, want)
				}
			}
			evs := root.All("VEVENT")
			if len(evs) != 1 {
				t.Fatalf("%d VEVENT, want 1", len(evs))
			}
			ev := evs[0]
			start := prop(ev, "DTSTART")
			if start.Value != tt.start {
				t.Errorf("DTSTART = %q, want %q", start.Value, tt.start)
			}
			switch tt.startParam {
			case "TZID":
				if start.Params["TZID"] != "Asia/Ho_Chi_Minh" {
					t.Errorf("DTSTART params %v, want TZID=Asia/Ho_Chi_Minh", start.Params)
				}
			case "VALUE":
				if start.Params["VALUE"] != "DATE" {
					t.Errorf("DTSTART params %v, want VALUE=DATE", start.Params)
				}
			}
			if end, ok := ev.Get("DTEND"); tt.end == "" && ok {
				t.Errorf("DTEND = %q for an event without an end", end.Value)
			} else if tt.end != "" && end.Value != tt.end {
				t.Errorf("DTEND = %q, want %q", end.Value, tt.end)
			}
			if got := prop(ev, "DTSTAMP").Value; got != tt.stamp {
				t.Errorf("DTSTAMP = %q, want the page's date %q", got, tt.stamp)
			}
			if got := ical.UnescapeText(prop(ev, "SUMMARY").Value); got != tt.summary {
				t.Errorf("SUMMARY = %q, want %q", got, tt.summary)
			}
			if got := prop(ev, "URL").Value; got != "https://example.gov.vn/cchc/su-kien/"+tt.slug+"/" {
				t.Errorf("URL = %q", got)
			}
			uid := prop(ev, "UID").Value
			if !strings.HasSuffix(uid, "@example.gov.vn") {
				t.Errorf("UID %q is not of the site's host", uid)
			}
			uids[tt.slug] = uid
		})
	}
	seen := map[string]bool{}
	for _, u := range uids {
		if seen[u] {
			t.Errorf("two events share the UID %s", u)
		}
		seen[u] = true
	}
	desc, _ := parse("su-kien/hoi-nghi-2020/su-kien.ics").All("VEVENT")[0].Get("DESCRIPTION")
	if got := ical.UnescapeText(desc.Value); got != "Tổng kết; khen thưởng, biểu dương.\nĐơn vị tổ chức: Vụ Tổ chức cán bộ, Văn phòng Bộ\nChi tiết: https://example.gov.vn/cchc/su-kien/hoi-nghi-2020/" {
		t.Errorf("DESCRIPTION = %q", got)
	}

	// The calendar of what is not over: the ongoing and upcoming events, soonest first.
	var got []string
	for _, ev := range parse("su-kien/sap-dien-ra.ics").All("VEVENT") {
		p, _ := ev.Get("UID")
		got = append(got, p.Value)
	}
	want := []string{uids["thi-dua-2021"], uids["tap-huan-2021"], uids["toa-dam-2021"]}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("sap-dien-ra.ics has events %v, want %v", got, want)
	}

	// Stable: another build gives the same files.
	again, _ := buildNoiDung(t, noiDungNow)
	for _, out := range []string{"su-kien/hoi-nghi-2020/su-kien.ics", "su-kien/sap-dien-ra.ics"} {
		if readOut(t, dest, out) != readOut(t, again, out) {
			t.Errorf("%s differs between two builds", out)
		}
	}
}

func TestQAIndex(t *testing.T) {
	t.Parallel()
	dest, _ := buildNoiDung(t, noiDungNow)
	index := readOut(t, dest, "hoi-dap/index.html")
	// Fields in Vietnamese order (Đ after D, before T; not byte order), the field-less last.
	nav := between(t, index, `<nav class="loc-linh-vuc"`, "</nav>")
	inOrder(t, nav, "Đất đai", "(2)", "Đo đạc và bản đồ", "(1)", "Tài nguyên nước", "(1)", "Lĩnh vực khác", "(1)")
	// paginate is 3: the first page holds the first three of the groups.
	inOrder(t, index, `<h2 id="hd-lv-dat-dai">Đất đai</h2>`, "Tra cứu hồ sơ đất đai", `<h2 id="hd-lv-do-dac-va-ban-do">`, "Hỏi về đo đạc", `<h2 id="hd-lv-tai-nguyen-nuoc">`, "Nộp hồ sơ trực tuyến")
	page2 := readOut(t, dest, "hoi-dap/trang/2/index.html")
	inOrder(t, page2, `<h2 id="hd-lv-khac">Lĩnh vực khác</h2>`, "Góp ý quy định")
	// A Q&A with two fields is listed on both field pages.
	for _, out := range []string{"hoi-dap/linh-vuc/dat-dai/index.html", "hoi-dap/linh-vuc/tai-nguyen-nuoc/index.html"} {
		if !strings.Contains(readOut(t, dest, out), "Nộp hồ sơ trực tuyến được không?") {
			t.Errorf("%s does not list the Q&A of two fields", out)
		}
	}
	qa := readOut(t, dest, "hoi-dap/nop-ho-so-truc-tuyen/index.html")
	inOrder(t, qa, "Câu hỏi", "Tôi có thể nộp hồ sơ qua mạng không?\nNộp ở đâu?", "Người hỏi", "Ông A (Hà Nội)", "Ngày hỏi", "28/09/2020",
		"Trả lời", "Đơn vị trả lời", "Cục Quản lý tài nguyên nước", "Ngày trả lời", "09/10/2020", "Được, qua Cổng Dịch vụ công.")
	pending := readOut(t, dest, "hoi-dap/cho-tra-loi/index.html")
	if !strings.Contains(pending, "đang được đơn vị có thẩm quyền xem xét") || !strings.Contains(pending, "Không công bố") {
		t.Error("a Q&A without an answer or an asker does not say so")
	}
}

// feedbackConfigs are the feedback page's three configurations.
var feedbackConfigs = []struct {
	name, gopY string
	warn       bool
}{
	{"endpoint", "gop_y:\n  endpoint: \"https://example.gov.vn/api/gop-y\"\n  email: \"gopy@example.gov.vn\"\n", false},
	{"email", "gop_y:\n  email: \"gopy@example.gov.vn\"\n", false},
	{"khong", "", true},
}

func TestFeedbackPage(t *testing.T) {
	t.Parallel()
	for _, c := range feedbackConfigs {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			cfg := "title: \"Chuyên trang\"\nbaseURL: \"/\"\nminify: false\nto_chuc:\n  ten: \"Bộ Thử nghiệm\"\n  dia_chi: \"Số 1 Đường Thử, Hà Nội\"\n  dien_thoai: \"024 0000 0000\"\n  email: \"lienhe@example.gov.vn\"\n" + c.gopY
			dest, res := buildFiles(t, baseSite().with(siteFiles{
				"site.yaml":            cfg,
				"content/tin-tuc/a.md": fm("\nBài.\n", `title: "Bài A"`, `date: 2020-05-01`, `linh_vuc: ["Tài nguyên nước", "Đất đai"]`),
			}), nil)
			page := readOut(t, dest, "gop-y/index.html")
			compareGolden(t, "gop-y-"+c.name+".html", []byte(page))

			var warned bool
			for _, w := range res.Warnings {
				if strings.Contains(w, "gop_y") && strings.Contains(w, "site.yaml") && strings.Contains(w, "/gop-y/") {
					warned = true
				}
			}
			if warned != c.warn {
				t.Errorf("warned about gop_y: %v, want %v (warnings %q)", warned, c.warn, res.Warnings)
			}
			if c.warn {
				if strings.Contains(page, "bieu-mau-gop-y") {
					t.Error("the page has a form with nowhere to send it")
				}
				for _, want := range []string{"Số 1 Đường Thử, Hà Nội", "024 0000 0000", `<a href="mailto:lienhe@example.gov.vn">`} {
					if !strings.Contains(page, want) {
						t.Errorf("the page does not say how to reach the Ministry: no %q", want)
					}
				}
				return
			}
			checkForm(t, page, c.name)
		})
	}
}

// checkForm checks the feedback form's accessibility and how it sends.
func checkForm(t *testing.T, page, mode string) {
	t.Helper()
	form := between(t, page, `<form class="bieu-mau-gop-y"`, "</form>")
	switch mode {
	case "endpoint":
		if !strings.Contains(form, `method="post" action="https://example.gov.vn/api/gop-y"`) {
			t.Error("the form does not post to the endpoint")
		}
	case "email":
		if !strings.Contains(form, `action="mailto:gopy@example.gov.vn?subject=Ph%E1%BA%A3n%20%C3%A1nh`) || !strings.Contains(form, `enctype="text/plain"`) {
			t.Error("the form is not a mailto: form with enctype=text/plain")
		}
	}
	// Every field has a label; required ones say so in text; messages are tied to fields.
	ids := regexp.MustCompile(`id="([^"]+)"`).FindAllStringSubmatch(page, -1)
	idSet := map[string]bool{}
	for _, m := range ids {
		idSet[m[1]] = true
	}
	for _, m := range regexp.MustCompile(`<(?:input|select|textarea) id="([^"]+)" name="([^"]+)"[^>]*>`).FindAllStringSubmatch(form, -1) {
		id, name := m[1], m[2]
		if !strings.Contains(form, `<label for="`+id+`">`) {
			t.Errorf("field %s has no label", name)
		}
		if name == "trang_web" {
			continue
		}
		d := regexp.MustCompile(`aria-describedby="([^"]+)"`).FindStringSubmatch(m[0])
		if d == nil {
			t.Errorf("field %s has no aria-describedby", name)
			continue
		}
		for _, ref := range strings.Fields(d[1]) {
			if !idSet[ref] {
				t.Errorf("field %s is described by #%s, which is not in the page", name, ref)
			}
		}
		if !strings.Contains(d[1], id+"-loi") {
			t.Errorf("field %s is not tied to its error message #%s-loi", name, id)
		}
		if strings.Contains(m[0], " required") {
			label := between(t, form, `<label for="`+id+`">`, "</label>")
			if !strings.Contains(label, "(bắt buộc)") {
				t.Errorf("required field %s does not say so in its label", name)
			}
		}
	}
	for _, want := range []string{
		`name="ho_ten"`, `name="email"`, `name="dien_thoai"`, `name="linh_vuc"`, `name="tieu_de"`, `name="noi_dung"`,
		`name="dong_y" type="checkbox"`, `<fieldset>`, `<legend>`,
		`<div class="gy-bay" aria-hidden="true">`, `name="trang_web" type="text" tabindex="-1" autocomplete="off"`,
		`role="status" aria-live="polite"`, "(bắt buộc ít nhất một trong hai)",
	} {
		if !strings.Contains(form, want) {
			t.Errorf("the form has no %q", want)
		}
	}
	// The field choices are the site's linh_vuc, in Vietnamese order.
	inOrder(t, between(t, form, `<select id="gy-linh-vuc"`, "</select>"), `value="Đất đai"`, `value="Tài nguyên nước"`, `value="Khác"`)
	if !strings.Contains(page, `<script src="/js/gop-y.js" defer></script>`) {
		t.Error("the page does not load gop-y.js")
	}
	if regexp.MustCompile(`\son[a-z]+="`).MatchString(page) {
		t.Error("the page has an inline event handler")
	}
}
