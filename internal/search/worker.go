package search

import (
	"bytes"
	"strconv"
	"unicode/utf8"
)

// maxSpellings is how many spellings of one word on one page count for the exact-diacritics
// bonus; more on the same page are very rare.
const maxSpellings = 4

// A worker tokenizes pages for a Builder, in parallel with the other workers. It interns the
// words and spellings it meets, and writes each page's words, pairs and result text into arenas
// that the Builder reads back in page order. The arenas are reused from one batch of pages to
// the next, so indexing a site makes next to no garbage: it runs at the end of a build, when the
// heap is at the build's memory limit and every megabyte of garbage costs a collection.
type worker struct {
	sc  Scanner
	key []byte

	words  map[string]int32 // folded word → worker word id
	names  []string
	global []int32 // worker word id → the Builder's word id; -1 until the Builder has it
	stamp  []int32 // per worker word id: the last page that had the word
	slot   []int32 // per worker word id: its index in that page's terms

	spells     map[string]int32 // exact key → worker spelling id
	spellNames []string

	page    int32
	terms   []termStat // the page being tokenized
	pairs   []pairStat
	pairIdx map[uint64]int32

	enc  []uint32 // this batch's pages, encoded (see tokenize)
	frag []byte   // this batch's result texts, JSON
}

type termStat struct {
	word   int32 // worker word id
	flags  uint8
	tf     int32
	nspell int32
	spell  [maxSpellings]int32 // worker spelling ids
}

type pairStat struct {
	a, b  int32 // indexes in terms
	flags uint8
	tf    int32
}

// docSpan tells where a tokenized page is in its worker's arenas.
type docSpan struct {
	wk           *worker
	enc0, enc1   int
	frag0, frag1 int
}

func newWorker() *worker {
	return &worker{words: map[string]int32{}, spells: map[string]int32{}, pairIdx: map[uint64]int32{}}
}

// reset empties the arenas for a new batch.
func (wk *worker) reset() {
	wk.enc = wk.enc[:0]
	wk.frag = wk.frag[:0]
}

func (wk *worker) intern(fold []byte) int32 {
	if id, ok := wk.words[string(fold)]; ok {
		return id
	}
	s := string(fold)
	id := int32(len(wk.names))
	wk.words[s] = id
	wk.names = append(wk.names, s)
	wk.global = append(wk.global, -1)
	wk.stamp = append(wk.stamp, 0)
	wk.slot = append(wk.slot, 0)
	return id
}

func (wk *worker) spelling(key []byte) int32 {
	if id, ok := wk.spells[string(key)]; ok {
		return id
	}
	s := string(key)
	id := int32(len(wk.spellNames))
	wk.spells[s] = id
	wk.spellNames = append(wk.spellNames, s)
	return id
}

// tokenize reads a page into the arenas. Its encoding is: the number of distinct words, then
// for each its worker word id, its flags | tf<<8, its number of spellings and their worker
// spelling ids; then the number of pairs, and for each the indexes of its two words among the
// page's words and its flags | tf<<8.
func (wk *worker) tokenize(d *Doc) docSpan {
	wk.page++
	clear(wk.pairIdx)
	wk.terms, wk.pairs = wk.terms[:0], wk.pairs[:0]
	add := func(text string, flag uint8) {
		prev := int32(-1)
		wk.sc.Scan(text, func(t *ScanToken) {
			id := wk.intern(t.Fold)
			if wk.stamp[id] != wk.page {
				wk.stamp[id] = wk.page
				wk.slot[id] = int32(len(wk.terms))
				wk.terms = append(wk.terms, termStat{word: id})
			}
			i := wk.slot[id]
			ts := &wk.terms[i]
			ts.flags |= flag
			if flag == FlagBody {
				ts.tf++
			}
			key := t.Fold
			if !bytes.Equal(t.Lower, t.Fold) {
				wk.key = appendExactKey(wk.key[:0], t.Fold, t.Lower)
				key = wk.key
			}
			sp := wk.spelling(key)
			seen := false
			for _, s := range ts.spell[:ts.nspell] {
				seen = seen || s == sp
			}
			if !seen && ts.nspell < maxSpellings {
				ts.spell[ts.nspell] = sp
				ts.nspell++
			}
			if t.Compound {
				return
			}
			if prev >= 0 && !t.Break {
				k := uint64(prev)<<32 | uint64(i)
				j, ok := wk.pairIdx[k]
				if !ok {
					j = int32(len(wk.pairs))
					wk.pairIdx[k] = j
					wk.pairs = append(wk.pairs, pairStat{a: prev, b: i})
				}
				ps := &wk.pairs[j]
				ps.flags |= flag
				if flag == FlagBody {
					ps.tf++
				}
			}
			prev = i
		})
	}
	add(d.Title, FlagTitle)
	for _, c := range d.Codes {
		add(c, FlagCode)
	}
	for _, h := range d.Headings {
		add(h, FlagHeading)
	}
	add(d.Description, FlagDescription)
	for _, m := range d.Meta {
		add(m, FlagMeta)
	}
	for _, f := range d.Fields {
		add(f.Name, FlagMeta)
	}
	add(d.Body, FlagBody)

	sp := docSpan{wk: wk, enc0: len(wk.enc), frag0: len(wk.frag)}
	wk.enc = append(wk.enc, uint32(len(wk.terms)))
	for _, t := range wk.terms {
		wk.enc = append(wk.enc, uint32(t.word), uint32(t.flags)|uint32(t.tf)<<8, uint32(t.nspell))
		for _, s := range t.spell[:t.nspell] {
			wk.enc = append(wk.enc, uint32(s))
		}
	}
	wk.enc = append(wk.enc, uint32(len(wk.pairs)))
	for _, p := range wk.pairs {
		wk.enc = append(wk.enc, uint32(p.a), uint32(p.b), uint32(p.flags)|uint32(p.tf)<<8)
	}
	sp.enc1 = len(wk.enc)
	wk.frag = appendFragment(wk.frag, d)
	sp.frag1 = len(wk.frag)
	return sp
}

// appendFragment appends what a result shows of d, as a JSON object:
// {u: URL, t: title, k: kind, d: "16/03/2020", i: "2020-03-16", f: [fields], c: [codes],
// s: description, x: body text}; empty members are left out.
func appendFragment(b []byte, d *Doc) []byte {
	b = append(b, `{"u":`...)
	b = appendJSONString(b, d.URL)
	b = append(b, `,"t":`...)
	b = appendJSONString(b, d.Title)
	str := func(key, v string) {
		if v != "" {
			b = append(b, ',', '"')
			b = append(b, key...)
			b = append(b, '"', ':')
			b = appendJSONString(b, v)
		}
	}
	list := func(key string, vs []string) {
		if len(vs) == 0 {
			return
		}
		b = append(b, ',', '"')
		b = append(b, key...)
		b = append(b, '"', ':', '[')
		for i, v := range vs {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, v)
		}
		b = append(b, ']')
	}
	str("k", d.KindLabel)
	if !d.Date.IsZero() {
		str("d", d.Date.Format("02/01/2006"))
		str("i", d.Date.Format("2006-01-02"))
	}
	var fields []string
	for _, f := range d.Fields {
		fields = append(fields, f.Name)
	}
	list("f", fields)
	list("c", d.Codes)
	str("s", d.Description)
	str("x", capText(d.Body, MaxFragmentText))
	return append(b, '}')
}

// appendJSONString appends s as a JSON string: quotes, backslashes and control characters
// escaped, U+2028 and U+2029 too (for old JavaScript parsers), invalid UTF-8 as U+FFFD.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\t':
				b = append(b, '\\', 't')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c < 0x20:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&15])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, `\u202`...)
			b = strconv.AppendInt(b, int64(r-'\u2028'+8), 16)
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}
