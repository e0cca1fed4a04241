// Command cchc-screenshots builds the repository's example site, serves it on 127.0.0.1 and
// writes full-page PNG screenshots of one page of each type at phone and desktop widths, and PDF
// prints of an article and a procedure (with PNG pages when pdftoppm is installed), so that a
// person can look at what visitors see. Nothing it writes is meant to be committed.
//
//	go run ./cmd/cchc-screenshots [-out DIR] [-widths 375,1280] [-only SUBSTRING]
//
// It needs Chromium (apt-get install chromium); pdftoppm (apt-get install poppler-utils) is
// optional. It prints the path of every file it writes.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/btnmt/cchc/internal/browsertest"
	"github.com/btnmt/cchc/internal/quality"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "cchc-screenshots:", err)
		os.Exit(1)
	}
}

func run() error {
	out := flag.String("out", "", "folder for the screenshots (default: a new temporary folder)")
	widths := flag.String("widths", "375,1280", "viewport widths in CSS pixels, comma-separated")
	only := flag.String("only", "", "only the page types whose name contains this")
	flag.Parse()

	var ws []int64
	for _, f := range strings.Split(*widths, ",") {
		w, err := strconv.ParseInt(strings.TrimSpace(f), 10, 64)
		if err != nil || w < 200 || w > 4000 {
			return fmt.Errorf("-widths: %q is not a width between 200 and 4000", f)
		}
		ws = append(ws, w)
	}
	if *out == "" {
		d, err := os.MkdirTemp("", "cchc-screenshots-")
		if err != nil {
			return err
		}
		*out = d
	} else if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	chromium := browsertest.Path()
	if chromium == "" {
		return errors.New("Chromium is not installed: apt-get install chromium")
	}

	root, err := quality.RepoRoot()
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "cchc-screenshots-site-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	dest := filepath.Join(tmp, "public")

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	origin := "http://" + ln.Addr().String()
	srv := &http.Server{Handler: quality.Handler(dest, quality.BasePath, quality.CSP), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()

	res, err := quality.BuildExample(root, dest, origin)
	if err != nil {
		return fmt.Errorf("build the example site: %w", err)
	}
	samples := quality.Samples(res.Site)

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.UserDataDir(filepath.Join(tmp, "chromium")),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancelTime := context.WithTimeout(ctx, 10*time.Minute)
	defer cancelTime()

	addr := func(s quality.Sample) string {
		p, q, _ := strings.Cut(s.URL, "?")
		u := origin + (&url.URL{Path: strings.TrimSuffix(quality.BasePath, "/") + p}).EscapedPath()
		if q != "" {
			k, v, _ := strings.Cut(q, "=")
			u += "?" + url.Values{k: {v}}.Encode()
		}
		return u
	}
	n := 0
	for _, s := range samples {
		if *only != "" && !strings.Contains(s.Name, *only) {
			continue
		}
		for _, w := range ws {
			var png []byte
			if err := chromedp.Run(ctx,
				chromedp.EmulateViewport(w, 900),
				chromedp.Navigate(addr(s)),
				chromedp.Sleep(300*time.Millisecond), // the search page fills its results
				chromedp.FullScreenshot(&png, 100),
			); err != nil {
				return fmt.Errorf("%s at %d px: %w", s.URL, w, err)
			}
			file := filepath.Join(*out, fmt.Sprintf("%s-%d.png", fileName(s.Name), w))
			if err := os.WriteFile(file, png, 0o644); err != nil {
				return err
			}
			fmt.Println(file)
			n++
		}
	}

	// Print an article and a procedure as a visitor's browser would (A4), to check print.css.
	for _, s := range samples {
		if s.Name != "page article" && s.Name != "procedure thu-tuc-hanh-chinh" {
			continue
		}
		if *only != "" && !strings.Contains(s.Name, *only) {
			continue
		}
		var pdf []byte
		if err := chromedp.Run(ctx,
			chromedp.EmulateViewport(1280, 900),
			chromedp.Navigate(addr(s)),
			chromedp.ActionFunc(func(ctx context.Context) error {
				var err error
				pdf, _, err = page.PrintToPDF().WithPaperWidth(8.27).WithPaperHeight(11.69).
					WithMarginTop(0.6).WithMarginBottom(0.6).WithMarginLeft(0.6).WithMarginRight(0.6).Do(ctx)
				return err
			}),
			emulation.SetEmulatedMedia().WithMedia(""),
		); err != nil {
			return fmt.Errorf("print %s: %w", s.URL, err)
		}
		file := filepath.Join(*out, fileName(s.Name)+"-print.pdf")
		if err := os.WriteFile(file, pdf, 0o644); err != nil {
			return err
		}
		fmt.Println(file)
		if pdftoppm, err := exec.LookPath("pdftoppm"); err == nil {
			prefix := strings.TrimSuffix(file, ".pdf")
			if out, err := exec.Command(pdftoppm, "-png", "-r", "60", "-l", "3", file, prefix).CombinedOutput(); err != nil {
				return fmt.Errorf("pdftoppm: %v\n%s", err, out)
			}
			matches, _ := filepath.Glob(prefix + "-*.png")
			for _, m := range matches {
				fmt.Println(m)
			}
		}
	}
	fmt.Fprintf(os.Stderr, "%d screenshots of %d page types in %s\n", n, len(samples), *out)
	return nil
}

var nonFile = regexp.MustCompile(`[^a-z0-9]+`)

// fileName turns a sample's name into a file name.
func fileName(name string) string {
	return strings.Trim(nonFile.ReplaceAllString(strings.ToLower(name), "-"), "-")
}
