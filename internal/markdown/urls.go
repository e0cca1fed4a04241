package markdown

import (
	"unicode/utf8"

	"github.com/yuin/goldmark/util"
)

// unsafeScheme returns the dangerous scheme u starts with ("javascript:",
// "vbscript:", "data:" or "file:"), or "" when u is safe to emit.
//
// u is read the way a browser reads an attribute value: character references
// are decoded (with or without the final ';'), ASCII whitespace and control
// characters are ignored wherever they are (browsers strip tabs and newlines
// inside URLs and spaces and controls around them) and letters are compared
// case-insensitively. A data: URL of a PNG, GIF, JPEG or WebP image is safe.
// It allocates nothing.
func unsafeScheme(u []byte) string {
	var buf [32]byte
	p := buf[:0]
	for i := 0; i < len(u) && len(p) < len(buf); {
		r, size := rune(u[i]), 1
		if r == '&' {
			if dr, n := decodeEntity(u[i:]); n > 0 {
				r, size = dr, n
			}
		} else if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(u[i:])
		}
		i += size
		switch {
		case r <= ' ' || r == 0x7f:
			continue
		case r >= utf8.RuneSelf:
			p = append(p, 0x80) // matches no scheme
		case 'A' <= r && r <= 'Z':
			p = append(p, byte(r)+'a'-'A')
		default:
			p = append(p, byte(r))
		}
	}
	s := string(p) // at most 32 bytes and not escaping: no allocation
	switch {
	case hasPrefix(s, "javascript:"):
		return "javascript:"
	case hasPrefix(s, "vbscript:"):
		return "vbscript:"
	case hasPrefix(s, "file:"):
		return "file:"
	case hasPrefix(s, "data:"):
		for _, t := range safeDataImages {
			if hasPrefix(s, t) && len(s) > len(t) && (s[len(t)] == ';' || s[len(t)] == ',') {
				return ""
			}
		}
		return "data:"
	}
	return ""
}

var safeDataImages = [...]string{"data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"}

func hasPrefix(s, prefix string) bool {
	return len(s) >= len(prefix) && s[:len(prefix)] == prefix
}

// decodeEntity decodes the character reference at the start of b (b[0] is
// '&'), leniently like a browser in an attribute value: numeric references
// need no final ';', named ones do. It returns the rune and the length of the
// reference, or 0, 0 when b does not start with a reference.
func decodeEntity(b []byte) (rune, int) {
	if len(b) < 3 || b[0] != '&' {
		return 0, 0
	}
	if b[1] == '#' {
		i, base := 2, 10
		if b[i] == 'x' || b[i] == 'X' {
			i, base = 3, 16
		}
		start := i
		var v int64
		for ; i < len(b); i++ {
			d, ok := digitValue(b[i], base)
			if !ok {
				break
			}
			if v <= utf8.MaxRune {
				v = v*int64(base) + int64(d)
			}
		}
		if i == start {
			return 0, 0
		}
		if i < len(b) && b[i] == ';' {
			i++
		}
		r := rune(v)
		if v > utf8.MaxRune || r == 0 || !utf8.ValidRune(r) {
			r = utf8.RuneError
		}
		return r, i
	}
	i := 1
	for ; i < len(b) && i <= 32 && util.IsAlphaNumeric(b[i]); i++ {
	}
	if i == 1 || i >= len(b) || b[i] != ';' {
		return 0, 0
	}
	e, ok := util.LookUpHTML5EntityByName(string(b[1:i]))
	if !ok {
		return 0, 0
	}
	r, _ := utf8.DecodeRune(e.Characters)
	return r, i + 1
}

func digitValue(c byte, base int) (int, bool) {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0'), true
	case base == 16 && 'a' <= c && c <= 'f':
		return int(c-'a') + 10, true
	case base == 16 && 'A' <= c && c <= 'F':
		return int(c-'A') + 10, true
	}
	return 0, false
}

// decodeEntities returns b with its character references decoded the way
// decodeEntity reads them. It returns b itself when there is none.
func decodeEntities(b []byte) []byte {
	var out []byte
	last := 0
	for i := 0; i < len(b); i++ {
		if b[i] != '&' {
			continue
		}
		r, n := decodeEntity(b[i:])
		if n == 0 {
			continue
		}
		if out == nil {
			out = make([]byte, 0, len(b))
		}
		out = append(out, b[last:i]...)
		out = utf8.AppendRune(out, r)
		i += n - 1
		last = i + 1
	}
	if out == nil {
		return b
	}
	return append(out, b[last:]...)
}

// asciiEqualFold reports whether a and b are equal, ignoring ASCII case.
func asciiEqualFold(a, b []byte) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if lowerASCII(a[i]) != lowerASCII(b[i]) {
			return false
		}
	}
	return true
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// unsafeSchemeMessage is the Problem message for a URL with a dangerous
// scheme.
func unsafeSchemeMessage(scheme string) string {
	return "liên kết dùng giao thức không an toàn (" + scheme + ") — hãy xoá hoặc thay bằng địa chỉ http(s)"
}
