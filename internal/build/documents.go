package build

import (
	"encoding/json"
	"fmt"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/btnmt/cchc/internal/attach"
	"github.com/btnmt/cchc/internal/content"
	"github.com/btnmt/cchc/internal/decode"
	"github.com/btnmt/cchc/internal/report"
	"github.com/btnmt/cchc/internal/site"
	"github.com/btnmt/cchc/internal/slug"

	"golang.org/x/text/unicode/norm"
)

const documentsSection = "van-ban"

// DocumentsJSON is the site-relative URL of the list of every document that
// static/js/loc-van-ban.js filters in the browser.
const DocumentsJSON = "/" + documentsSection + "/van-ban.json"

// TypeDocumentFilter is the type of the pre-rendered pages of the documents index filtered by
// type, year or issuing body (/van-ban/loai/quyet-dinh/, /van-ban/nam/2020/, /van-ban/co-quan/…/).
const TypeDocumentFilter site.Type = "loc"

// The filters of the documents index, as they appear in URLs.
const (
	FilterType   = "loai"
	FilterYear   = "nam"
	FilterIssuer = "co-quan"
)

// DocumentData is what a document's page shows besides its Markdown.
type DocumentData struct {
	Doc   *content.Document
	Year  int // of ngay_ban_hanh
	Files []*Attachment
	// The filtered lists the document belongs to, for links from its metadata.
	TypeURL, YearURL, IssuerURL string
}

// Attachment is one file of a document's tep.
type Attachment struct {
	Name  string // the file name, as shown
	URL   string // site-relative: "/van-ban/qd-1234/qd-1234.pdf"
	Type  string // "PDF"
	Size  string // "245 KB"
	Bytes int64
	MIME  string // for the link's type attribute, "" when unknown

	source string // the file's path relative to the site root, for deps
	disk   string // the file on disk to copy next to the page, "" when the build copies it anyway
	out    string // where the copy goes, relative to the destination
}

// Label is what a download link says after the name: "PDF, 245 KB".
func (a *Attachment) Label() string { return a.Type + ", " + a.Size }

// Facet is one value a documents list can be filtered by, with its pre-rendered page.
type Facet struct {
	Kind  string // FilterType, FilterYear or FilterIssuer
	Name  string // "Quyết định", "2020", "Bộ Tài nguyên và Môi trường"
	Slug  string // "quyet-dinh", "2020", "bo-tai-nguyen-va-moi-truong"
	URL   string // "/van-ban/loai/quyet-dinh/"
	Count int
	pages []*site.Page
}

// DocumentsIndex holds the facets of every document, shared by the index and its filtered pages.
type DocumentsIndex struct {
	Types, Years, Issuers []*Facet
	JSON                  string // DocumentsJSON
	Total                 int
}

// DocumentList is the Data of the documents index (Current nil) and of its filtered pages.
type DocumentList struct {
	*DocumentsIndex
	Current *Facet
}

// Selected tells whether a facet is the one the list is filtered by, for the form's options.
func (l *DocumentList) Selected(f *Facet) bool {
	return l.Current != nil && f != nil && l.Current.Kind == f.Kind && l.Current.Slug == f.Slug
}

type documentsGenerator struct{}

func init() { register(documentsGenerator{}) }

func (documentsGenerator) Name() string                           { return "van-ban" }
func (documentsGenerator) Generate(*site.Site, *report.ErrorList) {}

func documentOf(p *site.Page) *content.Document {
	d, _ := p.Params().(*content.Document)
	return d
}

// GenerateEnv finds and measures every document's files, orders the documents by date of
// issue and adds the filtered lists.
func (documentsGenerator) GenerateEnv(e *env, s *site.Site, errs *report.ErrorList) {
	filesByRel := map[string]site.File{} // content-relative path → file
	filesByOut := map[string]site.File{} // output path → file
	namesInDir := map[string][]string{}  // content-relative folder → file names, for suggestions
	for _, f := range s.Files {
		rel := strings.TrimPrefix(f.Path, "content/")
		filesByRel[rel] = f
		filesByOut[f.Output] = f
		namesInDir[path.Dir(rel)] = append(namesInDir[path.Dir(rel)], path.Base(rel))
	}
	var docs []*site.Page
	for _, p := range s.Pages {
		doc := documentOf(p)
		if doc == nil {
			continue
		}
		docs = append(docs, p)
		d := &DocumentData{Doc: doc, Year: doc.NgayBanHanh.In(decode.Location).Year()}
		for _, t := range doc.Tep {
			a, err := findAttachment(e, s, p, norm.NFC.String(t), filesByRel, filesByOut, namesInDir)
			if err != nil {
				errs.Add(report.Errorf(p.Source.Path, p.Source.KeyLine("tep"), "\"tep\": %v", err))
				continue
			}
			p.Reads = append(p.Reads, a.source)
			d.Files = append(d.Files, a)
		}
		p.Data = d
	}
	if len(docs) == 0 {
		return
	}
	sort.SliceStable(docs, func(i, j int) bool {
		a, b := documentOf(docs[i]), documentOf(docs[j])
		if !a.NgayBanHanh.Equal(b.NgayBanHanh.Time) {
			return a.NgayBanHanh.After(b.NgayBanHanh.Time)
		}
		if !docs[i].Date.Equal(docs[j].Date) {
			return docs[i].Date.After(docs[j].Date)
		}
		if c := site.Compare(string(a.SoKyHieu), string(b.SoKyHieu)); c != 0 {
			return c < 0
		}
		return docs[i].URL < docs[j].URL
	})
	homeData(s).Documents = latest(docs, homeLimit)

	ix := &DocumentsIndex{JSON: DocumentsJSON, Total: len(docs)}
	facets := map[string]*Facet{}
	facet := func(kind, name string, p *site.Page) *Facet {
		sl := slug.Make(name)
		if sl == "" {
			return nil
		}
		key := kind + "/" + sl
		f := facets[key]
		if f == nil {
			f = &Facet{Kind: kind, Name: name, Slug: sl, URL: "/" + documentsSection + "/" + kind + "/" + sl + "/"}
			facets[key] = f
			switch kind {
			case FilterType:
				ix.Types = append(ix.Types, f)
			case FilterYear:
				ix.Years = append(ix.Years, f)
			default:
				ix.Issuers = append(ix.Issuers, f)
			}
		} else if site.Compare(name, f.Name) < 0 {
			f.Name = name // names that differ only in marks or case share a page: show one of them
		}
		f.Count++
		f.pages = append(f.pages, p)
		return f
	}
	for _, p := range docs {
		doc, d := documentOf(p), p.Data.(*DocumentData)
		if f := facet(FilterType, strings.TrimSpace(doc.Loai), p); f != nil {
			d.TypeURL = f.URL
		}
		if f := facet(FilterYear, strconv.Itoa(d.Year), p); f != nil {
			d.YearURL = f.URL
		}
		if f := facet(FilterIssuer, strings.TrimSpace(doc.CoQuanBanHanh), p); f != nil {
			d.IssuerURL = f.URL
		}
	}
	byName := func(fs []*Facet) {
		sort.SliceStable(fs, func(i, j int) bool { return site.Compare(fs[i].Name, fs[j].Name) < 0 })
	}
	byName(ix.Types)
	byName(ix.Issuers)
	sort.SliceStable(ix.Years, func(i, j int) bool { return ix.Years[i].Name > ix.Years[j].Name })

	s.Reserve(DocumentsJSON)
	sec := sectionPage(s, documentsSection)
	parent := s.Home
	if sec != nil {
		sec.Pages = append(sec.Pages[:0:0], docs...)
		sec.Data = &DocumentList{DocumentsIndex: ix}
		parent = sec
	}
	for _, group := range [][]*Facet{ix.Types, ix.Years, ix.Issuers} {
		for _, f := range group {
			var title, desc string
			switch f.Kind {
			case FilterType:
				title = "Văn bản loại " + f.Name
				desc = fmt.Sprintf("Các văn bản loại %s về cải cách hành chính, mới nhất trước.", f.Name)
			case FilterYear:
				title = "Văn bản ban hành năm " + f.Name
				desc = fmt.Sprintf("Các văn bản về cải cách hành chính ban hành năm %s, mới nhất trước.", f.Name)
			default:
				title = "Văn bản do " + f.Name + " ban hành"
				desc = fmt.Sprintf("Các văn bản về cải cách hành chính do %s ban hành, mới nhất trước.", f.Name)
			}
			pg := &site.Page{Type: TypeDocumentFilter, Kind: content.KindOf(documentsSection), Section: documentsSection,
				URL: f.URL, Parent: parent, Title: title, Description: desc, Pages: f.pages,
				Data: &DocumentList{DocumentsIndex: ix, Current: f}}
			if s.Add(pg, "danh sách văn bản "+f.URL+" (tạo tự động)", errs) {
				s.Paginate(pg, errs)
			}
		}
	}
}

// findAttachment resolves one tep entry of document page p: a path under static/ when it starts
// with "/", else a path relative to the page's folder.
func findAttachment(e *env, s *site.Site, p *site.Page, t string, filesByRel, filesByOut map[string]site.File, namesInDir map[string][]string) (*Attachment, error) {
	a := &Attachment{Name: path.Base(t), Type: attach.Type(t), MIME: attach.MIME(t)}
	if strings.HasSuffix(strings.ToLower(t), ".md") {
		return nil, fmt.Errorf("%q là một bài Markdown, không phải tệp để tải về; hãy liên kết tới bài đó trong nội dung", t)
	}
	if content.StaticFile(t) {
		rel := strings.TrimPrefix(path.Clean(t), "/")
		if size, ok := e.staticSize(rel); ok {
			a.URL, a.Bytes, a.source = "/"+rel, size, staticPath(rel)
		} else if f, ok := filesByOut[rel]; ok {
			// A file of content/ written at that address: accepted as well.
			info, err := os.Stat(f.Source)
			if err != nil {
				return nil, fmt.Errorf("không đọc được %s: %v", f.Path, err)
			}
			a.URL, a.Bytes, a.source = "/"+rel, info.Size(), f.Path
		} else {
			return nil, fmt.Errorf("không có tệp static/%s; tệp ghi bắt đầu bằng \"/\" phải nằm trong thư mục static/ của chuyên trang (ví dụ \"/tai-lieu/qd.pdf\" là static/tai-lieu/qd.pdf) — hãy chép tệp vào đó hoặc sửa đường dẫn", rel)
		}
	} else {
		dir := path.Dir(p.Source.Rel)
		rel := path.Clean(path.Join(dir, t))
		if rel == ".." || strings.HasPrefix(rel, "../") {
			return nil, fmt.Errorf("%q trỏ ra ngoài thư mục content/; hãy đặt tệp cạnh bài hoặc trong static/ và ghi \"/đường-dẫn\"", t)
		}
		f, ok := filesByRel[rel]
		if !ok {
			msg := fmt.Sprintf("không có tệp content/%s", rel)
			if sug := decode.Suggest(path.Base(rel), namesInDir[path.Dir(rel)]); sug != "" {
				msg += fmt.Sprintf("; có phải ý bạn là %q?", sug)
			}
			where := "cạnh tệp " + p.Source.Path
			if p.Source.Bundle {
				where = "trong thư mục content/" + dir + "/ (cùng chỗ với index.md)"
			}
			return nil, fmt.Errorf("%s — tệp ghi không có \"/\" ở đầu phải nằm %s; hãy chép tệp vào đó hoặc sửa tên tệp", msg, where)
		}
		info, err := os.Stat(f.Source)
		if err != nil {
			return nil, fmt.Errorf("không đọc được %s: %v", f.Path, err)
		}
		a.Bytes, a.source = info.Size(), f.Path
		if p.Source.Bundle && strings.HasPrefix(rel, dir+"/") {
			a.URL = "/" + f.Output // a resource of the bundle: already copied next to the page
		} else {
			// Copied next to the page, under its own name.
			a.out = strings.TrimPrefix(p.URL, "/") + path.Base(rel)
			a.URL, a.disk = "/"+a.out, f.Source
			if s.Exists(a.URL) {
				return nil, fmt.Errorf("tệp %q sẽ được chép thành %s nhưng địa chỉ đó đã có; hãy đổi tên tệp", t, a.URL)
			}
			s.Reserve(a.URL)
		}
	}
	if a.Bytes == 0 {
		return nil, fmt.Errorf("tệp %q rỗng (0 byte); hãy thay bằng tệp có nội dung", t)
	}
	a.Size = attach.Size(a.Bytes)
	return a, nil
}

// documentJSON is one document in DocumentsJSON.
type documentJSON struct {
	Title      string `json:"tieu_de"`
	URL        string `json:"url"`
	Number     string `json:"so_ky_hieu"`
	Type       string `json:"loai"`
	TypeSlug   string `json:"loai_slug"`
	Year       int    `json:"nam"`
	Issuer     string `json:"co_quan_ban_hanh"`
	IssuerSlug string `json:"co_quan_slug"`
	Issued     string `json:"ngay_ban_hanh"` // dd/mm/yyyy
	IssuedISO  string `json:"ngay_ban_hanh_iso"`
}

// Write copies the files placed next to their pages and writes the documents' JSON list.
func (documentsGenerator) Write(s *site.Site, out Output, errs *report.ErrorList) {
	var list []documentJSON
	var reads []string
	var docs []*site.Page
	if sec := sectionPage(s, documentsSection); sec != nil {
		docs = sec.Pages
	}
	if len(docs) == 0 {
		for _, p := range s.Pages {
			if documentOf(p) != nil {
				docs = append(docs, p)
			}
		}
	}
	for _, p := range docs {
		d, ok := p.Data.(*DocumentData)
		if !ok {
			continue
		}
		for _, a := range d.Files {
			if a.disk == "" {
				continue
			}
			var err error
			if c, ok := out.(fileCopier); ok {
				err = c.CopyFile(a.out, a.disk, a.source)
			} else {
				var data []byte
				if data, err = os.ReadFile(a.disk); err == nil {
					err = out.WriteFile(a.out, data, a.source)
				}
			}
			if err != nil {
				errs.Add(report.Errorf(p.Source.Path, p.Source.KeyLine("tep"), "chép tệp đính kèm %s: %v", a.source, err))
			}
		}
		issued := d.Doc.NgayBanHanh.In(decode.Location)
		list = append(list, documentJSON{
			Title: p.Title, URL: p.RelPermalink(), Number: string(d.Doc.SoKyHieu),
			Type: d.Doc.Loai, TypeSlug: slug.Make(d.Doc.Loai), Year: d.Year,
			Issuer: d.Doc.CoQuanBanHanh, IssuerSlug: slug.Make(d.Doc.CoQuanBanHanh),
			Issued: issued.Format("02/01/2006"), IssuedISO: issued.Format("2006-01-02"),
		})
		reads = append(reads, p.Source.Path)
	}
	if len(list) == 0 {
		return
	}
	// One document a line: small, and readable in a diff.
	var b strings.Builder
	b.WriteString("[\n")
	for i, d := range list {
		line, err := json.Marshal(d)
		if err != nil {
			errs.Add(fmt.Errorf("ghi %s: %w", DocumentsJSON, err))
			return
		}
		b.Write(line)
		if i+1 < len(list) {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("]\n")
	if err := out.WriteFile(strings.TrimPrefix(DocumentsJSON, "/"), []byte(b.String()), reads...); err != nil {
		errs.Add(fmt.Errorf("ghi %s: %w", DocumentsJSON, err))
	}
}

func (d *DocumentData) sigData(h *hasher) {
	h.int(d.Year)
	h.str(d.TypeURL)
	h.str(d.YearURL)
	h.str(d.IssuerURL)
	h.int(len(d.Files))
	for _, a := range d.Files {
		h.str(a.Name)
		h.str(a.URL)
		h.str(a.Type)
		h.str(a.Size)
		h.u64(uint64(a.Bytes))
		h.str(a.MIME)
	}
}

func (l *DocumentList) sigData(h *hasher) {
	ix := l.DocumentsIndex
	h.memo(ix, func(h *hasher) {
		h.str(ix.JSON)
		h.int(ix.Total)
		for _, group := range [][]*Facet{ix.Types, ix.Years, ix.Issuers} {
			h.int(len(group))
			for _, f := range group {
				h.str(f.Kind)
				h.str(f.Name)
				h.str(f.Slug)
				h.str(f.URL)
				h.int(f.Count)
			}
		}
	})
	if l.Current != nil {
		h.str(l.Current.Kind)
		h.str(l.Current.Slug)
	}
}
