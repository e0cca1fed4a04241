package publish

import (
	"fmt"
	"path/filepath"
	"sync"
	"testing"
)

// BenchmarkWriteHTML writes 1,000 pages of about 8 KB into a Dir with
// minify on, from one goroutine and from four; one op is the 1,000 pages.
func BenchmarkWriteHTML(b *testing.B) {
	const pages = 1000
	rels := make([]string, pages)
	data := make([][]byte, pages)
	for i := range pages {
		rels[i] = fmt.Sprintf("tin-tuc/bai-viet-so-%04d/index.html", i)
		data[i] = testPage(i, 8*1024)
	}
	for _, workers := range []int{1, 4} {
		b.Run(fmt.Sprintf("goroutines=%d", workers), func(b *testing.B) {
			root := b.TempDir()
			var n int64
			for _, p := range data {
				n += int64(len(p))
			}
			b.SetBytes(n)
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				d, err := NewDir(filepath.Join(root, fmt.Sprint(i)), Options{Minify: true})
				if err != nil {
					b.Fatal(err)
				}
				var wg sync.WaitGroup
				for w := range workers {
					wg.Go(func() {
						for j := w; j < pages; j += workers {
							if err := d.WriteFile(rels[j], data[j]); err != nil {
								b.Error(err)
								return
							}
						}
					})
				}
				wg.Wait()
				b.StopTimer()
				if err := d.Abort(); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*pages), "ns/page")
		})
	}
}

// BenchmarkMinifyHTML minifies one 8 KB page in memory, without disk I/O.
func BenchmarkMinifyHTML(b *testing.B) {
	page := testPage(1, 8*1024)
	mf := sharedMinifier()
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	for b.Loop() {
		out := getBuffer()
		if err := mf.minify(out, mimeHTML, page); err != nil {
			b.Fatal(err)
		}
		putBuffer(out)
	}
}
