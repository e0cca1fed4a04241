// Package archetype creates new content files from per-kind templates (archetypes), for
// `cchc new`: the site's archetypes/<section>.md, or the built-in one of the default theme.
package archetype

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/template"
	"time"

	"github.com/btnmt/cchc/internal/content"
	"github.com/btnmt/cchc/internal/decode"
	"github.com/btnmt/cchc/internal/slug"
)

// MaxNameLength is the longest file name (without .md) that `new` makes from a title: real
// procedure and decision titles run past 250 characters.
const MaxNameLength = 80

// Options says what to create.
type Options struct {
	Source string    // the site root
	Kind   string    // the kind as the editor named it: "bai-viet", "article", "tin-tuc", …
	Title  string    // the page's title
	Now    time.Time // today, in any zone: the date written is the day in Asia/Ho_Chi_Minh
	Theme  fs.FS     // the built-in archetypes, used when the site has none for the kind
}

// Data is what an archetype template sees.
type Data struct {
	Title string // the title, escaped to sit between double quotes in YAML: title: "{{.Title}}"
	Date  string // today in Asia/Ho_Chi_Minh, YYYY-MM-DD
	Slug  string // the file name without .md
}

// KindNames lists the names editors may give kinds, for messages: "bai-viet (article)", ….
func KindNames() string {
	var names []string
	for _, k := range content.Kinds() {
		if len(k.Names) > 0 {
			names = append(names, fmt.Sprintf("%s (%s)", k.Names[0], strings.Join(k.Names[1:], ", ")))
		}
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// Create writes the new file and returns its path. It never overwrites a file.
func Create(o Options) (string, error) {
	k := content.KindNamed(o.Kind)
	if k == nil {
		return "", fmt.Errorf("không có loại bài %q; các loại: %s", o.Kind, KindNames())
	}
	title := strings.TrimSpace(o.Title)
	if title == "" {
		return "", errors.New("thiếu tiêu đề; ví dụ: cchc new bai-viet \"Hội nghị tổng kết công tác cải cách hành chính\"")
	}
	name := slug.Cut(slug.Make(title), MaxNameLength)
	if name == "" {
		return "", fmt.Errorf("tiêu đề %q không tạo được tên tệp (không có chữ hay số)", title)
	}
	src, origin, err := find(o.Source, o.Theme, k.Folder)
	if err != nil {
		return "", err
	}
	t, err := template.New(origin).Option("missingkey=error").Parse(string(src))
	if err != nil {
		return "", fmt.Errorf("mẫu bài %s lỗi: %w", origin, err)
	}
	d := Data{Title: yamlQuoted(title), Date: o.Now.In(decode.Location).Format("2006-01-02"), Slug: name}
	var out bytes.Buffer
	if err := t.Execute(&out, d); err != nil {
		return "", fmt.Errorf("mẫu bài %s lỗi: %w", origin, err)
	}
	rel := k.Folder + "/" + name + ".md"
	// The new file must be a valid page of its kind (a draft): a broken archetype is caught
	// here, not at the next build.
	if _, errs := content.Parse(rel, out.Bytes()); len(errs) > 0 {
		return "", fmt.Errorf("mẫu bài %s tạo ra tệp không hợp lệ: %v", origin, errs[0])
	}
	dir := filepath.Join(o.Source, "content", filepath.FromSlash(k.Folder))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("tạo thư mục %s: %w", dir, err)
	}
	p := filepath.Join(dir, name+".md")
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return "", fmt.Errorf("tệp %s đã có; cchc new không ghi đè — hãy đặt tiêu đề khác hoặc sửa tệp đó", p)
	}
	if err != nil {
		return "", fmt.Errorf("tạo %s: %w", p, err)
	}
	if _, err := f.Write(out.Bytes()); err != nil {
		f.Close()
		os.Remove(p)
		return "", fmt.Errorf("ghi %s: %w", p, err)
	}
	return p, f.Close()
}

// find returns the archetype of a kind's folder: the site's, else the theme's.
func find(source string, theme fs.FS, folder string) ([]byte, string, error) {
	name := strings.ReplaceAll(folder, "/", "-") + ".md"
	p := filepath.Join(source, "archetypes", name)
	if b, err := os.ReadFile(p); err == nil {
		return b, "archetypes/" + name, nil
	}
	if theme != nil {
		if b, err := fs.ReadFile(theme, name); err == nil {
			return b, "archetypes/" + name + " (mặc định)", nil
		}
	}
	return nil, "", fmt.Errorf("không có mẫu bài (archetype) cho mục %s: hãy tạo archetypes/%s", folder, name)
}

// yamlQuoted escapes s to sit between double quotes in YAML.
func yamlQuoted(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", " ", "\r", " ", "\t", " ")
	return r.Replace(s)
}
