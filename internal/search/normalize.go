// Package search builds the static search index of a site: the normaliser and tokenizer that
// the index and the visitor's query share, and the index builder, which turns documents into the
// files that static/js/tim-kiem.js reads in the browser. The package is pure: it does no I/O.
//
// Normalisation (Fold) is the contract between the Go side and the JavaScript side: text is put
// in NFC, lower-cased, "đ" becomes "d", every combining mark is dropped, and the result is put
// in NFC again. testdata/normalize.json lists vectors that both the Go tests and a browser test
// of tim-kiem.js check, so the two cannot drift.
package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/btnmt/cchc/internal/nfc"

	"golang.org/x/text/unicode/norm"
)

// foldTable caches the folded form of the runes below foldLimit (ASCII, Latin, the combining
// marks, Greek, Cyrillic and Latin Extended Additional, which holds every precomposed Vietnamese
// letter). Runes above it are folded on the fly.
const foldLimit = 0x2000

var foldTable [foldLimit]string

func init() {
	for r := rune(0); r < foldLimit; r++ {
		foldTable[r] = foldSlow(r)
	}
}

// foldSlow folds one rune: lower case, đ → d, marks dropped, NFC.
func foldSlow(r rune) string {
	l := unicode.ToLower(r)
	if l == 'đ' || l == 'ð' {
		// ð (U+00F0, Ð U+00D0) stands for đ in text converted from old Vietnamese encodings.
		return "d"
	}
	if l < utf8.RuneSelf {
		return string(l)
	}
	d := norm.NFD.String(string(l))
	var b strings.Builder
	for _, c := range d {
		if !unicode.Is(unicode.Mn, c) {
			b.WriteRune(c)
		}
	}
	return norm.NFC.String(b.String())
}

// foldRune returns the folded form of r: "" for a combining mark, usually one rune otherwise.
func foldRune(r rune) string {
	if r >= 0 && r < foldLimit {
		return foldTable[r]
	}
	return foldSlow(r)
}

// lowerRune is the lower case of r as the browser's String.prototype.toLowerCase gives it for
// a lone code point (no context rules), with the marks kept.
func lowerRune(r rune) rune { return unicode.ToLower(r) }

// Fold normalises text for matching: NFC, lower case, "đ" and "Đ" → "d" (and "ð", "Ð", which
// text converted from old Vietnamese encodings has instead), every combining mark dropped. "Địa phương", "ĐỊA PHƯƠNG", its NFD spelling and "dia phuong" all fold to
// "dia phuong". Punctuation and spaces are kept as they are; Tokenize splits them.
func Fold(s string) string {
	s = nfc.String(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteString(foldRune(r))
	}
	return nfc.String(b.String())
}

// Lower is the exact form a word is compared in for the diacritics bonus: NFC and lower case,
// marks kept ("Cải" → "cải").
func Lower(s string) string {
	s = nfc.String(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteRune(lowerRune(r))
	}
	return norm.NFC.String(b.String())
}

// HasMarks reports whether a word carries diacritics (or "đ"): whether Lower and Fold differ.
// Query words typed without any are matched without the exact-diacritics bonus.
func HasMarks(s string) bool { return Lower(s) != Fold(s) }

// ExactKey is what the exact-diacritics bonus compares: the folded word, then, after "~", its
// marks in code point order ("đ" counts as a mark). Where the tone mark sits does not count, so
// the old and the new placement ("hoà" and "hòa", "thuỷ" and "thủy") are the same spelling,
// while "cải" and "cái" are not. A word without marks is its folded form.
func ExactKey(word string) string {
	l := Lower(word)
	return string(appendExactKey(nil, []byte(Fold(l)), []byte(l)))
}

// markTable caches the marks of the canonical decomposition of the runes below foldLimit.
var markTable [foldLimit]string

func init() {
	for r := rune(0); r < foldLimit; r++ {
		markTable[r] = marksSlow(r)
	}
}

func marksSlow(r rune) string {
	if r == 'đ' || r == 'ð' || r == 'Đ' || r == 'Ð' {
		return "đ"
	}
	var b strings.Builder
	for _, c := range norm.NFD.String(string(r)) {
		if unicode.Is(unicode.Mn, c) {
			b.WriteRune(c)
		}
	}
	return b.String()
}

func marksOf(r rune) string {
	if r >= 0 && r < foldLimit {
		return markTable[r]
	}
	return marksSlow(r)
}

// appendExactKey appends to dst the exact key of a word: fold is its folded form, lower its
// lower case (NFC).
func appendExactKey(dst, fold, lower []byte) []byte {
	dst = append(dst, fold...)
	var marks [16]rune
	n := 0
	for j := 0; j < len(lower); {
		if lower[j] < utf8.RuneSelf {
			j++
			continue
		}
		r, size := utf8.DecodeRune(lower[j:])
		j += size
		for _, m := range marksOf(r) {
			if n < len(marks) {
				marks[n] = m
				n++
			}
		}
	}
	if n == 0 || len(fold) == 0 {
		return dst
	}
	ms := marks[:n]
	for i := 1; i < len(ms); i++ {
		for k := i; k > 0 && ms[k] < ms[k-1]; k-- {
			ms[k], ms[k-1] = ms[k-1], ms[k]
		}
	}
	dst = append(dst, '~')
	for _, r := range ms {
		dst = utf8.AppendRune(dst, r)
	}
	return dst
}

// Token is one searchable word of a text.
type Token struct {
	Fold  string // folded: "dia", "1234/qd-btnmt"
	Lower string // as written, lower case with its marks: "địa", "1234/qđ-btnmt"
	Start int    // byte offsets of the word in the NFC text
	End   int
	// Pos counts words: the parts of a compound code take one position each, the compound
	// itself the position of its first part.
	Pos int
	// Compound marks the whole of a code made of parts joined by . / - _ & ("1.004227",
	// "1234/QĐ-BTNMT"); its parts follow it as tokens of their own.
	Compound bool
	// Break tells that a sentence boundary (., ;, a new line, …) lies between this word and
	// the word before it: the two are not a phrase.
	Break bool
}

// Joiners are the characters that join the parts of a code ("1.004227", "1234/QĐ-BTNMT",
// "TN&MT") when they stand between two letters or digits.
const Joiners = "./-_&"

// MaxCompound is the longest compound token indexed whole (in bytes, folded); a longer run
// (a web address) is indexed by its parts only.
const MaxCompound = 48

// hardBreaks end a phrase: two words with one of them between are not adjacent.
const hardBreaks = ".,;:!?()[]{}\"“”‘’«»…|\n\r\t•–—"

// isWordRune tells whether r belongs to a word: a letter, a digit or another number, or a mark
// (a mark inside a word, as in NFD text, does not split it).
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.M, r)
}

// Tokenize splits text into words (see Token). The text is put in NFC first; offsets are into
// that NFC text, which is returned too. Words that fold to nothing (a lone mark) are left out.
func Tokenize(text string) ([]Token, string) {
	var toks []Token
	var sc Scanner
	text = sc.Scan(text, func(t *ScanToken) {
		toks = append(toks, Token{Fold: string(t.Fold), Lower: string(t.Lower), Start: t.Start, End: t.End,
			Pos: t.Pos, Compound: t.Compound, Break: t.Break})
	})
	return toks, text
}

// ScanToken is a Token whose folded and lower-case forms are only valid during the callback of
// Scan: they live in the Scanner's buffers.
type ScanToken struct {
	Fold, Lower []byte
	Start, End  int
	Pos         int
	Compound    bool
	Break       bool
}

// A Scanner tokenizes texts as Tokenize does, reusing its buffers, so that indexing a site does
// not allocate per word. Its zero value is ready to use; it is not safe for concurrent use.
type Scanner struct {
	parts []span
	fold  []byte
	lower []byte
	tok   ScanToken
}

type span struct{ start, end int }

// isHardBreak tells whether r ends a phrase.
func isHardBreak(r rune) bool {
	if r < utf8.RuneSelf {
		return r != ' ' && strings.IndexByte(hardBreaks, byte(r)) >= 0
	}
	return strings.ContainsRune(hardBreaks, r)
}

// decodeRune is utf8.DecodeRuneInString with a fast path for ASCII.
func decodeRune(s string) (rune, int) {
	if s[0] < utf8.RuneSelf {
		return rune(s[0]), 1
	}
	return utf8.DecodeRuneInString(s)
}

// Scan calls fn for every word of text, in order, and returns the NFC text the offsets are in.
func (sc *Scanner) Scan(text string, fn func(t *ScanToken)) string {
	text = nfc.String(text)
	pos := 0
	brk := false // a hard break since the last word
	i := 0
	n := len(text)
	for i < n {
		r, size := decodeRune(text[i:])
		if !isWordRune(r) {
			if isHardBreak(r) {
				brk = true
			}
			i += size
			continue
		}
		// A run of parts joined by single joiners.
		start := i
		sc.parts = sc.parts[:0]
		for {
			ps := i
			for i < n {
				r, size = decodeRune(text[i:])
				if !isWordRune(r) {
					break
				}
				i += size
			}
			sc.parts = append(sc.parts, span{ps, i})
			if i+1 < n && strings.IndexByte(Joiners, text[i]) >= 0 {
				if r2, _ := decodeRune(text[i+1:]); isWordRune(r2) {
					i++
					continue
				}
			}
			break
		}
		// Parts that fold to nothing (lone marks) are dropped.
		words := 0
		for k, p := range sc.parts {
			sc.fold = appendFold(sc.fold[:0], text[p.start:p.end])
			if len(sc.fold) > 0 {
				sc.parts[words] = sc.parts[k]
				words++
			}
		}
		if words == 0 {
			continue
		}
		t := &sc.tok
		if len(sc.parts) > 1 && words > 1 {
			sc.fold = appendFold(sc.fold[:0], text[start:i])
			if len(sc.fold) <= MaxCompound {
				sc.lower = appendLower(sc.lower[:0], text[start:i])
				*t = ScanToken{Fold: sc.fold, Lower: sc.lower, Start: start, End: i, Pos: pos, Compound: true, Break: brk}
				fn(t)
			}
		}
		for k := 0; k < words; k++ {
			p := sc.parts[k]
			w := text[p.start:p.end]
			sc.fold = appendFold(sc.fold[:0], w)
			sc.lower = appendLower(sc.lower[:0], w)
			*t = ScanToken{Fold: sc.fold, Lower: sc.lower, Start: p.start, End: p.end, Pos: pos, Break: brk && k == 0}
			fn(t)
			pos++
		}
		brk = false
	}
	return text
}

// appendFold appends the folded form of the NFC word w to dst.
func appendFold(dst []byte, w string) []byte {
	start := len(dst)
	ascii := true
	for j := 0; j < len(w); {
		c := w[j]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			j++
			continue
		}
		r, size := utf8.DecodeRuneInString(w[j:])
		f := foldRune(r)
		for k := 0; k < len(f); k++ {
			if f[k] >= utf8.RuneSelf {
				ascii = false
				break
			}
		}
		dst = append(dst, f...)
		j += size
	}
	if !ascii && !nfc.IsNormal(dst[start:]) {
		out := norm.NFC.Bytes(dst[start:])
		dst = append(dst[:start], out...)
	}
	return dst
}

// latinLetter tells whether r is a precomposed Latin letter (Latin-1 Supplement, Extended-A
// and -B, Latin Extended Additional: every Vietnamese letter), whose lower case is one
// precomposed letter too.
func latinLetter(r rune) bool {
	return 0xC0 <= r && r < 0x250 && r != 0xD7 && r != 0xF7 || 0x1E00 <= r && r < 0x1F00
}

// appendLower appends the lower case of the NFC word w to dst, marks kept.
func appendLower(dst []byte, w string) []byte {
	start := len(dst)
	ascii := true
	for j := 0; j < len(w); {
		c := w[j]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			j++
			continue
		}
		r, size := utf8.DecodeRuneInString(w[j:])
		if !latinLetter(r) {
			ascii = false
		}
		dst = utf8.AppendRune(dst, lowerRune(r))
		j += size
	}
	// The lower case of an NFC word of precomposed Latin letters is NFC: check the others.
	if !ascii && !nfc.IsNormal(dst[start:]) {
		out := norm.NFC.Bytes(dst[start:])
		dst = append(dst[:start], out...)
	}
	return dst
}

// Words returns the folded words of text, compounds and their parts as Tokenize gives them.
func Words(text string) []string {
	toks, _ := Tokenize(text)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Fold
	}
	return out
}
