package render

import (
	"bytes"

	"github.com/btnmt/cchc/internal/site"
)

// What is below serves pages that Go code writes whole, as the default theme's layouts would
// write them once minified (the procedure registry's pages, thousands of them): the parts such
// a page shares with the layouts' pages come from the same partials.

// PartialMinified returns the output of the partial name for data and keys, as partialCached
// and partialBlock give it (run once for the same keys), minified by minify once per build (the
// caller must not change it), and the partial's id among fragments (see Fragments), or -1 when
// it is not one.
func (r *Renderer) PartialMinified(name string, data any, minify func([]byte) []byte, keys ...any) (html []byte, id int, err error) {
	e := r.cached(name, data, keys)
	if e.err != nil {
		return nil, -1, e.err
	}
	e.minOnce.Do(func() { e.minified = minify([]byte(e.html)) })
	id = -1
	if e.mark != "" {
		id = e.id
	}
	return e.minified, id, nil
}

// WriteHeadMeta writes into b what the layouts' headMeta writes for p, as the minifier leaves
// it: the head's title, description, canonical, Open Graph tags, feed and JSON-LD.
func (r *Renderer) WriteHeadMeta(b *bytes.Buffer, p *site.Page) { writeHeadMeta(b, p, r.org, true) }
