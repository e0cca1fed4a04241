package build_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/btnmt/cchc/internal/build"
	"github.com/btnmt/cchc/internal/content"
	"github.com/btnmt/cchc/internal/tthc"
)

// tthcNow is the build time of the registry's golden site: after every notice's publication, and
// before the effective date (2021-04-01) of its last notice.
var tthcNow = time.Date(2021, time.March, 1, 9, 0, 0, 0, vnZone)

// tthcGoldenOutputs are the outputs of testdata/golden-tthc compared with testdata/golden-tthc-out/:
// a notice, a procedure in the middle of a replacement chain, one at its end with a detail file,
// one with a change not yet in effect, the registry, a filter page, the feed of notices and the
// exports.
var tthcGoldenOutputs = []string{
	"thu-tuc-hanh-chinh/qd-45-2021/index.html",
	"thu-tuc-hanh-chinh/1-000010/index.html",
	"thu-tuc-hanh-chinh/1-000020/index.html",
	"thu-tuc-hanh-chinh/1-000001/index.html",
	"thu-tuc-hanh-chinh/index.html",
	"thu-tuc-hanh-chinh/trang-thai/da-thay-the/index.html",
	"thu-tuc-hanh-chinh/index.xml",
	"thu-tuc-hanh-chinh/thu-tuc.json",
	"thu-tuc-hanh-chinh/thu-tuc.csv",
}

func buildTTHCGolden(t *testing.T) (dest string, res *build.Result) {
	t.Helper()
	dest = filepath.Join(t.TempDir(), "public")
	opts := options(filepath.Join("testdata", "golden-tthc"), dest)
	opts.Now = tthcNow
	return dest, mustBuild(t, opts)
}

// TestTTHCGolden builds testdata/golden-tthc and compares its registry pages with
// testdata/golden-tthc-out/. Regenerate with
//
//	go test ./internal/build -run TTHCGolden -update
//
// and read the diff before committing it.
func TestTTHCGolden(t *testing.T) {
	t.Parallel()
	dest, res := buildTTHCGolden(t)
	for _, w := range res.Warnings {
		if strings.Contains(w, "thu-tuc-hanh-chinh") {
			t.Errorf("warning: %s", w)
		}
	}
	for _, out := range tthcGoldenOutputs {
		t.Run(goldenName(out), func(t *testing.T) {
			got := []byte(readOut(t, dest, out))
			file := filepath.Join("testdata", "golden-tthc-out", goldenName(out))
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
				t.Errorf("%s differs from %s at byte %d:\ngot:  …%s…\nwant: …%s…", out, file, i, around(got, i), around(want, i))
			}
		})
	}
}

// TestTTHCPages checks what the registry's pages must say, whatever their markup.
func TestTTHCPages(t *testing.T) {
	t.Parallel()
	dest, _ := buildTTHCGolden(t)
	page := func(rel string) string { return readOut(t, dest, rel) }
	has := func(rel string, words ...string) {
		t.Helper()
		p := page(rel)
		for _, w := range words {
			if !strings.Contains(p, w) {
				t.Errorf("%s does not contain %q", rel, w)
			}
		}
	}
	// A notice: the decision with its document link, the effective date, the entries grouped by
	// kind of change, each linking to its procedure.
	has("thu-tuc-hanh-chinh/qd-45-2021/index.html",
		`<a href="/cchc/van-ban/qd-45/">45/QĐ-BTNMT</a>`,
		`<time datetime="2021-02-01T00:00:00+07:00">01/02/2021</time>`,
		`Thủ tục hành chính được ban hành mới (1)`, `Thủ tục hành chính thay thế (1)`,
		`<a href="/cchc/thu-tuc-hanh-chinh/1-000020/">`, `<a href="/cchc/thu-tuc-hanh-chinh/1-000010/">1.000010</a>`,
		`<th scope="col">`, `<caption>`)
	// A procedure replaced in a chain: its state, who replaced it, the chain and the history.
	has("thu-tuc-hanh-chinh/1-000010/index.html",
		"Thủ tục đã được thay thế bởi thủ tục 1.000020 từ ngày 01/02/2021",
		"Quá trình thay thế", `<a href="/cchc/thu-tuc-hanh-chinh/1-000002/">1.000002 – Cấp giấy phép thăm dò nước dưới đất</a>`,
		`<strong aria-current="page">1.000010`, "Ban hành mới, thay thế thủ tục", "Được thay thế bởi thủ tục")
	// The end of the chain shows its detail file, whose relative link resolves.
	has("thu-tuc-hanh-chinh/1-000020/index.html",
		`id="trinh-tu-thuc-hien"`, `<a href="/cchc/thu-tuc-hanh-chinh/qd-45-2021/">quyết định công bố</a>`,
		`href="https://dichvucong.gov.vn/tthc/1.000020"`, "mức độ: Một phần")
	// A change announced but not yet in effect.
	has("thu-tuc-hanh-chinh/1-000001/index.html", "Thay đổi sắp có hiệu lực", "có hiệu lực từ ngày <time datetime=\"2021-04-01T00:00:00&#43;07:00\">01/04/2021</time>",
		"Chưa có hiệu lực", "Đăng ký biến động đất đai</h1>")
	has("thu-tuc-hanh-chinh/1-000030/index.html", "Thủ tục có hiệu lực từ ngày 01/04/2021")
	// The registry: counts per state, latest notices, filters, the table and the exports.
	has("thu-tuc-hanh-chinh/index.html",
		"<strong>3</strong> thủ tục đang có hiệu lực trên tổng số <strong>7</strong> thủ tục",
		`<a href="/cchc/thu-tuc-hanh-chinh/trang-thai/da-bai-bo/">`,
		`<a href="/cchc/thu-tuc-hanh-chinh/linh-vuc/tai-nguyen-nuoc/" data-value="tai-nguyen-nuoc">Tài nguyên nước</a>`,
		`<a href="/cchc/thu-tuc-hanh-chinh/cap/huyen/" data-value="huyen">Cấp huyện</a>`,
		`<a href="/cchc/thu-tuc-hanh-chinh/thay-doi/bai-bo/" data-value="bai-bo">Bãi bỏ</a>`,
		`data-tthc-bang`, `data-trang-thai="da-bai-bo"`, `<script src="/cchc/js/tthc-filter.js" defer></script>`,
		`href="/cchc/thu-tuc-hanh-chinh/thu-tuc.csv"`, `href="/cchc/thu-tuc-hanh-chinh/thu-tuc.json"`,
		`<a href="/cchc/thu-tuc-hanh-chinh/qd-60-2021/">`, "Sẽ có hiệu lực từ")
	// Filter pages show only their procedures.
	f := page("thu-tuc-hanh-chinh/trang-thai/da-thay-the/index.html")
	if n := strings.Count(f, "<tr data-linh-vuc="); n != 2 {
		t.Errorf("the page of replaced procedures lists %d, want 2", n)
	}
	if n := strings.Count(page("thu-tuc-hanh-chinh/linh-vuc/dat-dai/index.html"), "<tr data-linh-vuc="); n != 2 {
		t.Errorf("the page of the field Đất đai lists %d, want 2", n)
	}
	// Detail files are never pages of their own.
	if exists(dest, "thu-tuc-hanh-chinh/thu-tuc/1-000020/index.html") || exists(dest, "thu-tuc-hanh-chinh/thu-tuc/index.html") {
		t.Error("the detail file was built at its own URL")
	}
	// The feed lists the notices, newest first, with their summary.
	var rss struct {
		Items []struct {
			Title       string `xml:"title"`
			Description string `xml:"description"`
		} `xml:"channel>item"`
	}
	if err := xml.Unmarshal([]byte(page("thu-tuc-hanh-chinh/index.xml")), &rss); err != nil {
		t.Fatal(err)
	}
	if len(rss.Items) != 5 || !strings.Contains(rss.Items[0].Title, "tháng 4 năm 2021") ||
		rss.Items[0].Description != "Quyết định số 60/QĐ-BTNMT ngày 18/02/2021 công bố 2 thủ tục hành chính (1 ban hành mới, 1 sửa đổi, bổ sung), có hiệu lực từ ngày 01/04/2021." ||
		rss.Items[2].Description != "Bãi bỏ thủ tục xác nhận kế hoạch bảo vệ môi trường." {
		t.Errorf("feed items %+v", rss.Items)
	}
	sitemap := page("sitemap.xml")
	for _, u := range []string{"/cchc/thu-tuc-hanh-chinh/1-000002/", "/cchc/thu-tuc-hanh-chinh/cap/tinh/"} {
		if !strings.Contains(sitemap, u) {
			t.Errorf("sitemap lacks %s", u)
		}
	}
}

// TestTTHCExports parses thu-tuc.json and thu-tuc.csv back and checks them against the notices
// of the fixture, read with content.Parse.
func TestTTHCExports(t *testing.T) {
	t.Parallel()
	dest, _ := buildTTHCGolden(t)

	// What the content says: every code, its latest name as of the build, its notices.
	dir := filepath.Join("testdata", "golden-tthc", "content", "thu-tuc-hanh-chinh")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	type fact struct {
		name    string
		notices int
		lastEff time.Time
	}
	facts := map[string]*fact{}
	for _, e := range entries {
		if e.IsDir() || e.Name() == "_index.md" {
			continue
		}
		src, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		p, errs := content.Parse("thu-tuc-hanh-chinh/"+e.Name(), src)
		if len(errs) > 0 {
			t.Fatal(errs[0])
		}
		n := p.Params.(*content.TTHCNotice)
		touch := func(code string, name string) {
			f := facts[code]
			if f == nil {
				f = &fact{}
				facts[code] = f
			}
			f.notices++
			if name != "" && !n.NgayHieuLuc.After(tthcNow) && !n.NgayHieuLuc.Before(f.lastEff) {
				f.name, f.lastEff = name, n.NgayHieuLuc.Time
			}
		}
		for _, tt := range n.ThuTuc {
			touch(string(tt.Ma), tt.Ten)
			for _, old := range tt.ThayThe {
				touch(string(old), "")
			}
		}
	}

	raw := []byte(readOut(t, dest, "thu-tuc-hanh-chinh/thu-tuc.json"))
	var doc tthc.ExportJSON
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	if doc.NgayTinhTrang != "2021-03-01" || doc.SoThuTuc != len(facts) || len(doc.ThuTuc) != len(facts) {
		t.Fatalf("%d procedures (%d in the list), want %d; date %s", doc.SoThuTuc, len(doc.ThuTuc), len(facts), doc.NgayTinhTrang)
	}
	var codes []string
	states := map[string]string{}
	for _, p := range doc.ThuTuc {
		codes = append(codes, p.Ma)
		states[p.Ma] = p.TrangThai
		f := facts[p.Ma]
		if f == nil {
			t.Errorf("%s is in the JSON but in no notice", p.Ma)
			continue
		}
		if len(p.LichSu) != f.notices {
			t.Errorf("%s: %d history entries, want %d", p.Ma, len(p.LichSu), f.notices)
		}
		if f.name != "" && p.Ten != f.name {
			t.Errorf("%s: name %q, want %q", p.Ma, p.Ten, f.name)
		}
		if p.URL != "https://example.gov.vn/cchc/thu-tuc-hanh-chinh/"+strings.ReplaceAll(p.Ma, ".", "-")+"/" {
			t.Errorf("%s: url %s", p.Ma, p.URL)
		}
	}
	if !sort.StringsAreSorted(codes) {
		t.Errorf("codes not in order: %v", codes)
	}
	want := map[string]string{"1.000001": "da-sua-doi", "1.000002": "da-thay-the", "1.000003": "da-bai-bo",
		"1.000010": "da-thay-the", "1.000020": "con-hieu-luc", "1.000030": "chua-co-hieu-luc", "2.000001": "con-hieu-luc"}
	for c, s := range want {
		if states[c] != s {
			t.Errorf("%s: state %s, want %s", c, states[c], s)
		}
	}

	csvRaw := []byte(readOut(t, dest, "thu-tuc-hanh-chinh/thu-tuc.csv"))
	if !bytes.HasPrefix(csvRaw, []byte("\xef\xbb\xbf")) {
		t.Fatal("thu-tuc.csv has no byte order mark")
	}
	rows, err := csv.NewReader(bytes.NewReader(csvRaw[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(facts)+1 || rows[0][0] != "Mã thủ tục" {
		t.Fatalf("%d rows, header %q", len(rows), rows[0])
	}
	for i, row := range rows[1:] {
		p := doc.ThuTuc[i]
		if row[0] != p.Ma || row[1] != p.Ten || row[2] != p.LinhVuc || row[4] != p.CoQuan || row[5] != p.TrangThaiTen || row[6] != p.TuNgay || row[7] != p.ThayTheBoi || row[14] != p.URL {
			t.Errorf("CSV row %q does not match the JSON %+v", row, p)
		}
	}
	// Both are the same bytes in another build.
	dest2, _ := buildTTHCGolden(t)
	for _, f := range []string{"thu-tuc-hanh-chinh/thu-tuc.json", "thu-tuc-hanh-chinh/thu-tuc.csv"} {
		if readOut(t, dest, f) != readOut(t, dest2, f) {
			t.Errorf("%s differs between two builds", f)
		}
	}
}

// tthcSite is a small valid site with a registry, for the error tests.
func tthcSite() siteFiles {
	return baseSite().with(siteFiles{
		"content/thu-tuc-hanh-chinh/_index.md": fm("Danh mục.\n", `title: "Thủ tục hành chính"`),
		"content/thu-tuc-hanh-chinh/qd-1.md": fm("Quyết định.\n", `title: "Công bố thủ tục mới"`, "date: 2020-01-10",
			`quyet_dinh: {so: "1/QĐ-BTNMT", ngay: 2020-01-05}`, "ngay_hieu_luc: 2020-02-01", "thu_tuc:",
			`  - {ma: "1.004227", ten: "Cấp giấy phép thăm dò nước dưới đất", thay_doi: moi, linh_vuc: "Tài nguyên nước", cap: trung-uong, co_quan: "Cục Quản lý tài nguyên nước"}`,
			`  - {ma: "1.004228", ten: "Gia hạn giấy phép thăm dò nước dưới đất", thay_doi: moi, linh_vuc: "Tài nguyên nước", cap: trung-uong, co_quan: "Cục Quản lý tài nguyên nước"}`),
	})
}

// TestTTHCBuildErrors checks the registry's problems as a build reports them: at the file and
// line, and the destination left alone.
func TestTTHCBuildErrors(t *testing.T) {
	const q2 = "content/thu-tuc-hanh-chinh/qd-2.md"
	notice2 := func(entries ...string) string {
		return fm("Quyết định.\n", append([]string{`title: "Công bố thủ tục"`, "date: 2020-06-10",
			`quyet_dinh: {so: "2/QĐ-BTNMT", ngay: 2020-06-05}`, "ngay_hieu_luc: 2020-07-01", "thu_tuc:"}, entries...)...)
	}
	tests := []struct {
		name  string
		files siteFiles
		want  []wantErr
	}{
		{"bãi bỏ mã chưa có", siteFiles{q2: notice2(`  - {ma: "1.009999", thay_doi: bai-bo}`)},
			[]wantErr{{q2, 7, []string{"không thể bãi bỏ thủ tục 1.009999", "chưa được công bố"}}}},
		{"thay thế mã đã bãi bỏ", siteFiles{q2: notice2(`  - {ma: "1.004227", thay_doi: bai-bo}`,
			`  - {ma: "1.005000", ten: "Mới", thay_doi: thay-the, thay_the: ["1.004227", "1.004228"], linh_vuc: "Tài nguyên nước", cap: trung-uong, co_quan: "Cục"}`)},
			[]wantErr{{q2, 8, []string{"mã 1.004227 xuất hiện hai lần"}}}},
		{"thay-the thiếu thay_the", siteFiles{q2: notice2(`  - {ma: "1.005000", ten: "Mới", thay_doi: thay-the, linh_vuc: "Tài nguyên nước", cap: trung-uong, co_quan: "Cục"}`)},
			[]wantErr{{q2, 7, []string{"thiếu \"thay_the\""}}}},
		{"chi tiết của mã không có", siteFiles{"content/thu-tuc-hanh-chinh/thu-tuc/1.009999.md": fm("Nội dung.\n", "lastmod: 2020-01-01")},
			[]wantErr{{"content/thu-tuc-hanh-chinh/thu-tuc/1.009999.md", 0, []string{"không có thông báo nào đã đăng công bố thủ tục 1.009999"}}}},
		{"hai tệp chi tiết cho một thủ tục", siteFiles{
			"content/thu-tuc-hanh-chinh/thu-tuc/1.004227.md":         fm("A.\n", "lastmod: 2020-01-01"),
			"content/thu-tuc-hanh-chinh/thu-tuc/dat-dai/1-004227.md": fm("B.\n", "lastmod: 2020-01-01")},
			[]wantErr{{"content/thu-tuc-hanh-chinh/thu-tuc/dat-dai/1-004227.md", 0, []string{"thủ tục 1.004227 đã có tệp chi tiết content/thu-tuc-hanh-chinh/thu-tuc/1.004227.md"}}}},
		{"trang thủ tục trùng với một bài", siteFiles{"content/thu-tuc-hanh-chinh/1-004227.md": notice2(`  - {ma: "1.004228", thay_doi: sua-doi}`)},
			[]wantErr{{"content/thu-tuc-hanh-chinh/qd-1.md", 7, []string{"/thu-tuc-hanh-chinh/1-004227/ trùng với", "content/thu-tuc-hanh-chinh/1-004227.md", "trang của thủ tục 1.004227"}}}},
		{"tệp trùng với tệp xuất", siteFiles{"content/thu-tuc-hanh-chinh/thu-tuc.csv": "a,b\n"},
			[]wantErr{{"content/thu-tuc-hanh-chinh/thu-tuc.csv", 0, []string{"trùng với tệp xuất danh mục thủ tục hành chính"}}}},
		{"liên kết quyết định không tới đâu", siteFiles{q2: strings.Replace(notice2(`  - {ma: "1.004228", thay_doi: sua-doi}`), `ngay: 2020-06-05}`, `ngay: 2020-06-05, url: "/van-ban/khong-co/"}`, 1)},
			[]wantErr{{q2, 4, []string{"\"quyet_dinh.url\"", "/van-ban/khong-co/"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			src := writeSite(t, tthcSite().with(tt.files))
			_, err := build.Build(options(src, filepath.Join(t.TempDir(), "public")))
			if err == nil {
				t.Fatal("the build succeeded")
			}
			list := errorList(t, err)
			for _, w := range tt.want {
				checkErr(t, list, w)
			}
		})
	}
}

// TestTTHCDetailsAndWarnings checks that a detail file (here a bundle with a form to download)
// is shown on its procedure's page only, that links to it lead there, and that warnings do not
// stop the build.
func TestTTHCDetailsAndWarnings(t *testing.T) {
	t.Parallel()
	files := tthcSite().with(siteFiles{
		"content/thu-tuc-hanh-chinh/thu-tuc/1.004227/index.md":     fm("## Thành phần hồ sơ\n\n[Mẫu đơn](mau-don.docx)\n", `title: "Chi tiết"`, `aliases: ["/thu-tuc/1-004227/"]`),
		"content/thu-tuc-hanh-chinh/thu-tuc/1.004227/mau-don.docx": "mẫu",
		"content/tin-tuc/bai-ba.md":                                fm("Xem [thủ tục](../thu-tuc-hanh-chinh/thu-tuc/1.004227/index.md#thanh-phan-ho-so).\n", `title: "Bài ba"`, "date: 2020-05-01"),
		"content/thu-tuc-hanh-chinh/qd-2.md": fm("Quyết định.\n", `title: "Sửa đổi"`, "date: 2020-06-10",
			`quyet_dinh: {so: "2/QĐ-BTNMT", ngay: 2020-07-05}`, "ngay_hieu_luc: 2020-07-01", "thu_tuc:",
			`  - {ma: "1.004227", thay_doi: sua-doi, muc_do: toan-trinh}`),
	})
	dest, res := buildFiles(t, files, nil)
	p := readOut(t, dest, "thu-tuc-hanh-chinh/1-004227/index.html")
	for _, w := range []string{`id="thanh-phan-ho-so"`, `href="mau-don.docx"`} {
		if !strings.Contains(p, w) {
			t.Errorf("procedure page lacks %q", w)
		}
	}
	if !exists(dest, "thu-tuc-hanh-chinh/1-004227/mau-don.docx") || exists(dest, "thu-tuc-hanh-chinh/thu-tuc/1-004227/index.html") {
		t.Error("the bundle's file did not move with its page, or the detail was built at its own URL")
	}
	if a := readOut(t, dest, "tin-tuc/bai-ba/index.html"); !strings.Contains(a, `href="/thu-tuc-hanh-chinh/1-004227/#thanh-phan-ho-so"`) {
		t.Error("a link to the detail file does not lead to the procedure's page")
	}
	if a := readOut(t, dest, "thu-tuc/1-004227/index.html"); !strings.Contains(a, "/thu-tuc-hanh-chinh/1-004227/") {
		t.Error("the detail's alias does not redirect to the procedure's page")
	}
	warns := strings.Join(res.Warnings, "\n")
	for _, w := range []string{"content/thu-tuc-hanh-chinh/qd-2.md:5: ngày hiệu lực 01/07/2020 trước ngày của quyết định công bố (05/07/2020)",
		"content/thu-tuc-hanh-chinh/qd-2.md:7: thủ tục 1.004227 có \"muc_do\" nhưng không có \"dvc\""} {
		if !strings.Contains(warns, w) {
			t.Errorf("warnings lack %q:\n%s", w, warns)
		}
	}
}

// TestTTHCNone checks that a site without notices has no registry pages and no exports.
func TestTTHCNone(t *testing.T) {
	t.Parallel()
	dest, _ := buildFiles(t, baseSite(), nil)
	if exists(dest, "thu-tuc-hanh-chinh/thu-tuc.json") || exists(dest, "thu-tuc-hanh-chinh/index.html") {
		t.Error("registry outputs without notices")
	}
}
