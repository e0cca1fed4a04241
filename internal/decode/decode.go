package decode

import (
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/btnmt/cchc/internal/report"
)

// decoder is a node that decodes itself.
type nodeDecoder interface {
	decodeNode(n *node) error
}

// field describes a front matter key of a struct, read from its `fm:"name,required"` tag.
type field struct {
	name     string
	index    []int
	required bool
}

var fieldCache sync.Map // reflect.Type → []field

func fieldsOf(t reflect.Type) []field {
	if v, ok := fieldCache.Load(t); ok {
		return v.([]field)
	}
	var fs []field
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		tag, ok := sf.Tag.Lookup("fm")
		if !ok {
			continue
		}
		if tag == ",inline" {
			for _, f := range fieldsOf(sf.Type) {
				f.index = append([]int{i}, f.index...)
				fs = append(fs, f)
			}
			continue
		}
		name, opt, _ := strings.Cut(tag, ",")
		if name == "-" {
			continue
		}
		fs = append(fs, field{name: name, index: []int{i}, required: opt == "required"})
	}
	fieldCache.Store(t, fs)
	return fs
}

// KeysOf lists the front matter keys a struct accepts, for documentation and suggestions.
func KeysOf(v any) []string {
	var keys []string
	for _, f := range fieldsOf(reflect.TypeOf(v).Elem()) {
		keys = append(keys, f.name)
	}
	return keys
}

// decodeInto decodes mapping n into the structs targets (pointers), strictly: every key must
// belong to one of them. Problems are collected into errs with the file lines; path names the
// enclosing key for nested values ("thu_tuc[2].ma").
func decodeInto(n *node, targets []any, path string, errs *[]*report.FileError) {
	if n.kind == nullNode {
		n = &node{kind: mapNode, line: n.line}
	}
	if n.kind != mapNode {
		*errs = append(*errs, &report.FileError{Line: n.line, Err: fmt.Errorf("%sphải là một bảng khoá: giá trị, không phải %s", prefix(strings.TrimSuffix(path, ".")), n.describe())})
		return
	}
	set := keySetOf(targets)
	values := make([]reflect.Value, len(targets))
	for i, t := range targets {
		values[i] = reflect.ValueOf(t).Elem()
	}
	var seenArr [64]bool
	seen := seenArr[:0]
	if len(set.names) <= len(seenArr) {
		seen = seenArr[:len(set.names)]
	} else {
		seen = make([]bool, len(set.names))
	}
	for i, k := range n.keys {
		ref, ok := set.byName[k]
		if !ok {
			msg := fmt.Sprintf("khoá %q không được dùng ở đây", path+k)
			if sug := suggest(k, set.names); sug != "" {
				msg += fmt.Sprintf("; có phải ý bạn là %q?", sug)
			} else {
				msg += "; các khoá hợp lệ: " + strings.Join(sorted(set.names), ", ")
			}
			*errs = append(*errs, &report.FileError{Line: n.klns[i], Err: errors.New(msg)})
			continue
		}
		seen[ref.pos] = true
		decodeValue(n.vals[i], values[ref.target].FieldByIndex(ref.f.index), path+k, errs)
	}
	for _, name := range set.names {
		if ref := set.byName[name]; ref.f.required && !seen[ref.pos] {
			*errs = append(*errs, &report.FileError{Line: n.line, Err: fmt.Errorf("thiếu khoá bắt buộc %q", path+name)})
		}
	}
}

// keySet is the keys a list of target structs accepts, in their order.
type keySet struct {
	byName map[string]keyRef // a key names the first field that has it
	names  []string          // every key, in the targets' order (repeated if two have it)
}

// keyRef is where a key goes: the field f of the target-th struct; pos is its place in names.
type keyRef struct {
	target, pos int
	f           field
}

var keySets sync.Map // [maxCachedTargets]reflect.Type → *keySet

const maxCachedTargets = 3

// keySetOf returns the keys targets accept. Pages decode into the same few lists of types over
// and over, so sets are made once per list.
func keySetOf(targets []any) *keySet {
	var key [maxCachedTargets]reflect.Type
	cacheable := len(targets) <= maxCachedTargets
	if cacheable {
		for i, t := range targets {
			key[i] = reflect.TypeOf(t)
		}
		if v, ok := keySets.Load(key); ok {
			return v.(*keySet)
		}
	}
	set := &keySet{byName: map[string]keyRef{}}
	for i, t := range targets {
		for _, f := range fieldsOf(reflect.TypeOf(t).Elem()) {
			// As when the fields were looked up in turn: a later struct's key wins.
			set.byName[f.name] = keyRef{target: i, pos: len(set.names), f: f}
			set.names = append(set.names, f.name)
		}
	}
	if cacheable {
		keySets.Store(key, set)
	}
	return set
}

func prefix(path string) string {
	if path == "" {
		return ""
	}
	return fmt.Sprintf("%q ", path)
}

var nodeDecoderType = reflect.TypeOf((*nodeDecoder)(nil)).Elem()

func decodeValue(n *node, v reflect.Value, path string, errs *[]*report.FileError) {
	fail := func(format string, args ...any) {
		*errs = append(*errs, &report.FileError{Line: n.line, Err: fmt.Errorf("%q: %s", path, fmt.Sprintf(format, args...))})
	}
	if v.CanAddr() && v.Addr().Type().Implements(nodeDecoderType) {
		if n.kind == nullNode {
			return
		}
		if err := v.Addr().Interface().(nodeDecoder).decodeNode(n); err != nil {
			fail("%v", err)
		}
		return
	}
	if e, ok := v.Interface().(Enum); ok {
		if n.kind == nullNode {
			return
		}
		allowed := e.Allowed()
		if n.kind != scalarNode {
			fail("phải là một trong: %s", strings.Join(allowed, ", "))
			return
		}
		for _, a := range allowed {
			if n.value == a {
				v.SetString(a)
				return
			}
		}
		msg := fmt.Sprintf("có giá trị %q không hợp lệ; hãy dùng một trong: %s", n.value, strings.Join(allowed, ", "))
		if s := suggest(n.value, allowed); s != "" {
			msg = fmt.Sprintf("có giá trị %q không hợp lệ; có phải ý bạn là %q? (các giá trị: %s)", n.value, s, strings.Join(allowed, ", "))
		}
		fail("%s", msg)
		return
	}
	switch v.Kind() {
	case reflect.String:
		switch n.kind {
		case nullNode:
			return
		case scalarNode:
			v.SetString(strings.TrimSpace(n.value))
		default:
			fail("phải là một chuỗi, không phải %s", n.describe())
		}
	case reflect.Bool:
		if n.kind == nullNode {
			return
		}
		if n.kind != scalarNode || n.tag != tagBool {
			fail("phải là true hoặc false, không phải %s", n.describe())
			return
		}
		v.SetBool(n.value == "true")
	case reflect.Int, reflect.Int64, reflect.Int32:
		if n.kind == nullNode {
			return
		}
		if n.kind != scalarNode || n.tag != tagInt {
			fail("phải là một số nguyên, không phải %s", n.describe())
			return
		}
		i, err := strconv.ParseInt(n.value, 0, 64)
		if err != nil {
			fail("phải là một số nguyên, không phải %s", n.describe())
			return
		}
		v.SetInt(i)
	case reflect.Slice:
		if n.kind == nullNode {
			return
		}
		if n.kind != seqNode {
			fail("phải là một danh sách (mỗi mục một dòng bắt đầu bằng \"- \"), không phải %s", n.describe())
			return
		}
		s := reflect.MakeSlice(v.Type(), len(n.items), len(n.items))
		for i, it := range n.items {
			decodeValue(it, s.Index(i), fmt.Sprintf("%s[%d]", path, i+1), errs)
		}
		v.Set(s)
	case reflect.Struct:
		decodeInto(n, []any{v.Addr().Interface()}, path+".", errs)
		if f := v.FieldByName("Line"); f.IsValid() && f.Kind() == reflect.Int {
			f.SetInt(int64(n.line))
		}
	case reflect.Pointer:
		if n.kind == nullNode {
			return
		}
		p := reflect.New(v.Type().Elem())
		decodeValue(n, p.Elem(), path, errs)
		v.Set(p)
	default:
		fail("có kiểu không được hỗ trợ")
	}
}

func sorted(s []string) []string {
	c := append([]string(nil), s...)
	sort.Strings(c)
	return c
}

// suggest returns the known name closest to s, or "" when none is close.
func suggest(s string, known []string) string {
	norm := func(x string) string {
		return strings.NewReplacer("-", "_", " ", "_").Replace(strings.ToLower(x))
	}
	best, bestD := "", 1<<30
	for _, k := range sorted(known) {
		if norm(k) == norm(s) {
			return k
		}
		d := distance(norm(s), norm(k))
		if d < bestD {
			best, bestD = k, d
		}
	}
	limit := 2
	if utf8.RuneCountInString(s) > 6 {
		limit = 3
	}
	if bestD <= limit {
		return best
	}
	return ""
}

// distance is the Levenshtein distance between a and b, counting runes.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := 1
			if ra[i-1] == rb[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev[j-1]) // adjacent transposition, approximated
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// Node is a parsed YAML or TOML document, with the line of every value.
type Node = node

// YAML parses src; lineOffset is added to every line, so that lines are lines of the file.
func YAML(src []byte, lineOffset int) (*Node, error) { return yamlToNode(src, lineOffset) }

// TOML parses src; lineOffset is added to every line.
func TOML(src []byte, lineOffset int) (*Node, error) { return tomlToNode(src, lineOffset) }

// Into decodes mapping n strictly into the structs targets (pointers): every key must belong to
// one of them. It returns every problem found, each with its line (the Path is left empty).
func Into(n *Node, targets ...any) []*report.FileError {
	var errs []*report.FileError
	if n == nil {
		n = &node{kind: mapNode, line: 1}
	}
	decodeInto(n, targets, "", &errs)
	return errs
}

// KeyLines maps each top-level key of mapping n to its line.
func (n *node) KeyLines() map[string]int {
	m := make(map[string]int, len(n.keys))
	for i, k := range n.keys {
		m[k] = n.klns[i]
	}
	return m
}

// Line is the line of the node's first key or value.
func (n *node) Line() int { return n.line }

// Suggest returns the name in known closest to s, or "" when none is close.
func Suggest(s string, known []string) string { return suggest(s, known) }
