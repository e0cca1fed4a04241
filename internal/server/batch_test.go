package server

import (
	"slices"
	"testing"
)

func TestBatchRecordedSaves(t *testing.T) {
	tests := []struct {
		name   string
		events []Event
		want   []string
	}{
		{
			// vim with backupcopy=no and writebackup: probes the folder with 4913, renames the
			// file to a backup, writes a new file, removes the backup.
			name: "vim",
			events: []Event{
				{"content/tin-tuc/4913", Create}, {"content/tin-tuc/4913", Chmod}, {"content/tin-tuc/4913", Remove},
				{"content/tin-tuc/x.md", Rename}, {"content/tin-tuc/x.md~", Create}, {"content/tin-tuc/x.md", Create},
				{"content/tin-tuc/x.md", Write}, {"content/tin-tuc/x.md", Write}, {"content/tin-tuc/x.md", Chmod},
				{"content/tin-tuc/x.md~", Remove},
			},
			want: []string{"content/tin-tuc/x.md"},
		},
		{
			name: "vim swap files while editing",
			events: []Event{
				{"content/tin-tuc/.x.md.swp", Create}, {"content/tin-tuc/.x.md.swp", Write}, {"content/tin-tuc/.x.md.swx", Remove},
			},
			want: nil,
		},
		{
			name: "sed -i",
			events: []Event{
				{"content/tin-tuc/sedAbc123", Create}, {"content/tin-tuc/sedAbc123", Write}, {"content/tin-tuc/sedAbc123", Chmod},
				{"content/tin-tuc/sedAbc123", Rename}, {"content/tin-tuc/x.md", Create},
			},
			want: []string{"content/tin-tuc/x.md"},
		},
		{
			name: "JetBrains safe write",
			events: []Event{
				{"content/tin-tuc/x.md___jb_tmp___", Create}, {"content/tin-tuc/x.md___jb_tmp___", Write},
				{"content/tin-tuc/x.md", Rename}, {"content/tin-tuc/x.md___jb_old___", Create},
				{"content/tin-tuc/x.md___jb_tmp___", Rename}, {"content/tin-tuc/x.md", Create},
				{"content/tin-tuc/x.md___jb_old___", Remove},
			},
			want: []string{"content/tin-tuc/x.md"},
		},
		{
			name: "VS Code and emacs",
			events: []Event{
				{"content/tin-tuc/.#x.md", Create}, {"content/tin-tuc/#x.md#", Write}, {"content/tin-tuc/x.md", Write},
				{"layouts/_default/single.html", Write}, {"layouts/_default/single.html.tmp", Create},
			},
			want: []string{"content/tin-tuc/x.md", "layouts/_default/single.html"},
		},
		{
			name:   "chmod only",
			events: []Event{{"content/tin-tuc/x.md", Chmod}},
			want:   nil,
		},
		{
			name:   "delete and hidden folders",
			events: []Event{{"content/tin-tuc/cu.md", Remove}, {"content/.git/index", Write}, {"static/.cache/a", Create}},
			want:   []string{"content/tin-tuc/cu.md"},
		},
		{
			name:   "a new folder with a file",
			events: []Event{{"content/su-kien", Create}, {"content/su-kien/hoi-nghi.md", Create}, {"content/su-kien/hoi-nghi.md", Write}},
			want:   []string{"content/su-kien", "content/su-kien/hoi-nghi.md"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b Batch
			for _, ev := range tt.events {
				b.Add(ev)
			}
			got := b.Take()
			if !slices.Equal(got, tt.want) {
				t.Errorf("Take() = %q, want %q", got, tt.want)
			}
			if b.Len() != 0 {
				t.Errorf("the batch is not empty after Take")
			}
		})
	}
}
