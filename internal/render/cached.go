package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
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
}

type cachedPartial struct {
	once sync.Once
	html template.HTML
	err  error
}

// ResetCache forgets the output of cached partials; the builder calls it before rendering.
func (r *Renderer) ResetCache() {
	r.cache.mu.Lock()
	r.cache.entries = nil
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
		if e.err = c.set.ExecuteTemplate(&b, name, data); e.err == nil {
			e.html = template.HTML(b.String())
		}
	})
	return e.html, e.err
}

var errNestedPartialCached = errors.New("partialCached: một mẫu con đã được lưu đệm không được gọi partialCached lần nữa; hãy dùng {{template}}")

func nestedPartialCached(string, any, ...any) (template.HTML, error) {
	return "", errNestedPartialCached
}
