package tthc_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/btnmt/cchc/internal/content"
	"github.com/btnmt/cchc/internal/decode"
	"github.com/btnmt/cchc/internal/report"
	"github.com/btnmt/cchc/internal/tthc"
)

// firstEntryLine is the file line of a notice's first thu_tuc entry in the files of nt; entry
// k (from 0) is on line firstEntryLine+k.
const firstEntryLine = 7

// nt describes a notice file: its name under content/thu-tuc-hanh-chinh/, its effective date,
// its decision date (the effective date when empty) and its entries, one flow mapping each.
type nt struct {
	name, eff, decided string
	entries            []string
}

// src is the notice's file.
func (n nt) src() string {
	decided := n.decided
	if decided == "" {
		decided = n.eff
	}
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: \"Thông báo %s\"\ndate: %s\nquyet_dinh: {so: \"%s/QĐ-BTNMT\", ngay: %s}\nngay_hieu_luc: %s\nthu_tuc:\n",
		n.name, decided, strings.TrimSuffix(n.name, ".md"), decided, n.eff)
	for _, e := range n.entries {
		b.WriteString("  - " + e + "\n")
	}
	b.WriteString("---\nNội dung quyết định.\n")
	return b.String()
}

func (n nt) path() string { return "content/thu-tuc-hanh-chinh/" + n.name }

// line is the file line of entry k (from 0).
func line(k int) int { return firstEntryLine + k }

// raw decodes a notice file as content.Parse does, lines included, but without the checks of a
// single notice, so that the registry's own handling of broken notices can be tested.
func raw(t testing.TB, name, src string) *content.Page {
	t.Helper()
	lines := strings.SplitAfter(src, "\n")
	end := -1
	for i := 1; i < len(lines); i++ {
		if strings.TrimSpace(lines[i]) == "---" {
			end = i
			break
		}
	}
	if !strings.HasPrefix(src, "---\n") || end < 0 {
		t.Fatalf("%s: no front matter", name)
	}
	root, err := decode.YAML([]byte(strings.Join(lines[1:end], "")), 1)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	p := &content.Page{Path: "content/thu-tuc-hanh-chinh/" + name, Rel: "thu-tuc-hanh-chinh/" + name, Section: "thu-tuc-hanh-chinh"}
	n := new(content.TTHCNotice)
	if errs := decode.Into(root, &p.FrontMatter, n); len(errs) > 0 {
		t.Fatalf("%s: %v", name, errs[0])
	}
	p.Params = n
	return p
}

// pages decodes the notices of ns.
func pages(t testing.TB, ns []nt) []*content.Page {
	t.Helper()
	var out []*content.Page
	for _, n := range ns {
		out = append(out, raw(t, n.name, n.src()))
	}
	return out
}

// Entries of notices, as YAML flow mappings.
func moi(ma string) string {
	return fmt.Sprintf(`{ma: %q, thay_doi: moi, ten: "Thủ tục %s", linh_vuc: "Đất đai", cap: tinh, co_quan: "Sở Tài nguyên và Môi trường"}`, ma, ma)
}

func sua(ma string, extra ...string) string {
	return fmt.Sprintf(`{ma: %q, thay_doi: sua-doi%s}`, ma, keys(extra))
}

func bo(ma string, extra ...string) string {
	return fmt.Sprintf(`{ma: %q, thay_doi: bai-bo%s}`, ma, keys(extra))
}

func thay(ma string, olds ...string) string {
	var q []string
	for _, o := range olds {
		q = append(q, fmt.Sprintf("%q", o))
	}
	return fmt.Sprintf(`{ma: %q, thay_doi: thay-the, thay_the: [%s], ten: "Thủ tục %s", linh_vuc: "Tài nguyên nước", cap: trung-uong, co_quan: "Cục Quản lý tài nguyên nước"}`, ma, strings.Join(q, ", "), ma)
}

func keys(extra []string) string {
	if len(extra) == 0 {
		return ""
	}
	return ", " + strings.Join(extra, ", ")
}

// want is an expected problem: in file name at line, with every substring in its message.
type want struct {
	name string
	line int
	has  []string
}

// match checks that got holds exactly the problems of ws, in any order.
func match(t *testing.T, what string, got report.ErrorList, ws []want) {
	t.Helper()
	used := make([]bool, len(got))
	for _, w := range ws {
		found := false
		for i, e := range got {
			if used[i] || e.Path != "content/thu-tuc-hanh-chinh/"+w.name || e.Line != w.line {
				continue
			}
			ok := true
			for _, h := range w.has {
				if !strings.Contains(e.Err.Error(), h) {
					ok = false
				}
			}
			if ok {
				used[i], found = true, true
				break
			}
		}
		if !found {
			t.Errorf("no %s at %s:%d with %q; got:\n%s", what, w.name, w.line, w.has, list(got))
		}
	}
	for i, e := range got {
		if !used[i] {
			t.Errorf("unexpected %s: %v", what, e)
		}
	}
}

func list(l report.ErrorList) string {
	var b strings.Builder
	for _, e := range l {
		b.WriteString("  " + e.Error() + "\n")
	}
	return b.String()
}

// day is a date in Asia/Ho_Chi_Minh.
func day(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02", s, decode.Location)
	if err != nil {
		panic(err)
	}
	return t
}

// mustNew builds a registry that must have no errors.
func mustNew(t *testing.T, ns []nt, now string) *tthc.Registry {
	t.Helper()
	r, errs := tthc.New(pages(t, ns), day(now))
	if len(errs) > 0 {
		t.Fatalf("errors:\n%s", list(errs))
	}
	return r
}
