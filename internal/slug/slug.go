// Package slug implements the Vietnamese slug rules used for URLs, file names and heading ids.
//
// A slug is made only of the bytes [a-z0-9-], never starts or ends with '-'
// and never contains "--". Vietnamese text is folded to plain ASCII: letters
// lose every diacritic mark, "đ" and "Đ" become "d", and "&" is spelled "va"
// ("và"). Letters of other scripts are transliterated the way
// github.com/gosimple/slug does it (through github.com/gosimple/unidecode).
//
// Make works on the canonical decomposition (NFD) of its input, so NFC and NFD
// spellings of the same text always give the same slug.
package slug

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gosimple/unidecode"
	"golang.org/x/text/unicode/norm"
)

// Values of latinFold that are not letters.
const (
	slow = 0 // not folded by the table: go through the general path
	mark = 1 // combining diacritical mark: dropped
)

// latinLimit is the first rune not covered by latinFold. The table covers
// Latin-1 Supplement, Latin Extended-A and -B, the combining diacritical
// marks and Latin Extended Additional (all precomposed Vietnamese letters).
const latinLimit = 0x1F00

var (
	// asciiFold maps an ASCII byte to its lower-case form if it is a letter
	// or a digit, and to 0 otherwise.
	asciiFold [utf8.RuneSelf]byte

	// latinFold maps a rune below latinLimit to the lower-case ASCII letter
	// its canonical decomposition starts with when that decomposition is an
	// ASCII letter followed only by marks (and đ, Đ to 'd'), to mark for a
	// combining diacritical mark, and to slow for everything else.
	latinFold [latinLimit]byte
)

func init() {
	for c := 0; c < utf8.RuneSelf; c++ {
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			asciiFold[c] = byte(c)
		case 'A' <= c && c <= 'Z':
			asciiFold[c] = byte(c) + 'a' - 'A'
		}
	}
	fill := func(lo, hi rune) {
		for r := lo; r <= hi; r++ {
			if unicode.Is(unicode.Mn, r) {
				if d := norm.NFD.String(string(r)); allMarks(d) {
					latinFold[r] = mark
				}
				continue
			}
			if !unicode.IsLetter(r) {
				continue
			}
			d := norm.NFD.String(string(r))
			if d == "" || d[0] >= utf8.RuneSelf || asciiFold[d[0]] == 0 || !allMarks(d[1:]) {
				continue
			}
			latinFold[r] = asciiFold[d[0]]
		}
	}
	fill(0x00C0, 0x024F) // Latin-1 Supplement letters, Latin Extended-A and -B
	fill(0x0300, 0x036F) // Combining Diacritical Marks
	fill(0x1E00, 0x1EFF) // Latin Extended Additional
	latinFold['đ'] = 'd'
	latinFold['Đ'] = 'd'
}

// allMarks reports whether s consists only of combining marks.
func allMarks(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.M, r) {
			return false
		}
	}
	return true
}

// The functions below append to b, the slug being built. A separator is
// written as a single '-', and only after a letter or digit, so b never starts
// with '-' nor holds "--"; Make trims the one trailing '-' b may end with.
// They take and return b by value so that Make's buffer can stay on the stack.

// appendSep appends a separator to b.
func appendSep(b []byte) []byte {
	if n := len(b); n > 0 && b[n-1] != '-' {
		b = append(b, '-')
	}
	return b
}

// appendAnd appends "va" to b as a word of its own.
func appendAnd(b []byte) []byte {
	return append(appendSep(b), 'v', 'a', '-')
}

// appendASCII appends the ASCII byte c to b: a letter or digit is kept
// (lower-cased), '&' becomes the word "va" and anything else a separator.
func appendASCII(b []byte, c byte) []byte {
	if f := asciiFold[c]; f != 0 {
		return append(b, f)
	}
	if c == '&' {
		return appendAnd(b)
	}
	return appendSep(b)
}

// appendTranslit appends the transliteration of run, a sequence of letters,
// digits and marks that the fast path does not know how to fold. run is
// recomposed (NFC) first because the transliteration tables are keyed by
// precomposed characters (Hangul syllables, Cyrillic й, ...).
func appendTranslit(b []byte, run string) []byte {
	t := unidecode.Unidecode(norm.NFC.String(run))
	for i := 0; i < len(t); i++ {
		// Like gosimple/slug, keep only the letters and digits of the
		// transliteration: a '&' here comes from a letter (Greek ϗ,
		// "kai"), not from an ampersand in the text.
		if c := t[i]; c < utf8.RuneSelf && asciiFold[c] != 0 {
			b = append(b, asciiFold[c])
		} else {
			b = appendSep(b)
		}
	}
	return b
}

// appendGeneral appends the slug of d, a string in NFD that starts a new
// combining sequence. Letters and digits outside the table are transliterated
// together with the marks that follow them; a mark (or an invisible format
// character such as ZWJ or a soft hyphen) anywhere else is dropped.
func appendGeneral(b []byte, d string) []byte {
	run := -1 // start in d of the pending run of runes to transliterate
	for i := 0; i < len(d); {
		c := d[i]
		r, n := rune(c), 1
		if c >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(d[i:])
		}
		if unicode.In(r, unicode.M, unicode.Cf) {
			i += n // part of the run if there is one, dropped otherwise
			continue
		}
		isRun := c >= utf8.RuneSelf && !(r < latinLimit && latinFold[r] > mark) &&
			unicode.In(r, unicode.L, unicode.N)
		if isRun {
			if run < 0 {
				run = i
			}
			i += n
			continue
		}
		if run >= 0 {
			b = appendTranslit(b, d[run:i])
			run = -1
		}
		switch {
		case c < utf8.RuneSelf:
			b = appendASCII(b, c)
		case r < latinLimit && latinFold[r] > mark:
			b = append(b, latinFold[r])
		case r == '＆' || r == '﹠': // fullwidth and small ampersands
			b = appendAnd(b)
		default: // punctuation, symbols, spaces, controls, unassigned
			b = appendSep(b)
		}
		i += n
	}
	if run >= 0 {
		b = appendTranslit(b, d[run:])
	}
	return b
}

// Make returns the Vietnamese slug of s: s is normalised to NFD, lower-cased,
// "đ" and "Đ" become "d", every diacritic mark is dropped, "&" becomes the word
// "va", letters and digits of other scripts are transliterated the way
// github.com/gosimple/slug does it, and every run of anything else
// (spaces, punctuation, symbols, ...) becomes a single '-'. The result holds
// only the bytes [a-z0-9-], with no leading, trailing or doubled '-'.
// Make returns "" when s has no letter or digit, e.g. for "!!!" or "".
//
// For example "Quyết định 1234/QĐ-BTNMT" gives "quyet-dinh-1234-qd-btnmt" and
// "Đất đai & Môi trường" gives "dat-dai-va-moi-truong".
func Make(s string) string {
	var buf [256]byte
	b := buf[:0]
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if f := asciiFold[c]; f != 0 {
				b = append(b, f)
			} else {
				b = appendASCII(b, c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r < latinLimit {
			switch f := latinFold[r]; f {
			case mark:
				i += n
				continue
			case slow:
			default:
				b = append(b, f)
				i += n
				continue
			}
		}
		// General path: take everything up to the next ASCII byte or
		// table-folded Latin letter (both start a new combining
		// sequence) and fold it through its canonical decomposition.
		j := i + n
		for j < len(s) && s[j] >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(s[j:])
			if r < latinLimit && latinFold[r] > mark {
				break
			}
			j += n
		}
		b = appendGeneral(b, norm.NFD.String(s[i:j]))
		i = j
	}
	if n := len(b); n > 0 && b[n-1] == '-' {
		b = b[:n-1]
	}
	return string(b)
}

// Cut shortens slug s to at most max bytes, cutting at a '-' boundary (never
// mid-word unless the first word alone is longer than max, in which case cut
// that word at max bytes on a rune boundary), with no trailing '-'.
// A slug that already fits is returned unchanged (apart from trailing '-');
// max <= 0 gives "".
func Cut(s string, max int) string {
	if max <= 0 {
		return ""
	}
	if len(s) <= max {
		return strings.TrimRight(s, "-")
	}
	// s[max] is included so that a '-' right after max bytes keeps the
	// whole of s[:max].
	if i := strings.LastIndexByte(s[:max+1], '-'); i > 0 {
		if t := strings.TrimRight(s[:i], "-"); t != "" {
			return t
		}
	}
	i := max
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return strings.TrimRight(s[:i], "-")
}
