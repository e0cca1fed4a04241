package render

import (
	"fmt"
	"html/template"
	"reflect"
	"strings"

	"github.com/btnmt/cchc/internal/config"
	"github.com/btnmt/cchc/internal/markdown"
	"github.com/btnmt/cchc/internal/site"
	"github.com/btnmt/cchc/internal/slug"
)

// Funcs returns the functions layouts may call:
//
//	relURL "/tin-tuc/"   the path under the site's base path ("/cchc/tin-tuc/")
//	absURL "/tin-tuc/"   the absolute URL when the base URL has a host
//	ngay .Date           "ngày 16 tháng 3 năm 2020"
//	thuNgay .Date        "Thứ Hai, 16/03/2020"
//	ngaySo .Date         "16/03/2020"
//	gioNgay .Date        "08:30, 16/03/2020"
//	isoDate .Date        "2020-03-16T08:30:00+07:00", for <time datetime>
//	isoNgay .Date        "2020-03-16", the day only
//	slug "Đất đai"       "dat-dai"
//	first 5 .Pages       at most the first 5 items of a list
//	dict "k" v …         a map, to pass several values to a partial
//	toc .TOC 2 3         the table of contents as a nested list (empty with fewer than 2 headings)
//	add, sub             integer arithmetic
//	jsonLD .             the page's schema.org description, for <script type="application/ld+json">
//	headMeta .           the head's title, description, canonical and Open Graph tags, the
//	                     feed of a section and the JSON-LD: partials/head-mau.html, in Go
//	pageMeta .           the page's kind, date and last change: partials/page-meta-mau.html, in Go
//	pageTerms .          the page's fields, units and tags: partials/terms-mau.html, in Go
func Funcs(cfg *config.Config) template.FuncMap {
	org := orgJSON(cfg)
	return template.FuncMap{
		"relURL":    cfg.RelURL,
		"absURL":    cfg.AbsURL,
		"ngay":      DateLong,
		"thuNgay":   DateWeekday,
		"ngaySo":    DateShort,
		"gioNgay":   DateTimeShort,
		"isoDate":   DateISO,
		"isoNgay":   DayISO,
		"slug":      slug.Make,
		"first":     first,
		"dict":      dict,
		"toc":       toc,
		"add":       func(a, b int) int { return a + b },
		"sub":       func(a, b int) int { return a - b },
		"join":      strings.Join,
		"jsonLD":    func(p *site.Page) template.JS { return jsonLD(p, org) },
		"headMeta":  func(p *site.Page) template.HTML { return headMeta(p, org) },
		"pageMeta":  pageMeta,
		"pageTerms": pageTerms,
	}
}

func first(n int, list any) (any, error) {
	v := reflect.ValueOf(list)
	if !v.IsValid() {
		return list, nil
	}
	if v.Kind() != reflect.Slice {
		return nil, fmt.Errorf("first: cần một danh sách, không phải %T", list)
	}
	if n < v.Len() {
		return v.Slice(0, max(n, 0)).Interface(), nil
	}
	return list, nil
}

func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict: cần từng cặp khoá, giá trị")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict: khoá phải là chuỗi, không phải %T", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}

// toc renders the headings between two levels as nested ordered lists.
func toc(hs []markdown.Heading, minLevel, maxLevel int) template.HTML {
	return template.HTML(markdown.TOCHTML(hs, minLevel, maxLevel))
}
