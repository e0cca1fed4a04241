package search

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf16"
	"unicode/utf8"
)

// FormatVersion is the version of the index files; tim-kiem.js refuses another.
const FormatVersion = 1

// Flags of a posting: in which fields of the page the word (or phrase) is, and how often the
// body has it. tim-kiem.js weighs them (title and codes first, then headings, description,
// other metadata, body).
const (
	FlagTitle       = 1 << 0 // the title
	FlagCode        = 1 << 1 // one of the page's own codes (số ký hiệu, mã thủ tục)
	FlagHeading     = 1 << 2 // a heading of the body
	FlagDescription = 1 << 3 // the description
	FlagMeta        = 1 << 4 // tags, lĩnh vực, đơn vị, codes the page mentions, other fields
	FlagBody        = 1 << 5 // the body
	// The top two bits count the body's occurrences: 0 for one (or none), 1 for 2-3, 2 for
	// 4-7, 3 for 8 or more.
	tfShift = 6
)

// MaxVariants is how many spellings of a folded word the index tells apart for the
// exact-diacritics bonus; rarer spellings (in order of first use) match without the bonus.
const MaxVariants = 32

// MaxFragmentText caps the body text kept for snippets, in bytes.
const MaxFragmentText = 24 << 10

// Doc is one page to index.
type Doc struct {
	URL         string    // as links take it, under the base path: "/cchc/tin-tuc/x/"
	Title       string    // the title (for a document, its trích yếu)
	Kind        string    // the kind's key, a filter value: "tin-tuc", "van-ban"
	KindLabel   string    // the kind as visitors read it: "Văn bản"
	Fields      []Facet   // lĩnh vực, a filter
	Date        time.Time // zero when the page has none; newer pages rank first when otherwise equal
	Description string
	Codes       []string // the page's own identifiers: số ký hiệu, mã thủ tục
	Headings    []string
	Meta        []string // tags, units, codes the page mentions, other short fields
	Body        string   // plain text, blocks separated by "\n"
}

// Facet is one value of a filter.
type Facet struct {
	Key  string `json:"key"`  // the URL value: "dat-dai"
	Name string `json:"name"` // as visitors read it: "Đất đai"
}

// Options tunes the index.
type Options struct {
	// ShardBytes is the size a posting shard grows to before a new one starts (uncompressed);
	// a single word with more postings has a shard of its own.
	ShardBytes int
	// DictBytes is the same for the word list used to complete the last word of a query.
	DictBytes int
	// FragmentsPerFile is how many pages' result texts (title, snippet text, …) share a file:
	// page id i is in trang/<i / FragmentsPerFile>.bin. One file a page is lightest for a
	// visitor, a few a file spares a site of thousands of pages as many tiny files to upload.
	FragmentsPerFile int
}

func (o Options) withDefaults() Options {
	if o.ShardBytes <= 0 {
		o.ShardBytes = 24 << 10
	}
	if o.DictBytes <= 0 {
		o.DictBytes = 12 << 10
	}
	if o.FragmentsPerFile <= 0 {
		o.FragmentsPerFile = 4
	}
	return o
}

// File is one file of the index, relative to the index folder.
type File struct {
	Name string
	Data []byte
}

// Names of the index files, relative to the index folder.
const (
	ManifestName = "manifest.json"
	DocsName     = "tai-lieu.bin"
	WordPrefix   = "tu-"      // tu-<n>.bin: postings of words
	PairPrefix   = "cum-"     // cum-<n>.bin: postings of adjacent word pairs
	DictPrefix   = "tien-to-" // tien-to-<n>.bin: words with their document counts
	FragmentDir  = "trang/"   // trang/<n>.bin: what results show, FragmentsPerFile pages a file
)

// Builder builds an index from documents given in rank order (newest first): the order is the
// documents' ids, and the id breaks ties between equal scores. It is not safe for concurrent
// use, but Add tokenizes its documents in parallel.
type Builder struct {
	opts Options

	n      int // documents added
	words  map[string]int32
	wlist  []*wordList
	pairs  map[uint64]int32
	plist  []pairList
	kinds  facetSet
	fields facetSet
	docK   []int32   // kind of each doc
	docF   [][]int32 // fields of each doc

	workers []*worker
	frags   [][]byte  // fragments not yet in a file
	ids     []int32   // scratch of merge
	hash    hash.Hash // of every file so far, for the manifest's version
}

type wordList struct {
	fold     string
	df       int32
	last     int32
	variants []string // exact keys, in order of first use until Finish sorts them
	vcount   []int32  // pages with each variant
	buf      []byte   // per posting: uvarint doc delta, flags byte, uvarint variant mask
}

type pairList struct {
	a, b int32 // word ids
	df   int32
	last int32
	buf  []byte // per posting: uvarint doc delta, flags byte
}

type facetSet struct {
	keys  map[string]int32
	items []Facet
}

func (f *facetSet) id(x Facet) int32 {
	if f.keys == nil {
		f.keys = map[string]int32{}
	}
	if i, ok := f.keys[x.Key]; ok {
		return i
	}
	i := int32(len(f.items))
	f.keys[x.Key] = i
	f.items = append(f.items, x)
	return i
}

// NewBuilder returns an empty Builder.
func NewBuilder(opts Options) *Builder {
	return &Builder{opts: opts.withDefaults(), words: map[string]int32{}, pairs: map[uint64]int32{}, hash: sha256.New()}
}

// FragmentsPerFile is how many documents share a fragment file.
func (b *Builder) FragmentsPerFile() int { return b.opts.FragmentsPerFile }

// Len returns the number of documents added.
func (b *Builder) Len() int { return b.n }

// Add adds documents, the next ids in order, and returns the fragment files it completed (what
// results show), for the caller to write right away; Finish returns the last one.
func (b *Builder) Add(docs ...Doc) []File {
	spans := make([]docSpan, len(docs))
	workers := min(runtime.GOMAXPROCS(0), len(docs))
	for len(b.workers) < workers {
		b.workers = append(b.workers, newWorker())
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < workers; w++ {
		wk := b.workers[w]
		wk.reset()
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				spans[i] = wk.tokenize(&docs[i])
			}
		}()
	}
	for i := range docs {
		next <- i
	}
	close(next)
	wg.Wait()
	var chunks []pendingFile
	for i := range docs {
		b.merge(int32(b.n), spans[i])
		d := &docs[i]
		b.docK = append(b.docK, b.kinds.id(Facet{Key: d.Kind, Name: d.KindLabel}))
		var fs []int32
		for _, f := range d.Fields {
			if f.Key == "" {
				continue
			}
			id := b.fields.id(f)
			if !slices.Contains(fs, id) {
				fs = append(fs, id)
			}
		}
		b.docF = append(b.docF, fs)
		b.n++
		sp := spans[i]
		b.frags = append(b.frags, sp.wk.frag[sp.frag0:sp.frag1])
		if len(b.frags) == b.opts.FragmentsPerFile {
			chunks = append(chunks, b.fragmentFile())
		}
	}
	files := gzipFiles(chunks)
	// The fragments left for the next file live in the workers' arenas, which the next batch
	// reuses.
	for i, f := range b.frags {
		b.frags[i] = bytes.Clone(f)
	}
	return files
}

// pendingFile is a file of fragments not yet compressed: the JSON array of its parts.
type pendingFile struct {
	name  string
	parts [][]byte
}

// fragmentFile takes the pending fragments as one file.
func (b *Builder) fragmentFile() pendingFile {
	f := pendingFile{name: FragmentDir + strconv.Itoa((b.n-len(b.frags))/b.opts.FragmentsPerFile) + ".bin", parts: slices.Clone(b.frags)}
	b.hash.Write([]byte(f.name))
	for i, p := range f.parts {
		if i == 0 {
			b.hash.Write([]byte{'['})
		} else {
			b.hash.Write([]byte{','})
		}
		b.hash.Write(p)
	}
	b.hash.Write([]byte{']'})
	clear(b.frags)
	b.frags = b.frags[:0]
	return f
}

// gzipFiles compresses files of fragments, on every CPU.
func gzipFiles(pending []pendingFile) []File {
	files := make([]File, len(pending))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i := range pending {
		wg.Add(1)
		sem <- struct{}{}
		go func(i int) {
			defer wg.Done()
			files[i] = File{Name: pending[i].name, Data: gzArray(pending[i].parts)}
			<-sem
		}(i)
	}
	wg.Wait()
	return files
}

// gzipAll compresses the files in place, on every CPU.
func gzipAll(files []File) {
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i := range files {
		wg.Add(1)
		sem <- struct{}{}
		go func(f *File) {
			defer wg.Done()
			f.Data = gz(f.Data)
			<-sem
		}(&files[i])
	}
	wg.Wait()
}

// tfBucket turns a count of occurrences in the body into the two top bits of the flags.
func tfBucket(tf int) uint8 {
	switch {
	case tf >= 8:
		return 3 << tfShift
	case tf >= 4:
		return 2 << tfShift
	case tf >= 2:
		return 1 << tfShift
	}
	return 0
}

// merge adds a tokenized page to the postings.
func (b *Builder) merge(doc int32, sp docSpan) {
	wk := sp.wk
	e := wk.enc[sp.enc0:sp.enc1]
	n := int(e[0])
	e = e[1:]
	ids := b.ids[:0]
	for i := 0; i < n; i++ {
		lw, fl, ns := e[0], e[1], int(e[2])
		spells := e[3 : 3+ns]
		e = e[3+ns:]
		id := wk.global[lw]
		if id < 0 {
			name := wk.names[lw]
			var ok bool
			if id, ok = b.words[name]; !ok {
				id = int32(len(b.wlist))
				b.words[name] = id
				b.wlist = append(b.wlist, &wordList{fold: name})
			}
			wk.global[lw] = id
		}
		ids = append(ids, id)
		w := b.wlist[id]
		var mask uint64
		for _, s := range spells {
			mask |= w.variant(wk.spellNames[s])
		}
		for k := range w.vcount {
			if mask&(1<<uint(k)) != 0 {
				w.vcount[k]++
			}
		}
		w.buf = room(w.buf, 2*binary.MaxVarintLen32+1)
		w.buf = binary.AppendUvarint(w.buf, uint64(doc-w.last))
		w.buf = append(w.buf, uint8(fl)|tfBucket(int(fl>>8)))
		w.buf = binary.AppendUvarint(w.buf, mask)
		w.last = doc
		w.df++
	}
	np := int(e[0])
	e = e[1:]
	for i := 0; i < np; i++ {
		a, c := ids[e[0]], ids[e[1]]
		fl := e[2]
		e = e[3:]
		gk := uint64(a)<<32 | uint64(c)
		id, ok := b.pairs[gk]
		if !ok {
			id = int32(len(b.plist))
			b.pairs[gk] = id
			b.plist = append(b.plist, pairList{a: a, b: c})
		}
		p := &b.plist[id]
		p.buf = room(p.buf, binary.MaxVarintLen32+1)
		p.buf = binary.AppendUvarint(p.buf, uint64(doc-p.last))
		p.buf = append(p.buf, uint8(fl)|tfBucket(int(fl>>8)))
		p.last = doc
		p.df++
	}
	b.ids = ids
}

// room returns buf with room for n more bytes, doubling its capacity when it grows: append
// grows a large slice by a quarter only, and the postings of a frequent word would then be
// copied a dozen times on their way to their size, leaving garbage four times as big.
func room(buf []byte, n int) []byte {
	if cap(buf)-len(buf) >= n {
		return buf
	}
	out := make([]byte, len(buf), 2*cap(buf)+n+16)
	copy(out, buf)
	return out
}

// variant returns the bit of a spelling of w, adding it while there is room; 0 past that.
func (w *wordList) variant(v string) uint64 {
	k := indexOf(w.variants, v)
	if k < 0 {
		if len(w.variants) >= MaxVariants {
			return 0
		}
		k = len(w.variants)
		w.variants = append(w.variants, v)
		w.vcount = append(w.vcount, 0)
	}
	return 1 << uint(k)
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// capText cuts s to at most n bytes, at a rune boundary.
func capText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

var gzPool = sync.Pool{New: func() any { w, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed); return w }}

// gz compresses data with gzip at the fastest level, with no name and no time in the header, so
// that the same input always gives the same bytes. The index is written on every build and in
// the preview after every save: the default level costs about three times the work for a few
// per cent less to download.
func gz(data []byte) []byte { return gzParts(nil, data) }

// gzArray compresses the JSON array of the JSON values parts.
func gzArray(parts [][]byte) []byte { return gzParts(parts, nil) }

func gzParts(parts [][]byte, data []byte) []byte {
	n := len(data)
	for _, p := range parts {
		n += len(p)
	}
	var buf bytes.Buffer
	buf.Grow(n/2 + 64)
	w := gzPool.Get().(*gzip.Writer)
	w.Reset(&buf)
	if parts == nil {
		w.Write(data)
	} else {
		for i, p := range parts {
			if i == 0 {
				w.Write([]byte{'['})
			} else {
				w.Write([]byte{','})
			}
			w.Write(p)
		}
		w.Write([]byte{']'})
	}
	w.Close()
	gzPool.Put(w)
	return buf.Bytes()
}

// Manifest is the index's table of contents, the first file a query loads.
type Manifest struct {
	Format  int    `json:"format"`
	Version string `json:"version"` // a hash of every other file: tim-kiem.js asks for them with ?v=…
	Docs    int    `json:"docs"`
	// Fragments is how many pages share a file of trang/: page i is item i % Fragments of
	// trang/<i / Fragments>.bin.
	Fragments int     `json:"fragments"`
	Kinds     []Facet `json:"kinds"`
	Fields    []Facet `json:"fields"`
	// Words, Pairs and Dict list the first key of each shard of the postings of words, of
	// word pairs ("cai cach") and of the word list, in JavaScript string order: shard i holds
	// the keys from Words[i] up to Words[i+1].
	Words []string `json:"words"`
	Pairs []string `json:"pairs"`
	Dict  []string `json:"dict"`
}

// Stats tells what an index holds.
type Stats struct {
	Docs, Words, Pairs         int
	WordShards, PairShards     int
	DictShards                 int
	Bytes                      int // every file but the fragments, compressed as written
	LargestShard               int
	LargestShardName           string
	WordPostings, PairPostings int
}

// Finish returns the rest of the index files (the manifest, the shards, the last file of
// fragments), in name order, and what the index holds.
// The Builder must not be used after.
func (b *Builder) Finish() ([]File, Stats) {
	st := Stats{Docs: b.n, Words: len(b.wlist), Pairs: len(b.plist)}
	// Words in JavaScript (UTF-16) order.
	order := make([]int32, len(b.wlist))
	for i := range order {
		order[i] = int32(i)
	}
	sort.Slice(order, func(i, j int) bool { return jsLess(b.wlist[order[i]].fold, b.wlist[order[j]].fold) })
	rank := make([]int32, len(b.wlist))
	for r, id := range order {
		rank[id] = int32(r)
	}
	var files []File
	var payloads []File
	var m Manifest
	var last []File
	if len(b.frags) > 0 {
		last = gzipFiles([]pendingFile{b.fragmentFile()})
	}

	// Word postings.
	var cur bytes.Buffer
	var head bytes.Buffer
	var body bytes.Buffer
	count := 0
	flush := func(prefix string, firsts *[]string) {
		if count == 0 {
			return
		}
		cur.Reset()
		cur.Write(binary.AppendUvarint(nil, uint64(count)))
		cur.Write(head.Bytes())
		cur.Write(body.Bytes())
		payloads = append(payloads, File{Name: prefix + strconv.Itoa(len(*firsts)-1) + ".bin", Data: bytes.Clone(cur.Bytes())})
		head.Reset()
		body.Reset()
		count = 0
	}
	var tmp []byte
	for _, id := range order {
		w := b.wlist[id]
		post := w.buf
		if len(w.variants) <= 1 {
			post = stripMasks(w.buf, int(w.df))
		} else {
			post = w.sortVariants()
		}
		if count > 0 && head.Len()+body.Len()+len(post) > b.opts.ShardBytes {
			flush(WordPrefix, &m.Words)
		}
		if count == 0 {
			m.Words = append(m.Words, w.fold)
		}
		tmp = appendString(tmp[:0], w.fold)
		tmp = binary.AppendUvarint(tmp, uint64(w.df))
		tmp = binary.AppendUvarint(tmp, uint64(len(w.variants)))
		for _, v := range w.variants {
			tmp = appendString(tmp, v)
		}
		tmp = binary.AppendUvarint(tmp, uint64(len(post)))
		head.Write(tmp)
		body.Write(post)
		count++
		st.WordPostings += int(w.df)
		w.buf = nil
	}
	flush(WordPrefix, &m.Words)

	// Pair postings, in the order of their first word, then their second.
	porder := make([]int32, len(b.plist))
	for i := range porder {
		porder[i] = int32(i)
	}
	sort.Slice(porder, func(i, j int) bool {
		p, q := &b.plist[porder[i]], &b.plist[porder[j]]
		if p.a != q.a {
			return rank[p.a] < rank[q.a]
		}
		return rank[p.b] < rank[q.b]
	})
	for _, id := range porder {
		p := &b.plist[id]
		key := b.wlist[p.a].fold + " " + b.wlist[p.b].fold
		if count > 0 && head.Len()+body.Len()+len(p.buf) > b.opts.ShardBytes {
			flush(PairPrefix, &m.Pairs)
		}
		if count == 0 {
			m.Pairs = append(m.Pairs, key)
		}
		tmp = appendString(tmp[:0], key)
		tmp = binary.AppendUvarint(tmp, uint64(p.df))
		tmp = binary.AppendUvarint(tmp, uint64(len(p.buf)))
		head.Write(tmp)
		body.Write(p.buf)
		count++
		st.PairPostings += int(p.df)
		p.buf = nil
	}
	flush(PairPrefix, &m.Pairs)

	// The word list with document counts, for completing the last word of a query.
	for _, id := range order {
		w := b.wlist[id]
		tmp = appendString(tmp[:0], w.fold)
		tmp = binary.AppendUvarint(tmp, uint64(w.df))
		if count > 0 && head.Len()+len(tmp) > b.opts.DictBytes {
			flush(DictPrefix, &m.Dict)
		}
		if count == 0 {
			m.Dict = append(m.Dict, w.fold)
		}
		head.Write(tmp)
		count++
	}
	flush(DictPrefix, &m.Dict)

	// Kinds and fields of every document, for the filters.
	m.Kinds, m.Fields = b.kinds.sorted(), b.fields.sorted()
	kremap, fremap := b.kinds.remap(m.Kinds), b.fields.remap(m.Fields)
	docs := struct {
		Kinds  []int32   `json:"k"`
		Fields [][]int32 `json:"f"`
	}{Kinds: make([]int32, b.n), Fields: make([][]int32, b.n)}
	for i := 0; i < b.n; i++ {
		docs.Kinds[i] = kremap[b.docK[i]]
		fs := make([]int32, len(b.docF[i]))
		for j, f := range b.docF[i] {
			fs[j] = fremap[f]
		}
		sort.Slice(fs, func(a, c int) bool { return fs[a] < fs[c] })
		docs.Fields[i] = fs
	}
	dj, _ := json.Marshal(docs)
	payloads = append(payloads, File{Name: DocsName, Data: dj})

	gzipAll(payloads)
	files = append(payloads, last...)
	sort.Slice(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	h := b.hash
	for _, f := range files {
		h.Write([]byte(f.Name))
		h.Write(f.Data)
		if strings.HasPrefix(f.Name, FragmentDir) {
			continue
		}
		st.Bytes += len(f.Data)
		if strings.HasPrefix(f.Name, WordPrefix) || strings.HasPrefix(f.Name, PairPrefix) {
			if len(f.Data) > st.LargestShard {
				st.LargestShard, st.LargestShardName = len(f.Data), f.Name
			}
		}
	}
	m.Format = FormatVersion
	m.Version = hex.EncodeToString(h.Sum(nil))[:12]
	m.Docs = b.n
	m.Fragments = b.opts.FragmentsPerFile
	mj, err := json.Marshal(m)
	if err != nil {
		panic(fmt.Sprintf("search: manifest: %v", err))
	}
	files = append(files, File{Name: ManifestName, Data: mj})
	st.Bytes += len(gz(mj))
	st.WordShards, st.PairShards, st.DictShards = len(m.Words), len(m.Pairs), len(m.Dict)
	sort.Slice(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	b.wlist, b.plist, b.words, b.pairs = nil, nil, nil, nil
	return files, st
}

// sortVariants puts the spellings of w in order of how many pages have them, most first (the
// first is the one a word typed without marks most likely means), and returns the postings
// with their masks renumbered.
func (w *wordList) sortVariants() []byte {
	order := make([]int, len(w.variants))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return w.vcount[order[i]] > w.vcount[order[j]] })
	if sort.IntsAreSorted(order) {
		return w.buf
	}
	newBit := make([]uint, len(order))
	vs := make([]string, len(order))
	for to, from := range order {
		newBit[from] = uint(to)
		vs[to] = w.variants[from]
	}
	w.variants = vs
	out := make([]byte, 0, len(w.buf))
	buf := w.buf
	for i := 0; i < int(w.df); i++ {
		_, k := binary.Uvarint(buf)
		out = append(out, buf[:k+1]...)
		buf = buf[k+1:]
		mask, k := binary.Uvarint(buf)
		buf = buf[k:]
		var m uint64
		for b := range newBit {
			if mask&(1<<uint(b)) != 0 {
				m |= 1 << newBit[b]
			}
		}
		out = binary.AppendUvarint(out, m)
	}
	return out
}

// stripMasks drops the variant masks of a word with a single spelling: every posting has it.
func stripMasks(buf []byte, n int) []byte {
	out := make([]byte, 0, len(buf))
	for i := 0; i < n; i++ {
		d, k := binary.Uvarint(buf)
		out = append(out, buf[:k+1]...)
		buf = buf[k+1:]
		_ = d
		_, k = binary.Uvarint(buf)
		buf = buf[k:]
	}
	return out
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// sorted returns the facets by key (the slug of the name), an order that does not depend on
// the order pages came in; the search page lists them by name.
func (f *facetSet) sorted() []Facet {
	out := append([]Facet(nil), f.items...)
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	if out == nil {
		out = []Facet{}
	}
	return out
}

func (f *facetSet) remap(sorted []Facet) []int32 {
	pos := map[string]int32{}
	for i, x := range sorted {
		pos[x.Key] = int32(i)
	}
	out := make([]int32, len(f.items))
	for i, x := range f.items {
		out[i] = pos[x.Key]
	}
	return out
}

// jsLess compares two strings as JavaScript does: by UTF-16 code units.
func jsLess(a, b string) bool {
	for a != "" && b != "" {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb {
			return utf16Key(ra) < utf16Key(rb)
		}
		a, b = a[na:], b[nb:]
	}
	return a == "" && b != ""
}

// utf16Key orders runes by their first UTF-16 code unit, then the second.
func utf16Key(r rune) uint32 {
	if r < 0x10000 {
		return uint32(r) << 16
	}
	h, l := utf16.EncodeRune(r)
	return uint32(h)<<16 | uint32(l)
}
