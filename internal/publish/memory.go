package publish

import (
	"bytes"
	"fmt"
	"io"
	"maps"
	"slices"
	"sync"
)

// Memory is a Target that keeps the files of one build in memory, for the
// preview server. It checks paths, refuses duplicates and minifies exactly
// as Dir does, so a build that succeeds in memory succeeds on disk.
type Memory struct {
	build

	mu    sync.RWMutex
	files map[string][]byte
}

// NewMemory returns an empty Memory.
func NewMemory(opts Options) *Memory {
	m := &Memory{files: make(map[string][]byte)}
	m.init(opts)
	return m
}

// WriteFile stores a copy of data at rel, minified by extension when
// Options.Minify is set. It is safe for concurrent use.
func (m *Memory) WriteFile(rel string, data []byte) error {
	rel, err := m.begin(rel)
	if err != nil {
		return err
	}
	out := getBuffer()
	defer putBuffer(out)
	m.store(rel, bytes.Clone(m.process(out, rel, data)))
	return nil
}

// WritePage stores the page rel: its skeleton minified when enabled, then its fragments
// spliced in by s. It is safe for concurrent use.
func (m *Memory) WritePage(rel string, page []byte, s Splicer) error {
	rel, err := m.begin(rel)
	if err != nil {
		return err
	}
	out := getBuffer()
	defer putBuffer(out)
	m.store(rel, bytes.Clone(m.processPage(out, rel, page, s)))
	return nil
}

// WriteMinified stores data at rel as it is. It is safe for concurrent use.
func (m *Memory) WriteMinified(rel string, data []byte) error {
	rel, err := m.begin(rel)
	if err != nil {
		return err
	}
	m.store(rel, bytes.Clone(data))
	return nil
}

// CopyFile reads the regular file src and stores it at rel unchanged. It
// is safe for concurrent use.
func (m *Memory) CopyFile(rel, src string) error {
	rel, err := m.begin(rel)
	if err != nil {
		return err
	}
	f, err := openRegular(rel, src)
	if err != nil {
		return err
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		return fmt.Errorf("publish: copy to %s: %w", rel, err)
	}
	m.store(rel, data)
	return nil
}

func (m *Memory) begin(rel string) (string, error) {
	rel, err := cleanRel(rel)
	if err != nil {
		return "", err
	}
	if err := m.reg.claim(rel); err != nil {
		return "", err
	}
	return rel, nil
}

func (m *Memory) store(rel string, data []byte) {
	m.mu.Lock()
	m.files[rel] = data
	m.mu.Unlock()
}

// Get returns the file at rel ("tin-tuc/x/index.html"; the path is cleaned
// as on write). The caller must not modify the bytes returned.
func (m *Memory) Get(rel string) ([]byte, bool) {
	rel, err := cleanRel(rel)
	if err != nil {
		return nil, false
	}
	m.mu.RLock()
	data, ok := m.files[rel]
	m.mu.RUnlock()
	return data, ok
}

// Paths returns the paths of the files stored, sorted.
func (m *Memory) Paths() []string {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return slices.Sorted(maps.Keys(m.files))
}

// Files returns the number of files stored.
func (m *Memory) Files() int {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return len(m.files)
}

// Warnings returns the warnings of the build sorted, such as a page the
// minifier refused and that was stored unminified.
func (m *Memory) Warnings() []string { return m.sortedWarnings() }
