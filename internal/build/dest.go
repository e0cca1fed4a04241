package build

import (
	"fmt"
	"path/filepath"
	"strings"
)

// checkDest refuses a destination that is the site itself or would overwrite its sources: the
// build replaces the destination folder as a whole.
func checkDest(source, dest string) error {
	src, err := filepath.Abs(source)
	if err != nil {
		return err
	}
	dst, err := filepath.Abs(dest)
	if err != nil {
		return err
	}
	if r, err := filepath.EvalSymlinks(src); err == nil {
		src = r
	}
	dst = resolveExisting(dst)
	if dst == src || isWithin(src, dst) {
		return fmt.Errorf("thư mục đích %q chứa cả trang nguồn; hãy chọn thư mục khác cho --dest (mặc định là public/)", dest)
	}
	for _, d := range []string{"content", "layouts", "static", "archetypes"} {
		p := filepath.Join(src, d)
		if dst == p || isWithin(p, dst) || isWithin(dst, p) {
			return fmt.Errorf("thư mục đích %q trùng hoặc nằm trong thư mục nguồn %s/; bản dựng sẽ xoá nội dung ở đó — hãy chọn thư mục khác cho --dest", dest, d)
		}
	}
	return nil
}

// isWithin tells whether p lies strictly below dir.
func isWithin(p, dir string) bool {
	r, err := filepath.Rel(dir, p)
	return err == nil && r != "." && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator)) && !filepath.IsAbs(r)
}

// resolveExisting resolves the symbolic links of p's longest existing ancestor: the destination
// need not exist yet, but a link on its way (dest under a link to static/) must be followed.
func resolveExisting(p string) string {
	rest := ""
	for cur := p; ; cur = filepath.Dir(cur) {
		if r, err := filepath.EvalSymlinks(cur); err == nil {
			return filepath.Join(r, rest)
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return p
		}
		rest = filepath.Join(filepath.Base(cur), rest)
	}
}
