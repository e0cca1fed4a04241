package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// tableWrapOpen and tableWrapClose surround every table: the region scrolls
// sideways on a phone while the page does not, and keyboard users can focus
// it (tabindex) to scroll it.
const (
	tableWrapOpen  = `<div class="bang-cuon" role="region" tabindex="0" aria-label="Bảng">` + "\n"
	tableWrapClose = "</div>\n"
)

// tableWrap is the extension that wraps every GFM table (extension.Table
// parses them) in a scrollable <div class="bang-cuon">. Its renderer for
// east.KindTable writes the wrapper and lets goldmark's table renderer write
// the table itself.
type tableWrap struct {
	options []extension.TableOption // those given to extension.NewTable, if any
}

// Extend implements goldmark.Extender.
func (e *tableWrap) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		// Before the table renderer of extension.Table (500), so this wins
		// for east.KindTable and east.KindTableCell; the other table nodes
		// keep that one.
		util.Prioritized(&tableWrapRenderer{
			Config: html.NewConfig(),
			// Alignment is written as a class by this renderer, never as the
			// style attribute goldmark writes by default.
			table: extension.NewTableHTMLRenderer(append(e.options[:len(e.options):len(e.options)],
				extension.WithTableCellAlignMethod(extension.TableCellAlignNone))...),
		}, 100),
	))
}

// tableWrapRenderer renders east.Table nodes through table, inside the
// wrapper. It also renders the plain cells (no attributes, HTML rather than
// XHTML) itself, as goldmark's would but without its fmt calls, which made
// a fifth of the allocations of a page with a table.
type tableWrapRenderer struct {
	html.Config
	table renderer.NodeRenderer
}

// SetOption implements renderer.SetOptioner: the options go to the table
// renderer too.
func (r *tableWrapRenderer) SetOption(name renderer.OptionName, value any) {
	r.Config.SetOption(name, value)
	if s, ok := r.table.(renderer.SetOptioner); ok {
		s.SetOption(name, value)
	}
}

// RegisterFuncs implements renderer.NodeRenderer.
func (r *tableWrapRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	var funcs rendererFuncs
	r.table.RegisterFuncs(&funcs)
	if renderTable := funcs[east.KindTable]; renderTable != nil {
		reg.Register(east.KindTable, func(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
			if entering {
				_, _ = w.WriteString(tableWrapOpen)
				return renderTable(w, source, n, entering)
			}
			s, err := renderTable(w, source, n, entering)
			_, _ = w.WriteString(tableWrapClose)
			return s, err
		})
	}
	if renderCell := funcs[east.KindTableCell]; renderCell != nil {
		reg.Register(east.KindTableCell, func(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
			if r.XHTML || n.Attributes() != nil {
				if cell := n.(*east.TableCell); entering && cell.Alignment != east.AlignNone {
					addClass(cell, alignClass(cell.Alignment))
				}
				return renderCell(w, source, n, entering)
			}
			return renderPlainCell(w, n.(*east.TableCell), entering), nil
		})
	}
}

// renderPlainCell renders a table cell without attributes, its alignment as
// a class (see alignClass).
func renderPlainCell(w util.BufWriter, n *east.TableCell, entering bool) ast.WalkStatus {
	tag := "td"
	if n.Parent() != nil && n.Parent().Kind() == east.KindTableHeader {
		tag = "th"
	}
	if !entering {
		_, _ = w.WriteString("</")
		_, _ = w.WriteString(tag)
		_, _ = w.WriteString(">\n")
		return ast.WalkContinue
	}
	_ = w.WriteByte('<')
	_, _ = w.WriteString(tag)
	if n.Alignment != east.AlignNone {
		_, _ = w.WriteString(` class="`)
		_, _ = w.WriteString(alignClass(n.Alignment))
		_ = w.WriteByte('"')
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue
}

// rendererFuncs collects the functions a renderer.NodeRenderer registers.
type rendererFuncs map[ast.NodeKind]renderer.NodeRendererFunc

// Register implements renderer.NodeRendererFuncRegisterer.
func (f *rendererFuncs) Register(kind ast.NodeKind, fn renderer.NodeRendererFunc) {
	if *f == nil {
		*f = make(rendererFuncs)
	}
	(*f)[kind] = fn
}

// alignClass is the class of a table cell aligned with `:--`, `:-:` or `--:`
// (css/site.css styles them). Goldmark writes a style attribute
// (style="text-align:right"), which a Content-Security-Policy without
// 'unsafe-inline' in style-src blocks, or the align attribute, which is
// obsolete and invalid HTML; a class is neither.
func alignClass(a east.Alignment) string {
	switch a {
	case east.AlignLeft:
		return "can-trai"
	case east.AlignCenter:
		return "can-giua"
	case east.AlignRight:
		return "can-phai"
	}
	return ""
}

// addClass adds class c to the class attribute of n.
func addClass(n ast.Node, c string) {
	if v, ok := n.AttributeString("class"); ok {
		var old string
		switch v := v.(type) {
		case []byte:
			old = string(v)
		case string:
			old = v
		}
		if old != "" {
			c = old + " " + c
		}
	}
	n.SetAttributeString("class", []byte(c))
}
