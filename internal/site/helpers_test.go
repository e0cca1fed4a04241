package site_test

import (
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/btnmt/cchc/internal/config"
	"github.com/btnmt/cchc/internal/content"
	"github.com/btnmt/cchc/internal/decode"
	"github.com/btnmt/cchc/internal/report"
	"github.com/btnmt/cchc/internal/site"
)

// now is the build time of the tests.
var now = time.Date(2020, 6, 1, 12, 0, 0, 0, decode.Location)

// fm returns a Markdown file with front matter: title, date (omitted when "") and extra lines.
func fm(title, date string, extra ...string) string {
	var b strings.Builder
	b.WriteString("---\ntitle: \"" + title + "\"\n")
	if date != "" {
		b.WriteString("date: " + date + "\n")
	}
	for _, e := range extra {
		b.WriteString(e + "\n")
	}
	b.WriteString("---\nNội dung.\n")
	return b.String()
}

// cfgFor returns the config of a site deployed at baseURL ("/", "/cchc/", "https://…").
func cfgFor(t *testing.T, baseURL string) *config.Config {
	t.Helper()
	c, err := config.Load(t.TempDir(), baseURL)
	if err != nil {
		t.Fatalf("config for %q: %v", baseURL, err)
	}
	return c
}

// siteInput is what a test site is made of, all in memory.
type siteInput struct {
	base   string            // base URL; "/" when empty
	pages  map[string]string // content-relative path → Markdown
	files  []content.File    // content files that are not pages
	static []string          // files under static/
	opts   site.Options      // Now defaults to now
}

// build parses every page (which must parse) and builds the model.
func build(t *testing.T, in siteInput) (*site.Site, report.ErrorList) {
	t.Helper()
	if in.base == "" {
		in.base = "/"
	}
	if in.opts.Now.IsZero() {
		in.opts.Now = now
	}
	src := &content.Source{Files: in.files}
	for rel, data := range in.pages {
		p, errs := content.Parse(rel, []byte(data))
		if len(errs) > 0 {
			t.Fatalf("Parse(%s): %v", rel, report.ErrorList(errs))
		}
		src.Pages = append(src.Pages, p)
	}
	sort.Slice(src.Pages, func(i, j int) bool { return src.Pages[i].Rel < src.Pages[j].Rel })
	s, errs := site.New(cfgFor(t, in.base), src, in.static, in.opts)
	if s == nil {
		t.Fatal("site.New returned nil")
	}
	return s, errs
}

// mustBuild builds a site that must have no problem.
func mustBuild(t *testing.T, in siteInput) *site.Site {
	t.Helper()
	s, errs := build(t, in)
	if len(errs) > 0 {
		t.Fatalf("site.New: %v", errs)
	}
	return s
}

// page returns the published page of a content-relative path.
func page(t *testing.T, s *site.Site, rel string) *site.Page {
	t.Helper()
	p, ok := s.BySource(rel)
	if !ok {
		t.Fatalf("no published page for %s", rel)
	}
	return p
}

func urls(ps []*site.Page) string {
	var u []string
	for _, p := range ps {
		u = append(u, p.URL)
	}
	return strings.Join(u, " ")
}

func titles(ps []*site.Page) string {
	var u []string
	for _, p := range ps {
		u = append(u, p.Title)
	}
	return strings.Join(u, ", ")
}
