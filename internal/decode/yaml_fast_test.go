package decode

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/goccy/go-yaml/token"
	"golang.org/x/text/unicode/norm"
)

// yamlSeeds are front matters, good and bad, that seed the YAML fuzz targets.
var yamlSeeds = []string{
	"title: \"Hội nghị tổng kết công tác cải cách hành chính năm 2020\"\ndate: 2020-03-16\nlinh_vuc: [Đất đai, Môi trường]\ndon_vi: Văn phòng Bộ\n",
	"title: Công bố thủ tục hành chính\ndate: 2020-06-15T08:30:00\nquyet_dinh: {so: \"1234/QĐ-BTNMT\", ngay: 2020-06-10}\nthu_tuc:\n  - ma: \"1.004227\"\n    ten: \"Cấp giấy phép thăm dò nước dưới đất\"\n    thay_doi: sua-doi\n  - ma: 1.10\n    thay_doi: bai_bo\n",
	"titel: Kế hoạch\nDate: 16/03/2020\nweight: \"x\"\ndraft: có\n",
	"title: \"chưa đóng\ndate: 2020-13-45\n",
	"title: a\n\tdate: b\n",
	"title: a\ntitle: b\n---\nx: y\n",
	"hoat_dong:\n  - stt: 1\n    noi_dung: \"Cập nhật thường xuyên thông tin\"\n    phoi_hop: [\"Vụ Tổ chức cán bộ\", \"Báo TN&MT\"]\n",
	"# chỉ có chú thích\n",
	"",
	"title: |\n  Dòng một\n  Dòng hai\ndescription: >\n  gấp\n  dòng\n",
	"a: &x 1\nb: *x\n",
	"? [a, b]\n: c\n",
}

// YAMLSeeds gives yamlSeeds to the tests of package decode_test.
var YAMLSeeds = yamlSeeds

// yamlNotice is a TTHC notice front matter as the benchmark corpus writes them.
const yamlNotice = `title: "Quyết định số 1001/QĐ-BTNMT công bố thủ tục hành chính mới ban hành; sửa đổi, bổ sung; thay thế lĩnh vực môi trường"
date: 2022-11-05T15:40:00+07:00
description: "Bộ trưởng Bộ Tài nguyên và Môi trường công bố thủ tục hành chính, có hiệu lực từ ngày 15/12/2022."
tags:
  - "khoáng sản"
  - "SIPAS"
linh_vuc: "Môi trường"
draft: false
quyet_dinh: {so: "1001/QĐ-BTNMT", ngay: 2022-11-03}
ngay_hieu_luc: 2022-12-15
thu_tuc:
  - ma: "2.030720"
    ten: "Trả lại giấy phép xử lý chất thải nguy hại"
    thay_doi: moi
    cap: trung-uong
    dvc: "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=2.030720"
  - ma: "1.004227"
    ten: "Cấp giấy phép thăm dò nước dưới đất"
    thay_doi: sua-doi
    cap: tinh
`

// yamlPlan is a plan's front matter with its activities.
const yamlPlan = `title: "Kế hoạch thông tin, tuyên truyền về cải cách hành chính năm 2019"
date: 2019-01-14T12:30:00+07:00
tags:
  - "khí tượng thủy văn"
  - "phản ánh kiến nghị"
nam: 2019
hoat_dong:
  - stt: 1
    noi_dung: "Khảo sát mức độ hài lòng của người dân, tổ chức"
    phoi_hop: ["Vụ Tổ chức cán bộ", "Cục Quản lý tài nguyên nước", "Vụ Pháp chế"]
    trang_thai: hoan-thanh
  - stt: 2
    noi_dung: 'Tổ chức hội nghị ''trực tuyến'''
    phoi_hop: []
    kinh_phi: ~
    trang_thai: chua-bat-dau
`

// yamlAccepted are shapes the fast path must read (and read as the goccy path does).
var yamlAccepted = []string{
	yamlNotice,
	yamlPlan,
	"",
	"\n\n",
	"# chỉ có chú thích\n",
	"# a\n  # b\n\n",
	"title: Công bố thủ tục hành chính\ndate: 2020-06-15T08:30:00\n",
	"ma: 1.10\nnam: 2019\nx: 0x1F\ny: 1e3\nz: .inf\nn: ~\nb: True\nd: 2020-03-16\ns: 'it''s'\nu: https://a.vn/x?y=1#z\nt: a:b\n",
	"a: b   \nc: \"d\"   \ne: 'f'  \n",
	"nan: .nan\no: 0o17\nbin: 0b101\noct: 017\nf: 1.5e3\nu: 1_000\nnull_: null\nF: FALSE\n",
	"don_vi: Văn phòng Bộ\nlinh_vuc: [Đất đai, Môi trường]\n",
	"quyet_dinh: {so: \"1001/QĐ-BTNMT\", ngay: 2022-11-03}\n",
	"quyet_dinh: {so: '1', ngay: 2022-11-03, x: ~}\n",
	"tags:\n- a\n- \"b\"\ntitle: x\n",
	"tags:\n  - a\n  # chú thích\n  - b\n# cuối\n",
	"empty:\nnext: 1\n",
	"last:\n",
	"nested:\n  a: 1\n  b:\n    c: [1, 2]\n  d: x\ne: y\n",
	"thu_tuc:\n  - ma: \"1\"\n    ten: x\n  - ma: 2\n    list:\n      - a\n      - b\n",
	"s: [ a , 'b' , \"c\" ]\nm: { a: 1 , b: 'x' }\ne: {}\nf: []\n",
	"a_b-c: 1\n_x: 2\n",
}

// yamlDeclined are shapes the fast path must leave to the goccy path.
var yamlDeclined = []string{
	"a: 1\na: 2\n",           // duplicate key
	"a: b\n  c\n",            // multi-line plain scalar
	"a: \"b\n  c\"\n",        // multi-line quoted scalar
	"a: \"b\\n\"\n",          // escape
	"a: |\n  x\n",            // block scalar
	"a: >\n  x\n",            // folded scalar
	"a: &x 1\nb: *x\n",       // anchor, alias
	"a: !!str 1\n",           // tag
	"? a\n: b\n",             // complex key
	"---\na: 1\n",            // document marker
	"a: 1\n...\n",            // document end
	"%YAML 1.2\n---\na: 1\n", // directive
	"a: [1,\n  2]\n",         // flow spanning lines
	"a: [[1], 2]\n",          // nested flow
	"a: b: c\n",              // ": " in a plain scalar
	"a: b # c\n",             // comment after a value
	"a: \"b\" # c\n",         // comment after a quoted value
	"a: b:\n",                // trailing colon
	"a:\tb\n",                // tab
	"a: -1\n",                // indicator first
	"a: @x\n",                // reserved indicator
	"  a: 1\n",               // indented top level
	"\"a\": 1\n",             // quoted key
	"1: a\n",                 // number key
	"true: a\n",              // bool key
	"a b: 1\n",               // key with a space
	"a: 1\n- b\n",            // sequence after a mapping
	"a:\n  - b\n  c: 1\n",    // mapping after a sequence
	"a: {b: 1, b: 2}\n",      // duplicate key in a flow mapping
	"a: [a, ]\n",             // trailing comma
	"a: \xff\n",              // invalid UTF-8
	"a: b\r\nc: d\r\n",       // carriage return
	"- a\n- b\n",             // top-level sequence
	"a\n",                    // top-level scalar
	"a:\n  -\n  - b\n",       // empty item
	"a: {b:c}\n",             // flow key without a space
}

// yamlFastSeeds are the shapes above plus tricky variations, for the fuzzer.
var yamlFastSeeds = append(append(append([]string{}, yamlAccepted...), yamlDeclined...),
	"a:\n- k: 1\n  j:\n  - x\n  l: 2\nb: 1\n",
	"a:\n  - k:\n    - x\n    j: 2\n",
	"a:\n  -   k: 1\n      j: 2\n",
	"a: x<<y\nb: \"\"\nc: ''\n",
	"a: 'x''''y'\nb: 'x'''\n",
	"a: 15:4\nb: 2001-12-14 21:59:43.10 -5\nc: 12:30:00\n",
	"a: x'y\"z\nb: [x y, z]\n",
)

// nodeDiff returns the first difference between trees a and b, with its path, or "".
func nodeDiff(a, b *node, path string) string {
	if a == nil || b == nil {
		if a != b {
			return fmt.Sprintf("%s: %v vs %v", path, a, b)
		}
		return ""
	}
	switch {
	case a.kind != b.kind:
		return fmt.Sprintf("%s: kind %d vs %d", path, a.kind, b.kind)
	case a.tag != b.tag:
		return fmt.Sprintf("%s: tag %d vs %d", path, a.tag, b.tag)
	case a.line != b.line:
		return fmt.Sprintf("%s: line %d vs %d", path, a.line, b.line)
	case a.value != b.value:
		return fmt.Sprintf("%s: value %q vs %q", path, a.value, b.value)
	case len(a.keys) != len(b.keys) || len(a.klns) != len(b.klns) || len(a.vals) != len(b.vals):
		return fmt.Sprintf("%s: keys %q vs %q", path, a.keys, b.keys)
	case len(a.items) != len(b.items):
		return fmt.Sprintf("%s: %d items vs %d", path, len(a.items), len(b.items))
	case (a.keys == nil) != (b.keys == nil) || (a.items == nil) != (b.items == nil):
		return fmt.Sprintf("%s: nil slices differ", path)
	}
	for i := range a.keys {
		p := path + "." + a.keys[i]
		if a.keys[i] != b.keys[i] {
			return fmt.Sprintf("%s: key %q vs %q", p, a.keys[i], b.keys[i])
		}
		if a.klns[i] != b.klns[i] {
			return fmt.Sprintf("%s: key line %d vs %d", p, a.klns[i], b.klns[i])
		}
		if d := nodeDiff(a.vals[i], b.vals[i], p); d != "" {
			return d
		}
	}
	for i := range a.items {
		if d := nodeDiff(a.items[i], b.items[i], fmt.Sprintf("%s[%d]", path, i)); d != "" {
			return d
		}
	}
	return ""
}

// checkFast compares the fast path with the goccy path on src; it tells whether the fast path
// accepted src.
func checkFast(t *testing.T, src []byte, off int) bool {
	t.Helper()
	fast, ok := yamlFast(src, off)
	if !ok {
		return false
	}
	slow, err := yamlSlow(src, off)
	if err != nil {
		t.Fatalf("fast path accepted what the goccy path rejects (%v):\n%q", err, src)
	}
	if d := nodeDiff(fast, slow, "$"); d != "" {
		t.Fatalf("fast and goccy paths differ at %s (fast vs goccy):\n%q", d, src)
	}
	if !reflect.DeepEqual(fast, slow) { // should a field be added to node and not to nodeDiff
		t.Fatalf("fast and goccy paths differ:\n%q", src)
	}
	return true
}

// FuzzYAMLFast checks that whenever the fast path reads a front matter, the goccy path reads it
// too, into the same tree.
func FuzzYAMLFast(f *testing.F) {
	for _, s := range append(append([]string{}, yamlSeeds...), yamlFastSeeds...) {
		f.Add([]byte(s), uint8(1))
		f.Add([]byte(norm.NFD.String(s)), uint8(0))
		f.Add([]byte(s), uint8(7))
	}
	f.Fuzz(func(t *testing.T, src []byte, off uint8) {
		checkFast(t, src, int(off))
		// surelyString skips token.New: check that it is right wherever it says so.
		words := strings.FieldsFunc(string(src), func(r rune) bool { return strings.ContainsRune(" \n,[]{}:", r) })
		for _, w := range append(words, string(src)) {
			if w != "" && surelyString(w) && token.New(w, w, nil).Type != token.StringType {
				t.Fatalf("surelyString(%q), but goccy reads it as %s", w, token.New(w, w, nil).Type)
			}
		}
	})
}

// TestYAMLFastAccepts checks which shapes the fast path reads and which it leaves to goccy.
func TestYAMLFastAccepts(t *testing.T) {
	for _, s := range yamlAccepted {
		if !checkFast(t, []byte(s), 1) {
			t.Errorf("fast path declined:\n%s", s)
		}
		if nfd := norm.NFD.String(s); !checkFast(t, []byte(nfd), 3) {
			t.Errorf("fast path declined (NFD):\n%s", nfd)
		}
	}
	for _, s := range yamlDeclined {
		if checkFast(t, []byte(s), 1) {
			t.Errorf("fast path accepted:\n%s", s)
		}
	}
}

// TestSurelyString checks the words surelyString must leave to token.New, and common words it
// must not.
func TestSurelyString(t *testing.T) {
	for _, w := range []string{"null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE",
		"~", ".inf", "-.Inf", ".NaN", "inf", "Infinity", "nan", "NaN", "1", "0x1F", "1.10", "+1", "_1", "e.5", "a.b"} {
		if surelyString(w) {
			t.Errorf("surelyString(%q) = true", w)
		}
	}
	for _, w := range []string{"title", "ngay", "nam", "ten", "thay_doi", "moi", "trung-uong", "Văn", "Đất đai", "tRue1"} {
		if !surelyString(w) {
			t.Errorf("surelyString(%q) = false", w)
		}
		if typ := token.New(w, w, nil).Type; typ != token.StringType {
			t.Errorf("goccy reads %q as %s", w, typ)
		}
	}
}

// TestYAMLFastCorpus compares the fast and goccy paths on the front matter of every page of the
// repository's content and, when CCHC_YAML_CORPUS names one, of a generated corpus
// (cd ../shared/bench && go run ./gencorpus -n 2000 -o DIR).
func TestYAMLFastCorpus(t *testing.T) {
	dirs := []string{filepath.Join("..", "..", "content")}
	if corpus := os.Getenv("CCHC_YAML_CORPUS"); corpus != "" {
		dirs = append(dirs, corpus)
	}
	for _, dir := range dirs {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			t.Logf("%s: no such directory, skipped", dir)
			continue
		}
		total, accepted := 0, 0
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
				return err
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			fm, ok := yamlFrontMatter(data)
			if !ok {
				return nil
			}
			total++
			if checkFast(t, fm, 1) {
				accepted++
			} else if testing.Verbose() {
				t.Logf("declined: %s", path)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if total == 0 {
			t.Errorf("%s: no YAML front matter found", dir)
			continue
		}
		share := 100 * float64(accepted) / float64(total)
		t.Logf("%s: fast path read %d of %d front matters (%.1f%%)", dir, accepted, total, share)
		if dir == os.Getenv("CCHC_YAML_CORPUS") && share < 99 {
			t.Errorf("%s: the fast path should read (nearly) every front matter of the benchmark corpus", dir)
		}
	}
}

// yamlFrontMatter returns the lines between the first two "---" lines of a page that starts
// with one.
func yamlFrontMatter(data []byte) ([]byte, bool) {
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	rest, ok := bytes.CutPrefix(data, []byte("---\n"))
	if !ok {
		return nil, false
	}
	if bytes.HasPrefix(rest, []byte("---\n")) {
		return nil, true
	}
	i := bytes.Index(rest, []byte("\n---\n"))
	if i < 0 {
		return nil, false
	}
	return rest[:i+1], true
}

// BenchmarkYAML compares the fast and goccy paths on a TTHC notice's front matter.
func BenchmarkYAML(b *testing.B) {
	src := []byte(yamlNotice)
	b.Run("fast", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, ok := yamlFast(src, 1); !ok {
				b.Fatal("declined")
			}
		}
	})
	b.Run("slow", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := yamlSlow(src, 1); err != nil {
				b.Fatal(err)
			}
		}
	})
}
