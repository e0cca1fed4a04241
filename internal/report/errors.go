// Package report holds the problems a build reports to editors: FileError names the file and the
// line, ErrorList collects them in a stable order.
package report

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// FileError is a problem at a line of a file of the site. It prints as "path:line: message",
// like text/template's errors. Line 0 means the file as a whole.
type FileError struct {
	Path string // slash-separated, relative to the site root ("content/tin-tuc/x.md")
	Line int
	Err  error
}

// Error implements error.
func (e *FileError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.Path, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Path, e.Err)
}

// Unwrap returns the underlying error.
func (e *FileError) Unwrap() error { return e.Err }

// Errorf returns a FileError with a formatted message.
func Errorf(path string, line int, format string, args ...any) *FileError {
	return &FileError{Path: path, Line: line, Err: fmt.Errorf(format, args...)}
}

// ErrorList is a set of problems found by a build. It sorts by path, line and message so that
// the same input always prints the same report.
type ErrorList []*FileError

// Add appends err; a FileError is kept as it is, any other error is attached to no file.
func (l *ErrorList) Add(err error) {
	if err == nil {
		return
	}
	var fe *FileError
	if errors.As(err, &fe) {
		*l = append(*l, fe)
		return
	}
	var list ErrorList
	if errors.As(err, &list) {
		*l = append(*l, list...)
		return
	}
	*l = append(*l, &FileError{Err: err})
}

// Sort orders the list by path, line and message and drops exact duplicates.
func (l *ErrorList) Sort() {
	s := *l
	sort.SliceStable(s, func(i, j int) bool {
		if s[i].Path != s[j].Path {
			return s[i].Path < s[j].Path
		}
		if s[i].Line != s[j].Line {
			return s[i].Line < s[j].Line
		}
		return s[i].Err.Error() < s[j].Err.Error()
	})
	out := s[:0]
	for i, e := range s {
		if i > 0 && e.Error() == s[i-1].Error() {
			continue
		}
		out = append(out, e)
	}
	*l = out
}

// Err returns the list as an error, or nil when it is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Error implements error: one problem per line.
func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// AsList returns the problems err holds: the list itself, one FileError, or err attached to no
// file.
func AsList(err error) ErrorList {
	var list ErrorList
	var fe *FileError
	switch {
	case errors.As(err, &list):
	case errors.As(err, &fe):
		list = ErrorList{fe}
	default:
		list = ErrorList{{Err: err}}
	}
	return list
}
