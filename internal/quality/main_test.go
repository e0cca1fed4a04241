package quality

import (
	"context"
	"fmt"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/btnmt/cchc/internal/browsertest"
	"github.com/btnmt/cchc/internal/build"
)

// The example site, built once for every test of the package.
var (
	repoRoot string // the repository
	dest     string // where the example site is built
	server   *httptest.Server
	siteURL  string        // server.URL + BasePath, with the trailing slash
	result   *build.Result // the build, with its site model
	samples  []Sample      // one page of each type
)

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	var err error
	if repoRoot, err = RepoRoot(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	tmp, err := os.MkdirTemp("", "cchc-quality-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(tmp)
	dest = filepath.Join(tmp, "public")
	// The server starts first, so that the site is built for its address: the absolute URLs of
	// the feeds, the sitemap and the canonical links lead to it.
	server = httptest.NewServer(Handler(dest, BasePath, CSP))
	defer server.Close()
	siteURL = server.URL + BasePath
	if result, err = BuildExample(repoRoot, dest, server.URL); err != nil {
		fmt.Fprintf(os.Stderr, "build the example site: %v\n", err)
		return 1
	}
	samples = Samples(result.Site)
	return m.Run()
}

// pageURL returns the address of a sample on the test server, its path escaped as a browser
// would.
func pageURL(s Sample) string {
	p, q, _ := strings.Cut(s.URL, "?")
	u := &url.URL{Path: strings.TrimSuffix(BasePath, "/") + p}
	out := server.URL + u.EscapedPath()
	if q != "" {
		k, v, _ := strings.Cut(q, "=")
		out += "?" + url.Values{k: {v}}.Encode()
	}
	return out
}

// browser returns a Chromium context for the test, with a 3-minute limit for the whole test.
func browser(t *testing.T) context.Context {
	t.Helper()
	ctx := browsertest.New(t)
	ctx, cancel := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// load navigates to the sample and waits until the page is ready: loaded, and on the search page
// the results (or the message that there are none) shown by the script.
func load(ctx context.Context, s Sample) error {
	if err := chromedp.Run(ctx, chromedp.Navigate(pageURL(s))); err != nil {
		return fmt.Errorf("load %s: %w", s.URL, err)
	}
	if !strings.Contains(s.URL, "?q=") {
		return nil
	}
	// The search script fetches its index, then fills the status line.
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		var status string
		if err := chromedp.Run(ctx, chromedp.Evaluate(
			`(document.getElementById("tim-kiem-trang-thai")||{}).textContent||""`, &status)); err != nil {
			return err
		}
		var n int
		if err := chromedp.Run(ctx, chromedp.Evaluate(`document.querySelectorAll("#tim-kiem-ket-qua li").length`, &n)); err != nil {
			return err
		}
		if n > 0 || strings.Contains(status, "Không") {
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("the search page %s showed no results in 15 s", s.URL)
}

// TestSamples checks that the pages checked in a browser cover every page type the gate is
// meant to cover.
func TestSamples(t *testing.T) {
	names := map[string]bool{}
	for _, s := range samples {
		names[s.Name] = true
		t.Logf("%-40s %s", s.Name, s.URL)
	}
	for _, want := range []string{
		"home",
		"section tin-tuc", "section thu-tuc-hanh-chinh", "section ke-hoach", "section van-ban",
		"section su-kien", "section hoi-dap",
		"page article", "page tthc", "page plan", "page document", "page event", "page qa",
		"procedure thu-tuc-hanh-chinh", "filter thu-tuc-hanh-chinh", "loc van-ban",
		"terms the", "term the", "terms linh-vuc", "term linh-vuc", "terms don-vi", "term don-vi",
		"search tim-kiem", "gop-y gop-y", "404 (missing URL)",
	} {
		if !names[want] {
			t.Errorf("no page of type %q in the example site", want)
		}
	}
	paged := false
	for n := range names {
		paged = paged || strings.HasSuffix(n, "page 2+")
	}
	if !paged {
		t.Error("no list of the example site has a second page (/trang/2/)")
	}
}
