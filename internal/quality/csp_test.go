package quality

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/html"
)

// cspListener records the Content-Security-Policy violations of the page, from before any of its
// own scripts runs.
const cspListener = `window.__cchcCSP = [];
document.addEventListener("securitypolicyviolation", e => {
  window.__cchcCSP.push({directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile,
    line: e.lineNumber, sample: e.sample});
});`

type cspViolation struct {
	Directive string `json:"directive"`
	Blocked   string `json:"blocked"`
	Source    string `json:"source"`
	Line      int    `json:"line"`
	Sample    string `json:"sample"`
}

// TestCSP serves the example site with the policy CSP and loads one page of each type: no
// securitypolicyviolation event may fire, and no script may throw.
func TestCSP(t *testing.T) {
	// The server really sends the policy.
	resp, err := http.Get(siteURL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := resp.Header.Get("Content-Security-Policy"); got != CSP {
		t.Fatalf("Content-Security-Policy header %q, want %q", got, CSP)
	}

	ctx := browser(t)
	var mu sync.Mutex
	var thrown []string
	chromedp.ListenTarget(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			mu.Lock()
			d := ev.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
			thrown = append(thrown, fmt.Sprintf("%s:%d: %s", d.URL, d.LineNumber+1, msg))
			mu.Unlock()
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.APITypeError {
				mu.Lock()
				var parts []string
				for _, a := range ev.Args {
					parts = append(parts, strings.Trim(string(a.Value), `"`)+a.Description)
				}
				thrown = append(thrown, "console.error: "+strings.Join(parts, " "))
				mu.Unlock()
			}
		}
	})
	if err := chromedp.Run(ctx, chromedp.ActionFunc(func(ctx2 context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(cspListener).Do(ctx2)
		return err
	})); err != nil {
		t.Fatal(err)
	}
	for _, s := range samples {
		mu.Lock()
		thrown = nil
		mu.Unlock()
		if err := load(ctx, s); err != nil {
			t.Errorf("%s: %v", s.Name, err)
			continue
		}
		var got []cspViolation
		if err := chromedp.Run(ctx, chromedp.Evaluate(`window.__cchcCSP || null`, &got)); err != nil {
			t.Errorf("%s: read the violations: %v", s.URL, err)
			continue
		}
		if got == nil {
			t.Errorf("%s: the listener did not run", s.URL)
		}
		for _, v := range got {
			t.Errorf("%s (%s): the policy blocked %s (%s) at %s:%d %q", s.URL, s.Name, v.Blocked, v.Directive, v.Source, v.Line, v.Sample)
		}
		mu.Lock()
		for _, e := range thrown {
			t.Errorf("%s (%s): %s", s.URL, s.Name, e)
		}
		mu.Unlock()
	}

	// The check itself: an inline style and an inline script must be blocked and reported.
	var n int
	if err := chromedp.Run(ctx,
		chromedp.Evaluate(`(() => {
			const s = document.createElement("script"); s.textContent = "window.__inline = 1"; document.body.append(s);
			const d = document.createElement("div"); d.setAttribute("style", "color: red"); document.body.append(d);
		})()`, nil),
		chromedp.Sleep(200*1e6),
		chromedp.Evaluate(`window.__cchcCSP.length`, &n),
	); err != nil {
		t.Fatal(err)
	}
	if n < 2 {
		t.Errorf("an inline script and an inline style raised %d violations, want 2: the check does not work", n)
	}
}

// TestNoInlineCode scans every HTML file of the example site for what the policy CSP blocks: a
// style attribute or <style> element, an inline <script> (JSON-LD data excepted), an event
// handler attribute (onclick=…), a javascript: URL.
func TestNoInlineCode(t *testing.T) {
	files := htmlFiles(t, dest)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(dest, f)
		for _, p := range inlineCode(data) {
			t.Errorf("%s: %s", filepath.ToSlash(rel), p)
		}
	}
	if got := inlineCode([]byte(`<p style="x" onclick="y"><script>z</script><a href=" JavaScript:1">`)); len(got) != 4 {
		t.Errorf("the scanner found %d problems in a snippet with 4: %q", len(got), got)
	}
}

// inlineCode returns what the policy CSP would block in a page.
func inlineCode(data []byte) []string {
	var problems []string
	l := html.NewLexer(parse.NewInputBytes(data))
	var tag string
	var script struct{ src, typ bool }
	for {
		tt, raw := l.Next()
		switch tt {
		case html.ErrorToken:
			return problems
		case html.StartTagToken:
			tag = strings.ToLower(string(l.Text()))
			script.src, script.typ = false, false
			if tag == "style" {
				problems = append(problems, "a <style> element")
			}
		case html.AttributeToken:
			key := strings.ToLower(string(l.Text()))
			val := strings.Trim(string(l.AttrVal()), `"'`)
			switch {
			case key == "style":
				problems = append(problems, fmt.Sprintf("style attribute on <%s>", tag))
			case strings.HasPrefix(key, "on"):
				problems = append(problems, fmt.Sprintf("event handler %s on <%s>", key, tag))
			case (key == "href" || key == "src" || key == "action") &&
				strings.HasPrefix(strings.ToLower(strings.TrimSpace(val)), "javascript:"):
				problems = append(problems, fmt.Sprintf("javascript: URL on <%s>", tag))
			case tag == "script" && key == "src":
				script.src = true
			case tag == "script" && key == "type" && val == "application/ld+json":
				script.typ = true
			}
		case html.StartTagCloseToken:
			if tag == "script" && !script.src && !script.typ {
				problems = append(problems, "an inline <script>")
			}
		}
		_ = raw
	}
}
