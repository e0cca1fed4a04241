package decode_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/btnmt/cchc/internal/decode"
	"github.com/btnmt/cchc/internal/report"

	"golang.org/x/text/unicode/norm"
)

// FuzzYAML checks that no input makes the YAML reader or the strict decoder panic, and that every
// problem is reported at a line of the input, shifted by the offset.
func FuzzYAML(f *testing.F) {
	for _, s := range decode.YAMLSeeds {
		f.Add([]byte(s), uint8(1))
		f.Add([]byte(norm.NFD.String(s)), uint8(0))
		f.Add([]byte(s), uint8(7))
	}
	f.Fuzz(func(t *testing.T, src []byte, off uint8) {
		offset := int(off)
		lines := yamlLines(src)
		check := func(e *report.FileError) {
			t.Helper()
			if e.Line < 1 || e.Line > lines+offset {
				t.Fatalf("line %d outside 1..%d (offset %d): %v\ninput: %q", e.Line, lines+offset, offset, e.Err, src)
			}
			if e.Err == nil || e.Err.Error() == "" {
				t.Fatalf("error without message at line %d", e.Line)
			}
		}
		n, err := decode.YAML(src, offset)
		if err != nil {
			var fe *report.FileError
			if !errors.As(err, &fe) {
				t.Fatalf("error %T is not a FileError: %v", err, err)
			}
			check(fe)
			return
		}
		if n == nil {
			t.Fatal("nil node without error")
		}
		for _, e := range decode.Into(n, new(front), new(extra)) {
			check(e)
		}
	})
}

// yamlLines counts the lines of src as YAML does: "\r\n", "\r" and "\n" each end a line.
func yamlLines(src []byte) int {
	n := 1
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '\n':
			n++
		case '\r':
			n++
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
		}
	}
	return n
}

// FuzzTOML does the same for TOML front matter.
func FuzzTOML(f *testing.F) {
	for _, s := range []string{
		"title = \"Hội nghị\"\ndate = 2020-03-16\n",
		"title = \"a\"\n[[thu_tuc]]\nma = \"1\"\n[[thu_tuc]]\nma = 1.5\nthay_doi = \"x\"\n",
		"title = \"a\"\n[quyet_dinh]\nso = \"1\"\nngay = 2020-06-10T08:00:00\n",
		"titel = 1\ndate = 2020-02-30\n",
	} {
		f.Add([]byte(s), uint8(1))
		f.Add([]byte(norm.NFD.String(s)), uint8(0))
	}
	f.Fuzz(func(t *testing.T, src []byte, off uint8) {
		offset := int(off)
		lines := bytes.Count(src, []byte("\n")) + 1
		n, err := decode.TOML(src, offset)
		var errs []*report.FileError
		if err != nil {
			var fe *report.FileError
			if !errors.As(err, &fe) {
				t.Fatalf("error %T is not a FileError: %v", err, err)
			}
			errs = append(errs, fe)
		} else {
			errs = decode.Into(n, new(front), new(extra))
		}
		for _, e := range errs {
			if e.Line < 1 || e.Line > lines+offset {
				t.Fatalf("line %d outside 1..%d (offset %d): %v\ninput: %q", e.Line, lines+offset, offset, e.Err, src)
			}
		}
	})
}
