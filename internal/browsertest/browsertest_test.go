package browsertest

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/chromedp/chromedp"
)

func TestBrowserOpensPage(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<!doctype html><html lang="vi"><title>Địa phương</title><h1>Xin chào</h1></html>`))
	}))
	defer srv.Close()
	ctx := New(t)
	var title, h1 string
	if err := chromedp.Run(ctx, chromedp.Navigate(srv.URL), chromedp.Title(&title), chromedp.Text("h1", &h1)); err != nil {
		t.Fatal(err)
	}
	if title != "Địa phương" || h1 != "Xin chào" {
		t.Fatalf("title %q h1 %q", title, h1)
	}
}
