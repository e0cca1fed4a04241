package render_test

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

// buildNow is the build time of the test sites.
var buildNow = time.Date(2021, 1, 1, 0, 0, 0, 0, decode.Location)

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

func cfgFor(t *testing.T, baseURL string) *config.Config {
	t.Helper()
	c, err := config.Load(t.TempDir(), baseURL)
	if err != nil {
		t.Fatalf("config for %q: %v", baseURL, err)
	}
	return c
}

// mustSite builds the model of an in-memory site that must have no problem.
func mustSite(t *testing.T, baseURL string, pages map[string]string) *site.Site {
	t.Helper()
	src := &content.Source{}
	for rel, data := range pages {
		p, errs := content.Parse(rel, []byte(data))
		if len(errs) > 0 {
			t.Fatalf("Parse(%s): %v", rel, report.ErrorList(errs))
		}
		src.Pages = append(src.Pages, p)
	}
	sort.Slice(src.Pages, func(i, j int) bool { return src.Pages[i].Rel < src.Pages[j].Rel })
	s, errs := site.New(cfgFor(t, baseURL), src, nil, site.Options{Now: buildNow})
	if len(errs) > 0 {
		t.Fatalf("site.New: %v", errs)
	}
	return s
}
