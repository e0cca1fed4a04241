package progress_test

import (
	"testing"

	"github.com/btnmt/cchc/internal/content"
	"github.com/btnmt/cchc/internal/progress"
)

func TestCompute(t *testing.T) {
	var in []content.TrangThai
	for i := 0; i < 5; i++ {
		in = append(in, content.HoanThanh)
	}
	in = append(in, content.DangThucHien, content.DangThucHien, content.DangThucHien, content.TamDung)
	s := progress.Compute(in)
	if s.Total != 9 || s.Done != 5 || s.DonePercent != 56 {
		t.Errorf("Total, Done, DonePercent = %d, %d, %d; want 9, 5, 56", s.Total, s.Done, s.DonePercent)
	}
	want := []struct {
		key           content.TrangThai
		count, pct    int
		width, offset string
	}{
		{content.HoanThanh, 5, 56, "55.6", "0"},
		{content.DangThucHien, 3, 33, "33.3", "55.6"},
		{content.ChuaBatDau, 0, 0, "0", "88.9"},
		{content.TamDung, 1, 11, "11.1", "88.9"},
	}
	if len(s.Statuses) != len(want) {
		t.Fatalf("%d statuses, want %d", len(s.Statuses), len(want))
	}
	for i, w := range want {
		g := s.Statuses[i]
		if g.Key != w.key || g.Count != w.count || g.Percent != w.pct || g.Width != w.width || g.Offset != w.offset {
			t.Errorf("status %d = %+v, want %+v", i, g, w)
		}
	}
	if got, want := s.Text(), "Đã hoàn thành 5/9 hoạt động (56%); đang thực hiện: 3; chưa bắt đầu: 0; tạm dừng: 1."; got != want {
		t.Errorf("Text() = %q, want %q", got, want)
	}
}

func TestComputeSmallShare(t *testing.T) {
	in := make([]content.TrangThai, 300)
	for i := range in {
		in[i] = content.HoanThanh
	}
	in[0] = content.TamDung
	s := progress.Compute(in)
	if w := s.Statuses[3].Width; w != "1" {
		t.Errorf("one activity in 300 is drawn %s wide, want at least 1", w)
	}
}

func TestComputeEmpty(t *testing.T) {
	s := progress.Compute(nil)
	if s.Total != 0 || s.DonePercent != 0 || s.Text() != "Kế hoạch chưa có hoạt động nào." {
		t.Errorf("Compute(nil) = %+v, %q", s, s.Text())
	}
}
