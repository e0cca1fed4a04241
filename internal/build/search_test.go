package build_test

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/btnmt/cchc/internal/browsertest"
	"github.com/btnmt/cchc/internal/build"
	"github.com/btnmt/cchc/internal/search"
)

// searchSite is the fixture of the search tests, deployed under /cchc/.
const searchSite = "testdata/search-site"

// buildSearchSite builds the fixture into a fresh folder.
func buildSearchSite(t *testing.T) string {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	mustBuild(t, options(searchSite, dest))
	return dest
}

// readIndex returns the files of the search index of a built site, by name.
func readIndex(t *testing.T, dest string) map[string][]byte {
	t.Helper()
	dir := filepath.Join(dest, "tim-kiem", "chi-muc")
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestSearchIndexFiles checks what the build writes: the search page, a manifest naming every
// shard, only published pages, and the same bytes from the same site.
func TestSearchIndexFiles(t *testing.T) {
	dest := buildSearchSite(t)
	files := readIndex(t, dest)
	var m search.Manifest
	if err := json.Unmarshal(files[search.ManifestName], &m); err != nil {
		t.Fatalf("manifest: %v", err)
	}
	// 18 published pages and 1 procedure page; the draft, the future and the expired page
	// are left out.
	if m.Docs != 19 || m.Format != search.FormatVersion || m.Fragments < 1 {
		t.Errorf("manifest: %d docs, format %d, %d fragments a file", m.Docs, m.Format, m.Fragments)
	}
	for prefix, firsts := range map[string][]string{search.WordPrefix: m.Words, search.PairPrefix: m.Pairs, search.DictPrefix: m.Dict} {
		for i := range firsts {
			name := prefix + itoa(i) + ".bin"
			if data, ok := files[name]; !ok || len(data) < 18 || data[0] != 0x1f || data[1] != 0x8b {
				t.Errorf("%s: missing or not gzip", name)
			}
		}
		if !sort.StringsAreSorted(firsts) {
			t.Errorf("%s shards out of order: %q", prefix, firsts)
		}
	}
	var kinds []string
	for _, k := range m.Kinds {
		kinds = append(kinds, k.Key+"="+k.Name)
	}
	if got := strings.Join(kinds, ", "); got != "cong-bo-thu-tuc=Công bố thủ tục hành chính, hoi-dap=Hỏi đáp, thu-tuc-hanh-chinh=Thủ tục hành chính, tin-tuc=Tin tức, van-ban=Văn bản" {
		t.Errorf("kinds: %s", got)
	}
	all := bytes.Join(mapValues(files), nil)
	_ = all
	html, err := os.ReadFile(filepath.Join(dest, "tim-kiem", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`data-chi-muc="/cchc/tim-kiem/chi-muc/"`,
		`<script src="/cchc/js/tim-kiem.js" defer></script>`,
		`role="status"`,
		`<noscript>`,
		`<option value="van-ban" data-ten="Văn bản">Văn bản</option>`,
		`<option value="dat-dai" data-ten="Đất đai">Đất đai</option>`,
		`<a href="/cchc/tin-tuc/">Tin tức</a>`,
	} {
		if !strings.Contains(string(html), want) {
			t.Errorf("search page lacks %s", want)
		}
	}
	home, _ := os.ReadFile(filepath.Join(dest, "index.html"))
	if !strings.Contains(string(home), `<form class="header-search" role="search" action="/cchc/tim-kiem/"`) || !strings.Contains(string(home), `<label for="o-tim-kiem">`) {
		t.Errorf("the header has no search box")
	}
	if strings.Contains(string(html), "<script>") {
		t.Errorf("inline script on the search page")
	}

	// The same site gives the same bytes.
	again := readIndex(t, buildSearchSite(t))
	if len(again) != len(files) {
		t.Fatalf("%d files, then %d", len(files), len(again))
	}
	for name, data := range files {
		if !bytes.Equal(again[name], data) {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

func mapValues(m map[string][]byte) [][]byte {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out [][]byte
	for _, k := range keys {
		out = append(out, m[k])
	}
	return out
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}

// serveSite serves a built site under /cchc/ on 127.0.0.1.
func serveSite(t *testing.T, dest string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.StripPrefix("/cchc", http.FileServer(http.Dir(dest))))
	t.Cleanup(srv.Close)
	return srv
}

// awaitPromise makes chromedp.Evaluate wait for the promise the script returns.
func awaitPromise(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }

// queryJS runs a query with the page's script and returns the total and the URLs of the
// results in rank order.
const queryJS = `(async function (q, opts) {
	var s = window.cchcTimKiem;
	window.__ix = window.__ix || new s.Index(document.getElementById('tim-kiem').getAttribute('data-chi-muc'));
	var r = await s.search(window.__ix, q, opts || {});
	var urls = [];
	for (const id of r.ids) { urls.push((await window.__ix.fragment(id)).u); }
	return {total: r.total, urls: urls};
})`

type queryResult struct {
	Total int      `json:"total"`
	URLs  []string `json:"urls"`
}

// TestSearchInBrowser builds the fixture, serves it and searches it in headless Chromium: the
// ranking of a dozen queries typed with, without and with some diacritics, then the page as a
// visitor uses it — the header box, the results as you type, the address that reproduces them.
func TestSearchInBrowser(t *testing.T) {
	ctx := browsertest.New(t)
	dest := buildSearchSite(t)
	srv := serveSite(t, dest)
	if err := chromedp.Run(ctx, chromedp.Navigate(srv.URL+"/cchc/tim-kiem/"), chromedp.WaitReady(`#tim-kiem-q`)); err != nil {
		t.Fatal(err)
	}
	query := func(t *testing.T, q string, opts map[string]string) queryResult {
		t.Helper()
		qj, _ := json.Marshal(q)
		oj, _ := json.Marshal(opts)
		var res queryResult
		if err := chromedp.Run(ctx, chromedp.Evaluate(queryJS+`(`+string(qj)+`, `+string(oj)+`)`, &res, awaitPromise)); err != nil {
			t.Fatalf("query %q: %v", q, err)
		}
		return res
	}

	t.Run("ranking", func(t *testing.T) {
		tests := []struct {
			q, first string
			why      string
		}{
			{"dia phuong", "/tin-tuc/chinh-quyen-dia-phuong/", "no marks, đ folded; adjacent above apart"},
			{"địa phương", "/tin-tuc/chinh-quyen-dia-phuong/", "with marks"},
			{"địa phuong", "/tin-tuc/chinh-quyen-dia-phuong/", "some marks"},
			{"ĐỊA PHƯƠNG", "/tin-tuc/chinh-quyen-dia-phuong/", "upper case"},
			{"dia phuo", "/tin-tuc/chinh-quyen-dia-phuong/", "the last word as a prefix"},
			{"cai cach", "/tin-tuc/ket-qua-cai-cach-hanh-chinh-2020/", "adjacent, most common spelling"},
			{"cải cách", "/tin-tuc/ket-qua-cai-cach-hanh-chinh-2020/", "exact diacritics"},
			{"cải cach", "/tin-tuc/ket-qua-cai-cach-hanh-chinh-2020/", "partial diacritics"},
			{"cái cách", "/tin-tuc/cai-cach-nhin-moi/", "exact diacritics above the common spelling"},
			{"thu tuc dat dai", "/tin-tuc/cong-khai-thu-tuc-dat-dai/", "phrase in the title above words apart"},
			{"1.004227", "/thu-tuc-hanh-chinh/1-004227/", "a procedure code: its own page first"},
			{"1234/QĐ-BTNMT", "/van-ban/qd-1234/", "a số ký hiệu as typed"},
			{"1234/qd-btnmt", "/van-ban/qd-1234/", "a số ký hiệu without marks"},
			{"qd-btnmt 1234", "/van-ban/qd-1234/", "parts of a code"},
			{"1234/QĐ", "/van-ban/qd-1234/", "a code being typed"},
			{"khieu nai", "/tin-tuc/tiep-cong-dan/", "a heading above the body of a newer page"},
			{"dich vu cong truc tuyen", "/tin-tuc/dich-vu-cong-muc-do-4/", "the description above the body of a newer page"},
			{"so ket cong tac", "/tin-tuc/so-ket-quy-hai/", "alike: the newer first"},
			{"hòa giải", "/tin-tuc/hoa-giai-co-so/", "hoà and hòa are one spelling"},
			{"ai duoc nop ho so", "/hoi-dap/nop-ho-so-thay/", "the question of a Q&A"},
			{"giay phep tham do nuoc", "/thu-tuc-hanh-chinh/1-004227/", "a procedure by its name"},
		}
		for _, tt := range tests {
			res := query(t, tt.q, nil)
			if len(res.URLs) == 0 || res.URLs[0] != "/cchc"+tt.first {
				t.Errorf("%q (%s): results %q, want %s first", tt.q, tt.why, res.URLs, tt.first)
			}
		}
		// Apart is found, but after adjacent.
		if res := query(t, "dia phuong", nil); !contains(res.URLs, "/cchc/tin-tuc/dia-diem-phuong-an/") {
			t.Errorf("dia phuong: the page with the words apart is missing: %q", res.URLs)
		}
		// Unpublished pages are not in the index.
		if res := query(t, "bimat", nil); res.Total != 0 {
			t.Errorf("bimat found %q: a draft, future or expired page is indexed", res.URLs)
		}
		// Every word must match.
		if res := query(t, "dia phuong khongcotu", nil); res.Total != 0 {
			t.Errorf("a word no page has still found %q", res.URLs)
		}
		// Filters by kind and field.
		if res := query(t, "cai cach", map[string]string{"kind": "van-ban"}); len(res.URLs) != 1 || res.URLs[0] != "/cchc/van-ban/qd-1234/" {
			t.Errorf("cai cach in van-ban: %q", res.URLs)
		}
		if res := query(t, "cai cach", map[string]string{"field": "moi-truong"}); len(res.URLs) != 2 {
			t.Errorf("cai cach in Môi trường: %q", res.URLs)
		}
	})

	t.Run("page", func(t *testing.T) {
		var status, firstTitle, marked, location string
		var titles, again []string
		err := chromedp.Run(ctx,
			chromedp.Navigate(srv.URL+"/cchc/"),
			chromedp.WaitVisible(`#o-tim-kiem`),
			chromedp.SendKeys(`#o-tim-kiem`, "dia phuong\n"),
			chromedp.WaitVisible(`#tim-kiem-ket-qua li h3 a`),
			chromedp.Text(`#tim-kiem-trang-thai`, &status),
			chromedp.Text(`#tim-kiem-ket-qua li h3 a`, &firstTitle),
			chromedp.Evaluate(`Array.from(document.querySelectorAll('#tim-kiem-ket-qua h3 a')).map(a => a.textContent)`, &titles),
			chromedp.Evaluate(`Array.from(document.querySelectorAll('#tim-kiem-ket-qua mark')).map(m => m.textContent).join('|')`, &marked),
			chromedp.Evaluate(`location.pathname + location.search`, &location),
			chromedp.Navigate(srv.URL+"/cchc/tim-kiem/?q=dia+phuong"),
			chromedp.WaitVisible(`#tim-kiem-ket-qua li h3 a`),
			chromedp.Evaluate(`Array.from(document.querySelectorAll('#tim-kiem-ket-qua h3 a')).map(a => a.textContent)`, &again),
		)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(strings.ToLower(firstTitle), "địa phương") {
			t.Errorf("first result %q has no “địa phương” in its title (all: %q)", firstTitle, titles)
		}
		if !strings.HasPrefix(status, "Tìm thấy 2 kết quả") {
			t.Errorf("live region says %q", status)
		}
		if !strings.Contains(marked, "địa phương") && !strings.Contains(marked, "Địa phương") && !strings.Contains(marked, "địa") {
			t.Errorf("highlighted %q", marked)
		}
		if location != "/cchc/tim-kiem/?q=dia+phuong" {
			t.Errorf("address %q", location)
		}
		if strings.Join(titles, "\n") != strings.Join(again, "\n") {
			t.Errorf("?q=dia+phuong gave %q, the header box %q", again, titles)
		}

		// Results as you type, filters in the address, the keyboard.
		var typed int
		var focused, addr, kindLabel string
		err = chromedp.Run(ctx,
			chromedp.Navigate(srv.URL+"/cchc/tim-kiem/"),
			chromedp.WaitVisible(`#tim-kiem-q`),
			chromedp.SendKeys(`#tim-kiem-q`, "cải cach"),
			chromedp.WaitVisible(`#tim-kiem-ket-qua li`),
			chromedp.Sleep(300*time.Millisecond),
			chromedp.Evaluate(`document.querySelectorAll('#tim-kiem-ket-qua li').length`, &typed),
			chromedp.SetValue(`#tim-kiem-loai`, "van-ban"),
			chromedp.Evaluate(`document.getElementById('tim-kiem-loai').dispatchEvent(new Event('change')), 1`, nil),
			chromedp.Sleep(300*time.Millisecond),
			chromedp.Evaluate(`location.search`, &addr),
			chromedp.Evaluate(`document.querySelector('#tim-kiem-loai option[value="van-ban"]').textContent`, &kindLabel),
			chromedp.Focus(`#tim-kiem-q`),
			chromedp.KeyEvent(kb.ArrowDown),
			chromedp.Evaluate(`document.activeElement.getAttribute('href')`, &focused),
		)
		if err != nil {
			t.Fatal(err)
		}
		if typed < 3 {
			t.Errorf("typing “cải cach” showed %d results", typed)
		}
		if addr != "?q=c%E1%BA%A3i+cach&loai=van-ban" {
			t.Errorf("address with the filter: %q", addr)
		}
		if kindLabel != "Văn bản (1)" {
			t.Errorf("the filter option reads %q", kindLabel)
		}
		if focused != "/cchc/van-ban/qd-1234/" {
			t.Errorf("the down arrow focused %q", focused)
		}
	})
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

var _ = build.Options{}
