package tthc_test

import (
	"testing"

	"github.com/btnmt/cchc/internal/tthc"
)

// TestHistoryRules checks every rule between notices (and of a single notice, for notices the
// registry gets without content.Parse) with the message an editor reads.
func TestHistoryRules(t *testing.T) {
	base := nt{name: "a.md", eff: "2019-03-15", entries: []string{moi("1.1"), moi("1.2")}}
	tests := []struct {
		name    string
		notices []nt
		errs    []want
		warns   []want
	}{
		{
			name:    "sửa đổi mã chưa có",
			notices: []nt{{name: "a.md", eff: "2020-01-01", entries: []string{sua("1.9")}}},
			errs:    []want{{"a.md", line(0), []string{"không thể sửa đổi thủ tục 1.9", "chưa được công bố", "kiểm tra lại mã"}}},
		},
		{
			name:    "bãi bỏ mã chưa có",
			notices: []nt{{name: "a.md", eff: "2020-01-01", entries: []string{bo("1.9")}}},
			errs:    []want{{"a.md", line(0), []string{"không thể bãi bỏ thủ tục 1.9", "chưa được công bố"}}},
		},
		{
			name:    "thay thế mã chưa có",
			notices: []nt{{name: "a.md", eff: "2020-01-01", entries: []string{thay("1.3", "1.9")}}},
			errs:    []want{{"a.md", line(0), []string{"không thể thay thế thủ tục 1.9", "chưa được công bố"}}},
		},
		{
			name: "mã gõ nhầm được gợi ý",
			notices: []nt{{name: "a.md", eff: "2019-01-01", entries: []string{moi("1.004227")}},
				{name: "b.md", eff: "2020-01-01", entries: []string{sua("1.004272")}}},
			errs: []want{{"b.md", line(0), []string{"không thể sửa đổi thủ tục 1.004272", `có phải ý bạn là "1.004227"?`}}},
		},
		{
			name: "sửa đổi trước ngày thủ tục được công bố",
			notices: []nt{{name: "a.md", eff: "2020-03-01", entries: []string{moi("1.1")}},
				{name: "b.md", eff: "2020-02-01", entries: []string{sua("1.1")}}},
			errs: []want{{"b.md", line(0), []string{"không thể sửa đổi thủ tục 1.1", "chỉ được công bố ở content/thu-tuc-hanh-chinh/a.md:7", "01/03/2020", "01/02/2020"}}},
		},
		{
			name: "sửa đổi thủ tục đã bãi bỏ",
			notices: []nt{base, {name: "b.md", eff: "2020-01-01", entries: []string{bo("1.1")}},
				{name: "c.md", eff: "2021-01-01", entries: []string{sua("1.1")}}},
			errs: []want{{"c.md", line(0), []string{"không thể sửa đổi thủ tục 1.1", "đã bãi bỏ từ ngày 01/01/2020", "b.md:7", "b/QĐ-BTNMT"}}},
		},
		{
			name: "bãi bỏ hai lần",
			notices: []nt{base, {name: "b.md", eff: "2020-01-01", entries: []string{bo("1.1")}},
				{name: "c.md", eff: "2021-01-01", entries: []string{bo("1.1")}}},
			errs: []want{{"c.md", line(0), []string{"không thể bãi bỏ thủ tục 1.1", "đã bãi bỏ từ ngày 01/01/2020"}}},
		},
		{
			name: "sửa đổi thủ tục đã bị thay thế",
			notices: []nt{base, {name: "b.md", eff: "2020-01-01", entries: []string{thay("1.3", "1.1")}},
				{name: "c.md", eff: "2021-01-01", entries: []string{sua("1.1")}}},
			errs: []want{{"c.md", line(0), []string{"không thể sửa đổi thủ tục 1.1", "đã được thay thế bởi thủ tục 1.3 từ ngày 01/01/2020", "hãy sửa đổi thủ tục 1.3"}}},
		},
		{
			name: "thay thế thủ tục đã bị thay thế",
			notices: []nt{base, {name: "b.md", eff: "2020-01-01", entries: []string{thay("1.3", "1.1")}},
				{name: "c.md", eff: "2021-01-01", entries: []string{thay("1.4", "1.1")}}},
			errs: []want{{"c.md", line(0), []string{"không thể thay thế thủ tục 1.1", "đã được thay thế bởi thủ tục 1.3"}}},
		},
		{
			name: "thay thế thủ tục đã bãi bỏ",
			notices: []nt{base, {name: "b.md", eff: "2020-01-01", entries: []string{bo("1.1")}},
				{name: "c.md", eff: "2021-01-01", entries: []string{thay("1.4", "1.1", "1.2")}}},
			errs: []want{{"c.md", line(0), []string{"không thể thay thế thủ tục 1.1", "đã bãi bỏ"}}},
		},
		{
			name:    "công bố mới một mã đang có hiệu lực",
			notices: []nt{base, {name: "b.md", eff: "2020-01-01", entries: []string{moi("1.1")}}},
			errs:    []want{{"b.md", line(0), []string{"mã 1.1 đã có", "a.md:7", "15/03/2019", "thay_doi: sua-doi"}}},
		},
		{
			name: "dùng lại mã đã bãi bỏ",
			notices: []nt{base, {name: "b.md", eff: "2020-01-01", entries: []string{bo("1.1")}},
				{name: "c.md", eff: "2021-01-01", entries: []string{moi("1.1")}}},
			errs: []want{{"c.md", line(0), []string{"mã 1.1 là của một thủ tục đã bãi bỏ từ ngày 01/01/2020", "không được dùng lại"}}},
		},
		{
			name:    "thủ tục thay thế có mã đã có",
			notices: []nt{base, {name: "b.md", eff: "2020-01-01", entries: []string{thay("1.2", "1.1")}}},
			errs:    []want{{"b.md", line(0), []string{"thủ tục thay thế 1.2 phải là mã mới", "bai-bo"}}},
		},
		{
			name: "thủ tục mới thiếu tên và cấp",
			notices: []nt{{name: "a.md", eff: "2020-01-01", entries: []string{
				`{ma: "1.1", thay_doi: moi, linh_vuc: "Đất đai", co_quan: "Sở Tài nguyên và Môi trường"}`}}},
			errs: []want{{"a.md", line(0), []string{"thủ tục mới 1.1 thiếu \"ten\", \"cap\"", "ten, linh_vuc, cap và co_quan"}}},
		},
		{
			name: "thay-the không ghi thay_the",
			notices: []nt{base, {name: "b.md", eff: "2020-01-01", entries: []string{
				`{ma: "1.3", thay_doi: thay-the, ten: "X", linh_vuc: "Đất đai", cap: tinh, co_quan: "Sở"}`}}},
			errs: []want{{"b.md", line(0), []string{"thủ tục 1.3 có thay_doi: thay-the nhưng thiếu \"thay_the\"", `thay_the: ["1.000123"]`}}},
		},
		{
			name:    "thay_the với thay đổi khác",
			notices: []nt{base, {name: "b.md", eff: "2020-01-01", entries: []string{sua("1.1", `thay_the: ["1.2"]`)}}},
			errs:    []want{{"b.md", line(0), []string{"thủ tục 1.1 có \"thay_the\" nhưng thay_doi là sua-doi", "chỉ dùng với thay_doi: thay-the"}}},
		},
		{
			name:    "một mã hai lần trong một thông báo",
			notices: []nt{base, {name: "b.md", eff: "2020-01-01", entries: []string{sua("1.1"), bo("1.2"), bo("1.1")}}},
			errs:    []want{{"b.md", line(2), []string{"mã 1.1 xuất hiện hai lần trong cùng thông báo (dòng 7 và dòng 9)", "gộp hai mục"}}},
		},
		{
			name:    "một mã vừa là mục vừa bị thay thế",
			notices: []nt{base, {name: "b.md", eff: "2020-01-01", entries: []string{sua("1.1"), thay("1.3", "1.1")}}},
			errs:    []want{{"b.md", line(1), []string{"mã 1.1 xuất hiện hai lần", "vừa là một mục thủ tục vừa nằm trong thay_the"}}},
		},
		{
			name:    "chuỗi thay thế trong một thông báo",
			notices: []nt{base, {name: "b.md", eff: "2020-01-01", entries: []string{thay("1.3", "1.1"), thay("1.4", "1.3")}}},
			errs:    []want{{"b.md", line(1), []string{"chuỗi thay thế trong cùng một thông báo", "thủ tục 1.3 (dòng 7)", "bị thủ tục 1.4 thay thế"}}},
		},
		{
			name:    "chuỗi thay thế trong một thông báo, viết ngược",
			notices: []nt{base, {name: "b.md", eff: "2020-01-01", entries: []string{thay("1.4", "1.3"), thay("1.3", "1.1")}}},
			errs:    []want{{"b.md", line(1), []string{"chuỗi thay thế trong cùng một thông báo", "bị thủ tục 1.4 thay thế (dòng 7)"}}},
		},
		{
			name:    "một mã bị thay thế hai lần trong một thông báo",
			notices: []nt{base, {name: "b.md", eff: "2020-01-01", entries: []string{thay("1.3", "1.1"), thay("1.4", "1.1")}}},
			errs:    []want{{"b.md", line(1), []string{"mã 1.1 đã được ghi là bị thay thế ở dòng 7"}}},
		},
		{
			name:    "thủ tục tự thay thế",
			notices: []nt{base, {name: "b.md", eff: "2020-01-01", entries: []string{thay("1.3", "1.3")}}},
			errs:    []want{{"b.md", line(0), []string{"thủ tục 1.3 không thể thay thế chính nó"}}},
		},
		{
			name: "mã có ký tự lạ",
			notices: []nt{{name: "a.md", eff: "2020-01-01", entries: []string{
				`{ma: "1.004 227", thay_doi: moi, ten: A, linh_vuc: B, cap: tinh, co_quan: C}`,
				`{ma: "abc", thay_doi: moi, ten: A, linh_vuc: B, cap: tinh, co_quan: C}`}}},
			errs: []want{
				{"a.md", line(0), []string{"\"thu_tuc[1].ma\"", "có ký tự ' ' không được phép"}},
				{"a.md", line(1), []string{"\"thu_tuc[2].ma\"", "không có chữ số nào"}},
			},
		},
		{
			name:    "hai mã cùng một địa chỉ trang",
			notices: []nt{base, {name: "b.md", eff: "2020-01-01", entries: []string{moi("1-1")}}},
			errs:    []want{{"b.md", line(0), []string{"mã 1-1 và mã 1.1", "/thu-tuc-hanh-chinh/1-1/"}}},
		},
		{
			name: "cùng ngày hiệu lực: xếp theo ngày quyết định, rồi theo tệp",
			notices: []nt{base,
				{name: "b.md", eff: "2020-03-01", decided: "2020-02-20", entries: []string{bo("1.1")}},
				{name: "c.md", eff: "2020-03-01", decided: "2020-02-10", entries: []string{sua("1.1")}},
				{name: "e.md", eff: "2020-04-01", decided: "2020-03-01", entries: []string{sua("1.2")}},
				{name: "d.md", eff: "2020-04-01", decided: "2020-03-01", entries: []string{bo("1.2")}}},
			errs: []want{{"e.md", line(0), []string{"không thể sửa đổi thủ tục 1.2", "đã bãi bỏ", "d.md:7"}}},
		},
		{
			name: "cùng ngày hiệu lực, quyết định công bố ký sau",
			notices: []nt{
				{name: "a.md", eff: "2020-03-01", decided: "2020-02-20", entries: []string{moi("1.1")}},
				{name: "b.md", eff: "2020-03-01", decided: "2020-02-10", entries: []string{sua("1.1")}}},
			errs: []want{{"b.md", line(0), []string{"không thể sửa đổi thủ tục 1.1", "a.md:7, cùng ngày hiệu lực 01/03/2020 nhưng theo quyết định ký sau (20/02/2020, thông báo này: 10/02/2020)"}}},
		},
		{
			name: "chuỗi thay thế qua nhiều thông báo và gộp thủ tục là hợp lệ",
			notices: []nt{base,
				{name: "b.md", eff: "2020-01-01", entries: []string{thay("1.3", "1.1", "1.2")}},
				{name: "c.md", eff: "2021-01-01", entries: []string{sua("1.3", `ten: "Tên mới"`)}},
				{name: "d.md", eff: "2021-06-01", entries: []string{thay("1.4", "1.3")}},
				{name: "e.md", eff: "2021-09-01", entries: []string{thay("1.5", "1.4"), moi("2.1")}},
				{name: "f.md", eff: "2022-01-01", entries: []string{bo("1.5"), sua("2.1")}}},
		},
		{
			name:    "ngày hiệu lực trước ngày quyết định",
			notices: []nt{{name: "a.md", eff: "2020-01-01", decided: "2020-02-01", entries: []string{moi("1.1")}}},
			warns:   []want{{"a.md", 5, []string{"ngày hiệu lực 01/01/2020 trước ngày của quyết định công bố (01/02/2020)"}}},
		},
		{
			name: "mức độ không có địa chỉ dịch vụ công, và ngược lại",
			notices: []nt{base, {name: "b.md", eff: "2020-01-01", entries: []string{
				sua("1.1", "muc_do: toan-trinh"), sua("1.2", `dvc: "https://dichvucong.gov.vn/x"`)}}},
			warns: []want{
				{"b.md", line(0), []string{"thủ tục 1.1 có \"muc_do\" nhưng không có \"dvc\""}},
				{"b.md", line(1), []string{"thủ tục 1.2 có \"dvc\" nhưng không có \"muc_do\"", "toan-trinh hoặc mot-phan"}},
			},
		},
		{
			name: "sửa mức độ khi địa chỉ dịch vụ công đã có từ trước",
			notices: []nt{{name: "a.md", eff: "2019-01-01", entries: []string{
				`{ma: "1.1", thay_doi: moi, ten: A, linh_vuc: B, cap: tinh, co_quan: C, dvc: "https://dichvucong.gov.vn/x", muc_do: mot-phan}`}},
				{name: "b.md", eff: "2020-01-01", entries: []string{sua("1.1", "muc_do: toan-trinh")}}},
		},
		{
			name: "bãi bỏ với dịch vụ công hoặc với tên khác",
			notices: []nt{base, {name: "b.md", eff: "2020-01-01", entries: []string{
				bo("1.1", "muc_do: toan-trinh"), bo("1.2", `ten: "Cấp giấy phép khác"`)}}},
			warns: []want{
				{"b.md", line(0), []string{"thủ tục 1.1 bị bãi bỏ nên \"dvc\" và \"muc_do\" không được dùng"}},
				{"b.md", line(1), []string{"được bãi bỏ với tên \"Cấp giấy phép khác\" nhưng tên đang có là \"Thủ tục 1.2\"", "kiểm tra lại mã"}},
			},
		},
		{
			name:    "bãi bỏ với cùng tên, viết hoa khác",
			notices: []nt{base, {name: "b.md", eff: "2020-01-01", entries: []string{bo("1.2", `ten: "thủ tục  1.2"`)}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, errs := tthc.New(pages(t, tt.notices), day("2022-06-01"))
			if r == nil {
				t.Fatal("nil registry")
			}
			match(t, "error", errs, tt.errs)
			match(t, "warning", r.Warnings, tt.warns)
		})
	}
}

// TestHistoryOrder checks that histories are in effective-date order whatever the order of the
// pages, with ties broken by the decision date and then the file.
func TestHistoryOrder(t *testing.T) {
	ns := []nt{
		{name: "z.md", eff: "2021-01-01", entries: []string{sua("1.1", `ten: "Z"`)}},
		{name: "c.md", eff: "2020-05-01", decided: "2020-04-02", entries: []string{sua("1.1", `ten: "C"`)}},
		{name: "b.md", eff: "2020-05-01", decided: "2020-04-01", entries: []string{sua("1.1", `ten: "B"`)}},
		{name: "d.md", eff: "2020-05-01", decided: "2020-04-02", entries: []string{sua("1.1", `ten: "D"`)}},
		{name: "a.md", eff: "2019-01-01", entries: []string{moi("1.1")}},
	}
	r := mustNew(t, ns, "2022-01-01")
	p := r.Procedure("1.1")
	var got []string
	for _, e := range p.History {
		got = append(got, e.Notice.Page.Path[len("content/thu-tuc-hanh-chinh/"):]+":"+e.Info.Name)
	}
	want := "a.md:Thủ tục 1.1 b.md:B c.md:C d.md:D z.md:Z"
	if g := join(got); g != want {
		t.Errorf("history %s, want %s", g, want)
	}
	if p.Info.Name != "Z" {
		t.Errorf("name %q, want the latest, Z", p.Info.Name)
	}
	for i, n := range r.Notices {
		if n.Order != i {
			t.Errorf("notice %s order %d, want %d", n.Page.Path, n.Order, i)
		}
	}
}

func join(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += " "
		}
		out += x
	}
	return out
}
