// Package progress sums up a plan's progress: how many activities are in each status, as counts,
// percentages and bar lengths for a chart drawn at build time.
package progress

import (
	"math"
	"strconv"
	"unicode"

	"github.com/btnmt/cchc/internal/content"
)

// Status is one status's share of a plan's activities.
type Status struct {
	Key     content.TrangThai
	Label   string
	Count   int
	Percent int // of all activities, rounded
	// Width is the bar's length out of 100, with one decimal, for an SVG viewBox of width 100;
	// a status with activities is never drawn shorter than 1.
	Width string
	// Offset is where the status's segment starts in a single stacked bar (the sum of the
	// widths before it), out of 100.
	Offset string
}

// Summary is a plan's progress.
type Summary struct {
	Total       int
	Done        int // activities hoan-thanh
	DonePercent int
	Statuses    []Status // every status, in content.TrangThaiOrder, including those with no activity
}

// Compute counts the statuses of a plan's activities.
func Compute(statuses []content.TrangThai) Summary {
	counts := map[content.TrangThai]int{}
	for _, s := range statuses {
		counts[s]++
	}
	sum := Summary{Total: len(statuses), Done: counts[content.HoanThanh]}
	sum.DonePercent = percent(sum.Done, sum.Total)
	before := 0 // activities in the statuses before this one
	for _, k := range content.TrangThaiOrder {
		n := counts[k]
		st := Status{Key: k, Label: k.Label(), Count: n, Percent: percent(n, sum.Total), Width: "0",
			Offset: tenths(before, sum.Total)}
		if n > 0 {
			w := math.Max(1, math.Round(float64(n)*1000/float64(sum.Total))/10)
			st.Width = strconv.FormatFloat(w, 'f', -1, 64)
		}
		before += n
		sum.Statuses = append(sum.Statuses, st)
	}
	return sum
}

// Text is the summary in one Vietnamese sentence, the chart's text equivalent: "Đã hoàn thành
// 5/9 hoạt động (56%); đang thực hiện: 3; chưa bắt đầu: 1; tạm dừng: 0."
func (s Summary) Text() string {
	if s.Total == 0 {
		return "Kế hoạch chưa có hoạt động nào."
	}
	out := "Đã hoàn thành " + strconv.Itoa(s.Done) + "/" + strconv.Itoa(s.Total) + " hoạt động (" + strconv.Itoa(s.DonePercent) + "%)"
	for _, st := range s.Statuses {
		if st.Key == content.HoanThanh {
			continue
		}
		out += "; " + lower(st.Label) + ": " + strconv.Itoa(st.Count)
	}
	return out + "."
}

// tenths is n out of total as a share of 100 with one decimal: "55.6".
func tenths(n, total int) string {
	if total == 0 {
		return "0"
	}
	return strconv.FormatFloat(math.Round(float64(n)*1000/float64(total))/10, 'f', -1, 64)
}

func percent(n, total int) int {
	if total == 0 {
		return 0
	}
	return int(math.Round(float64(n) * 100 / float64(total)))
}

// lower lowers the first letter of a status label ("Đang thực hiện" → "đang thực hiện").
func lower(s string) string {
	r := []rune(s)
	if len(r) > 0 {
		r[0] = unicode.ToLower(r[0])
	}
	return string(r)
}
