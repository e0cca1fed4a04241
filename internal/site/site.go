package site

import (
	"fmt"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/btnmt/cchc/internal/config"
	"github.com/btnmt/cchc/internal/content"
	"github.com/btnmt/cchc/internal/report"
	"github.com/btnmt/cchc/internal/slug"
)

// Options says which pages a build publishes.
type Options struct {
	Drafts  bool      // include pages marked draft
	Future  bool      // include pages whose publishDate (or date) is after Now
	Expired bool      // include pages whose expiryDate is before Now
	Now     time.Time // the build time; pages are published relative to it
	// Cache, when set, keeps what New works out of each parsed page for the next model made
	// of the same parses (the preview makes one after every edit).
	Cache *Cache
}

// Cache keeps the URL and output of every page of a model, by its parse, and the order of
// its pages, by source.
type Cache struct {
	urls map[*content.Page][2]string
	rank map[string]int // place in Site.Pages, by source path
}

// NewCache returns an empty Cache.
func NewCache() *Cache { return &Cache{} }

// Site is the model of a whole site.
type Site struct {
	Config  *config.Config
	Options Options

	Home     *Page
	Sections []*Page // the top-level sections, by weight then Vietnamese title order
	Pages    []*Page // every single page, newest first
	// All is every page and list, in URL order: pages added since the model was made (Add)
	// come last until SortAll.
	All     []*Page
	Aliases []Alias
	Menu    []MenuEntry
	// Taxonomies are the taxonomies that have terms, in a fixed order (linh_vuc, don_vi, tags).
	Taxonomies []*Taxonomy

	byURL    map[string]*Page
	bySource map[string]*Page  // content-relative path → published page
	skipped  map[string]string // content-relative path → why it is not published
	broken   map[string]string // content-relative path of a page that failed to parse → its likely URL
	files    map[string]bool   // site-relative paths of copied files: "/css/site.css", "/tin-tuc/x/anh.jpg"
	owners   map[string]Origin // URL or file path → the source that produces it, for duplicate errors
	Files    []File            // content files copied to the output
	sorted   int               // All[:sorted] is in URL order
}

// File is a content file copied to the output.
type File struct {
	Source string // path on disk
	Path   string // relative to the site root, for messages: "content/tin-tuc/x/anh.jpg"
	Output string // relative to the destination: "tin-tuc/x/anh.jpg"
}

// Alias is an old URL that redirects to a page.
type Alias struct {
	URL    string // site-relative: "/tin-tuc/ten-cu/"
	Output string // "tin-tuc/ten-cu/index.html"
	Target *Page
}

// New builds the model from the decoded content. staticFiles lists the files under static/
// (slash-separated, relative to static/), which links may point to. Every problem is returned.
func New(cfg *config.Config, src *content.Source, staticFiles []string, opts Options) (*Site, report.ErrorList) {
	n := len(src.Pages)
	s := &Site{
		Config:   cfg,
		Options:  opts,
		byURL:    make(map[string]*Page, 2*n),
		bySource: make(map[string]*Page, n),
		skipped:  map[string]string{},
		broken:   map[string]string{},
		files:    make(map[string]bool, len(staticFiles)+len(src.Files)),
		owners:   make(map[string]Origin, 2*n+len(staticFiles)+len(src.Files)),
	}
	var errs report.ErrorList
	for _, f := range staticFiles {
		s.claim("/"+f, Origin{Path: "static/" + f}, &errs)
		s.files["/"+f] = true
	}
	var prevURLs, urls map[*content.Page][2]string
	if opts.Cache != nil {
		prevURLs, urls = opts.Cache.urls, make(map[*content.Page][2]string, n)
		defer func() { opts.Cache.urls = urls }()
	}

	for _, rel := range src.Broken {
		if u, err := pageURL(&content.Page{Rel: rel, Path: "content/" + rel, Index: path.Base(rel) == "_index.md", Bundle: path.Base(rel) == "index.md"}); err == nil {
			s.broken[rel] = u
		}
	}
	sections := map[string]*Page{}
	for _, cp := range src.Pages {
		if why := s.unpublished(cp); why != "" {
			s.skipped[cp.Rel] = why
			continue
		}
		p := &Page{Source: cp, Site: s, Section: cp.Section, Title: cp.Title, Description: cp.Description,
			Date: cp.Date.Time, Lastmod: cp.Lastmod.Time, Draft: cp.Draft, Weight: cp.Weight}
		if p.Lastmod.IsZero() {
			p.Lastmod = p.Date
		}
		if pd := publishTime(cp); pd.After(opts.Now) {
			p.Future = true
		}
		if c, ok := prevURLs[cp]; ok {
			p.URL, p.Output = c[0], c[1]
		} else {
			url, err := pageURL(cp)
			if err != nil {
				errs.Add(err)
				continue
			}
			p.URL, p.Output = url, outputFor(url)
		}
		if opts.Cache != nil {
			urls[cp] = [2]string{p.URL, p.Output}
		}
		switch {
		case cp.Index && cp.Rel == "_index.md":
			p.Type = TypeHome
			s.Home = p
		case cp.Index:
			p.Type = TypeSection
			sections[path.Dir(cp.Rel)] = p
		default:
			p.Type = TypePage
			p.Kind = cp.Kind
			s.Pages = append(s.Pages, p)
		}
		if !s.claim(p.URL, Origin{Path: cp.Path, Line: cp.KeyLine("slug")}, &errs) {
			continue
		}
		s.byURL[p.URL] = p
		s.bySource[cp.Rel] = p
	}

	if s.Home == nil {
		s.Home = &Page{Type: TypeHome, Site: s, URL: "/", Title: cfg.Title, Description: cfg.Description}
		s.claim("/", Origin{What: "trang chủ (tạo tự động)"}, &errs)
		s.byURL["/"] = s.Home
	}
	// Every top-level folder with pages is a section, with or without its _index.md.
	for _, p := range s.Pages {
		if p.Section == "" {
			p.Parent = s.Home
			continue
		}
		sec, ok := sections[p.Section]
		if !ok {
			sec = &Page{Type: TypeSection, Site: s, Section: p.Section, URL: "/" + slug.Make(p.Section) + "/", Title: sectionTitle(p.Section)}
			sections[p.Section] = sec
			// The section is made for its first page: a collision is reported at that file.
			if s.claim(sec.URL, Origin{Path: p.Source.Path, What: "mục " + p.Section + " (tạo tự động cho " + p.Source.Path + ")"}, &errs) {
				s.byURL[sec.URL] = sec
			}
		}
		p.Parent = sec
	}
	for dir, sec := range sections {
		if sec.Section == "" {
			sec.Section = strings.Split(dir, "/")[0]
		}
		if !strings.Contains(dir, "/") {
			s.Sections = append(s.Sections, sec)
			sec.Parent = s.Home
		} else if top, ok := sections[strings.Split(dir, "/")[0]]; ok {
			sec.Parent = top
		} else {
			sec.Parent = s.Home
		}
		if k := content.KindOf(sec.Section); k != nil {
			sec.Kind = k
		}
	}
	s.sortPages(opts.Cache)
	// The lists of the sections, in the order of s.Pages: a page in a deeper folder with its own
	// _index.md belongs to that list as well.
	for _, p := range s.Pages {
		if p.Section == "" {
			continue
		}
		for d := path.Dir(p.Source.Rel); d != "." && d != p.Section; d = path.Dir(d) {
			if sub, ok := sections[d]; ok {
				sub.Pages = append(sub.Pages, p)
			}
		}
		sec := sections[p.Section]
		sec.Pages = append(sec.Pages, p)
	}
	for _, sec := range sections {
		for i, p := range sec.Pages {
			if p.Parent != sec {
				continue
			}
			if i > 0 {
				p.Next = sec.Pages[i-1]
			}
			if i+1 < len(sec.Pages) {
				p.Prev = sec.Pages[i+1]
			}
		}
	}
	sort.SliceStable(s.Sections, func(i, j int) bool {
		a, b := s.Sections[i], s.Sections[j]
		if a.Weight != b.Weight {
			return weightLess(a.Weight, b.Weight)
		}
		return Compare(a.Title, b.Title) < 0
	})
	s.Home.Sections = s.Sections
	s.Home.Pages = s.Pages

	s.addFiles(src.Files, &errs)
	s.addAliases(&errs)
	for _, p := range s.byURL {
		if p.Output == "" {
			p.Output = outputFor(p.URL)
		}
	}
	for _, p := range s.byURL {
		s.All = append(s.All, p)
	}
	sort.Slice(s.All, func(i, j int) bool { return s.All[i].URL < s.All[j].URL })
	s.sorted = len(s.All)
	errs.Sort()
	return s, errs
}

// Origin says what produces a URL, for the error when two sources produce the same one: a file
// (with the line that made the URL, when known) or a description of a generated page.
type Origin struct {
	Path string // relative to the site root; "" for a generated page
	Line int
	What string // a description, for generated pages and special cases
}

// String names the origin in messages.
func (o Origin) String() string {
	if o.What != "" {
		return o.What
	}
	return o.Path
}

// Add registers a generated page (a taxonomy, a procedure page, …) at its URL; it reports a
// collision with any other source of the same URL.
func (s *Site) Add(p *Page, origin string, errs *report.ErrorList) bool {
	return s.AddFrom(p, Origin{What: origin}, errs)
}

// AddFrom is Add with the origin's file and line, so that a collision is reported there.
func (s *Site) AddFrom(p *Page, origin Origin, errs *report.ErrorList) bool {
	p.Site = s
	if !s.claim(p.URL, origin, errs) {
		return false
	}
	p.Output = outputFor(p.URL)
	s.byURL[p.URL] = p
	// Appended: inserting each in its place would move the whole list every time.
	s.All = append(s.All, p)
	return true
}

// SortAll puts the pages added since the model was made in their place in All. A build calls it
// once every generator has added its pages.
func (s *Site) SortAll() {
	if s.sorted == len(s.All) {
		return
	}
	added := s.All[s.sorted:]
	sort.Slice(added, func(i, j int) bool { return added[i].URL < added[j].URL })
	all := make([]*Page, 0, len(s.All))
	a, b := s.All[:s.sorted], added
	for len(a) > 0 && len(b) > 0 {
		if a[0].URL < b[0].URL {
			all, a = append(all, a[0]), a[1:]
		} else {
			all, b = append(all, b[0]), b[1:]
		}
	}
	s.All = append(append(all, a...), b...)
	s.sorted = len(s.All)
}

// claim records that origin writes url; a second origin for the same URL is an error, reported
// at the second origin's file and line when it has one, else at the first's.
func (s *Site) claim(url string, origin Origin, errs *report.ErrorList) bool {
	key := strings.TrimSuffix(url, "index.html")
	if prev, ok := s.owners[key]; ok {
		at, other := origin, prev
		if at.Path == "" {
			at, other = prev, origin
		}
		errs.Add(report.Errorf(at.Path, at.Line, "đường dẫn %s trùng với %s (và %s); hai nguồn không thể cùng ghi ra một địa chỉ — hãy đổi tên tệp, đặt khoá slug khác hoặc bỏ địa chỉ đó", url, other, at))
		return false
	}
	s.owners[key] = origin
	return true
}

func (s *Site) unpublished(p *content.Page) string {
	o := s.Options
	if p.Draft && !o.Drafts {
		return "là bản nháp (draft: true)"
	}
	if pd := publishTime(p); pd.After(o.Now) && !o.Future {
		return "có ngày đăng " + pd.Format("02/01/2006") + " chưa đến"
	}
	if e := p.ExpiryDate; e.IsSet() && !e.After(o.Now) && !o.Expired {
		return "đã hết hạn từ ngày " + e.Format("02/01/2006") + " (expiryDate)"
	}
	return ""
}

func publishTime(p *content.Page) time.Time {
	if p.PublishDate.IsSet() {
		return p.PublishDate.Time
	}
	return p.Date.Time
}

func weightLess(a, b int) bool {
	// Pages with a weight come first, lighter first; weight 0 means "not set".
	switch {
	case a == 0:
		return false
	case b == 0:
		return true
	}
	return a < b
}

// SortPages orders pages the way lists show them: by weight when set, newest first, then by
// title in Vietnamese order, then by URL so that the order is total.
func SortPages(ps []*Page) {
	sort.SliceStable(ps, func(i, j int) bool { return listLess(ps[i], ps[j]) })
}

// sortPages puts s.Pages in list order (SortPages), starting from the order of the last model
// of the cache, in which they mostly are already.
func (s *Site) sortPages(c *Cache) {
	if c != nil && c.rank != nil {
		// Each page at its last place, new pages after them all.
		slots := make([]*Page, len(c.rank))
		var added []*Page
		for _, p := range s.Pages {
			if r, ok := c.rank[p.Source.Path]; ok {
				slots[r] = p
			} else {
				added = append(added, p)
			}
		}
		ordered := s.Pages[:0]
		for _, p := range slots {
			if p != nil {
				ordered = append(ordered, p)
			}
		}
		s.Pages = append(ordered, added...)
	}
	if !sorted(s.Pages) {
		SortPages(s.Pages)
	}
	if c != nil {
		c.rank = make(map[string]int, len(s.Pages))
		for i, p := range s.Pages {
			c.rank[p.Source.Path] = i
		}
	}
}

func listLess(a, b *Page) bool {
	if a.Weight != b.Weight {
		return weightLess(a.Weight, b.Weight)
	}
	if !a.Date.Equal(b.Date) {
		return a.Date.After(b.Date)
	}
	if c := Compare(a.Title, b.Title); c != 0 {
		return c < 0
	}
	return a.URL < b.URL
}

// sorted tells whether pages are in SortPages order.
func sorted(ps []*Page) bool {
	for i := 1; i < len(ps); i++ {
		if listLess(ps[i], ps[i-1]) {
			return false
		}
	}
	return true
}

func sectionTitle(section string) string {
	if k := content.KindOf(section); k != nil {
		return k.Label
	}
	t := strings.ReplaceAll(section, "-", " ")
	if t == "" {
		return section
	}
	return strings.ToUpper(t[:1]) + t[1:]
}

// outputFor returns the file written for a URL: "/tin-tuc/x/" → "tin-tuc/x/index.html".
func outputFor(url string) string {
	if strings.HasSuffix(url, "/") {
		return strings.TrimPrefix(url, "/") + "index.html"
	}
	return strings.TrimPrefix(url, "/")
}

// pageURL computes a page's URL from its path and front matter slug.
func pageURL(p *content.Page) (string, error) {
	dir := path.Dir(p.Rel)
	name := strings.TrimSuffix(path.Base(p.Rel), path.Ext(p.Rel))
	switch {
	case p.Index:
		name = ""
	case p.Bundle:
		name = path.Base(dir)
		dir = path.Dir(dir)
	}
	var segs []string
	if dir != "." {
		for _, d := range strings.Split(dir, "/") {
			sd := slug.Make(d)
			if sd == "" {
				return "", report.Errorf(p.Path, 0, "thư mục %q không tạo được đường dẫn (slug rỗng): tên thư mục cần có chữ hoặc số", d)
			}
			segs = append(segs, sd)
		}
	}
	if p.Index && p.Slug != "" {
		return "", report.Errorf(p.Path, p.KeyLine("slug"), "\"slug\" không dùng được cho trang mục (_index.md): đường dẫn của mục là tên thư mục")
	}
	if !p.Index {
		var last string
		if p.Slug != "" {
			last = slug.Make(p.Slug)
			if last == "" {
				return "", report.Errorf(p.Path, p.KeyLine("slug"), "\"slug\" %q không tạo được đường dẫn (chỉ có ký hiệu); hãy dùng chữ hoặc số, ví dụ slug: \"hoi-nghi-cchc\"", p.Slug)
			}
		} else {
			last = slug.Make(name)
			if last == "" {
				return "", report.Errorf(p.Path, 0, "tên tệp %q không tạo được đường dẫn (slug rỗng); hãy đặt tên tệp có chữ hoặc số, hoặc thêm khoá slug vào front matter", path.Base(p.Rel))
			}
		}
		segs = append(segs, last)
	}
	if len(segs) == 0 {
		return "/", nil
	}
	return "/" + strings.Join(segs, "/") + "/", nil
}

func (s *Site) addFiles(files []content.File, errs *report.ErrorList) {
	for _, f := range files {
		var out string
		if f.Bundle != "" {
			owner, ok := s.bySource[f.Bundle]
			if !ok {
				continue // the bundle is not published: neither are its files
			}
			rest := strings.TrimPrefix(f.Rel, path.Dir(f.Bundle)+"/")
			out = strings.TrimPrefix(owner.URL, "/") + rest
			owner.Resources = append(owner.Resources, rest)
		} else {
			segs := strings.Split(f.Rel, "/")
			for i := range segs[:len(segs)-1] {
				segs[i] = slug.Make(segs[i])
			}
			out = strings.Join(segs, "/")
		}
		if !s.claim("/"+out, Origin{Path: "content/" + f.Rel}, errs) {
			continue
		}
		s.files["/"+out] = true
		s.Files = append(s.Files, File{Source: f.Abs, Path: "content/" + f.Rel, Output: out})
	}
}

func (s *Site) addAliases(errs *report.ErrorList) {
	for _, p := range s.Pages {
		for _, a := range p.Source.Aliases {
			u, err := cleanAlias(a)
			if err != nil {
				errs.Add(report.Errorf(p.Source.Path, p.Source.KeyLine("aliases"), "\"aliases\": %v", err))
				continue
			}
			if u == p.URL {
				errs.Add(report.Errorf(p.Source.Path, p.Source.KeyLine("aliases"), "\"aliases\": %s là chính địa chỉ của bài này; hãy xoá dòng đó", u))
				continue
			}
			if !s.claim(u, Origin{Path: p.Source.Path, Line: p.Source.KeyLine("aliases"), What: "aliases của " + p.Source.Path}, errs) {
				continue
			}
			s.Aliases = append(s.Aliases, Alias{URL: u, Output: outputFor(u), Target: p})
		}
	}
	sort.Slice(s.Aliases, func(i, j int) bool { return s.Aliases[i].URL < s.Aliases[j].URL })
}

// cleanAlias checks an old URL and returns it in canonical form.
func cleanAlias(a string) (string, error) {
	a = strings.TrimSpace(a)
	switch {
	case !strings.HasPrefix(a, "/") || strings.HasPrefix(a, "//"):
		return "", fmt.Errorf("%q phải là một đường dẫn trong chuyên trang, bắt đầu bằng \"/\", ví dụ /tin-tuc/ten-cu/", a)
	case strings.ContainsAny(a, "\\?#\x00 "):
		return "", fmt.Errorf("%q có ký tự không được phép (\\, ?, #, dấu cách)", a)
	}
	for _, seg := range strings.Split(a, "/") {
		if seg == ".." || seg == "." {
			return "", fmt.Errorf("%q không được chứa \"..\" hay \".\"", a)
		}
	}
	c := path.Clean(a)
	if c == "/" {
		return "", fmt.Errorf("%q là trang chủ; không thể chuyển hướng trang chủ", a)
	}
	if path.Ext(c) != ".html" {
		c += "/"
	}
	return c, nil
}

// ByURL returns the page at a site-relative URL.
func (s *Site) ByURL(url string) (*Page, bool) {
	p, ok := s.byURL[url]
	return p, ok
}

// BySource returns the published page of a content-relative path ("tin-tuc/x.md").
func (s *Site) BySource(rel string) (*Page, bool) {
	p, ok := s.bySource[rel]
	return p, ok
}
