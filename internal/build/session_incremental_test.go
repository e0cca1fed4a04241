package build

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/btnmt/cchc"
)

// incrementalSite copies the repository's example site (content/ and site.yaml) into a temporary
// folder and adds generated articles, enough for lists of several pages, terms shared by many
// pages and pages with the same date.
func incrementalSite(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	if err := os.CopyFS(filepath.Join(root, "content"), os.DirFS(filepath.Join("..", "..", "content"))); err != nil {
		t.Fatal(err)
	}
	cfg, err := os.ReadFile(filepath.Join("..", "..", "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, root, "site.yaml", string(cfg))
	tags := []string{"cải cách", "dịch vụ công trực tuyến", "tuyên truyền", "Cải Cách", "kiểm soát thủ tục"}
	fields := []string{"Đất đai", "Môi trường", "Tài nguyên nước"}
	for i := 0; i < 45; i++ {
		day := time.Date(2019, 1, 1, 8, 0, 0, 0, time.UTC).AddDate(0, 0, 9*i)
		if i%7 == 3 {
			day = time.Date(2020, 6, 1, 8, 0, 0, 0, time.UTC) // pages of the same date: the title orders them
		}
		link := ""
		if i%10 == 4 {
			link = fmt.Sprintf("\n\nXem thêm [bài %d](bai-so-%02d.md#ket-qua).\n", i-1, i-1)
		}
		extra := ""
		switch i {
		case 0, 5: // a term written two ways: the most used spelling is its name
			extra = ", \"Ý kiến\""
		case 1:
			extra = ", \"ý kiến\""
		}
		writeFile(t, root, fmt.Sprintf("content/tin-tuc/bai-so-%02d.md", i), fmt.Sprintf(
			"---\ntitle: \"Bài số %02d về cải cách hành chính\"\ndate: %s\ntags: [%q, %q%s]\nlinh_vuc: %q\ndon_vi: \"Văn phòng Bộ\"\n---\n\nĐoạn mở đầu của bài %d.\n\n## Kết quả\n\nNội dung.%s",
			i, day.Format(time.RFC3339), tags[i%len(tags)], tags[(i+2)%len(tags)], extra, fields[i%len(fields)], i, link))
	}
	writeFile(t, root, "content/tin-tuc/bai-anh/index.md", "---\ntitle: \"Bài có ảnh\"\ndate: 2020-03-03\ntags: [\"cải cách\"]\n---\n\n![Ảnh hội nghị](anh.png)\n")
	writeFile(t, root, "content/tin-tuc/bai-anh/anh.png", "\x89PNG\r\n\x1a\nmot")
	return root
}

func writeFile(t *testing.T, root, rel, text string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// incrementalEdit is one change of the site's files; it returns the paths it changed, as the
// watcher would report them.
type incrementalEdit struct {
	name string
	do   func(t *testing.T, root string) []string
}

// brokenEdits leave the site with an error: the rebuild must fail, and the next edit fixes it.
var brokenEdits = map[string]bool{"broken front matter": true, "broken link": true}

func replaceIn(rel, from, to string) func(t *testing.T, root string) []string {
	return func(t *testing.T, root string) []string {
		t.Helper()
		rewrite(t, root, rel, from, to)
		return []string{rel}
	}
}

const (
	editArticle = "content/tin-tuc/bai-so-20.md"
	editNotice  = "content/thu-tuc-hanh-chinh/cong-bo-thu-tuc-hanh-chinh-moi-sua-doi-bai-bo-nam-2021.md"
	editPlan    = "content/ke-hoach/ke-hoach-thong-tin-tuyen-truyen-cai-cach-hanh-chinh-nam-2020.md"
	editDoc     = "content/van-ban/quyet-dinh-2819-qd-btnmt-ke-hoach-cai-cach-hanh-chinh-2016-2020.md"
	editEvent   = "content/su-kien/tap-huan-kiem-soat-thu-tuc-hanh-chinh-nam-2026.md"
)

var incrementalEdits = []incrementalEdit{
	{"body", replaceIn(editArticle, "Nội dung.", "Nội dung đã sửa, dài hơn.")},
	{"title", replaceIn(editArticle, "title: \"Bài số 20", "title: \"Bài số hai mươi")},
	{"description", replaceIn(editArticle, "tags:", "description: \"Tóm tắt mới của bài.\"\ntags:")},
	{"lastmod", replaceIn(editArticle, "tags:", "lastmod: 2021-04-05\ntags:")},
	{"tag added", replaceIn(editArticle, "tags: [", "tags: [\"thẻ mới\", \"tuyên truyền\", ")},
	{"tag removed", replaceIn(editArticle, "tags: [\"thẻ mới\", \"tuyên truyền\", ", "tags: [")},
	{"term spelling", replaceIn("content/tin-tuc/bai-so-05.md", "\"Ý kiến\"", "\"ý kiến\"")},
	{"date moves it first", replaceIn(editArticle, "date: 2019-06-30", "date: 2026-05-20")},
	{"date same as others", replaceIn(editArticle, "date: 2026-05-20T08:00:00Z", "date: 2020-06-01T08:00:00Z")},
	{"weight", replaceIn(editArticle, "tags:", "weight: 1\ntags:")},
	{"draft on", replaceIn("content/tin-tuc/bai-so-30.md", "tags:", "draft: true\ntags:")},
	{"draft off", replaceIn("content/tin-tuc/bai-so-30.md", "draft: true\n", "")},
	{"body after model", replaceIn(editArticle, "Đoạn mở đầu", "Đoạn đầu")},
	{"new article", func(t *testing.T, root string) []string {
		writeFile(t, root, "content/tin-tuc/bai-moi.md", "---\ntitle: \"Bài mới đăng\"\ndate: 2026-05-25\ntags: [\"cải cách\", \"mới\"]\nlinh_vuc: \"Đất đai\"\n---\n\nMới. Xem [bài 20](bai-so-20.md#ket-qua).\n")
		return []string{"content/tin-tuc/bai-moi.md"}
	}},
	{"new article in a new folder", func(t *testing.T, root string) []string {
		writeFile(t, root, "content/tin-tuc/chuyen-de/bai-chuyen-de.md", "---\ntitle: \"Bài chuyên đề\"\ndate: 2021-02-02\ntags: [\"chuyên đề\"]\n---\n\nChuyên đề.\n")
		return []string{"content/tin-tuc/chuyen-de"}
	}},
	{"new section", func(t *testing.T, root string) []string {
		writeFile(t, root, "content/thong-bao/thong-bao-nghi-le.md", "---\ntitle: \"Thông báo nghỉ lễ\"\ndate: 2021-04-28\n---\n\nNghỉ lễ.\n")
		return []string{"content/thong-bao"}
	}},
	{"delete", func(t *testing.T, root string) []string {
		if err := os.Remove(filepath.Join(root, "content/tin-tuc/bai-so-10.md")); err != nil {
			t.Fatal(err)
		}
		return []string{"content/tin-tuc/bai-so-10.md"}
	}},
	{"rename", func(t *testing.T, root string) []string {
		if err := os.Rename(filepath.Join(root, "content/tin-tuc/bai-so-11.md"), filepath.Join(root, "content/tin-tuc/bai-so-muoi-mot.md")); err != nil {
			t.Fatal(err)
		}
		return []string{"content/tin-tuc/bai-so-11.md", "content/tin-tuc/bai-so-muoi-mot.md"}
	}},
	{"link target removed", func(t *testing.T, root string) []string {
		rewrite(t, root, "content/tin-tuc/bai-moi.md", "Xem [bài 20](bai-so-20.md#ket-qua).", "Xem bài 20.")
		rewrite(t, root, editArticle, "## Kết quả", "## Kết luận")
		return []string{"content/tin-tuc/bai-moi.md", editArticle}
	}},
	{"section title", replaceIn("content/tin-tuc/_index.md", "title: \"Tin tức\"", "title: \"Tin tức – sự kiện\"")},
	{"notice", replaceIn(editNotice, "ten: \"Cấp giấy phép môi trường\"", "ten: \"Cấp giấy phép môi trường (mới)\"")},
	{"notice date", replaceIn(editNotice, "ngay_hieu_luc: 2021-02-01", "ngay_hieu_luc: 2021-03-01")},
	{"plan activity", replaceIn(editPlan, "trang_thai: dang-thuc-hien", "trang_thai: hoan-thanh")},
	{"report to a plan", replaceIn(editArticle, "tags:", "hoat_dong: \"ke-hoach-thong-tin-tuyen-truyen-cai-cach-hanh-chinh-nam-2020#4\"\ntags:")},
	{"document", replaceIn(editDoc, "so_ky_hieu: \"2819/QĐ-BTNMT\"", "so_ky_hieu: \"2819A/QĐ-BTNMT\"")},
	{"document title", replaceIn(editDoc, "title: \"Ban hành", "title: \"Đã ban hành")},
	{"bundle file", func(t *testing.T, root string) []string {
		writeFile(t, root, "content/tin-tuc/bai-anh/anh.png", "\x89PNG\r\n\x1a\nhai")
		return []string{"content/tin-tuc/bai-anh/anh.png"}
	}},
	{"static file", func(t *testing.T, root string) []string {
		writeFile(t, root, "static/tai-lieu/huong-dan.pdf", "%PDF-1.4 hướng dẫn")
		return []string{"static/tai-lieu"}
	}},
	{"title again", replaceIn(editArticle, "title: \"Bài số hai mươi", "title: \"Bài hai mươi")},
	{"broken front matter", replaceIn(editArticle, "tags:", "daet: 2021-01-01\ntags:")},
	{"fixed with another tag", replaceIn(editArticle, "daet: 2021-01-01\ntags: [", "tags: [\"sửa lỗi\", ")},
	{"broken link", replaceIn("content/tin-tuc/bai-so-31.md", "Nội dung.", "Nội dung, xem [bài cũ](khong-co.md).")},
	{"fixed link", replaceIn("content/tin-tuc/bai-so-31.md", "[bài cũ](khong-co.md)", "[bài cũ](bai-so-30.md)")},
	{"event title", replaceIn(editEvent, "title: \"Tập huấn nghiệp vụ", "title: \"Lớp tập huấn nghiệp vụ")},
	{"event body", replaceIn(editEvent, "\n---\n", "\n---\n\nĐoạn mới ở đầu.\n")},
}

// TestSessionRebuildMatchesBuild applies edits of every kind one after the other through
// Session.Rebuild and checks after each that the preview holds exactly what a build from scratch
// of the same files makes.
func TestSessionRebuildMatchesBuild(t *testing.T) {
	for _, mode := range []struct {
		name   string
		drafts bool
	}{{"preview", true}, {"published only", false}} {
		t.Run(mode.name, func(t *testing.T) {
			root := incrementalSite(t)
			opts := Options{Source: root, ThemeLayouts: cchc.ThemeLayouts(), ThemeStatic: cchc.ThemeStatic(),
				Drafts: mode.drafts, Future: mode.drafts, Now: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)}
			s, err := NewSession(opts)
			if err != nil {
				t.Fatal(err)
			}
			if _, _, err := s.Build(); err != nil {
				t.Fatal(err)
			}
			staleSeen := false
			for _, e := range incrementalEdits {
				changed := e.do(t, root)
				snap, st, err := s.Rebuild(changed)
				if brokenEdits[e.name] {
					if err == nil {
						t.Fatalf("%s: no error", e.name)
					}
					continue
				}
				if err != nil {
					t.Fatalf("%s: %v", e.name, err)
				}
				if st.Full {
					t.Errorf("%s: rebuilt everything", e.name)
				}
				fresh, err := NewSession(opts)
				if err != nil {
					t.Fatal(err)
				}
				want, _, err := fresh.Build()
				if err != nil {
					t.Fatalf("%s: a build from scratch: %v", e.name, err)
				}
				// Before catching up, only the stale pages and the search index may lag.
				lagging := func(f string) bool { return snap.Stale[f] || strings.HasPrefix(f, "tim-kiem/chi-muc/") }
				staleSeen = staleSeen || len(snap.Stale) > 0
				if diff := snapshotDiff(except(snap.Files, lagging), except(want.Files, lagging)); diff != "" {
					t.Fatalf("after %q (rebuild %+v), before catching up, the preview differs from a build from scratch: %s", e.name, *st, diff)
				}
				if s.Pending() {
					if snap, err = s.Catchup(); err != nil {
						t.Fatalf("%s: catching up: %v", e.name, err)
					}
				}
				if diff := snapshotDiff(snap.Files, want.Files); diff != "" {
					t.Fatalf("after %q (rebuild %+v), the preview differs from a build from scratch: %s", e.name, *st, diff)
				}
			}
			if !staleSeen {
				t.Error("no edit left pages of lists for later: the test does not check them")
			}
		})
	}
}

// except returns the files for which skip is false.
func except(files map[string][]byte, skip func(string) bool) map[string][]byte {
	out := make(map[string][]byte, len(files))
	for f, data := range files {
		if !skip(f) {
			out[f] = data
		}
	}
	return out
}

// snapshotDiff describes the first difference between the files of two snapshots, "" when
// they are the same.
func snapshotDiff(got, want map[string][]byte) string {
	var names []string
	for f := range want {
		names = append(names, f)
	}
	for f := range got {
		if _, ok := want[f]; !ok {
			names = append(names, f)
		}
	}
	sort.Strings(names)
	for _, f := range names {
		g, inGot := got[f]
		w, inWant := want[f]
		switch {
		case !inGot:
			return f + " is missing"
		case !inWant:
			return f + " is left over"
		case string(g) != string(w):
			return f + " differs:\n" + lineDiff(string(g), string(w))
		}
	}
	return ""
}

// lineDiff shows the first line that differs, with two lines around it.
func lineDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	i := 0
	for i < len(g) && i < len(w) && g[i] == w[i] {
		i++
	}
	excerpt := func(lines []string) string {
		lo, hi := max(0, i-2), min(len(lines), i+3)
		var b strings.Builder
		for k := lo; k < hi; k++ {
			mark := "  "
			if k == i {
				mark = "> "
			}
			fmt.Fprintf(&b, "\t%s%d: %.200s\n", mark, k+1, lines[k])
		}
		return b.String()
	}
	return fmt.Sprintf("line %d\n  preview:\n%s  from scratch:\n%s", i+1, excerpt(g), excerpt(w))
}
