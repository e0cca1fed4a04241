// Package config reads a site's configuration file, site.yaml at the site root, strictly: every
// key has a default, and an unknown key is an error that suggests the closest known one.
package config

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/btnmt/cchc/internal/decode"
	"github.com/btnmt/cchc/internal/report"
)

// FileName is the name of the config file at the site root.
const FileName = "site.yaml"

// Config is a site's configuration.
type Config struct {
	Title        string       `fm:"title"`
	Description  string       `fm:"description"`
	BaseURL      string       `fm:"baseURL"`
	LanguageCode string       `fm:"languageCode"`
	Organisation Organisation `fm:"to_chuc"`
	Menu         []MenuItem   `fm:"menu"`
	Paginate     int          `fm:"paginate"` // items per list page
	RSSLimit     int          `fm:"rssLimit"` // items per feed
	Feedback     Feedback     `fm:"gop_y"`
	Markup       Markup       `fm:"markup"`
	Minify       *bool        `fm:"minify"`

	// Base is BaseURL parsed; BasePath is its path, always ending in "/" ("/" or "/cchc/").
	Base     *url.URL `fm:"-"`
	BasePath string   `fm:"-"`
}

// Organisation is the identity of the body that publishes the site.
type Organisation struct {
	Name      string `fm:"ten"`
	ShortName string `fm:"ten_viet_tat"`
	Parent    string `fm:"co_quan_chu_quan"`
	Address   string `fm:"dia_chi"`
	Phone     string `fm:"dien_thoai"`
	Email     string `fm:"email"`
	Website   string `fm:"website"`
	Logo      string `fm:"logo"`
}

// MenuItem is one entry of the main menu. URL is site-relative ("/tin-tuc/") and must be a page
// of the site; an entry whose page does not exist is left out with a warning.
type MenuItem struct {
	Name   string `fm:"ten,required"`
	URL    string `fm:"url,required"`
	Weight int    `fm:"weight"`
	Line   int
}

// Feedback says where the feedback form sends its data.
type Feedback struct {
	Endpoint string `fm:"endpoint"`
	Email    string `fm:"email"`
}

// Markup configures Markdown rendering.
type Markup struct {
	Unsafe bool `fm:"unsafe"` // let raw HTML in Markdown through
}

// Default returns the configuration of a site with no config file.
func Default() *Config {
	c := &Config{}
	c.setDefaults()
	_ = c.parseBase()
	return c
}

func (c *Config) setDefaults() {
	if c.Title == "" {
		c.Title = "Chuyên trang Cải cách hành chính"
	}
	if c.BaseURL == "" {
		c.BaseURL = "/"
	}
	if c.LanguageCode == "" {
		c.LanguageCode = "vi"
	}
	if c.Organisation.Name == "" {
		c.Organisation.Name = "Bộ Tài nguyên và Môi trường"
	}
	if c.Paginate == 0 {
		c.Paginate = 10
	}
	if c.RSSLimit == 0 {
		c.RSSLimit = 20
	}
	if c.Minify == nil {
		t := true
		c.Minify = &t
	}
}

// Load reads root/site.yaml; a missing file gives the defaults. baseURL, when not empty,
// overrides the file's.
func Load(root, baseURL string) (*Config, error) {
	c := &Config{}
	var lines map[string]int // line of each top-level key written in the file
	data, err := os.ReadFile(filepath.Join(root, FileName))
	switch {
	case errors.Is(err, os.ErrNotExist):
	case err != nil:
		return nil, fmt.Errorf("đọc %s: %w", FileName, err)
	default:
		var errs report.ErrorList
		n, err := decode.YAML(data, 0)
		if err != nil {
			errs.Add(err)
		} else {
			lines = n.KeyLines()
			for _, e := range decode.Into(n, c) {
				errs.Add(e)
			}
		}
		for _, e := range errs {
			e.Path = FileName
		}
		if len(errs) > 0 {
			errs.Sort()
			return nil, errs
		}
	}
	if baseURL != "" {
		c.BaseURL = baseURL
		delete(lines, "baseURL")
	}
	// A 0 written in the file is an error, not a request for the default.
	_, zeroPaginate := lines["paginate"]
	zeroPaginate = zeroPaginate && c.Paginate == 0
	_, zeroRSS := lines["rssLimit"]
	zeroRSS = zeroRSS && c.RSSLimit == 0
	c.setDefaults()
	var errs report.ErrorList
	if err := c.parseBase(); err != nil {
		errs.Add(report.Errorf(FileName, lines["baseURL"], "%v", err))
	}
	if c.Paginate < 1 || zeroPaginate {
		errs.Add(report.Errorf(FileName, lines["paginate"], "\"paginate\" phải là số dương (số mục trên một trang danh sách), ví dụ paginate: 10"))
	}
	if c.RSSLimit < 1 || zeroRSS {
		errs.Add(report.Errorf(FileName, lines["rssLimit"], "\"rssLimit\" phải là số dương (số mục trong một nguồn tin RSS), ví dụ rssLimit: 20"))
	}
	if e := c.Feedback.Endpoint; e != "" {
		if u, err := url.Parse(e); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			errs.Add(report.Errorf(FileName, lines["gop_y"], "\"gop_y.endpoint\" phải là một địa chỉ http(s) đầy đủ, ví dụ https://example.gov.vn/gop-y, không phải %q", e))
		}
	}
	if e := c.Feedback.Email; e != "" && (!strings.Contains(e, "@") || strings.ContainsAny(e, " <>\"")) {
		errs.Add(report.Errorf(FileName, lines["gop_y"], "\"gop_y.email\" không phải một địa chỉ thư điện tử hợp lệ: %q", e))
	}
	for _, m := range c.Menu {
		if !strings.HasPrefix(m.URL, "/") {
			errs.Add(report.Errorf(FileName, m.Line, "\"menu\": địa chỉ %q phải bắt đầu bằng \"/\" (một trang của chuyên trang, ví dụ /tin-tuc/)", m.URL))
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return c, nil
}

// CheckBaseURL reports whether u can serve as the base URL (for the --base-url flag).
func CheckBaseURL(u string) error {
	c := &Config{BaseURL: u}
	return c.parseBase()
}

func (c *Config) parseBase() error {
	u, err := url.Parse(c.BaseURL)
	if err != nil || (u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https") || (u.Scheme != "" && u.Host == "") || (u.Scheme == "" && u.Host != "") {
		return fmt.Errorf("\"baseURL\" %q không hợp lệ; hãy viết địa chỉ đầy đủ như https://example.gov.vn/cchc/ hoặc một đường dẫn như /cchc/", c.BaseURL)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return fmt.Errorf("\"baseURL\" %q không được có ?… hoặc #…", c.BaseURL)
	}
	p := u.Path
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	u.Path = p
	c.Base = u
	c.BasePath = p
	return nil
}

// Absolute tells whether the base URL has a scheme and host, so feeds and the sitemap can carry
// absolute URLs.
func (c *Config) Absolute() bool { return c.Base != nil && c.Base.Host != "" }

// RelURL returns the URL path of a site-relative path ("/tin-tuc/x/") under the base path.
func (c *Config) RelURL(p string) string {
	return c.BasePath + strings.TrimPrefix(p, "/")
}

// AbsURL returns the absolute URL of a site-relative path, or RelURL when the base has no host.
func (c *Config) AbsURL(p string) string {
	if !c.Absolute() {
		return c.RelURL(p)
	}
	return c.Base.Scheme + "://" + c.Base.Host + c.RelURL(p)
}
