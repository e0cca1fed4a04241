package tthc

import (
	"bytes"
	"encoding/json"
	"testing"
)

// FuzzJSONString checks appendString against encoding/json without HTML escaping, on any
// string: valid or not, Vietnamese, control characters, line and paragraph separators.
func FuzzJSONString(f *testing.F) {
	for _, s := range []string{"Cấp giấy phép \"thăm dò\" nước\\dưới đất", "a\x00b\x1f\n\r\t\b\f", "<&>", "\u2028\u2029", "\xff\xfe", "Sở TN&MT – 'x'"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		if got := appendString(nil, s); string(got)+"\n" != want.String() {
			t.Errorf("%q:\ngot  %s\nwant %s", s, got, want.Bytes())
		}
	})
}
