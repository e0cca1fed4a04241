// Package nfc puts text in Unicode normalization form C quickly. Vietnamese is typed both
// precomposed (NFC) and decomposed (NFD, by some keyboards and macOS file names); cchc keeps
// everything in NFC so that both compare and slug alike. Almost all text is NFC already: these
// functions check that with a table of the runes Vietnamese uses before falling back to
// golang.org/x/text/unicode/norm, which is several times slower on such text.
package nfc

import (
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// stable[r] is true when the rune r is in NFC and combines with nothing before it: a text made
// only of such runes is in NFC. It covers the Latin letters with all the precomposed Vietnamese
// ones (Latin Extended Additional) and the general punctuation.
var stable = func() *[0x2070]bool {
	var t [0x2070]bool
	for r := range rune(len(t)) {
		s := string(r)
		t[r] = norm.NFC.IsNormalString(s) && norm.NFC.PropertiesString(s).BoundaryBefore()
	}
	return &t
}()

// IsNormal reports whether b is in NFC.
func IsNormal(b []byte) bool {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r >= rune(len(stable)) || !stable[r] {
			return norm.NFC.IsNormal(b)
		}
		i += size
	}
	return true
}

// IsNormalString reports whether s is in NFC.
func IsNormalString(s string) bool {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r >= rune(len(stable)) || !stable[r] {
			return norm.NFC.IsNormalString(s)
		}
		i += size
	}
	return true
}

// Bytes returns b in NFC: b itself when it is already.
func Bytes(b []byte) []byte {
	if IsNormal(b) {
		return b
	}
	return norm.NFC.Bytes(b)
}

// String returns s in NFC: s itself when it is already.
func String(s string) string {
	if IsNormalString(s) {
		return s
	}
	return norm.NFC.String(s)
}
