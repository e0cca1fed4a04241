package build

import (
	"hash/maphash"
	"sync/atomic"
	"time"

	"github.com/btnmt/cchc/internal/site"
)

// Signatures let the preview make the model again after a change to front matter, or after a
// file was added or removed, and render only the outputs whose inputs changed: every output
// gets a signature of everything it is rendered from, and an output whose signature is the
// same as in the last build keeps its bytes.
//
// What a page is rendered from is the layout, the config (a change to either rebuilds
// everything), the page itself and the pages it shows. The page and every page it shows are
// summed up by their version: what the page's source says (a number the session gives every
// parse of a file), what its Markdown made (a number per conversion), and what the model made
// of it (URL, title, dates, terms, the data a generator gave it). The pages a page shows are
// those of its place in the site (readPages), those its generator recorded (Page.Reads), and
// those its data shows (sigData). Besides, a page's signature holds the facts of its place that
// no version holds: the numbers of its pager, its ancestors' titles, the menu.

var sigSeed = maphash.MakeSeed()

// hasher sums up what an output is rendered from. With b set it hashes versions of pages; with
// reads set it collects the sources a page's data shows (for Deps); either may be nil.
type hasher struct {
	h     uint64
	b     *builder
	reads *[]string
}

func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}

func (h *hasher) u64(v uint64) { h.h = mix(h.h + v + 0x9e3779b97f4a7c15) }

func (h *hasher) str(s string) {
	if h.b != nil {
		h.u64(maphash.String(sigSeed, s))
	}
}

func (h *hasher) strs(list []string) {
	h.int(len(list))
	for _, s := range list {
		h.str(s)
	}
}

func (h *hasher) int(i int) { h.u64(uint64(i)) }

func (h *hasher) bool(v bool) {
	if v {
		h.u64(1)
	} else {
		h.u64(2)
	}
}

func (h *hasher) time(t time.Time) {
	h.u64(uint64(t.Unix()))
	h.int(t.Nanosecond())
	if h.b != nil && !t.IsZero() {
		h.str(t.Location().String())
	}
}

// page sums up a page that data shows, and records its source as read.
func (h *hasher) page(p *site.Page) {
	if p == nil {
		h.u64(0)
		return
	}
	if h.reads != nil && p.Path() != "" {
		*h.reads = append(*h.reads, p.Path())
	}
	if h.b != nil {
		h.u64(h.b.version(p))
	}
}

func (h *hasher) pages(ps []*site.Page) {
	h.int(len(ps))
	for _, p := range ps {
		h.page(p)
	}
}

// sigData is implemented by the Data of generated pages: it sums up everything of the data that
// a layout may show (exported fields and what methods return), with h.page for every page it
// shows. Data that does not implement it makes its page be rendered at every rebuild.
type sigData interface {
	sigData(h *hasher)
}

// sigItem is implemented by data of which other pages (lists, neighbours) show less than its
// own page does: it sums up that part.
type sigItem interface {
	sigItem(h *hasher)
}

// dataReads returns the sources that p's data shows.
func dataReads(p *site.Page) []string {
	d, ok := p.Data.(sigData)
	if !ok {
		return nil
	}
	var reads []string
	d.sigData(&hasher{reads: &reads})
	return reads
}

// sigState is what the signatures of a build need: the versions of the sources, and the
// versions of pages and data worked out so far.
type sigState struct {
	srcSeq func(path string) uint64 // the version of a source, by path relative to the site root
	vers   map[*site.Page]uint64
	refs   map[*site.Page]uint64
	terms  map[*site.Term]uint64
	memo   map[any]uint64
	global uint64
	// frozen is set while signatures are worked out in parallel: the maps are only read.
	frozen bool
}

// convSeq numbers conversions: a page's content changed when its conversion did.
var convSeq atomic.Uint64

// unknownSeq numbers data that cannot be summed up: such a page is new at every build.
var unknownSeq atomic.Uint64

// version sums up what other pages may show of p: its source, its content and what the model
// made of it.
func (b *builder) version(p *site.Page) uint64 {
	st := b.sig
	if v, ok := st.vers[p]; ok {
		return v
	}
	if st.frozen {
		return b.versionOf(p)
	}
	// A page that its own data shows (through another page) stands for itself by its URL.
	st.vers[p] = maphash.String(sigSeed, p.URL)
	v := b.versionOf(p)
	st.vers[p] = v
	return v
}

// versionOf works out the version of p.
func (b *builder) versionOf(p *site.Page) uint64 {
	h := &hasher{b: b}
	if seq := b.sourceSeq(p); seq != 0 {
		// What the model takes from the source (URL, title, dates, …) is the source's.
		h.u64(seq)
	} else {
		h.str(string(p.Type))
		h.str(p.URL)
		h.str(p.Title)
		h.str(p.Description)
		h.time(p.Date)
		h.time(p.Lastmod)
		h.bool(p.Draft)
		h.bool(p.Future)
		h.int(p.Weight)
		h.str(p.Section)
		h.str(p.KindLabel())
	}
	if c := b.conv[p.Path()]; p.Source != nil && c != nil {
		h.u64(c.id)
	}
	h.strs(p.Resources)
	h.strs(p.ExtraIDs)
	h.int(len(p.Pages))
	for _, t := range p.Site.Taxonomies {
		terms := p.Terms(t.Key)
		h.int(len(terms))
		for _, term := range terms {
			h.u64(b.termRef(term))
		}
	}
	switch d := p.Data.(type) {
	case nil:
		h.u64(0)
	case sigItem:
		d.sigItem(h)
	case sigData:
		d.sigData(h)
	case *site.Term:
		termSig(h, d)
	case *site.Taxonomy:
		h.memo(d, func(h *hasher) {
			taxSig(h, d)
			h.int(len(d.Terms))
			for _, t := range d.Terms {
				h.str(t.Name)
				h.str(t.URL)
				h.ref(t.Page)
				h.int(len(t.Pages))
			}
		})
	default:
		h.u64(unknownSeq.Add(1))
	}
	return h.h
}

func termSig(h *hasher, t *site.Term) {
	h.str(t.Name)
	h.str(t.Slug)
	h.str(t.URL)
	h.int(len(t.Pages))
	taxSig(h, t.Tax)
}

func taxSig(h *hasher, t *site.Taxonomy) {
	h.str(t.Key)
	h.str(t.Name)
	h.str(t.Plural)
	h.str(t.URL)
}

// sourceSeq returns the version of the source of a page whose URL, title, dates, weight and kind
// the model takes from its source alone, 0 for other pages (generated ones, and those a
// generator took over). The session numbers every file it reads.
func (b *builder) sourceSeq(p *site.Page) uint64 {
	if p.Source == nil {
		return 0
	}
	switch p.Type {
	case site.TypePage, site.TypeHome, site.TypeSection:
		return b.sig.srcSeq(p.Source.Path)
	}
	return 0
}

// refOf sums up what a page shows of another in a breadcrumb or a link: its URL and title, and
// its source, which the page reads.
func (b *builder) refOf(p *site.Page) uint64 {
	if p == nil {
		return 0
	}
	if v, ok := b.sig.refs[p]; ok {
		return v
	}
	h := &hasher{b: b}
	if seq := b.sourceSeq(p); seq != 0 {
		h.u64(seq)
	} else {
		h.str(p.Path())
		h.str(p.URL)
		h.str(p.Title)
		h.str(string(p.Type))
	}
	if !b.sig.frozen {
		b.sig.refs[p] = h.h
	}
	return h.h
}

// termRef sums up what a page shows of a term it carries: its name and URL.
func (b *builder) termRef(t *site.Term) uint64 {
	if v, ok := b.sig.terms[t]; ok {
		return v
	}
	h := &hasher{b: b}
	h.str(t.Name)
	h.str(t.URL)
	if !b.sig.frozen {
		b.sig.terms[t] = h.h
	}
	return h.h
}

// memo sums up a value shared by many pages once per build.
func (h *hasher) memo(key any, f func(h *hasher)) {
	if h.b == nil {
		return
	}
	st := h.b.sig
	v, ok := st.memo[key]
	if !ok {
		sub := &hasher{b: h.b}
		f(sub)
		v = sub.h
		if !st.frozen {
			st.memo[key] = v
		}
	}
	h.u64(v)
}

// ref sums up what a page shows of another in a breadcrumb or a link (see refOf).
func (h *hasher) ref(p *site.Page) {
	if h.b != nil {
		h.u64(h.b.refOf(p))
	}
}

// globalSig sums up what every page shows of the whole site: the menu, the sections, the
// taxonomies and the files, whose existence decides whether a link of a layout is valid.
func (b *builder) globalSig(files []string) uint64 {
	h := &hasher{b: b}
	s := b.site
	for _, m := range s.Menu {
		h.str(m.Name)
		h.str(m.URL)
		h.ref(m.Page)
	}
	h.int(len(s.Sections))
	for _, sec := range s.Sections {
		h.ref(sec)
	}
	h.int(len(s.Taxonomies))
	for _, t := range s.Taxonomies {
		h.str(t.Key)
		h.str(t.Plural)
		h.ref(t.Page)
	}
	h.strs(files)
	return h.h
}

// pageSigs works out the signatures of pages rendered with layouts, on every CPU where it can:
// first, in parallel, the versions of pages without generated data, which need nothing else;
// then, one after the other, the signatures of pages whose data or reads may need other pages'
// versions or sums shared by many; last, in parallel, the other signatures, which only read
// versions.
func (b *builder) pageSigs(pages []*site.Page, layouts []string) []uint64 {
	sigs := make([]uint64, len(pages))
	var plain, rest []int
	for i, p := range pages {
		switch p.Data.(type) {
		case nil, *site.Term:
			plain = append(plain, i)
			if len(p.Reads) <= 16 {
				rest = append(rest, i)
			}
		}
	}
	for _, tax := range b.site.Taxonomies {
		for _, t := range tax.Terms {
			b.termRef(t) // worked out once here, read below
		}
	}
	vers := make([]uint64, len(plain))
	b.sig.frozen = true
	parallel(len(plain), func(k int) { vers[k] = b.versionOf(pages[plain[k]]) })
	b.sig.frozen = false
	for k, i := range plain {
		b.sig.vers[pages[i]] = vers[k]
	}
	for _, p := range pages {
		for a, n := p.Parent, 0; a != nil && n < 32; a, n = a.Parent, n+1 {
			b.refOf(a) // worked out once here, read below
		}
	}
	next := 0
	for i, p := range pages {
		if next < len(rest) && rest[next] == i {
			next++
			continue
		}
		sigs[i] = b.pageSig(p, layouts[i])
	}
	b.sig.frozen = true
	parallel(len(rest), func(k int) { sigs[rest[k]] = b.pageSig(pages[rest[k]], layouts[rest[k]]) })
	b.sig.frozen = false
	return sigs
}

// pageSig sums up everything the page p is rendered from with the layout.
func (b *builder) pageSig(p *site.Page, layout string) uint64 {
	h := &hasher{b: b}
	h.u64(b.sig.global)
	h.str(layout)
	h.u64(b.version(p))
	if _, ok := p.Data.(sigItem); ok {
		if d, ok := p.Data.(sigData); ok {
			d.sigData(h) // what the page shows of its own data, beyond what lists show
		}
	}
	for a, n := p.Parent, 0; a != nil && a != p && n < 32; a, n = a.Parent, n+1 {
		h.ref(a)
	}
	h.page(p.Prev)
	h.page(p.Next)
	if pg := p.Pager; pg != nil {
		// The other pages of the list are at the first's URL and a number.
		h.int(pg.Number)
		h.int(pg.Total)
		h.int(pg.Count)
		h.ref(pg.First)
		for _, l := range pg.Links {
			h.int(l.Number)
			h.bool(l.Current)
			h.bool(l.Gap)
		}
		h.pages(pg.Items)
	} else {
		h.pages(p.Pages)
	}
	h.pages(p.Related)
	h.int(len(p.Sections))
	for _, sec := range p.Sections {
		h.ref(sec)
		h.int(len(sec.Pages))
	}
	if len(p.Reads) > 16 {
		// Long lists (every notice) are shared by many pages: sum each up once.
		h.memo(readsKey{&p.Reads[0], len(p.Reads)}, func(h *hasher) { b.sumReads(h, p.Reads) })
	} else {
		b.sumReads(h, p.Reads)
	}
	return h.h
}

type readsKey struct {
	first *string
	n     int
}

// sumReads sums up the versions of sources.
func (b *builder) sumReads(h *hasher, reads []string) {
	for _, r := range reads {
		h.str(r)
		if q := b.pageByPath(r); q != nil {
			h.u64(b.version(q))
		} else {
			h.u64(b.sig.srcSeq(r))
		}
	}
}

// genInput sums up the versions of what a generator read.
func (b *builder) genInput(reads []string) uint64 {
	h := &hasher{b: b}
	b.sumReads(h, reads)
	return h.h | 1 // never 0, which means unknown
}

// linkSig sums up where a link to a source, a file or a redirect can lead in s: the pages of
// sources with their URLs, the redirects, the files and the sources that are not published.
// Links to generated pages are not summed up: they are looked at again (see reusable).
func linkSig(s *site.Site) uint64 {
	var x uint64
	add := func(a, b string) {
		x ^= mix(maphash.String(sigSeed, a) + 31*maphash.String(sigSeed, b))
	}
	for _, p := range s.All {
		if p.Source != nil {
			add(p.URL, p.Path())
		}
	}
	for _, a := range s.Aliases {
		add(a.URL, a.Target.URL)
	}
	for _, u := range s.LinkTargets() {
		add(u, "")
	}
	return x | 1
}
