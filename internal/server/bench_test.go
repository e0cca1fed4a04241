package server

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/btnmt/cchc"
	"github.com/btnmt/cchc/internal/benchcorpus"
	"github.com/btnmt/cchc/internal/build"
)

// benchEdit measures, on a copy of the 10,000-page benchmark corpus served by the preview, the
// time from saving a file to the status event the browser reloads on: the watcher's batching,
// the incremental rebuild and the event stream included. Each save starts from an idle preview
// (the search index of the previous save caught up), as when an editor saves every few seconds. edit returns the new text of the file
// for iteration i. Run with
//
//	go test -run '^$' -bench SaveToReload -benchtime 20x ./internal/server
func benchEdit(b *testing.B, edit func(orig string, i int) string, tempFile bool) {
	benchSave(b, func(target, orig string, i int) {
		text := edit(orig, i)
		if tempFile {
			// As editors that save through a temporary file and a rename.
			tmp := target + ".tmp"
			if err := os.WriteFile(tmp, []byte(text), 0o644); err != nil {
				b.Fatal(err)
			}
			if err := os.Rename(tmp, target); err != nil {
				b.Fatal(err)
			}
		} else if err := os.WriteFile(target, []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
	})
}

// benchSave is benchEdit with the save done by save, given the article chosen, its text and
// the iteration.
func benchSave(b *testing.B, save func(target, orig string, i int)) {
	src := benchcorpus.Dir(b, 10000)
	// A copy, so that the shared corpus is never edited.
	root := b.TempDir()
	if err := os.CopyFS(root, os.DirFS(src)); err != nil {
		b.Fatal(err)
	}
	srv, err := New(Options{Build: build.Options{Source: root, Drafts: true, Future: true,
		ThemeLayouts: cchc.ThemeLayouts(), ThemeStatic: cchc.ThemeStatic()}}, io.Discard)
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go srv.Serve(ctx)
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get(srv.URL())
		if err == nil {
			resp.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			b.Fatal("the server did not start")
		}
		time.Sleep(50 * time.Millisecond)
	}
	req, _ := http.NewRequestWithContext(ctx, "GET", strings.TrimSuffix(srv.URL(), "/")+eventsPath, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	events := make(chan string, 64)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "data: ") {
				events <- sc.Text()
			}
		}
	}()
	<-events // the status sent on connect

	files, _ := filepath.Glob(filepath.Join(root, "content", "tin-tuc", "*.md"))
	sort.Strings(files)
	target := files[len(files)/2]
	orig, err := os.ReadFile(target)
	if err != nil {
		b.Fatal(err)
	}
	var times []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		save(target, string(orig), i)
		select {
		case ev := <-events:
			if strings.Contains(ev, `"errors"`) {
				b.Fatalf("the edit broke the build: %s", ev)
			}
		case <-time.After(30 * time.Second):
			b.Fatal("no reload event within 30 s")
		}
		times = append(times, time.Since(start))
		// An editor saves every few seconds: let the background catch-up (the search index)
		// finish, so that each save is measured from an idle preview.
		b.StopTimer()
		time.Sleep(CatchupDelay)
		for srv.session.Pending() {
			time.Sleep(20 * time.Millisecond)
		}
		srv.session.Last() // waits for a running catch-up to release the session
		b.StartTimer()
	}
	b.StopTimer()
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "median-ms")
	b.ReportMetric(float64(times[len(times)-1].Microseconds())/1000, "max-ms")
}

// BenchmarkSaveToReloadBody edits the body of one article of the corpus.
func BenchmarkSaveToReloadBody(b *testing.B) {
	benchEdit(b, func(orig string, i int) string { return orig + fmt.Sprintf("\n\nĐoạn sửa số %d.\n", i) }, false)
}

// BenchmarkSaveToReloadTempFile is the same edit saved through a temporary file and a rename.
func BenchmarkSaveToReloadTempFile(b *testing.B) {
	benchEdit(b, func(orig string, i int) string { return orig + fmt.Sprintf("\n\nĐoạn sửa số %d.\n", i) }, true)
}

// BenchmarkSaveToReloadTitle edits the title in the front matter: the model is made again.
func BenchmarkSaveToReloadTitle(b *testing.B) {
	benchEdit(b, func(orig string, i int) string {
		return strings.Replace(orig, "title: \"", fmt.Sprintf("title: \"(%d) ", i), 1)
	}, false)
}

// BenchmarkSaveToReloadTag adds to one article a tag that about 600 other articles have, and
// takes it away at the next save: the model is made again, and the article, the pages of the
// tag's list (which show how many articles it has) and the pages showing the article change.
func BenchmarkSaveToReloadTag(b *testing.B) {
	benchEdit(b, func(orig string, i int) string {
		if i%2 == 1 {
			return orig
		}
		for _, tag := range []string{"chuyển đổi số", "đất đai", "một cửa"} {
			if !strings.Contains(orig, "\""+tag+"\"") {
				return strings.Replace(orig, "tags:\n", "tags:\n  - \""+tag+"\"\n", 1)
			}
		}
		b.Fatal("the article has every tag tried")
		return ""
	}, false)
}

// BenchmarkSaveToReloadNewArticle creates a new article in the news section at every save,
// dated now and with two tags, as an editor starting one would: it comes first in the section,
// so that every page of the section's list, and of its tags' lists, shows other articles.
func BenchmarkSaveToReloadNewArticle(b *testing.B) {
	benchSave(b, func(target, _ string, i int) {
		p := filepath.Join(filepath.Dir(target), fmt.Sprintf("bai-moi-%d.md", i))
		text := fmt.Sprintf("---\ntitle: \"Bài mới số %d\"\ndate: %s\ntags: [\"chuyển đổi số\", \"một cửa\"]\nlinh_vuc: \"Đất đai\"\n---\n\nNội dung bài mới.\n",
			i, time.Now().Format(time.RFC3339))
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
	})
}
