package render

import (
	"strings"

	minhtml "github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/parse/v2"
	parsehtml "github.com/tdewolff/parse/v2/html"
)

// EscapeText escapes text as html/template does in text, RCDATA (<title>) and quoted
// attributes, so that markup written in Go matches that of a layout byte for byte.
func EscapeText(s string) string { return textEscaper.Replace(s) }

var textEscaper = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;")

// EscapeURL escapes a URL for an href or src as html/template does with one that passes its
// filter (http, https, mailto or no scheme, as the site's own URLs): bytes that may not appear
// in a URL are percent-encoded, "%" is kept, and the result is escaped as an attribute.
func EscapeURL(u string) string { return EscapeText(percentEncode(u)) }

// percentEncode percent-encodes the bytes that may not appear in a URL, as html/template does.
func percentEncode(u string) string {
	const hex = "0123456789abcdef"
	i := 0
	for i < len(u) && urlKept(u, i) {
		i++
	}
	if i == len(u) {
		return u
	}
	var b strings.Builder
	b.Grow(len(u) + 8)
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case urlKept(u, i):
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}

// urlKept tells whether html/template keeps the byte u[i] as it is in a URL: "%" only where it
// starts an escape (two hex digits follow).
func urlKept(u string, i int) bool {
	c := u[i]
	if c == '%' {
		return i+2 < len(u) && isHex(u[i+1]) && isHex(u[i+2])
	}
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		strings.IndexByte("!#$&*+,/:;=?@[]-._~", c) >= 0
}

func isHex(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }

// MinText escapes text for HTML that Go code writes as a minified page holds it (see
// htmlBlock): as html/template escapes it, then as the minifier rewrites a text node
// (github.com/tdewolff/minify/v2/html): the entities it does without written as their
// characters, each run of white space as one space, or one newline when it holds one. The
// minifier also drops white space at the edges of some elements, depending on the tags around
// it: s must not start or end with white space (the registry's values are trimmed).
func MinText(s string) string {
	if plain(s, true) {
		return s
	}
	return string(parse.ReplaceMultipleWhitespaceAndEntities([]byte(EscapeText(s)), minhtml.EntitiesMap, minhtml.TextRevEntitiesMap))
}

// MinAttr returns what follows an attribute's name in a minified page: "=" and the value s in
// quotes, as html/template escapes it between double quotes and then as the minifier rewrites it
// (entities it does without written as their characters, single quotes around a value that
// holds double quotes but no single ones), or nothing when s is empty. The minifier trims and
// joins the white space of some attributes (class, datetime…): their values must have none.
func MinAttr(s string) string {
	if s == "" {
		return "" // the minifier writes the attribute's name alone
	}
	if plain(s, false) {
		return `="` + s + `"`
	}
	val := parse.ReplaceEntities([]byte(EscapeText(s)), minhtml.EntitiesMap, nil)
	buf := []byte{'='}
	return string(append(buf, parsehtml.EscapeAttrVal(new([]byte), val, '"', true)...))
}

// MinURL is MinAttr for a URL in an href or src, percent-encoded first as EscapeURL does; the
// minifier writes the scheme http or https in lower case.
func MinURL(u string) string {
	u = percentEncode(u)
	for _, scheme := range []string{"http:", "https:"} {
		if len(u) > len(scheme) && strings.EqualFold(u[:len(scheme)], scheme) && u[:len(scheme)] != scheme {
			u = scheme + u[len(scheme):]
		}
	}
	return MinAttr(u)
}

// plain tells whether s is the same escaped and minified: it holds nothing html/template
// escapes and, in text, no white space but single spaces.
func plain(s string, text bool) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case 0, '"', '&', '\'', '+', '<', '>':
			return false
		case '\t', '\n', '\r', '\f':
			if text {
				return false
			}
		case ' ':
			if text && i+1 < len(s) && s[i+1] == ' ' {
				return false
			}
		}
	}
	return true
}

// Writer is what HTML written in Go goes to: a *strings.Builder or a *bytes.Buffer.
type Writer interface {
	WriteString(s string) (int, error)
}

// WriteAttr writes MinAttr(s) to w.
func WriteAttr(w Writer, s string) {
	if s != "" && plain(s, false) {
		w.WriteString(`="`)
		w.WriteString(s)
		w.WriteString(`"`)
		return
	}
	w.WriteString(MinAttr(s))
}

// WriteURL writes MinURL(u) to w.
func WriteURL(w Writer, u string) {
	if u != "" && u[0] == '/' && plain(u, false) && percentEncode(u) == u {
		w.WriteString(`="`)
		w.WriteString(u)
		w.WriteString(`"`)
		return
	}
	w.WriteString(MinURL(u))
}
