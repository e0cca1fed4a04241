package render_test

import (
	"bytes"
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/btnmt/cchc/internal/render"
	"github.com/btnmt/cchc/internal/report"
	"github.com/btnmt/cchc/internal/site"
)

// boom is a page whose method Boom panics.
type boom struct{ *site.Page }

func (boom) Boom() string { panic("bùm") }

// TestExecuteLimits runs layouts that never end, write without end or call a method that panics:
// each is an error at the layout's file, quickly, and the caller's writer gets nothing.
func TestExecuteLimits(t *testing.T) {
	tests := []struct {
		name   string
		layout string
		line   int
		words  []string
	}{
		{"loop without output", "{{define \"main\"}}\n{{range 1000000000000000}}{{end}}\n{{end}}\n", 0, []string{"quá", "vòng lặp"}},
		{"loop with output", "{{define \"main\"}}\n{{range 1000000000000000}}<p>{{$.Title}}</p>{{end}}\n{{end}}\n", 0, []string{"vòng lặp"}},
		{"panic in a method", "{{define \"main\"}}\n<h1>{{.Title}}</h1>\n<p>{{.Boom}}</p>\n{{end}}\n", 3, []string{"mẫu trang", "Boom", "bùm"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := render.New(layouts(map[string]string{"_default/baseof.html": baseof, "_default/single.html": tt.layout}), nil, cfgFor(t, "/"))
			if err != nil {
				t.Fatal(err)
			}
			r.Timeout = 300 * time.Millisecond
			r.MaxPageSize = 1 << 20
			p := boom{pageOf(t, "tin-tuc")}
			var out bytes.Buffer
			start := time.Now()
			err = r.Execute(&out, "_default/single.html", p)
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("Render took %v", d)
			}
			var fe *report.FileError
			if !errors.As(err, &fe) {
				t.Fatalf("Render error %v (%T), want a *report.FileError", err, err)
			}
			if fe.Path != "layouts/_default/single.html" || (tt.line != 0 && fe.Line != tt.line) {
				t.Errorf("error at %s:%d, want layouts/_default/single.html:%d: %v", fe.Path, fe.Line, tt.line, err)
			}
			for _, w := range tt.words {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
			if out.Len() != 0 {
				t.Errorf("the writer got %d bytes of a failed page", out.Len())
			}
		})
	}
}

// TestExecuteAbandonedLayoutStops checks that a layout abandoned after its time limit, which
// keeps writing, ends at its next write rather than running on and filling memory.
func TestExecuteAbandonedLayoutStops(t *testing.T) {
	before := runtime.NumGoroutine()
	r, err := render.New(layouts(map[string]string{"_default/baseof.html": baseof,
		"_default/single.html": "{{define \"main\"}}{{range 1000000000000000}}<p>{{$.Title}}</p>{{end}}{{end}}"}), nil, cfgFor(t, "/"))
	if err != nil {
		t.Fatal(err)
	}
	r.Timeout = 100 * time.Millisecond // MaxPageSize stays at its default, far away
	p := pageOf(t, "tin-tuc")
	for i := 0; i < 3; i++ {
		if err := r.Render(&bytes.Buffer{}, p); err == nil {
			t.Fatal("Render succeeded")
		}
	}
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines left running after the abandoned layouts (%d before)", n, before)
	}
}
