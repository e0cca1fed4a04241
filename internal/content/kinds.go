package content

import (
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
	Label   string // the Vietnamese name shown to editors and visitors
	// NewParams returns a pointer to a zero struct of the kind's extra keys, or nil when it has none.
	NewParams func() any
	// Validate checks a decoded page of the kind on its own (required keys, rules between keys).
	Validate func(p *Page) []*report.FileError
}

var kinds = map[string]*Kind{}

// RegisterKind adds a kind; each kind registers itself from its own file's init.
func RegisterKind(k *Kind) { kinds[k.Section] = k }

// KindOf returns the kind of a section folder, or nil for a section with no kind (plain pages).
func KindOf(section string) *Kind { return kinds[section] }

// Kinds lists every registered kind in section order.
func Kinds() []*Kind {
	var out []*Kind
	for _, k := range kinds {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Section < out[j].Section })
	return out
}
