package markdown

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/btnmt/cchc/internal/nfc"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
	"golang.org/x/text/unicode/norm"
)

// appendInlineText appends to dst the plain text of the inline content of n:
// no markup, escapes and character references decoded, line breaks as
// spaces, no footnote markers, no raw HTML. The alternative text of images
// is included only when alt is true.
func appendInlineText(dst []byte, n ast.Node, src []byte, alt bool) []byte {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			v := c.Segment.Value(src)
			if !c.IsRaw() {
				v = unescapeText(v)
			}
			dst = append(dst, v...)
			if c.SoftLineBreak() || c.HardLineBreak() {
				dst = appendSpace(dst)
			}
		case *ast.String:
			dst = append(dst, c.Value...)
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if t, ok := t.(*ast.Text); ok {
					start := len(dst)
					dst = append(dst, t.Segment.Value(src)...)
					for i := start; i < len(dst); i++ {
						if dst[i] == '\n' {
							dst[i] = ' '
						}
					}
				}
			}
		case *ast.AutoLink:
			dst = append(dst, c.Label(src)...)
		case *ast.Image:
			if alt {
				dst = appendInlineText(dst, c, src, alt)
			}
		case *ast.RawHTML, *east.FootnoteLink, *east.FootnoteBacklink, *east.TaskCheckBox:
			// no text
		default:
			dst = appendInlineText(dst, c, src, alt)
		}
	}
	return dst
}

// unescapeText decodes the backslash escapes and character references of
// the text v, as goldmark's renderer does. It returns v when there is none.
func unescapeText(v []byte) []byte {
	if bytes.IndexByte(v, '\\') < 0 && bytes.IndexByte(v, '&') < 0 {
		return v
	}
	v = util.UnescapePunctuations(v)
	v = util.ResolveNumericReferences(v)
	return util.ResolveEntityNames(v)
}

func appendSpace(dst []byte) []byte {
	if len(dst) > 0 && dst[len(dst)-1] != ' ' {
		dst = append(dst, ' ')
	}
	return dst
}

// appendNFC returns b with b[start:] put in Unicode normalization form C, so
// that NFD text typed by some keyboards counts and compares like NFC text.
func appendNFC(b []byte, start int) []byte {
	if nfc.IsNormal(b[start:]) {
		return b
	}
	return append(b[:start], norm.NFC.Bytes(b[start:])...)
}

// plainText returns the plain text of the inline content of n, with its
// whitespace collapsed and trimmed, NFC.
func (s *convertState) plainText(n ast.Node) string {
	b := appendInlineText(s.scratch[:0], n, s.src, true)
	b = appendNFC(b[:collapseSpaces(b)], 0)
	s.scratch = b[:0]
	return string(b)
}

// collectText fills Result.Summary and, when all is set, Result.Text from the AST.
func (s *convertState) collectText(doc ast.Node, all bool) {
	t := textCollector{src: s.src, buf: s.scratch[:0], summaryOnly: !all}
	t.blocks(doc, true)
	if all {
		s.res.Text = string(t.buf)
	}
	s.res.Summary = cutSummary(string(t.summary), SummaryLimit)
	s.scratch = t.buf[:0]
}

// textCollector collects the plain text of the blocks of a document, one
// line per paragraph, heading, list item, table row or code line.
type textCollector struct {
	src          []byte
	buf          []byte // Result.Text
	summary      []byte // the first paragraphs, for Result.Summary
	summaryRunes int
	summaryOnly  bool // collect only the summary: skip what cannot be in it, stop when it is full
}

// done tells whether nothing more is to be collected.
func (t *textCollector) done() bool { return t.summaryOnly && t.summaryRunes > SummaryLimit }

// blocks collects the text of the children of the block n. inSummary says
// whether paragraphs there may make the summary: those of the page itself
// or of its block quotes, not those of lists, tables or footnotes.
func (t *textCollector) blocks(n ast.Node, inSummary bool) {
	if t.summaryOnly && !inSummary {
		return
	}
	for c := n.FirstChild(); c != nil && !t.done(); c = c.NextSibling() {
		if t.summaryOnly {
			if _, ok := c.(*ast.Paragraph); !ok {
				if _, ok := c.(*ast.Blockquote); !ok {
					continue
				}
			}
			t.buf = t.buf[:0] // only the line being collected is needed
		}
		switch c := c.(type) {
		case *ast.HTMLBlock, *ast.ThematicBreak:
			// no text
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			lines := c.Lines()
			for i := range lines.Len() {
				seg := lines.At(i)
				start := t.startLine()
				t.buf = append(t.buf, seg.Value(t.src)...)
				t.endLine(start)
			}
		case *east.TableHeader, *east.TableRow:
			start := t.startLine()
			for cell := c.FirstChild(); cell != nil; cell = cell.NextSibling() {
				t.buf = appendSpace(appendInlineText(t.buf, cell, t.src, false))
			}
			t.endLine(start)
		case *ast.Blockquote:
			t.blocks(c, inSummary)
		default:
			if c.Type() != ast.TypeBlock {
				continue
			}
			if first := c.FirstChild(); first != nil && first.Type() == ast.TypeBlock {
				t.blocks(c, false)
				continue
			}
			start := t.startLine()
			t.buf = appendInlineText(t.buf, c, t.src, false)
			line := t.endLine(start)
			if _, ok := c.(*ast.Paragraph); ok && inSummary && len(line) > 0 && t.summaryRunes <= SummaryLimit {
				if len(t.summary) > 0 {
					t.summary = append(t.summary, ' ')
				}
				t.summary = append(t.summary, line...)
				t.summaryRunes += utf8.RuneCount(line) + 1
			}
		}
	}
}

// startLine starts a new line of text and returns its offset in t.buf.
func (t *textCollector) startLine() int {
	if len(t.buf) > 0 {
		t.buf = append(t.buf, '\n')
	}
	return len(t.buf)
}

// endLine ends the line started at start: collapses its runs of ASCII
// whitespace to one space, trims it, drops it when empty, puts it in NFC and
// returns it.
func (t *textCollector) endLine(start int) []byte {
	n := collapseSpaces(t.buf[start:])
	if n == 0 {
		t.buf = t.buf[:max(start-1, 0)] // with its '\n'
		return nil
	}
	t.buf = appendNFC(t.buf[:start+n], start)
	return t.buf[start:]
}

// collapseSpaces rewrites b in place with its runs of ASCII whitespace
// collapsed to one space and none at either end, and returns its new length.
func collapseSpaces(b []byte) int {
	n := 0
	space := false
	for _, c := range b {
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' {
			space = n > 0
			continue
		}
		if space {
			b[n] = ' '
			n++
			space = false
		}
		b[n] = c
		n++
	}
	return n
}

// cutSummary returns s when it has at most limit runes, else its first
// limit runes cut at the end of a word, with "…" after.
func cutSummary(s string, limit int) string {
	if utf8.RuneCountInString(s) <= limit {
		return s
	}
	end, n := 0, 0
	for end < len(s) && n < limit {
		_, size := utf8.DecodeRuneInString(s[end:])
		end += size
		n++
	}
	cut := s[:end]
	if r, _ := utf8.DecodeRuneInString(s[end:]); !unicode.IsSpace(r) {
		// The word goes on after the limit: drop it, unless it is the
		// only one.
		if i := strings.LastIndexFunc(cut, unicode.IsSpace); i > 0 {
			cut = cut[:i]
		}
	}
	cut = strings.TrimRightFunc(cut, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(",;:-–—(", r)
	})
	return cut + "…"
}
