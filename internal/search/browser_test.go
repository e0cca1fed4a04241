package search

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/btnmt/cchc/internal/browsertest"
)

// scriptPath is the search script of the default theme.
const scriptPath = "../../static/js/tim-kiem.js"

// serveScript serves a blank page that loads tim-kiem.js.
func serveScript(t *testing.T) *httptest.Server {
	t.Helper()
	js, err := os.ReadFile(scriptPath)
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Security-Policy", "script-src 'self'")
		w.Write([]byte(`<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>t</title><script src="/tim-kiem.js"></script></head><body></body></html>`))
	})
	mux.HandleFunc("/tim-kiem.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Write(js)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// TestNormalizeVectorsInBrowser checks that the normaliser and tokenizer of tim-kiem.js give
// exactly what testdata/normalize.json says, as TestNormalizeVectors checks for the Go side:
// the index and the visitor's query are cut into the same words.
func TestNormalizeVectorsInBrowser(t *testing.T) {
	vs := readVectors(t)
	ctx := browsertest.New(t)
	srv := serveScript(t)
	in, _ := json.Marshal(vs)
	type jsResult struct {
		Fold  string   `json:"fold"`
		Lower string   `json:"lower"`
		Exact string   `json:"exact"`
		Words []string `json:"words"`
	}
	var out []jsResult
	js := `(function (vs) {
		var s = window.cchcTimKiem;
		return vs.map(function (v) {
			return {fold: s.fold(v.in), lower: s.lower(v.in), exact: s.exactKey(v.in),
				words: s.tokenize(v.in).tokens.map(function (t) { return t.fold; })};
		});
	})(` + string(in) + `)`
	if err := chromedp.Run(ctx, chromedp.Navigate(srv.URL+"/"), chromedp.Evaluate(js, &out)); err != nil {
		t.Fatal(err)
	}
	if len(out) != len(vs) {
		t.Fatalf("%d results for %d vectors", len(out), len(vs))
	}
	for i, v := range vs {
		got := out[i]
		if got.Fold != v.Fold {
			t.Errorf("fold(%q) = %q in the browser, want %q (%s)", v.In, got.Fold, v.Fold, v.Note)
		}
		if v.Lower != "" && got.Lower != v.Lower {
			t.Errorf("lower(%q) = %q in the browser, want %q", v.In, got.Lower, v.Lower)
		}
		if v.Exact != "" && got.Exact != v.Exact {
			t.Errorf("exactKey(%q) = %q in the browser, want %q", v.In, got.Exact, v.Exact)
		}
		if !reflect.DeepEqual(got.Words, v.Words) && !(len(got.Words) == 0 && len(v.Words) == 0) {
			t.Errorf("tokenize(%q) = %q in the browser, want %q (%s)", v.In, got.Words, v.Words, v.Note)
		}
	}
}

// TestInflateFallback checks the inflate that tim-kiem.js uses where the browser has no
// DecompressionStream, on what the index writes (gz at the default level) and on stored and
// fixed-Huffman blocks.
func TestInflateFallback(t *testing.T) {
	ctx := browsertest.New(t)
	srv := serveScript(t)
	texts := []string{
		"",
		"a",
		strings.Repeat("Cải cách hành chính, địa phương. ", 500),
		string(bytes.Repeat([]byte{0, 1, 2, 3, 250, 251, 252, 253}, 3000)),
	}
	if err := chromedp.Run(ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
		t.Fatal(err)
	}
	for _, level := range []int{gzip.NoCompression, gzip.BestSpeed, gzip.DefaultCompression, gzip.HuffmanOnly} {
		for _, text := range texts {
			var buf bytes.Buffer
			w, _ := gzip.NewWriterLevel(&buf, level)
			w.Write([]byte(text))
			w.Close()
			var got string
			js := `(function () {
				var b = atob('` + base64.StdEncoding.EncodeToString(buf.Bytes()) + `');
				var u8 = new Uint8Array(b.length);
				for (var i = 0; i < b.length; i++) u8[i] = b.charCodeAt(i);
				var out = window.cchcTimKiem.gunzipFallback(u8);
				var s = '';
				for (var j = 0; j < out.length; j++) s += String.fromCharCode(out[j]);
				return btoa(s);
			})()`
			if err := chromedp.Run(ctx, chromedp.Evaluate(js, &got)); err != nil {
				t.Fatal(err)
			}
			dec, _ := base64.StdEncoding.DecodeString(got)
			if string(dec) != text {
				t.Errorf("level %d, %d bytes: inflate gave %d bytes that differ", level, len(text), len(dec))
			}
		}
	}
}
