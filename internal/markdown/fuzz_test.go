package markdown

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// FuzzConvert checks that Convert never panics nor fails, that every line it
// reports is a line of the input, that its output is valid UTF-8, and that
// without Unsafe the output has no dangerous URL and no event attribute.
func FuzzConvert(f *testing.F) {
	seeds := []string{
		benchPage,
		"# Kết quả đạt được\n\n## Kết quả đạt được {#kq .lop}\n\nĐoạn [liên kết](a.md) và ![ảnh](b.png).\n",
		"- một\n  [hai](hong.md)\n  1. ba <https://a.vn>\n\n> trích www.chinhphu.vn\n",
		"| Cột | Số |\n|---|--:|\n| [ô](c.md) | 1 |\n",
		"Chú thích[^1] và [^2].\n\n[^1]: Một [x](x.md).\n[^2]: Hai\n    tiếp.\n",
		"[a](javascript:alert(1)) [b](&#106;avascript:x) ![c](data:image/svg+xml,x) <vbscript:x>\n",
		"<div onclick=\"x()\"><a href=\"java&#x09;script:y\">z</a></div>\n\nChữ <span\nonmouseover=x>a</span>\n",
		"Thuật ngữ\n: Định nghĩa\n\n- [x] xong\n- [ ] ~~chưa~~\n",
		"Tiêu đề\r\n=======\r\n\r\n[a][r]\r\n\r\n[r]: <tài liệu.md> \"T\"\r\n",
		"\xff\xfe# hỏng \xc3\n",
		"",
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "*.md"))
	for _, file := range files {
		if b, err := os.ReadFile(file); err == nil {
			seeds = append(seeds, string(b))
		}
	}
	for i, s := range seeds {
		f.Add(s, i%7, i%2 == 0)
	}

	converters := map[bool]*Converter{false: New(Options{Text: true}), true: New(Options{Unsafe: true, Text: true})}
	summaryOnly := New(Options{})
	f.Fuzz(func(t *testing.T, md string, firstLine int, unsafe bool) {
		firstLine = 1 + (firstLine%1000+1000)%1000
		res, err := converters[unsafe].Convert([]byte(md), firstLine, testResolver)
		if err != nil {
			t.Fatalf("Convert: %v", err)
		}
		lastLine := firstLine + bytes.Count([]byte(md), newline)
		for _, p := range res.Problems {
			if p.Line < firstLine || p.Line > lastLine {
				t.Errorf("problem %+v out of lines %d-%d", p, firstLine, lastLine)
			}
		}
		for _, l := range res.Links {
			if l.Line < firstLine || l.Line > lastLine {
				t.Errorf("link %+v out of lines %d-%d", l, firstLine, lastLine)
			}
		}
		if !utf8.ValidString(res.HTML) || !utf8.ValidString(res.Text) || !utf8.ValidString(res.Summary) {
			t.Errorf("output is not valid UTF-8: %q", res.HTML)
		}
		if utf8.RuneCountInString(res.Summary) > SummaryLimit+1 {
			t.Errorf("Summary has more than %d runes: %q", SummaryLimit+1, res.Summary)
		}
		if !unsafe {
			// Without Options.Text the text walk stops early: the summary must not change.
			short, err := summaryOnly.Convert([]byte(md), firstLine, testResolver)
			if err != nil {
				t.Fatalf("Convert: %v", err)
			}
			if short.Summary != res.Summary || short.HTML != res.HTML || short.Text != "" {
				t.Errorf("without Options.Text: Summary %q, want %q (HTML equal %v, Text %q)", short.Summary, res.Summary, short.HTML == res.HTML, short.Text)
			}
		}
		if unsafe {
			return
		}
		scanTags([]byte(res.HTML), func(name, value []byte, _ int) {
			if len(name) > 2 && lowerASCII(name[0]) == 'o' && lowerASCII(name[1]) == 'n' {
				t.Errorf("event attribute %s=%q in output:\n%s", name, value, res.HTML)
			}
			if s := unsafeScheme(value); s != "" && (asciiEqualFold(name, []byte("href")) || asciiEqualFold(name, []byte("src"))) {
				t.Errorf("%s URL %q in output:\n%s", s, value, res.HTML)
			}
		})
	})
}
