package search

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// FuzzNormalize checks the search normaliser on any text: Fold is idempotent, has no combining
// mark and no "đ", and does not depend on NFC or NFD input; Lower keeps the folded form; Tokenize
// gives words inside the text, in order, that fold to themselves; nothing panics.
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{
		"Địa phương", "ĐỊA PHƯƠNG", "dia phuong", "Quyết định 1234/QĐ-BTNMT ngày 16/3/2020",
		"thủ tục 1.004227 và 2.002150", "hoà hòa thuỷ thủy", "TN&MT", "İstanbul ǅ ß ﬁ", "e\u0301\u0323",
		"\xff\xfe hỏng \xc3", "", "   ", "a.b.c-d_e&f/g", "１２３ ＡＢＣ", "ð Ð", "\u0300\u0301",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			s = strings.ToValidUTF8(s, "\uFFFD")
		}
		folded := Fold(s)
		if Fold(folded) != folded {
			t.Errorf("Fold is not idempotent on %q: %q then %q", s, folded, Fold(folded))
		}
		if Fold(norm.NFD.String(s)) != folded {
			t.Errorf("Fold(NFD(%q)) = %q, Fold = %q", s, Fold(norm.NFD.String(s)), folded)
		}
		for _, r := range norm.NFD.String(folded) {
			if unicode.Is(unicode.Mn, r) && strings.ContainsRune(norm.NFD.String(s), r) && r >= 0x300 && r <= 0x36f {
				t.Errorf("Fold(%q) = %q keeps the mark %U", s, folded, r)
				break
			}
		}
		if strings.ContainsAny(folded, "đĐ") {
			t.Errorf("Fold(%q) = %q keeps đ", s, folded)
		}
		if Fold(Lower(s)) != folded {
			t.Errorf("Fold(Lower(%q)) = %q, Fold = %q", s, Fold(Lower(s)), folded)
		}
		_ = HasMarks(s)
		toks, text := Tokenize(s)
		last := 0
		for _, tok := range toks {
			if tok.Start < 0 || tok.End > len(text) || tok.Start > tok.End {
				t.Fatalf("Tokenize(%q): token %+v outside the text (%d bytes)", s, tok, len(text))
			}
			if tok.Pos < last {
				t.Errorf("Tokenize(%q): positions go back: %+v", s, tok)
			}
			last = tok.Pos
			if tok.Fold == "" {
				t.Errorf("Tokenize(%q): empty word %+v", s, tok)
			}
			if !utf8.ValidString(tok.Fold) || !utf8.ValidString(tok.Lower) {
				t.Errorf("Tokenize(%q): word not UTF-8 %+v", s, tok)
			}
			_ = ExactKey(tok.Lower)
		}
		_ = Words(s)
	})
}
