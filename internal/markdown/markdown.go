// Package markdown converts the Markdown bodies of pages to HTML with goldmark
// and the project's own goldmark extensions.
//
// The Markdown dialect is CommonMark with GitHub Flavored Markdown (tables,
// strikethrough, autolinks, task lists), footnotes, definition lists and
// heading attributes (`## Tiêu đề {#id .class}`). There is no typographer:
// quotes and dashes stay as the editor typed them.
//
// Each extension lives in its own file, with its transformer, renderer and
// Extend method:
//
//   - ids.go: heading ids made with slug.Make, unique within the page
//   - links.go: every link and image destination goes through a Resolver;
//     dangerous URLs (javascript:, vbscript:, data:, file:) never pass
//   - rawhtml.go: event attributes and dangerous URLs in raw HTML are reported
//   - tables.go: every table is wrapped in a scrollable region
//
// text.go makes the plain text and the summary of a page from its AST, and
// toc.go renders its table of contents.
//
// A Converter keeps one goldmark.Markdown and is safe for concurrent use; the
// state of one conversion travels in the parser.Context of that conversion.
package markdown

import (
	"bytes"
	"fmt"
	"slices"
	"sync"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
)

// Options configures a Converter.
type Options struct {
	// Unsafe allows raw HTML through (config `markup.unsafe`). By default raw
	// HTML is omitted from the output.
	Unsafe bool
	// Text fills Result.Text. Without it only the summary is taken from the text, and the
	// walk stops as soon as the summary is full: a build has no use for the whole text.
	Text bool
}

// Resolver rewrites a link or image destination as written in the Markdown
// source. It returns the href to emit. It returns an error (a user-facing
// Vietnamese message) when the destination is broken; the Converter records
// it with the line and keeps converting. A nil Resolver leaves destinations
// unchanged.
//
// The destination is given with backslash escapes and character references
// already decoded (`[a](a\_b.md)` gives "a_b.md"), exactly as the link is
// meant. Every destination is given, external ones (http:, https:, mailto:,
// tel:) and bare fragments ("#muc") included: the Resolver decides what to
// rewrite. Email autolinks are given with their "mailto:" prefix and `www.`
// autolinks with "http://". Dangerous destinations (javascript:, vbscript:,
// file:, data: other than raster images) are never given to the Resolver.
type Resolver func(dest string, image bool) (href string, err error)

// Result is the outcome of one conversion.
type Result struct {
	HTML     string    // the rendered body
	TOC      []Heading // headings in document order (level 1-6), for the table of contents
	IDs      []string  // every id attribute in the page, in document order: heading, attribute, footnote and (with Unsafe) raw HTML ids
	Links    []Link    // every link and image destination seen, with its line and the href emitted
	Problems []Problem // broken links, dangerous URLs, duplicate ids, ..., sorted by line
	Summary  string    // plain text of the first paragraphs, at most about 200 runes, cut at a word, "…" when cut
	Text     string    // the whole plain text (for search and word counts), blocks separated by "\n"; only with Options.Text
	Images   []Image   // images, so a checker can warn about missing alt text
}

// Heading is one heading of a page.
type Heading struct {
	Level int    // 1 to 6
	ID    string // the id attribute of the heading
	Text  string // the plain text of the heading, NFC
}

// Link is one link or image destination of a page.
type Link struct {
	Dest  string // the destination as written (escapes decoded), as given to the Resolver
	Href  string // the href (or src) emitted
	Line  int    // the line of the file
	Image bool   // an image rather than a link
}

// Image is one image of a page.
type Image struct {
	Src  string // the src emitted
	Alt  string // the alternative text, plain text; "" when missing
	Line int    // the line of the file
}

// Problem is something an editor has to fix in a page.
type Problem struct {
	Line    int    // the line of the file
	Message string // in Vietnamese, says what to fix
}

// SummaryLimit is the length, in runes, that Result.Summary does not exceed
// (not counting the final "…").
const SummaryLimit = 200

// Converter converts Markdown to HTML; it is safe for concurrent use by many
// goroutines.
type Converter struct {
	md     goldmark.Markdown
	text   bool      // Options.Text
	states sync.Pool // *convertState
	bufs   sync.Pool // *bufWriter
}

// New returns a Converter configured by opts.
func New(opts Options) *Converter {
	var rendererOptions []goldmark.Option
	if opts.Unsafe {
		rendererOptions = append(rendererOptions, goldmark.WithRendererOptions(html.WithUnsafe()))
	}
	exts := []goldmark.Extender{
		extension.GFM,
		extension.Footnote,
		extension.DefinitionList,
		&headingIDs{rawHTML: opts.Unsafe},
		&links{},
		&tableWrap{},
	}
	if opts.Unsafe {
		exts = append(exts, &rawHTMLCheck{})
	}
	md := goldmark.New(append(rendererOptions,
		goldmark.WithExtensions(exts...),
		goldmark.WithParserOptions(parser.WithAttribute()),
	)...)
	c := &Converter{md: md, text: opts.Text}
	c.states.New = func() any { return newConvertState() }
	c.bufs.New = func() any { return new(bufWriter) }
	return c
}

// Convert converts src (the body of a page, without front matter). firstLine
// is the 1-based line of the file at which src starts, so every reported line
// is a line of the file. resolve may be nil.
//
// Broken links and other mistakes of the editor are not errors: they are
// reported in Result.Problems. The error is only for a failure to render.
func (c *Converter) Convert(src []byte, firstLine int, resolve Resolver) (*Result, error) {
	if firstLine < 1 {
		firstLine = 1
	}
	res := &Result{}
	st := c.states.Get().(*convertState)
	defer func() {
		st.reset()
		c.states.Put(st)
	}()

	if !utf8.Valid(src) {
		bad := invalidUTF8Offset(src)
		res.Problems = append(res.Problems, Problem{
			Line:    firstLine + bytes.Count(src[:bad], newline),
			Message: "tệp có ký tự không phải UTF-8 — hãy lưu lại tệp với bảng mã UTF-8",
		})
		src = bytes.ToValidUTF8(src, replacementChar)
	}
	st.src, st.firstLine, st.resolve, st.res = src, firstLine, resolve, res

	pc := parser.NewContext(parser.WithIDs(st.ids))
	pc.Set(stateKey, st)
	doc := c.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))

	st.collectText(doc, c.text)

	buf := c.bufs.Get().(*bufWriter)
	defer func() {
		if buf.Cap() <= maxPooledBuffer {
			buf.Reset()
			c.bufs.Put(buf)
		}
	}()
	if err := c.md.Renderer().Render(buf, src, doc); err != nil {
		return nil, fmt.Errorf("render markdown: %w", err)
	}
	res.HTML = buf.String()

	slices.SortStableFunc(res.Problems, func(a, b Problem) int { return a.Line - b.Line })
	return res, nil
}

// maxPooledBuffer is the capacity above which a render buffer is not kept for
// the next conversion, so one huge page does not pin its memory.
const maxPooledBuffer = 1 << 20

var (
	newline         = []byte{'\n'}
	replacementChar = []byte("\uFFFD")
)

// invalidUTF8Offset returns the offset of the first byte of b that is not
// part of a valid UTF-8 sequence, or len(b).
func invalidUTF8Offset(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// bufWriter is a bytes.Buffer that satisfies util.BufWriter, so that the
// renderer writes into it directly instead of through a new bufio.Writer.
type bufWriter struct {
	bytes.Buffer
}

// Buffered implements util.BufWriter.
func (b *bufWriter) Buffered() int { return b.Len() }

// Flush implements util.BufWriter; a bytes.Buffer has nothing to flush.
func (b *bufWriter) Flush() error { return nil }

// stateKey is the parser.Context key of the *convertState of a conversion.
var stateKey = parser.NewContextKey()

// convertState is the state of one conversion, shared by the extensions
// through the parser.Context. It is pooled: reset clears it.
type convertState struct {
	src       []byte
	firstLine int
	resolve   Resolver
	res       *Result
	ids       *idSet

	// lineOff and lineNo cache the last offset converted to a line, so that
	// offsets met in document order are counted only once.
	lineOff, lineNo int

	scratch []byte           // plain text buffer
	pending []pendingHeading // headings waiting for an id
}

func newConvertState() *convertState {
	return &convertState{ids: newIDSet()}
}

func (s *convertState) reset() {
	s.src, s.resolve, s.res = nil, nil, nil
	s.lineOff, s.lineNo = 0, 0
	s.ids.reset()
	clear(s.pending[:cap(s.pending)])
	if cap(s.scratch) > maxPooledBuffer {
		s.scratch = nil
	}
	s.scratch = s.scratch[:0]
}

// stateFrom returns the state of the conversion of pc, or nil when the
// extensions are used outside Convert.
func stateFrom(pc parser.Context) *convertState {
	st, _ := pc.Get(stateKey).(*convertState)
	return st
}

// line returns the line of the file of the byte at offset off of the source.
func (s *convertState) line(off int) int {
	off = max(0, min(off, len(s.src)))
	if off < s.lineOff {
		s.lineOff, s.lineNo = 0, 0
	}
	s.lineNo += bytes.Count(s.src[s.lineOff:off], newline)
	s.lineOff = off
	return s.firstLine + s.lineNo
}

// problem records a Problem at the line of offset off.
func (s *convertState) problem(off int, msg string) {
	s.res.Problems = append(s.res.Problems, Problem{Line: s.line(off), Message: msg})
}

// nodeOffset returns the offset in the source at which n starts: its position
// when the parser recorded one, else the start of its first text or of its
// first line, else the first line of the nearest block around it.
func nodeOffset(n ast.Node) int {
	if p := n.Pos(); p >= 0 {
		return p
	}
	for c := n; c != nil; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			return t.Segment.Start
		}
		if c.Type() == ast.TypeBlock && c.Lines().Len() > 0 {
			return c.Lines().At(0).Start
		}
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() != ast.TypeBlock {
			continue
		}
		if p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
		if p.Pos() >= 0 {
			return p.Pos()
		}
	}
	return 0
}
