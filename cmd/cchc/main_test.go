package main

import (
	"bytes"
	"html"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// repoRoot is the repository's example site, relative to this package's folder.
const repoRoot = "../.."

// runCmd runs the command with args and returns its exit code and output.
func runCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// writeTree writes files (path relative to root → content) under root.
func writeTree(t *testing.T, root string, files map[string]string) {
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

// smallSite writes a minimal valid site into a temporary folder, with extra files added or
// replaced, and returns its root.
func smallSite(t *testing.T, extra map[string]string) string {
	t.Helper()
	root := filepath.Join(t.TempDir(), "site")
	files := map[string]string{
		"content/_index.md":         "---\ntitle: \"Trang chủ\"\n---\n\nXin chào.\n",
		"content/tin-tuc/_index.md": "---\ntitle: \"Tin tức\"\n---\n",
		"content/tin-tuc/bai-mot.md": "---\ntitle: \"Bài một\"\ndate: 2020-03-16\n---\n\n" +
			"Nội dung bài một.\n",
	}
	for k, v := range extra {
		files[k] = v
	}
	writeTree(t, root, files)
	return root
}

// snapshot returns every file under dir with its content, to tell whether a command changed it.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			out[filepath.ToSlash(rel)+"/"] = ""
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		out[filepath.ToSlash(rel)] = string(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

var summaryRE = regexp.MustCompile(`^Đã dựng (\d+) trang, chép (\d+) tệp trong \d+(,\d+)? giây\.\n$`)

// TestBuildExampleSite builds the repository's example site under a sub-path and at the root,
// and checks the output: the expected files, the language, and that every internal link leads
// to a file of the output.
func TestBuildExampleSite(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		baseURL string
		base    string // the base URL's path
		abs     string // the absolute base URL, "" when the base has no host
	}{
		{"sub-path", "https://example.gov.vn/cchc/", "/cchc/", "https://example.gov.vn/cchc/"},
		{"root", "/", "/", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dest := filepath.Join(t.TempDir(), "public")
			code, stdout, stderr := runCmd(t, "build", "--source", repoRoot, "--dest", dest, "--base-url", tc.baseURL)
			if code != exitOK {
				t.Fatalf("exit code %d, want 0; stderr:\n%s", code, stderr)
			}
			m := summaryRE.FindStringSubmatch(stdout)
			if m == nil {
				t.Fatalf("stdout = %q, want one line \"Đã dựng N trang, chép M tệp trong X giây.\"", stdout)
			}
			pages, _ := strconv.Atoi(m[1])
			files, _ := strconv.Atoi(m[2])
			if pages < 10 {
				t.Errorf("built %d pages, want at least 10", pages)
			}
			for _, f := range []string{"index.html", "tin-tuc/index.html", "index.xml", "tin-tuc/index.xml", "sitemap.xml", "404.html", "css/site.css"} {
				if _, err := os.Stat(filepath.Join(dest, f)); err != nil {
					t.Errorf("missing output %s", f)
				}
			}

			out := snapshot(t, dest)
			var nHTML, nOther int
			for rel, data := range out {
				switch {
				case strings.HasSuffix(rel, "/"):
				case strings.HasSuffix(rel, ".html"):
					nHTML++
					if !regexp.MustCompile(`<html[^>]* lang="vi"`).MatchString(data) {
						t.Errorf("%s: no <html lang=\"vi\">", rel)
					}
				default:
					nOther++
				}
			}
			if nHTML != pages {
				t.Errorf("the summary says %d pages, the output has %d HTML files", pages, nHTML)
			}
			if nOther != files {
				t.Errorf("the summary says %d files, the output has %d other files", files, nOther)
			}
			problems, checked := checkLinks(out, tc.base, tc.abs)
			for _, p := range problems {
				t.Error(p)
			}
			if checked < 20*pages {
				t.Errorf("only %d internal links checked in %d pages; is the checker reading the output?", checked, pages)
			}
		})
	}
}

var (
	attrRE = regexp.MustCompile(`\s(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))`)
	textRE = regexp.MustCompile(`<(?:link|loc|guid)(?:\s[^>]*)?>([^<]+)</`)
	idRE   = regexp.MustCompile(`\sid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))`)
	// schemeRE matches a URL with a scheme (http:, mailto:, …).
	schemeRE = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.-]*:`)
)

// checkLinks checks every link of the output files out (relative path → content): href and src
// attributes, and the <link>, <loc> and <guid> of feeds and the sitemap. A link under the site
// (starting with base, or with abs when the base URL has a host, or relative) must lead to a
// file of the output, or to a folder with an index.html; a "#fragment" to an HTML page must be
// an id of that page. A site-relative link outside base is a problem too. It returns the problems
// and the number of internal links checked.
func checkLinks(out map[string]string, base, abs string) (problems []string, checked int) {
	ids := map[string]map[string]bool{} // output file → its ids
	idsOf := func(file string) map[string]bool {
		if m, ok := ids[file]; ok {
			return m
		}
		m := map[string]bool{}
		for _, g := range idRE.FindAllStringSubmatch(out[file], -1) {
			m[html.UnescapeString(g[1]+g[2]+g[3])] = true
		}
		ids[file] = m
		return m
	}
	// target returns the output file a site path leads to, or "".
	target := func(p string) string {
		p = strings.TrimPrefix(p, "/")
		if _, ok := out[p]; ok && p != "" && !strings.HasSuffix(p, "/") {
			return p
		}
		idx := strings.TrimSuffix(p, "/") + "/index.html"
		if p == "" {
			idx = "index.html"
		}
		if _, ok := out[idx]; ok {
			return idx
		}
		return ""
	}
	for file, data := range out {
		if !strings.HasSuffix(file, ".html") && !strings.HasSuffix(file, ".xml") {
			continue
		}
		// The site path of the file, for relative links: "tin-tuc/x/index.html" → "/tin-tuc/x/".
		dir := "/" + path.Dir(file) + "/"
		if path.Dir(file) == "." {
			dir = "/"
		}
		var links []string
		for _, g := range attrRE.FindAllStringSubmatch(data, -1) {
			links = append(links, g[1]+g[2]+g[3])
		}
		if strings.HasSuffix(file, ".xml") {
			for _, g := range textRE.FindAllStringSubmatch(data, -1) {
				links = append(links, strings.TrimSpace(g[1]))
			}
		}
		for _, raw := range links {
			v := html.UnescapeString(raw)
			if v == "" {
				problems = append(problems, file+": empty link")
				continue
			}
			if strings.HasPrefix(v, "//") || (schemeRE.MatchString(v) && (abs == "" || !strings.HasPrefix(v, abs))) {
				continue // external
			}
			p, frag, _ := strings.Cut(v, "#")
			p, _, _ = strings.Cut(p, "?")
			switch {
			case abs != "" && strings.HasPrefix(p, abs):
				p = "/" + strings.TrimPrefix(p, abs)
			case strings.HasPrefix(p, "/"):
				if !strings.HasPrefix(p, base) {
					problems = append(problems, file+": link "+raw+" is not under the base path "+base)
					continue
				}
				p = "/" + strings.TrimPrefix(p, base)
			case p == "":
				p = "/" + file // a fragment of the same page
			default:
				rel := path.Join(dir, p)
				if strings.HasSuffix(p, "/") {
					rel += "/"
				}
				p = rel
			}
			if dec, err := url.PathUnescape(p); err == nil {
				p = dec
			}
			checked++
			t := target(p)
			if t == "" {
				problems = append(problems, file+": link "+raw+" leads to no file of the output")
				continue
			}
			if frag != "" && strings.HasSuffix(t, ".html") {
				if f, err := url.PathUnescape(frag); err == nil {
					frag = f
				}
				if !idsOf(t)[frag] {
					problems = append(problems, file+": link "+raw+": "+t+" has no id "+strconv.Quote(frag))
				}
			}
		}
	}
	return problems, checked
}

// TestCheckLinks makes sure the link checker itself finds broken links.
func TestCheckLinks(t *testing.T) {
	t.Parallel()
	out := map[string]string{
		"index.html":         `<a href="/cchc/">home</a> <a href="/cchc/tin-tuc/#a">ok</a> <a href="/cchc/css/x.css">css</a> <a href="#top">top</a><p id="top"></p>`,
		"tin-tuc/":           "",
		"tin-tuc/index.html": `<h2 id="a">A</h2><img src="anh.jpg"><a href="https://example.gov.vn/cchc/tin-tuc/">abs</a><a href="https://other.example/">ext</a><a href="mailto:a@b.c">m</a>`,
		"tin-tuc/anh.jpg":    "",
		"css/x.css":          "",
		"bad.html":           `<a href="/cchc/khong-co/">1</a><a href="/khac/">2</a><a href="/cchc/tin-tuc/#b">3</a><img src="anh.jpg"><a href="https://example.gov.vn/cchc/khong/">5</a>`,
		"index.xml":          `<rss><channel><link>https://example.gov.vn/cchc/khong-co-nua/</link></channel></rss>`,
	}
	problems, _ := checkLinks(out, "/cchc/", "https://example.gov.vn/cchc/")
	want := []string{"/cchc/khong-co/", "/khac/", "#b", "bad.html: link anh.jpg", "/cchc/khong/", "/cchc/khong-co-nua/"}
	joined := strings.Join(problems, "\n")
	for _, w := range want {
		if !strings.Contains(joined, w) {
			t.Errorf("the checker missed %s; problems:\n%s", w, joined)
		}
	}
	if len(problems) != len(want) {
		t.Errorf("got %d problems, want %d:\n%s", len(problems), len(want), joined)
	}
}

// TestVersion prints the version and exits 0.
func TestVersion(t *testing.T) {
	t.Parallel()
	for _, arg := range []string{"version", "--version"} {
		t.Run(arg, func(t *testing.T) {
			t.Parallel()
			code, stdout, _ := runCmd(t, arg)
			if code != exitOK {
				t.Errorf("exit code %d, want 0", code)
			}
			if !strings.HasPrefix(stdout, "cchc ") || strings.Count(stdout, "\n") != 1 {
				t.Errorf("stdout = %q, want one line \"cchc <version>\"", stdout)
			}
		})
	}
}

// TestUsageErrors exits 2 on a wrong command line, says why on stderr, and builds nothing.
func TestUsageErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		args  func(src, dest string) []string
		words []string // words the message on stderr must have
	}{
		{"no arguments", func(src, dest string) []string { return nil }, []string{"cchc build"}},
		{"unknown command", func(src, dest string) []string { return []string{"dung"} }, []string{"dung"}},
		{"unknown flag", func(src, dest string) []string {
			return []string{"build", "--source", src, "--dest", dest, "--nhap"}
		}, []string{"nhap"}},
		{"extra argument", func(src, dest string) []string {
			return []string{"build", "--source", src, "--dest", dest, "thua"}
		}, []string{"thừa", "thua"}},
		{"dest is content", func(src, dest string) []string {
			return []string{"build", "--source", src, "--dest", filepath.Join(src, "content")}
		}, []string{"--dest", "content"}},
		{"dest is the source", func(src, dest string) []string {
			return []string{"build", "--source", src, "--dest", src}
		}, []string{"--dest"}},
		{"dest is the source, relative", func(src, dest string) []string {
			return []string{"build", "--source", src, "--dest", filepath.Join(src, "content", "..")}
		}, []string{"--dest"}},
		{"base URL ftp", func(src, dest string) []string {
			return []string{"build", "--source", src, "--dest", dest, "--base-url", "ftp://x"}
		}, []string{"--base-url", "ftp://x"}},
		{"base URL without host", func(src, dest string) []string {
			return []string{"build", "--source", src, "--dest", dest, "--base-url", "http://"}
		}, []string{"--base-url", "http://"}},
		{"base URL with query", func(src, dest string) []string {
			return []string{"build", "--source", src, "--dest", dest, "--base-url", "https://example.gov.vn/cchc/?a=1"}
		}, []string{"--base-url"}},
		{"missing source", func(src, dest string) []string {
			return []string{"build", "--source", filepath.Join(src, "khong-co"), "--dest", dest}
		}, []string{"--source"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			src := smallSite(t, nil)
			dest := filepath.Join(t.TempDir(), "public")
			before := snapshot(t, src)
			code, stdout, stderr := runCmd(t, tc.args(src, dest)...)
			if code != exitUsage {
				t.Errorf("exit code %d, want %d; stderr:\n%s", code, exitUsage, stderr)
			}
			if stdout != "" {
				t.Errorf("stdout = %q, want nothing", stdout)
			}
			for _, w := range tc.words {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr does not mention %q:\n%s", w, stderr)
				}
			}
			if _, err := os.Stat(dest); err == nil {
				t.Error("the destination was created")
			}
			after := snapshot(t, src)
			if len(after) != len(before) {
				t.Errorf("the site changed: %d entries before, %d after", len(before), len(after))
			}
			for k, v := range before {
				if after[k] != v {
					t.Errorf("the site's %s changed or disappeared", k)
				}
			}
		})
	}
}

// TestContentError exits 1 and lists the problems, one "path:line: message" a line, with a count.
func TestContentError(t *testing.T) {
	t.Parallel()
	bad := "---\ntitle: \"Bài lỗi\"\ndate: 2020-05-01\n---\n\nĐoạn một.\n\nXem [x](khong-co.md).\n\nVà [y](/tin-tuc/khong-co-nua/).\n"
	src := smallSite(t, map[string]string{
		"content/tin-tuc/bai-loi.md":  bad,
		"content/tin-tuc/ngay-sai.md": "---\ntitle: \"Ngày sai\"\ndate: 2020-02-30\n---\n\nThân bài.\n",
	})
	dest := filepath.Join(t.TempDir(), "public")
	code, stdout, stderr := runCmd(t, "build", "--source", src, "--dest", dest)
	if code != exitContent {
		t.Fatalf("exit code %d, want %d; stderr:\n%s", code, exitContent, stderr)
	}
	if stdout != "" {
		t.Errorf("stdout = %q, want nothing", stdout)
	}
	lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	want := []struct {
		prefix string
		word   string
	}{
		{"content/tin-tuc/bai-loi.md:8: ", "khong-co.md"},
		{"content/tin-tuc/bai-loi.md:10: ", "/tin-tuc/khong-co-nua/"},
		{"content/tin-tuc/ngay-sai.md:3: ", "không hợp lệ"},
	}
	for _, w := range want {
		found := false
		for _, l := range lines {
			if strings.HasPrefix(l, w.prefix) && strings.Contains(l, w.word) {
				found = true
			}
		}
		if !found {
			t.Errorf("stderr has no line starting %q with %q:\n%s", w.prefix, w.word, stderr)
		}
	}
	last := lines[len(lines)-1]
	if !regexp.MustCompile(`\b3 lỗi\b`).MatchString(last) {
		t.Errorf("the last line %q should count 3 lỗi", last)
	}
	if len(lines) != 4 {
		t.Errorf("stderr has %d lines, want 3 problems and the count:\n%s", len(lines), stderr)
	}
	if _, err := os.Stat(dest); err == nil {
		t.Error("the destination was created by a failed build")
	}
}

// TestBuildDefaultDest builds into <source>/public when --dest is not given.
func TestBuildDefaultDest(t *testing.T) {
	t.Parallel()
	src := smallSite(t, nil)
	code, stdout, stderr := runCmd(t, "build", "--source", src)
	if code != exitOK {
		t.Fatalf("exit code %d; stderr:\n%s", code, stderr)
	}
	if !summaryRE.MatchString(stdout) {
		t.Errorf("stdout = %q", stdout)
	}
	for _, f := range []string{"index.html", "tin-tuc/bai-mot/index.html", "css/site.css"} {
		if _, err := os.Stat(filepath.Join(src, "public", f)); err != nil {
			t.Errorf("missing %s in <source>/public", f)
		}
	}
}

// TestHelp prints the usage on stdout and exits 0.
func TestHelp(t *testing.T) {
	t.Parallel()
	code, stdout, _ := runCmd(t, "help")
	if code != exitOK || !strings.Contains(stdout, "cchc build") {
		t.Errorf("help: exit %d, stdout %q", code, stdout)
	}
	code, _, stderr := runCmd(t, "build", "--help")
	if code != exitOK || !strings.Contains(stderr, "-base-url") {
		t.Errorf("build --help: exit %d, stderr %q", code, stderr)
	}
}
