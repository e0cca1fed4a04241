package content

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/btnmt/cchc/internal/report"
	"golang.org/x/text/unicode/norm"
)

// File is a file under content/ that is not a page: a bundle's resource or a file copied as is.
type File struct {
	Rel    string // relative to content/, slash-separated, NFC
	Abs    string // where it is on disk
	Bundle string // Rel of the index.md that owns it, "" when it belongs to no bundle
}

// Source is everything read from a site's content/ folder.
type Source struct {
	Pages []*Page // sorted by Rel
	Files []File  // sorted by Rel
	// Broken are the Markdown files that exist but could not be read as pages (their errors
	// are reported): links to them are not reported again as links to missing files.
	Broken []string
}

// Entry is a file found under content/: a Markdown page to parse or another file.
type Entry struct {
	Rel string // relative to content/, slash-separated, NFC
	Abs string // on disk
}

// IsPage tells whether the entry is a Markdown page.
func (e Entry) IsPage() bool { return strings.HasSuffix(strings.ToLower(e.Rel), ".md") }

// Ignored tells whether a file name is an editor's temporary or backup file, or hidden.
func Ignored(name string) bool {
	switch {
	case name == "", strings.HasPrefix(name, "."), strings.HasPrefix(name, "#"),
		strings.HasSuffix(name, "~"), strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swx"),
		strings.HasSuffix(name, ".tmp"), strings.HasSuffix(name, ".bak"), strings.HasSuffix(name, "___jb_tmp___"),
		strings.HasSuffix(name, "___jb_old___"), name == "4913", strings.HasPrefix(name, "sed") && len(name) == 9 && !strings.Contains(name, "."):
		return true
	}
	return false
}

// Read walks dir (a site's content/ folder; root is the site root, for symlink checks) and
// parses every page, using all CPUs. All problems are returned together.
func Read(root, dir string) (*Source, report.ErrorList) {
	entries, errs := List(root, dir, dir)
	var pageEntries []Entry
	var files []File
	for _, e := range entries {
		if e.IsPage() {
			pageEntries = append(pageEntries, e)
		} else {
			files = append(files, File{Rel: e.Rel, Abs: e.Abs})
		}
	}
	pages, perr := ParseAll(pageEntries)
	errs = append(errs, perr...)
	src, aerr := Assemble(pages, files)
	errs = append(errs, aerr...)
	for i, p := range pages {
		if p == nil {
			src.Broken = append(src.Broken, pageEntries[i].Rel)
		}
	}
	errs.Sort()
	return src, errs
}

// List walks sub (dir itself or a folder below it) and returns the files found, with paths
// relative to dir (the content/ folder). Hidden and editor temporary files are skipped; a
// symbolic link that leads outside root (the site) is an error.
func List(root, dir, sub string) ([]Entry, report.ErrorList) {
	var errs report.ErrorList
	var out []Entry
	rootAbs, _ := filepath.Abs(root)
	if r, err := filepath.EvalSymlinks(rootAbs); err == nil {
		rootAbs = r
	}
	err := filepath.WalkDir(sub, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == sub && os.IsNotExist(err) {
				return nil
			}
			errs.Add(&report.FileError{Path: relTo(root, p), Err: fmt.Errorf("không đọc được: %v", err)})
			return nil
		}
		if p == dir {
			return nil
		}
		name := d.Name()
		if Ignored(name) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		rel := norm.NFC.String(filepath.ToSlash(mustRel(dir, p)))
		if d.Type()&fs.ModeSymlink != 0 {
			target, err := filepath.EvalSymlinks(p)
			if err != nil {
				errs.Add(report.Errorf("content/"+rel, 0, "liên kết tượng trưng (symlink) hỏng: %v", err))
				return nil
			}
			if t, _ := filepath.Abs(target); !within(rootAbs, t) {
				errs.Add(report.Errorf("content/"+rel, 0, "liên kết tượng trưng (symlink) trỏ ra ngoài thư mục trang (%s); hãy chép tệp vào trong trang thay vì liên kết", target))
				return nil
			}
			if st, err := os.Stat(target); err == nil && st.IsDir() {
				errs.Add(report.Errorf("content/"+rel, 0, "liên kết tượng trưng (symlink) tới thư mục không được hỗ trợ; hãy chép thư mục vào đây"))
				return nil
			}
		}
		if d.IsDir() {
			return nil
		}
		out = append(out, Entry{Rel: rel, Abs: p})
		return nil
	})
	if err != nil {
		errs.Add(fmt.Errorf("đọc thư mục content: %w", err))
	}
	return out, errs
}

// ParseAll reads and parses pages on all CPUs. The pages come back in the entries' order, nil
// where the file had errors.
func ParseAll(entries []Entry) ([]*Page, report.ErrorList) {
	pages := make([]*Page, len(entries))
	perPage := make([][]*report.FileError, len(entries))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < min(runtime.GOMAXPROCS(0), max(len(entries), 1)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				pages[i], perPage[i] = ParseFile(entries[i])
			}
		}()
	}
	for i := range entries {
		next <- i
	}
	close(next)
	wg.Wait()
	var errs report.ErrorList
	for _, pe := range perPage {
		for _, e := range pe {
			errs.Add(e)
		}
	}
	return pages, errs
}

// ParseFile reads and parses one page.
func ParseFile(e Entry) (*Page, []*report.FileError) {
	data, err := readFile(e.Abs)
	if err != nil {
		return nil, []*report.FileError{report.Errorf("content/"+e.Rel, 0, "không đọc được tệp: %v", err)}
	}
	return Parse(e.Rel, data)
}

// Assemble puts parsed pages (nil entries are skipped) and other files together: a folder
// holding an index.md is a bundle that owns every other file below it, and a Markdown file
// inside a bundle's folder is an error.
func Assemble(pages []*Page, files []File) (*Source, report.ErrorList) {
	var errs report.ErrorList
	src := &Source{}
	for _, p := range pages {
		if p != nil {
			src.Pages = append(src.Pages, p)
		}
	}
	src.Files = append(src.Files, files...)
	sort.Slice(src.Pages, func(i, j int) bool { return src.Pages[i].Rel < src.Pages[j].Rel })
	sort.Slice(src.Files, func(i, j int) bool { return src.Files[i].Rel < src.Files[j].Rel })

	bundles := map[string]bool{}
	for _, p := range src.Pages {
		if p.Bundle {
			bundles[path.Dir(p.Rel)] = true
		}
	}
	for i := range src.Files {
		src.Files[i].Bundle = ""
		for d := path.Dir(src.Files[i].Rel); d != "."; d = path.Dir(d) {
			if bundles[d] {
				src.Files[i].Bundle = d + "/index.md"
				break
			}
		}
	}
	kept := src.Pages[:0]
	for _, p := range src.Pages {
		owner := ""
		for d := path.Dir(path.Dir(p.Rel)); d != "."; d = path.Dir(d) {
			if bundles[d] {
				owner = d
			}
		}
		if d := path.Dir(p.Rel); !p.Bundle && bundles[d] {
			owner = d
		}
		if owner != "" {
			errs.Add(report.Errorf(p.Path, 0, "tệp Markdown nằm trong thư mục của bài %s/index.md (mỗi thư mục chứa index.md là một bài); hãy chuyển tệp này ra ngoài thư mục đó", owner))
			continue
		}
		kept = append(kept, p)
	}
	src.Pages = kept
	errs.Sort()
	return src, errs
}

func mustRel(base, p string) string {
	r, err := filepath.Rel(base, p)
	if err != nil {
		return p
	}
	return r
}

func relTo(root, p string) string {
	return norm.NFC.String(filepath.ToSlash(mustRel(root, p)))
}

// within tells whether p is root or below it.
func within(root, p string) bool {
	r, err := filepath.Rel(root, p)
	return err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator)) && !filepath.IsAbs(r)
}
