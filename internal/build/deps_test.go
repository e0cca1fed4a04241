package build

import (
	"fmt"
	"slices"
	"strconv"
	"testing"
)

// depsFixture records a small site's reads: two articles of a section, its list, a feed and a
// generator's file.
func depsFixture(t *testing.T) *Deps {
	t.Helper()
	d := newDeps()
	d.setShared([]string{"content/_index.md", "content/tin-tuc/_index.md"})
	d.setPage("tin-tuc/a/index.html", []string{"content/tin-tuc/a.md", "content/tin-tuc/_index.md", "content/tin-tuc/b.md", ""})
	d.setLinks("tin-tuc/a/index.html", []string{"content/van-ban/x.md", "content/van-ban/x.md"})
	d.setPage("tin-tuc/b/index.html", []string{"content/tin-tuc/b.md", "content/tin-tuc/a.md"})
	d.setPage("tin-tuc/index.html", []string{"content/tin-tuc/_index.md", "content/tin-tuc/a.md", "content/tin-tuc/b.md"})
	d.setFile("tin-tuc/index.xml", []string{"content/tin-tuc/a.md"})
	d.setFile("van-ban/van-ban.json", []string{"content/van-ban/x.md"})
	return d
}

func TestDepsReads(t *testing.T) {
	d := depsFixture(t)
	tests := []struct {
		output string
		want   []string
	}{
		{"tin-tuc/a/index.html", []string{"content/_index.md", "content/tin-tuc/_index.md", "content/tin-tuc/a.md", "content/tin-tuc/b.md", "content/van-ban/x.md", "layouts/", "site.yaml"}},
		{"tin-tuc/index.xml", []string{"content/tin-tuc/a.md"}},
		{"nothing.html", nil},
	}
	for _, tt := range tests {
		t.Run(tt.output, func(t *testing.T) {
			if got := d.Reads(tt.output); !slices.Equal(got, tt.want) {
				t.Errorf("Reads = %q, want %q", got, tt.want)
			}
		})
	}
	want := []string{"tin-tuc/a/index.html", "tin-tuc/b/index.html", "tin-tuc/index.html", "tin-tuc/index.xml", "van-ban/van-ban.json"}
	if got := d.Outputs(); !slices.Equal(got, want) {
		t.Errorf("Outputs = %q, want %q", got, want)
	}
}

func TestDepsAffected(t *testing.T) {
	pages := []string{"tin-tuc/a/index.html", "tin-tuc/b/index.html", "tin-tuc/index.html"}
	tests := []struct {
		name    string
		change  func(d *Deps) // after the index is made
		changed []string
		want    []string
		all     bool
	}{
		{"a page", nil, []string{"content/tin-tuc/b.md"}, []string{"tin-tuc/a/index.html", "tin-tuc/b/index.html", "tin-tuc/index.html"}, false},
		{"a link target", nil, []string{"content/van-ban/x.md"}, []string{"tin-tuc/a/index.html", "van-ban/van-ban.json"}, false},
		{"what every page reads", nil, []string{"content/_index.md"}, pages, false},
		{"nothing reads it", nil, []string{"content/khac.md"}, nil, false},
		{"a layout", nil, []string{"layouts/_default/single.html"}, nil, true},
		{"the config", nil, []string{"site.yaml"}, nil, true},
		{"reads recorded again", func(d *Deps) {
			d.setPage("tin-tuc/b/index.html", []string{"content/tin-tuc/b.md"})
		}, []string{"content/tin-tuc/a.md"}, []string{"tin-tuc/a/index.html", "tin-tuc/index.html", "tin-tuc/index.xml"}, false},
		{"links recorded again, reads kept", func(d *Deps) {
			d.setLinks("tin-tuc/a/index.html", []string{"content/tin-tuc/b.md"})
		}, []string{"content/van-ban/x.md", "content/tin-tuc/b.md"}, []string{"tin-tuc/a/index.html", "tin-tuc/b/index.html", "tin-tuc/index.html", "van-ban/van-ban.json"}, false},
		{"an output removed", func(d *Deps) { d.remove("tin-tuc/index.html") }, []string{"content/tin-tuc/b.md"}, []string{"tin-tuc/a/index.html", "tin-tuc/b/index.html"}, false},
		{"a long list recorded again", func(d *Deps) {
			d.setPage("tin-tuc/index.html", append(longList(100), "content/tin-tuc/b.md"))
		}, []string{"content/tin-tuc/a.md", "content/tin-tuc/x-050.md"}, []string{"tin-tuc/a/index.html", "tin-tuc/b/index.html", "tin-tuc/index.html", "tin-tuc/index.xml"}, false},
		{"a long list recorded again, then a short one", func(d *Deps) {
			d.setPage("tin-tuc/index.html", longList(100))
			d.setPage("tin-tuc/index.html", []string{"content/tin-tuc/_index.md"})
		}, []string{"content/tin-tuc/x-050.md", "content/tin-tuc/b.md"}, []string{"tin-tuc/a/index.html", "tin-tuc/b/index.html"}, false},
	}
	for _, tt := range tests {
		for _, indexed := range []bool{false, true} {
			name := tt.name
			if indexed {
				name += ", indexed first"
			}
			t.Run(name, func(t *testing.T) {
				d := depsFixture(t)
				if indexed {
					d.indexNow()
				}
				if tt.change != nil {
					tt.change(d)
				}
				got, all := d.Affected(tt.changed)
				if all != tt.all || !slices.Equal(got, tt.want) {
					t.Errorf("Affected(%q) = %q, %v; want %q, %v", tt.changed, got, all, tt.want, tt.all)
				}
			})
		}
	}
}

// longList is a list of n sources, as a list page or a sitemap reads.
func longList(n int) []string {
	var out []string
	for i := 0; i < n; i++ {
		out = append(out, fmt.Sprintf("content/tin-tuc/x-%03d.md", i))
	}
	return out
}

// BenchmarkDepsRecord records the reads of a build of 20,000 outputs that read 20 sources each,
// as a one-shot build does.
func BenchmarkDepsRecord(b *testing.B) {
	var sources, outputs []string
	for i := 0; i < 10000; i++ {
		sources = append(sources, "content/tin-tuc/bai-"+strconv.Itoa(i)+".md")
	}
	for i := 0; i < 20000; i++ {
		outputs = append(outputs, "tin-tuc/trang/"+strconv.Itoa(i)+"/index.html")
	}
	b.ReportAllocs()
	for n := 0; n < b.N; n++ {
		d := newDeps()
		for i, o := range outputs {
			reads := make([]string, 0, 20)
			for k := 0; k < 20; k++ {
				reads = append(reads, sources[(i*7+k*13)%len(sources)])
			}
			d.setPage(o, reads)
		}
	}
}
