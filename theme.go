// Package cchc holds the default theme: the layouts/ and static/ folders at the top of this
// repository, embedded in the binary. A site without its own layouts or static files uses them;
// a site's own files of the same name win.
package cchc

import (
	"embed"
	"io/fs"
)

//go:embed all:layouts all:static
var theme embed.FS

// ThemeLayouts returns the default theme's layouts.
func ThemeLayouts() fs.FS { return mustSub("layouts") }

// ThemeStatic returns the default theme's static files.
func ThemeStatic() fs.FS { return mustSub("static") }

func mustSub(dir string) fs.FS {
	f, err := fs.Sub(theme, dir)
	if err != nil {
		panic(err) // the folders are embedded at compile time
	}
	return f
}
