package content_test

import (
	"strings"
	"testing"

	"github.com/btnmt/cchc/internal/content"
)

// kindCase is a page of one of the kinds plan, document, event and Q&A with the problems its
// validation must report: one per entry, at the line, with the words.
type kindCase struct {
	name  string
	rel   string
	src   string
	wants []kindWant
}

type kindWant struct {
	line  int
	words []string
}

func checkKindCases(t *testing.T, cases []kindCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, errs := content.Parse(tc.rel, []byte(tc.src))
			if len(tc.wants) == 0 {
				if len(errs) > 0 || p == nil {
					t.Fatalf("unexpected problems: %v", errs)
				}
				return
			}
			if len(errs) != len(tc.wants) {
				var msgs []string
				for _, e := range errs {
					msgs = append(msgs, e.Error())
				}
				t.Fatalf("%d problems, want %d:\n%s", len(errs), len(tc.wants), strings.Join(msgs, "\n"))
			}
			for i, w := range tc.wants {
				e := errs[i]
				if e.Path != "content/"+tc.rel {
					t.Errorf("problem %d: path %q, want content/%s", i, e.Path, tc.rel)
				}
				if e.Line != w.line {
					t.Errorf("problem %d: line %d, want %d (%v)", i, e.Line, w.line, e.Err)
				}
				for _, word := range w.words {
					if !strings.Contains(e.Err.Error(), word) {
						t.Errorf("problem %d: %q does not say %q", i, e.Err.Error(), word)
					}
				}
			}
		})
	}
}

const planHead = "---\ntitle: \"Kế hoạch năm 2020\"\ndate: 2020-01-20\n"

func activity(stt, status string) string {
	return "  - stt: " + stt + "\n    noi_dung: \"Hoạt động\"\n    chu_tri: \"Văn phòng Bộ\"\n    trang_thai: " + status + "\n"
}

func TestPlanValidation(t *testing.T) {
	checkKindCases(t, []kindCase{
		{name: "valid", rel: "ke-hoach/kh.md",
			src: planHead + "nam: 2020\nhoat_dong:\n" + activity("1", "hoan-thanh") + activity("2", "tam-dung") + "---\n"},
		{name: "duplicate stt", rel: "ke-hoach/kh.md",
			src:   planHead + "hoat_dong:\n" + activity("1", "hoan-thanh") + activity("2", "hoan-thanh") + activity("1", "dang-thuc-hien") + "---\n",
			wants: []kindWant{{13, []string{"stt", "1", "trùng", "dòng 5"}}}},
		{name: "unknown status", rel: "ke-hoach/kh.md",
			src:   planHead + "hoat_dong:\n" + activity("1", "xong") + "---\n",
			wants: []kindWant{{8, []string{"trang_thai", "xong", "hoan-thanh"}}}},
		{name: "status misspelt", rel: "ke-hoach/kh.md",
			src:   planHead + "hoat_dong:\n" + activity("1", "dang-thuc-hen") + "---\n",
			wants: []kindWant{{8, []string{"dang-thuc-hen", "dang-thuc-hien"}}}},
		{name: "missing status", rel: "ke-hoach/kh.md",
			src:   planHead + "hoat_dong:\n  - stt: 1\n    noi_dung: \"Hoạt động\"\n    chu_tri: \"Văn phòng Bộ\"\n---\n",
			wants: []kindWant{{5, []string{"trang_thai"}}}},
		{name: "missing noi_dung", rel: "ke-hoach/kh.md",
			src:   planHead + "hoat_dong:\n  - stt: 1\n    chu_tri: \"Văn phòng Bộ\"\n    trang_thai: hoan-thanh\n---\n",
			wants: []kindWant{{5, []string{"noi_dung"}}}},
		{name: "empty chu_tri", rel: "ke-hoach/kh.md",
			src:   planHead + "hoat_dong:\n  - stt: 1\n    noi_dung: \"Hoạt động\"\n    chu_tri: \"\"\n    trang_thai: hoan-thanh\n---\n",
			wants: []kindWant{{5, []string{"chu_tri", "trống"}}}},
		{name: "stt zero", rel: "ke-hoach/kh.md",
			src:   planHead + "hoat_dong:\n" + activity("0", "hoan-thanh") + "---\n",
			wants: []kindWant{{5, []string{"stt", "dương"}}}},
		{name: "stt not a number", rel: "ke-hoach/kh.md",
			src:   planHead + "hoat_dong:\n" + activity("\"một\"", "hoan-thanh") + "---\n",
			wants: []kindWant{{5, []string{"stt", "số nguyên"}}}},
		{name: "no activities", rel: "ke-hoach/kh.md",
			src:   planHead + "nam: 2020\n---\n",
			wants: []kindWant{{2, []string{"hoat_dong"}}}},
		{name: "empty activity list", rel: "ke-hoach/kh.md",
			src:   planHead + "hoat_dong: []\n---\n",
			wants: []kindWant{{4, []string{"chưa có hoạt động"}}}},
		{name: "year typo", rel: "ke-hoach/kh.md",
			src:   planHead + "nam: 20\nhoat_dong:\n" + activity("1", "hoan-thanh") + "---\n",
			wants: []kindWant{{4, []string{"nam", "20", "2020"}}}},
		{name: "unknown activity key", rel: "ke-hoach/kh.md",
			src:   planHead + "hoat_dong:\n" + activity("1", "hoan-thanh") + "    kinh_phi_: \"Bộ\"\n---\n",
			wants: []kindWant{{9, []string{"kinh_phi_", "kinh_phi"}}}},
	})
}

func TestPlanYearDefaultsToDate(t *testing.T) {
	p, errs := content.Parse("ke-hoach/kh.md", []byte(planHead+"hoat_dong:\n"+activity("2", "hoan-thanh")+activity("1", "chua-bat-dau")+"---\n"))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	pl := p.Params.(*content.Plan)
	if pl.Nam != 2020 {
		t.Errorf("nam = %d, want the year of date, 2020", pl.Nam)
	}
	if a := pl.Activity(1); a == nil || a.TrangThai != content.ChuaBatDau || a.TrangThai.Label() != "Chưa bắt đầu" {
		t.Errorf("Activity(1) = %+v", a)
	}
}

const docHead = "---\ntitle: \"Ban hành kế hoạch\"\ndate: 2020-01-20\n"

func TestDocumentValidation(t *testing.T) {
	full := "so_ky_hieu: \"3432/QĐ-BTNMT\"\nloai: \"Quyết định\"\nco_quan_ban_hanh: \"Bộ Tài nguyên và Môi trường\"\nngay_ban_hanh: 2019-12-31\n"
	checkKindCases(t, []kindCase{
		{name: "valid", rel: "van-ban/qd.md", src: docHead + full + "tep: [\"qd.pdf\", \"/tai-lieu/phu-luc.docx\"]\n---\n"},
		{name: "missing so_ky_hieu", rel: "van-ban/qd.md",
			src:   docHead + "loai: \"Quyết định\"\nco_quan_ban_hanh: \"Bộ\"\nngay_ban_hanh: 2019-12-31\n---\n",
			wants: []kindWant{{2, []string{"so_ky_hieu"}}}},
		{name: "so_ky_hieu as a number", rel: "van-ban/qd.md",
			src:   docHead + "so_ky_hieu: 3432\nloai: \"Quyết định\"\nco_quan_ban_hanh: \"Bộ\"\nngay_ban_hanh: 2019-12-31\n---\n",
			wants: []kindWant{{4, []string{"so_ky_hieu", "ngoặc kép"}}}},
		{name: "empty loai", rel: "van-ban/qd.md",
			src:   docHead + "so_ky_hieu: \"1/QĐ\"\nloai: \"\"\nco_quan_ban_hanh: \"Bộ\"\nngay_ban_hanh: 2019-12-31\n---\n",
			wants: []kindWant{{5, []string{"loai", "trống"}}}},
		{name: "missing date of issue", rel: "van-ban/qd.md",
			src:   docHead + "so_ky_hieu: \"1/QĐ\"\nloai: \"Quyết định\"\nco_quan_ban_hanh: \"Bộ\"\n---\n",
			wants: []kindWant{{2, []string{"ngay_ban_hanh"}}}},
		{name: "bad date of issue", rel: "van-ban/qd.md",
			src:   docHead + full[:len(full)-len("ngay_ban_hanh: 2019-12-31\n")] + "ngay_ban_hanh: 2019-13-31\n---\n",
			wants: []kindWant{{7, []string{"ngay_ban_hanh", "2019-13-31"}}}},
		{name: "a web address as a file", rel: "van-ban/qd.md",
			src:   docHead + full + "tep: \"https://vanban.chinhphu.vn/qd.pdf\"\n---\n",
			wants: []kindWant{{8, []string{"tep", "địa chỉ web"}}}},
		{name: "the same file twice", rel: "van-ban/qd.md",
			src:   docHead + full + "tep: [\"qd.pdf\", \"./qd.pdf\"]\n---\n",
			wants: []kindWant{{8, []string{"tep", "hai lần"}}}},
		{name: "backslash", rel: "van-ban/qd.md",
			src:   docHead + full + "tep: 'tep\\qd.pdf'\n---\n",
			wants: []kindWant{{8, []string{"tep", "\\"}}}},
	})
}

const eventHead = "---\ntitle: \"Hội nghị\"\ndate: 2020-12-01\n"

func TestEventValidation(t *testing.T) {
	checkKindCases(t, []kindCase{
		{name: "valid", rel: "su-kien/hn.md", src: eventHead + "bat_dau: 2020-12-18T08:00:00+07:00\nket_thuc: 2020-12-18T11:30:00+07:00\nloai: hoi-nghi\n---\n"},
		{name: "end on the day it starts, written as a date", rel: "su-kien/hn.md", src: eventHead + "bat_dau: 2020-12-18T08:00:00+07:00\nket_thuc: 2020-12-18\n---\n"},
		{name: "one-day event", rel: "su-kien/hn.md", src: eventHead + "bat_dau: 2020-12-18\nket_thuc: 2020-12-18\n---\n"},
		{name: "end before start", rel: "su-kien/hn.md",
			src:   eventHead + "bat_dau: 2020-12-18\nket_thuc: 2020-12-17\n---\n",
			wants: []kindWant{{5, []string{"ket_thuc", "2020-12-17", "bat_dau", "2020-12-18"}}}},
		{name: "end before start the same day", rel: "su-kien/hn.md",
			src:   eventHead + "bat_dau: 2020-12-18T14:00:00+07:00\nket_thuc: 2020-12-18T08:00:00+07:00\n---\n",
			wants: []kindWant{{5, []string{"ket_thuc", "08:00", "14:00"}}}},
		{name: "missing start", rel: "su-kien/hn.md",
			src:   eventHead + "dia_diem: \"Hà Nội\"\n---\n",
			wants: []kindWant{{2, []string{"bat_dau"}}}},
		{name: "unknown kind", rel: "su-kien/hn.md",
			src:   eventHead + "bat_dau: 2020-12-18\nloai: hoi-thao\n---\n",
			wants: []kindWant{{5, []string{"loai", "hoi-thao", "hoi-nghi"}}}},
	})
}

func TestEventEnd(t *testing.T) {
	p, errs := content.Parse("su-kien/hn.md", []byte(eventHead+"bat_dau: 2020-12-18\nket_thuc: 2020-12-19\n---\n"))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	e := p.Params.(*content.Event)
	if !e.AllDay() {
		t.Error("a date without a time of day is not all-day")
	}
	if got := e.End().Format("2006-01-02T15:04"); got != "2020-12-20T00:00" {
		t.Errorf("End() = %s, want the end of 2020-12-19", got)
	}
}

const qaHead = "---\ntitle: \"Hỏi về giấy phép\"\ndate: 2020-10-12\n"

func TestQAValidation(t *testing.T) {
	checkKindCases(t, []kindCase{
		{name: "valid", rel: "hoi-dap/gp.md", src: qaHead + "hoi: \"Nộp ở đâu?\"\nngay_hoi: 2020-09-28\nngay_tra_loi: 2020-10-09\n---\n\nTrả lời.\n"},
		{name: "answered the day it was asked", rel: "hoi-dap/gp.md", src: qaHead + "hoi: \"Nộp ở đâu?\"\nngay_hoi: 2020-09-28T15:00:00+07:00\nngay_tra_loi: 2020-09-28\n---\n"},
		{name: "answer before question", rel: "hoi-dap/gp.md",
			src:   qaHead + "hoi: \"Nộp ở đâu?\"\nngay_hoi: 2020-09-28\nngay_tra_loi: 2020-09-20\n---\n",
			wants: []kindWant{{6, []string{"ngay_tra_loi", "2020-09-20", "ngay_hoi", "2020-09-28"}}}},
		{name: "answer hours before question", rel: "hoi-dap/gp.md",
			src:   qaHead + "hoi: \"Nộp ở đâu?\"\nngay_hoi: 2020-09-28T15:00:00+07:00\nngay_tra_loi: 2020-09-28T09:00:00+07:00\n---\n",
			wants: []kindWant{{6, []string{"ngay_tra_loi", "sớm hơn"}}}},
		{name: "missing question", rel: "hoi-dap/gp.md",
			src:   qaHead + "ngay_hoi: 2020-09-28\n---\n",
			wants: []kindWant{{2, []string{"hoi"}}}},
		{name: "empty question", rel: "hoi-dap/gp.md",
			src:   qaHead + "hoi: \"  \"\nngay_hoi: 2020-09-28\n---\n",
			wants: []kindWant{{4, []string{"hoi", "trống"}}}},
		{name: "missing date asked", rel: "hoi-dap/gp.md",
			src:   qaHead + "hoi: \"Nộp ở đâu?\"\n---\n",
			wants: []kindWant{{2, []string{"ngay_hoi"}}}},
		{name: "asker misspelt", rel: "hoi-dap/gp.md",
			src:   qaHead + "hoi: \"Nộp ở đâu?\"\nngay_hoi: 2020-09-28\nnguoi_hoii: \"Ông A\"\n---\n",
			wants: []kindWant{{6, []string{"nguoi_hoii", "nguoi_hoi"}}}},
	})
}
