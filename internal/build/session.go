package build

import (
	"bytes"
	"errors"
	"hash/maphash"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/btnmt/cchc/internal/config"
	"github.com/btnmt/cchc/internal/content"
	"github.com/btnmt/cchc/internal/publish"
	"github.com/btnmt/cchc/internal/report"
	"github.com/btnmt/cchc/internal/site"
)

// Session builds a site again and again into memory, for the preview server. It keeps what the
// last build read and made, and after a change redoes only what the change touches: a change
// to the body of a page converts that page again and renders the outputs that read it (its
// lists, its neighbours, the pages linking to it, the feeds); a change to front matter, or an
// added, moved or removed file, makes the model again and reuses every conversion that is
// still valid; a change to a layout or to the config rebuilds everything.
type Session struct {
	opts Options

	mu   sync.Mutex
	cfg  *config.Config
	in   *sessionInputs
	b    *builder // the last build, successful or not
	out  *Snapshot
	good bool // the state is that of a successful build: the fast path may build on it
	// pending are the generators whose files the fast path left for Catchup.
	pending map[string]bool
	// made is what the outputs of the last good snapshot were made from, nil before the first:
	// a build of the model renders only the outputs whose signature changed.
	made *made
	// stale are the pages and staleExtras the feeds and sitemap a build of the model left for
	// CatchupPages, with the builder of their model (that of the last good snapshot, even after
	// a failed build) and their signatures, which go in made once they are rendered.
	stale       []*site.Page
	staleExtras []extra
	staleB      *builder
	staleSigs   map[string]uint64
	// modelSeq is the last version given to a source when the model was last made: the pages
	// whose source has a later one were edited since.
	modelSeq uint64
}

// made is what the outputs of a snapshot were made from.
type made struct {
	sigs   map[string]uint64 // signature of every page, feed, sitemap and redirect, by output
	gens   map[string]genRun // what every generator wrote, by name
	copies map[string]copied // every file copied, by output
	// sections sums up which sources are published, by top folder of content/ ("" for the
	// files at its root): a generator runs again when a page is added to or taken from a folder
	// it reads from.
	sections map[string]uint64
}

// genRun is what a generator wrote and read.
type genRun struct {
	files []string
	reads []string
	input uint64 // sums up the versions of reads when it ran; 0 when unknown: it runs again
}

// copied is the file a copy was made from.
type copied struct {
	src string // the file on disk, or the theme's file
	seq uint64 // its version then
}

// Snapshot is one complete, immutable output of a session: what the preview serves.
type Snapshot struct {
	Files   map[string][]byte // by path relative to the output root: "tin-tuc/x/index.html"
	Version int
	Result  *Result
	// Stale are the files whose bytes are those of an earlier build until Session.CatchupPages
	// renders them (pages of lists after the first, after a build of the model): they must not
	// be served from this snapshot. nil when none.
	Stale map[string]bool
}

// Stats tells what a rebuild did.
type Stats struct {
	Full      bool          // everything was rebuilt (layout or config change, or first build)
	Model     bool          // the model was made again (front matter changed, files added or removed)
	Converted int           // pages whose Markdown was converted
	Rendered  int           // outputs rendered or written
	Duration  time.Duration // from the call to the new snapshot
}

// sessionInputs are the content and static files, kept by path so that a change reads only
// the files it names.
type sessionInputs struct {
	entries  map[string]content.Entry       // content files by rel
	pages    map[string]*content.Page       // parsed pages by rel; absent when the file has errors
	pageErrs map[string][]*report.FileError // parse errors by rel
	static   staticSet
	// seq is the version of every page and of every other file read again since the session
	// began, by path relative to the site root: a number that changes whenever it is read again,
	// created or removed. Other files never read again have version 0.
	seq map[string]uint64

	// last is what assemble made last, with Assemble's own problems and the place of every page
	// in it; reread lists the pages read again since, and stale tells that the set of files
	// changed since: then assemble starts again from the files.
	last     *inputs
	lastErrs report.ErrorList
	at       map[string]int
	reread   []string
	stale    bool
}

// sourceSeq numbers the versions of sources.
var sourceSeq atomic.Uint64

// touch gives the file at path (relative to the site root) a new version.
func (in *sessionInputs) touch(path string) { in.seq[path] = sourceSeq.Add(1) }

// seqOf returns the version of the file at path.
func (in *sessionInputs) seqOf(path string) uint64 { return in.seq[path] }

// NewSession returns a session for opts; nothing is built until Build.
func NewSession(opts Options) (*Session, error) {
	if opts.Source == "" {
		opts.Source = "."
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	opts.keepBodies = true
	if st, err := os.Stat(opts.Source); err != nil || !st.IsDir() {
		return nil, &UsageError{errors.New("không tìm thấy thư mục trang " + opts.Source + " (--source)")}
	}
	return &Session{opts: opts, pending: map[string]bool{}}, nil
}

// Pending tells whether some files lag behind the last snapshot (see Catchup).
func (s *Session) Pending() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.pending) > 0 && s.good || len(s.stale)+len(s.staleExtras) > 0
}

// CatchupPages renders the pages that the last build of the model left for later (see
// Snapshot.Stale) and returns the snapshot with them. The snapshot keeps its version: what the
// browser was shown did not change.
func (s *Session) CatchupPages() (*Snapshot, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.catchupPages()
}

func (s *Session) catchupPages() (*Snapshot, error) {
	if len(s.stale)+len(s.staleExtras) == 0 || s.out == nil {
		return s.out, nil
	}
	t := newMemTarget(s.out.Files)
	b := s.staleB
	b.target = t
	var errs report.ErrorList
	b.renderPages(s.stale, &errs)
	for _, x := range s.staleExtras {
		b.writeExtra(x, &errs)
	}
	if len(errs) > 0 {
		// The model made them: they render as the others did, unless a layout times out.
		errs.Sort()
		return nil, errs
	}
	for _, p := range s.stale {
		if sig, ok := s.staleSigs[p.Output]; ok {
			s.made.sigs[p.Output] = sig
		}
	}
	for _, x := range s.staleExtras {
		if sig, ok := s.staleSigs[x.out]; ok {
			s.made.sigs[x.out] = sig
		}
	}
	s.stale, s.staleExtras, s.staleSigs = nil, nil, nil
	s.out = &Snapshot{Files: t.files, Version: s.out.Version, Result: s.out.Result}
	return s.out, nil
}

// Catchup renders the pages (see CatchupPages) and writes the files (the search index) that
// the last rebuild left for later, and returns the snapshot with them. The snapshot keeps its
// version: what the browser was shown did not change.
func (s *Session) Catchup() (*Snapshot, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.catchupPages(); err != nil {
		return nil, err
	}
	if len(s.pending) == 0 || !s.good || s.out == nil {
		return s.out, nil
	}
	t := newMemTarget(s.out.Files)
	s.b.target = t
	var errs report.ErrorList
	for _, g := range generators {
		if s.pending[g.Name()] {
			// Its input stays unknown: the model may have changed in place since it was made.
			s.made.gens[g.Name()] = s.b.runGeneratorInto(g, t, s.made.gens[g.Name()], &errs)
		}
	}
	s.pending = map[string]bool{}
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	s.out = &Snapshot{Files: t.files, Version: s.out.Version, Result: s.out.Result}
	return s.out, nil
}

// Build builds everything from disk.
func (s *Session) Build() (*Snapshot, *Stats, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.full(time.Now())
}

func (s *Session) full(start time.Time) (*Snapshot, *Stats, error) {
	s.good = false
	cfg, err := config.Load(s.opts.Source, s.opts.BaseURL)
	if err != nil {
		return nil, &Stats{Full: true}, err
	}
	f := false
	cfg.Minify = &f // previews are read by people: keep the HTML as written
	s.cfg = cfg
	in, err := s.readAll()
	if err != nil {
		return nil, &Stats{Full: true}, err
	}
	s.in = in
	s.b = nil
	s.made = nil
	snap, st, err := s.model(start, true)
	if err == nil {
		// The first change to a body looks up its readers: the index is made now, in the
		// background while the editor opens the browser, rather than then.
		go s.b.deps.indexNow()
	}
	return snap, st, err
}

// model makes the model from the session's inputs and renders the outputs whose signature
// changed since the last good snapshot (every output when full, or before the first): the
// others keep their bytes. Generators run again when what they read changed; the search index
// is left for Catchup.
func (s *Session) model(start time.Time, full bool) (*Snapshot, *Stats, error) {
	st := &Stats{Full: full, Model: true}
	last := s.made
	var prevFiles map[string][]byte
	if full || last == nil || s.out == nil {
		last = &made{}
	} else {
		prevFiles = s.out.Files
	}
	t := newMemTarget(prevFiles)
	in := s.in.assemble()
	b, errs := prepareWith(s.opts, s.cfg, t, in, s.b)
	if b != nil {
		st.Converted = b.converted
		s.b = b
	}
	if b == nil || len(errs) > 0 {
		s.good = false
		st.Duration = time.Since(start)
		return nil, st, errs
	}
	b.sig = &sigState{srcSeq: s.in.seqOf, vers: make(map[*site.Page]uint64, len(b.site.All)), refs: map[*site.Page]uint64{}, terms: map[*site.Term]uint64{}, memo: map[any]uint64{}}
	next := &made{sigs: make(map[string]uint64, len(b.site.All)+len(b.site.Aliases)+16), gens: map[string]genRun{}, copies: map[string]copied{}}
	var files []string
	for _, f := range in.static {
		files = append(files, f.rel)
	}
	for _, f := range b.site.Files {
		files = append(files, f.Output)
	}
	b.sig.global = b.globalSig(files)

	// The pages whose signature changed, then the feeds, the sitemap and the redirects.
	var render, pages []*site.Page
	var layouts []string
	type kind struct{ typ, section string }
	layoutOf := map[kind]string{} // the layout is looked up by type and section
	for _, p := range b.site.All {
		k := kind{string(p.Type), p.Section}
		layout, ok := layoutOf[k]
		var err error
		if !ok {
			if layout, err = b.render.Lookup(p); err == nil {
				layoutOf[k] = layout
			}
		}
		if err != nil {
			render = append(render, p) // rendering reports the error
			continue
		}
		pages = append(pages, p)
		layouts = append(layouts, layout)
	}
	sigs := b.pageSigs(pages, layouts)
	kept := 0 // outputs of the last snapshot made again
	var stale []*site.Page
	staleSigs := map[string]uint64{}
	for i, p := range pages {
		sig := sigs[i]
		next.sigs[p.Output] = sig
		// A page whose signature is the same reads the same sources (the signature holds
		// them all): what the record of reads has for it is still true.
		old, ok := last.sigs[p.Output]
		if ok {
			kept++
		}
		if ok && old == sig && has(prevFiles, p.Output) {
			continue
		}
		if !full && has(prevFiles, p.Output) && !s.first(p) {
			// Pages that changed because others did follow in CatchupPages.
			stale = append(stale, p)
			staleSigs[p.Output] = sig
			next.sigs[p.Output] = 0 // not made yet
			continue
		}
		render = append(render, p)
	}
	b.renderPages(render, &errs)
	var written []string // the outputs of extras written again
	var staleExtras []extra
	for _, x := range b.extras(nil) {
		h := &hasher{b: b}
		x.sum(h)
		next.sigs[x.out] = h.h
		old, ok := last.sigs[x.out]
		if ok {
			kept++
		}
		switch {
		case ok && old == h.h && has(prevFiles, x.out):
			b.recordExtra(x)
		case !full && x.alias == nil && has(prevFiles, x.out):
			// Feeds and the sitemap, which no browser shows, follow in CatchupPages.
			staleExtras = append(staleExtras, x)
			staleSigs[x.out] = h.h
			next.sigs[x.out] = 0
		default:
			b.writeExtra(x, &errs)
			written = append(written, x.out)
		}
	}

	// The generators whose inputs changed: the search index follows in Catchup.
	next.sections = publishedSections(b.site)
	moved := map[string]bool{} // the folders that have pages added or taken away
	for sec, x := range next.sections {
		if last.sections[sec] != x {
			moved[sec] = true
		}
	}
	for sec := range last.sections {
		if _, ok := next.sections[sec]; !ok {
			moved[sec] = true
		}
	}
	s.pending = map[string]bool{}
	var ran []string // the generators run again
	for _, g := range b.generators() {
		run, ok := last.gens[g.Name()]
		if ok && run.input != 0 && !run.readsFrom(moved) && run.input == b.genInput(run.reads) {
			next.gens[g.Name()] = run
			continue
		}
		if d, ok := g.(deferrable); ok && d.Deferrable() && !full {
			s.pending[g.Name()] = true
			run.input = 0
			next.gens[g.Name()] = run
			continue
		}
		run = b.runGeneratorInto(g, t, run, &errs)
		run.input = b.genInput(run.reads)
		next.gens[g.Name()] = run
		ran = append(ran, g.Name())
	}
	copiesKept := b.copySome(in.static, last.copies, next.copies, s.in.seqOf, &errs)
	if len(errs) > 0 {
		// The record of reads now has what this build's outputs read: at the next build of
		// the model, they are made again whatever their signature.
		for _, p := range render {
			delete(last.sigs, p.Output)
		}
		for _, out := range written {
			delete(last.sigs, out)
		}
		for _, name := range ran {
			if run, ok := last.gens[name]; ok {
				run.input = 0
				last.gens[name] = run
			}
		}
		errs.Sort()
		s.good = false
		st.Rendered = t.writes()
		st.Duration = time.Since(start)
		return nil, st, errs
	}

	// What the last snapshot had and this one does not make is gone (the generators took out
	// their own files).
	if kept < len(last.sigs) || copiesKept < len(last.copies) {
		genFiles := map[string]bool{}
		for _, run := range next.gens {
			for _, f := range run.files {
				genFiles[f] = true
			}
		}
		for out := range prevFiles {
			if _, ok := next.sigs[out]; ok {
				continue
			}
			if _, ok := next.copies[out]; ok || genFiles[out] {
				continue
			}
			delete(t.files, out)
			b.deps.remove(out)
		}
	}
	s.good = true
	s.made = next
	s.stale, s.staleExtras, s.staleB, s.staleSigs = stale, staleExtras, b, staleSigs
	s.modelSeq = sourceSeq.Load()
	st.Rendered = t.writes()
	st.Duration = time.Since(start)
	return s.publish(t.files, b.result(in)), st, nil
}

// runGeneratorInto runs a generator into t and returns what it wrote and read, with input 0;
// the files of last, its previous run, that it did not write again are taken out of t.
func (b *builder) runGeneratorInto(g generator, t *memTarget, last genRun, errs *report.ErrorList) genRun {
	b.mu.Lock()
	delete(b.genFiles, g.Name())
	delete(b.genReads, g.Name())
	b.mu.Unlock()
	g.Write(b.site, output{b, g.Name()}, errs)
	b.mu.Lock()
	run := genRun{reads: compact(b.genReads[g.Name()])}
	for f := range b.genFiles[g.Name()] {
		run.files = append(run.files, f)
	}
	b.mu.Unlock()
	sort.Strings(run.files)
	for _, f := range last.files {
		if _, ok := slices.BinarySearch(run.files, f); !ok {
			t.remove(f)
			b.deps.remove(f)
		}
	}
	return run
}

func has(files map[string][]byte, out string) bool {
	_, ok := files[out]
	return ok
}

// wrote tells whether a generator's run wrote any of the outputs in want. The snapshot's record
// is asked, not the builder's: a build of the model leaves the files of the generators it did
// not run as they were.
func (run genRun) wrote(want map[string]bool) bool {
	for _, f := range run.files {
		if want[f] {
			return true
		}
	}
	return false
}

// publishedSections sums up which sources are published, by top folder.
func publishedSections(s *site.Site) map[string]uint64 {
	out := map[string]uint64{}
	for _, p := range s.All {
		if p.Source != nil {
			out[p.Source.Section] ^= mix(maphash.String(sigSeed, p.Source.Path))
		}
	}
	return out
}

// readsFrom tells whether a generator's run read from any of the top folders of content/ in
// moved; one that read no page at all may read any page that comes.
func (run genRun) readsFrom(moved map[string]bool) bool {
	if len(moved) == 0 {
		return false
	}
	pages := false
	for _, r := range run.reads {
		rel, ok := strings.CutPrefix(r, "content/")
		if !ok {
			continue
		}
		pages = true
		sec, _, nested := strings.Cut(rel, "/")
		if !nested {
			sec = ""
		}
		if moved[sec] {
			return true
		}
	}
	return !pages
}

// publish makes the next snapshot, with s.stale as its stale files.
func (s *Session) publish(files map[string][]byte, res *Result) *Snapshot {
	v := 1
	if s.out != nil {
		v = s.out.Version + 1
	}
	s.out = &Snapshot{Files: files, Version: v, Result: res}
	if len(s.stale)+len(s.staleExtras) > 0 {
		s.out.Stale = make(map[string]bool, len(s.stale)+len(s.staleExtras))
		for _, p := range s.stale {
			s.out.Stale[p.Output] = true
		}
		for _, x := range s.staleExtras {
			s.out.Stale[x.out] = true
		}
	}
	return s.out
}

// first tells whether a page changed by a build of the model is rendered before the reload,
// rather than in CatchupPages: a page whose source was edited since the model was last made,
// and the first page of a list (the home page, a section, a term, a generated list), which
// shows what was edited first.
func (s *Session) first(p *site.Page) bool {
	if p.Source != nil && s.in.seqOf(p.Source.Path) > s.modelSeq {
		return true
	}
	if p.Pager != nil {
		return p.Pager.Number == 1
	}
	return p.Type == site.TypeHome || p.Type == site.TypeTaxonomyIndex || len(p.Pages) > 0
}

// Last returns the last good snapshot, or nil.
func (s *Session) Last() *Snapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.out
}

// Rebuild brings the output up to date after the files named changed (paths relative to the
// site root or absolute, slash- or OS-separated; created, written, removed or renamed: the
// session looks at what is on disk now). It returns the new snapshot, or the errors of the
// site as it is now; the last good snapshot stays available from Last.
func (s *Session) Rebuild(changed []string) (*Snapshot, *Stats, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	start := time.Now()
	if s.cfg == nil || s.in == nil {
		return s.full(start)
	}
	var contentPaths, staticPaths []string
	for _, c := range changed {
		rel := s.relToSource(c)
		switch {
		case rel == "" || rel == ".":
			continue
		case rel == config.FileName || rel == "layouts" || strings.HasPrefix(rel, "layouts/") || rel == "archetypes" || strings.HasPrefix(rel, "archetypes/"):
			if strings.HasPrefix(rel, "archetypes") {
				continue // archetypes are read by `cchc new`, not by builds
			}
			return s.full(start)
		case rel == "content" || strings.HasPrefix(rel, "content/"):
			contentPaths = append(contentPaths, rel)
		case rel == "static" || strings.HasPrefix(rel, "static/"):
			staticPaths = append(staticPaths, rel)
		}
	}
	if len(contentPaths) == 0 && len(staticPaths) == 0 {
		if s.out == nil {
			return s.full(start)
		}
		return s.out, &Stats{Duration: time.Since(start)}, nil
	}
	if len(staticPaths) > 0 {
		static, err := listStatic(s.opts.Source, s.opts.ThemeStatic)
		if err != nil {
			return nil, &Stats{}, err
		}
		for _, sp := range staticPaths {
			for _, f := range append(s.in.static, static...) {
				if p := "static/" + f.rel; p == sp || strings.HasPrefix(p, sp+"/") {
					s.in.touch(p)
				}
			}
		}
		s.in.static = static
		s.in.stale = true
	}
	bodyOnly := s.good && len(staticPaths) == 0
	var touched []string // content-relative paths of pages read again
	for _, rel := range contentPaths {
		crel := strings.TrimPrefix(strings.TrimPrefix(rel, "content"), "/")
		changedPages, structural := s.in.update(s.opts.Source, crel)
		touched = append(touched, changedPages...)
		if structural {
			bodyOnly = false
		}
	}
	display := false // only title, description or lastmod changed: the model keeps its shape
	if bodyOnly {
		for _, rel := range touched {
			if !s.sameFront(rel) {
				bodyOnly = false
				if !s.displayOnly(rel) {
					display = false
					break
				}
				display = true
			}
		}
		if !bodyOnly && display {
			return s.bodies(start, touched, true)
		}
	}
	if !bodyOnly {
		return s.model(start, false)
	}
	return s.bodies(start, touched, false)
}

// displayOnly tells whether the page at rel differs from the model only in what pages show of
// it (title, description, lastmod) and in a way that cannot move it in any list: no other page
// has its weight and date, for which the title decides the order. A procedure notice is never
// display-only: the registry copies its lastmod and description to other pages.
func (s *Session) displayOnly(rel string) bool {
	now, ok := s.in.pages[rel]
	if !ok {
		return false
	}
	p, ok := s.b.site.BySource(rel)
	if !ok || p.Source == nil || p.Type != site.TypePage || isNotice(p) {
		return false
	}
	a, b := p.Source.FrontMatter, now.FrontMatter
	a.Title, a.Description, a.Lastmod = b.Title, b.Description, b.Lastmod
	if !sameValue(reflect.ValueOf(a), reflect.ValueOf(b)) || !sameValue(reflect.ValueOf(p.Source.Params), reflect.ValueOf(now.Params)) {
		return false
	}
	for _, q := range s.b.site.Pages {
		if q != p && q.Weight == p.Weight && q.Date.Equal(p.Date) {
			return false
		}
	}
	return true
}

// relToSource returns p relative to the site root, slash-separated, or "" when it lies outside.
func (s *Session) relToSource(p string) string {
	p = filepath.FromSlash(p)
	if filepath.IsAbs(p) {
		root, err := filepath.Abs(s.opts.Source)
		if err != nil {
			return ""
		}
		r, err := filepath.Rel(root, p)
		if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
			return ""
		}
		p = r
	}
	return path.Clean(filepath.ToSlash(p))
}

// sameFront tells whether the page at rel has the same front matter in the model as on disk
// now, line numbers aside: then only its body changed.
func (s *Session) sameFront(rel string) bool {
	now, ok := s.in.pages[rel]
	if !ok {
		return false
	}
	p, ok := s.b.site.BySource(rel)
	if !ok || p.Source == nil {
		return false
	}
	return sameValue(reflect.ValueOf(p.Source.FrontMatter), reflect.ValueOf(now.FrontMatter)) &&
		sameValue(reflect.ValueOf(p.Source.Params), reflect.ValueOf(now.Params)) &&
		p.Source.BodyLine == now.BodyLine
}

// sameValue compares two values deeply, leaving out fields named Line and unexported fields:
// the place of a key in the file does not change the page.
func sameValue(a, b reflect.Value) bool {
	if a.Kind() != b.Kind() {
		return false
	}
	switch a.Kind() {
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		return sameValue(a.Elem(), b.Elem())
	case reflect.Struct:
		if a.Type() != b.Type() {
			return false
		}
		if t, ok := a.Interface().(time.Time); ok {
			return t.Equal(b.Interface().(time.Time))
		}
		for i := 0; i < a.NumField(); i++ {
			f := a.Type().Field(i)
			if f.Name == "Line" || !f.IsExported() {
				continue
			}
			if !sameValue(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	case reflect.Slice:
		if a.Len() != b.Len() {
			return false
		}
		for i := 0; i < a.Len(); i++ {
			if !sameValue(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	}
	return reflect.DeepEqual(a.Interface(), b.Interface())
}

// bodies is the fast path: only the bodies of pages changed. It converts them again and renders
// the outputs that read them, on a copy of the last snapshot.
//
// With display set, the pages' titles, descriptions or lastmod changed too: they are updated in
// place, and every output that shows them is among those that read them.
func (s *Session) bodies(start time.Time, rels []string, display bool) (*Snapshot, *Stats, error) {
	b := s.b
	st := &Stats{}
	var changedPaths []string
	lastmod := false // a lastmod changed: the sitemap shows it
	for _, rel := range rels {
		p, _ := b.site.BySource(rel)
		p.Source = s.in.pages[rel]
		if display {
			p.Title, p.Description = p.Source.Title, p.Source.Description
			was := p.Lastmod
			p.Lastmod = p.Source.Lastmod.Time
			if p.Lastmod.IsZero() {
				p.Lastmod = p.Date
			}
			lastmod = lastmod || !p.Lastmod.Equal(was)
		}
		c := b.convertPage(p)
		b.conv[p.Path()] = c
		b.apply(p, c)
		changedPaths = append(changedPaths, p.Path())
		st.Converted++
	}
	// The errors of the site now: conversion problems of every page and every anchor (a page's
	// headings may have changed under links that point to them).
	var errs report.ErrorList
	all := b.sourcePages()
	for _, p := range all {
		for _, e := range b.conv[p.Path()].problems {
			errs.Add(e)
		}
	}
	b.checkAnchors(all, &errs)
	if len(errs) > 0 {
		errs.Sort()
		s.good = false
		st.Duration = time.Since(start)
		return nil, st, errs
	}

	t := newMemTarget(s.out.Files)
	b.target = t
	outputs, _ := b.deps.Affected(changedPaths)
	want := make(map[string]bool, len(outputs))
	for _, o := range outputs {
		want[o] = true
	}
	if !lastmod {
		// The sitemap shows the pages' addresses and lastmod, nothing else of them.
		delete(want, "sitemap.xml")
	}
	for o := range want {
		// The model the signatures were made from is changed in place: these outputs are
		// rendered again at the next build of the model.
		delete(s.made.sigs, o)
		delete(s.staleSigs, o)
	}
	var toRender []*site.Page
	for _, p := range b.site.All {
		if want[p.Output] {
			toRender = append(toRender, p)
		}
	}
	// Stale pages rendered now are not stale any more; the others wait for CatchupPages.
	stale := s.stale[:0:0]
	for _, p := range s.stale {
		if !want[p.Output] {
			stale = append(stale, p)
		}
	}
	staleExtras := s.staleExtras[:0:0]
	for _, x := range s.staleExtras {
		if !want[x.out] {
			staleExtras = append(staleExtras, x)
		}
	}
	b.badContent = map[*site.Page]bool{}
	errs = nil
	b.renderPages(toRender, &errs)
	for _, x := range b.extras(func(out string) bool { return want[out] }) {
		b.writeExtra(x, &errs)
	}
	runs := map[string]genRun{}
	for _, g := range b.generators() {
		if !s.made.gens[g.Name()].wrote(want) {
			continue
		}
		if d, ok := g.(deferrable); ok && d.Deferrable() {
			s.pending[g.Name()] = true
			continue
		}
		runs[g.Name()] = b.runGeneratorInto(g, t, s.made.gens[g.Name()], &errs)
	}
	st.Rendered = t.writes()
	st.Duration = time.Since(start)
	for name, run := range runs {
		// Its input stays unknown (the model changed in place), so that it runs again at the
		// next build of the model, which also puts right what a failed run left.
		s.made.gens[name] = run
	}
	if len(errs) > 0 {
		errs.Sort()
		s.good = false
		return nil, st, errs
	}
	s.stale, s.staleExtras = stale, staleExtras
	res := *s.out.Result
	return s.publish(t.files, &res), st, nil
}

func (s *Session) readAll() (*sessionInputs, error) {
	dir := filepath.Join(s.opts.Source, "content")
	entries, errs := content.List(s.opts.Source, dir, dir)
	in := &sessionInputs{entries: map[string]content.Entry{}, pages: map[string]*content.Page{}, pageErrs: map[string][]*report.FileError{}, seq: map[string]uint64{}}
	var pe []content.Entry
	for _, e := range entries {
		in.entries[e.Rel] = e
		if e.IsPage() {
			pe = append(pe, e)
		}
	}
	pages, perrs := content.ParseAll(pe)
	for i, e := range pe {
		if pages[i] != nil {
			in.pages[e.Rel] = pages[i]
		}
		in.touch("content/" + e.Rel) // every page has a version of its own
	}
	// Errors are kept by file, so that reading one file again replaces its errors.
	for _, e := range append(errs, perrs...) {
		rel := strings.TrimPrefix(e.Path, "content/")
		in.pageErrs[rel] = append(in.pageErrs[rel], e)
	}
	static, err := listStatic(s.opts.Source, s.opts.ThemeStatic)
	if err != nil {
		return nil, err
	}
	in.static = static
	return in, nil
}

// update reads again what is on disk at crel (relative to content/; a file or a folder, there
// or gone). It returns the pages read again, and whether the set of files changed or a file
// that is not a page was read again.
func (in *sessionInputs) update(source, crel string) (pages []string, structural bool) {
	dir := filepath.Join(source, "content")
	abs := filepath.Join(dir, filepath.FromSlash(crel))
	// Whatever was at crel or below it is forgotten first, then read again from disk.
	prefix := crel + "/"
	existed := map[string]bool{}
	for rel := range in.entries {
		if crel == "" || rel == crel || strings.HasPrefix(rel, prefix) {
			existed[rel] = true
		}
	}
	st, err := os.Stat(abs)
	var now []content.Entry
	var errs report.ErrorList
	switch {
	case err != nil && errors.Is(err, fs.ErrNotExist):
	case err != nil:
		errs.Add(report.Errorf("content/"+crel, 0, "không đọc được: %v", err))
	case st.IsDir():
		now, errs = content.List(source, dir, abs)
	default:
		if !content.Ignored(filepath.Base(abs)) {
			now = []content.Entry{{Rel: crel, Abs: abs}}
		}
	}
	seen := map[string]bool{}
	for _, e := range now {
		seen[e.Rel] = true
		in.touch("content/" + e.Rel)
		if !existed[e.Rel] {
			structural = true
		}
		in.entries[e.Rel] = e
		if !e.IsPage() {
			structural = true // copied again, and documents may show its size
			continue
		}
		p, perrs := content.ParseFile(e)
		delete(in.pages, e.Rel)
		in.pageErrs[e.Rel] = perrs
		if p != nil {
			in.pages[e.Rel] = p
		} else {
			structural = true
		}
		pages = append(pages, e.Rel)
	}
	for rel := range existed {
		if !seen[rel] {
			in.touch("content/" + rel)
			delete(in.entries, rel)
			delete(in.pages, rel)
			delete(in.pageErrs, rel)
			structural = true
		}
	}
	for _, e := range errs {
		in.pageErrs[strings.TrimPrefix(e.Path, "content/")] = append(in.pageErrs[strings.TrimPrefix(e.Path, "content/")], e)
		structural = true
	}
	sort.Strings(pages)
	if structural {
		in.stale = true
	} else {
		in.reread = append(in.reread, pages...)
	}
	return pages, structural
}

// assemble makes the inputs of a build from what the session holds. When only pages were read
// again since the last time, it puts their new parses in the last inputs' places.
func (in *sessionInputs) assemble() *inputs {
	if in.last != nil && !in.stale {
		pages := slices.Clone(in.last.src.Pages)
		patched := true
		for _, rel := range in.reread {
			i, ok := in.at[rel]
			p, parsed := in.pages[rel]
			if !ok || !parsed {
				patched = false
				break
			}
			pages[i] = p
		}
		if patched {
			src := *in.last.src
			src.Pages = pages
			in.last = &inputs{src: &src, errs: in.problems(in.lastErrs), static: in.static}
			in.reread = nil
			return in.last
		}
	}
	var pages []*content.Page
	var files []content.File
	var broken []string
	for rel, e := range in.entries {
		if e.IsPage() {
			if p, ok := in.pages[rel]; ok {
				pages = append(pages, p)
			} else {
				broken = append(broken, rel)
			}
		} else {
			files = append(files, content.File{Rel: e.Rel, Abs: e.Abs})
		}
	}
	src, errs := content.Assemble(pages, files)
	sort.Strings(broken)
	src.Broken = broken
	in.lastErrs = errs
	in.at = make(map[string]int, len(src.Pages))
	for i, p := range src.Pages {
		in.at[p.Rel] = i
	}
	in.last = &inputs{src: src, errs: in.problems(errs), static: in.static}
	in.reread, in.stale = nil, false
	return in.last
}

// problems returns Assemble's problems with those of reading and parsing the files, sorted.
func (in *sessionInputs) problems(assembled report.ErrorList) report.ErrorList {
	errs := append(report.ErrorList(nil), assembled...)
	for _, pe := range in.pageErrs {
		for _, e := range pe {
			errs.Add(e)
		}
	}
	errs.Sort()
	return errs
}

// memTarget is an output in memory that a rebuild may overwrite: it starts as a copy of the
// previous snapshot's files, so that the previous snapshot stays as it was.
type memTarget struct {
	mu     sync.Mutex
	files  map[string][]byte
	n      int
	seen   map[string]bool
	strict bool
}

func newMemTarget(prev map[string][]byte) *memTarget {
	files := make(map[string][]byte, len(prev)+64)
	for k, v := range prev {
		files[k] = v
	}
	return &memTarget{files: files, seen: map[string]bool{}, strict: prev == nil}
}

func (t *memTarget) WriteFile(rel string, data []byte) error {
	rel, err := cleanOutput(rel)
	if err != nil {
		return err
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.strict && t.seen[rel] {
		return errors.New("hai nguồn cùng ghi ra " + rel)
	}
	t.seen[rel] = true
	t.files[rel] = append([]byte(nil), data...)
	t.n++
	return nil
}

// WritePage stores the page with its fragments in, unminified as every page of a session.
func (t *memTarget) WritePage(rel string, page []byte, s publish.Splicer) error {
	var b bytes.Buffer
	s.Splice(&b, page, false)
	return t.WriteFile(rel, b.Bytes())
}

// WriteMinified stores the file as it is.
func (t *memTarget) WriteMinified(rel string, data []byte) error { return t.WriteFile(rel, data) }

func (t *memTarget) CopyFile(rel, src string) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return t.WriteFile(rel, data)
}

// remove takes a file out.
func (t *memTarget) remove(rel string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.files, rel)
}

func (t *memTarget) writes() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.n
}

// cleanOutput checks a path of the output: relative, slash-separated, inside the root.
func cleanOutput(rel string) (string, error) {
	c := path.Clean(rel)
	if rel == "" || strings.HasPrefix(rel, "/") || strings.ContainsAny(rel, "\\\x00") || c == ".." || strings.HasPrefix(c, "../") || c == "." {
		return "", errors.New("đường dẫn ra không hợp lệ: " + rel)
	}
	return c, nil
}
