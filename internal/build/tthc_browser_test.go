package build_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/btnmt/cchc/internal/browsertest"
)

// TestTTHCFilterScript drives static/js/tthc-filter.js in Chromium on the registry of
// testdata/golden-tthc: the form it builds filters the table in place and keeps the choice in
// the address, the search ignores marks, the column buttons sort with aria-sort, and on a filter
// page the page's own list box opens another filter page.
func TestTTHCFilterScript(t *testing.T) {
	ctx := browsertest.New(t)
	dest, _ := buildTTHCGolden(t)
	srv := httptest.NewServer(http.StripPrefix("/cchc", http.FileServer(http.Dir(dest))))
	defer srv.Close()

	visible := `document.querySelectorAll('#tthc-bang tbody tr:not([hidden])').length`
	choose := func(name, value string) string {
		return `(function(){var s=document.querySelector('select[name="` + name + `"]');s.value='` + value + `';s.dispatchEvent(new Event('change'));return true}())`
	}
	var all, replaced, searched, afterReset int
	var status, query, sortState, firstName, lastName, byState string
	var ok bool
	err := chromedp.Run(ctx,
		chromedp.Navigate(srv.URL+"/cchc/thu-tuc-hanh-chinh/"),
		chromedp.WaitVisible(`form.tthc-loc-form`),
		chromedp.Evaluate(visible, &all),
		chromedp.Evaluate(choose("trang-thai", "da-thay-the"), &ok),
		chromedp.Evaluate(visible, &replaced),
		chromedp.Text(`.tthc-ket-qua`, &status),
		chromedp.Evaluate(`location.search`, &query),
		chromedp.Evaluate(choose("trang-thai", ""), &ok),
		chromedp.SetValue(`#tthc-tim`, "giay phep tham do"),
		chromedp.Evaluate(`document.getElementById('tthc-tim').dispatchEvent(new Event('input'))`, &ok),
		chromedp.Sleep(400*time.Millisecond),
		chromedp.Evaluate(visible, &searched),
		chromedp.Click(`.tthc-loc-nut button`),
		chromedp.Evaluate(visible, &afterReset),
		chromedp.Click(`#tthc-bang thead th:nth-child(2) button`),
		chromedp.AttributeValue(`#tthc-bang thead th:nth-child(2)`, "aria-sort", &sortState, nil),
		chromedp.Text(`#tthc-bang tbody tr:first-child th`, &firstName),
		chromedp.Click(`#tthc-bang thead th:nth-child(2) button`),
		chromedp.Text(`#tthc-bang tbody tr:first-child th`, &lastName),
		chromedp.Click(`#tthc-bang thead th:nth-child(5) button`),
		chromedp.Evaluate(`document.querySelector('#tthc-bang tbody tr').getAttribute('data-trang-thai') + ' ' + document.querySelectorAll('#tthc-bang th[aria-sort]').length`, &byState),
	)
	if err != nil {
		t.Fatal(err)
	}
	if all != 7 || replaced != 2 || afterReset != 7 {
		t.Errorf("visible rows: %d at first, %d replaced, %d after reset; want 7, 2, 7", all, replaced, afterReset)
	}
	if !strings.Contains(status, "Đang hiện 2 trên 7 thủ tục") {
		t.Errorf("status %q", status)
	}
	if query != "?trang-thai=da-thay-the" {
		t.Errorf("address query %q", query)
	}
	if searched != 3 {
		t.Errorf("the search without marks found %d procedures, want the 3 about giấy phép thăm dò", searched)
	}
	if sortState != "ascending" || firstName != "Cấp giấy phép môi trường" || lastName != "Xác nhận kế hoạch bảo vệ môi trường" {
		t.Errorf("sorted by name: aria-sort %q, first %q, then reversed first %q", sortState, firstName, lastName)
	}
	if byState != "con-hieu-luc 1" {
		t.Errorf("sorted by state: first row and headers with aria-sort %q, want the states' order and one header", byState)
	}

	// A shared address with a choice opens with it; on a filter page the page's own list box
	// leads to the other filter pages.
	var shared int
	var path string
	err = chromedp.Run(ctx,
		chromedp.Navigate(srv.URL+"/cchc/thu-tuc-hanh-chinh/?cap=huyen"),
		chromedp.WaitVisible(`form.tthc-loc-form`),
		chromedp.Evaluate(visible, &shared),
		chromedp.Navigate(srv.URL+"/cchc/thu-tuc-hanh-chinh/trang-thai/da-thay-the/"),
		chromedp.WaitVisible(`form.tthc-loc-form`),
		chromedp.Evaluate(choose("trang-thai", "da-bai-bo"), &ok),
		chromedp.WaitVisible(`#tthc-bang`),
		chromedp.Sleep(300*time.Millisecond),
		chromedp.Evaluate(`location.pathname`, &path),
	)
	if err != nil {
		t.Fatal(err)
	}
	if shared != 1 {
		t.Errorf("?cap=huyen shows %d rows, want 1", shared)
	}
	if path != "/cchc/thu-tuc-hanh-chinh/trang-thai/da-bai-bo/" {
		t.Errorf("choosing another state on a filter page led to %q", path)
	}
}
