package decode

// This file holds a fast path for YAML front matter. Most front matter is a handful of
// "key: value" lines, a list or two and perhaps a list of small mappings; goccy/go-yaml builds a
// token stream and an AST for it, which costs far more than the node tree we keep. yamlFast
// parses that common subset by hand and gives exactly the tree the goccy path (yamlSlow) gives:
// the same kinds, tags, values, lines, keys and order.
//
// The subset:
//   - blank lines, and full-line comments ("# ..." at any indentation);
//   - a block mapping at column 0; keys are words, [A-Za-z_][A-Za-z0-9_-]*, followed by ":" and
//     a space or the end of the line, that goccy reads as strings; no key twice in a mapping;
//   - values on the key's line: plain scalars, double-quoted text without backslashes, single-
//     quoted text ('' is a quote), and one-line flow sequences "[a, "b", 'c', 1]" or flow
//     mappings "{so: "1", ngay: 2022-11-03}" of such scalars;
//   - a key with nothing after its colon, followed by a block sequence ("- item" lines indented as
//     much as the key or more), by a more indented block mapping, or by nothing (null);
//   - block sequence items that are scalars or flow collections as above, or mappings whose first
//     key is on the "- " line and whose other keys are aligned under it.
//
// Plain scalars are typed by goccy's own token.New, so that "2019", "1.10", "0x1F", "true",
// "~" or "2020-03-16" resolve as the goccy path resolves them.
//
// Everything else is declined: yamlFast returns ok=false and yamlToNode falls back to the goccy
// path. That includes anything the goccy path would report as an error (duplicate keys, syntax
// errors), so yamlFast never reports an error itself, and every construct it is not certain to
// read exactly as goccy does: tabs, control characters, invalid UTF-8, block scalars ("|", ">"),
// anchors, aliases, tags, "?" keys, document markers, directives, multi-line scalars, flow
// collections spanning lines or nested, comments after a value, plain scalars that start with
// an indicator character or contain ": ", " #" or "<<", or end with ":".

import (
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/goccy/go-yaml/token"
)

// fastLine is one line of front matter that is neither blank nor a comment.
type fastLine struct {
	num    int    // line number in the YAML source, from 1
	indent int    // leading spaces
	text   string // the rest, without trailing spaces
}

// fastParser reads the lines of a front matter; i is the next line to read.
type fastParser struct {
	lines []fastLine
	i     int
	off   int // added to every line number

	// The tree is cut from slabs, sized in split for the worst case, so that it takes a few
	// allocations rather than one per node and slice.
	nodes []node
	strs  []string
	ints  []int
	ptrs  []*node

	// Stacks of the keys, key lines and values or items of the collections being read: a
	// collection pushes its entries and, once it is complete, moves them to the slabs.
	keyStack []string
	klnStack []int
	valStack []*node
}

// fastParsers keeps parsers for their line and stack buffers.
var fastParsers = sync.Pool{New: func() any { return new(fastParser) }}

// yamlFast parses src if it lies in the subset described at the top of this file, adding
// lineOffset to every line; otherwise it returns ok=false and the caller must use yamlSlow.
func yamlFast(src []byte, lineOffset int) (*node, bool) {
	if !utf8.Valid(src) {
		return nil, false
	}
	p := fastParsers.Get().(*fastParser)
	defer p.release()
	p.off = lineOffset
	if !p.split(string(src)) {
		return nil, false
	}
	if len(p.lines) == 0 {
		return &node{kind: mapNode, line: lineOffset + 1}, true
	}
	if p.lines[0].indent != 0 {
		return nil, false
	}
	m, ok := p.mapping(0)
	if !ok || p.i != len(p.lines) {
		return nil, false
	}
	return m, true
}

// release returns p to fastParsers, without the tree it has built or references to the source.
func (p *fastParser) release() {
	if cap(p.lines) > 4096 {
		return // an unusually long front matter: let its buffers go
	}
	clear(p.lines)
	clear(p.keyStack)
	clear(p.valStack)
	p.lines, p.keyStack, p.klnStack, p.valStack = p.lines[:0], p.keyStack[:0], p.klnStack[:0], p.valStack[:0]
	p.i = 0
	p.nodes, p.strs, p.ints, p.ptrs = nil, nil, nil, nil
	fastParsers.Put(p)
}

// split cuts s into lines, dropping blank and comment lines, and sizes the slabs. It declines
// control characters (tabs and carriage returns included) anywhere.
func (p *fastParser) split(s string) bool {
	nodes, entries := 1, 0
	num := 0
	for len(s) > 0 {
		num++
		line := s
		if j := strings.IndexByte(s, '\n'); j >= 0 {
			line, s = s[:j], s[j+1:]
		} else {
			s = ""
		}
		indent := 0
		for indent < len(line) && line[indent] == ' ' {
			indent++
		}
		end := len(line)
		for end > indent && line[end-1] == ' ' {
			end--
		}
		text := line[indent:end]
		commas, flow := 0, false
		for i := 0; i < len(text); i++ {
			switch c := text[i]; {
			case c < 0x20 || c == 0x7f:
				return false
			case c == ',':
				commas++
			case c == '[' || c == '{':
				flow = true
			}
		}
		if text == "" || text[0] == '#' {
			continue
		}
		p.lines = append(p.lines, fastLine{num: num, indent: indent, text: text})
		// A line holds a key or an item and its value, plus the mapping of an item's first key,
		// or the entries of a flow collection: at most one more than its commas.
		nodes++
		entries++
		if isSeqItem(text) {
			nodes++
		}
		if flow {
			nodes += commas + 1
			entries += commas + 1
		}
	}
	p.nodes = make([]node, 0, nodes)
	p.strs = make([]string, 0, entries)
	p.ints = make([]int, 0, entries)
	p.ptrs = make([]*node, 0, entries)
	return true
}

// newNode returns a zeroed node cut from the parser's slab.
func (p *fastParser) newNode(kind nodeKind, line int) *node {
	if len(p.nodes) == cap(p.nodes) {
		p.nodes = make([]node, 0, 16)
	}
	p.nodes = p.nodes[:len(p.nodes)+1]
	n := &p.nodes[len(p.nodes)-1]
	n.kind, n.line = kind, line
	return n
}

// carve moves s[from:] to a slice of its own cut from slab, and truncates s to from.
func carve[T any](slab, s *[]T, from int) []T {
	n := len(*s) - from
	if n == 0 {
		return nil // as the goccy path leaves an empty collection
	}
	if len(*slab)+n > cap(*slab) {
		*slab = make([]T, 0, max(n, 16))
	}
	out := append((*slab)[len(*slab):len(*slab):len(*slab)+n], (*s)[from:]...)
	*slab = (*slab)[:len(*slab)+n]
	var zero T
	for i := from; i < len(*s); i++ {
		(*s)[i] = zero
	}
	*s = (*s)[:from]
	return out
}

// finishMap moves the entries mapping m pushed into m: its keys and key lines are on their
// stacks from index fromKey on, its values from index fromVal on.
func (p *fastParser) finishMap(m *node, fromKey, fromVal int) {
	m.keys = carve(&p.strs, &p.keyStack, fromKey)
	m.klns = carve(&p.ints, &p.klnStack, fromKey)
	m.vals = carve(&p.ptrs, &p.valStack, fromVal)
}

// hasKey tells whether the mapping whose keys are pushed from stack index from on has key.
func (p *fastParser) hasKey(from int, key string) bool {
	for _, k := range p.keyStack[from:] {
		if k == key {
			return true
		}
	}
	return false
}

// mapping reads a block mapping whose keys are at column indent, starting at the current line.
func (p *fastParser) mapping(indent int) (*node, bool) {
	m := p.newNode(mapNode, 0)
	from, fromVal := len(p.keyStack), len(p.valStack)
	for p.i < len(p.lines) {
		l := p.lines[p.i]
		if l.indent < indent {
			break
		}
		if l.indent > indent {
			return nil, false
		}
		key, rest, ok := splitKey(l.text)
		if !ok || p.hasKey(from, key) {
			return nil, false
		}
		p.i++
		line := p.off + l.num
		var val *node
		if rest == "" {
			val, ok = p.blockValue(indent, line)
		} else {
			val, ok = p.scalar(rest, line)
		}
		if !ok {
			return nil, false
		}
		p.keyStack = append(p.keyStack, key)
		p.klnStack = append(p.klnStack, line)
		p.valStack = append(p.valStack, val)
	}
	if len(p.keyStack) == from {
		return nil, false
	}
	p.finishMap(m, from, fromVal)
	m.line = m.klns[0]
	return m, true
}

// blockValue reads the value of a key at column indent, on line keyLine, with nothing after its
// colon: a block sequence, a more indented block mapping, or null.
func (p *fastParser) blockValue(indent, keyLine int) (*node, bool) {
	if p.i < len(p.lines) {
		l := p.lines[p.i]
		if l.indent >= indent && isSeqItem(l.text) {
			return p.sequence(l.indent)
		}
		if l.indent > indent {
			return p.mapping(l.indent)
		}
	}
	return p.newNode(nullNode, keyLine), true
}

// isSeqItem tells whether text starts a block sequence item.
func isSeqItem(text string) bool {
	return text == "-" || strings.HasPrefix(text, "- ")
}

// sequence reads a block sequence whose "-" are at column indent.
func (p *fastParser) sequence(indent int) (*node, bool) {
	s := p.newNode(seqNode, p.off+p.lines[p.i].num)
	from := len(p.valStack)
	for p.i < len(p.lines) {
		l := &p.lines[p.i]
		if l.indent < indent || (l.indent == indent && !isSeqItem(l.text)) {
			break
		}
		if l.indent > indent {
			return nil, false
		}
		item := strings.TrimLeft(l.text[1:], " ")
		if item == "" {
			return nil, false
		}
		var it *node
		var ok bool
		if _, _, isKey := splitKey(item); isKey {
			// The item is a mapping whose first key is on this line: read the line again as if
			// it held only that key, at the key's column.
			l.indent += len(l.text) - len(item)
			l.text = item
			it, ok = p.mapping(l.indent)
		} else {
			p.i++
			it, ok = p.scalar(item, p.off+l.num)
		}
		if !ok {
			return nil, false
		}
		p.valStack = append(p.valStack, it)
	}
	s.items = carve(&p.ptrs, &p.valStack, from)
	return s, true
}

// splitKey splits "key: rest" or "key:" into the key and the rest after the colon and spaces.
func splitKey(text string) (key, rest string, ok bool) {
	n := keyLen(text)
	if n == 0 || n == len(text) || text[n] != ':' {
		return "", "", false
	}
	if n+1 < len(text) && text[n+1] != ' ' {
		return "", "", false
	}
	return text[:n], strings.TrimLeft(text[n+1:], " "), true
}

// keyLen returns the length of the key [A-Za-z_][A-Za-z0-9_-]* at the start of text, or 0 if
// there is none or goccy would not read it as a string.
func keyLen(text string) int {
	n := 0
	for n < len(text) {
		c := text[n]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || n > 0 && (c >= '0' && c <= '9' || c == '-') {
			n++
			continue
		}
		break
	}
	if n == 0 || !surelyString(text[:n]) && token.New(text[:n], text[:n], nil).Type != token.StringType {
		return 0
	}
	return n
}

// surelyString tells, without calling token.New (which allocates), that token.New would make
// plain scalar v a string. It says so only when v starts with a letter or a non-ASCII character,
// has no '.', and is not, in any case, null, true, false, inf, infinity or nan. Such a v is none
// of goccy's keywords (spellings of null, true and false; ~, .inf, -.inf and .nan start with no
// letter), nor one of its numbers: goccy reads numbers with strconv's integer parsers, which
// read nothing that starts with a letter, and, for text with a '.', with ParseFloat. When
// surelyString returns false, v may still be a string: ask token.New.
func surelyString(v string) bool {
	if c := v[0] | 0x20; v[0] < 0x80 && (c < 'a' || c > 'z') {
		return false
	}
	if strings.IndexByte(v, '.') >= 0 {
		return false
	}
	for _, w := range [...]string{"null", "true", "false", "inf", "infinity", "nan"} {
		if strings.EqualFold(v, w) {
			return false
		}
	}
	return true
}

// scalar reads a value written on one line: a quoted or plain scalar, or a flow collection.
func (p *fastParser) scalar(text string, line int) (*node, bool) {
	switch text[0] {
	case '[':
		return p.flowSeq(text, line)
	case '{':
		return p.flowMap(text, line)
	case '"', '\'':
		v, n, ok := quoted(text)
		if !ok || n != len(text) {
			return nil, false
		}
		return p.quotedNode(v, line), true
	}
	if !plainOK(text, false) {
		return nil, false
	}
	return p.plain(text, line)
}

// quotedNode returns the node of quoted text v.
func (p *fastParser) quotedNode(v string, line int) *node {
	n := p.newNode(scalarNode, line)
	n.tag, n.value = tagQuoted, v
	return n
}

// plain returns the node of plain scalar v, typed as goccy types it.
func (p *fastParser) plain(v string, line int) (*node, bool) {
	if surelyString(v) {
		n := p.newNode(scalarNode, line)
		n.tag, n.value = tagString, v
		return n, true
	}
	tk := token.New(v, v, nil)
	var n *node
	switch tk.Type {
	case token.StringType:
		n = p.newNode(scalarNode, line)
		n.tag = tagString
	case token.IntegerType, token.BinaryIntegerType, token.OctetIntegerType, token.HexIntegerType:
		n = p.newNode(scalarNode, line)
		n.tag = tagInt
	case token.FloatType, token.InfinityType, token.NanType:
		n = p.newNode(scalarNode, line)
		n.tag = tagFloat
	case token.BoolType:
		b, _ := strconv.ParseBool(v) // as ast.Bool does
		n = p.newNode(scalarNode, line)
		n.tag, n.value = tagBool, strconv.FormatBool(b)
		return n, true
	case token.NullType:
		return p.newNode(nullNode, line), true
	default:
		return nil, false
	}
	n.value = tk.Value
	return n, true
}

// quoted reads the quoted scalar at the start of text; n is the length of text it takes up.
// It declines double-quoted text with a backslash and unclosed text.
func quoted(text string) (v string, n int, ok bool) {
	if text[0] == '"' {
		for i := 1; i < len(text); i++ {
			switch text[i] {
			case '\\':
				return "", 0, false
			case '"':
				return text[1:i], i + 1, true
			}
		}
		return "", 0, false
	}
	var b []byte // only when the text has '' in it
	start := 1
	for i := 1; i < len(text); i++ {
		if text[i] != '\'' {
			continue
		}
		if i+1 < len(text) && text[i+1] == '\'' {
			b = append(b, text[start:i+1]...)
			i++
			start = i + 1
			continue
		}
		if b == nil {
			return text[1:i], i + 1, true
		}
		b = append(b, text[start:i]...)
		return string(b), i + 1, true
	}
	return "", 0, false
}

// plainOK tells whether text is a plain scalar yamlFast is sure to read as goccy does: it does
// not start with an indicator character, and has none of the sequences that would end it or
// make it something else. In a flow collection (flow), text must also have no flow indicators,
// colons or quotes.
func plainOK(text string, flow bool) bool {
	if text == "" || strings.IndexByte("-?:,[]{}#&*!|>'\"%@`", text[0]) >= 0 {
		return false
	}
	if text[len(text)-1] == ':' {
		return false
	}
	if flow && strings.ContainsAny(text, "[]{},:#'\"") {
		return false
	}
	return !strings.Contains(text, ": ") && !strings.Contains(text, " #") && !strings.Contains(text, "<<")
}

// flowSeq reads a flow sequence of scalars that takes up all of text.
func (p *fastParser) flowSeq(text string, line int) (*node, bool) {
	s := p.newNode(seqNode, line)
	i := skipSpaces(text, 1)
	if i < len(text) && text[i] == ']' {
		return s, i+1 == len(text)
	}
	from := len(p.valStack)
	for {
		it, j, ok := p.flowScalar(text, i, line)
		if !ok {
			return nil, false
		}
		p.valStack = append(p.valStack, it)
		i = skipSpaces(text, j)
		if i >= len(text) {
			return nil, false
		}
		switch text[i] {
		case ']':
			s.items = carve(&p.ptrs, &p.valStack, from)
			return s, i+1 == len(text)
		case ',':
			i = skipSpaces(text, i+1)
		default:
			return nil, false
		}
	}
}

// flowMap reads a flow mapping of scalars that takes up all of text.
func (p *fastParser) flowMap(text string, line int) (*node, bool) {
	m := p.newNode(mapNode, line)
	i := skipSpaces(text, 1)
	if i < len(text) && text[i] == '}' {
		return m, i+1 == len(text)
	}
	from, fromVal := len(p.keyStack), len(p.valStack)
	for {
		n := keyLen(text[i:])
		if n == 0 || i+n+1 >= len(text) || text[i+n] != ':' || text[i+n+1] != ' ' {
			return nil, false
		}
		key := text[i : i+n]
		if p.hasKey(from, key) {
			return nil, false
		}
		val, j, ok := p.flowScalar(text, skipSpaces(text, i+n+1), line)
		if !ok {
			return nil, false
		}
		p.keyStack = append(p.keyStack, key)
		p.klnStack = append(p.klnStack, line)
		p.valStack = append(p.valStack, val)
		i = skipSpaces(text, j)
		if i >= len(text) {
			return nil, false
		}
		switch text[i] {
		case '}':
			p.finishMap(m, from, fromVal)
			return m, i+1 == len(text)
		case ',':
			i = skipSpaces(text, i+1)
		default:
			return nil, false
		}
	}
}

// flowScalar reads a quoted or plain scalar at text[i:] inside a flow collection; j is where it
// ends.
func (p *fastParser) flowScalar(text string, i, line int) (n *node, j int, ok bool) {
	if i >= len(text) {
		return nil, 0, false
	}
	if c := text[i]; c == '"' || c == '\'' {
		v, n, ok := quoted(text[i:])
		if !ok {
			return nil, 0, false
		}
		return p.quotedNode(v, line), i + n, true
	}
	j = i
	for j < len(text) && text[j] != ',' && text[j] != ']' && text[j] != '}' {
		j++
	}
	v := strings.TrimRight(text[i:j], " ")
	if !plainOK(v, true) {
		return nil, 0, false
	}
	n, ok = p.plain(v, line)
	return n, j, ok
}

// skipSpaces returns the index of the first byte of text at or after i that is not a space.
func skipSpaces(text string, i int) int {
	for i < len(text) && text[i] == ' ' {
		i++
	}
	return i
}
