package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"sync"
)

// partialCache holds the output of partials that are the same on many pages: the header, the
// footer, the links of the head. A layout asks for one with partialCached or, for a partial of
// whole block elements where HTML goes, with partialBlock:
//
//	{{partialCached "partials/head-chung.html" .}}
//	{{partialBlock "partials/header.html" . .MenuState}}
//
// The partial runs once for every distinct list of keys and its HTML is reused: the keys must
// name everything the partial shows that may differ between pages. The cache is emptied by
// ResetCache, before every build, since the site's data change between builds.
type partialCache struct {
	set     *template.Template
	mu      sync.RWMutex
	entries map[string]*cachedPartial
	byID    []*cachedPartial // the entries that have a marker, by id
	nonce   string           // random for every renderer, so that content cannot forge a marker
	marker  string           // the start of a marker: <div data-cchc-f="NONCE-
}

type cachedPartial struct {
	once sync.Once
	html template.HTML
	err  error

	// A partial whose output is whole block elements (a list item, the header) goes into the
	// page through partialBlock as a marker, which Splice replaces after the page is minified:
	// the page's minifier skips it, and it is minified once, not on every page (a term page is
	// mostly list items).
	id       int
	mark     template.HTML // the marker; "" when the partial goes in as it is
	minOnce  sync.Once
	minified []byte

	// written is set for HTML written compact by Go code for one page (htmlBlock): it goes in
	// as it is, minified or not, and is let go of once spliced.
	written bool
}

// ResetCache forgets the output of cached partials; the builder calls it before rendering.
func (r *Renderer) ResetCache() {
	r.cache.mu.Lock()
	r.cache.entries = nil
	r.cache.byID = nil
	r.cache.mu.Unlock()
}

// partialCached runs the partial name with data, or returns its output from the last run with
// the same keys.
func (r *Renderer) partialCached(name string, data any, keys ...any) (template.HTML, error) {
	e := r.cached(name, data, keys)
	return e.html, e.err
}

// partialBlock is partialCached for a partial of whole block elements called where HTML goes
// (between tags, not in an attribute, <title>, <textarea> or <script>):
//
//	{{partialBlock "partials/page-list-muc.html" . .URL}}
//
// Its output goes into the page as a marker, replaced once the page is minified by the
// partial minified once per build (Splice): the minifier drops the whitespace around block
// elements either way, so the page is the same byte for byte, but the minifier reads the
// partial once rather than on every page. A partial whose output is not whole block elements
// goes in as partialCached puts it. A marker in the wrong place is found (CheckFragments).
func (r *Renderer) partialBlock(name string, data any, keys ...any) (template.HTML, error) {
	e := r.cached(name, data, keys)
	if e.err != nil {
		return "", e.err
	}
	if e.mark != "" && !r.NoFragments {
		return e.mark, nil
	}
	return e.html, nil
}

// htmlBlock puts HTML that Go code wrote for one page into it as a marker, which Splice replaces
// once the page is minified, so that the page's minifier does not read it:
//
//	<tbody>{{htmlBlock .Data.HistoryHTML}}</tbody>
//
// The HTML must be whole block elements (table rows, sections), called where HTML goes, as for
// partialBlock, and compact: no space between tags, as the minifier would leave it. It goes
// into the page as it is (the minifier would at most write some characters of its text, like
// &#34;, without their entity). The default theme's tables of the procedure registry, thousands
// of rows on thousands of pages, go in this way. HTML that is not whole block elements goes in
// as it is, in the page's place, as {{.}} would put it.
func (r *Renderer) htmlBlock(html template.HTML) template.HTML {
	if r.NoFragments || !isBlock(string(html)) {
		return html
	}
	c := &r.cache
	e := &cachedPartial{html: html, written: true}
	c.mu.Lock()
	e.id = len(c.byID)
	c.byID = append(c.byID, e)
	c.mu.Unlock()
	id := strconv.Itoa(e.id)
	return template.HTML(c.marker + id + `">` + c.nonce + "-" + id + markerEnd)
}

// inlineBlock is htmlBlock in cached partials, whose output many pages share: the HTML goes in
// as it is.
func inlineBlock(html template.HTML) template.HTML { return html }

// cached returns the entry of the partial name for keys, run with data the first time.
func (r *Renderer) cached(name string, data any, keys []any) *cachedPartial {
	key := name
	if len(keys) > 0 {
		var k strings.Builder
		k.WriteString(name)
		for _, v := range keys {
			k.WriteByte(0)
			if s, ok := v.(string); ok {
				k.WriteString(s)
			} else {
				fmt.Fprint(&k, v)
			}
		}
		key = k.String()
	}
	c := &r.cache
	c.mu.RLock()
	e := c.entries[key]
	c.mu.RUnlock()
	if e == nil {
		c.mu.Lock()
		if c.entries == nil {
			c.entries = map[string]*cachedPartial{}
		}
		if e = c.entries[key]; e == nil {
			e = &cachedPartial{}
			c.entries[key] = e
		}
		c.mu.Unlock()
	}
	e.once.Do(func() {
		if c.set.Lookup(name) == nil {
			e.err = fmt.Errorf("không có mẫu con %q (cần tệp layouts/%s)", name, name)
			return
		}
		var b bytes.Buffer
		if e.err = c.set.ExecuteTemplate(&b, name, data); e.err != nil {
			return
		}
		e.html = template.HTML(b.String())
		if isBlock(string(e.html)) {
			c.mu.Lock()
			e.id = len(c.byID)
			c.byID = append(c.byID, e)
			id := strconv.Itoa(e.id)
			e.mark = template.HTML(c.marker + id + `">` + c.nonce + "-" + id + markerEnd)
			c.mu.Unlock()
		}
	})
	return e
}

// A marker is <div data-cchc-f="NONCE-ID">NONCE-ID</div>: the text inside survives where
// html/template strips the tags (in an attribute), so that CheckFragments finds it there.
const markerEnd = `</div>`

// blockTags are the elements a fragment may start and end with to go into pages as a marker:
// block elements, around which the minifier drops whitespace, as it does around the marker (a
// div). It must stay a subset of the minifier's own list of block elements (blockTagMap in
// github.com/tdewolff/minify/v2/html); TestFragmentsLikeWholePages would show a difference.
var blockTags = map[string]bool{"li": true, "tr": true, "p": true, "header": true, "footer": true, "nav": true, "section": true,
	"article": true, "aside": true, "div": true, "ul": true, "ol": true, "dl": true, "table": true, "main": true, "form": true}

// isBlock tells whether html, space aside, starts with the start tag of a block element and
// ends with the end tag of one.
func isBlock(html string) bool {
	h := strings.TrimSpace(html)
	if len(h) < 7 || h[0] != '<' || h[len(h)-1] != '>' {
		return false
	}
	first := h[1:]
	n := strings.IndexAny(first, " \t\n>")
	if n < 0 || !blockTags[first[:n]] {
		return false
	}
	i := strings.LastIndex(h, "</")
	return i >= 0 && blockTags[h[i+2:len(h)-1]]
}

// Fragments calls f with the HTML of every fragment whose marker page holds, in order.
func (r *Renderer) Fragments(page []byte, f func(id int, html template.HTML)) {
	r.splice(page, func(id int, e *cachedPartial) { f(id, e.html) }, nil)
}

// Splice appends page to dst with every marker of a cached partial replaced by the partial's
// HTML, minified by minify when it is not nil (once per partial and build).
func (r *Renderer) Splice(dst *bytes.Buffer, page []byte, minify func([]byte) []byte) {
	r.splice(page, func(_ int, e *cachedPartial) {
		if e.written {
			dst.WriteString(string(e.html))
			e.html = "" // the page was its only one
			return
		}
		if minify == nil {
			dst.WriteString(string(e.html))
			return
		}
		e.minOnce.Do(func() { e.minified = minify([]byte(e.html)) })
		dst.Write(e.minified)
	}, func(text []byte) { dst.Write(text) })
}

// splice walks page: text between markers goes to text (when not nil), each marker's entry to
// fragment. A marker whose id is unknown is left as text.
func (r *Renderer) splice(page []byte, fragment func(int, *cachedPartial), text func([]byte)) {
	marker := []byte(r.cache.marker)
	r.cache.mu.RLock()
	byID := r.cache.byID
	r.cache.mu.RUnlock()
	for {
		i := bytes.Index(page, marker)
		if i < 0 {
			break
		}
		id, n := r.parseMarker(page[i:], len(byID))
		if n == 0 {
			if text != nil {
				text(page[:i+len(marker)])
			}
			page = page[i+len(marker):]
			continue
		}
		if text != nil {
			text(page[:i])
		}
		fragment(id, byID[id])
		page = page[i+n:]
	}
	if text != nil {
		text(page)
	}
}

// parseMarker reads the marker at the start of b and returns its id and length; n is 0 when b
// does not start with a whole marker of an id below ids.
func (r *Renderer) parseMarker(b []byte, ids int) (id, n int) {
	rest := b[len(r.cache.marker):]
	j := bytes.IndexByte(rest, '"')
	if j <= 0 {
		return 0, 0
	}
	num := string(rest[:j])
	id, err := strconv.Atoi(num)
	if err != nil || id < 0 || id >= ids || strconv.Itoa(id) != num {
		return 0, 0
	}
	tail := `">` + r.cache.nonce + "-" + num + markerEnd
	if !bytes.HasPrefix(rest[j:], []byte(tail)) {
		return 0, 0
	}
	return id, len(r.cache.marker) + j + len(tail)
}

// CheckFragments counts the markers of partialBlock in page, which Splice replaces, and reports
// one that html/template escaped or stripped because the call was not where HTML goes (in an
// attribute, <title>, <textarea>, <script>): every trace of the renderer's nonce in page must
// belong to a whole marker.
func (r *Renderer) CheckFragments(page []byte) (markers int, err error) {
	traces := bytes.Count(page, []byte(r.cache.nonce))
	if traces == 0 {
		return 0, nil
	}
	r.Fragments(page, func(int, template.HTML) { markers++ })
	if traces != 2*markers {
		return markers, errMisplacedBlock
	}
	return markers, nil
}

var errMisplacedBlock = errors.New("partialBlock chỉ dùng được ở chỗ đặt HTML, giữa các thẻ; ở đây kết quả của nó nằm trong một thuộc tính, <title>, <textarea> hay <script> — hãy dùng partialCached ở chỗ đó")

var errNestedPartialCached = errors.New("partialCached: một mẫu con đã được lưu đệm không được gọi partialCached hay partialBlock lần nữa; hãy dùng {{template}}")

func nestedPartialCached(string, any, ...any) (template.HTML, error) {
	return "", errNestedPartialCached
}
