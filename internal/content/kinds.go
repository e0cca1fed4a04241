package content

import (
	"path"
	"sort"

	"github.com/btnmt/cchc/internal/decode"
	"github.com/btnmt/cchc/internal/report"
)

// FrontMatter holds the keys every kind has (the Hugo names, so content moves between tools) and
// the shared Vietnamese keys.
type FrontMatter struct {
	Title       string         `fm:"title"`
	Date        decode.Date    `fm:"date"`
	Description string         `fm:"description"`
	Slug        string         `fm:"slug"`
	Draft       bool           `fm:"draft"`
	PublishDate decode.Date    `fm:"publishDate"`
	ExpiryDate  decode.Date    `fm:"expiryDate"`
	Lastmod     decode.Date    `fm:"lastmod"`
	Tags        decode.Strings `fm:"tags"`
	Aliases     decode.Strings `fm:"aliases"`
	Weight      int            `fm:"weight"`
	LinhVuc     decode.Strings `fm:"linh_vuc"`
	DonVi       decode.Strings `fm:"don_vi"`
}

// Kind describes one kind of content of the contract: the section folder it lives in and the
// extra front matter keys it takes.
type Kind struct {
	Name    string // the kind's English name: "article", "tthc", ...
	Section string // the section folder: "tin-tuc", ...
	// Folder, when set, is a folder below content/ that the kind owns instead of the whole
	// section ("thu-tuc-hanh-chinh/thu-tuc" for procedure details); the deepest folder wins.
	Folder string
	Label  string // the Vietnamese name shown to editors and visitors
	// Names are what editors may call the kind on the command line (`cchc new bai-viet "…"`):
	// a Vietnamese name and an English one.
	Names []string
	// NewParams returns a pointer to a zero struct of the kind's extra keys, or nil when it has none.
	NewParams func() any
	// Validate checks a decoded page of the kind on its own (required keys, rules between keys).
	Validate func(p *Page) []*report.FileError
	// Untitled kinds need neither title nor date: their text is shown on a page that other
	// sources title (a procedure detail, on the page of its procedure).
	Untitled bool
}

var kinds = map[string]*Kind{}

// RegisterKind adds a kind; each kind registers itself from its own file's init.
func RegisterKind(k *Kind) {
	if k.Folder == "" {
		k.Folder = k.Section
	}
	kinds[k.Folder] = k
}

// KindOf returns the kind of a section folder, or nil for a section with no kind (plain pages).
func KindOf(section string) *Kind { return kinds[section] }

// KindFor returns the kind of a content file by its path relative to content/: the kind of the
// deepest folder that has one, or nil.
func KindFor(rel string) *Kind {
	for d := path.Dir(rel); d != "." && d != "/"; d = path.Dir(d) {
		if k, ok := kinds[d]; ok {
			return k
		}
	}
	return nil
}

// KindNamed returns the kind an editor named ("bai-viet", "article", "tin-tuc"), or nil.
func KindNamed(name string) *Kind {
	for _, k := range kinds {
		if k.Folder == name || k.Name == name {
			return k
		}
		for _, n := range k.Names {
			if n == name {
				return k
			}
		}
	}
	return nil
}

// Kinds lists every registered kind in section order.
func Kinds() []*Kind {
	var out []*Kind
	for _, k := range kinds {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Section < out[j].Section })
	return out
}
