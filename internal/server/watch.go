package server

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Watched are the parts of a site the preview watches, relative to the site root; the root itself
// is watched too (for site.yaml and for these folders appearing).
var Watched = []string{"content", "layouts", "static", "archetypes"}

// WatchOptions configures a watcher.
type WatchOptions struct {
	Root  string        // the site root
	Quiet time.Duration // a batch ends after this long without events (default 20 ms)
	Max   time.Duration // and at the latest this long after its first event (default 250 ms)
	Poll  time.Duration // when set, poll the files at this interval instead of using fsnotify
}

// Watch sends, for every burst of changes under the site, the changed paths relative to the
// root (slash-separated, sorted) until ctx ends. fsnotify is not recursive: folders created later
// are added as they appear, and the files already in them are reported.
func Watch(ctx context.Context, o WatchOptions, batches chan<- []string, errs chan<- error) error {
	if o.Quiet <= 0 {
		o.Quiet = 20 * time.Millisecond
	}
	if o.Max <= 0 {
		o.Max = 250 * time.Millisecond
	}
	if o.Poll > 0 {
		go poll(ctx, o, batches)
		return nil
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	root, err := filepath.Abs(o.Root)
	if err != nil {
		w.Close()
		return err
	}
	add := func(dir string, b *Batch) {
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			rel := relSlash(root, p)
			if d.IsDir() {
				if rel != "." && Ignored(rel) {
					return filepath.SkipDir
				}
				w.Add(p)
				return nil
			}
			if b != nil {
				b.Add(Event{Path: rel, Op: Create})
			}
			return nil
		})
	}
	if err := w.Add(root); err != nil {
		w.Close()
		return err
	}
	for _, d := range Watched {
		add(filepath.Join(root, d), nil)
	}
	go func() {
		defer w.Close()
		var b Batch
		var quiet, deadline <-chan time.Time
		var qt, dt *time.Timer
		for {
			select {
			case <-ctx.Done():
				return
			case err, ok := <-w.Errors:
				if !ok {
					return
				}
				select {
				case errs <- err:
				default:
				}
			case ev, ok := <-w.Events:
				if !ok {
					return
				}
				rel := relSlash(root, ev.Name)
				if !watchedPath(rel) {
					continue
				}
				if ev.Has(fsnotify.Create) {
					if st, err := os.Stat(ev.Name); err == nil && st.IsDir() && !Ignored(rel) {
						add(ev.Name, &b)
					}
				}
				b.Add(Event{Path: rel, Op: op(ev.Op)})
				if qt != nil {
					qt.Stop()
				}
				qt = time.NewTimer(o.Quiet)
				quiet = qt.C
				if deadline == nil {
					dt = time.NewTimer(o.Max)
					deadline = dt.C
				}
			case <-quiet:
				quiet, deadline = flush(&b, dt, batches, ctx)
			case <-deadline:
				quiet, deadline = flush(&b, qt, batches, ctx)
			}
		}
	}()
	return nil
}

func flush(b *Batch, t *time.Timer, batches chan<- []string, ctx context.Context) (<-chan time.Time, <-chan time.Time) {
	if t != nil {
		t.Stop()
	}
	if paths := b.Take(); len(paths) > 0 {
		select {
		case batches <- paths:
		case <-ctx.Done():
		}
	}
	return nil, nil
}

// watchedPath tells whether a path relative to the root is part of what the preview builds.
func watchedPath(rel string) bool {
	if rel == "site.yaml" {
		return true
	}
	for _, d := range Watched {
		if rel == d || strings.HasPrefix(rel, d+"/") {
			return true
		}
	}
	return false
}

func op(o fsnotify.Op) Op {
	var r Op
	if o.Has(fsnotify.Create) {
		r |= Create
	}
	if o.Has(fsnotify.Write) {
		r |= Write
	}
	if o.Has(fsnotify.Remove) {
		r |= Remove
	}
	if o.Has(fsnotify.Rename) {
		r |= Rename
	}
	if o.Has(fsnotify.Chmod) {
		r |= Chmod
	}
	return r
}

func relSlash(root, p string) string {
	r, err := filepath.Rel(root, p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(r)
}

// poll compares the watched files' sizes and modification times every interval, for file
// systems that send no events (network shares, some containers).
func poll(ctx context.Context, o WatchOptions, batches chan<- []string) {
	type stamp struct {
		size int64
		mod  time.Time
	}
	scan := func() map[string]stamp {
		m := map[string]stamp{}
		if st, err := os.Stat(filepath.Join(o.Root, "site.yaml")); err == nil {
			m["site.yaml"] = stamp{st.Size(), st.ModTime()}
		}
		for _, d := range Watched {
			filepath.WalkDir(filepath.Join(o.Root, d), func(p string, e fs.DirEntry, err error) error {
				if err != nil {
					return nil
				}
				rel := relSlash(o.Root, p)
				if Ignored(rel) {
					if e.IsDir() {
						return filepath.SkipDir
					}
					return nil
				}
				if e.IsDir() {
					return nil
				}
				if info, err := e.Info(); err == nil {
					m[rel] = stamp{info.Size(), info.ModTime()}
				}
				return nil
			})
		}
		return m
	}
	prev := scan()
	t := time.NewTicker(o.Poll)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		now := scan()
		var b Batch
		for p, s := range now {
			if old, ok := prev[p]; !ok || old != s {
				b.Add(Event{Path: p, Op: Write})
			}
		}
		for p := range prev {
			if _, ok := now[p]; !ok {
				b.Add(Event{Path: p, Op: Remove})
			}
		}
		prev = now
		if paths := b.Take(); len(paths) > 0 {
			select {
			case batches <- paths:
			case <-ctx.Done():
				return
			}
		}
	}
}
