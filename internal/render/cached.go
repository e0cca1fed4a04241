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
// footer, the links of the head. A layout asks for one with
//
//	{{partialCached "partials/footer.html" .}}
//	{{partialCached "partials/header.html" . .MenuState}}
//
// The partial runs once for every distinct list of keys and its HTML is reused: the keys must
// name everything the partial shows that may differ between pages. The cache is emptied by
// ResetCache, before every build, since the site's data change between builds.
type partialCache struct {
	set     *template.Template
	mu      sync.RWMutex
	entries map[string]*cachedPartial
	byID    []*cachedPartial // the entries that have a marker, by id
	marker  string           // the start of a marker, with this renderer's nonce
}

type cachedPartial struct {
	once sync.Once
	html template.HTML
	err  error

	// A partial whose output is whole block elements (a list item, the header) goes into the
	// page as a marker, <div data-cchc-f="NONCE-ID"></div>, which Splice replaces after the
	// page is minified: the page's minifier skips it, and it is minified once, not on every page
	// (a term page is mostly list items). The nonce, random for every renderer, keeps content
	// from forging a marker.
	id       int
	mark     template.HTML // the marker; "" when the partial goes in as it is
	minOnce  sync.Once
	minified []byte
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
			e.err = fmt.Errorf("partialCached: không có mẫu con %q (cần tệp layouts/%s)", name, name)
			return
		}
		var b bytes.Buffer
		if e.err = c.set.ExecuteTemplate(&b, name, data); e.err != nil {
			return
		}
		e.html = template.HTML(b.String())
		if !r.NoFragments && isBlock(b.Bytes()) {
			c.mu.Lock()
			e.id = len(c.byID)
			c.byID = append(c.byID, e)
			e.mark = template.HTML(c.marker + strconv.Itoa(e.id) + markerEnd)
			c.mu.Unlock()
		}
	})
	if e.mark != "" {
		return e.mark, nil
	}
	return e.html, e.err
}

const markerEnd = `"></div>`

// blockTags are the elements a fragment may start and end with to go into pages as a marker:
// block elements, around which the minifier drops whitespace, as it does around the marker.
var blockTags = map[string]bool{"li": true, "header": true, "footer": true, "nav": true, "section": true,
	"article": true, "aside": true, "div": true, "ul": true, "ol": true, "dl": true, "table": true, "main": true, "form": true}

// isBlock tells whether html, space aside, starts with the start tag of a block element and
// ends with the end tag of one.
func isBlock(html []byte) bool {
	h := bytes.TrimSpace(html)
	if len(h) < 7 || h[0] != '<' || h[len(h)-1] != '>' {
		return false
	}
	first := h[1:]
	n := bytes.IndexAny(first, " \t\n>")
	if n < 0 || !blockTags[string(first[:n])] {
		return false
	}
	i := bytes.LastIndex(h, []byte("</"))
	return i >= 0 && blockTags[string(h[i+2:len(h)-1])]
}

// HasFragments tells whether a page holds markers of cached partials, to be put in by Splice.
func (r *Renderer) HasFragments(page []byte) bool {
	return bytes.Contains(page, []byte(r.cache.marker))
}

// Fragments calls f with the HTML of every fragment whose marker page holds, in order.
func (r *Renderer) Fragments(page []byte, f func(id int, html template.HTML)) {
	r.splice(page, func(id int, e *cachedPartial) { f(id, e.html) }, nil)
}

// Splice appends page to dst with every marker of a cached partial replaced by the partial's
// HTML, minified by minify when it is not nil (once per partial and build).
func (r *Renderer) Splice(dst *bytes.Buffer, page []byte, minify func([]byte) []byte) {
	r.splice(page, func(_ int, e *cachedPartial) {
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
		rest := page[i+len(marker):]
		j := bytes.IndexByte(rest, '"')
		id, err := strconv.Atoi(string(rest[:max(j, 0)]))
		if j < 0 || err != nil || id < 0 || id >= len(byID) || !bytes.HasPrefix(rest[j:], []byte(markerEnd)) {
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
		page = rest[j+len(markerEnd):]
	}
	if text != nil {
		text(page)
	}
}

var errNestedPartialCached = errors.New("partialCached: một mẫu con đã được lưu đệm không được gọi partialCached lần nữa; hãy dùng {{template}}")

func nestedPartialCached(string, any, ...any) (template.HTML, error) {
	return "", errNestedPartialCached
}
