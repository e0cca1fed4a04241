//go:build !unix

package content

import "os"

// readFile reads the file name whole.
func readFile(name string) ([]byte, error) { return os.ReadFile(name) }
