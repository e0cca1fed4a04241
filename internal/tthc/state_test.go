package tthc_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/btnmt/cchc/internal/tthc"
)

// history is a registry over three years: 1.1 amended, 1.2 replaced by 1.4 which a notice not
// yet in effect (from 2021-08-01) replaces by 1.5, and 1.3 abolished from the same date.
var history = []nt{
	{name: "a.md", eff: "2019-03-15", decided: "2019-03-01", entries: []string{moi("1.1"), moi("1.2"), moi("1.3")}},
	{name: "b.md", eff: "2020-07-01", decided: "2020-06-10", entries: []string{
		sua("1.1", `ten: "Thủ tục 1.1 (sửa đổi)"`, `co_quan: "Cục Đăng ký đất đai"`, `dvc: "https://dichvucong.gov.vn/1.1"`, "muc_do: toan-trinh"),
		thay("1.4", "1.2")}},
	{name: "c.md", eff: "2021-08-01", decided: "2021-06-18", entries: []string{thay("1.5", "1.4"), bo("1.3")}},
}

func TestStatusAt(t *testing.T) {
	r := mustNew(t, history, "2021-03-01")
	type st struct {
		code  string
		state tthc.State
		since string
		by    string
		text  string
	}
	tests := []struct {
		at   string
		want []st
	}{
		{"2019-01-01", []st{
			{"1.1", tthc.Pending, "2019-03-15", "", "có hiệu lực từ ngày 15/03/2019"},
			{"1.4", tthc.Pending, "2020-07-01", "", "có hiệu lực từ ngày 01/07/2020"},
		}},
		{"2019-03-15", []st{
			{"1.1", tthc.InForce, "2019-03-15", "", "còn hiệu lực"},
			{"1.2", tthc.InForce, "2019-03-15", "", "còn hiệu lực"},
		}},
		{"2020-06-30", []st{
			{"1.1", tthc.InForce, "2019-03-15", "", "còn hiệu lực"},
			{"1.2", tthc.InForce, "2019-03-15", "", "còn hiệu lực"},
			{"1.4", tthc.Pending, "2020-07-01", "", "có hiệu lực từ ngày 01/07/2020"},
		}},
		{"2021-03-01", []st{
			{"1.1", tthc.Amended, "2020-07-01", "", "còn hiệu lực, đã được sửa đổi, bổ sung từ ngày 01/07/2020"},
			{"1.2", tthc.Replaced, "2020-07-01", "1.4", "đã được thay thế bởi thủ tục 1.4 từ ngày 01/07/2020"},
			{"1.3", tthc.InForce, "2019-03-15", "", "còn hiệu lực"},
			{"1.4", tthc.InForce, "2020-07-01", "", "còn hiệu lực"},
			{"1.5", tthc.Pending, "2021-08-01", "", "có hiệu lực từ ngày 01/08/2021"},
		}},
		{"2021-08-01", []st{
			{"1.3", tthc.Abolished, "2021-08-01", "", "đã bãi bỏ từ ngày 01/08/2021"},
			{"1.4", tthc.Replaced, "2021-08-01", "1.5", "đã được thay thế bởi thủ tục 1.5 từ ngày 01/08/2021"},
			{"1.5", tthc.InForce, "2021-08-01", "", "còn hiệu lực"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.at, func(t *testing.T) {
			for _, w := range tt.want {
				s := r.Procedure(w.code).StatusAt(day(tt.at))
				by := ""
				if s.By != nil {
					by = s.By.Code
				}
				if s.State != w.state || !s.Since.Equal(day(w.since)) || by != w.by || s.Text() != w.text {
					t.Errorf("%s: %s since %s by %q (%q), want %s since %s by %q (%q)", w.code, s.State, s.Since.Format("2006-01-02"), by, s.Text(), w.state, w.since, w.by, w.text)
				}
			}
		})
	}
}

func TestRegistryAsOfNow(t *testing.T) {
	r := mustNew(t, history, "2021-03-01")
	var codes []string
	for _, p := range r.Procedures {
		codes = append(codes, p.Code)
	}
	if got := strings.Join(codes, " "); got != "1.1 1.2 1.3 1.4 1.5" {
		t.Errorf("procedures %s", got)
	}
	p1 := r.Procedure("1.1")
	if p1.Info.Name != "Thủ tục 1.1 (sửa đổi)" || p1.Info.Agency != "Cục Đăng ký đất đai" || p1.Info.Field != "Đất đai" || p1.Info.Level != "tinh" || p1.Info.Online != "toan-trinh" {
		t.Errorf("1.1 info %+v: the amendment's keys over the first entry's", p1.Info)
	}
	if got := p1.History[1].Changes(); strings.Join(got, "; ") != "tên mới: Thủ tục 1.1 (sửa đổi); cơ quan thực hiện: Cục Đăng ký đất đai; có dịch vụ công trực tuyến; mức độ trực tuyến: toàn trình" {
		t.Errorf("changes %q", got)
	}
	if p1.LastChange != "sua-doi" {
		t.Errorf("1.1 last change %s", p1.LastChange)
	}
	p3 := r.Procedure("1.3")
	if p3.Status.State != tthc.InForce || len(p3.Upcoming) != 1 || p3.Upcoming[0].Change != tthc.ChangeAbolish {
		t.Errorf("1.3: %s, upcoming %v: an abolition from 2021-08-01 is upcoming on 2021-03-01", p3.Status.State, p3.Upcoming)
	}
	p5 := r.Procedure("1.5")
	if p5.Status.State != tthc.Pending || p5.Info.Name != "Thủ tục 1.5" || p5.LastChange != "thay-the" {
		t.Errorf("1.5: %s %+v %s", p5.Status.State, p5.Info, p5.LastChange)
	}
	// The replacement chain, seen from every member.
	for _, c := range []string{"1.2", "1.4", "1.5"} {
		var chain []string
		for _, q := range r.Procedure(c).Chain() {
			chain = append(chain, q.Code)
		}
		if got := strings.Join(chain, " → "); got != "1.2 → 1.4 → 1.5" {
			t.Errorf("chain of %s: %s", c, got)
		}
	}
	if r.Procedure("1.4").ReplacedBy.Code != "1.5" || r.Procedure("1.4").Replaces[0].Code != "1.2" {
		t.Error("1.4 links")
	}
	counts := map[tthc.State]int{}
	for _, c := range r.Counts() {
		counts[c.State] = c.Count
	}
	if counts[tthc.InForce] != 2 || counts[tthc.Amended] != 1 || counts[tthc.Replaced] != 1 || counts[tthc.Pending] != 1 || counts[tthc.Abolished] != 0 || r.InForceCount() != 3 {
		t.Errorf("counts %v, in force %d", counts, r.InForceCount())
	}
	n := r.Notices[1]
	if got := n.Summary(); got != "Quyết định số b/QĐ-BTNMT ngày 10/06/2020 công bố 2 thủ tục hành chính (1 sửa đổi, bổ sung, 1 thay thế), có hiệu lực từ ngày 01/07/2020." {
		t.Errorf("summary %q", got)
	}
	var groups []string
	for _, g := range r.Notices[2].Groups() {
		groups = append(groups, string(g.Change))
	}
	if strings.Join(groups, " ") != "thay-the bai-bo" {
		t.Errorf("groups %v", groups)
	}
	if e := r.Notices[2].Entries[0]; len(e.Replaced) != 1 || e.Replaced[0].Code != "1.4" || e.Procedure.Code != "1.5" {
		t.Errorf("entry %+v", e)
	}
}

func TestFacets(t *testing.T) {
	r := mustNew(t, history, "2021-03-01")
	got := map[string]string{}
	for _, f := range r.Facets() {
		var vs []string
		for _, v := range f.Values {
			vs = append(vs, v.Value+"="+v.Label+":"+itoa(len(v.Procedures)))
		}
		got[f.Key] = strings.Join(vs, ", ")
	}
	want := map[string]string{
		tthc.FacetField:  "dat-dai=Đất đai:3, tai-nguyen-nuoc=Tài nguyên nước:2",
		tthc.FacetLevel:  "trung-uong=Cấp trung ương:2, tinh=Cấp tỉnh:3",
		tthc.FacetState:  "con-hieu-luc=Còn hiệu lực:2, da-sua-doi=Đã được sửa đổi, bổ sung:1, da-thay-the=Đã được thay thế:1, chua-co-hieu-luc=Chưa có hiệu lực:1",
		tthc.FacetChange: "moi=Ban hành mới:1, sua-doi=Sửa đổi, bổ sung:1, thay-the=Thay thế:3",
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: %s\nwant %s", k, got[k], w)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestCompareCodes(t *testing.T) {
	sorted := []string{"1.2", "1.10", "1.004227", "1.004228", "1.0042280", "2.000001", "B-BTM-2", "B-BTM-10", "b-btm-10"}
	for i := range sorted {
		for j := range sorted {
			c := tthc.CompareCodes(sorted[i], sorted[j])
			if (i < j && c >= 0) || (i > j && c <= 0) || (i == j && c != 0) {
				t.Errorf("CompareCodes(%q, %q) = %d", sorted[i], sorted[j], c)
			}
		}
	}
}

func TestURL(t *testing.T) {
	if got := tthc.URL("1.004227"); got != "/thu-tuc-hanh-chinh/1-004227/" {
		t.Errorf("URL %s", got)
	}
}

// TestExports parses thu-tuc.json and thu-tuc.csv back and checks them against the notices.
func TestExports(t *testing.T) {
	r := mustNew(t, history, "2021-03-01")
	for i := range r.Notices {
		r.Notices[i].URL = "/thu-tuc-hanh-chinh/" + strings.TrimSuffix(r.Notices[i].Page.Path[len("content/thu-tuc-hanh-chinh/"):], ".md") + "/"
	}
	abs := func(u string) string { return "https://example.gov.vn/cchc" + u }

	js := r.JSON(abs)
	if !bytes.Equal(js, r.JSON(abs)) {
		t.Error("JSON is not deterministic")
	}
	var doc tthc.ExportJSON
	dec := json.NewDecoder(bytes.NewReader(js))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	if doc.NgayTinhTrang != "2021-03-01" || doc.SoThuTuc != 5 || len(doc.ThuTuc) != 5 || len(doc.ThongKe) != len(tthc.States) {
		t.Errorf("document %+v", doc)
	}
	p2 := doc.ThuTuc[1]
	if p2.Ma != "1.2" || p2.TrangThai != "da-thay-the" || p2.ThayTheBoi != "1.4" || p2.TuNgay != "2020-07-01" || p2.URL != "https://example.gov.vn/cchc/thu-tuc-hanh-chinh/1-2/" {
		t.Errorf("1.2: %+v", p2)
	}
	if len(p2.LichSu) != 2 || p2.LichSu[0].ThayDoi != "moi" || p2.LichSu[1].ThayDoi != "bi-thay-the" || p2.LichSu[1].ThayTheBoi != "1.4" ||
		p2.LichSu[1].QuyetDinh.So != "b/QĐ-BTNMT" || p2.LichSu[1].QuyetDinh.Ngay != "2020-06-10" || p2.LichSu[1].ThongBao != "https://example.gov.vn/cchc/thu-tuc-hanh-chinh/b/" {
		t.Errorf("1.2 history %+v", p2.LichSu)
	}
	p5 := doc.ThuTuc[4]
	if p5.TrangThai != "chua-co-hieu-luc" || p5.LichSu[0].DaCoHieuLuc || strings.Join(p5.ThayThe, ",") != "1.4" || p5.Cap != "trung-uong" {
		t.Errorf("1.5: %+v", p5)
	}

	raw := r.CSV(abs)
	if !bytes.HasPrefix(raw, []byte("\xef\xbb\xbf")) {
		t.Fatal("no byte order mark")
	}
	if !bytes.Contains(raw, []byte("\r\n")) {
		t.Error("lines do not end in CRLF")
	}
	rows, err := csv.NewReader(bytes.NewReader(raw[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 6 || strings.Join(rows[0], "|") != strings.Join(tthc.CSVHeader, "|") {
		t.Fatalf("rows %q", rows)
	}
	byCode := map[string][]string{}
	for _, row := range rows[1:] {
		if len(row) != len(tthc.CSVHeader) {
			t.Fatalf("row %q", row)
		}
		byCode[row[0]] = row
	}
	if row := byCode["1.1"]; row[1] != "Thủ tục 1.1 (sửa đổi)" || row[2] != "Đất đai" || row[3] != "Cấp tỉnh" || row[5] != "Đã được sửa đổi, bổ sung" || row[6] != "2020-07-01" || row[9] != "https://dichvucong.gov.vn/1.1" || row[10] != "Toàn trình" || row[12] != "b/QĐ-BTNMT" {
		t.Errorf("1.1 row %q", row)
	}
	if row := byCode["1.4"]; row[7] != "" || row[8] != "1.2" || row[5] != "Còn hiệu lực" {
		t.Errorf("1.4 row %q", row)
	}
	if row := byCode["1.5"]; row[5] != "Chưa có hiệu lực" || row[6] != "2021-08-01" || row[8] != "1.4" || row[14] != "https://example.gov.vn/cchc/thu-tuc-hanh-chinh/1-5/" {
		t.Errorf("1.5 row %q", row)
	}
}
