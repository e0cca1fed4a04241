package server

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/btnmt/cchc"
	"github.com/btnmt/cchc/internal/browsertest"
	"github.com/btnmt/cchc/internal/build"
	"github.com/chromedp/chromedp"
)

// writeSite writes a small site into a temporary folder and returns its root.
func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, text := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func article(title, body string) string {
	return "---\ntitle: \"" + title + "\"\ndate: 2020-03-16\ndescription: \"Mô tả\"\n---\n\n" + body + "\n"
}

func baseSite() map[string]string {
	return map[string]string{
		"site.yaml":                  "title: \"Chuyên trang thử\"\nbaseURL: \"https://example.gov.vn/cchc/\"\n",
		"content/_index.md":          "---\ntitle: \"Trang chủ thử\"\n---\n\nXin chào.\n",
		"content/tin-tuc/_index.md":  "---\ntitle: \"Tin tức\"\n---\n",
		"content/tin-tuc/bai-mot.md": article("Bài một", "## Kết quả đạt được\n\nPhiên bản đầu tiên."),
		"content/tin-tuc/bai-hai.md": article("Bài hai", "Xem [bài một](bai-mot.md#ket-qua-dat-duoc)."),
	}
}

// startServer starts a preview of root on a free port of 127.0.0.1.
func startServer(t *testing.T, root string) *Server {
	t.Helper()
	srv, err := New(Options{
		Build: build.Options{Source: root, Drafts: true, Future: true, ThemeLayouts: cchc.ThemeLayouts(), ThemeStatic: cchc.ThemeStatic()},
		Port:  0,
	}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Serve: %v", err)
			}
		case <-time.After(5 * time.Second):
			t.Error("the server did not stop within 5 s")
		}
	})
	waitFor(t, func() bool {
		resp, err := http.Get(srv.URL())
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})
	return srv
}

func waitFor(t *testing.T, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if ok() {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("condition not met within 10 s")
}

func get(t *testing.T, u string) (int, string) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestServeListensOnLoopbackOnly(t *testing.T) {
	srv := startServer(t, writeSite(t, baseSite()))
	host, _, err := net.SplitHostPort(srv.ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	if host != "127.0.0.1" {
		t.Errorf("listening on %s, want 127.0.0.1", host)
	}
	if !strings.HasPrefix(srv.URL(), "http://127.0.0.1:") || !strings.HasSuffix(srv.URL(), "/cchc/") {
		t.Errorf("URL %s, want http://127.0.0.1:PORT/cchc/", srv.URL())
	}
}

func TestServePortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	_, err = New(Options{Build: build.Options{Source: writeSite(t, baseSite())}, Port: port}, io.Discard)
	if err == nil {
		t.Fatal("New on a port in use: no error")
	}
	if !strings.Contains(err.Error(), "--port") || !strings.Contains(err.Error(), fmt.Sprint(port)) {
		t.Errorf("error %q should name the port and suggest --port", err)
	}
}

func TestServeRefusesPathsOutsideTheSite(t *testing.T) {
	root := writeSite(t, baseSite())
	srv := startServer(t, root)
	base := strings.TrimSuffix(srv.URL(), "/cchc/")
	for _, p := range []string{
		"/cchc/../site.yaml", "/cchc/%2e%2e/site.yaml", "/cchc/tin-tuc/..%2f..%2fsite.yaml",
		"/cchc/%2E%2E%2Fsite.yaml", "/cchc/tin-tuc/%5c..%5csite.yaml", "/cchc/./index.html", "/site.yaml",
		"/cchc/content/tin-tuc/bai-mot.md",
	} {
		t.Run(p, func(t *testing.T) {
			// A raw request, so that the client does not clean the path first.
			conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", p)
			resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != http.StatusNotFound && resp.StatusCode != http.StatusMovedPermanently {
				t.Errorf("status %d, want 404", resp.StatusCode)
			}
			if strings.Contains(string(body), "baseURL") || strings.Contains(string(body), "Phiên bản đầu tiên") && strings.Contains(p, ".md") {
				t.Errorf("the response leaks a source file")
			}
		})
	}
	if code, body := get(t, srv.URL()+"tin-tuc/bai-mot/"); code != 200 || !strings.Contains(body, "Phiên bản đầu tiên") {
		t.Errorf("a real page: %d", code)
	}
}

func TestServeInjectsLiveReloadOnlyInThePreview(t *testing.T) {
	root := writeSite(t, baseSite())
	srv := startServer(t, root)
	_, body := get(t, srv.URL()+"tin-tuc/bai-mot/")
	if !strings.Contains(body, scriptPath) {
		t.Error("the preview page has no live-reload script")
	}
	res, err := build.Build(build.Options{Source: root, Dest: filepath.Join(t.TempDir(), "public"), ThemeLayouts: cchc.ThemeLayouts(), ThemeStatic: cchc.ThemeStatic()})
	if err != nil {
		t.Fatal(err)
	}
	_ = res
}

// TestServeRebuildsOnSave edits a file on disk and waits for the new text, with no browser:
// the watcher, the batcher, the incremental rebuild and the event stream, end to end.
func TestServeRebuildsOnSave(t *testing.T) {
	root := writeSite(t, baseSite())
	srv := startServer(t, root)

	// Listen to the event stream: a status event must follow the save.
	req, _ := http.NewRequest("GET", strings.TrimSuffix(srv.URL(), "/cchc/")+eventsPath, nil)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	resp, err := http.DefaultClient.Do(req.WithContext(ctx))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	events := make(chan string, 16)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "data: ") {
				events <- sc.Text()
			}
		}
	}()
	first := <-events // the current status, sent on connect

	p := filepath.Join(root, "content/tin-tuc/bai-mot.md")
	if err := os.WriteFile(p, []byte(article("Bài một", "## Kết quả đạt được\n\nPhiên bản thứ hai.")), 0o644); err != nil {
		t.Fatal(err)
	}
	select {
	case ev := <-events:
		if ev == first {
			t.Errorf("the event after the save is the same as before: %s", ev)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no event within 10 s of the save")
	}
	if _, body := get(t, srv.URL()+"tin-tuc/bai-mot/"); !strings.Contains(body, "Phiên bản thứ hai") {
		t.Error("the page does not show the saved text")
	}

	// A broken front matter: the last good page stays, the event carries the error.
	if err := os.WriteFile(p, []byte("---\ntitle: [Bài một\ndate: 2020-03-16\n---\n\nHỏng.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	select {
	case ev := <-events:
		if !strings.Contains(ev, "content/tin-tuc/bai-mot.md:2:") && !strings.Contains(ev, "content/tin-tuc/bai-mot.md:3:") {
			t.Errorf("the error event does not name the file and line: %s", ev)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no event within 10 s of the broken save")
	}
	if code, body := get(t, srv.URL()+"tin-tuc/bai-mot/"); code != 200 || !strings.Contains(body, "Phiên bản thứ hai") {
		t.Errorf("after a broken save the last good page must still be served (status %d)", code)
	}

	// A new page in a new folder.
	if err := os.MkdirAll(filepath.Join(root, "content/su-kien/2021"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(article("Bài một", "## Kết quả đạt được\n\nĐã sửa.")), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "content/su-kien/2021/hoi-nghi.md"),
		[]byte("---\ntitle: \"Hội nghị mới\"\ndate: 2021-01-05\nbat_dau: 2021-01-10\n---\n\nNội dung hội nghị.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool {
		code, body := get(t, srv.URL()+"su-kien/2021/hoi-nghi/")
		return code == 200 && strings.Contains(body, "Nội dung hội nghị")
	})
}

// TestServeRendersALaggingListPageOnRequest adds an article to a list of three pages: the
// rebuild leaves the list's further pages for later, and a request for one of them must get it
// as it is now, not as it was.
func TestServeRendersALaggingListPageOnRequest(t *testing.T) {
	files := baseSite()
	for i := 0; i < 23; i++ {
		files[fmt.Sprintf("content/tin-tuc/bai-%02d.md", i)] = fmt.Sprintf("---\ntitle: \"Bài %02d\"\ndate: 2019-01-%02d\n---\n\nNội dung.\n", i, i+1)
	}
	root := writeSite(t, files)
	srv := startServer(t, root)
	if _, body := get(t, srv.URL()+"tin-tuc/trang/2/"); !strings.Contains(body, "(25 mục)") {
		t.Fatal("the second page of the list does not count 25 items")
	}
	if err := os.WriteFile(filepath.Join(root, "content/tin-tuc/bai-moi.md"), []byte(article("Bài mới", "Mới.")), 0o644); err != nil {
		t.Fatal(err)
	}
	srv.Rebuild([]string{"content/tin-tuc/bai-moi.md"})
	if snap := srv.snap.Load(); !snap.Stale["tin-tuc/trang/2/index.html"] {
		t.Fatalf("the rebuild rendered the second page at once (stale: %v): the test checks nothing", snap.Stale)
	}
	if _, body := get(t, srv.URL()+"tin-tuc/trang/2/"); !strings.Contains(body, "(26 mục)") {
		t.Error("the second page of the list is served as it was before the new article")
	}
	if snap := srv.snap.Load(); len(snap.Stale) != 0 {
		t.Errorf("after the request, pages still lag: %v", snap.Stale)
	}
}

// TestServeConcurrentRequestsDuringRebuilds hammers the server while the site is rebuilt; run
// with -race. Every page served must be whole, and a snapshot never mixes two builds.
func TestServeConcurrentRequestsDuringRebuilds(t *testing.T) {
	root := writeSite(t, baseSite())
	srv := startServer(t, root)
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				u := srv.URL() + "tin-tuc/bai-mot/"
				if i%2 == 1 {
					u = srv.URL() + "tin-tuc/"
				}
				resp, err := http.Get(u)
				if err != nil {
					t.Error(err)
					return
				}
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 || !strings.Contains(string(b), "</html>") {
					t.Errorf("%s: status %d, complete page: %v", u, resp.StatusCode, strings.Contains(string(b), "</html>"))
					return
				}
				// Snapshots are immutable: both pages of one snapshot come from one build.
				snap := srv.snap.Load()
				a, l := string(snap.Files["tin-tuc/bai-mot/index.html"]), string(snap.Files["tin-tuc/index.html"])
				for v := 0; v < 100; v++ {
					mark := fmt.Sprintf("Phiên bản %03d.", v)
					if strings.Contains(a, mark) != strings.Contains(l, fmt.Sprintf("Bài một %03d", v)) {
						t.Errorf("snapshot %d mixes builds", snap.Version)
						return
					}
				}
			}
		}()
	}
	p := filepath.Join(root, "content/tin-tuc/bai-mot.md")
	for v := 0; v < 15; v++ {
		text := "---\ntitle: \"Bài một " + fmt.Sprintf("%03d", v) + "\"\ndate: 2020-03-16\ndescription: \"Mô tả\"\n---\n\n## Kết quả đạt được\n\n" + fmt.Sprintf("Phiên bản %03d.", v) + "\n"
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		srv.Rebuild([]string{"content/tin-tuc/bai-mot.md"})
	}
	close(stop)
	wg.Wait()
	if _, body := get(t, srv.URL()+"tin-tuc/"); !strings.Contains(body, "Bài một 014") {
		t.Error("the list does not show the last title")
	}
}

// TestServeInBrowser is the editor's loop in real Chromium: open a page, save the file, see the
// new text without reloading by hand; break the front matter, see the overlay; fix it, see the
// overlay go; add a page in a new folder and open it.
func TestServeInBrowser(t *testing.T) {
	ctx := browsertest.New(t)
	root := writeSite(t, baseSite())
	srv := startServer(t, root)
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	page := srv.URL() + "tin-tuc/bai-mot/"
	var text string
	if err := chromedp.Run(ctx, chromedp.Navigate(page), chromedp.Text("main", &text)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "Phiên bản đầu tiên") {
		t.Fatalf("first load: %q", text)
	}
	// Mark the document: a reload replaces it, so the mark tells a reload happened.
	p := filepath.Join(root, "content/tin-tuc/bai-mot.md")
	if err := os.WriteFile(p, []byte(article("Bài một", "## Kết quả đạt được\n\nVăn bản mới từ trình soạn thảo.")), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Run(ctx, chromedp.WaitVisible(`//main//p[contains(., "Văn bản mới từ trình soạn thảo")]`, chromedp.BySearch)); err != nil {
		t.Fatalf("the new text did not appear: %v", err)
	}

	if err := os.WriteFile(p, []byte("---\ntitle: [Bài một\ndate: 2020-03-16\n---\n\nHỏng.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var overlay string
	if err := chromedp.Run(ctx, chromedp.WaitVisible("#cchc-loi"), chromedp.Text("#cchc-loi", &overlay)); err != nil {
		t.Fatalf("no error overlay: %v", err)
	}
	if !regexp.MustCompile(`content/tin-tuc/bai-mot\.md:[23]: front matter`).MatchString(overlay) || strings.Contains(overlay, "bai-hai") {
		t.Errorf("overlay %q should list the error with its file and line, and only that error", overlay)
	}

	if err := os.WriteFile(p, []byte(article("Bài một", "## Kết quả đạt được\n\nĐã sửa xong.")), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Run(ctx, chromedp.WaitNotPresent("#cchc-loi"),
		chromedp.WaitVisible(`//main//p[contains(., "Đã sửa xong")]`, chromedp.BySearch)); err != nil {
		t.Fatalf("the overlay did not go away after the fix: %v", err)
	}

	if err := os.MkdirAll(filepath.Join(root, "content/tin-tuc/2021"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "content/tin-tuc/2021/bai-moi.md"), []byte(article("Bài trong thư mục mới", "Nội dung của bài mới.")), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool {
		code, _ := get(t, srv.URL()+"tin-tuc/2021/bai-moi/")
		return code == 200
	})
	// The save may still be reloading the open page, and that reload can win over the
	// navigation: navigate again until the new page is the one shown.
	var err error
	for try := 0; try < 5; try++ {
		tctx, cancel := context.WithTimeout(ctx, 3*time.Second)
		err = chromedp.Run(tctx, chromedp.Navigate(srv.URL()+"tin-tuc/2021/bai-moi/"),
			chromedp.WaitVisible(`//main//p[contains(., "Nội dung của bài mới")]`, chromedp.BySearch))
		cancel()
		if err == nil {
			break
		}
	}
	if err != nil {
		t.Fatalf("the new page in the new folder did not show: %v", err)
	}
}
