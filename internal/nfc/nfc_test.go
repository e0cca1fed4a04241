package nfc

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestAgreesWithNorm(t *testing.T) {
	tests := []struct{ name, in string }{
		{"ascii", "cai cach hanh chinh"},
		{"NFC", "Cải cách hành chính, địa phương – “Đất đai”…"},
		{"NFD", norm.NFD.String("Cải cách hành chính, địa phương")},
		{"một dấu rời sau chữ dựng sẵn", "ê\u0301"},
		{"dấu rời đứng đầu", "\u0301a"},
		{"ký tự đơn bị đổi (Ångström)", "\u212b"},
		{"khoảng trắng U+2000 bị đổi", "a\u2000b"},
		{"Hangul", "\u1100\u1161"},
		{"chữ Hán", "行政改革"},
		{"rỗng", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := norm.NFC.IsNormalString(tt.in)
			if got := IsNormalString(tt.in); got != want {
				t.Errorf("IsNormalString(%+q) = %v, norm says %v", tt.in, got, want)
			}
			if got := IsNormal([]byte(tt.in)); got != want {
				t.Errorf("IsNormal(%+q) = %v, norm says %v", tt.in, got, want)
			}
			if got, want := String(tt.in), norm.NFC.String(tt.in); got != want {
				t.Errorf("String(%+q) = %+q, want %+q", tt.in, got, want)
			}
			if got, want := string(Bytes([]byte(tt.in))), norm.NFC.String(tt.in); got != want {
				t.Errorf("Bytes(%+q) = %+q, want %+q", tt.in, got, want)
			}
		})
	}
}

// FuzzString checks the fast path against norm on any text.
func FuzzString(f *testing.F) {
	for _, s := range []string{"Cải cách hành chính", norm.NFD.String("Địa phương"), "ê\u0301", "\u212b", "a\u2000b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := IsNormalString(s), norm.NFC.IsNormalString(s); got != want {
			t.Errorf("IsNormalString(%+q) = %v, norm says %v", s, got, want)
		}
		if got, want := String(s), norm.NFC.String(s); got != want {
			t.Errorf("String(%+q) = %+q, want %+q", s, got, want)
		}
	})
}
