package quality

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// markFocusable numbers the elements a visitor reaches with Tab, in document order, in the
// attribute data-qa-tab, and returns their descriptions. It leaves out what Tab skips: disabled
// controls, tabindex="-1", hidden elements (display: none, visibility: hidden, [hidden], inert).
const markFocusable = `(() => {
  const sel = 'a[href], area[href], button, input:not([type=hidden]), select, textarea, iframe, summary, [tabindex], [contenteditable=""], [contenteditable=true]';
  const out = [];
  for (const el of document.querySelectorAll(sel)) {
    if (el.disabled || el.tabIndex < 0 || el.closest("[inert]")) continue;
    if (el.getClientRects().length === 0) continue;
    const cs = getComputedStyle(el);
    if (cs.visibility === "hidden" || cs.visibility === "collapse") continue;
    if (el.closest("details:not([open])") && el.tagName !== "SUMMARY") continue;
    el.setAttribute("data-qa-tab", String(out.length));
    out.push(describe(el));
  }
  return out;
  function describe(el) {
    let s = el.tagName.toLowerCase();
    if (el.id) s += "#" + el.id;
    const t = (el.getAttribute("aria-label") || el.textContent || el.getAttribute("name") || "").trim().replace(/\s+/g, " ");
    return s + (t ? " «" + t.slice(0, 40) + "»" : "");
  }
})()`

// focusState describes the focused element: its number, and whether its focus is visible.
const focusState = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return {index: -1, visible: false, desc: "body"};
  const cs = getComputedStyle(el);
  const outline = cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0 && cs.outlineColor !== "rgba(0, 0, 0, 0)";
  const shadow = cs.boxShadow && cs.boxShadow !== "none";
  const r = el.getBoundingClientRect();
  const onScreen = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 &&
    r.top < innerHeight && r.left < innerWidth;
  const i = el.getAttribute("data-qa-tab");
  return {index: i === null ? -2 : Number(i), visible: outline || shadow, onScreen: onScreen,
    desc: el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + " " + (el.className || "")};
})()`

type focus struct {
	Index    int    `json:"index"`
	Visible  bool   `json:"visible"`
	OnScreen bool   `json:"onScreen"`
	Desc     string `json:"desc"`
}

// TestKeyboard tabs through the home page and the feedback form: the skip link comes first, every
// element is reached in document order, its focus is visible and scrolled into view. The skip link
// then moves the focus to the main content.
func TestKeyboard(t *testing.T) {
	ctx := browser(t)
	pages := []Sample{{Name: "home", URL: "/"}}
	for _, s := range samples {
		if strings.HasPrefix(s.Name, "gop-y") {
			pages = append(pages, s)
		}
	}
	if len(pages) != 2 {
		t.Fatal("the example site has no feedback page")
	}
	for _, width := range []int64{1280, 375} {
		for _, s := range pages {
			t.Run(fmt.Sprintf("%s %dpx", s.Name, width), func(t *testing.T) {
				var order []string
				if err := chromedp.Run(ctx,
					chromedp.EmulateViewport(width, 800),
					chromedp.Navigate(pageURL(s)),
					chromedp.Evaluate(markFocusable, &order),
				); err != nil {
					t.Fatal(err)
				}
				if len(order) < 5 {
					t.Fatalf("only %d focusable elements: %v", len(order), order)
				}
				if !strings.Contains(order[0], "skip-link") && !strings.Contains(order[0], "Bỏ qua") {
					t.Errorf("the first focusable element is %s, want the skip link", order[0])
				}
				prev := -1
				for i := range order {
					var f focus
					if err := chromedp.Run(ctx, chromedp.KeyEvent(kb.Tab), chromedp.Evaluate(focusState, &f)); err != nil {
						t.Fatal(err)
					}
					switch {
					case f.Index < 0:
						t.Fatalf("tab %d: the focus went to %s, not to %s", i+1, f.Desc, order[i])
					case f.Index != prev+1:
						t.Fatalf("tab %d: the focus went to %s (element %d), want %s (element %d): the order does not follow the page",
							i+1, order[f.Index], f.Index, order[prev+1], prev+1)
					}
					prev = f.Index
					if !f.Visible {
						t.Errorf("tab %d: %s has no visible focus (outline or box-shadow)", i+1, order[f.Index])
					}
					if !f.OnScreen {
						t.Errorf("tab %d: %s is focused but not on the screen", i+1, order[f.Index])
					}
				}
				t.Logf("%d elements reached with Tab, in document order", len(order))

				// Back to the top, the skip link, Enter: the main content has the focus.
				var active string
				if err := chromedp.Run(ctx,
					chromedp.Navigate(pageURL(s)),
					chromedp.KeyEvent(kb.Tab),
					chromedp.KeyEvent(kb.Enter),
					chromedp.Evaluate(`document.activeElement.id`, &active),
				); err != nil {
					t.Fatal(err)
				}
				if active != "noi-dung" {
					t.Errorf("after Enter on the skip link the focus is on %q, want the main content #noi-dung", active)
				}
			})
		}
	}
}

// TestMenuButton checks the phone menu: folded behind its button, opened by it (aria-expanded),
// closed by Escape with the focus back on the button; on a wide screen the button is not shown.
func TestMenuButton(t *testing.T) {
	ctx := browser(t)
	var state struct {
		Button   bool   `json:"button"`
		Links    int    `json:"links"`
		Expanded string `json:"expanded"`
		Focus    string `json:"focus"`
	}
	const read = `(() => {
		const b = document.querySelector(".nut-menu");
		const links = [...document.querySelectorAll("#menu-chinh a")].filter(a => a.getClientRects().length > 0);
		return {button: !!b && b.getClientRects().length > 0, links: links.length,
			expanded: b ? b.getAttribute("aria-expanded") : "", focus: document.activeElement.className};
	})()`
	home := pageURL(Sample{URL: "/"})
	steps := []struct {
		name    string
		actions []chromedp.Action
		button  bool
		links   bool
		exp     string
	}{
		{"phone, folded", []chromedp.Action{chromedp.EmulateViewport(375, 800), chromedp.Navigate(home)}, true, false, "false"},
		{"phone, opened", []chromedp.Action{chromedp.Click(".nut-menu", chromedp.ByQuery)}, true, true, "true"},
		{"phone, Escape", []chromedp.Action{chromedp.Focus("#menu-chinh a", chromedp.ByQuery), chromedp.KeyEvent(kb.Escape)}, true, false, "false"},
		{"desktop", []chromedp.Action{chromedp.EmulateViewport(1280, 800), chromedp.Navigate(home)}, false, true, "false"},
	}
	for _, st := range steps {
		if err := chromedp.Run(ctx, append(st.actions, chromedp.Evaluate(read, &state))...); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if state.Button != st.button || (state.Links > 0) != st.links || state.Expanded != st.exp {
			t.Errorf("%s: button shown %v, %d menu links shown, aria-expanded %q; want %v, links %v, %q",
				st.name, state.Button, state.Links, state.Expanded, st.button, st.links, st.exp)
		}
		if st.name == "phone, Escape" && state.Focus != "nut-menu" {
			t.Errorf("after Escape the focus is on %q, want the menu button", state.Focus)
		}
	}
}

// TestPrint loads an article and a procedure with print media: menus, search, breadcrumbs, the
// footer and live regions are not printed, and a link's address is written after it.
func TestPrint(t *testing.T) {
	ctx := browser(t)
	const read = `(() => {
		const shown = sel => [...document.querySelectorAll(sel)].filter(e => getComputedStyle(e).display !== "none").length;
		const a = [...document.querySelectorAll("main a[href]")].find(a => !a.getAttribute("href").startsWith("#") && !a.getAttribute("href").startsWith("mailto:"));
		return {shown: shown(".site-header, .site-nav, .site-footer, .breadcrumbs, [role=search], [role=status], [aria-live], .skip-link"),
			after: a ? getComputedStyle(a, "::after").content : "none"};
	})()`
	for _, s := range samples {
		if s.Name != "page article" && s.Name != "procedure thu-tuc-hanh-chinh" {
			continue
		}
		var got struct {
			Shown int    `json:"shown"`
			After string `json:"after"`
		}
		if err := chromedp.Run(ctx,
			chromedp.Navigate(pageURL(s)),
			emulation.SetEmulatedMedia().WithMedia("print"),
			chromedp.Evaluate(read, &got),
			emulation.SetEmulatedMedia().WithMedia(""),
		); err != nil {
			t.Fatal(err)
		}
		if got.Shown != 0 {
			t.Errorf("%s: %d navigation, search, footer or live-region elements are printed", s.Name, got.Shown)
		}
		if !strings.Contains(got.After, "/") {
			t.Errorf("%s: a link prints without its address (::after content %s)", s.Name, got.After)
		}
	}
}
