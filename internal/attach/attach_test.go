package attach_test

import (
	"testing"

	"github.com/btnmt/cchc/internal/attach"
)

func TestSize(t *testing.T) {
	tests := []struct {
		n    int64
		want string
	}{
		{-1, "0 B"},
		{0, "0 B"},
		{1, "1 B"},
		{999, "999 B"},
		{1000, "1 KB"},
		{1024, "1 KB"},
		{1536, "1,5 KB"},
		{10 * 1024, "10 KB"},
		{245 * 1024, "245 KB"},
		{250_000, "244 KB"},
		{1023 * 1024, "1 MB"},
		{999_900, "976 KB"},
		{1_258_291, "1,2 MB"},
		{5 * 1024 * 1024, "5 MB"},
		{12_900_000, "12 MB"},
		{3 << 30, "3 GB"},
		{1 << 50, "1024 TB"},
	}
	for _, tt := range tests {
		if got := attach.Size(tt.n); got != tt.want {
			t.Errorf("Size(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

func TestType(t *testing.T) {
	tests := []struct{ name, typ, mime string }{
		{"qd-3432.pdf", "PDF", "application/pdf"},
		{"Bao cao.DOCX", "DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
		{"bang.xlsx", "XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
		{"anh.jpeg", "JPG", "image/jpeg"},
		{"tai-lieu", "Tệp", ""},
		{"goi.tar.gz", "GZ", ""},
	}
	for _, tt := range tests {
		if got := attach.Type(tt.name); got != tt.typ {
			t.Errorf("Type(%q) = %q, want %q", tt.name, got, tt.typ)
		}
		if got := attach.MIME(tt.name); got != tt.mime {
			t.Errorf("MIME(%q) = %q, want %q", tt.name, got, tt.mime)
		}
	}
}
