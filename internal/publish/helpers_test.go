package publish

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// treeHash returns a hash of every path, type, mode and content under root.
func treeHash(t testing.TB, root string) string {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := e.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		fmt.Fprintf(h, "%s %v\n", filepath.ToSlash(rel), info.Mode())
		if info.Mode().IsRegular() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			fmt.Fprintf(h, "%d %x\n", len(data), sha256.Sum256(data))
		}
		return nil
	})
	if err != nil {
		t.Fatalf("hash %s: %v", root, err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// writeTree creates files (slash paths → content) under root.
func writeTree(t testing.TB, root string, files map[string]string) {
	t.Helper()
	for rel, content := range files {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// names returns the sorted names in dir.
func names(t testing.TB, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

// readFile returns the content of rel under root.
func readFile(t testing.TB, root, rel string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// testPage returns a deterministic Vietnamese article page of about size
// bytes, with inline CSS, JS, JSON-LD and SVG.
func testPage(i, size int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, `<!DOCTYPE html>
<html lang="vi">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Tin tức số %d — Cải cách hành chính</title>
    <link rel="stylesheet" href="/css/site.css">
    <style>
      .bai-viet  { max-width : 48rem; margin : 0 auto; }
      .bai-viet h2 { color : #003366; }
    </style>
    <script type="application/ld+json">
      { "@context": "https://schema.org", "@type": "NewsArticle", "headline": "Tin tức số %d" }
    </script>
  </head>
  <body>
    <header class="dau-trang">
      <a href="/" class="logo"><svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true"><path d="M 2.000 2.000 L 22.000 22.000" stroke="currentColor" /></svg> Chuyên trang CCHC</a>
      <nav aria-label="Chính">
        <ul>
          <li><a href="/tin-tuc/">Tin tức</a></li>
          <li><a href="/van-ban/">Văn bản</a></li>
          <li><a href="/thu-tuc-hanh-chinh/">Thủ tục hành chính</a></li>
          <li><a href="/hoi-dap/">Hỏi đáp</a></li>
        </ul>
      </nav>
    </header>
    <main class="bai-viet">
      <h1>Tin tức số %d</h1>
`, i, i, i)
	for n := 0; b.Len() < size-600; n++ {
		fmt.Fprintf(&b, `      <h2 id="muc-%d">Mục %d</h2>
      <p>
        Bộ Tài nguyên và Môi trường tiếp tục   đẩy mạnh công tác <strong>cải cách hành chính</strong>,
        nâng cao chất lượng phục vụ người dân và doanh nghiệp; đoạn %d của bài %d.
      </p>
      <table>
        <thead><tr><th>Thủ tục</th><th>Trạng thái</th></tr></thead>
        <tbody><tr><td>Cấp giấy phép %d</td><td>Sửa đổi</td></tr></tbody>
      </table>
`, n, n, n, i, n)
	}
	b.WriteString(`    </main>
    <footer><p>© Bộ Tài nguyên và Môi trường</p></footer>
    <script>
      (function () {
        var menu = document.querySelector("nav ul");
        if (menu) { menu.classList.add("san-sang"); }
      })();
    </script>
  </body>
</html>
`)
	return []byte(b.String())
}
