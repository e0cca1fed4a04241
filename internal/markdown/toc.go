package markdown

import (
	"html"
	"strings"
)

// TOCHTML renders the headings of toc whose level is between minLevel and
// maxLevel (inclusive; templates use 2 and 3) as nested <ol> lists of links
// to the headings, without a <nav> around them. It returns "" when fewer than
// two headings are in range.
//
// A heading deeper than the one before it starts a nested list, even when
// levels are skipped (an h4 right under an h2 is one level down).
func TOCHTML(toc []Heading, minLevel, maxLevel int) string {
	n := 0
	for _, h := range toc {
		if minLevel <= h.Level && h.Level <= maxLevel {
			n++
		}
	}
	if n < 2 {
		return ""
	}
	var b strings.Builder
	b.Grow(n * 64)
	var open []int // the levels of the open lists
	for _, h := range toc {
		if h.Level < minLevel || h.Level > maxLevel {
			continue
		}
		switch {
		case len(open) == 0:
			b.WriteString("<ol>\n<li>")
			open = append(open, h.Level)
		case h.Level > open[len(open)-1]:
			b.WriteString("\n<ol>\n<li>")
			open = append(open, h.Level)
		default:
			for len(open) > 1 && h.Level <= open[len(open)-2] {
				b.WriteString("</li>\n</ol>\n")
				open = open[:len(open)-1]
			}
			// Between two open levels, or above the first: a sibling.
			open[len(open)-1] = min(open[len(open)-1], h.Level)
			b.WriteString("</li>\n<li>")
		}
		b.WriteString(`<a href="#`)
		b.WriteString(html.EscapeString(h.ID))
		b.WriteString(`">`)
		b.WriteString(html.EscapeString(h.Text))
		b.WriteString("</a>")
	}
	for range open {
		b.WriteString("</li>\n</ol>\n")
	}
	return b.String()
}
