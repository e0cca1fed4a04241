package publish

import (
	"errors"
	"testing"
)

func TestCleanRel(t *testing.T) {
	tests := []struct {
		name string
		rel  string
		want string // "" means an error
	}{
		{"plain", "tin-tuc/x/index.html", "tin-tuc/x/index.html"},
		{"top level", "index.html", "index.html"},
		{"dot element", "x/./y", "x/y"},
		{"leading dot", "./x", "x"},
		{"double slash", "x//y", "x/y"},
		{"dots in names", "a/..b/c..d/...", "a/..b/c..d/..."},
		{"vietnamese", "tin-tức/bài.html", "tin-tức/bài.html"},
		{"parent", "../x", ""},
		{"parent inside", "a/../b", ""},
		{"escape after clean", "a/../../b", ""},
		{"trailing parent", "a/..", ""},
		{"only parent", "..", ""},
		{"absolute", "/abs", ""},
		{"absolute double", "//abs", ""},
		{"empty", "", ""},
		{"root dot", ".", ""},
		{"root dot slash", "./", ""},
		{"backslash", "a\\b", ""},
		{"backslash parent", "..\\x", ""},
		{"nul", "a\x00b", ""},
		{"folder", "tin-tuc/x/", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := cleanRel(tt.rel)
			if tt.want == "" {
				if err == nil {
					t.Fatalf("cleanRel(%q) = %q, want an error", tt.rel, got)
				}
				if !errors.Is(err, ErrBadPath) {
					t.Fatalf("cleanRel(%q) error %v is not ErrBadPath", tt.rel, err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("cleanRel(%q) = %q, %v; want %q", tt.rel, got, err, tt.want)
			}
		})
	}
}

// TestBadPathNeverWrites checks that a refused path writes nothing, on
// disk and in memory.
func TestBadPathNeverWrites(t *testing.T) {
	root := t.TempDir()
	dest := root + "/site/public"
	d, err := NewDir(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	m := NewMemory(Options{})
	for _, rel := range []string{"../x", "../../x", "/tmp/x", "a/../../x", "..\\x"} {
		if err := d.WriteFile(rel, []byte("x")); !errors.Is(err, ErrBadPath) {
			t.Errorf("Dir.WriteFile(%q) = %v, want ErrBadPath", rel, err)
		}
		if err := m.WriteFile(rel, []byte("x")); !errors.Is(err, ErrBadPath) {
			t.Errorf("Memory.WriteFile(%q) = %v, want ErrBadPath", rel, err)
		}
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := names(t, root); len(got) != 1 || got[0] != "site" {
		t.Errorf("root holds %v, want only site", got)
	}
	if got := names(t, root+"/site"); len(got) != 1 || got[0] != "public" {
		t.Errorf("site holds %v, want only public", got)
	}
	if got := names(t, dest); len(got) != 0 {
		t.Errorf("dest holds %v, want nothing", got)
	}
	if d.Files() != 0 || m.Files() != 0 {
		t.Errorf("Files() = %d, %d; want 0, 0", d.Files(), m.Files())
	}
}
