package quality

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/url"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// vnuMessage is one message of the Nu HTML Checker's JSON output.
type vnuMessage struct {
	Type      string `json:"type"`    // "error", "info", "non-document-error"
	SubType   string `json:"subType"` // "warning" for infos that are warnings
	URL       string `json:"url"`
	LastLine  int    `json:"lastLine"`
	FirstCol  int    `json:"firstColumn"`
	Message   string `json:"message"`
	Extract   string `json:"extract"`
	LastCol   int    `json:"lastColumn"`
	FirstLine int    `json:"firstLine"`
}

// htmlFiles returns every .html file under dir, sorted.
func htmlFiles(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".html") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	return files
}

// TestHTMLValid runs the Nu HTML Checker once over every HTML file of the example site (pages,
// lists, generated pages, redirect pages of aliases, 404): there must be no error.
func TestHTMLValid(t *testing.T) {
	java, jar, err := VNU(repoRoot)
	if err != nil {
		if Required() {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	files := htmlFiles(t, dest)
	if len(files) < 50 {
		t.Fatalf("only %d HTML files in the example site", len(files))
	}
	msgs, err := runVNU(java, jar, files)
	if err != nil {
		t.Fatal(err)
	}
	byMessage := map[string]int{}
	for _, m := range msgs {
		if m.Type == "info" {
			continue // --errors-only gives none; warnings are not errors
		}
		byMessage[m.Message]++
		file := m.URL
		if u, err := url.Parse(m.URL); err == nil && u.Scheme == "file" {
			if rel, err := filepath.Rel(dest, u.Path); err == nil {
				file = filepath.ToSlash(rel)
			}
		}
		t.Errorf("%s:%d:%d: %s: %s\n    %s", file, m.LastLine, m.FirstCol, m.Type, m.Message, clip(m.Extract, 200))
	}
	t.Logf("Nu HTML Checker: %d files, %d errors", len(files), len(byMessage))
	for msg, n := range byMessage {
		t.Logf("  %d× %s", n, msg)
	}
}

// runVNU checks files with the Nu HTML Checker in one run and returns its messages.
func runVNU(java, jar string, files []string) ([]vnuMessage, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	args := append([]string{"-Xss1m", "-jar", jar, "--errors-only", "--format", "json", "--exit-zero-always"}, files...)
	cmd := exec.CommandContext(ctx, java, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("vnu: %v\n%s", err, clip(stderr.String(), 2000))
	}
	// The JSON report goes to standard error.
	out := stderr.Bytes()
	if len(bytes.TrimSpace(out)) == 0 {
		out = stdout.Bytes()
	}
	var rep struct {
		Messages []vnuMessage `json:"messages"`
	}
	if err := json.Unmarshal(out, &rep); err != nil {
		return nil, fmt.Errorf("read the report of vnu: %v\n%s", err, clip(string(out), 2000))
	}
	return rep.Messages, nil
}

// TestVNUFindsErrors makes sure the checker runs and reports: a page with known errors must
// fail, so that a silent checker cannot pass the gate.
func TestVNUFindsErrors(t *testing.T) {
	java, jar, err := VNU(repoRoot)
	if err != nil {
		if Required() {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	bad := filepath.Join(t.TempDir(), "sai.html")
	page := "<!DOCTYPE html>\n<html lang=\"vi\"><head><title>x</title></head><body><h1>x</h3><p align=\"center\">y</p></body></html>\n"
	if err := writeFile(bad, page); err != nil {
		t.Fatal(err)
	}
	msgs, err := runVNU(java, jar, []string{bad})
	if err != nil {
		t.Fatal(err)
	}
	errs := 0
	for _, m := range msgs {
		if m.Type == "error" {
			errs++
		}
	}
	if errs < 1 {
		t.Errorf("vnu found %d errors in a page with a misnested tag, messages: %+v", errs, msgs)
	}
}
