package quality

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// axeTags are the rule sets run: WCAG 2.0 and 2.1, levels A and AA.
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice", "wcag22aa"}

// axeViolation is one failed rule of axe-core's results.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target         []any  `json:"target"`
		HTML           string `json:"html"`
		FailureSummary string `json:"failureSummary"`
	} `json:"nodes"`
}

func awaitPromise(p *runtime.EvaluateParams) *runtime.EvaluateParams {
	return p.WithAwaitPromise(true)
}

// TestAccessibility loads one page of each type in Chromium and runs axe-core's WCAG 2.1 A and
// AA rules on it: there must be no violation. Each violation is reported with its rule, the page
// and the CSS selector of every element at fault.
func TestAccessibility(t *testing.T) {
	axe, err := AxeScript(repoRoot)
	if err != nil {
		if Required() {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	ctx := browser(t)
	tags, _ := json.Marshal(axeTags)
	var rules []string
	byRule := map[string]int{}
	checked := 0
	for _, width := range []int64{1280, 375} {
		if err := chromedp.Run(ctx, chromedp.EmulateViewport(width, 900)); err != nil {
			t.Fatal(err)
		}
		for i, s := range samples {
			checked++
			if err := load(ctx, s); err != nil {
				t.Errorf("%s: %v", s.Name, err)
				continue
			}
			if err := chromedp.Run(ctx, chromedp.Evaluate(axe, nil)); err != nil {
				t.Fatalf("inject axe-core into %s: %v", s.URL, err)
			}
			if i == 0 {
				if err := chromedp.Run(ctx, chromedp.Evaluate(
					fmt.Sprintf(`axe.getRules(%s).map(r => r.ruleId)`, tags), &rules)); err != nil {
					t.Fatal(err)
				}
			}
			var res struct {
				Violations []axeViolation `json:"violations"`
				Passes     int            `json:"passes"`
			}
			js := fmt.Sprintf(`axe.run(document, {runOnly: {type: "tag", values: %s}})
			.then(r => ({violations: r.violations, passes: r.passes.length}))`, tags)
			if err := chromedp.Run(ctx, chromedp.Evaluate(js, &res, awaitPromise)); err != nil {
				t.Errorf("%s: run axe-core: %v", s.URL, err)
				continue
			}
			if res.Passes == 0 {
				t.Errorf("%s: no axe-core rule passed: is the page empty?", s.URL)
			}
			for _, v := range res.Violations {
				byRule[v.ID] += len(v.Nodes)
				var b strings.Builder
				fmt.Fprintf(&b, "%s (%s, %d px): rule %s [%s]: %s", s.URL, s.Name, width, v.ID, v.Impact, v.Help)
				for _, n := range v.Nodes {
					fmt.Fprintf(&b, "\n    at %v: %s\n      %s", n.Target, strings.ReplaceAll(n.FailureSummary, "\n", " "), clip(n.HTML, 200))
				}
				t.Error(b.String())
			}
		}
	}
	sort.Strings(rules)
	t.Logf("axe-core: %d page loads (%d page types at 1280 and 375 px), %d rules (%s): %s", checked, len(samples), len(rules), strings.Join(axeTags, ", "), strings.Join(rules, " "))
	if len(byRule) > 0 {
		t.Logf("violations by rule: %v", byRule)
	}
	// The harness itself: a page with an image without text and a field without a label must fail.
	if err := chromedp.Run(ctx, chromedp.Evaluate(`(() => {
		const m = document.querySelector("main");
		const i = document.createElement("img"); i.src = "data:image/png;base64,iVBORw0KGgo="; m.prepend(i);
		const f = document.createElement("input"); f.type = "text"; m.prepend(f);
	})()`, nil)); err != nil {
		t.Fatal(err)
	}
	var canary []axeViolation
	js := fmt.Sprintf(`axe.run(document, {runOnly: {type: "tag", values: %s}, resultTypes: ["violations"]}).then(r => r.violations)`, tags)
	if err := chromedp.Run(ctx, chromedp.Evaluate(js, &canary, awaitPromise)); err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, v := range canary {
		found[v.ID] = true
	}
	if !found["image-alt"] || !found["label"] {
		t.Errorf("axe-core missed an image without alt and a field without label (found %v): the check does not work", found)
	}
	if len(rules) < 40 {
		t.Errorf("only %d axe-core rules for %v; is axe-core loaded?", len(rules), axeTags)
	}
}

func clip(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}
