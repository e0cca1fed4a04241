package render

import "strings"

// EscapeText escapes text as html/template does in text, RCDATA (<title>) and quoted
// attributes, so that markup written in Go matches that of a layout byte for byte.
func EscapeText(s string) string { return textEscaper.Replace(s) }

var textEscaper = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;")

// EscapeURL escapes a URL for an href or src as html/template does with one that passes its
// filter (http, https, mailto or no scheme, as the site's own URLs): bytes that may not appear
// in a URL are percent-encoded, "%" is kept, and the result is escaped as an attribute.
func EscapeURL(u string) string {
	const hex = "0123456789abcdef"
	var b strings.Builder
	b.Grow(len(u) + 8)
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			strings.IndexByte("!#$&*+,/:;=?@[]-._~%", c) >= 0:
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return EscapeText(b.String())
}
