package config_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/btnmt/cchc/internal/config"
	"github.com/btnmt/cchc/internal/report"
)

// load writes site.yaml (unless data is empty) to a temp site and loads it.
func load(t *testing.T, data, baseURL string) (*config.Config, error) {
	t.Helper()
	root := t.TempDir()
	if data != "" {
		if err := os.WriteFile(filepath.Join(root, config.FileName), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return config.Load(root, baseURL)
}

func mustLoad(t *testing.T, data, baseURL string) *config.Config {
	t.Helper()
	c, err := load(t, data, baseURL)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return c
}

// fileErrors returns the problems of a Load error.
func fileErrors(t *testing.T, err error) report.ErrorList {
	t.Helper()
	if err == nil {
		t.Fatal("Load accepted the config")
	}
	var l report.ErrorList
	if errors.As(err, &l) {
		return l
	}
	var fe *report.FileError
	if errors.As(err, &fe) {
		return report.ErrorList{fe}
	}
	t.Fatalf("error %T is not a FileError: %v", err, err)
	return nil
}

func checkDefaults(t *testing.T, c *config.Config) {
	t.Helper()
	if c.Title == "" || c.BaseURL != "/" || c.BasePath != "/" || c.LanguageCode != "vi" ||
		c.Paginate != 10 || c.RSSLimit != 20 || c.Minify == nil || !*c.Minify || c.Organisation.Name == "" {
		t.Errorf("defaults: %+v", c)
	}
	if c.Absolute() {
		t.Error("default base URL is absolute")
	}
}

func TestDefaults(t *testing.T) {
	t.Run("không có tệp", func(t *testing.T) { checkDefaults(t, mustLoad(t, "", "")) })
	t.Run("tệp rỗng", func(t *testing.T) { checkDefaults(t, mustLoad(t, "# chỉ có chú thích\n", "")) })
	t.Run("Default()", func(t *testing.T) { checkDefaults(t, config.Default()) })
}

func TestLoadValues(t *testing.T) {
	c := mustLoad(t, `title: "Chuyên trang CCHC"
baseURL: https://example.gov.vn/cchc
to_chuc:
  ten: Bộ Tài nguyên và Môi trường
  ten_viet_tat: BTNMT
menu:
  - ten: Tin tức
    url: /tin-tuc/
    weight: 2
  - ten: Trang chủ
    url: /
paginate: 15
rssLimit: 5
minify: false
gop_y:
  endpoint: https://example.gov.vn/gop-y
  email: cchc@example.gov.vn
`, "")
	if c.Title != "Chuyên trang CCHC" || c.BasePath != "/cchc/" || c.Paginate != 15 || c.RSSLimit != 5 || *c.Minify {
		t.Errorf("config %+v", c)
	}
	if c.Organisation.ShortName != "BTNMT" || len(c.Menu) != 2 || c.Menu[0].Line != 7 || c.Menu[1].Line != 10 {
		t.Errorf("organisation %+v menu %+v", c.Organisation, c.Menu)
	}
	if c.Feedback.Email != "cchc@example.gov.vn" {
		t.Errorf("gop_y %+v", c.Feedback)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name  string
		data  string
		line  int
		words []string
	}{
		{"khoá lạ gợi ý baseURL", "title: a\nbaseUrl: /cchc/\n", 2, []string{`"baseUrl"`, `"baseURL"`}},
		{"khoá lạ gợi ý paginate", "title: a\n\npaginete: 5\n", 3, []string{`"paginete"`, `"paginate"`}},
		{"khoá lạ lồng", "to_chuc:\n  ten: Bộ\n  dien-thoai: \"024\"\n", 3, []string{`"to_chuc.dien-thoai"`, `"dien_thoai"`}},
		{"paginate là chuỗi", "paginate: \"10\"\n", 1, []string{`"paginate"`, "số nguyên"}},
		{"menu thiếu url", "menu:\n  - ten: Tin tức\n", 2, []string{"thiếu", `"menu[1].url"`}},
		{"menu url tương đối", "menu:\n  - ten: Tin tức\n    url: tin-tuc/\n", 2, []string{`"tin-tuc/"`, `"/"`}},
		{"YAML sai", "title: \"a\nbaseURL: /\n", 1, []string{"ngoặc kép"}},
		{"khoá hai lần", "title: a\ntitle: b\n", 2, []string{`"title"`, "hai lần"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := load(t, tt.data, "")
			l := fileErrors(t, err)
			if len(l) != 1 {
				t.Fatalf("%d errors, want 1: %v", len(l), l)
			}
			e := l[0]
			if e.Path != config.FileName || e.Line != tt.line {
				t.Errorf("at %s:%d, want %s:%d (%v)", e.Path, e.Line, config.FileName, tt.line, e)
			}
			for _, w := range tt.words {
				if !strings.Contains(e.Error(), w) {
					t.Errorf("%q does not contain %q", e.Error(), w)
				}
			}
		})
	}
}

func TestLimits(t *testing.T) {
	tests := []struct {
		name string
		data string
		ok   bool
		key  string
		line int
	}{
		{"paginate 1", "paginate: 1\n", true, "", 0},
		{"paginate 0", "title: a\npaginate: 0\n", false, `"paginate"`, 2},
		{"paginate âm", "paginate: -5\n", false, `"paginate"`, 1},
		{"rssLimit 0", "rssLimit: 0\n", false, `"rssLimit"`, 1},
		{"rssLimit âm", "title: a\n\nrssLimit: -1\n", false, `"rssLimit"`, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := load(t, tt.data, "")
			if tt.ok {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			l := fileErrors(t, err)
			if len(l) != 1 || !strings.Contains(l[0].Error(), tt.key) || !strings.Contains(l[0].Error(), "số dương") {
				t.Fatalf("errors %v, want one about %s", l, tt.key)
			}
			if l[0].Line != tt.line {
				t.Errorf("line %d, want %d", l[0].Line, tt.line)
			}
		})
	}
}

func TestBaseURL(t *testing.T) {
	tests := []struct {
		in       string
		basePath string
		absolute bool
		rel      string // RelURL("/tin-tuc/x/")
		abs      string // AbsURL("/tin-tuc/x/")
	}{
		{"https://example.gov.vn/cchc", "/cchc/", true, "/cchc/tin-tuc/x/", "https://example.gov.vn/cchc/tin-tuc/x/"},
		{"https://example.gov.vn/cchc/", "/cchc/", true, "/cchc/tin-tuc/x/", "https://example.gov.vn/cchc/tin-tuc/x/"},
		{"https://example.gov.vn", "/", true, "/tin-tuc/x/", "https://example.gov.vn/tin-tuc/x/"},
		{"http://localhost:1313/", "/", true, "/tin-tuc/x/", "http://localhost:1313/tin-tuc/x/"},
		{"/", "/", false, "/tin-tuc/x/", "/tin-tuc/x/"},
		{"/cchc/", "/cchc/", false, "/cchc/tin-tuc/x/", "/cchc/tin-tuc/x/"},
		{"/cchc", "/cchc/", false, "/cchc/tin-tuc/x/", "/cchc/tin-tuc/x/"},
		{"/bo/cchc/", "/bo/cchc/", false, "/bo/cchc/tin-tuc/x/", "/bo/cchc/tin-tuc/x/"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			c := mustLoad(t, "baseURL: "+tt.in+"\n", "")
			if c.BasePath != tt.basePath || c.Absolute() != tt.absolute {
				t.Errorf("BasePath %q absolute %v; want %q %v", c.BasePath, c.Absolute(), tt.basePath, tt.absolute)
			}
			if got := c.RelURL("/tin-tuc/x/"); got != tt.rel {
				t.Errorf("RelURL = %q, want %q", got, tt.rel)
			}
			if got := c.RelURL("tin-tuc/x/"); got != tt.rel {
				t.Errorf("RelURL without leading slash = %q, want %q", got, tt.rel)
			}
			if got := c.AbsURL("/tin-tuc/x/"); got != tt.abs {
				t.Errorf("AbsURL = %q, want %q", got, tt.abs)
			}
			if got := c.RelURL("/"); got != tt.basePath {
				t.Errorf("RelURL(/) = %q, want %q", got, tt.basePath)
			}
			if err := config.CheckBaseURL(tt.in); err != nil {
				t.Errorf("CheckBaseURL: %v", err)
			}
			// The flag overrides the file; a bad flag is not blamed on a line of the file.
			o := mustLoad(t, "baseURL: https://khac.gov.vn/\n", tt.in)
			if o.BasePath != tt.basePath || o.AbsURL("/tin-tuc/x/") != tt.abs {
				t.Errorf("override: BasePath %q AbsURL %q", o.BasePath, o.AbsURL("/tin-tuc/x/"))
			}
		})
	}
}

func TestBaseURLInvalid(t *testing.T) {
	for _, in := range []string{
		"ftp://example.gov.vn/cchc/",
		"https://",
		"https:///cchc/",
		"//example.gov.vn/cchc/",
		"https://example.gov.vn/cchc/?a=1",
		"https://example.gov.vn/cchc/#top",
		"http://[::1",
		"javascript:alert(1)",
	} {
		t.Run(in, func(t *testing.T) {
			if err := config.CheckBaseURL(in); err == nil {
				t.Errorf("CheckBaseURL(%q) accepted", in)
			}
			_, err := load(t, "title: a\nbaseURL: \""+in+"\"\n", "")
			l := fileErrors(t, err)
			if len(l) != 1 || !strings.Contains(l[0].Error(), "baseURL") || l[0].Path != config.FileName {
				t.Fatalf("errors %v", l)
			}
			if l[0].Line != 2 {
				t.Errorf("line %d, want 2", l[0].Line)
			}
			if _, err := load(t, "", in); err == nil {
				t.Errorf("the base URL flag %q was accepted", in)
			}
		})
	}
}

func TestFeedback(t *testing.T) {
	tests := []struct {
		name string
		data string
		ok   bool
		word string
	}{
		{"endpoint https", "gop_y:\n  endpoint: https://example.gov.vn/gop-y\n", true, ""},
		{"endpoint http", "gop_y:\n  endpoint: http://example.gov.vn/gop-y\n", true, ""},
		{"chỉ email", "gop_y:\n  email: cchc@example.gov.vn\n", true, ""},
		{"cả hai", "gop_y:\n  endpoint: https://example.gov.vn/gop-y\n  email: cchc@example.gov.vn\n", true, ""},
		{"endpoint tương đối", "gop_y:\n  endpoint: /gop-y\n", false, "gop_y.endpoint"},
		{"endpoint mailto", "gop_y:\n  endpoint: mailto:cchc@example.gov.vn\n", false, "gop_y.endpoint"},
		{"endpoint không có host", "gop_y:\n  endpoint: \"https:///gop-y\"\n", false, "gop_y.endpoint"},
		{"email thiếu @", "gop_y:\n  email: cchc.example.gov.vn\n", false, "gop_y.email"},
		{"email có dấu cách", "gop_y:\n  email: \"cchc @example.gov.vn\"\n", false, "gop_y.email"},
		{"email có tên", "gop_y:\n  email: \"CCHC <cchc@example.gov.vn>\"\n", false, "gop_y.email"},
		{"khoá lạ ở dòng của nó", "gop_y:\n\n  e-mail: cchc@example.gov.vn\n", false, `"email"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := load(t, tt.data, "")
			if tt.ok {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			l := fileErrors(t, err)
			if len(l) != 1 || !strings.Contains(l[0].Error(), tt.word) {
				t.Fatalf("errors %v, want one naming %s", l, tt.word)
			}
			want := 1 // the line of gop_y
			if strings.HasPrefix(tt.name, "khoá lạ") {
				want = 3
			}
			if l[0].Line != want {
				t.Errorf("line %d, want %d (%v)", l[0].Line, want, l[0])
			}
		})
	}
}

func TestBaseURLFlagErrorHasNoLine(t *testing.T) {
	_, err := load(t, "title: a\nbaseURL: /cchc/\n", "ftp://x/")
	l := fileErrors(t, err)
	if len(l) != 1 || l[0].Line != 0 || !strings.Contains(l[0].Error(), "ftp://x/") {
		t.Errorf("errors %v, want one at no line naming the flag's value", l)
	}
}
