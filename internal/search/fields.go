package search

// Fielder is implemented by what a page carries besides its Markdown, a generated page's Data
// or a kind's front matter struct (site.Page.Params), when it has searchable text of its own:
// the build indexes every published page by its title, description, headings and body, and adds
// what SearchFields returns. A new kind makes itself findable by its codes and names by
// implementing it; internal/build/search.go knows the kinds that existed when it was written.
type Fielder interface {
	SearchFields() Fields
}

// Fields is a page's searchable text besides its title, description, headings and body.
type Fields struct {
	// Codes are the page's own identifiers, found as typed and ranked like the title:
	// a document's số ký hiệu ("1234/QĐ-BTNMT"), a procedure's code ("1.004227").
	Codes []string
	// Meta is short text ranked like the description: codes the page mentions, names of the
	// procedures a notice announces, the place of an event, the question of a Q&A.
	Meta []string
	// Text is more body text: ranked like the body and shown in snippets after it.
	Text []string
	// Kind, when Key is set, is the kind results show and filter by, instead of the page's
	// content kind (a generated page has none).
	Kind Facet
	// Fields are lĩnh vực names the page belongs to besides its front matter linh_vuc.
	Fields []string
}

// Merge appends o to f; o's Kind wins when set.
func (f *Fields) Merge(o Fields) {
	f.Codes = append(f.Codes, o.Codes...)
	f.Meta = append(f.Meta, o.Meta...)
	f.Text = append(f.Text, o.Text...)
	f.Fields = append(f.Fields, o.Fields...)
	if o.Kind.Key != "" {
		f.Kind = o.Kind
	}
}
