package build

import (
	"sort"

	"github.com/btnmt/cchc/internal/report"
	"github.com/btnmt/cchc/internal/site"
)

// A generator adds to a build what no single Markdown file writes: taxonomies, the procedure
// registry, plan progress, calendars, exports. Each lives in its own file and registers itself.
type generator interface {
	// Name orders generators, so that a build runs them in the same order every time.
	Name() string
	// Generate adds pages to the model (site.Add) and checks rules between pages. It runs after
	// the model is made and before Markdown is converted.
	Generate(s *site.Site, errs *report.ErrorList)
	// Write writes the generator's other files (exports, calendars) once every page is
	// rendered; deps records which sources each file read.
	Write(s *site.Site, out Output, errs *report.ErrorList)
}

// Output is where a generator writes its files.
type Output interface {
	// WriteFile writes a file of the site, relative to the destination ("thu-tuc-hanh-chinh/thu-tuc.json"),
	// recording the sources it read (paths relative to the site root).
	WriteFile(rel string, data []byte, reads ...string) error
}

// deferrable is a generator whose files may lag a moment behind in the preview: after an edit,
// the page reloads first and its files (a search index) follow in the background.
type deferrable interface {
	Deferrable() bool
}

var generators []generator

// register adds a generator; call it from an init function.
func register(g generator) {
	generators = append(generators, g)
	sort.Slice(generators, func(i, j int) bool { return generators[i].Name() < generators[j].Name() })
}

// output adapts a builder to Output, for one generator.
type output struct {
	b   *builder
	gen string
}

func (o output) WriteFile(rel string, data []byte, reads ...string) error {
	if err := o.b.target.WriteFile(rel, data); err != nil {
		return err
	}
	o.b.recordGenFile(o.gen, rel, reads)
	return nil
}

// recordGenFile records that a generator wrote rel, reading the sources.
func (b *builder) recordGenFile(gen, rel string, reads []string) {
	if b.deps != nil {
		b.deps.setFile(rel, append([]string(nil), reads...))
	}
	b.files.Add(1)
	b.mu.Lock()
	if b.genFiles == nil {
		b.genFiles = map[string]map[string]bool{}
	}
	if b.genFiles[gen] == nil {
		b.genFiles[gen] = map[string]bool{}
	}
	b.genFiles[gen][rel] = true
	if b.genReads == nil {
		b.genReads = map[string][]string{}
	}
	b.genReads[gen] = append(b.genReads[gen], reads...)
	b.mu.Unlock()
}
