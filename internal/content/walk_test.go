package content_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/btnmt/cchc/internal/content"

	"golang.org/x/text/unicode/norm"
)

const okPage = "---\ntitle: \"Bài viết\"\ndate: 2020-03-16\n---\nNội dung.\n"

// writeFiles writes files (slash-separated paths relative to root) and returns root.
func writeFiles(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for rel, data := range files {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func rels(ps []*content.Page) string {
	var s []string
	for _, p := range ps {
		s = append(s, p.Rel)
	}
	return strings.Join(s, ",")
}

func TestReadIgnoresEditorFiles(t *testing.T) {
	root := t.TempDir()
	bad := "không phải front matter \xff"
	writeFiles(t, root, map[string]string{
		"content/tin-tuc/x.md":        okPage,
		"content/tin-tuc/x.md~":       bad,
		"content/tin-tuc/.x.md.swp":   bad,
		"content/tin-tuc/.x.swp":      bad,
		"content/tin-tuc/4913":        bad,
		"content/tin-tuc/#x.md#":      bad,
		"content/tin-tuc/.#x.md":      bad,
		"content/tin-tuc/x.md.bak":    bad,
		"content/.an/y.md":            bad,
		"content/tin-tuc/anh-1.jpg":   "jpg",
		"content/tin-tuc/y.md.tmp":    bad,
		"content/tin-tuc/.DS_Store":   bad,
		"content/tin-tuc/_index.md":   "---\ntitle: Tin tức\n---\n",
		"content/tin-tuc/2020/z.md":   okPage,
		"content/tin-tuc/2020/z.md~":  bad,
		"content/tin-tuc/2020/#z.md#": bad,
	})
	src, errs := content.Read(root, filepath.Join(root, "content"))
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	if got := rels(src.Pages); got != "tin-tuc/2020/z.md,tin-tuc/_index.md,tin-tuc/x.md" {
		t.Errorf("pages %s", got)
	}
	if len(src.Files) != 1 || src.Files[0].Rel != "tin-tuc/anh-1.jpg" || src.Files[0].Bundle != "" {
		t.Errorf("files %+v", src.Files)
	}
}

func TestIgnored(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"x.md~", true}, {".x.swp", true}, {".x.md.swx", true}, {"4913", true}, {"#x#", true},
		{".hidden", true}, {"x.md.bak", true}, {"sedAbc123", true},
		{"x.md", false}, {"anh-1.jpg", false}, {"4914", false}, {"49130.md", false}, {"bao-cao.pdf", false}, {"sed.md", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := content.Ignored(tt.name); got != tt.want {
				t.Errorf("Ignored(%q) = %v, want %v", tt.name, got, tt.want)
			}
		})
	}
}

func TestReadNFDFileNames(t *testing.T) {
	root := t.TempDir()
	nfdDir := norm.NFD.String("Tin tức")
	nfdName := norm.NFD.String("Hội nghị tổng kết.md")
	writeFiles(t, root, map[string]string{
		"content/" + nfdDir + "/" + nfdName:                      okPage,
		"content/tin-tuc/" + norm.NFD.String("ảnh đẹp.jpg"):      "jpg",
		"content/tin-tuc/" + norm.NFD.String("Hội thảo") + ".md": norm.NFD.String(okPage),
	})
	src, errs := content.Read(root, filepath.Join(root, "content"))
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	want := []string{"Tin tức/Hội nghị tổng kết.md", "tin-tuc/Hội thảo.md"}
	if len(src.Pages) != len(want) {
		t.Fatalf("pages %s", rels(src.Pages))
	}
	for i, p := range src.Pages {
		if p.Rel != want[i] || p.Path != "content/"+want[i] {
			t.Errorf("page %d: Rel %q Path %q, want NFC %q", i, p.Rel, p.Path, want[i])
		}
		if !norm.NFC.IsNormalString(p.Title) {
			t.Errorf("title %q not NFC", p.Title)
		}
	}
	if src.Pages[0].Section != "Tin tức" {
		t.Errorf("section %q", src.Pages[0].Section)
	}
	if len(src.Files) != 1 || src.Files[0].Rel != "tin-tuc/ảnh đẹp.jpg" {
		t.Errorf("files %+v", src.Files)
	}
	if _, err := os.Stat(src.Files[0].Abs); err != nil {
		t.Errorf("Abs of an NFD file is not on disk: %v", err)
	}
}

func TestReadSymlinks(t *testing.T) {
	outside := t.TempDir()
	writeFiles(t, outside, map[string]string{"bi-mat.md": okPage, "thu-muc/a.md": okPage})
	root := t.TempDir()
	writeFiles(t, root, map[string]string{
		"content/tin-tuc/x.md":   okPage,
		"static/tai-lieu/qd.pdf": "pdf",
	})
	link := func(target, rel string) {
		t.Helper()
		if err := os.Symlink(target, filepath.Join(root, filepath.FromSlash(rel))); err != nil {
			t.Skipf("symlinks not supported: %v", err)
		}
	}
	link(filepath.Join(outside, "bi-mat.md"), "content/tin-tuc/ngoai.md")
	link(filepath.Join(outside, "thu-muc"), "content/ngoai-dir")
	link(filepath.Join(root, "static/tai-lieu/qd.pdf"), "content/tin-tuc/qd.pdf")
	link("../../khong-co.md", "content/tin-tuc/hong.md")

	src, errs := content.Read(root, filepath.Join(root, "content"))
	if got := rels(src.Pages); got != "tin-tuc/x.md" {
		t.Errorf("pages %s: a symlink out of the site was read", got)
	}
	var msgs []string
	for _, e := range errs {
		msgs = append(msgs, e.Error())
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{"content/tin-tuc/ngoai.md: ", "content/ngoai-dir: ", "content/tin-tuc/hong.md: "} {
		if !strings.Contains(all, want) {
			t.Errorf("no error for %s in:\n%s", want, all)
		}
	}
	if !strings.Contains(all, "ngoài") {
		t.Errorf("errors do not say the link leads outside the site:\n%s", all)
	}
	if len(errs) != 3 {
		t.Errorf("%d errors, want 3:\n%s", len(errs), all)
	}
	if len(src.Files) != 1 || src.Files[0].Rel != "tin-tuc/qd.pdf" {
		t.Errorf("files %+v: a symlink inside the site should be kept", src.Files)
	}
}

func TestReadBundles(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{
		"content/tin-tuc/hoi-nghi/index.md":       okPage,
		"content/tin-tuc/hoi-nghi/anh-1.jpg":      "jpg",
		"content/tin-tuc/hoi-nghi/tai-lieu/a.pdf": "pdf",
		"content/tin-tuc/hoi-nghi/phu-luc.md":     okPage,
		"content/tin-tuc/khac.pdf":                "pdf",
		"content/tin-tuc/loi.md":                  "---\ntitle: a\n---\n",
	})
	src, errs := content.Read(root, filepath.Join(root, "content"))
	if got := rels(src.Pages); got != "tin-tuc/hoi-nghi/index.md" {
		t.Errorf("pages %s", got)
	}
	if len(errs) != 2 {
		t.Fatalf("errors %v, want 2", errs)
	}
	if errs[0].Path != "content/tin-tuc/hoi-nghi/phu-luc.md" || !strings.Contains(errs[0].Error(), "index.md") {
		t.Errorf("error 0: %v", errs[0])
	}
	if errs[1].Path != "content/tin-tuc/loi.md" || !strings.Contains(errs[1].Error(), "date") {
		t.Errorf("error 1: %v", errs[1])
	}
	owners := map[string]string{}
	for _, f := range src.Files {
		owners[f.Rel] = f.Bundle
	}
	want := map[string]string{
		"tin-tuc/hoi-nghi/anh-1.jpg":      "tin-tuc/hoi-nghi/index.md",
		"tin-tuc/hoi-nghi/tai-lieu/a.pdf": "tin-tuc/hoi-nghi/index.md",
		"tin-tuc/khac.pdf":                "",
	}
	if len(owners) != len(want) {
		t.Errorf("files %v", owners)
	}
	for rel, b := range want {
		if got, ok := owners[rel]; !ok || got != b {
			t.Errorf("file %s: bundle %q (present %v), want %q", rel, got, ok, b)
		}
	}
}
