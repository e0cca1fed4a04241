// Package quality is the project's quality gate. Its tests build the repository's example site
// once and check every page type of it: axe-core in headless Chromium (WCAG 2.1 A and AA), the Nu
// HTML Checker on every generated HTML file, strict parsing of the feeds, the sitemap and the
// calendars, keyboard navigation, and the Content-Security-Policy the default theme works under.
//
// The non-test helpers here (building the example site, serving it as a web server would, choosing
// one page of each type, finding the test tools) are shared with cmd/cchc-screenshots.
//
// The tools come from the npm project tools/qa (axe-core, vnu-jar), installed by .ci/run with
// `npm ci --prefix tools/qa`, and from the machine (Chromium, Java). A test whose tool is missing
// is skipped, unless the environment variable CCHC_REQUIRE_BROWSER is set (as in CI): then it fails.
package quality

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/btnmt/cchc"
	"github.com/btnmt/cchc/internal/build"
	"github.com/btnmt/cchc/internal/site"
)

// CSP is the Content-Security-Policy the default theme works under, and the one the tests serve
// the example site with:
//
//   - default-src 'self': fonts, manifests and anything not named below come from the site only.
//   - script-src 'self': only the theme's script files under /js/ (and, in `cchc serve`, its
//     /__cchc/livereload.js); no inline script and no inline event handler. The JSON-LD block
//     (<script type="application/ld+json">) is data, not script: browsers do not execute it, so
//     CSP does not apply to it.
//   - style-src 'self': only the style sheets under /css/; no style attribute in the theme or in
//     the Markdown output (table alignment is a class, not a style).
//   - img-src 'self' data:: images of the site; data: for the raster images Markdown allows.
//   - connect-src 'self' https:: the search index is fetched from the site; the feedback form
//     may post to an https endpoint of another host (gop_y.endpoint in site.yaml).
//   - form-action 'self' https: mailto:: the search form (the site), the feedback form (an https
//     endpoint, or mailto: when only an e-mail address is configured).
//   - frame-ancestors 'none': the pages are never framed (clickjacking); base-uri 'self'.
//   - object-src 'none': no plugins.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self' https:; form-action 'self' https: mailto:; frame-ancestors 'none'; " +
	"base-uri 'self'; object-src 'none'"

// vnZone is Vietnam's time zone.
var vnZone = time.FixedZone("ICT", 7*3600)

// Now is the fixed build time of the example site in the quality gate, so that the pages (what
// is upcoming, what is in force) do not change from day to day.
var Now = time.Date(2026, time.June, 15, 9, 0, 0, 0, vnZone)

// BasePath is the sub-path the example site is built and served under, as a ministry portal
// deploys it (https://monre.gov.vn/cchc/): links must carry it.
const BasePath = "/cchc/"

// RepoRoot returns the root of this repository: the nearest folder at or above the working
// directory whose go.mod declares the module github.com/btnmt/cchc.
func RepoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		b, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && strings.Contains(string(b), "module github.com/btnmt/cchc\n") {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("the repository root (go.mod of github.com/btnmt/cchc) is not at or above the working directory")
		}
		dir = parent
	}
}

// BuildExample builds the example site of the repository at root into dest, with the default
// theme, at the fixed time Now, for the base URL origin+BasePath (origin like
// "http://127.0.0.1:8080", or "" for a site-relative base).
func BuildExample(root, dest, origin string) (*build.Result, error) {
	return build.Build(build.Options{
		Source:       root,
		Dest:         dest,
		BaseURL:      strings.TrimSuffix(origin, "/") + BasePath,
		ThemeLayouts: cchc.ThemeLayouts(),
		ThemeStatic:  cchc.ThemeStatic(),
		Now:          Now,
	})
}

// Handler serves the built site in dir under the path base as a plain static web server would:
// a folder serves its index.html, a missing file the site's 404.html with status 404, only GET
// and HEAD; every answer carries the Content-Security-Policy csp when it is not "".
func Handler(dir, base, csp string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if csp != "" {
			w.Header().Set("Content-Security-Policy", csp)
		}
		w.Header().Set("X-Content-Type-Options", "nosniff")
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		rel, ok := strings.CutPrefix(r.URL.Path, strings.TrimSuffix(base, "/"))
		if !ok || (rel != "" && !strings.HasPrefix(rel, "/")) {
			notFound(w, dir)
			return
		}
		if rel == "" {
			http.Redirect(w, r, base, http.StatusMovedPermanently)
			return
		}
		clean := path.Clean(rel)
		if clean != rel && clean+"/" != rel {
			notFound(w, dir)
			return
		}
		file := filepath.Join(dir, filepath.FromSlash(clean))
		info, err := os.Stat(file)
		if err == nil && info.IsDir() {
			if !strings.HasSuffix(rel, "/") {
				http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
				return
			}
			file = filepath.Join(file, "index.html")
			info, err = os.Stat(file)
		}
		if err != nil || !info.Mode().IsRegular() {
			notFound(w, dir)
			return
		}
		serveFile(w, r, file, http.StatusOK)
	})
}

func notFound(w http.ResponseWriter, dir string) {
	serveFile(w, nil, filepath.Join(dir, "404.html"), http.StatusNotFound)
}

// contentTypes are the types of the files a site has that Go's mime table may lack.
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".json": "application/json",
	".xml":  "application/xml",
	".ics":  "text/calendar; charset=utf-8",
	".csv":  "text/csv; charset=utf-8",
	".svg":  "image/svg+xml",
	".bin":  "application/octet-stream",
	".pdf":  "application/pdf",
}

func serveFile(w http.ResponseWriter, r *http.Request, file string, status int) {
	f, err := os.Open(file)
	if err != nil {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	defer f.Close()
	ext := strings.ToLower(filepath.Ext(file))
	ctype := contentTypes[ext]
	if ctype == "" {
		ctype = mime.TypeByExtension(ext)
	}
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ctype)
	if status == http.StatusOK && r != nil {
		info, err := f.Stat()
		if err == nil {
			http.ServeContent(w, r, "", info.ModTime(), f)
			return
		}
	}
	w.WriteHeader(status)
	_, _ = io.Copy(w, f)
}

// Sample is one page chosen to stand for a page type.
type Sample struct {
	Name string // the page type: "page article", "procedure thu-tuc-hanh-chinh", "section tin-tuc page 2"
	URL  string // site-relative, without the base path: "/tin-tuc/x/", "/tim-kiem/?q=…"
}

// NotFoundURL is a URL no site has, to load the 404 page as a visitor meets it.
const NotFoundURL = "/khong-co-trang-nay/"

// SearchQuery is the query the search page is loaded with.
const SearchQuery = "thủ tục đất đai"

// Samples returns one page of each type of the built site s: the home page, every section,
// the second page of a paginated list, a single page of each content kind, and one page of each
// generated type (procedure, filter, taxonomy index and term of each taxonomy, plan year, …),
// plus the search page with a query and a URL that does not exist (the 404 page). Of several
// pages of one type, the one with the most content stands for it (it has the most markup).
// Redirect pages (aliases) are not pages a visitor stays on and are not included. The result is
// sorted by name.
func Samples(s *site.Site) []Sample {
	best := map[string]*site.Page{}
	for _, p := range s.All {
		if p.Type == site.Type404 || (p.Output != "" && !strings.HasSuffix(p.Output, ".html")) {
			continue // the 404 page is loaded at a missing URL, below
		}
		key := sampleKey(p)
		if b, ok := best[key]; !ok || len(p.Content) > len(b.Content) ||
			(len(p.Content) == len(b.Content) && len(p.Pages) > len(b.Pages)) {
			best[key] = p
		}
	}
	var out []Sample
	for key, p := range best {
		u := p.URL
		if p.Type == site.Type(build.TypeSearch) {
			u += "?q=" + SearchQuery
		}
		out = append(out, Sample{Name: key, URL: u})
	}
	out = append(out, Sample{Name: "404 (missing URL)", URL: NotFoundURL})
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// sampleKey names the type of a page: its site type, then its kind (single pages), its section or
// first URL segment (lists and generated pages), and "page 2" for the later pages of a list.
func sampleKey(p *site.Page) string {
	key := string(p.Type)
	switch {
	case p.Type == site.TypePage && p.Kind != nil:
		key += " " + p.Kind.Name
	case p.Type == site.TypeHome || p.Type == site.Type404:
	default:
		seg, _, _ := strings.Cut(strings.TrimPrefix(p.URL, "/"), "/")
		key += " " + seg
	}
	if p.Pager != nil && p.Pager.Number > 1 {
		key += " page 2+"
	}
	return key
}

// Required tells whether a missing tool fails the test rather than skipping it (CI sets
// CCHC_REQUIRE_BROWSER).
func Required() bool { return os.Getenv("CCHC_REQUIRE_BROWSER") != "" }

// ToolsDir returns the node_modules folder of tools/qa under root.
func ToolsDir(root string) string { return filepath.Join(root, "tools", "qa", "node_modules") }

// AxeScript returns axe-core's script from tools/qa.
func AxeScript(root string) (string, error) {
	b, err := os.ReadFile(filepath.Join(ToolsDir(root), "axe-core", "axe.min.js"))
	if err != nil {
		return "", fmt.Errorf("axe-core is not installed (npm ci --prefix tools/qa): %w", err)
	}
	return string(b), nil
}

// VNU returns the Java executable and the Nu HTML Checker's jar from tools/qa.
func VNU(root string) (java, jar string, err error) {
	jar = filepath.Join(ToolsDir(root), "vnu-jar", "build", "dist", "vnu.jar")
	if _, err := os.Stat(jar); err != nil {
		return "", "", fmt.Errorf("vnu-jar is not installed (npm ci --prefix tools/qa): %w", err)
	}
	java, err = exec.LookPath("java")
	if err != nil {
		return "", "", errors.New("java is not installed (apt-get install default-jre-headless)")
	}
	return java, jar, nil
}
