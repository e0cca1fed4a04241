package publish

import "sync/atomic"

// Discard is a Target that checks every path exactly as Dir does (valid, inside the output, not
// written twice) but keeps and writes nothing: `cchc check` builds into it.
type Discard struct {
	reg   registry
	files atomic.Int64
}

// NewDiscard returns an empty Discard.
func NewDiscard() *Discard { return &Discard{} }

// WriteFile checks rel and drops data.
func (d *Discard) WriteFile(rel string, data []byte) error { return d.claim(rel) }

// WritePage checks rel and drops the page.
func (d *Discard) WritePage(rel string, page []byte, s Splicer) error { return d.claim(rel) }

// WriteMinified checks rel and drops data.
func (d *Discard) WriteMinified(rel string, data []byte) error { return d.claim(rel) }

// CopyFile checks rel and that src is a regular file it could copy.
func (d *Discard) CopyFile(rel, src string) error {
	if err := d.claim(rel); err != nil {
		return err
	}
	f, err := openRegular(rel, src)
	if err != nil {
		return err
	}
	return f.Close()
}

// Files returns the number of files that would have been written.
func (d *Discard) Files() int { return int(d.files.Load()) }

func (d *Discard) claim(rel string) error {
	rel, err := cleanRel(rel)
	if err != nil {
		return err
	}
	if err := d.reg.claim(rel); err != nil {
		return err
	}
	d.files.Add(1)
	return nil
}
