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
	if l == 'đ' {
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

// Fold normalises text for matching: NFC, lower case, "đ" and "Đ" → "d", every combining mark
// dropped. "Địa phương", "ĐỊA PHƯƠNG", its NFD spelling and "dia phuong" all fold to
// "dia phuong". Punctuation and spaces are kept as they are; Tokenize splits them.
func Fold(s string) string {
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteString(foldRune(r))
	}
	return norm.NFC.String(b.String())
}

// Lower is the exact form a word is compared in for the diacritics bonus: NFC and lower case,
// marks kept ("Cải" → "cải").
func Lower(s string) string {
	s = norm.NFC.String(s)
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
	text = norm.NFC.String(text)
	var toks []Token
	pos := 0
	brk := false // a hard break since the last word
	i := 0
	n := len(text)
	for i < n {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			if strings.ContainsRune(hardBreaks, r) {
				brk = true
			}
			i += size
			continue
		}
		// A run of parts joined by single joiners.
		start := i
		var parts []Token
		for {
			ps := i
			for i < n {
				r, size = utf8.DecodeRuneInString(text[i:])
				if !isWordRune(r) {
					break
				}
				i += size
			}
			parts = append(parts, Token{Start: ps, End: i})
			if i+1 < n && strings.IndexByte(Joiners, text[i]) >= 0 {
				if r2, _ := utf8.DecodeRuneInString(text[i+1:]); isWordRune(r2) {
					i++
					continue
				}
			}
			break
		}
		var words []Token
		for _, p := range parts {
			p.Fold, p.Lower = foldLower(text[p.Start:p.End])
			if p.Fold != "" {
				words = append(words, p)
			}
		}
		if len(words) == 0 {
			continue
		}
		if len(parts) > 1 && len(words) > 1 {
			f, l := foldLower(text[start:i])
			if len(f) <= MaxCompound {
				toks = append(toks, Token{Fold: f, Lower: l, Start: start, End: i, Pos: pos, Compound: true, Break: brk})
			}
		}
		for k, w := range words {
			w.Pos = pos
			w.Break = brk && k == 0
			pos++
			toks = append(toks, w)
		}
		brk = false
	}
	return toks, text
}

// foldLower returns the folded and the lower-case forms of an NFC word.
func foldLower(w string) (string, string) {
	ascii := true
	for j := 0; j < len(w); j++ {
		if w[j] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		l := strings.ToLower(w)
		return l, l
	}
	var f, l strings.Builder
	for _, r := range w {
		f.WriteString(foldRune(r))
		l.WriteRune(lowerRune(r))
	}
	return norm.NFC.String(f.String()), norm.NFC.String(l.String())
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
