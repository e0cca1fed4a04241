package build

import (
	"strings"

	"github.com/btnmt/cchc/internal/config"
	"github.com/btnmt/cchc/internal/report"
	"github.com/btnmt/cchc/internal/site"
	"github.com/btnmt/cchc/internal/slug"
)

// FeedbackURL is the site-relative URL of the feedback page ("Gửi phản ánh, kiến nghị").
const FeedbackURL = "/gop-y/"

// TypeFeedback is the type (and section) of the feedback page: its layout is gop-y/gop-y.html.
const TypeFeedback site.Type = "gop-y"

// How the feedback form sends what visitors write.
const (
	FeedbackToEndpoint = "endpoint" // a form post to gop_y.endpoint
	FeedbackToEmail    = "email"    // an e-mail to gop_y.email, opened in the visitor's mail program
)

// FeedbackSubject is the subject of the e-mails the form opens.
const FeedbackSubject = "Phản ánh, kiến nghị gửi từ Chuyên trang Cải cách hành chính"

// FeedbackData is what the feedback page shows.
type FeedbackData struct {
	// Mode is FeedbackToEndpoint, FeedbackToEmail, or "" when the config sets neither: the page
	// then says how to reach the organisation instead of showing a form.
	Mode     string
	Endpoint string
	Email    string
	Mailto   string   // "mailto:…?subject=…", the form's action with only an e-mail address
	Fields   []string // every linh_vuc of the site, in Vietnamese order: the form's choices
	Org      config.Organisation
	QAURL    string // the Q&A section, "" when the site has none
}

type feedbackGenerator struct{}

func init() { register(feedbackGenerator{}) }

func (feedbackGenerator) Name() string                                { return "gop-y" }
func (feedbackGenerator) Generate(*site.Site, *report.ErrorList)      {}
func (feedbackGenerator) Write(*site.Site, Output, *report.ErrorList) {}

// GenerateEnv adds the feedback page; without gop_y in the config it warns.
func (feedbackGenerator) GenerateEnv(e *env, s *site.Site, errs *report.ErrorList) {
	cfg := s.Config
	d := &FeedbackData{Endpoint: cfg.Feedback.Endpoint, Email: cfg.Feedback.Email, Org: cfg.Organisation}
	switch {
	case d.Endpoint != "":
		d.Mode = FeedbackToEndpoint
	case d.Email != "":
		d.Mode = FeedbackToEmail
	default:
		e.warn("%s: chưa cấu hình \"gop_y\" (endpoint hoặc email), nên trang %s (Gửi phản ánh, kiến nghị) không có biểu mẫu mà chỉ ghi cách liên hệ với %s; hãy thêm gop_y.endpoint (địa chỉ nhận biểu mẫu) hoặc gop_y.email vào %s",
			config.FileName, FeedbackURL, cfg.Organisation.Name, config.FileName)
	}
	if d.Email != "" {
		d.Mailto = "mailto:" + d.Email + "?subject=" + mailtoEscape(FeedbackSubject)
	}
	seen := map[string]bool{}
	slugs := map[string]string{} // a field is written the same way on many pages: make its slug once
	for _, p := range s.Pages {
		for _, f := range p.Source.LinhVuc {
			k, ok := slugs[f]
			if !ok {
				k = slug.Make(strings.TrimSpace(f))
				slugs[f] = k
			}
			if k != "" && !seen[k] {
				seen[k] = true
				d.Fields = append(d.Fields, strings.TrimSpace(f))
			}
		}
	}
	site.SortStrings(d.Fields)
	if sec := sectionPage(s, qaSection); sec != nil {
		d.QAURL = sec.URL
	}
	p := &site.Page{Type: TypeFeedback, Section: string(TypeFeedback), URL: FeedbackURL, Parent: s.Home,
		Title:       "Gửi phản ánh, kiến nghị",
		Description: "Gửi phản ánh, kiến nghị của cá nhân, tổ chức về quy định hành chính và công tác cải cách hành chính tới " + cfg.Organisation.Name + ".",
		Data:        d}
	s.Add(p, "trang Gửi phản ánh, kiến nghị (tạo tự động)", errs)
}

// mailtoEscape percent-encodes a mailto: header value (RFC 6068): everything but unreserved
// characters, spaces as %20.
func mailtoEscape(v string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		c := v[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

func (d *FeedbackData) sigData(h *hasher) {
	h.str(d.Mode)
	h.str(d.Endpoint)
	h.str(d.Email)
	h.str(d.Mailto)
	h.strs(d.Fields)
	h.str(d.QAURL)
}
