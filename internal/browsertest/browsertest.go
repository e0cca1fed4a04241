// Package browsertest starts headless Chromium for end-to-end tests, driven by chromedp. Tests
// that need a browser call New; it skips the test when no Chromium is installed, unless the
// environment variable CCHC_REQUIRE_BROWSER is set (as in CI), where it fails instead.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"testing"

	"github.com/chromedp/chromedp"
)

// Path returns the Chromium executable, or "" when none is installed.
func Path() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// New returns a browser context for the test, closed when the test ends.
func New(t testing.TB) context.Context {
	t.Helper()
	p := Path()
	if p == "" {
		if os.Getenv("CCHC_REQUIRE_BROWSER") != "" {
			t.Fatal("Chromium is required (CCHC_REQUIRE_BROWSER is set) but not installed: apt-get install chromium")
		}
		t.Skip("Chromium is not installed: apt-get install chromium")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(p),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		chromedp.UserDataDir(t.TempDir()),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() {
		// Close the browser and wait for it, so that its profile folder can be removed.
		if err := chromedp.Cancel(ctx); err != nil {
			cancel()
		}
		cancelAlloc()
	})
	if err := chromedp.Run(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}
