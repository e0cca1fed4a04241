package build_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/btnmt/cchc/internal/browsertest"
	"github.com/btnmt/cchc/internal/build"
)

// TestFeedbackScript drives static/js/gop-y.js in Chromium: it checks the fields before
// sending, ties the messages to them, then posts the form with fetch and says the result in the
// live region, in Vietnamese; a filled honeypot sends nothing.
func TestFeedbackScript(t *testing.T) {
	ctx, cancel := context.WithTimeout(browsertest.New(t), time.Minute)
	defer cancel()
	var mu sync.Mutex
	var posts []url.Values
	status := http.StatusOK
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	defer srv.Close()
	mux.HandleFunc("/api/gop-y", func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil || r.Method != http.MethodPost {
			http.Error(w, "bad", http.StatusBadRequest)
			return
		}
		mu.Lock()
		posts = append(posts, r.PostForm)
		code := status
		mu.Unlock()
		w.WriteHeader(code)
	})
	cfg := "title: \"Chuyên trang\"\nbaseURL: \"/\"\nto_chuc:\n  ten: \"Bộ Thử nghiệm\"\ngop_y:\n  endpoint: \"" + srv.URL + "/api/gop-y\"\n  email: \"gopy@example.gov.vn\"\n"
	dest, _ := buildFiles(t, baseSite().with(siteFiles{"site.yaml": cfg}), nil)
	mux.Handle("/", http.FileServer(http.Dir(dest)))

	var summary, result, invalid string
	var summaryHidden bool
	err := chromedp.Run(ctx,
		chromedp.Navigate(srv.URL+"/gop-y/"),
		chromedp.WaitVisible(`#gop-y-bieu-mau`),
		chromedp.Click(`#gop-y-bieu-mau button[type="submit"]`),
		chromedp.WaitVisible(`#gy-tom-tat-loi`),
		chromedp.Text(`#gy-tom-tat-loi`, &summary),
		chromedp.AttributeValue(`#gy-ho-ten`, "aria-invalid", &invalid, nil),
	)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Hãy nhập họ và tên.", "thư điện tử hoặc số điện thoại", "Hãy nhập tiêu đề.", "Hãy đánh dấu ô đồng ý"} {
		if !strings.Contains(summary, want) {
			t.Errorf("the error summary has no %q: %q", want, summary)
		}
	}
	if invalid != "true" {
		t.Errorf("the empty name field is aria-invalid=%q", invalid)
	}
	var nameErr string
	if err := chromedp.Run(ctx, chromedp.Text(`#gy-ho-ten-loi`, &nameErr)); err != nil || nameErr != "Hãy nhập họ và tên." {
		t.Errorf("the name's message (#gy-ho-ten-loi) = %q, %v", nameErr, err)
	}
	mu.Lock()
	if len(posts) != 0 {
		t.Errorf("an invalid form was sent: %v", posts)
	}
	mu.Unlock()

	fill := chromedp.Tasks{
		chromedp.SetValue(`#gy-ho-ten`, "Nguyễn Văn A"),
		chromedp.SetValue(`#gy-email`, "a@example.vn"),
		chromedp.SetValue(`#gy-linh-vuc`, "Khác"),
		chromedp.SetValue(`#gy-tieu-de`, "Thủ tục rườm rà"),
		chromedp.SetValue(`#gy-noi-dung`, "Đề nghị bỏ bớt giấy tờ trong hồ sơ cấp phép."),
		chromedp.Evaluate(`document.getElementById('gy-dong-y').checked = true`, nil),
	}
	err = chromedp.Run(ctx, fill,
		chromedp.Click(`#gop-y-bieu-mau button[type="submit"]`),
		chromedp.Poll(`document.getElementById('gy-ket-qua').textContent.indexOf('thành công') >= 0`, nil, chromedp.WithPollingTimeout(10*time.Second)),
		chromedp.Text(`#gy-ket-qua`, &result),
		chromedp.Evaluate(`document.getElementById('gy-tom-tat-loi').hidden`, &summaryHidden),
	)
	if err != nil {
		t.Fatalf("sending: %v (result %q)", err, result)
	}
	if !summaryHidden {
		t.Error("the error summary is still shown after a valid send")
	}
	mu.Lock()
	if len(posts) != 1 {
		t.Fatalf("%d posts, want 1", len(posts))
	}
	p := posts[0]
	mu.Unlock()
	for k, want := range map[string]string{"ho_ten": "Nguyễn Văn A", "email": "a@example.vn", "linh_vuc": "Khác", "tieu_de": "Thủ tục rườm rà", "dong_y": "co", "trang_web": ""} {
		if got := p.Get(k); got != want {
			t.Errorf("posted %s = %q, want %q", k, got, want)
		}
	}

	// A server error is said in Vietnamese, with the e-mail address to fall back on.
	mu.Lock()
	status = http.StatusInternalServerError
	mu.Unlock()
	err = chromedp.Run(ctx, fill,
		chromedp.Click(`#gop-y-bieu-mau button[type="submit"]`),
		chromedp.Poll(`document.getElementById('gy-ket-qua').textContent.indexOf('500') >= 0`, nil, chromedp.WithPollingTimeout(10*time.Second)),
		chromedp.Text(`#gy-ket-qua`, &result),
	)
	if err != nil {
		t.Fatalf("server error: %v (result %q)", err, result)
	}
	if !strings.Contains(result, "sự cố") || !strings.Contains(result, "gopy@example.gov.vn") {
		t.Errorf("server error message = %q", result)
	}

	// A robot that fills the honeypot is thanked and nothing is sent.
	mu.Lock()
	n := len(posts)
	mu.Unlock()
	err = chromedp.Run(ctx, fill,
		chromedp.Evaluate(`document.getElementById('gy-trang-web').value = 'http://spam.example'`, nil),
		chromedp.Click(`#gop-y-bieu-mau button[type="submit"]`),
		chromedp.Poll(`document.getElementById('gy-ket-qua').textContent.indexOf('ghi nhận') >= 0`, nil, chromedp.WithPollingTimeout(10*time.Second)),
	)
	if err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	if len(posts) != n {
		t.Error("the honeypot did not stop the send")
	}
	mu.Unlock()
}

// TestDocumentsFilterScript drives static/js/loc-van-ban.js: the filter form combines type and
// year from the JSON list, and an address with ?loai=… opens filtered.
func TestDocumentsFilterScript(t *testing.T) {
	ctx, cancel := context.WithTimeout(browsertest.New(t), time.Minute)
	defer cancel()
	dest := filepath.Join(t.TempDir(), "public")
	opts := options(noiDungSite(t), dest)
	opts.Now = noiDungNow
	opts.BaseURL = "/"
	if _, err := build.Build(opts); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(dest)))
	defer srv.Close()

	var items []string
	var status, linksHidden string
	err := chromedp.Run(ctx,
		chromedp.Navigate(srv.URL+"/van-ban/?loai=quyet-dinh"),
		chromedp.Poll(`document.querySelectorAll('#van-ban-ket-qua .van-ban-muc').length === 1`, nil, chromedp.WithPollingTimeout(10*time.Second)),
		chromedp.Evaluate(`Array.from(document.querySelectorAll('#van-ban-ket-qua .so-hieu')).map(e => e.textContent)`, &items),
		chromedp.Evaluate(`String(document.querySelector('.loc-lien-ket').hidden)`, &linksHidden),
	)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 1 || items[0] != "12/QĐ-BTN" || linksHidden != "true" {
		t.Errorf("?loai=quyet-dinh shows %v (links hidden: %s)", items, linksHidden)
	}
	err = chromedp.Run(ctx,
		chromedp.SetValue(`#loc-loai`, ""),
		chromedp.SetValue(`#loc-nam`, "2019"),
		chromedp.Evaluate(`document.querySelector('form.loc-van-ban').dispatchEvent(new Event('change'))`, nil),
		chromedp.Poll(`document.querySelector('.loc-trang-thai').textContent.indexOf('1 văn bản') >= 0`, nil, chromedp.WithPollingTimeout(10*time.Second)),
		chromedp.Evaluate(`Array.from(document.querySelectorAll('#van-ban-ket-qua .so-hieu')).map(e => e.textContent)`, &items),
		chromedp.Text(`.loc-trang-thai`, &status),
	)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 1 || items[0] != "1/NQ-CP" {
		t.Errorf("year 2019 shows %v (%q)", items, status)
	}
}
