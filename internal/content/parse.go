package content

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"path"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/btnmt/cchc/internal/nfc"

	"github.com/btnmt/cchc/internal/decode"
	"github.com/btnmt/cchc/internal/report"

	"github.com/adrg/frontmatter"
	"golang.org/x/text/unicode/norm"
)

// MaxPageSize is the largest Markdown file a build accepts.
const MaxPageSize = 10 << 20

// Parse decodes one Markdown source. rel is its path relative to content/ (slash-separated,
// NFC). Every problem found is returned, each with its line; the page is nil when the file cannot
// be read as a page at all.
func Parse(rel string, data []byte) (*Page, []*report.FileError) {
	p := &Page{Path: "content/" + rel, Rel: rel}
	fail := func(line int, format string, args ...any) (*Page, []*report.FileError) {
		return nil, []*report.FileError{report.Errorf(p.Path, line, format, args...)}
	}
	if len(data) > MaxPageSize {
		return fail(0, "tệp quá lớn (%.1f MB; tối đa %d MB); hãy chia thành nhiều bài hoặc đưa tài liệu đính kèm thành tệp riêng", float64(len(data))/(1<<20), MaxPageSize>>20)
	}
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:firstInvalid(data)], []byte("\n"))
		return fail(line, "tệp có ký tự không phải UTF-8 ở dòng này; hãy lưu tệp với mã hoá UTF-8 (Unicode)")
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if bytes.IndexByte(data, '\r') >= 0 {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	}
	if !nfc.IsNormal(data) {
		data = norm.NFC.Bytes(data)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return fail(1, "tệp rỗng; một bài cần có front matter (giữa hai dòng \"---\") với ít nhất title và date")
	}

	p.Section, _, _ = strings.Cut(rel, "/")
	if !strings.Contains(rel, "/") {
		p.Section = ""
	}
	base := path.Base(rel)
	p.Index = base == "_index.md"
	p.Bundle = base == "index.md"

	delim, closeLine, bodyStart, err := frontMatterBounds(data)
	if err != nil {
		var fe *report.FileError
		errors.As(err, &fe)
		fe.Path = p.Path
		return nil, []*report.FileError{fe}
	}
	var root *decode.Node
	var parseErr error
	unmarshal := func(format string) frontmatter.UnmarshalFunc {
		return func(b []byte, _ any) error {
			if format == "toml" {
				root, parseErr = decode.TOML(b, 1)
			} else {
				root, parseErr = decode.YAML(b, 1)
			}
			return nil
		}
	}
	formats := []*frontmatter.Format{
		frontmatter.NewFormat("---", "---", unmarshal("yaml")),
		frontmatter.NewFormat("+++", "+++", unmarshal("toml")),
	}
	// adrg/frontmatter reads only the front matter: given the whole file it would copy the body
	// through its buffers, on every page of every build.
	br := frontMatterReaders.Get().(*bufio.Reader)
	br.Reset(bytes.NewReader(data[:bodyStart]))
	rest, err := frontmatter.MustParse(br, new(struct{}), formats...)
	br.Reset(nil)
	frontMatterReaders.Put(br)
	if err != nil {
		return fail(1, "không đọc được front matter: %v", err)
	}
	p.Format = "yaml"
	if delim == "+++" {
		p.Format = "toml"
	}
	// adrg/frontmatter compares trimmed lines, so an indented "---" inside a YAML block
	// scalar ends its block early, leaving the rest of the block unread. The delimiter scan
	// above is exact: when the two disagree, decode the block it found.
	if len(rest) > 0 {
		_, afterOpen, _ := bytes.Cut(data, []byte("\n"))
		block := afterOpen[:len(afterOpen)-(len(data)-bodyStart)]
		block = block[:bytes.LastIndexByte(block[:max(len(block)-1, 0)], '\n')+1] // without the closing line
		if delim == "+++" {
			root, parseErr = decode.TOML(block, 1)
		} else {
			root, parseErr = decode.YAML(block, 1)
		}
	}
	if parseErr != nil {
		var fe *report.FileError
		if !errors.As(parseErr, &fe) {
			fe = &report.FileError{Line: 1, Err: parseErr}
		}
		fe.Path = p.Path
		return nil, []*report.FileError{fe}
	}
	p.Body = data[bodyStart:]
	p.Size = len(data)
	p.BodyLine = closeLine + 1

	var errs []*report.FileError
	targets := []any{&p.FrontMatter}
	if k := KindFor(rel); k != nil && !p.Index {
		p.Kind = k
		if k.NewParams != nil {
			p.Params = k.NewParams()
			targets = append(targets, p.Params)
		}
	}
	errs = append(errs, decode.Into(root, targets...)...)
	if root != nil {
		p.keyLines = root.KeyLines()
	}
	untitled := p.Kind != nil && p.Kind.Untitled
	if strings.TrimSpace(p.Title) == "" && !untitled {
		errs = append(errs, &report.FileError{Line: p.KeyLine("title"), Err: errors.New("thiếu \"title\" (tiêu đề); hãy thêm một dòng title: \"Tiêu đề bài viết\"")})
	}
	if !p.Index && !untitled && !p.Date.IsSet() && len(errs) == 0 {
		errs = append(errs, &report.FileError{Line: p.KeyLine("date"), Err: errors.New("thiếu \"date\" (ngày đăng); hãy thêm một dòng date: YYYY-MM-DD, ví dụ date: 2020-03-16")})
	}
	if p.Kind != nil && p.Kind.Validate != nil && len(errs) == 0 {
		errs = append(errs, p.Kind.Validate(p)...)
	}
	for _, e := range errs {
		e.Path = p.Path
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return p, nil
}

// frontMatterReaders are given to adrg/frontmatter, which reads through a bufio.Reader of 4 KB
// and makes one for every file unless it is given one.
var frontMatterReaders = sync.Pool{New: func() any { return bufio.NewReaderSize(nil, 4096) }}

// frontMatterBounds finds the front matter's delimiter, the line of its closing delimiter and the
// offset where the body begins, after that line.
// adrg/frontmatter treats an unclosed block as "no front matter", so it is checked here.
func frontMatterBounds(data []byte) (delim string, closeLine, bodyStart int, err error) {
	first, rest, _ := bytes.Cut(data, []byte("\n"))
	first = bytes.TrimRight(first, " \t")
	switch string(first) {
	case "---", "+++":
		delim = string(first)
	default:
		return "", 0, 0, &report.FileError{Line: 1, Err: errors.New("tệp không mở đầu bằng front matter: dòng đầu tiên phải là \"---\", tiếp theo là các khoá (title, date, …) và một dòng \"---\" đóng")}
	}
	line := 1
	for len(rest) > 0 {
		var l []byte
		l, rest, _ = bytes.Cut(rest, []byte("\n"))
		line++
		if string(bytes.TrimRight(l, " \t")) == delim {
			return delim, line, len(data) - len(rest), nil
		}
	}
	return "", 0, 0, &report.FileError{Line: 1, Err: fmt.Errorf("front matter mở bằng %q ở dòng 1 nhưng không có dòng %q đóng; hãy thêm một dòng %q ngay sau khoá cuối cùng", delim, delim, delim)}
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}
