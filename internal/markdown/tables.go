package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
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
		// for east.KindTable; rows and cells keep that one.
		util.Prioritized(&tableWrapRenderer{table: extension.NewTableHTMLRenderer(e.options...)}, 100),
	))
}

// tableWrapRenderer renders east.Table nodes through table, inside the
// wrapper.
type tableWrapRenderer struct {
	table renderer.NodeRenderer
}

// SetOption implements renderer.SetOptioner: the options go to the table
// renderer.
func (r *tableWrapRenderer) SetOption(name renderer.OptionName, value any) {
	if s, ok := r.table.(renderer.SetOptioner); ok {
		s.SetOption(name, value)
	}
}

// RegisterFuncs implements renderer.NodeRenderer.
func (r *tableWrapRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	var funcs rendererFuncs
	r.table.RegisterFuncs(&funcs)
	renderTable := funcs[east.KindTable]
	if renderTable == nil {
		return
	}
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

// rendererFuncs collects the functions a renderer.NodeRenderer registers.
type rendererFuncs map[ast.NodeKind]renderer.NodeRendererFunc

// Register implements renderer.NodeRendererFuncRegisterer.
func (f *rendererFuncs) Register(kind ast.NodeKind, fn renderer.NodeRendererFunc) {
	if *f == nil {
		*f = make(rendererFuncs)
	}
	(*f)[kind] = fn
}
