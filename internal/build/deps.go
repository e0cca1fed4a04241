package build

import (
	"slices"
	"sort"
	"strings"
	"sync"
)

// Deps records which sources every output of a build read: its own Markdown file, the pages it
// lists or links to, the layouts and the config. Sources are paths relative to the site root
// ("content/tin-tuc/x.md", "site.yaml"); every layout counts as the one source "layouts/".
// A rebuild after a change redoes the outputs that read a changed source.
//
// It is made to be cheap for a one-shot build of tens of thousands of pages: an output keeps a
// slice of sources (strings that share their bytes with the pages' paths), what every rendered
// page reads (the layouts, the config, the menu) is kept once, and the index from a source to
// its outputs is made only when Affected is first called, then kept up to date.
type Deps struct {
	mu     sync.Mutex
	shared []string             // what every rendered page reads
	reads  map[string]depsEntry // by output
	by     map[string][]string  // source → outputs; nil until Affected needs it
}

// depsEntry is what one output read, by origin, so that each origin can be recorded again
// without touching the others.
type depsEntry struct {
	page  bool     // a rendered page: it reads the shared sources too
	reads []string // what the page's place in the site or a generator made it read
	links []string // the pages its Markdown links to
}

// Shared sources every page reads.
const (
	SourceLayouts = "layouts/"
	SourceConfig  = "site.yaml"
)

func newDeps() *Deps {
	return &Deps{reads: map[string]depsEntry{}}
}

// setShared records what every rendered page reads besides the layouts and the config.
func (d *Deps) setShared(sources []string) {
	if d == nil {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.shared = compact(append([]string{SourceLayouts, SourceConfig}, sources...))
}

// setPage records what the rendered page at output read, in place of what it read before
// (its links aside). The Deps keep sources: the caller must not change it afterwards.
func (d *Deps) setPage(output string, sources []string) { d.set(output, true, sources, false) }

// setFile records what output (a feed, a generator's file) read, in place of what it read before.
func (d *Deps) setFile(output string, sources []string) { d.set(output, false, sources, false) }

// setLinks records the pages the Markdown of the page at output links to.
func (d *Deps) setLinks(output string, sources []string) { d.set(output, false, sources, true) }

func (d *Deps) set(output string, page bool, sources []string, links bool) {
	if d == nil {
		return // a build that keeps no record (see Result.Deps)
	}
	sources = compact(sources)
	d.mu.Lock()
	defer d.mu.Unlock()
	e := d.reads[output]
	var old, other []string
	if links {
		old, other, e.links = e.links, e.reads, sources
	} else {
		old, other, e.reads, e.page = e.reads, e.links, sources, page
	}
	d.reads[output] = e
	if d.by == nil || slices.Equal(old, sources) {
		return
	}
	// The index changes by what is read now and was not, and what was read and is not; what the
	// other origin reads stays either way.
	was, is := func(s string) bool { return slices.Contains(old, s) }, func(s string) bool { return slices.Contains(sources, s) }
	still := func(s string) bool { return slices.Contains(other, s) }
	if len(old)+len(sources)+len(other) > 64 { // a sitemap, a home page: sets rather than scans
		wasSet, isSet, otherSet := setOf(old), setOf(sources), setOf(other)
		was, is, still = func(s string) bool { return wasSet[s] }, func(s string) bool { return isSet[s] }, func(s string) bool { return otherSet[s] }
	}
	for _, s := range old {
		if !is(s) && !still(s) {
			d.by[s] = deleteOne(d.by[s], output)
		}
	}
	for _, s := range sources {
		if !was(s) && !still(s) {
			d.by[s] = append(d.by[s], output)
		}
	}
}

func setOf(list []string) map[string]bool {
	m := make(map[string]bool, len(list))
	for _, s := range list {
		m[s] = true
	}
	return m
}

// remove forgets an output.
func (d *Deps) remove(output string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	e, ok := d.reads[output]
	if !ok {
		return
	}
	delete(d.reads, output)
	if d.by != nil {
		for _, s := range append(e.reads, e.links...) {
			d.by[s] = deleteOne(d.by[s], output)
		}
	}
}

// Reads lists the sources an output read, sorted.
func (d *Deps) Reads(output string) []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	e, ok := d.reads[output]
	if !ok {
		return nil
	}
	var out []string
	if e.page {
		out = append(out, d.shared...)
	}
	out = append(append(out, e.reads...), e.links...)
	sort.Strings(out)
	return slices.Compact(out)
}

// Outputs lists every output recorded, sorted.
func (d *Deps) Outputs() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := make([]string, 0, len(d.reads))
	for o := range d.reads {
		out = append(out, o)
	}
	sort.Strings(out)
	return out
}

// Affected returns the outputs that read any of the changed sources, sorted. all is true when a
// change touches what every output reads (a layout, the config): everything must be redone.
func (d *Deps) Affected(changed []string) (outputs []string, all bool) {
	for _, c := range changed {
		if c == SourceConfig || strings.HasPrefix(c, SourceLayouts) {
			return nil, true
		}
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.by == nil {
		d.index()
	}
	seen := map[string]bool{}
	add := func(o string) {
		if !seen[o] {
			seen[o] = true
			outputs = append(outputs, o)
		}
	}
	for _, c := range changed {
		if slices.Contains(d.shared, c) {
			for o, e := range d.reads {
				if e.page {
					add(o)
				}
			}
		}
		for _, o := range d.by[c] {
			add(o)
		}
	}
	sort.Strings(outputs)
	return outputs, false
}

// indexNow makes the index from a source to its outputs now rather than at the first Affected,
// which a session calls at once after its first build.
func (d *Deps) indexNow() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.by == nil {
		d.index()
	}
}

// index makes the index from a source to the outputs that read it.
func (d *Deps) index() {
	n := map[string]int{}
	for _, e := range d.reads {
		for _, s := range e.reads {
			n[s]++
		}
		for _, s := range e.links {
			n[s]++
		}
	}
	d.by = make(map[string][]string, len(n))
	for o, e := range d.reads {
		for _, list := range [][]string{e.reads, e.links} {
			for _, s := range list {
				if d.by[s] == nil {
					d.by[s] = make([]string, 0, n[s])
				}
				d.by[s] = appendOnce(d.by[s], o)
			}
		}
	}
}

// compact returns the sources without "" and without repeats, in their first order, in a slice
// of their number; it may reuse the slice.
func compact(sources []string) []string {
	if len(sources) > 32 {
		seen := make(map[string]bool, len(sources))
		out := sources[:0]
		for _, s := range sources {
			if s != "" && !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
		return slices.Clip(out)
	}
	out := sources[:0]
	for i, s := range sources {
		// sources[:i] holds every value seen so far: those kept and those dropped.
		if s == "" || slices.Contains(sources[:i], s) {
			continue
		}
		out = append(out, s)
	}
	return slices.Clip(out)
}

func appendOnce(list []string, s string) []string {
	if n := len(list); n > 0 && list[n-1] == s {
		return list
	}
	return append(list, s)
}

func deleteOne(list []string, s string) []string {
	if i := slices.Index(list, s); i >= 0 {
		return slices.Delete(list, i, i+1)
	}
	return list
}
