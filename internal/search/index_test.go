package search

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"encoding/json"
	"io"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// decoded is an index read back: what tim-kiem.js reads, for the tests.
type decoded struct {
	manifest Manifest
	words    map[string]wordEntry
	pairs    map[string][]posting
	dict     map[string]int
	frags    []fragmentJSON
	docs     struct {
		Kinds  []int   `json:"k"`
		Fields [][]int `json:"f"`
	}
	files map[string][]byte
}

type wordEntry struct {
	variants []string
	postings []posting
}

type posting struct {
	doc   int
	flags uint8
	mask  uint64
}

func gunzip(t *testing.T, data []byte) []byte {
	t.Helper()
	r, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("not gzip: %v", err)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

type reader struct {
	b []byte
	t *testing.T
}

func (r *reader) uv() uint64 {
	x, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.t.Fatalf("bad varint")
	}
	r.b = r.b[n:]
	return x
}

func (r *reader) str() string {
	n := int(r.uv())
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

// build indexes docs and reads the result back.
func build(t *testing.T, opts Options, docs ...Doc) *decoded {
	t.Helper()
	b := NewBuilder(opts)
	d := &decoded{words: map[string]wordEntry{}, pairs: map[string][]posting{}, dict: map[string]int{}, files: map[string][]byte{}}
	var files []File
	for _, doc := range docs {
		files = append(files, b.Add(doc)...)
	}
	rest, _ := b.Finish()
	files = append(files, rest...)
	for _, f := range files {
		if _, dup := d.files[f.Name]; dup {
			t.Fatalf("%s written twice", f.Name)
		}
		d.files[f.Name] = f.Data
	}
	if err := json.Unmarshal(d.files[ManifestName], &d.manifest); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(gunzip(t, d.files[DocsName]), &d.docs); err != nil {
		t.Fatal(err)
	}
	for i, first := range d.manifest.Words {
		r := &reader{gunzip(t, d.files[WordPrefix+strconv.Itoa(i)+".bin"]), t}
		n := int(r.uv())
		type head struct {
			fold     string
			df       int
			variants []string
			size     int
		}
		var heads []head
		for k := 0; k < n; k++ {
			h := head{fold: r.str(), df: int(r.uv())}
			nv := int(r.uv())
			for v := 0; v < nv; v++ {
				h.variants = append(h.variants, r.str())
			}
			h.size = int(r.uv())
			heads = append(heads, h)
		}
		if heads[0].fold != first {
			t.Errorf("shard %d starts with %q, the manifest says %q", i, heads[0].fold, first)
		}
		for _, h := range heads {
			pr := &reader{r.b[:h.size], t}
			r.b = r.b[h.size:]
			var ps []posting
			doc := 0
			for k := 0; k < h.df; k++ {
				doc += int(pr.uv())
				p := posting{doc: doc, flags: pr.b[0]}
				pr.b = pr.b[1:]
				if len(h.variants) > 1 {
					p.mask = pr.uv()
				} else {
					p.mask = 1
				}
				ps = append(ps, p)
			}
			if len(pr.b) != 0 {
				t.Errorf("%s: %d bytes left", h.fold, len(pr.b))
			}
			d.words[h.fold] = wordEntry{h.variants, ps}
		}
	}
	for i := range d.manifest.Pairs {
		r := &reader{gunzip(t, d.files[PairPrefix+strconv.Itoa(i)+".bin"]), t}
		n := int(r.uv())
		type head struct {
			key      string
			df, size int
		}
		var heads []head
		for k := 0; k < n; k++ {
			heads = append(heads, head{r.str(), int(r.uv()), int(r.uv())})
		}
		for _, h := range heads {
			pr := &reader{r.b[:h.size], t}
			r.b = r.b[h.size:]
			doc := 0
			for k := 0; k < h.df; k++ {
				doc += int(pr.uv())
				d.pairs[h.key] = append(d.pairs[h.key], posting{doc: doc, flags: pr.b[0]})
				pr.b = pr.b[1:]
			}
		}
	}
	for i := range d.manifest.Dict {
		r := &reader{gunzip(t, d.files[DictPrefix+strconv.Itoa(i)+".bin"]), t}
		n := int(r.uv())
		for k := 0; k < n; k++ {
			w := r.str()
			d.dict[w] = int(r.uv())
		}
	}
	for i := 0; i*d.manifest.Fragments < d.manifest.Docs; i++ {
		var list []fragmentJSON
		if err := json.Unmarshal(gunzip(t, d.files[FragmentDir+strconv.Itoa(i)+".bin"]), &list); err != nil {
			t.Fatal(err)
		}
		d.frags = append(d.frags, list...)
	}
	return d
}

func docsOf(d *decoded, w string) []int {
	var out []int
	for _, p := range d.words[w].postings {
		out = append(out, p.doc)
	}
	return out
}

// fragmentJSON is what a result shows, as tim-kiem.js reads it.
type fragmentJSON struct {
	URL   string   `json:"u"`
	Title string   `json:"t"`
	Kind  string   `json:"k,omitempty"`
	Date  string   `json:"d,omitempty"` // "16/03/2020"
	ISO   string   `json:"i,omitempty"` // "2020-03-16"
	Field []string `json:"f,omitempty"`
	Codes []string `json:"c,omitempty"`
	Desc  string   `json:"s,omitempty"`
	Text  string   `json:"x,omitempty"`
}

var day = time.Date(2020, 3, 16, 8, 30, 0, 0, time.FixedZone("ICT", 7*3600))

func TestBuilderPostings(t *testing.T) {
	d := build(t, Options{},
		Doc{URL: "/a/", Title: "Cải cách hành chính", Kind: "tin-tuc", KindLabel: "Tin tức", Date: day,
			Fields: []Facet{{"dat-dai", "Đất đai"}}, Body: "Cải cách thủ tục. Cải cách thể chế, cải cách."},
		Doc{URL: "/b/", Title: "Cái cách nhìn", Kind: "tin-tuc", KindLabel: "Tin tức", Body: "Cải thiện cách làm."},
		Doc{URL: "/c/", Title: "Quyết định", Kind: "van-ban", KindLabel: "Văn bản", Codes: []string{"1234/QĐ-BTNMT"},
			Headings: []string{"Điều 1"}, Description: "Về cải cách", Meta: []string{"1.004227"}, Body: "hành\nchính"},
	)
	if d.manifest.Docs != 3 {
		t.Fatalf("docs %d", d.manifest.Docs)
	}
	if got := docsOf(d, "cai"); !reflect.DeepEqual(got, []int{0, 1, 2}) {
		t.Errorf("cai in %v", got)
	}
	// Spellings, most used first: "cải" is in three pages, "cái" in one.
	cai := d.words["cai"]
	if want := []string{"cai~\u0309", "cai~\u0301"}; !reflect.DeepEqual(cai.variants, want) {
		t.Errorf("variants of cai: %q, want %q", cai.variants, want)
	}
	if m := cai.postings[1].mask; m != 3 {
		t.Errorf("page b has cái and cải: mask %b", m)
	}
	if f := cai.postings[0].flags; f&FlagTitle == 0 || f&FlagBody == 0 || f>>tfShift != 1 {
		t.Errorf("cai in page a: flags %08b (title, body, 3 times in the body)", f)
	}
	if f := cai.postings[2].flags; f != FlagDescription {
		t.Errorf("cai in page c: flags %08b, want description only", f)
	}
	// Codes are found whole and by parts; the page's own code is flagged as such.
	for _, w := range []string{"1234/qd-btnmt", "1234", "qd", "btnmt"} {
		if got := d.words[w].postings; len(got) != 1 || got[0].flags&FlagCode == 0 {
			t.Errorf("%s: %+v", w, got)
		}
	}
	if got := d.words["1.004227"].postings; len(got) != 1 || got[0].flags != FlagMeta {
		t.Errorf("1.004227: %+v", got)
	}
	// Adjacent words make pairs; words apart, across a sentence or a line, do not.
	if got := d.pairs["cai cach"]; len(got) != 3 || got[1].flags != FlagTitle {
		t.Errorf("cai cach in %+v", got)
	}
	if _, ok := d.pairs["tuc cai"]; ok {
		t.Errorf("a pair across a full stop")
	}
	if _, ok := d.pairs["thien cach"]; !ok {
		t.Errorf("thien cach missing")
	}
	if _, ok := d.pairs["hanh chinh"]; !ok {
		t.Errorf("hanh chinh missing")
	} else if got := d.pairs["hanh chinh"]; len(got) != 1 {
		t.Errorf("hành\\nchính is a pair: %+v", got)
	}
	if _, ok := d.pairs["1234 qd"]; !ok {
		t.Errorf("the parts of a code are pairs")
	}
	if d.dict["cai"] != 3 || d.dict["1234/qd-btnmt"] != 1 {
		t.Errorf("dict: cai %d, code %d", d.dict["cai"], d.dict["1234/qd-btnmt"])
	}
	// Filters.
	if len(d.manifest.Kinds) != 2 || d.manifest.Kinds[1].Key != "van-ban" || !reflect.DeepEqual(d.docs.Kinds, []int{0, 0, 1}) {
		t.Errorf("kinds %+v %v", d.manifest.Kinds, d.docs.Kinds)
	}
	if !reflect.DeepEqual(d.docs.Fields, [][]int{{0}, {}, {}}) {
		t.Errorf("fields %v", d.docs.Fields)
	}
	// What results show.
	f := d.frags[0]
	if f.URL != "/a/" || f.Title != "Cải cách hành chính" || f.Kind != "Tin tức" || f.Date != "16/03/2020" || f.ISO != "2020-03-16" ||
		!reflect.DeepEqual(f.Field, []string{"Đất đai"}) || !strings.HasPrefix(f.Text, "Cải cách thủ tục.") {
		t.Errorf("fragment %+v", f)
	}
	if d.frags[2].Codes[0] != "1234/QĐ-BTNMT" {
		t.Errorf("fragment codes %v", d.frags[2].Codes)
	}
}

func TestBuilderShardsAndDeterminism(t *testing.T) {
	var docs []Doc
	for i := 0; i < 60; i++ {
		docs = append(docs, Doc{URL: "/p" + strconv.Itoa(i) + "/", Title: "Trang " + strconv.Itoa(i) + " về địa phương",
			Kind: "tin-tuc", KindLabel: "Tin tức",
			Body: strings.Repeat("Cải cách hành chính ở địa phương số "+strconv.Itoa(i*7)+". ", 1+i%5)})
	}
	opts := Options{ShardBytes: 300, DictBytes: 100, FragmentsPerFile: 7}
	a := build(t, opts, docs...)
	if len(a.manifest.Words) < 5 || len(a.manifest.Pairs) < 5 || len(a.manifest.Dict) < 3 {
		t.Errorf("small shards: %d word, %d pair, %d dict shards", len(a.manifest.Words), len(a.manifest.Pairs), len(a.manifest.Dict))
	}
	// Every word is in the shard a binary search of the manifest finds, as in tim-kiem.js.
	for w := range a.words {
		i := sort.Search(len(a.manifest.Words), func(i int) bool { return jsLess(w, a.manifest.Words[i]) }) - 1
		r := &reader{gunzip(t, a.files[WordPrefix+strconv.Itoa(i)+".bin"]), t}
		if !bytes.Contains(r.b, []byte(w)) {
			t.Errorf("%q not in shard %d", w, i)
		}
	}
	if len(a.frags) != 60 || a.frags[59].URL != "/p59/" {
		t.Errorf("%d fragments", len(a.frags))
	}
	if got := docsOf(a, "dia"); len(got) != 60 {
		t.Errorf("dia in %d pages", len(got))
	}
	// The same documents give the same bytes; one change gives another version.
	b := build(t, opts, docs...)
	if !reflect.DeepEqual(a.files, b.files) {
		t.Errorf("two builds differ")
	}
	docs[59].URL = "/p59-moi/"
	c := build(t, opts, docs...)
	if c.manifest.Version == a.manifest.Version {
		t.Errorf("a new URL kept the version %s", a.manifest.Version)
	}
}

func TestBuilderEmpty(t *testing.T) {
	d := build(t, Options{})
	if d.manifest.Docs != 0 || len(d.manifest.Words) != 0 || d.manifest.Kinds == nil {
		t.Errorf("empty index: %+v", d.manifest)
	}
}

func TestJSLess(t *testing.T) {
	// JavaScript compares UTF-16 code units: an astral character (a surrogate pair, from
	// 0xD800) sorts before U+E000..U+FFFF, unlike in UTF-8 byte order.
	tests := []struct {
		a, b string
		less bool
	}{
		{"a", "b", true},
		{"ab", "a", false},
		{"a", "ab", true},
		{"\U0001F600", "\uffff", true},
		{"\uffff", "\U0001F600", false},
		{"dia", "dia", false},
		{"d", "đ", true},
	}
	for _, tt := range tests {
		if got := jsLess(tt.a, tt.b); got != tt.less {
			t.Errorf("jsLess(%q, %q) = %v", tt.a, tt.b, got)
		}
	}
}

func TestAppendJSONString(t *testing.T) {
	for _, s := range []string{"", "Địa phương", `a"b\c`, "line\nnext\ttab\r\x01\x1f", "\u2028\u2029", "</script>&<>", "1234/QĐ-BTNMT", "\U0001F600"} {
		var got string
		if err := json.Unmarshal(appendJSONString(nil, s), &got); err != nil || got != s {
			t.Errorf("%q: %q, %v", s, got, err)
		}
	}
	var got string
	if err := json.Unmarshal(appendJSONString(nil, "a\xffb"), &got); err != nil || got != "a\ufffdb" {
		t.Errorf("invalid UTF-8: %q, %v", got, err)
	}
}
