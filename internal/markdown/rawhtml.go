package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// rawHTMLCheck is the extension that reports, when raw HTML is allowed
// (Options.Unsafe), the event handler attributes (onclick=...) and the
// dangerous URLs (javascript:, ...) in the raw HTML of a page. The raw HTML
// itself is rendered unchanged by goldmark's renderer: the editor is expected
// to fix it.
//
// Without Options.Unsafe it is not installed: goldmark omits raw HTML.
type rawHTMLCheck struct{}

// Extend implements goldmark.Extender.
func (e *rawHTMLCheck) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(
		util.Prioritized(&rawHTMLTransformer{}, 1000),
	))
}

// rawHTMLTransformer is the parser.ASTTransformer of rawHTMLCheck.
type rawHTMLTransformer struct{}

// Transform implements parser.ASTTransformer.
func (t *rawHTMLTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st := stateFrom(pc)
	if st == nil {
		return
	}
	src := reader.Source()
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.(type) {
		case *ast.RawHTML, *ast.HTMLBlock:
			start, stop := rawHTMLRange(n)
			scanTags(src[start:stop], func(name, value []byte, off int) {
				if len(name) > 2 && lowerASCII(name[0]) == 'o' && lowerASCII(name[1]) == 'n' {
					st.problem(start+off, "mã HTML có thuộc tính sự kiện ("+string(name)+
						"=) — hãy xoá thuộc tính này, trang không được chạy mã JavaScript")
				}
				if scheme := unsafeScheme(value); scheme != "" {
					st.problem(start+off, "mã HTML có "+unsafeSchemeMessage(scheme))
				}
			})
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// rawHTMLRange returns the range of the source that the *ast.RawHTML or
// *ast.HTMLBlock n spans. In a block quote or a list item it also spans the
// markers at the start of its lines, which scanTags reads as text.
func rawHTMLRange(n ast.Node) (start, stop int) {
	start, stop = -1, -1
	add := func(s text.Segment) {
		if start < 0 || s.Start < start {
			start = s.Start
		}
		stop = max(stop, s.Stop)
	}
	switch n := n.(type) {
	case *ast.RawHTML:
		for i := range n.Segments.Len() {
			add(n.Segments.At(i))
		}
	case *ast.HTMLBlock:
		lines := n.Lines()
		for i := range lines.Len() {
			add(lines.At(i))
		}
		if n.HasClosure() {
			add(n.ClosureLine)
		}
	}
	if start < 0 {
		return 0, 0
	}
	return start, stop
}

// scanTags calls fn for every attribute of every start tag in the HTML b,
// with the attribute's name, its raw value (references not decoded; nil when
// it has none) and the offset of the name in b. It skips comments,
// declarations, end tags and the content of script, style, textarea and
// title elements. It is a small tokenizer after the HTML standard's, good
// enough for checking, not for rewriting.
func scanTags(b []byte, fn func(name, value []byte, off int)) {
	i := 0
	for i < len(b) {
		j := bytes.IndexByte(b[i:], '<')
		if j < 0 {
			return
		}
		i += j + 1
		if i >= len(b) {
			return
		}
		switch c := b[i]; {
		case c == '!' && bytes.HasPrefix(b[i:], []byte("!--")):
			end := bytes.Index(b[i+3:], []byte("-->"))
			if end < 0 {
				return
			}
			i += 3 + end + 3
			continue
		case c == '!' || c == '/' || c == '?':
			end := bytes.IndexByte(b[i:], '>')
			if end < 0 {
				return
			}
			i += end + 1
			continue
		case !isASCIILetter(c):
			continue
		}
		nameStart := i
		for i < len(b) && !isTagSpace(b[i]) && b[i] != '/' && b[i] != '>' {
			i++
		}
		tag := b[nameStart:i]
		i = scanAttributes(b, i, fn)
		if rawTextElement(tag) {
			i = skipRawText(b, i, tag)
		}
	}
}

// scanAttributes reads the attributes of a start tag from b[i:] up to its
// '>' and returns the offset after it.
func scanAttributes(b []byte, i int, fn func(name, value []byte, off int)) int {
	for {
		for i < len(b) && (isTagSpace(b[i]) || b[i] == '/') {
			i++
		}
		if i >= len(b) {
			return i
		}
		if b[i] == '>' {
			return i + 1
		}
		nameStart := i
		i++ // a first '=' is part of the name
		for i < len(b) && !isTagSpace(b[i]) && b[i] != '/' && b[i] != '>' && b[i] != '=' {
			i++
		}
		name := b[nameStart:i]
		for i < len(b) && isTagSpace(b[i]) {
			i++
		}
		var value []byte
		if i < len(b) && b[i] == '=' {
			i++
			for i < len(b) && isTagSpace(b[i]) {
				i++
			}
			if i < len(b) && (b[i] == '"' || b[i] == '\'') {
				q := b[i]
				i++
				end := bytes.IndexByte(b[i:], q)
				if end < 0 {
					end = len(b) - i
				}
				value = b[i : i+end]
				i += min(end+1, len(b)-i)
			} else {
				valueStart := i
				for i < len(b) && !isTagSpace(b[i]) && b[i] != '>' {
					i++
				}
				value = b[valueStart:i]
			}
		}
		fn(name, value, nameStart)
	}
}

// rawTextElement reports whether the content of the element tag is text, not
// markup.
func rawTextElement(tag []byte) bool {
	for _, t := range rawTextElements {
		if asciiEqualFold(tag, t) {
			return true
		}
	}
	return false
}

var rawTextElements = [][]byte{[]byte("script"), []byte("style"), []byte("textarea"), []byte("title")}

// skipRawText returns the offset of the end tag of the raw text element tag
// whose content starts at b[i:], or len(b).
func skipRawText(b []byte, i int, tag []byte) int {
	for i < len(b) {
		j := bytes.Index(b[i:], []byte("</"))
		if j < 0 {
			return len(b)
		}
		i += j
		if end := i + 2 + len(tag); end <= len(b) && asciiEqualFold(b[i+2:end], tag) {
			return i
		}
		i += 2
	}
	return len(b)
}

func isASCIILetter(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

func isTagSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}
