// Package cchc holds the default theme: the layouts/ and static/ folders at the top of this
// repository, embedded in the binary. A site without its own layouts or static files uses them;
// a site's own files of the same name win.
package cchc

import (
	"embed"
	"io/fs"
)

//go:embed all:layouts all:static all:archetypes
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

// ThemeArchetypes returns the built-in archetypes: one template per section, used by
// `cchc new` when the site has no archetypes/ folder of its own.
func ThemeArchetypes() fs.FS { return mustSub("archetypes") }
