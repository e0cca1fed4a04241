package publish

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

func TestMinifyByExtension(t *testing.T) {
	tests := []struct {
		name, rel, in, want string
	}{
		{"css", "css/site.css", "body {\n  color : #ff0000 ;\n  margin : 0px;\n}\n", "body{color:red;margin:0}"},
		{"js", "js/site.js", "function xinChao(tenNguoi) {\n  return 'Xin chào ' + tenNguoi;\n}\n", "function xinChao(e){return\"Xin chào \"+e}"},
		{"svg", "img/logo.svg", `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">
  <!-- chú thích -->
  <path d="M 0.000 0.000 L 10 10" />
</svg>`, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><path d="M0 0 10 10"/></svg>`},
		{"json", "tim-kiem.json", "{\n  \"tieu_de\" : \"Tin tức\",\n  \"so\" : 1.50\n}\n", `{"tieu_de":"Tin tức","so":1.50}`},
		{"webmanifest", "site.webmanifest", "{ \"name\" : \"CCHC\" }", `{"name":"CCHC"}`},
		{"xml", "sitemap.xml", "<?xml version=\"1.0\"?>\n<urlset>\n  <url>\n    <loc>https://x/</loc>\n  </url>\n</urlset>\n", `<?xml version="1.0"?><urlset><url><loc>https://x/</loc></url></urlset>`},
		{"html", "index.html", "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<title>  Trang   chủ </title>\n</head>\n<body>\n<p class=\"a\">Xin   chào</p>\n</body>\n</html>\n", `<!doctype html><html lang="vi"><head><title>Trang chủ</title></head><body><p class="a">Xin chào</p></body></html>`},
		{"upper case extension", "INDEX.HTML", "<p>  x  </p>", "<p>x</p>"},
		{"rss unchanged", "tin-tuc/index.rss", "<rss>\n  <channel/>\n</rss>\n", "<rss>\n  <channel/>\n</rss>\n"},
		{"atom unchanged", "feed.atom", "<feed>\n</feed>\n", "<feed>\n</feed>\n"},
		{"text unchanged", "robots.txt", "User-agent: *\n\nAllow: /\n", "User-agent: *\n\nAllow: /\n"},
		{"no extension", "CNAME", "  cchc.example.gov.vn  \n", "  cchc.example.gov.vn  \n"},
	}
	mf := NewMinifier()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := mf.Minify(tt.rel, []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("Minify(%q)\n got %q\nwant %q", tt.rel, got, tt.want)
			}
			// Memory with and without minify.
			for _, minify := range []bool{true, false} {
				m := NewMemory(Options{Minify: minify})
				if err := m.WriteFile(tt.rel, []byte(tt.in)); err != nil {
					t.Fatal(err)
				}
				want := tt.in
				if minify {
					want = tt.want
				}
				if got, _ := m.Get(tt.rel); string(got) != want {
					t.Errorf("Memory{Minify: %v} stored %q, want %q", minify, got, want)
				}
			}
		})
	}
}

// TestMinifyKeepsDocument checks that a minified page keeps what the Nu
// HTML Checker needs.
func TestMinifyKeepsDocument(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	d, err := NewDir(dest, Options{Minify: true})
	if err != nil {
		t.Fatal(err)
	}
	page := testPage(7, 8000)
	if err := d.WriteFile("tin-tuc/x/index.html", page); err != nil {
		t.Fatal(err)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	got := readFile(t, dest, "tin-tuc/x/index.html")
	if len(got) >= len(page)*9/10 {
		t.Errorf("minified page is %d bytes of %d: hardly minified", len(got), len(page))
	}
	if !strings.HasPrefix(got, `<!doctype html><html lang="vi"><head><meta charset="utf-8">`) {
		t.Errorf("page starts %q", got[:80])
	}
	for _, want := range []string{
		"<head>", "</head>", "<body>", "</body>", "</html>",
		"<title>Tin tức số 7 — Cải cách hành chính</title>",
		`<li><a href="/tin-tuc/">Tin tức</a></li>`, // end tags kept
		`<td>Sửa đổi</td></tr></tbody></table>`,
		`<h2 id="muc-0">`,                                        // quotes kept
		`.bai-viet{max-width:48rem;margin:0 auto}`,               // inline CSS
		`{"@context":"https://schema.org","@type":"NewsArticle"`, // inline JSON-LD
		`<path d="M2 2 22 22" stroke="currentColor"/>`,           // inline SVG
		`e&&e.classList.add("san-sang")`,                         // inline JS
		"cải cách hành chính</strong>,\nnâng cao chất lượng",     // whitespace collapsed
	} {
		if !strings.Contains(got, want) {
			t.Errorf("minified page lacks %q", want)
		}
	}
	if w := d.Warnings(); len(w) != 0 {
		t.Errorf("Warnings() = %q", w)
	}
}

func TestMinifyBrokenInlineJS(t *testing.T) {
	page := "<!doctype html>\n<html lang=\"vi\">\n<head>\n<title>Lỗi</title>\n<script>\nvar = ;\n</script>\n</head>\n<body>\n<p>  x  </p>\n</body>\n</html>\n"
	const rel = "tin-tuc/x/index.html"
	const want = "tin-tuc/x/index.html: không thu gọn được (dòng 6: unexpected = in binding), đã ghi nguyên bản"

	dest := filepath.Join(t.TempDir(), "public")
	d, err := NewDir(dest, Options{Minify: true})
	if err != nil {
		t.Fatal(err)
	}
	m := NewMemory(Options{Minify: true})
	for _, tg := range []Target{d, m} {
		if err := tg.WriteFile(rel, []byte(page)); err != nil {
			t.Fatalf("%T: %v", tg, err)
		}
		if err := tg.WriteFile("ok.html", []byte("<p>  x  </p>")); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, dest, rel); got != page {
		t.Errorf("Dir wrote %q, want the page unchanged", got)
	}
	if got, _ := m.Get(rel); string(got) != page {
		t.Errorf("Memory stored %q, want the page unchanged", got)
	}
	if got := readFile(t, dest, "ok.html"); got != "<p>x</p>" {
		t.Errorf("the next page was not minified: %q", got)
	}
	for name, w := range map[string][]string{"Dir": d.Warnings(), "Memory": m.Warnings()} {
		if len(w) != 1 || w[0] != want {
			t.Errorf("%s.Warnings() = %q, want [%q]", name, w, want)
		}
	}

	// Minifier.Minify reports the error itself.
	_, err = NewMinifier().Minify(rel, []byte(page))
	if err == nil || !strings.Contains(err.Error(), rel) {
		t.Errorf("Minify = %v, want an error naming %s", err, rel)
	}
}

// TestMinifyScriptEnd checks that "</script" and "</style" escaped in
// inline code stay escaped, whatever the type attribute says, so the
// minified page does not end a script or style early.
func TestMinifyScriptEnd(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"script", `<script>var s = "<\/script><b>";</script>`, `<script>var s="<\/script><b>"</script>`},
		{"text/javascript", `<script type="text/javascript">var s = "<\/script>";</script>`, `<script type="text/javascript">var s="<\/script>"</script>`},
		{"module", `<script type="module">var s = "<\/script>";</script>`, `<script type="module">var s="<\/script>"</script>`},
		{"ld+json", `<script type="application/ld+json">{ "a" : "<\/script>" }</script>`, `<script type="application/ld+json">{"a":"<\/script>"}</script>`},
		{"style", `<style>a::after { content : "<\/style>" }</style>`, `<style>a::after{content:"<\/style>"}</style>`},
	}
	mf := NewMinifier()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := mf.Minify("index.html", []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
	// A .js file keeps the escape too, and is otherwise minified.
	got, err := mf.Minify("a.js", []byte(`var s = "<\/script>";  var n = 1;`))
	if err != nil || string(got) != `var s="<\/script>",n=1` {
		t.Errorf("Minify(a.js) = %s, %v", got, err)
	}
}

// TestMinifyLeavesInputAlone checks that the caller's bytes, including the
// spare capacity past their end, are never written to.
func TestMinifyLeavesInputAlone(t *testing.T) {
	buf := make([]byte, 0, 4096)
	buf = append(buf, testPage(3, 3000)...)
	whole := buf[:cap(buf)]
	for i := len(buf); i < len(whole); i++ {
		whole[i] = 'z'
	}
	before := bytes.Clone(whole)
	if _, err := NewMinifier().Minify("index.html", buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(whole, before) {
		t.Error("Minify changed its input")
	}
}

// TestMinifierPanic checks that a minifier panic becomes an error, so the
// page is written unminified instead of ending the build.
func TestMinifierPanic(t *testing.T) {
	mf := NewMinifier()
	mf.m.AddFunc("text/css", nil) // calling a nil func panics
	_, err := mf.Minify("a.css", []byte("body{}"))
	if err == nil || !strings.Contains(err.Error(), "panic") {
		t.Fatalf("Minify = %v, want a panic error", err)
	}
	if errors.Is(err, ErrBadPath) {
		t.Fatal("wrong error")
	}
}
