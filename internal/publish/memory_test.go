package publish

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestMemory(t *testing.T) {
	m := NewMemory(Options{Minify: true})
	src := filepath.Join(t.TempDir(), "anh.jpg")
	if err := os.WriteFile(src, []byte("jpeg  bytes"), 0o600); err != nil {
		t.Fatal(err)
	}
	data := []byte("<p>  Xin   chào  </p>")
	if err := m.WriteFile("tin-tuc/x/index.html", data); err != nil {
		t.Fatal(err)
	}
	copy(data, "<b>") // the caller may reuse its buffer
	if err := m.WriteFile("robots.txt", []byte("Allow:  /")); err != nil {
		t.Fatal(err)
	}
	if err := m.CopyFile("tin-tuc/x/anh.jpg", src); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name, rel string
		want      string
		ok        bool
	}{
		{"minified", "tin-tuc/x/index.html", "<p>Xin chào</p>", true},
		{"cleaned path", "tin-tuc/./x//index.html", "<p>Xin chào</p>", true},
		{"not minified", "robots.txt", "Allow:  /", true},
		{"copied", "tin-tuc/x/anh.jpg", "jpeg  bytes", true},
		{"missing", "tin-tuc/y/index.html", "", false},
		{"folder", "tin-tuc/x", "", false},
		{"bad path", "../robots.txt", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := m.Get(tt.rel)
			if ok != tt.ok || string(got) != tt.want {
				t.Errorf("Get(%q) = %q, %v; want %q, %v", tt.rel, got, ok, tt.want, tt.ok)
			}
		})
	}
	if m.Files() != 3 {
		t.Errorf("Files() = %d, want 3", m.Files())
	}
	want := []string{"robots.txt", "tin-tuc/x/anh.jpg", "tin-tuc/x/index.html"}
	if got := m.Paths(); !slices.Equal(got, want) {
		t.Errorf("Paths() = %q, want %q", got, want)
	}
	if err := m.WriteFile("robots.txt", nil); !errors.Is(err, ErrDuplicate) {
		t.Errorf("second write = %v, want ErrDuplicate", err)
	}
	if err := m.CopyFile("khac.jpg", filepath.Dir(src)); err == nil {
		t.Error("CopyFile of a folder succeeded")
	}
	if w := m.Warnings(); len(w) != 0 {
		t.Errorf("Warnings() = %q", w)
	}
}
