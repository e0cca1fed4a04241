package content

// Page is one Markdown source of the site, decoded but not yet rendered.
type Page struct {
	Path    string // relative to the site root, slash-separated, NFC: "content/tin-tuc/x.md"
	Rel     string // relative to content/: "tin-tuc/x.md"
	Section string // first folder under content/; "" for the home page and top-level pages
	Index   bool   // an _index.md: the home page or a section's own page
	Bundle  bool   // an index.md: the page owns the other files of its folder
	Format  string // "yaml" or "toml"

	FrontMatter
	Kind   *Kind // nil for pages of sections that have no kind
	Params any   // the kind's extra keys (a pointer to the kind's struct), nil without a kind

	Body     []byte // the Markdown after the front matter, NFC, LF line endings
	BodyLine int    // the file line the body starts at
	Size     int    // the bytes of the file, front matter included

	keyLines map[string]int
}

// KeyLine returns the line of a top-level front matter key, or the front matter's first line.
func (p *Page) KeyLine(key string) int {
	if l, ok := p.keyLines[key]; ok {
		return l
	}
	return 1
}
