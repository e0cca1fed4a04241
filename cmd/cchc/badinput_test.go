package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestBadInputExitCode builds a good site, then broken versions of it into the same destination
// through the command line: each exits 1, prints "path:line: message" in Vietnamese on stderr and
// nothing on stdout, and leaves the previous output exactly as it was.
func TestBadInputExitCode(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		files map[string]string
		setup func(t *testing.T, src string)
		want  []string // lines stderr must have (prefixes "path:line: " and words after a "|")
	}{
		{
			name:  "malformed YAML",
			files: map[string]string{"content/tin-tuc/loi.md": "---\ntitle: \"Lỗi\"\ndate: 2020-05-01\ntags: [a, b\n---\n\nThân.\n"},
			want:  []string{"content/tin-tuc/loi.md:4: |]"},
		},
		{
			name:  "malformed TOML",
			files: map[string]string{"content/tin-tuc/loi.md": "+++\ntitle = \"Lỗi\"\ndate 2020-05-01\n+++\n\nThân.\n"},
			want:  []string{"content/tin-tuc/loi.md:3: |TOML"},
		},
		{
			name:  "unknown key",
			files: map[string]string{"content/tin-tuc/loi.md": "---\ntitle: \"Lỗi\"\ndate: 2020-05-01\ntitel: \"x\"\n---\n\nThân.\n"},
			want:  []string{`content/tin-tuc/loi.md:4: |"titel"|"title"`},
		},
		{
			name: "missing required key of a document",
			files: map[string]string{"content/van-ban/vb.md": "---\ntitle: \"Văn bản\"\ndate: 2020-05-01\nso_ky_hieu: \"1/QĐ\"\n" +
				"loai: \"Quyết định\"\nco_quan_ban_hanh: \"Bộ\"\n---\n\nThân.\n"},
			want: []string{`content/van-ban/vb.md:|thiếu khoá bắt buộc "ngay_ban_hanh"`},
		},
		{
			name:  "invalid UTF-8",
			files: map[string]string{"content/tin-tuc/loi.md": "---\ntitle: \"Lỗi\"\ndate: 2020-05-01\n---\n\nThân b\xe0i.\n"},
			want:  []string{"content/tin-tuc/loi.md:6: |UTF-8"},
		},
		{
			name: "symlink out of the site",
			setup: func(t *testing.T, src string) {
				outside := filepath.Join(t.TempDir(), "x.md")
				if err := os.WriteFile(outside, []byte("---\ntitle: \"X\"\ndate: 2020-05-01\n---\n"), 0o644); err != nil {
					t.Fatal(err)
				}
				if err := os.Symlink(outside, filepath.Join(src, "content", "tin-tuc", "x.md")); err != nil {
					t.Skip("symlinks not supported:", err)
				}
			},
			want: []string{"content/tin-tuc/x.md: |symlink"},
		},
		{
			name:  "layout that panics",
			files: map[string]string{"layouts/_default/single.html": "{{define \"main\"}}\n<h1>{{.Title}}</h1>\n<p>{{.Parent.Parent.Parent.RelPermalink}}</p>\n{{end}}\n"},
			want:  []string{"layouts/_default/single.html:3: |mẫu trang"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			src := smallSite(t, nil)
			dest := filepath.Join(t.TempDir(), "public")
			if code, _, stderr := runCmd(t, "build", "--source", src, "--dest", dest); code != exitOK {
				t.Fatalf("the good site: exit %d\n%s", code, stderr)
			}
			before := snapshot(t, dest)
			writeTree(t, src, tc.files)
			if tc.setup != nil {
				tc.setup(t, src)
			}
			code, stdout, stderr := runCmd(t, "build", "--source", src, "--dest", dest)
			if code != exitContent {
				t.Errorf("exit code %d, want %d; stderr:\n%s", code, exitContent, stderr)
			}
			if stdout != "" {
				t.Errorf("stdout = %q, want nothing", stdout)
			}
			for _, w := range tc.want {
				parts := strings.Split(w, "|")
				found := false
				for _, l := range strings.Split(stderr, "\n") {
					ok := strings.HasPrefix(l, parts[0])
					for _, word := range parts[1:] {
						ok = ok && strings.Contains(l, word)
					}
					found = found || ok
				}
				if !found {
					t.Errorf("stderr has no line starting %q with %q:\n%s", parts[0], parts[1:], stderr)
				}
			}
			if !strings.Contains(stderr, "Thư mục đích được giữ nguyên") {
				t.Errorf("stderr does not say the destination was kept:\n%s", stderr)
			}
			if after := snapshot(t, dest); !reflect.DeepEqual(before, after) {
				t.Error("the failed build changed the destination")
			}
		})
	}
}
