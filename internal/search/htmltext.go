package search

import (
	"html"
	"strings"
)

// blockTags end a block of text: their start and end become a line break, so that words of two
// paragraphs, list items or table cells never count as a phrase.
var blockTags = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true, "br": true, "caption": true,
	"dd": true, "details": true, "div": true, "dl": true, "dt": true, "figcaption": true, "figure": true,
	"footer": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "header": true,
	"hr": true, "li": true, "main": true, "nav": true, "ol": true, "p": true, "pre": true, "section": true,
	"summary": true, "table": true, "td": true, "th": true, "tr": true, "ul": true,
}

// skipTags are elements whose content is not text a visitor reads.
var skipTags = map[string]bool{"script": true, "style": true, "template": true, "noscript": true, "svg": true, "math": true}

// TextFromHTML returns the plain text of an HTML fragment (a page's rendered Markdown): the text
// of the elements with character references decoded, one line per block, runs of spaces
// collapsed. Scripts, styles and footnote markers are left out. It is what the index keeps of a
// page's body: reading the rendered content at the end of the build costs no memory that the
// site does not hold already.
func TextFromHTML(s string) string {
	var out strings.Builder
	out.Grow(len(s)) // the text is never longer than the HTML: no growing, no garbage
	space := false   // a space is pending
	newline := false // a line break is pending
	emit := func(text string) {
		for _, r := range text {
			switch r {
			case ' ', '\t', '\n', '\r', '\f', '\u00a0':
				space = true
				continue
			case '\u21a9', '\ufe0e': // footnote back-reference arrows
				continue
			}
			if out.Len() > 0 {
				if newline {
					out.WriteByte('\n')
				} else if space {
					out.WriteByte(' ')
				}
			}
			newline, space = false, false
			out.WriteRune(r)
		}
	}
	skip := "" // the element whose content is skipped
	skipDepth := 0
	for len(s) > 0 {
		lt := strings.IndexByte(s, '<')
		if lt < 0 {
			if skip == "" {
				emit(html.UnescapeString(s))
			}
			break
		}
		if lt > 0 && skip == "" {
			emit(html.UnescapeString(s[:lt]))
		}
		s = s[lt:]
		if strings.HasPrefix(s, "<!--") {
			end := strings.Index(s, "-->")
			if end < 0 {
				break
			}
			s = s[end+3:]
			continue
		}
		gt := strings.IndexByte(s, '>')
		if gt < 0 {
			break
		}
		tag := s[1:gt]
		s = s[gt+1:]
		closing := strings.HasPrefix(tag, "/")
		tag = strings.TrimPrefix(tag, "/")
		name := tag
		if i := strings.IndexAny(tag, " \t\n/"); i >= 0 {
			name = tag[:i]
		}
		name = strings.ToLower(name)
		if skip != "" {
			if name == skip {
				if closing {
					skipDepth--
				} else if !strings.HasSuffix(tag, "/") {
					skipDepth++
				}
				if skipDepth == 0 {
					skip = ""
				}
			}
			continue
		}
		if !closing && (skipTags[name] || strings.Contains(tag, "footnote-ref") || strings.Contains(tag, "footnote-backref")) {
			if !strings.HasSuffix(tag, "/") {
				skip, skipDepth = name, 1
			}
			continue
		}
		if blockTags[name] {
			newline = true
		}
	}
	return out.String()
}
