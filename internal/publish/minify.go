package publish

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"maps"
	"path"
	"regexp"
	"strings"
	"sync"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/buffer"
)

// Minifier minifies files by extension. It is safe for concurrent use.
type Minifier struct {
	m *minify.M
}

// NewMinifier returns a Minifier whose HTML output stays valid for the Nu
// HTML Checker: the doctype, the html, head and body tags (with lang), end
// tags, attribute quotes and default attribute values are kept. Inline
// CSS, JS, JSON and SVG in HTML are minified too.
func NewMinifier() *Minifier {
	m := minify.New()
	m.Add("text/html", &html.Minifier{
		KeepDocumentTags:    true,
		KeepEndTags:         true,
		KeepQuotes:          true,
		KeepDefaultAttrVals: true,
	})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFunc("application/javascript", minifyJS)
	m.AddFuncRegexp(regexp.MustCompile("^(application|text)/(x-)?(java|ecma)script$"), minifyJS)
	m.AddFunc("module", minifyJS) // <script type="module">
	jsonMin := &json.Minifier{KeepNumbers: true}
	m.Add("application/json", jsonMin)
	m.AddRegexp(regexp.MustCompile(`[/+]json$`), jsonMin) // application/ld+json and friends
	m.Add("importmap", jsonMin)
	m.Add("speculationrules", jsonMin)
	m.AddFunc("text/xml", xml.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]xml$`), xml.Minify)
	return &Minifier{m: m}
}

// escapeHTML asks the JS minifier to keep "</script" escaped in strings.
// It is only read, so all goroutines share it.
var escapeHTML = map[string]string{"escape-html": "1"}

// minifyJS minifies JS, always keeping "</script" escaped. The HTML
// minifier asks for that only for a <script> without a type attribute;
// with type="text/javascript" or type="module" it would turn "<\/script>"
// in a string into "</script>" and end the script early. In a .js file the
// escape is harmless.
func minifyJS(m *minify.M, w io.Writer, r io.Reader, params map[string]string) error {
	if params["escape-html"] != "1" {
		if len(params) == 0 {
			params = escapeHTML
		} else {
			params = maps.Clone(params)
			params["escape-html"] = "1"
		}
	}
	return js.Minify(m, w, r, params)
}

// sharedMinifier is the Minifier of every Dir and Memory: one configured
// *minify.M serves all goroutines.
var sharedMinifier = sync.OnceValue(NewMinifier)

// Media types of the files minified, as the minifier looks them up.
var (
	mimeHTML = []byte("text/html")
	mimeCSS  = []byte("text/css")
	mimeJS   = []byte("application/javascript")
	mimeSVG  = []byte("image/svg+xml")
	mimeJSON = []byte("application/json")
	mimeXML  = []byte("text/xml")
)

// mediaType returns the media type that rel is minified as, or nil when
// files with its extension are written unchanged. The extension is matched
// regardless of case.
func mediaType(rel string) []byte {
	switch strings.ToLower(path.Ext(rel)) {
	case ".html":
		return mimeHTML
	case ".css":
		return mimeCSS
	case ".js":
		return mimeJS
	case ".svg":
		return mimeSVG
	case ".json", ".webmanifest":
		return mimeJSON
	case ".xml":
		return mimeXML
	}
	return nil
}

// Minify returns data minified as the type its extension in rel names.
// Files with other extensions are returned unchanged. The result never
// shares memory with data, except when data is returned unchanged.
func (mf *Minifier) Minify(rel string, data []byte) ([]byte, error) {
	mt := mediaType(rel)
	if mt == nil {
		return data, nil
	}
	out := getBuffer()
	defer putBuffer(out)
	if err := mf.minify(out, mt, data); err != nil {
		return nil, fmt.Errorf("minify %s: %w", rel, err)
	}
	return bytes.Clone(out.Bytes()), nil
}

// minify writes data minified as mediatype mt to out.
func (mf *Minifier) minify(out *bytes.Buffer, mt, data []byte) (err error) {
	// The parsers write a NUL past the end of their input and may change
	// it in place, so they get a private copy: the caller's slice stays
	// untouched even when it has spare capacity shared with other data.
	in := getBuffer()
	defer putBuffer(in)
	in.Grow(len(data) + 1)
	in.Write(data)
	out.Grow(len(data))
	defer func() {
		// A minifier bug must not take the whole build down: the
		// caller writes the page unminified instead.
		if r := recover(); r != nil {
			err = fmt.Errorf("minifier panic: %v", r)
		}
	}()
	return mf.m.MinifyMimetype(mt, out, buffer.NewReader(in.Bytes()), nil)
}

// describe returns err as one line for a warning, with the line a parse
// error carries. The column is left out: for an error inside inline JS or
// CSS past its first line, the minifier adds the column of the <script> or
// <style> tag to it, so it cannot be trusted.
func describe(err error) string {
	var perr *parse.Error
	if errors.As(err, &perr) {
		return fmt.Sprintf("dòng %d: %s", perr.Line, perr.Message)
	}
	return strings.Join(strings.Fields(err.Error()), " ")
}

// minifyWarning is the warning for a file written unminified.
func minifyWarning(rel string, err error) string {
	return fmt.Sprintf("%s: không thu gọn được (%s), đã ghi nguyên bản", rel, describe(err))
}

// maxPooled caps the buffers kept for reuse, so one huge file does not pin
// its memory for the rest of the build.
const maxPooled = 1 << 20

var bufferPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func getBuffer() *bytes.Buffer { return bufferPool.Get().(*bytes.Buffer) }

func putBuffer(b *bytes.Buffer) {
	if b.Cap() > maxPooled {
		return
	}
	b.Reset()
	bufferPool.Put(b)
}
