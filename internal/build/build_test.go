package build_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/btnmt/cchc"
	"github.com/btnmt/cchc/internal/build"
	"github.com/btnmt/cchc/internal/report"
)

// vnZone is Vietnam's time zone (UTC+7, no daylight saving).
var vnZone = time.FixedZone("ICT", 7*3600)

// testNow is the build time of every test build: dates in fixtures are placed around it.
var testNow = time.Date(2021, time.January, 15, 9, 0, 0, 0, vnZone)

// siteFiles maps a path relative to the site root ("content/tin-tuc/x.md") to its content.
type siteFiles map[string]string

// baseSite is a small valid site: a home page, the tin-tuc section and two articles.
func baseSite() siteFiles {
	return siteFiles{
		"content/_index.md": `---
title: "Trang chủ thử nghiệm"
---

Lời giới thiệu chuyên trang.
`,
		"content/tin-tuc/_index.md": `---
title: "Tin tức"
description: "Tin tức về cải cách hành chính."
---

Các bài viết mới nhất.
`,
		"content/tin-tuc/bai-mot.md": `---
title: "Bài một"
date: 2020-03-16
---

Nội dung bài một.

## Mục đầu

Đoạn văn.
`,
		"content/tin-tuc/bai-hai.md": `---
title: "Bài hai"
date: 2020-04-20
tags: ["cải cách"]
---

Nội dung bài hai, xem [bài một](bai-mot.md#muc-dau).
`,
	}
}

// with returns a copy of f with the files of more added or replaced.
func (f siteFiles) with(more siteFiles) siteFiles {
	out := siteFiles{}
	for k, v := range f {
		out[k] = v
	}
	for k, v := range more {
		out[k] = v
	}
	return out
}

// writeFiles writes files under root, creating folders as needed.
func writeFiles(t *testing.T, root string, files siteFiles) {
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

// writeSite writes a site into a new temporary folder and returns the folder.
func writeSite(t *testing.T, files siteFiles) string {
	t.Helper()
	root := filepath.Join(t.TempDir(), "site")
	if err := os.Mkdir(root, 0o755); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, root, files)
	return root
}

// options returns the options of a test build of src into dest with the default theme.
func options(src, dest string) build.Options {
	return build.Options{
		Source:       src,
		Dest:         dest,
		ThemeLayouts: cchc.ThemeLayouts(),
		ThemeStatic:  cchc.ThemeStatic(),
		Now:          testNow,
	}
}

// mustBuild builds and fails the test on error.
func mustBuild(t *testing.T, opts build.Options) *build.Result {
	t.Helper()
	res, err := build.Build(opts)
	if err != nil {
		t.Fatalf("Build(%s): unexpected error:\n%v", opts.Source, err)
	}
	return res
}

// buildFiles writes files as a site, builds it into a fresh dest and returns dest.
func buildFiles(t *testing.T, files siteFiles, mod func(*build.Options)) (dest string, res *build.Result) {
	t.Helper()
	src := writeSite(t, files)
	dest = filepath.Join(t.TempDir(), "public")
	opts := options(src, dest)
	if mod != nil {
		mod(&opts)
	}
	return dest, mustBuild(t, opts)
}

// readOut returns the content of an output file; it fails the test when the file is missing.
func readOut(t *testing.T, dest, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatalf("output %s: %v", rel, err)
	}
	return string(b)
}

// exists tells whether an output file exists.
func exists(dest, rel string) bool {
	_, err := os.Stat(filepath.Join(dest, filepath.FromSlash(rel)))
	return err == nil
}

// treeFiles returns every regular file under dir, by slash-separated relative path.
func treeFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		out[filepath.ToSlash(rel)] = b
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// treeHash hashes a whole folder: every entry's path, type, mode and content.
func treeHash(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		info, err := d.Info()
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%v\x00", filepath.ToSlash(rel), info.Mode())
		if d.Type().IsRegular() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			fmt.Fprintf(h, "%d\x00", len(b))
			h.Write(b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// compareTrees fails the test unless the two folders hold the same files with the same bytes.
func compareTrees(t *testing.T, a, b string) {
	t.Helper()
	fa, fb := treeFiles(t, a), treeFiles(t, b)
	for rel, da := range fa {
		db, ok := fb[rel]
		switch {
		case !ok:
			t.Errorf("%s is in %s but not in %s", rel, a, b)
		case !bytes.Equal(da, db):
			t.Errorf("%s differs between the two builds:\n%s\n----\n%s", rel, clip(da), clip(db))
		}
	}
	for rel := range fb {
		if _, ok := fa[rel]; !ok {
			t.Errorf("%s is in %s but not in %s", rel, b, a)
		}
	}
}

func clip(b []byte) string {
	if len(b) > 400 {
		return string(b[:400]) + "…"
	}
	return string(b)
}

// leftovers lists the temporary build folders left beside dest.
func leftovers(t *testing.T, dest string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(dest))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "."+filepath.Base(dest)+".tmp-") {
			out = append(out, e.Name())
		}
	}
	return out
}

// errorList turns a build error into the list of problems, failing the test when it is neither
// a report.ErrorList nor a *report.FileError.
func errorList(t *testing.T, err error) report.ErrorList {
	t.Helper()
	var list report.ErrorList
	if errors.As(err, &list) {
		return list
	}
	var fe *report.FileError
	if errors.As(err, &fe) {
		return report.ErrorList{fe}
	}
	t.Fatalf("error is %T, not a report.ErrorList or *report.FileError: %v", err, err)
	return nil
}

// anyLine in wantErr.Line accepts the problem at any line of its file.
const anyLine = -1

// wantErr is a problem a build must report: at Path and Line (0 for the file as a whole, anyLine
// for any), with every word of Words in its message (case-insensitive).
type wantErr struct {
	Path  string
	Line  int
	Words []string
}

// findErr returns the first error of list at w.Path and w.Line whose message has every word.
func findErr(list report.ErrorList, w wantErr) *report.FileError {
	for _, e := range list {
		if e.Path != w.Path || (w.Line != anyLine && e.Line != w.Line) {
			continue
		}
		msg := strings.ToLower(e.Error())
		ok := true
		for _, word := range w.Words {
			if !strings.Contains(msg, strings.ToLower(word)) {
				ok = false
				break
			}
		}
		if ok {
			return e
		}
	}
	return nil
}

// checkErr fails the test unless list has the problem w.
func checkErr(t *testing.T, list report.ErrorList, w wantErr) {
	t.Helper()
	if findErr(list, w) == nil {
		t.Errorf("no error at %s:%d with %q; got:\n%v", w.Path, w.Line, w.Words, list)
	}
	// Every error prints as "path:line: message" (or "path: message" for a whole file).
	for _, e := range list {
		if e.Path == w.Path && e.Line == w.Line && e.Line > 0 {
			if prefix := fmt.Sprintf("%s:%d: ", w.Path, w.Line); !strings.HasPrefix(e.Error(), prefix) {
				t.Errorf("error %q does not start with %q", e.Error(), prefix)
			}
		}
	}
}

// fm returns a page's Markdown with YAML front matter made of lines and the given body.
func fm(body string, lines ...string) string {
	return "---\n" + strings.Join(lines, "\n") + "\n---\n" + body
}

// lineOf returns the 1-based line of the first occurrence of marker in s; it panics when marker
// is not there, so a fixture and its expected line cannot drift apart.
func lineOf(s, marker string) int {
	i := strings.Index(s, marker)
	if i < 0 {
		panic(fmt.Sprintf("lineOf: %q not found", marker))
	}
	return 1 + strings.Count(s[:i], "\n")
}

// badInputCase is a case of TestBuildRejectsBadInput.
type badInputCase struct {
	name  string
	files siteFiles                      // written over the good site
	setup func(t *testing.T, src string) // further changes, after files
	want  []wantErr
	check func(t *testing.T, list report.ErrorList) // further checks of the problems
	mod   func(*build.Options)                      // options of the broken build
}

// TestBuildRejectsBadInput builds a good site, then a broken version of it into the same
// destination: the build must fail with the problem at its file and line, and leave the
// destination exactly as it was, with no temporary folder beside it.
func TestBuildRejectsBadInput(t *testing.T) {
	t.Parallel()
	const bad = "content/tin-tuc/loi.md"
	var (
		badUTF8 = fm("\nDòng một.\nDòng hai.\nDòng b\xe1y \xff h\xf4ng.\nDòng cuối.\n",
			`title: "Sai mã"`, `date: 2020-05-01`)
		brokenRel    = fm("\nĐoạn một.\n\nXem [x](khong-co.md) nhé.\n", `title: "Liên kết hỏng"`, `date: 2020-05-01`)
		brokenAnchor = fm("\nĐoạn một.\n\nĐoạn hai.\n\nXem [x](bai-mot.md#khong-co).\n", `title: "Mục không có"`, `date: 2020-05-01`)
		brokenAbs    = fm("\nXem [x](/tin-tuc/khong-co/).\n", `title: "Đường dẫn không có"`, `date: 2020-05-01`)
		toDraft      = fm("\nXem [bản nháp](nhap.md).\n", `title: "Trỏ tới bản nháp"`, `date: 2020-05-02`)
		jsLink       = fm("\nĐoạn một.\n\n[Bấm vào đây](javascript:alert(1))\n", `title: "Liên kết nguy hiểm"`, `date: 2020-05-01`)
	)
	type testCase = badInputCase
	tests := []testCase{
		{
			name: "yaml unclosed bracket",
			files: siteFiles{bad: fm("\nThân bài.\n",
				`title: "Lỗi cú pháp"`, // line 2
				`date: 2020-05-01`,     // line 3
				`tags: [a, b`,          // line 4
			)},
			want: []wantErr{{bad, 4, []string{"]"}}},
		},
		{
			name: "toml missing equals",
			files: siteFiles{bad: "+++\n" +
				"title = \"Lỗi TOML\"\n" + // line 2
				"date 2020-05-01\n" + // line 3
				"+++\n\nThân bài.\n"},
			want: []wantErr{{bad, 3, []string{"TOML"}}},
		},
		{
			name:  "unclosed front matter",
			files: siteFiles{bad: "---\ntitle: \"Không đóng\"\ndate: 2020-05-01\n\nThân bài.\n"},
			want:  []wantErr{{bad, 1, []string{"---", "đóng"}}},
		},
		{
			name:  "unknown key titel",
			files: siteFiles{bad: fm("\nThân bài.\n", `titel: "Sai tên khoá"`, `date: 2020-05-01`)},
			want:  []wantErr{{bad, 2, []string{`"titel"`, `"title"`}}},
		},
		{
			name:  "tags is a mapping",
			files: siteFiles{bad: fm("\nThân bài.\n", `title: "Sai kiểu"`, `date: 2020-05-01`, `tags: {a: 1}`)},
			want:  []wantErr{{bad, 4, []string{"tags", "danh sách"}}},
		},
		{
			name:  "draft is a string",
			files: siteFiles{bad: fm("\nThân bài.\n", `title: "Sai kiểu"`, `date: 2020-05-01`, `draft: "có"`)},
			want:  []wantErr{{bad, 4, []string{"draft", "true", "false"}}},
		},
		{
			name:  "date month 13",
			files: siteFiles{bad: fm("\nThân bài.\n", `title: "Ngày sai"`, `date: 2020-13-45`)},
			want:  []wantErr{{bad, 3, []string{"2020-13-45", "không hợp lệ"}}},
		},
		{
			name:  "date February 30",
			files: siteFiles{bad: fm("\nThân bài.\n", `title: "Ngày sai"`, `date: 2020-02-30`)},
			want:  []wantErr{{bad, 3, []string{"2020-02-30", "không hợp lệ"}}},
		},
		{
			name:  "missing title",
			files: siteFiles{bad: fm("\nThân bài.\n", `description: "Không có tiêu đề"`, `date: 2020-05-01`)},
			want:  []wantErr{{bad, 1, []string{"thiếu", "title"}}},
		},
		{
			name:  "missing date on an article",
			files: siteFiles{bad: fm("\nThân bài.\n", `title: "Không có ngày"`)},
			want:  []wantErr{{bad, 1, []string{"thiếu", "date"}}},
		},
		{
			name:  "invalid UTF-8",
			files: siteFiles{bad: badUTF8},
			want:  []wantErr{{bad, lineOf(badUTF8, "\xff"), []string{"UTF-8"}}},
		},
		{
			name:  "empty file",
			files: siteFiles{bad: ""},
			want:  []wantErr{{bad, 1, []string{"rỗng"}}},
		},
		{
			name: "file over 10 MB",
			// Just over 10 MiB: the front matter plus 10 MiB of text.
			files: siteFiles{bad: fm("\n"+strings.Repeat(strings.Repeat("a", 1023)+"\n", 10<<10),
				`title: "Quá lớn"`, `date: 2020-05-01`)},
			want: []wantErr{{bad, 0, []string{"MB"}}},
		},
		{
			name:  "file name slugs to nothing",
			files: siteFiles{"content/tin-tuc/!!!.md": fm("\nThân bài.\n", `title: "Tên tệp chỉ có ký hiệu"`, `date: 2020-05-01`)},
			want:  []wantErr{{"content/tin-tuc/!!!.md", 0, []string{"slug", "rỗng"}}},
		},
		{
			name:  "slug of symbols",
			files: siteFiles{bad: fm("\nThân bài.\n", `title: "Slug chỉ có ký hiệu"`, `date: 2020-05-01`, `slug: "!!!"`)},
			want:  []wantErr{{bad, 4, []string{"slug", "!!!"}}},
		},
		{
			name: "two files with the same URL",
			files: siteFiles{
				"content/tin-tuc/a.md": fm("\nBài A.\n", `title: "Bài A"`, `date: 2020-05-01`, `slug: b`),
				"content/tin-tuc/b.md": fm("\nBài B.\n", `title: "Bài B"`, `date: 2020-05-02`),
			},
			check: func(t *testing.T, list report.ErrorList) {
				t.Helper()
				// One error, reported against one of the two files, must name the other.
				for _, e := range list {
					msg := e.Error()
					if (e.Path == "content/tin-tuc/a.md" && strings.Contains(msg, "content/tin-tuc/b.md")) ||
						(e.Path == "content/tin-tuc/b.md" && strings.Contains(msg, "content/tin-tuc/a.md")) {
						if !strings.Contains(msg, "/tin-tuc/b/") || !strings.Contains(msg, "trùng") {
							t.Errorf("duplicate URL error %q should give the URL /tin-tuc/b/ and say \"trùng\"", msg)
						}
						return
					}
				}
				t.Errorf("no error names both content/tin-tuc/a.md and content/tin-tuc/b.md; got:\n%v", list)
			},
		},
		{
			name:  "two file names with the same slug",
			files: siteFiles{"content/tin-tuc/Bài Một.md": fm("\nTrùng.\n", `title: "Bài một, bản khác"`, `date: 2020-05-01`)},
			check: func(t *testing.T, list report.ErrorList) {
				t.Helper()
				const a, b = "content/tin-tuc/Bài Một.md", "content/tin-tuc/bai-mot.md"
				for _, e := range list {
					if (e.Path == a && strings.Contains(e.Error(), b)) || (e.Path == b && strings.Contains(e.Error(), a)) {
						return
					}
				}
				t.Errorf("no error names both %s and %s; got:\n%v", a, b, list)
			},
		},
		{
			name: "alias equal to another page's URL",
			files: siteFiles{bad: fm("\nThân bài.\n", `title: "Bí danh trùng"`, `date: 2020-05-01`,
				`aliases: ["/tin-tuc/bai-mot/"]`)},
			want: []wantErr{{bad, 4, []string{"/tin-tuc/bai-mot/", "content/tin-tuc/bai-mot.md"}}},
		},
		{
			name: "alias equal to the 404 page",
			files: siteFiles{bad: fm("\nThân bài.\n", `title: "Bí danh trùng trang 404"`, `date: 2020-05-01`,
				`aliases: ["/404.html"]`)},
			want: []wantErr{{bad, 4, []string{"/404.html", "trùng"}}},
		},
		{
			name: "alias with dot-dot",
			files: siteFiles{bad: fm("\nThân bài.\n", `title: "Bí danh có .."`, `date: 2020-05-01`,
				`aliases: ["/tin-tuc/../x/"]`)},
			want: []wantErr{{bad, 4, []string{"aliases", ".."}}},
		},
		{
			name:  "broken relative link",
			files: siteFiles{bad: brokenRel},
			want:  []wantErr{{bad, lineOf(brokenRel, "khong-co.md"), []string{"khong-co.md"}}},
		},
		{
			name:  "broken anchor",
			files: siteFiles{bad: brokenAnchor},
			want:  []wantErr{{bad, lineOf(brokenAnchor, "#khong-co"), []string{"#khong-co", "content/tin-tuc/bai-mot.md"}}},
		},
		{
			name:  "broken site-relative link",
			files: siteFiles{bad: brokenAbs},
			want:  []wantErr{{bad, lineOf(brokenAbs, "/tin-tuc/khong-co/"), []string{"/tin-tuc/khong-co/", "không có"}}},
		},
		{
			name: "link to a draft",
			files: siteFiles{
				"content/tin-tuc/nhap.md": fm("\nBản nháp.\n", `title: "Bản nháp"`, `date: 2020-05-01`, `draft: true`),
				bad:                       toDraft,
			},
			want: []wantErr{{bad, lineOf(toDraft, "(nhap.md)"), []string{"nhap.md", "nháp"}}},
		},
		{
			name:  "javascript link",
			files: siteFiles{bad: jsLink},
			want:  []wantErr{{bad, lineOf(jsLink, "javascript:"), []string{"javascript", "không an toàn"}}},
		},
		{
			name: "symlink out of the site",
			setup: func(t *testing.T, src string) {
				t.Helper()
				outside := filepath.Join(t.TempDir(), "ngoai.md")
				if err := os.WriteFile(outside, []byte(fm("\nBên ngoài.\n", `title: "Ngoài"`, `date: 2020-05-01`)), 0o644); err != nil {
					t.Fatal(err)
				}
				if err := os.Symlink(outside, filepath.Join(src, "content", "tin-tuc", "ngoai.md")); err != nil {
					t.Skip("symlinks not supported:", err)
				}
			},
			want: []wantErr{{"content/tin-tuc/ngoai.md", 0, []string{"symlink", "ngoài"}}},
		},
		{
			name:  "site.yaml unknown key",
			files: siteFiles{"site.yaml": "title: \"Chuyên trang\"\nbaseURL: \"/\"\ntitel: \"Sai\"\n"},
			want:  []wantErr{{"site.yaml", 3, []string{`"titel"`, `"title"`}}},
		},
		{
			name:  "site.yaml malformed",
			files: siteFiles{"site.yaml": "title: \"Chuyên trang\"\nmenu: [\n  {ten: \"Trang chủ\", url: \"/\"}\n"},
			want:  []wantErr{{"site.yaml", 2, []string{"]"}}},
		},
		{
			name:  "site.yaml rssLimit not a number",
			files: siteFiles{"site.yaml": "title: \"Chuyên trang\"\nrssLimit: \"ba\"\n"},
			want:  []wantErr{{"site.yaml", 2, []string{"rssLimit", "số nguyên"}}},
		},
		{
			name:  "partial syntax error",
			files: siteFiles{"layouts/partials/footer.html": "<footer>\n<p>{{.Site.Config.Title}</p>\n</footer>\n"},
			want:  []wantErr{{"layouts/partials/footer.html", 2, []string{"mẫu trang"}}},
		},
		{
			name:  "layout calls an undefined function",
			files: siteFiles{"layouts/_default/single.html": "{{define \"main\"}}\n<h1>{{.Title}}</h1>\n<p>{{khongCo .Date}}</p>\n{{end}}\n"},
			want:  []wantErr{{"layouts/_default/single.html", 3, []string{"khongCo"}}},
		},
		{
			name:  "layout links to a missing page",
			files: siteFiles{"layouts/_default/single.html": "{{define \"main\"}}\n<h1>{{.Title}}</h1>\n<a href=\"{{relURL \"/khong-co/\"}}\">x</a>\n{{end}}\n"},
			// The line of the link in the layout would be welcome; the file is required.
			want: []wantErr{{"layouts/_default/single.html", anyLine, []string{"/khong-co/"}}},
		},
		{
			name:  "layout syntax error",
			files: siteFiles{"layouts/_default/single.html": "{{define \"main\"}}\n<article>\n<h1>{{.Title}</h1>\n</article>\n{{end}}\n"},
			want:  []wantErr{{"layouts/_default/single.html", 3, []string{"mẫu trang"}}},
		},
		{
			name:  "layout undefined field",
			files: siteFiles{"layouts/_default/single.html": "{{define \"main\"}}\n<article>\n<h1>{{.Title}}</h1>\n<p>{{.KhongCo}}</p>\n</article>\n{{end}}\n"},
			want:  []wantErr{{"layouts/_default/single.html", 4, []string{"KhongCo"}}},
		},
	}
	tests = append(tests, moreBadInput()...)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			src := writeSite(t, baseSite())
			dest := filepath.Join(t.TempDir(), "public")
			mustBuild(t, options(src, dest))
			before := treeHash(t, dest)

			writeFiles(t, src, tc.files)
			if tc.setup != nil {
				tc.setup(t, src)
			}
			opts := options(src, dest)
			if tc.mod != nil {
				tc.mod(&opts)
			}
			_, err := build.Build(opts)
			if err == nil {
				t.Fatal("Build succeeded; want an error")
			}
			list := errorList(t, err)
			t.Logf("reported:\n%v", list)
			for _, w := range tc.want {
				checkErr(t, list, w)
			}
			if tc.check != nil {
				tc.check(t, list)
			}
			if after := treeHash(t, dest); after != before {
				t.Error("the failed build changed the destination")
			}
			if l := leftovers(t, dest); len(l) > 0 {
				t.Errorf("temporary folders left beside dest: %v", l)
			}
		})
	}
}

// TestBuildAcceptsUnusualInput builds files that look odd but are valid.
func TestBuildAcceptsUnusualInput(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		data  string
		check func(t *testing.T, page string)
	}{
		{
			name: "BOM",
			data: "\xef\xbb\xbf" + fm("\nCó dấu BOM ở đầu tệp.\n", `title: "Tệp có BOM"`, `date: 2020-05-01`),
			check: func(t *testing.T, page string) {
				if !strings.Contains(page, "<h1>Tệp có BOM</h1>") {
					t.Error("the title is not in the page")
				}
				if strings.Contains(page, "\ufeff") {
					t.Error("the BOM is in the page")
				}
			},
		},
		{
			name: "CRLF",
			data: strings.ReplaceAll(fm("\nDòng một.\n\n## Mục CRLF\n", `title: "Tệp CRLF"`, `date: 2020-05-01`), "\n", "\r\n"),
			check: func(t *testing.T, page string) {
				if !strings.Contains(page, "<h1>Tệp CRLF</h1>") {
					t.Error("the title is not in the page")
				}
				if !strings.Contains(page, `id="muc-crlf"`) {
					t.Error("the heading id is not muc-crlf")
				}
				if strings.Contains(page, "\r") {
					t.Error("the page has a carriage return")
				}
			},
		},
		{
			name: "raw HTML without markup.unsafe",
			data: fm("\nĐoạn một.\n\n<script>alert(\"xss\")</script>\n\n<div class=\"khung-rieng\" onclick=\"evil()\">Khung</div>\n\nĐoạn <span class=\"chu-do\">đỏ</span> cuối.\n",
				`title: "Có HTML"`, `date: 2020-05-01`),
			check: func(t *testing.T, page string) {
				for _, s := range []string{"<script>alert", "alert(", "khung-rieng", "onclick", "evil()", "chu-do"} {
					if strings.Contains(page, s) {
						t.Errorf("raw HTML %q is in the output", s)
					}
				}
				if !strings.Contains(page, "Đoạn một.") {
					t.Error("the Markdown text around the raw HTML is missing")
				}
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dest, _ := buildFiles(t, baseSite().with(siteFiles{"content/tin-tuc/la.md": tc.data}), nil)
			tc.check(t, readOut(t, dest, "tin-tuc/la/index.html"))
		})
	}
}

// publicationSite has one article of each kind that a build leaves out by default.
func publicationSite() siteFiles {
	return baseSite().with(siteFiles{
		"content/tin-tuc/ban-nhap.md": fm("\nNháp.\n", `title: "Bài bản nháp"`, `date: 2020-06-01`, `draft: true`,
			`tags: ["Chỉ bản nháp"]`),
		"content/tin-tuc/tuong-lai.md": fm("\nSắp đăng.\n", `title: "Bài sắp đăng"`, `date: 2020-06-02`,
			`publishDate: 2021-02-01`),
		"content/tin-tuc/ngay-sau.md": fm("\nNgày sau.\n", `title: "Bài ngày sau"`, `date: 2021-03-01`),
		"content/tin-tuc/het-han.md": fm("\nHết hạn.\n", `title: "Bài hết hạn"`, `date: 2020-06-03`,
			`expiryDate: 2021-01-01`),
		"content/tin-tuc/con-han.md": fm("\nCòn hạn.\n", `title: "Bài còn hạn"`, `date: 2020-06-04`,
			`expiryDate: 2021-12-31`),
	})
}

type article struct{ slug, title string }

func containsArticle(list []article, a article) bool {
	for _, x := range list {
		if x == a {
			return true
		}
	}
	return false
}

// TestBuildPublication checks that drafts, future and expired pages are left out of the pages,
// the section list, the home page, the feeds and the sitemap unless asked for.
func TestBuildPublication(t *testing.T) {
	t.Parallel()
	var (
		draft   = article{"ban-nhap", "Bài bản nháp"}
		future  = article{"tuong-lai", "Bài sắp đăng"}
		later   = article{"ngay-sau", "Bài ngày sau"}
		expired = article{"het-han", "Bài hết hạn"}
		valid   = article{"con-han", "Bài còn hạn"}
	)
	tests := []struct {
		name    string
		mod     func(*build.Options)
		in, out []article
	}{
		{"default", nil, []article{valid}, []article{draft, future, later, expired}},
		{"drafts", func(o *build.Options) { o.Drafts = true }, []article{valid, draft}, []article{future, later, expired}},
		{"future", func(o *build.Options) { o.Future = true }, []article{valid, future, later}, []article{draft, expired}},
		{"expired", func(o *build.Options) { o.Expired = true }, []article{valid, expired}, []article{draft, future, later}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dest, _ := buildFiles(t, publicationSite(), tc.mod)
			lists := map[string]string{}
			for _, f := range []string{"index.html", "tin-tuc/index.html", "index.xml", "tin-tuc/index.xml", "sitemap.xml"} {
				lists[f] = readOut(t, dest, f)
			}
			// A tag that only the draft carries has a page only when the draft is built.
			if got, want := exists(dest, "the/chi-ban-nhap/index.html"), tc.mod != nil && containsArticle(tc.in, draft); got != want {
				t.Errorf("the page of the draft's own tag /the/chi-ban-nhap/ exists: %v, want %v", got, want)
			}
			for _, a := range tc.in {
				if !exists(dest, "tin-tuc/"+a.slug+"/index.html") {
					t.Errorf("%s was not built", a.slug)
				}
				for f, data := range lists {
					if f == "index.html" {
						continue // the home page lists only the newest few
					}
					if !strings.Contains(data, "/tin-tuc/"+a.slug+"/") {
						t.Errorf("%s is not in %s", a.slug, f)
					}
				}
			}
			for _, a := range tc.out {
				if exists(dest, "tin-tuc/"+a.slug+"/index.html") {
					t.Errorf("%s was built", a.slug)
				}
				for f, data := range lists {
					if strings.Contains(data, "/tin-tuc/"+a.slug+"/") || strings.Contains(data, a.title) {
						t.Errorf("%s is in %s", a.slug, f)
					}
				}
			}
		})
	}
}

// TestBuildDeterministic builds the same site several times, once on one CPU: the outputs must
// be byte for byte the same.
func TestBuildDeterministic(t *testing.T) {
	// Not parallel: it changes GOMAXPROCS.
	files := baseSite()
	for i := 0; i < 12; i++ {
		files[fmt.Sprintf("content/tin-tuc/bai-%02d.md", i)] = fm(
			fmt.Sprintf("\nBài số %d, xem [bài một](bai-mot.md) và [bài hai](/tin-tuc/bai-hai/).\n\n## Kết quả\n\n## Kết quả\n", i),
			fmt.Sprintf(`title: "Bài cùng ngày %d"`, i%3), // same titles and dates: ties must be ordered too
			fmt.Sprintf("date: 2020-05-%02d", 1+i%2),
			`tags: ["a", "b"]`,
		)
	}
	files["site.yaml"] = "baseURL: \"https://example.gov.vn/cchc/\"\nrssLimit: 5\n"
	src := writeSite(t, files)
	tmp := t.TempDir()
	dests := []string{filepath.Join(tmp, "a"), filepath.Join(tmp, "b"), filepath.Join(tmp, "c")}
	mustBuild(t, options(src, dests[0]))
	mustBuild(t, options(src, dests[1]))
	prev := runtime.GOMAXPROCS(1)
	func() {
		defer runtime.GOMAXPROCS(prev)
		mustBuild(t, options(src, dests[2]))
	}()
	compareTrees(t, dests[0], dests[1])
	compareTrees(t, dests[0], dests[2])
}

// symlinkTo makes a symbolic link to target beside the site folder src and returns it; it
// panics when the system refuses (the tests run where symlinks work).
func symlinkTo(src, target string) string {
	link := filepath.Join(filepath.Dir(src), "lien-ket-"+filepath.Base(target))
	if err := os.Symlink(target, link); err != nil {
		panic(err)
	}
	return link
}

// TestBuildDestSafety refuses a destination that would replace the site's own files.
func TestBuildDestSafety(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		dest func(src string) string
	}{
		{"source itself", func(src string) string { return src }},
		{"source with a trailing slash", func(src string) string { return src + string(filepath.Separator) }},
		{"content folder", func(src string) string { return filepath.Join(src, "content") }},
		{"inside content", func(src string) string { return filepath.Join(src, "content", "tin-tuc") }},
		{"inside static", func(src string) string { return filepath.Join(src, "static", "public") }},
		{"layouts folder", func(src string) string { return filepath.Join(src, "layouts") }},
		{"parent of the source", func(src string) string { return filepath.Dir(src) }},
		{"symlink to content", func(src string) string { return symlinkTo(src, filepath.Join(src, "content")) }},
		{"inside a symlink to content", func(src string) string {
			return filepath.Join(symlinkTo(src, filepath.Join(src, "content")), "public")
		}},
		{"inside a symlink to static", func(src string) string {
			return filepath.Join(symlinkTo(src, filepath.Join(src, "static")), "public")
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			src := writeSite(t, baseSite().with(siteFiles{
				"static/css/rieng.css":        "body{color:red}\n",
				"layouts/partials/extra.html": "<p>extra</p>\n",
			}))
			dest := tc.dest(src)
			before := treeHash(t, filepath.Dir(src))
			_, err := build.Build(options(src, dest))
			var ue *build.UsageError
			if !errors.As(err, &ue) {
				t.Fatalf("Build with dest %s: got %v (%T), want a *build.UsageError", dest, err, err)
			}
			if !strings.Contains(ue.Error(), "--dest") {
				t.Errorf("the message %q should name --dest", ue.Error())
			}
			if after := treeHash(t, filepath.Dir(src)); after != before {
				t.Error("the refused build changed the site's folder")
			}
		})
	}
}

// TestBuildReplacesDest replaces the destination as a whole: a page removed from the content
// disappears from the output at the next build.
func TestBuildReplacesDest(t *testing.T) {
	t.Parallel()
	src := writeSite(t, baseSite())
	dest := filepath.Join(t.TempDir(), "public")
	mustBuild(t, options(src, dest))
	if !exists(dest, "tin-tuc/bai-mot/index.html") {
		t.Fatal("bai-mot was not built")
	}
	writeFiles(t, src, siteFiles{"content/tin-tuc/bai-hai.md": fm("\nKhông còn liên kết.\n", `title: "Bài hai"`, `date: 2020-04-20`)})
	if err := os.Remove(filepath.Join(src, "content", "tin-tuc", "bai-mot.md")); err != nil {
		t.Fatal(err)
	}
	mustBuild(t, options(src, dest))
	if exists(dest, "tin-tuc/bai-mot") {
		t.Error("the removed page's folder is still in the destination")
	}
	if !exists(dest, "tin-tuc/bai-hai/index.html") {
		t.Error("bai-hai is missing after the second build")
	}
	if l := leftovers(t, dest); len(l) > 0 {
		t.Errorf("temporary folders left beside dest: %v", l)
	}
}

// TestBuildBasePath deploys under a sub-path: every link gets the base path, feeds and the
// sitemap carry absolute URLs.
func TestBuildBasePath(t *testing.T) {
	t.Parallel()
	files := baseSite().with(siteFiles{
		"content/tin-tuc/x.md": fm("\nBài đích.\n", `title: "Bài X"`, `date: 2020-02-01`),
		"content/tin-tuc/nguon.md": fm("\nTương đối: [tương đối](x.md).\n\nTừ gốc: [từ gốc](/tin-tuc/x/).\n\n"+
			"Mục: [mục](x.md#muc-a).\n\nDanh sách: [danh sách](_index.md).\n\nTên cũ: [tên cũ](/tin-tuc/ten-cu/).\n\n"+
			"Trang chủ: [trang chủ](../_index.md).\n",
			`title: "Bài nguồn"`, `date: 2020-02-02`),
	})
	files["content/tin-tuc/x.md"] = fm("\nBài đích.\n\n## Mục A\n", `title: "Bài X"`, `date: 2020-02-01`,
		`aliases: ["/tin-tuc/ten-cu/"]`)
	dest, _ := buildFiles(t, files, func(o *build.Options) { o.BaseURL = "https://example.gov.vn/cchc/" })

	page := readOut(t, dest, "tin-tuc/nguon/index.html")
	for text, want := range map[string]string{
		"tương đối": "/cchc/tin-tuc/x/",
		"từ gốc":    "/cchc/tin-tuc/x/",
		"mục":       "/cchc/tin-tuc/x/#muc-a",
		"danh sách": "/cchc/tin-tuc/",
		"tên cũ":    "/cchc/tin-tuc/ten-cu/",
		"trang chủ": "/cchc/",
	} {
		re := regexp.MustCompile(`<a href="([^"]*)">` + regexp.QuoteMeta(text) + `</a>`)
		m := re.FindStringSubmatch(page)
		if m == nil {
			t.Errorf("no link %q in the page", text)
			continue
		}
		if m[1] != want {
			t.Errorf("link %q: href=%q, want %q", text, m[1], want)
		}
	}
	for _, f := range []string{"index.html", "tin-tuc/index.html", "tin-tuc/x/index.html", "404.html"} {
		if p := readOut(t, dest, f); !strings.Contains(p, `href="/cchc/css/site.css"`) {
			t.Errorf("%s: no stylesheet link to /cchc/css/site.css", f)
		}
	}

	// Feeds and the sitemap: every URL is absolute, under the base URL.
	for _, f := range []string{"index.xml", "tin-tuc/index.xml", "sitemap.xml"} {
		data := readOut(t, dest, f)
		urls := regexp.MustCompile(`<(?:link|loc|guid[^>]*)>([^<]*)<`).FindAllStringSubmatch(data, -1)
		if len(urls) == 0 {
			t.Errorf("%s: no URL found", f)
		}
		for _, m := range urls {
			if !strings.HasPrefix(m[1], "https://example.gov.vn/cchc/") {
				t.Errorf("%s: URL %q is not under https://example.gov.vn/cchc/", f, m[1])
			}
		}
		if !strings.Contains(data, "https://example.gov.vn/cchc/tin-tuc/x/") {
			t.Errorf("%s does not have https://example.gov.vn/cchc/tin-tuc/x/", f)
		}
	}
	if sm := readOut(t, dest, "sitemap.xml"); !strings.Contains(sm, "<loc>https://example.gov.vn/cchc/</loc>") {
		t.Error("sitemap.xml does not list the home page https://example.gov.vn/cchc/")
	}

	// The old URL redirects to the page's absolute URL.
	redirect := readOut(t, dest, "tin-tuc/ten-cu/index.html")
	for _, want := range []string{`rel="canonical" href="https://example.gov.vn/cchc/tin-tuc/x/"`, `url=https://example.gov.vn/cchc/tin-tuc/x/`} {
		if !strings.Contains(redirect, want) {
			t.Errorf("the redirect page has no %s:\n%s", want, redirect)
		}
	}
}

// TestBuildNFD gives a file whose name and title are NFD the URL and output of its NFC twin.
func TestBuildNFD(t *testing.T) {
	t.Parallel()
	const name, title = "Hội nghị tổng kết năm 2020", "Hội nghị tổng kết công tác cải cách hành chính"
	site := func(form norm.Form) siteFiles {
		return baseSite().with(siteFiles{
			"content/tin-tuc/" + form.String(name) + ".md": fm(form.String("\nNội dung: Đất đai, Môi trường.\n\n## Kết quả đạt được\n"),
				`title: "`+form.String(title)+`"`, `date: 2020-12-18`),
		})
	}
	if norm.NFD.String(name) == name {
		t.Fatal("the test name has no decomposable letter")
	}
	nfc, _ := buildFiles(t, site(norm.NFC), nil)
	nfd, _ := buildFiles(t, site(norm.NFD), nil)
	const want = "tin-tuc/hoi-nghi-tong-ket-nam-2020/index.html"
	if !exists(nfd, want) {
		t.Errorf("NFD file name: %s not written", want)
	}
	compareTrees(t, nfc, nfd)
	for rel, data := range treeFiles(t, nfd) {
		if !norm.NFC.IsNormal([]byte(rel)) {
			t.Errorf("output path %q is not NFC", rel)
		}
		if strings.HasSuffix(rel, ".html") || strings.HasSuffix(rel, ".xml") {
			if !norm.NFC.IsNormal(data) {
				t.Errorf("%s is not NFC", rel)
			}
		}
	}
	if page := readOut(t, nfd, want); !strings.Contains(page, "<h1>"+title+"</h1>") {
		t.Error("the NFC title is not in the page")
	}
}

// TestBuildSlugs checks the Vietnamese slugs of file names and heading ids through a build.
func TestBuildSlugs(t *testing.T) {
	t.Parallel()
	dest, _ := buildFiles(t, baseSite().with(siteFiles{
		"content/tin-tuc/Đất đai & Môi trường.md": fm("\nMở đầu.\n\n## Kết quả đạt được\n\nMột.\n\n## Kết quả đạt được\n\nHai.\n\n## Kết quả đạt được\n\nBa.\n",
			`title: "Đất đai và môi trường"`, `date: 2020-05-01`),
		"content/tin-tuc/Đường Dẫn--Có   Khoảng_Trắng.md": fm("\nThân.\n", `title: "Khoảng trắng"`, `date: 2020-05-02`),
		"content/tin-tuc/co-slug.md":                      fm("\nThân.\n", `title: "Có slug"`, `date: 2020-05-03`, `slug: "Tên Riêng Đặt Tay"`),
		"content/tin-tuc/lien-ket.md": fm("\n[đất](<Đất đai & Môi trường.md#ket-qua-dat-duoc-1>) "+
			"[mã](%C4%90%E1%BA%A5t%20%C4%91ai%20&%20M%C3%B4i%20tr%C6%B0%E1%BB%9Dng.md) [riêng](co-slug.md)\n",
			`title: "Liên kết"`, `date: 2020-05-04`),
	}), nil)
	for _, want := range []string{
		"tin-tuc/dat-dai-va-moi-truong/index.html",
		"tin-tuc/duong-dan-co-khoang-trang/index.html",
		"tin-tuc/ten-rieng-dat-tay/index.html",
	} {
		if !exists(dest, want) {
			t.Errorf("%s not written", want)
		}
	}
	links := readOut(t, dest, "tin-tuc/lien-ket/index.html")
	for text, want := range map[string]string{
		"đất":   "/tin-tuc/dat-dai-va-moi-truong/#ket-qua-dat-duoc-1",
		"mã":    "/tin-tuc/dat-dai-va-moi-truong/",
		"riêng": "/tin-tuc/ten-rieng-dat-tay/",
	} {
		if !strings.Contains(links, `<a href="`+want+`">`+text+`</a>`) {
			t.Errorf("the link %q should go to %s", text, want)
		}
	}
	page := readOut(t, dest, "tin-tuc/dat-dai-va-moi-truong/index.html")
	ids := regexp.MustCompile(`<h2 id="([^"]*)">Kết quả đạt được</h2>`).FindAllStringSubmatch(page, -1)
	var got []string
	for _, m := range ids {
		got = append(got, m[1])
	}
	if want := []string{"ket-qua-dat-duoc", "ket-qua-dat-duoc-1", "ket-qua-dat-duoc-2"}; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("heading ids = %q, want %q", got, want)
	}
}

// TestBuildBundle copies a bundle's resources beside its page and checks links to them.
func TestBuildBundle(t *testing.T) {
	t.Parallel()
	jpeg := "\xff\xd8\xff\xe0 not really a JPEG \x00\x01"
	files := baseSite().with(siteFiles{
		"content/tin-tuc/hoi-nghi/index.md": fm("\nẢnh hội nghị:\n\n![Ảnh](anh-1.jpg)\n\n[Tải tài liệu](tai-lieu/bao-cao.pdf)\n",
			`title: "Hội nghị"`, `date: 2020-12-18`),
		"content/tin-tuc/hoi-nghi/anh-1.jpg":            jpeg,
		"content/tin-tuc/hoi-nghi/tai-lieu/bao-cao.pdf": "%PDF-1.4 giả\n",
		"content/tin-tuc/lien-ket.md":                   fm("\nXem [hội nghị](hoi-nghi/index.md).\n", `title: "Liên kết tới bài có ảnh"`, `date: 2020-12-19`),
	})

	t.Run("resources", func(t *testing.T) {
		t.Parallel()
		dest, _ := buildFiles(t, files, func(o *build.Options) { o.BaseURL = "/cchc/" })
		page := readOut(t, dest, "tin-tuc/hoi-nghi/index.html")
		if got := readOut(t, dest, "tin-tuc/hoi-nghi/anh-1.jpg"); got != jpeg {
			t.Error("anh-1.jpg was not copied unchanged")
		}
		if !exists(dest, "tin-tuc/hoi-nghi/tai-lieu/bao-cao.pdf") {
			t.Error("tai-lieu/bao-cao.pdf was not copied")
		}
		// The src and href, resolved against the page's URL, must lead to the copied files.
		pageURL := "/cchc/tin-tuc/hoi-nghi/"
		for attr, want := range map[string]string{
			`<img src="([^"]*)" alt="Ảnh"`:   "/cchc/tin-tuc/hoi-nghi/anh-1.jpg",
			`<a href="([^"]*)">Tải tài liệu`: "/cchc/tin-tuc/hoi-nghi/tai-lieu/bao-cao.pdf",
		} {
			m := regexp.MustCompile(attr).FindStringSubmatch(page)
			if m == nil {
				t.Errorf("no match for %s in the page", attr)
				continue
			}
			got := m[1]
			if !strings.HasPrefix(got, "/") {
				got = path.Join(pageURL, got)
			}
			if got != want {
				t.Errorf("%s: %q resolves to %q, want %q", attr, m[1], got, want)
			}
		}
		link := readOut(t, dest, "tin-tuc/lien-ket/index.html")
		if !strings.Contains(link, `href="/cchc/tin-tuc/hoi-nghi/"`) {
			t.Error("the link to hoi-nghi/index.md is not /cchc/tin-tuc/hoi-nghi/")
		}
	})

	t.Run("missing image", func(t *testing.T) {
		t.Parallel()
		page := fm("\nẢnh hội nghị:\n\n![Ảnh](anh-1.jpg)\n\n![Ảnh hai](anh-2.jpg)\n", `title: "Hội nghị"`, `date: 2020-12-18`)
		bad := files.with(siteFiles{"content/tin-tuc/hoi-nghi/index.md": page})
		src := writeSite(t, bad)
		_, err := build.Build(options(src, filepath.Join(t.TempDir(), "public")))
		if err == nil {
			t.Fatal("Build succeeded with a missing image")
		}
		checkErr(t, errorList(t, err), wantErr{"content/tin-tuc/hoi-nghi/index.md", lineOf(page, "anh-2.jpg"), []string{"anh-2.jpg"}})
	})
}

// rss is the part of an RSS feed the tests read.
type rss struct {
	Items []struct {
		Title   string `xml:"title"`
		Link    string `xml:"link"`
		PubDate string `xml:"pubDate"`
	} `xml:"channel>item"`
}

// TestBuildFeeds limits the feeds to rssLimit items, newest first, and links them from the pages.
func TestBuildFeeds(t *testing.T) {
	t.Parallel()
	files := siteFiles{
		"site.yaml":                 "baseURL: \"https://example.gov.vn/cchc/\"\nrssLimit: 3\n",
		"content/_index.md":         fm("\nTrang chủ.\n", `title: "Trang chủ"`),
		"content/tin-tuc/_index.md": fm("\nTin.\n", `title: "Tin tức"`),
	}
	// Written in an order that is neither the date order nor the name order.
	dates := map[string]string{"e": "2020-01-05", "a": "2020-03-01", "d": "2020-02-10", "b": "2020-01-20", "c": "2020-02-28"}
	for n, d := range dates {
		files["content/tin-tuc/bai-"+n+".md"] = fm("\nThân.\n", `title: "Bài `+strings.ToUpper(n)+`"`, "date: "+d)
	}
	dest, _ := buildFiles(t, files, nil)
	want := []string{"Bài A", "Bài C", "Bài D"}
	for _, f := range []string{"index.xml", "tin-tuc/index.xml"} {
		var doc rss
		if err := xml.Unmarshal([]byte(readOut(t, dest, f)), &doc); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		var got []string
		for _, it := range doc.Items {
			got = append(got, it.Title)
		}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%s items = %q, want %q", f, got, want)
		}
	}
	for f, feed := range map[string]string{"index.html": "/cchc/index.xml", "tin-tuc/index.html": "/cchc/tin-tuc/index.xml"} {
		page := readOut(t, dest, f)
		re := regexp.MustCompile(`<link rel="alternate" type="application/rss\+xml"[^>]*href="` + regexp.QuoteMeta(feed) + `"`)
		if !re.MatchString(page) {
			t.Errorf("%s has no <link rel=\"alternate\" type=\"application/rss+xml\" … href=%q>", f, feed)
		}
	}
}

// TestBuildMenuMissingPage leaves a menu entry to a missing page out, with a warning.
func TestBuildMenuMissingPage(t *testing.T) {
	t.Parallel()
	dest, res := buildFiles(t, baseSite().with(siteFiles{
		"site.yaml": "title: \"Chuyên trang\"\nmenu:\n  - ten: \"Trang chủ\"\n    url: \"/\"\n    weight: 1\n  - ten: \"Không có\"\n    url: \"/khong-co/\"\n    weight: 2\n  - ten: \"Tin tức\"\n    url: \"/tin-tuc/\"\n    weight: 3\n",
	}), nil)
	found := false
	for _, w := range res.Warnings {
		if strings.Contains(w, "/khong-co/") {
			found = true
			// The entry starts at line 6; its url is at line 7.
			if !regexp.MustCompile(`site\.yaml:[67]:`).MatchString(w) {
				t.Errorf("warning %q should point at site.yaml:6 or :7", w)
			}
		}
	}
	if !found {
		t.Errorf("no warning mentions /khong-co/; warnings: %q", res.Warnings)
	}
	for rel, data := range treeFiles(t, dest) {
		if strings.Contains(string(data), "/khong-co/") {
			t.Errorf("%s links to /khong-co/", rel)
		}
	}
	if home := readOut(t, dest, "index.html"); !strings.Contains(home, `href="/tin-tuc/"`) {
		t.Error("the menu lost its other entries")
	}
}

// TestBuildTaxonomies makes the term pages of tags (/the/), linh_vuc (/linh-vuc/) and don_vi
// (/don-vi/), and links a page's terms to them.
func TestBuildTaxonomies(t *testing.T) {
	t.Parallel()
	dest, _ := buildFiles(t, baseSite().with(siteFiles{
		"content/tin-tuc/a.md": fm("\nBài A.\n", `title: "Bài A về đất đai"`, `date: 2020-05-01`,
			`linh_vuc: ["Đất đai", "Tài nguyên nước"]`, `tags: ["Một cửa"]`, `don_vi: "Văn phòng Bộ"`),
		// Another spelling of the same terms: case and spaces do not count.
		"content/tin-tuc/b.md": fm("\nBài B.\n", `title: "Bài B cũng về đất đai"`, `date: 2020-05-02`,
			`linh_vuc: "đất  đai"`, `tags: ["một cửa", "Đất & nước"]`),
	}), nil)
	for term, want := range map[string][]string{
		"linh-vuc/dat-dai/index.html":         {"/tin-tuc/a/", "/tin-tuc/b/"},
		"linh-vuc/tai-nguyen-nuoc/index.html": {"/tin-tuc/a/"},
		"the/mot-cua/index.html":              {"/tin-tuc/a/", "/tin-tuc/b/"},
		"the/dat-va-nuoc/index.html":          {"/tin-tuc/b/"},
		"don-vi/van-phong-bo/index.html":      {"/tin-tuc/a/"},
	} {
		if !exists(dest, term) {
			t.Errorf("%s not written", term)
			continue
		}
		page := readOut(t, dest, term)
		for _, u := range want {
			if !strings.Contains(page, `href="`+u+`"`) {
				t.Errorf("%s does not list %s", term, u)
			}
		}
		if strings.Count(page, `href="/tin-tuc/a/"`)+strings.Count(page, `href="/tin-tuc/b/"`) != len(want) {
			t.Errorf("%s lists other pages than %v", term, want)
		}
	}
	if exists(dest, "linh-vuc/dat-dai-1/index.html") || exists(dest, "the/mot-cua-1/index.html") {
		t.Error("two spellings of one term made two pages")
	}
	// The page's fields link to their term pages, in the order written (which is also the
	// Vietnamese order here: Đ comes before T).
	a := readOut(t, dest, "tin-tuc/a/index.html")
	i, j := strings.Index(a, `href="/linh-vuc/dat-dai/"`), strings.Index(a, `href="/linh-vuc/tai-nguyen-nuoc/"`)
	switch {
	case i < 0 || j < 0:
		t.Errorf("tin-tuc/a does not link to both of its fields (dat-dai at %d, tai-nguyen-nuoc at %d)", i, j)
	case i > j:
		t.Error("tin-tuc/a lists its fields as \"Tài nguyên nước, Đất đai\", want \"Đất đai, Tài nguyên nước\" (the order written, and the Vietnamese order)")
	}
	// The index of the fields lists them in Vietnamese order.
	idx := readOut(t, dest, "linh-vuc/index.html")
	i, j = strings.Index(idx, `href="/linh-vuc/dat-dai/"`), strings.Index(idx, `href="/linh-vuc/tai-nguyen-nuoc/"`)
	if i < 0 || j < 0 || i > j {
		t.Errorf("linh-vuc/index.html should list Đất đai before Tài nguyên nước (positions %d, %d)", i, j)
	}
}

// TestBuildErrorsSorted reports several problems of several files together, in a stable order.
func TestBuildErrorsSorted(t *testing.T) {
	t.Parallel()
	z := fm("\n[a](khong-co-1.md)\n", `title: "Z"`, `date: 2020-05-01`)
	a := fm("\n[a](khong-co-2.md)\n\n[b](khong-co-3.md)\n", `title: "A"`, `date: 2020-05-01`)
	src := writeSite(t, baseSite().with(siteFiles{
		"content/tin-tuc/z.md": z,
		"content/tin-tuc/a.md": a,
		"content/tin-tuc/m.md": fm("\n", `titel: "M"`, `date: 2020-05-01`),
	}))
	_, err := build.Build(options(src, filepath.Join(t.TempDir(), "public")))
	if err == nil {
		t.Fatal("Build succeeded")
	}
	list := errorList(t, err)
	for _, w := range []wantErr{
		{"content/tin-tuc/a.md", lineOf(a, "khong-co-2.md"), []string{"khong-co-2.md"}},
		{"content/tin-tuc/a.md", lineOf(a, "khong-co-3.md"), []string{"khong-co-3.md"}},
		{"content/tin-tuc/m.md", 2, []string{"titel"}},
		{"content/tin-tuc/z.md", lineOf(z, "khong-co-1.md"), []string{"khong-co-1.md"}},
	} {
		checkErr(t, list, w)
	}
	sorted := sort.SliceIsSorted(list, func(i, j int) bool {
		if list[i].Path != list[j].Path {
			return list[i].Path < list[j].Path
		}
		return list[i].Line < list[j].Line
	})
	if !sorted {
		t.Errorf("errors are not sorted by file and line:\n%v", list)
	}
}
