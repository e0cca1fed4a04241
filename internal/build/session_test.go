package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/btnmt/cchc"
)

func sessionSite(t *testing.T) (string, *Session) {
	t.Helper()
	root := t.TempDir()
	files := map[string]string{
		"content/_index.md":          "---\ntitle: \"Trang chủ\"\n---\n",
		"content/tin-tuc/_index.md":  "---\ntitle: \"Tin tức\"\n---\n",
		"content/tin-tuc/bai-mot.md": "---\ntitle: \"Bài một\"\ndate: 2020-03-16\ntags: [\"cải cách\"]\n---\n\n## Kết quả\n\nMột.\n",
		"content/tin-tuc/bai-hai.md": "---\ntitle: \"Bài hai\"\ndate: 2020-03-17\ntags: [\"cải cách\"]\n---\n\nXem [một](bai-mot.md#ket-qua).\n",
		"content/ke-hoach/kh.md":     "---\ntitle: \"Kế hoạch 2020\"\ndate: 2020-01-01\nnam: 2020\nhoat_dong:\n  - stt: 1\n    noi_dung: \"Cập nhật tin\"\n    chu_tri: \"Văn phòng Bộ\"\n    trang_thai: dang-thuc-hien\n---\n",
	}
	files["content/tin-tuc/bai-mot.md"] = strings.Replace(files["content/tin-tuc/bai-mot.md"], "tags:", "hoat_dong: \"kh#1\"\ntags:", 1)
	for n, s := range files {
		p := filepath.Join(root, filepath.FromSlash(n))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s, err := NewSession(Options{Source: root, ThemeLayouts: cchc.ThemeLayouts(), ThemeStatic: cchc.ThemeStatic(),
		Now: time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Build(); err != nil {
		t.Fatal(err)
	}
	return root, s
}

func rewrite(t *testing.T, root, rel, from, to string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), from) {
		t.Fatalf("%s has no %q", rel, from)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(b), from, to, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestSessionRebuildPaths(t *testing.T) {
	root, s := sessionSite(t)
	rel := "content/tin-tuc/bai-mot.md"

	// A body edit converts one page and renders only what reads it.
	rewrite(t, root, rel, "Một.", "Một, đã sửa.")
	snap, st, err := s.Rebuild([]string{rel})
	if err != nil {
		t.Fatal(err)
	}
	if st.Model || st.Full || st.Converted != 1 {
		t.Errorf("body edit: %+v, want the fast path with one conversion", st)
	}
	if total := len(snap.Files); st.Rendered >= total/2 {
		t.Errorf("body edit rendered %d of %d files", st.Rendered, total)
	}
	if !strings.Contains(string(snap.Files["tin-tuc/bai-mot/index.html"]), "Một, đã sửa.") {
		t.Error("the page does not show the edit")
	}

	// A title edit updates the page, the list, the plan's reporting articles and the related pages.
	rewrite(t, root, rel, "title: \"Bài một\"", "title: \"Bài một mới\"")
	snap, st, err = s.Rebuild([]string{rel})
	if err != nil {
		t.Fatal(err)
	}
	if st.Model {
		t.Errorf("title edit took the model path: %+v", st)
	}
	for _, out := range []string{"tin-tuc/bai-mot/index.html", "tin-tuc/index.html", "ke-hoach/kh/index.html", "tin-tuc/bai-hai/index.html", "the/cai-cach/index.html"} {
		if !strings.Contains(string(snap.Files[out]), "Bài một mới") {
			t.Errorf("%s does not show the new title", out)
		}
	}

	// Removing the heading another page links to is an error; fixing it recovers.
	rewrite(t, root, rel, "## Kết quả", "## Khác")
	if _, _, err := s.Rebuild([]string{rel}); err == nil || !strings.Contains(err.Error(), "content/tin-tuc/bai-hai.md:7:") {
		t.Errorf("a broken anchor: %v", err)
	}
	if s.Last() == nil || !strings.Contains(string(s.Last().Files["tin-tuc/bai-mot/index.html"]), "Một, đã sửa.") {
		t.Error("the last good snapshot is lost")
	}
	rewrite(t, root, rel, "## Khác", "## Kết quả")
	if _, _, err := s.Rebuild([]string{rel}); err != nil {
		t.Fatalf("after the fix: %v", err)
	}

	// A new page in a new folder and a removed page change the model.
	if err := os.MkdirAll(filepath.Join(root, "content/tin-tuc/2021"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "content/tin-tuc/2021/moi.md"), []byte("---\ntitle: \"Bài mới\"\ndate: 2020-05-01\n---\n\nMới.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	snap, st, err = s.Rebuild([]string{"content/tin-tuc/2021"})
	if err != nil {
		t.Fatal(err)
	}
	if !st.Model || snap.Files["tin-tuc/2021/moi/index.html"] == nil || !strings.Contains(string(snap.Files["tin-tuc/index.html"]), "Bài mới") {
		t.Errorf("a new page: %+v", st)
	}
	if err := os.Remove(filepath.Join(root, "content/tin-tuc/2021/moi.md")); err != nil {
		t.Fatal(err)
	}
	snap, _, err = s.Rebuild([]string{"content/tin-tuc/2021/moi.md"})
	if err != nil {
		t.Fatal(err)
	}
	if snap.Files["tin-tuc/2021/moi/index.html"] != nil || strings.Contains(string(snap.Files["tin-tuc/index.html"]), "Bài mới") {
		t.Error("a removed page is still served")
	}

	// The snapshots of a session equal a build from scratch.
	fresh, err := NewSession(s.opts)
	if err != nil {
		t.Fatal(err)
	}
	want, _, err := fresh.Build()
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Catchup() // the search index follows the pages
	if err != nil {
		t.Fatal(err)
	}
	for f, data := range want.Files {
		if string(got.Files[f]) != string(data) {
			t.Errorf("%s differs from a build from scratch", f)
		}
	}
	for f := range got.Files {
		if _, ok := want.Files[f]; !ok {
			t.Errorf("%s is left over from an earlier build", f)
		}
	}
}
