package render

import (
	"bytes"
	"html/template"
)

var aliasTemplate = template.Must(template.New("alias").Parse(`<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>Đã chuyển tới {{.Title}}</title>
<link rel="canonical" href="{{.URL}}">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={{.URL}}">
</head>
<body>
<main>
<p>Trang này đã chuyển tới <a href="{{.URL}}">{{.Title}}</a>.</p>
</main>
</body>
</html>
`))

// Alias writes the redirect page of an old URL: a meta refresh, a canonical link and a visible link.
func Alias(title, url string) []byte {
	var b bytes.Buffer
	_ = aliasTemplate.Execute(&b, struct{ Title, URL string }{title, url})
	return b.Bytes()
}
