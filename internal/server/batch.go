// Package server is the preview server editors draft with: it builds the site into memory,
// serves it on 127.0.0.1, watches the site's files, rebuilds what a save touches, and tells the
// browser to reload (or shows the build's errors over the page) through Server-Sent Events.
package server

import (
	"path/filepath"
	"sort"
	"strings"

	"github.com/btnmt/cchc/internal/content"
)

// Op is what happened to a file, as the watcher reports it.
type Op uint8

// The operations, as fsnotify names them.
const (
	Create Op = 1 << iota
	Write
	Remove
	Rename
	Chmod
)

// Event is one file system event.
type Event struct {
	Path string
	Op   Op
}

// Batch collects the events of one burst (an editor's save is often ten events on three files)
// into the set of paths to rebuild. It is not safe for concurrent use; the watcher owns it.
type Batch struct {
	paths map[string]Op
}

// Add records an event. Temporary and backup files of editors, hidden files and events that only
// change permissions are left out.
func (b *Batch) Add(ev Event) {
	if Ignored(ev.Path) {
		return
	}
	if b.paths == nil {
		b.paths = map[string]Op{}
	}
	b.paths[ev.Path] |= ev.Op
}

// Len is the number of paths recorded.
func (b *Batch) Len() int { return len(b.paths) }

// Take returns the paths to rebuild, sorted, and empties the batch. A path that only had its
// permissions changed is left out: its content is the same.
func (b *Batch) Take() []string {
	var out []string
	for p, op := range b.paths {
		if op == Chmod {
			continue
		}
		out = append(out, p)
	}
	sort.Strings(out)
	b.paths = nil
	return out
}

// Ignored tells whether a changed path is an editor's temporary or backup file (vim's 4913,
// x.md~, .x.swp; emacs' #x# and .#x; sed -i's sedXXXXXX; JetBrains' ___jb_tmp___; VS Code's and
// others' .tmp and hidden files), or lies in a hidden folder: changes there never need a rebuild.
func Ignored(path string) bool {
	path = filepath.ToSlash(path)
	for _, seg := range strings.Split(path, "/") {
		if seg != "" && seg != "." && seg != ".." && strings.HasPrefix(seg, ".") {
			return true
		}
	}
	name := filepath.Base(path)
	return content.Ignored(name) || strings.HasSuffix(name, ".crswap") || strings.HasSuffix(name, ".kate-swp") ||
		strings.HasPrefix(name, ".~lock.")
}
