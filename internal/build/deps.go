package build

import (
	"sort"
	"strings"
	"sync"
)

// Deps records which sources every output of a build read: its own Markdown file, the pages it
// lists or links to, the layouts and the config. Sources are paths relative to the site root
// ("content/tin-tuc/x.md", "site.yaml"); every layout counts as the one source "layouts/".
// A rebuild after a change redoes the outputs that read a changed source.
type Deps struct {
	mu    sync.Mutex
	reads map[string]map[string]bool // output → sources
	by    map[string]map[string]bool // source → outputs, kept with reads
}

// Shared sources every page reads.
const (
	SourceLayouts = "layouts/"
	SourceConfig  = "site.yaml"
)

func newDeps() *Deps {
	return &Deps{reads: map[string]map[string]bool{}, by: map[string]map[string]bool{}}
}

func (d *Deps) add(output string, sources ...string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	m := d.reads[output]
	if m == nil {
		m = map[string]bool{}
		d.reads[output] = m
	}
	for _, s := range sources {
		if s != "" {
			m[s] = true
			o := d.by[s]
			if o == nil {
				o = map[string]bool{}
				d.by[s] = o
			}
			o[output] = true
		}
	}
}

// Reads lists the sources an output read, sorted.
func (d *Deps) Reads(output string) []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	var out []string
	for s := range d.reads[output] {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
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
	seen := map[string]bool{}
	for _, c := range changed {
		for o := range d.by[c] {
			if !seen[o] {
				seen[o] = true
				outputs = append(outputs, o)
			}
		}
	}
	sort.Strings(outputs)
	return outputs, false
}
