package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// links is the extension that passes every link, image and autolink
// destination through the Resolver of the conversion, records them in
// Result.Links and Result.Images, and keeps dangerous URLs out of the page.
//
// A destination with a dangerous scheme (see unsafeScheme) is not given to
// the Resolver: it is rendered as "#" and reported, whether raw HTML is
// allowed or not. A destination the Resolver rejects is reported and
// rendered unchanged.
//
// Its renderers replace goldmark's for ast.Link, ast.Image and ast.AutoLink:
// they write the href chosen by the transformer as it is (only percent- and
// HTML-escaped), without decoding references a second time.
type links struct{}

// Extend implements goldmark.Extender.
func (e *links) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(
		util.Prioritized(&linkTransformer{}, 1200),
	))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		// Before goldmark's html.Renderer (1000), so these win.
		util.Prioritized(newLinkRenderer(), 100),
	))
}

// linkTransformer is the parser.ASTTransformer of links.
type linkTransformer struct{}

// attrHref is the attribute of an ast.AutoLink that holds its resolved href:
// unlike ast.Link, an ast.AutoLink has no destination to replace.
var attrHref = []byte("href")

// Transform implements parser.ASTTransformer.
func (t *linkTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st := stateFrom(pc)
	if st == nil {
		return
	}
	src := reader.Source()
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			href, _ := st.resolveLink(n, unescapeDestination(n.Destination), false)
			n.Destination = []byte(href)
		case *ast.Image:
			href, line := st.resolveLink(n, unescapeDestination(n.Destination), true)
			n.Destination = []byte(href)
			st.res.Images = append(st.res.Images, Image{Src: href, Alt: st.plainText(n), Line: line})
		case *ast.AutoLink:
			dest := string(n.URL(src))
			if n.AutoLinkType == ast.AutoLinkEmail && !hasPrefix(dest, "mailto:") {
				dest = "mailto:" + dest
			}
			href, _ := st.resolveLink(n, dest, false)
			n.SetAttribute(attrHref, []byte(href))
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// unescapeDestination returns a link destination as meant: with its
// backslash escapes and character references decoded, as goldmark's own
// renderer does.
func unescapeDestination(dest []byte) string {
	if bytes.IndexByte(dest, '\\') >= 0 || bytes.IndexByte(dest, '&') >= 0 {
		dest = util.UnescapePunctuations(dest)
		dest = util.ResolveNumericReferences(dest)
		dest = util.ResolveEntityNames(dest)
	}
	return string(dest)
}

// resolveLink decides the href of the link or image n whose destination is
// dest, records it and any problem, and returns the href and the line of n.
func (s *convertState) resolveLink(n ast.Node, dest string, image bool) (href string, line int) {
	off := nodeOffset(n)
	line = s.line(off)
	href = dest
	if scheme := unsafeScheme(util.StringToReadOnlyBytes(dest)); scheme != "" {
		s.problem(off, unsafeSchemeMessage(scheme))
		href = "#"
	} else if s.resolve != nil {
		h, err := s.resolve(dest, image)
		if err != nil {
			s.problem(off, err.Error())
		} else if scheme := unsafeScheme(util.StringToReadOnlyBytes(h)); scheme != "" {
			s.problem(off, unsafeSchemeMessage(scheme))
			href = "#"
		} else {
			href = h
		}
	}
	s.res.Links = append(s.res.Links, Link{Dest: dest, Href: href, Line: line, Image: image})
	return href, line
}

// linkRenderer renders ast.Link, ast.Image and ast.AutoLink nodes.
type linkRenderer struct {
	html.Config
}

func newLinkRenderer() *linkRenderer {
	return &linkRenderer{Config: html.NewConfig()}
}

// RegisterFuncs implements renderer.NodeRenderer.
func (r *linkRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindLink, r.renderLink)
	reg.Register(ast.KindImage, r.renderImage)
	reg.Register(ast.KindAutoLink, r.renderAutoLink)
}

// writeURL writes u, percent-escaped where needed and HTML-escaped; a
// dangerous URL is written as "#", in case a node escaped the transformer.
func writeURL(w util.BufWriter, u []byte) {
	if unsafeScheme(u) != "" {
		_ = w.WriteByte('#')
		return
	}
	_, _ = w.Write(util.EscapeHTML(util.URLEscape(u, false)))
}

func (r *linkRenderer) renderLink(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Link)
	if !entering {
		_, _ = w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<a href="`)
	writeURL(w, n.Destination)
	_ = w.WriteByte('"')
	if n.Title != nil {
		_, _ = w.WriteString(` title="`)
		r.Writer.Write(w, n.Title)
		_ = w.WriteByte('"')
	}
	if n.Attributes() != nil {
		html.RenderAttributes(w, n, html.LinkAttributeFilter)
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}

func (r *linkRenderer) renderImage(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Image)
	_, _ = w.WriteString(`<img src="`)
	writeURL(w, n.Destination)
	_, _ = w.WriteString(`" alt="`)
	alt := appendInlineText(nil, n, source, true)
	_, _ = w.Write(util.EscapeHTML(alt[:collapseSpaces(alt)]))
	_ = w.WriteByte('"')
	if n.Title != nil {
		_, _ = w.WriteString(` title="`)
		r.Writer.Write(w, n.Title)
		_ = w.WriteByte('"')
	}
	if n.Attributes() != nil {
		html.RenderAttributes(w, n, html.ImageAttributeFilter)
	}
	if r.XHTML {
		_, _ = w.WriteString(" />")
	} else {
		_ = w.WriteByte('>')
	}
	return ast.WalkSkipChildren, nil
}

func (r *linkRenderer) renderAutoLink(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.AutoLink)
	_, _ = w.WriteString(`<a href="`)
	if v, ok := n.Attribute(attrHref); ok {
		href, _ := v.([]byte)
		writeURL(w, href)
	} else {
		url := n.URL(source)
		if n.AutoLinkType == ast.AutoLinkEmail && !bytes.HasPrefix(bytes.ToLower(url), []byte("mailto:")) {
			_, _ = w.WriteString("mailto:")
		}
		writeURL(w, url)
	}
	_, _ = w.WriteString(`">`)
	_, _ = w.Write(util.EscapeHTML(n.Label(source)))
	_, _ = w.WriteString(`</a>`)
	return ast.WalkContinue, nil
}
