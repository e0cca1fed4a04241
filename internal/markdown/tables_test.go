package markdown

import (
	"strings"
	"testing"
)

func TestTableWrap(t *testing.T) {
	table := "| Tên | Số |\n|-----|---:|\n| A | 1 |\n"
	tests := []struct {
		name   string
		md     string
		tables int
		want   []string
	}{
		{
			name:   "một bảng",
			md:     table,
			tables: 1,
			want: []string{
				tableWrapOpen + "<table>\n<thead>\n<tr>\n<th>Tên</th>\n",
				`<td class="can-phai">1</td>`,
				"</tbody>\n</table>\n" + tableWrapClose,
			},
		},
		{"hai bảng", table + "\nĐoạn\n\n" + table, 2, nil},
		{"trong danh sách", "- Mục\n\n  " + strings.ReplaceAll(strings.TrimSpace(table), "\n", "\n  ") + "\n", 1, []string{"<li>Mục\n" + tableWrapOpen + "<table>"}},
		{"trong trích dẫn", "> " + strings.ReplaceAll(strings.TrimSpace(table), "\n", "\n> ") + "\n", 1, []string{"<blockquote>\n" + tableWrapOpen}},
		{"không phải bảng", "| chỉ một dòng |", 0, nil},
		{"căn lề", "| T | G | P | K |\n|:--|:-:|--:|---|\n| a | b | c | d |\n", 1, []string{
			`<th class="can-trai">T</th>`, `<th class="can-giua">G</th>`, `<th class="can-phai">P</th>`, "<th>K</th>",
			`<td class="can-trai">a</td>`, `<td class="can-giua">b</td>`, `<td class="can-phai">c</td>`, "<td>d</td>",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			html := string(convert(t, Options{}, tt.md, 1, nil).HTML)
			mustContain(t, html, tt.want...)
			if strings.Contains(html, "style=") || strings.Contains(html, "align=") {
				t.Errorf("a cell is aligned with a style or align attribute (blocked by the CSP, or invalid):\n%s", html)
			}
			opens := strings.Count(html, tableWrapOpen)
			if opens != tt.tables || strings.Count(html, "<table>") != tt.tables || strings.Count(html, "</table>\n"+tableWrapClose) != tt.tables {
				t.Errorf("got %d wrappers for %d tables, want %d:\n%s", opens, strings.Count(html, "<table>"), tt.tables, html)
			}
		})
	}
}
