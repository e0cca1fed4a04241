//go:build !unix

package publish

import "os"

// openNew creates the file name, which must not exist, for writing.
func openNew(name string) (*os.File, error) {
	return os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
}
