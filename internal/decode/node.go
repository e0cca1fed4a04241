package decode

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/btnmt/cchc/internal/report"

	"github.com/BurntSushi/toml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
)

// nodeKind tells what a front matter node holds.
type nodeKind int

const (
	scalarNode nodeKind = iota
	mapNode
	seqNode
	nullNode
)

// scalarTag is the type a scalar was written as.
type scalarTag int

const (
	tagString scalarTag = iota // unquoted text
	tagQuoted                  // "quoted" or 'quoted' text
	tagInt
	tagFloat
	tagBool
	tagTime // a TOML date or date-time
)

// node is front matter decoded into a tree that keeps the line of every value, whichever
// format it was written in, so that one decoder serves YAML and TOML alike.
type node struct {
	kind  nodeKind
	tag   scalarTag
	line  int // line in the file
	value string
	keys  []string // mapNode, in source order
	klns  []int    // line of each key
	vals  []*node
	items []*node // seqNode
}

// describe names the node's type in Vietnamese for error messages.
func (n *node) describe() string {
	switch n.kind {
	case mapNode:
		return "một bảng khoá: giá trị"
	case seqNode:
		return "một danh sách"
	case nullNode:
		return "giá trị rỗng"
	}
	switch n.tag {
	case tagInt:
		return "số nguyên " + n.value
	case tagFloat:
		return "số " + n.value
	case tagBool:
		return "giá trị đúng/sai " + n.value
	}
	return fmt.Sprintf("chuỗi %q", n.value)
}

// yamlToNode parses YAML front matter; lineOffset is added to every line so that lines are
// lines of the file.
func yamlToNode(src []byte, lineOffset int) (*node, error) {
	// goccy/go-yaml counts "\r\n" inside quoted text as two lines and folds it wrongly; YAML
	// reads every line break as "\n" anyway.
	if bytes.IndexByte(src, '\r') >= 0 {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
	}
	if n, ok := yamlFast(src, lineOffset); ok {
		return n, nil
	}
	return yamlSlow(src, lineOffset)
}

// yamlSlow parses YAML front matter with goccy/go-yaml. It reads all of YAML and reports every
// error; yamlFast gives the same tree faster for the common, simple shapes.
func yamlSlow(src []byte, lineOffset int) (*node, error) {
	// Duplicate keys are found by addYAMLPair, which reports them with file lines.
	f, err := parser.ParseBytes(src, 0, parser.AllowDuplicateMapKey())
	if err != nil {
		return nil, yamlError(err, lineOffset)
	}
	if len(f.Docs) == 0 || f.Docs[0].Body == nil {
		return &node{kind: mapNode, line: lineOffset + 1}, nil
	}
	if len(f.Docs) > 1 {
		line := lineOffset + 1
		if d := f.Docs[1]; d.Start != nil {
			line = tokLine(d.Start, lineOffset)
		} else if d.Body != nil {
			line = tokLine(d.Body.GetToken(), lineOffset)
		}
		return nil, &report.FileError{Line: line, Err: errors.New("front matter chỉ được có một tài liệu YAML; hãy bỏ dòng \"---\" thừa")}
	}
	return fromYAML(f.Docs[0].Body, lineOffset)
}

// yamlMessages translates goccy/go-yaml's messages, by their start, into Vietnamese.
var yamlMessages = []struct{ prefix, vi string }{
	{"sequence end token ']' not found", "thiếu dấu \"]\" đóng danh sách"},
	{"',' or ']' must be specified", "thiếu dấu \"]\" đóng danh sách (hoặc dấu \",\" giữa hai mục)"},
	{"',' or '}' must be specified", "thiếu dấu \"}\" đóng bảng (hoặc dấu \",\" giữa hai mục)"},
	{"mapping end token '}' not found", "thiếu dấu \"}\" đóng bảng"},
	{"could not find end character of double-quoted text", "thiếu dấu ngoặc kép \" đóng chuỗi"},
	{"could not find end character of single-quoted text", "thiếu dấu nháy đơn ' đóng chuỗi"},
	{"mapping value is not allowed in this context", "dấu \":\" đặt sai chỗ; nếu giá trị có dấu \":\" hãy đặt cả giá trị trong ngoặc kép"},
	{"unexpected key name", "tên khoá đặt sai chỗ; kiểm tra thụt lề và dấu \":\""},
	{"found character", "có ký tự không được phép (ví dụ tab) — hãy thụt lề bằng dấu cách"},
	{"tab character cannot use as a map key directly", "có ký tự tab — hãy thụt lề bằng dấu cách"},
	{"non-map value is specified", "sau tên khoá phải có dấu \":\" và giá trị"},
	{"unexpected key", "khoá đặt sai chỗ; kiểm tra thụt lề"},
	{"did not find expected key", "không tìm thấy khoá như mong đợi; kiểm tra thụt lề"},
	{"value is not allowed in this context", "giá trị đặt sai chỗ; kiểm tra thụt lề và dấu \":\""},
}

func yamlError(err error, lineOffset int) error {
	var te interface {
		GetToken() *token.Token
		GetMessage() string
	}
	line := lineOffset + 1
	msg := err.Error()
	if errors.As(err, &te) {
		if tk := te.GetToken(); tk != nil && tk.Position != nil {
			line = lineOffset + tk.Position.Line
		}
		msg = te.GetMessage()
	}
	vi := ""
	for _, m := range yamlMessages {
		if strings.HasPrefix(msg, m.prefix) {
			vi = m.vi
			break
		}
	}
	if vi == "" {
		vi = "YAML không đúng cú pháp (" + msg + "); kiểm tra thụt lề, dấu \":\" và dấu ngoặc kép"
	}
	return &report.FileError{Line: line, Err: errors.New("front matter lỗi: " + vi)}
}

func tokLine(tk *token.Token, off int) int {
	if tk == nil || tk.Position == nil {
		return off
	}
	return off + tk.Position.Line
}

func fromYAML(n ast.Node, off int) (*node, error) {
	switch v := n.(type) {
	case *ast.MappingNode:
		m := &node{kind: mapNode, line: tokLine(v.GetToken(), off)}
		for _, mv := range v.Values {
			if err := addYAMLPair(m, mv, off); err != nil {
				return nil, err
			}
		}
		if len(v.Values) > 0 {
			m.line = m.klns[0]
		}
		return m, nil
	case *ast.MappingValueNode:
		m := &node{kind: mapNode, line: tokLine(v.Key.GetToken(), off)}
		if err := addYAMLPair(m, v, off); err != nil {
			return nil, err
		}
		return m, nil
	case *ast.SequenceNode:
		s := &node{kind: seqNode, line: tokLine(v.GetToken(), off)}
		for _, it := range v.Values {
			c, err := fromYAML(it, off)
			if err != nil {
				return nil, err
			}
			s.items = append(s.items, c)
		}
		return s, nil
	case *ast.NullNode:
		return &node{kind: nullNode, line: tokLine(v.GetToken(), off)}, nil
	case *ast.StringNode:
		tk := v.GetToken()
		tag := tagString
		if tk != nil && (tk.Type == token.DoubleQuoteType || tk.Type == token.SingleQuoteType) {
			tag = tagQuoted
		}
		return &node{kind: scalarNode, tag: tag, value: v.Value, line: tokLine(tk, off)}, nil
	case *ast.LiteralNode:
		return &node{kind: scalarNode, tag: tagQuoted, value: v.Value.Value, line: tokLine(v.GetToken(), off)}, nil
	case *ast.IntegerNode:
		return &node{kind: scalarNode, tag: tagInt, value: v.GetToken().Value, line: tokLine(v.GetToken(), off)}, nil
	case *ast.FloatNode:
		return &node{kind: scalarNode, tag: tagFloat, value: v.GetToken().Value, line: tokLine(v.GetToken(), off)}, nil
	case *ast.InfinityNode, *ast.NanNode:
		return &node{kind: scalarNode, tag: tagFloat, value: v.GetToken().Value, line: tokLine(v.GetToken(), off)}, nil
	case *ast.BoolNode:
		return &node{kind: scalarNode, tag: tagBool, value: strconv.FormatBool(v.Value), line: tokLine(v.GetToken(), off)}, nil
	case *ast.TagNode:
		return fromYAML(v.Value, off)
	case *ast.AnchorNode:
		return fromYAML(v.Value, off)
	}
	return nil, &report.FileError{Line: tokLine(n.GetToken(), off), Err: errors.New("front matter lỗi: cú pháp YAML này không được hỗ trợ (neo, bí danh, khoá phức); hãy viết giá trị trực tiếp")}
}

func addYAMLPair(m *node, mv *ast.MappingValueNode, off int) error {
	kl := tokLine(mv.Key.GetToken(), off)
	key := ""
	switch k := mv.Key.(type) {
	case *ast.StringNode:
		key = k.Value
	case ast.ScalarNode:
		key = fmt.Sprint(k.GetValue())
	default:
		return &report.FileError{Line: kl, Err: errors.New("front matter lỗi: tên khoá phải là một từ, ví dụ title:")}
	}
	for i, k := range m.keys {
		if k == key {
			return &report.FileError{Line: kl, Err: fmt.Errorf("khoá %q xuất hiện hai lần (lần đầu ở dòng %d); hãy giữ một", key, m.klns[i])}
		}
	}
	var val *node
	if mv.Value == nil {
		val = &node{kind: nullNode, line: kl}
	} else {
		var err error
		if val, err = fromYAML(mv.Value, off); err != nil {
			return err
		}
	}
	m.keys = append(m.keys, key)
	m.klns = append(m.klns, kl)
	m.vals = append(m.vals, val)
	return nil
}

var tomlLineRE = regexp.MustCompile(`line (\d+)`)

// tomlToNode parses TOML front matter. TOML decoders keep no line per key, so a key's line is
// found by scanning the source for its first assignment or table header.
func tomlToNode(src []byte, lineOffset int) (*node, error) {
	var raw map[string]any
	if _, err := toml.NewDecoder(bytes.NewReader(src)).Decode(&raw); err != nil {
		line := lineOffset + 1
		var pe toml.ParseError
		if errors.As(err, &pe) {
			line = lineOffset + pe.Position.Line
		} else if m := tomlLineRE.FindStringSubmatch(err.Error()); m != nil {
			n, _ := strconv.Atoi(m[1])
			line = lineOffset + n
		}
		msg := err.Error()
		if errors.As(err, &pe) {
			msg = pe.Message
		}
		return nil, &report.FileError{Line: line, Err: fmt.Errorf("front matter lỗi: TOML không đúng cú pháp (%s)", msg)}
	}
	lines := strings.Split(string(src), "\n")
	return fromTOML(raw, lines, lineOffset, lineOffset+1), nil
}

func findTOMLKey(lines []string, key string, from int) int {
	for i := from; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i])
		t = strings.TrimLeft(t, "[")
		t = strings.Trim(t, `"'`)
		if strings.HasPrefix(t, key) {
			rest := strings.TrimLeft(strings.TrimPrefix(t, key), `"' `)
			if rest == "" || rest[0] == '=' || rest[0] == ']' || rest[0] == '.' {
				return i
			}
		}
	}
	return -1
}

// tomlTables converts an array of tables ([[key]]). Each table starts at its own [[key]] header,
// so that the keys of the second table are not given the lines of the first one's.
func tomlTables(arr []map[string]any, key string, lines []string, off, line int) *node {
	s := &node{kind: seqNode, line: line}
	from := max(line-off-1, 0)
	for _, it := range arr {
		l := line
		if i := findTOMLHeader(lines, key, from); i >= 0 {
			l, from = off+i+1, i+1
		}
		s.items = append(s.items, fromTOML(it, lines, off, l))
	}
	return s
}

// findTOMLHeader finds the first [[key]] (or [[parent.key]]) header at or after line from.
func findTOMLHeader(lines []string, key string, from int) int {
	for i := from; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i])
		if !strings.HasPrefix(t, "[[") {
			continue
		}
		name, _, _ := strings.Cut(t[2:], "]]")
		name = strings.Trim(strings.TrimSpace(name), `"'`)
		if name == key || strings.HasSuffix(name, "."+key) {
			return i
		}
	}
	return -1
}

func fromTOML(v any, lines []string, off, line int) *node {
	switch x := v.(type) {
	case map[string]any:
		m := &node{kind: mapNode, line: line}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		type kl struct {
			k string
			l int
		}
		var kls []kl
		for _, k := range keys {
			l := line
			if i := findTOMLKey(lines, k, max(line-off-1, 0)); i >= 0 {
				l = off + i + 1
			}
			kls = append(kls, kl{k, l})
		}
		sort.SliceStable(kls, func(i, j int) bool { return kls[i].l < kls[j].l })
		for _, e := range kls {
			m.keys = append(m.keys, e.k)
			m.klns = append(m.klns, e.l)
			if arr, ok := x[e.k].([]map[string]any); ok {
				m.vals = append(m.vals, tomlTables(arr, e.k, lines, off, e.l))
				continue
			}
			m.vals = append(m.vals, fromTOML(x[e.k], lines, off, e.l))
		}
		return m
	case []map[string]any:
		s := &node{kind: seqNode, line: line}
		for _, it := range x {
			s.items = append(s.items, fromTOML(it, lines, off, line))
		}
		return s
	case []any:
		s := &node{kind: seqNode, line: line}
		for _, it := range x {
			s.items = append(s.items, fromTOML(it, lines, off, line))
		}
		return s
	case string:
		return &node{kind: scalarNode, tag: tagQuoted, value: x, line: line}
	case int64:
		return &node{kind: scalarNode, tag: tagInt, value: strconv.FormatInt(x, 10), line: line}
	case float64:
		return &node{kind: scalarNode, tag: tagFloat, value: strconv.FormatFloat(x, 'g', -1, 64), line: line}
	case bool:
		return &node{kind: scalarNode, tag: tagBool, value: strconv.FormatBool(x), line: line}
	case time.Time:
		// BurntSushi/toml marks local dates and times with special locations.
		layout := time.RFC3339
		switch x.Location().String() {
		case "date-local":
			layout = "2006-01-02"
		case "datetime-local":
			layout = "2006-01-02T15:04:05"
		case "time-local":
			return &node{kind: scalarNode, tag: tagString, value: x.Format("15:04:05"), line: line}
		}
		return &node{kind: scalarNode, tag: tagTime, value: x.Format(layout), line: line}
	}
	return &node{kind: scalarNode, tag: tagString, value: fmt.Sprint(v), line: line}
}
