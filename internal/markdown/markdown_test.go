package markdown

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

// testResolver rewrites "x.md" to "/x/", rejects destinations starting with
// "hong" and leaves every other destination unchanged.
func testResolver(dest string, image bool) (string, error) {
	switch {
	case strings.HasPrefix(dest, "hong"):
		return "", fmt.Errorf("không tìm thấy trang %q — hãy sửa đường dẫn", dest)
	case strings.HasSuffix(dest, ".md"):
		return "/" + strings.TrimSuffix(dest, ".md") + "/", nil
	}
	return dest, nil
}

// convert converts md (starting at line firstLine) and fails the test on an
// error.
func convert(t testing.TB, opts Options, md string, firstLine int, resolve Resolver) *Result {
	t.Helper()
	res, err := New(opts).Convert([]byte(md), firstLine, resolve)
	if err != nil {
		t.Fatalf("Convert: %v", err)
	}
	return res
}

// mustContain fails the test unless s contains every one of subs.
func mustContain(t *testing.T, s string, subs ...string) {
	t.Helper()
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			t.Errorf("output does not contain %q:\n%s", sub, s)
		}
	}
}

// mustNotContain fails the test if s contains any of subs.
func mustNotContain(t *testing.T, s string, subs ...string) {
	t.Helper()
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			t.Errorf("output contains %q:\n%s", sub, s)
		}
	}
}

func TestConvertBasics(t *testing.T) {
	tests := []struct {
		name string
		md   string
		want []string
	}{
		{"đoạn văn", "Xin chào", []string{"<p>Xin chào</p>"}},
		{"gạch ngang", "~~cũ~~", []string{"<del>cũ</del>"}},
		{"danh sách việc", "- [x] xong\n- [ ] chưa", []string{`<input checked="" disabled="" type="checkbox"> xong`}},
		{"tự liên kết", "Xem www.chinhphu.vn nhé", []string{`<a href="http://www.chinhphu.vn">www.chinhphu.vn</a>`}},
		{"danh sách định nghĩa", "Thuật ngữ\n: Định nghĩa", []string{"<dt>Thuật ngữ</dt>", "<dd>Định nghĩa</dd>"}},
		{"không typographer", `"Trích" -- 'dẫn' ...`, []string{"&quot;Trích&quot; -- 'dẫn' ..."}},
		{"thuộc tính tiêu đề", "## A {#a .lop}", []string{`<h2 id="a" class="lop">A</h2>`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := convert(t, Options{}, tt.md, 1, nil)
			mustContain(t, string(res.HTML), tt.want...)
		})
	}
}

func TestFootnotes(t *testing.T) {
	md := "Luật đất đai[^luat] và nghị định[^nd].\n\nThêm lần nữa[^luat].\n\n" +
		"[^luat]: Luật số 31/2024/QH15, xem [văn bản](luat.md).\n" +
		"[^nd]: Nghị định 102/2024/NĐ-CP.\n"
	res := convert(t, Options{Text: true}, md, 3, testResolver)
	html := string(res.HTML)
	mustContain(t, html,
		`<sup id="fnref:1"><a href="#fn:1"`,
		`<sup id="fnref:2"><a href="#fn:2"`,
		`<sup id="fnref1:1"><a href="#fn:1"`,
		`<div class="footnotes" role="doc-endnotes">`,
		`<li id="fn:1">`,
		`<a href="/luat/">văn bản</a>`,
	)
	wantIDs := []string{"fnref:1", "fnref:2", "fnref1:1", "fn:1", "fn:2"}
	if fmt.Sprint(res.IDs) != fmt.Sprint(wantIDs) {
		t.Errorf("IDs = %q, want %q", res.IDs, wantIDs)
	}
	if len(res.Links) != 1 || res.Links[0].Line != 7 {
		t.Errorf("Links = %+v, want one link on line 7", res.Links)
	}
	if res.Summary != "Luật đất đai và nghị định. Thêm lần nữa." {
		t.Errorf("Summary = %q, want no footnote markers nor footnotes", res.Summary)
	}
	wantText := "Luật đất đai và nghị định.\nThêm lần nữa.\nLuật số 31/2024/QH15, xem văn bản.\nNghị định 102/2024/NĐ-CP."
	if res.Text != wantText {
		t.Errorf("Text = %q, want %q", res.Text, wantText)
	}
}

func TestInvalidUTF8(t *testing.T) {
	md := "# Tiêu đề\n\nDòng hai \xe1\xbb\n\nDòng ba\n"
	res := convert(t, Options{Text: true}, md, 10, nil)
	if !utf8.ValidString(res.HTML) || !utf8.ValidString(res.Text) {
		t.Errorf("output is not valid UTF-8: %q", res.HTML)
	}
	if len(res.Problems) != 1 || res.Problems[0].Line != 12 {
		t.Errorf("Problems = %+v, want one on line 12", res.Problems)
	}
}

func TestFirstLineBelowOne(t *testing.T) {
	res := convert(t, Options{}, "[a](hong.md)", 0, testResolver)
	if len(res.Problems) != 1 || res.Problems[0].Line != 1 {
		t.Errorf("Problems = %+v, want one on line 1", res.Problems)
	}
}

func TestProblemsSortedByLine(t *testing.T) {
	md := "# A {#x}\n\n[a](hong-1.md)\n\n## B {#x}\n\n[b](javascript:x)\n"
	res := convert(t, Options{}, md, 1, testResolver)
	var lines []int
	for _, p := range res.Problems {
		lines = append(lines, p.Line)
	}
	if fmt.Sprint(lines) != "[3 5 7]" {
		t.Errorf("problem lines = %v, want [3 5 7]: %+v", lines, res.Problems)
	}
}

func TestConvertConcurrent(t *testing.T) {
	c := New(Options{Text: true})
	md := []byte(benchPage)
	want, err := c.Convert(md, 1, testResolver)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for range 16 {
		wg.Go(func() {
			for range 20 {
				res, err := c.Convert(md, 1, testResolver)
				if err != nil {
					errs <- err
					return
				}
				if string(res.HTML) != string(want.HTML) || fmt.Sprint(res.IDs) != fmt.Sprint(want.IDs) ||
					fmt.Sprint(res.Links) != fmt.Sprint(want.Links) || res.Text != want.Text {
					errs <- errors.New("concurrent conversions differ")
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
