package tthc_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/btnmt/cchc/internal/content"
	"github.com/btnmt/cchc/internal/decode"
	"github.com/btnmt/cchc/internal/tthc"
)

// bytesSource hands out the fuzzer's bytes as small numbers, then zeros.
type bytesSource struct {
	b []byte
	i int
}

func (s *bytesSource) next(n int) int {
	if n <= 0 {
		return 0
	}
	if s.i >= len(s.b) {
		s.i++
		return 0
	}
	v := int(s.b[s.i])
	s.i++
	return v % n
}

func (s *bytesSource) done() bool { return s.i >= len(s.b)+8 }

var fuzzStart = time.Date(2019, 1, 1, 0, 0, 0, 0, decode.Location)

func fuzzDate(days int) decode.Date { return decode.Date{Time: fuzzStart.AddDate(0, 0, days), Line: 5} }

// noticePage makes a notice page without going through YAML.
func noticePage(i int, eff, decided decode.Date, entries []content.ThuTuc) *content.Page {
	for k := range entries {
		entries[k].Line = firstEntryLine + k
	}
	n := &content.TTHCNotice{NgayHieuLuc: eff, ThuTuc: entries}
	if !decided.Time.IsZero() {
		n.QuyetDinh = &content.QuyetDinh{So: decode.Code(fmt.Sprintf("%d/QĐ-BTNMT", i+1)), Ngay: decided, Line: 4}
	}
	name := fmt.Sprintf("tb-%03d.md", i)
	return &content.Page{Path: "content/thu-tuc-hanh-chinh/" + name, Rel: "thu-tuc-hanh-chinh/" + name, Section: "thu-tuc-hanh-chinh", Params: n}
}

func fullEntry(ma string, kind content.ThayDoi) content.ThuTuc {
	return content.ThuTuc{Ma: decode.Code(ma), ThayDoi: kind, Ten: "Thủ tục " + ma, LinhVuc: "Đất đai", Cap: "tinh", CoQuan: "Sở Tài nguyên và Môi trường"}
}

// FuzzHistory feeds the registry random sequences of notices, which must never make it panic and
// must leave every history well formed, and valid histories generated from the same bytes, which
// must give no error and no warning and the states the generator expects.
func FuzzHistory(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{3, 1, 0, 5, 2, 1, 7, 3, 3, 0, 2, 2, 9, 1, 1, 4, 0})
	f.Add([]byte("\x05\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13"))
	f.Add([]byte("random notices of administrative procedures, amended, replaced and abolished"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 4096 {
			return
		}
		randomHistories(t, data)
		validHistories(t, data)
	})
}

func randomHistories(t *testing.T, data []byte) {
	src := &bytesSource{b: data}
	codes := []string{"1.1", "1.2", "1.3", "1.4", "1.5", "1-1", "", "x", "2.01"}
	kinds := []content.ThayDoi{"moi", "sua-doi", "thay-the", "bai-bo", "sai"}
	var ps []*content.Page
	for i := 0; i < 12 && !src.done(); i++ {
		var eff, decided decode.Date
		if src.next(10) > 0 {
			eff = fuzzDate(src.next(40) * 30)
		}
		if src.next(10) > 0 {
			decided = fuzzDate(src.next(40) * 30)
		}
		var entries []content.ThuTuc
		for k, n := 0, src.next(5); k < n; k++ {
			e := content.ThuTuc{Ma: decode.Code(codes[src.next(len(codes))]), ThayDoi: kinds[src.next(len(kinds))]}
			if src.next(2) == 0 {
				e.Ten, e.LinhVuc, e.Cap, e.CoQuan = "T", "Đất đai", "tinh", "Sở"
				if src.next(2) == 0 {
					e.Ten, e.CoQuan = "Tên \"lạ\" \\ <b>&\u2028\t", "Sở TN&MT\x01"
				}
			}
			for m, n := 0, src.next(3); m < n; m++ {
				e.ThayThe = append(e.ThayThe, decode.Code(codes[src.next(len(codes))]))
			}
			switch src.next(4) {
			case 1:
				e.DVC = "https://dichvucong.gov.vn/x"
			case 2:
				e.MucDo = "toan-trinh"
			case 3:
				e.DVC = "không phải địa chỉ"
			}
			entries = append(entries, e)
		}
		ps = append(ps, noticePage(i, eff, decided, entries))
	}
	r, _ := tthc.New(ps, fuzzDate(src.next(60)*30).Time)
	for _, p := range r.Procedures {
		if len(p.History) == 0 {
			t.Fatalf("%s has no history", p.Code)
		}
		if c := p.History[0].Change; c != tthc.ChangeNew && c != tthc.ChangeReplace {
			t.Fatalf("%s starts with %s", p.Code, c)
		}
		for i, e := range p.History {
			if i > 0 && e.Effective.Before(p.History[i-1].Effective) {
				t.Fatalf("%s: history out of order", p.Code)
			}
			if (e.Change == tthc.ChangeAbolish || e.Change == tthc.ChangeReplacedBy) && i != len(p.History)-1 {
				t.Fatalf("%s: %s is not the last event", p.Code, e.Change)
			}
		}
		_ = p.StatusAt(fuzzStart).Text()
		_ = p.Chain()
	}
	_ = r.Facets()
	checkJSON(t, r, func(s string) string { return "https://x.gov.vn/a \"b\" <c>&" + s })
	_ = r.CSV(func(s string) string { return s })
	for _, n := range r.Notices {
		_ = n.Summary()
		_ = n.Groups()
	}
}

// checkJSON checks that thu-tuc.json is what encoding/json makes of the export, byte for byte.
func checkJSON(t *testing.T, r *tthc.Registry, abs func(string) string) {
	t.Helper()
	var want bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r.Export(abs)); err != nil {
		t.Fatal(err)
	}
	if got := r.JSON(abs); !bytes.Equal(got, want.Bytes()) {
		t.Fatalf("thu-tuc.json differs from encoding/json:\ngot  %s\nwant %s", got, want.Bytes())
	}
}

// validHistories generates notices the way editors should write them, against a simulated
// registry, and checks that the registry agrees.
func validHistories(t *testing.T, data []byte) {
	src := &bytesSource{b: data}
	var alive []string
	end := map[string]string{} // code → "bai-bo" or the code that replaced it
	next := 100
	newCode := func() string {
		next += 1 + src.next(7)
		return fmt.Sprintf("%d.%06d", 1+src.next(2), next)
	}
	take := func(seen map[string]bool) string {
		for try := 0; try < 4 && len(alive) > 0; try++ {
			k := src.next(len(alive))
			if c := alive[k]; !seen[c] {
				return c
			}
		}
		return ""
	}
	kill := func(c string) {
		for i, a := range alive {
			if a == c {
				alive = append(alive[:i], alive[i+1:]...)
				return
			}
		}
	}
	var ps []*content.Page
	days, lastDecided := 0, -1000
	for i := 0; i < 15 && !src.done(); i++ {
		days += src.next(3) * 20 // several notices may share an effective date
		eff := fuzzDate(days)
		// Notices with the same effective date are taken in the order of their decisions (then
		// of their files): decisions never go back in time here.
		lastDecided = max(lastDecided, days-src.next(30))
		decided := fuzzDate(lastDecided)
		seen := map[string]bool{}
		var entries []content.ThuTuc
		for k, n := 0, 1+src.next(4); k < n; k++ {
			var e content.ThuTuc
			switch src.next(4) {
			case 1:
				if c := take(seen); c != "" {
					e = content.ThuTuc{Ma: decode.Code(c), ThayDoi: "sua-doi"}
					if src.next(2) == 0 {
						e.Ten = "Tên mới của " + c
					}
					seen[c] = true
				}
			case 2:
				if c := take(seen); c != "" {
					e = content.ThuTuc{Ma: decode.Code(c), ThayDoi: "bai-bo"}
					seen[c] = true
					kill(c)
					end[c] = "bai-bo"
				}
			case 3:
				var olds []decode.Code
				for m, n := 0, 1+src.next(2); m < n; m++ {
					if c := take(seen); c != "" {
						seen[c] = true
						olds = append(olds, decode.Code(c))
					}
				}
				if len(olds) > 0 {
					c := newCode()
					e = fullEntry(c, "thay-the")
					e.ThayThe = olds
					for _, o := range olds {
						kill(string(o))
						end[string(o)] = c
					}
					alive = append(alive, c)
					seen[c] = true
				}
			}
			if e.Ma == "" {
				c := newCode()
				e = fullEntry(c, "moi")
				alive = append(alive, c)
				seen[c] = true
			}
			entries = append(entries, e)
		}
		ps = append(ps, noticePage(i, eff, decided, entries))
	}
	// The registry must not depend on the order it is given the notices in.
	for i := len(ps) - 1; i > 0; i-- {
		j := src.next(i + 1)
		ps[i], ps[j] = ps[j], ps[i]
	}
	later := fuzzDate(days + 1).Time
	r, errs := tthc.New(ps, later)
	if len(errs) > 0 {
		t.Fatalf("a valid history gave errors:\n%s", list(errs))
	}
	if len(r.Warnings) > 0 {
		t.Fatalf("a valid history gave warnings:\n%s", list(r.Warnings))
	}
	for _, p := range r.Procedures {
		s := p.Status
		switch want := end[p.Code]; {
		case want == "bai-bo":
			if s.State != tthc.Abolished {
				t.Fatalf("%s: %s, want abolished", p.Code, s.State)
			}
		case want != "":
			if s.State != tthc.Replaced || s.By == nil || s.By.Code != want {
				t.Fatalf("%s: %s, want replaced by %s", p.Code, s.State, want)
			}
		default:
			if !s.State.InForce() {
				t.Fatalf("%s: %s, want in force", p.Code, s.State)
			}
		}
	}
}
