package content

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []int{0, 1, 511, 512, 513, 4096, 100_003} {
		t.Run(strconv.Itoa(n)+" byte", func(t *testing.T) {
			want := bytes.Repeat([]byte("Cải cách "), n/12+1)[:n]
			name := filepath.Join(dir, strconv.Itoa(n)+".md")
			if err := os.WriteFile(name, want, 0o644); err != nil {
				t.Fatal(err)
			}
			got, err := readFile(name)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("read %d bytes, want %d", len(got), len(want))
			}
		})
	}
	t.Run("không có tệp", func(t *testing.T) {
		_, err := readFile(filepath.Join(dir, "khong-co.md"))
		if !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("err = %v, want fs.ErrNotExist", err)
		}
	})
}
