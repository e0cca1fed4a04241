package markdown

import (
	"fmt"
	"strconv"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/btnmt/cchc/internal/slug"
)

// emptyHeadingID is the base id of a heading whose text slugs to "".
const emptyHeadingID = "muc"

// idSet is the parser.IDs of one conversion: ids are made with slug.Make, so
// Vietnamese headings keep their letters ("Kết quả đạt được" gives
// "ket-qua-dat-duoc"), and made unique with "-1", "-2", ... suffixes.
type idSet struct {
	used map[string]struct{}
	next map[string]int // the last suffix given for a base id
}

var _ parser.IDs = (*idSet)(nil)

func newIDSet() *idSet {
	return &idSet{used: make(map[string]struct{}), next: make(map[string]int)}
}

func (s *idSet) reset() {
	clear(s.used)
	clear(s.next)
}

// Generate implements parser.IDs.
func (s *idSet) Generate(value []byte, _ ast.NodeKind) []byte {
	return []byte(s.generate(string(value)))
}

// Put implements parser.IDs.
func (s *idSet) Put(value []byte) {
	s.used[string(value)] = struct{}{}
}

// has reports whether id is already used.
func (s *idSet) has(id string) bool {
	_, ok := s.used[id]
	return ok
}

// generate returns a new unused id made from the text of a heading.
func (s *idSet) generate(heading string) string {
	base := slug.Make(heading)
	if base == "" {
		base = emptyHeadingID
	}
	return s.unique(base)
}

// unique returns base, or base with the first free "-1", "-2", ... suffix
// when base is used, and marks it used.
func (s *idSet) unique(base string) string {
	if !s.has(base) {
		s.used[base] = struct{}{}
		return base
	}
	for i := s.next[base] + 1; ; i++ {
		id := base + "-" + strconv.Itoa(i)
		if !s.has(id) {
			s.used[id] = struct{}{}
			s.next[base] = i
			return id
		}
	}
}

// headingIDs is the extension that gives every heading an id attribute and
// fills Result.TOC and Result.IDs.
//
// It replaces goldmark's parser.WithAutoHeadingID, which drops every
// non-ASCII letter and gives ids while parsing, before the explicit ids
// (`{#id}`) further down the page are known. Here explicit ids, footnote ids
// and (with Unsafe) the ids of raw HTML are reserved first, then every other
// heading gets an id made from its plain text by the parser.IDs of the
// parser.Context, which Convert sets to an *idSet.
type headingIDs struct {
	rawHTML bool // raw HTML is rendered, so its ids count
}

// Extend implements goldmark.Extender.
func (e *headingIDs) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(
		// After the footnote transformer (999), which numbers the footnotes.
		util.Prioritized(&headingIDTransformer{rawHTML: e.rawHTML}, 1100),
	))
}

// headingIDTransformer is the parser.ASTTransformer of headingIDs.
type headingIDTransformer struct {
	rawHTML bool
}

// pendingHeading is a heading waiting for a generated id.
type pendingHeading struct {
	node *ast.Heading
	toc  int    // index in Result.TOC
	id   int    // index in Result.IDs
	base string // a duplicate explicit id, to make unique; "": from the text
}

var attrID = []byte("id")

// Transform implements parser.ASTTransformer.
func (t *headingIDTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st := stateFrom(pc)
	if st == nil {
		return
	}
	src := reader.Source()
	ids := pc.IDs()
	set, _ := ids.(*idSet)
	res := st.res

	// duplicate reports, at offset off, whether the page already has id.
	duplicate := func(id string, off int) bool {
		if set == nil || !set.has(id) {
			return false
		}
		st.problem(off, fmt.Sprintf("id %q bị trùng với một id khác trong trang — hãy đặt id khác", id))
		return true
	}
	// put records id as an id of the page.
	put := func(id string) {
		if set != nil {
			set.used[id] = struct{}{}
		} else {
			ids.Put([]byte(id))
		}
		res.IDs = append(res.IDs, id)
	}
	// reserve records an id that is in the page whatever happens, found at
	// offset off.
	reserve := func(id string, off int) {
		if id != "" {
			duplicate(id, off)
			put(id)
		}
	}

	pending := st.pending[:0]
	defer func() { st.pending = pending[:0] }()
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			res.TOC = append(res.TOC, Heading{Level: n.Level, Text: st.plainText(n)})
			p := pendingHeading{node: n, toc: len(res.TOC) - 1, id: len(res.IDs)}
			if v, ok := n.Attribute(attrID); ok {
				if id := attributeString(v); id != "" {
					if !duplicate(id, nodeOffset(n)) {
						n.SetAttribute(attrID, id)
						res.TOC[p.toc].ID = id
						put(id)
						return ast.WalkContinue, nil
					}
					// A duplicate: reported, and renamed below so that
					// the page stays valid.
					p.base = id
				}
			}
			pending = append(pending, p)
			res.IDs = append(res.IDs, "") // filled below
		case *east.FootnoteLink:
			id := "fnref"
			if n.RefIndex > 0 {
				id += strconv.Itoa(n.RefIndex)
			}
			reserve(id+":"+strconv.Itoa(n.Index), nodeOffset(n))
		case *east.Footnote:
			reserve("fn:"+strconv.Itoa(n.Index), nodeOffset(n))
		case *ast.RawHTML, *ast.HTMLBlock:
			if t.rawHTML {
				start, stop := rawHTMLRange(n)
				scanTags(src[start:stop], func(name, value []byte, off int) {
					if asciiEqualFold(name, attrID) {
						reserve(string(decodeEntities(value)), start+off)
					}
				})
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})

	for _, p := range pending {
		heading := res.TOC[p.toc].Text
		var id string
		switch {
		case set != nil && p.base != "":
			id = set.unique(p.base)
		case set != nil:
			id = set.generate(heading)
		default:
			id = string(ids.Generate([]byte(heading), ast.KindHeading))
		}
		p.node.SetAttribute(attrID, id)
		res.TOC[p.toc].ID = id
		res.IDs[p.id] = id
	}
}

// attributeString returns the value of a parsed attribute as a string.
func attributeString(v any) string {
	switch v := v.(type) {
	case []byte:
		return string(v)
	case string:
		return v
	case nil:
		return ""
	default:
		return fmt.Sprint(v)
	}
}
