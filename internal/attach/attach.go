// Package attach describes the files attached to pages (a document's tep) as visitors read
// them: the file type ("PDF") and the size written the Vietnamese way ("245 KB", "1,2 MB").
package attach

import (
	"math"
	"path"
	"strconv"
	"strings"
)

var units = []string{"B", "KB", "MB", "GB", "TB"}

// Size formats a size in bytes with binary units (1 KB = 1024 B) and at most three digits:
// one decimal, after a decimal comma, below 10 ("1,2 MB"), none from 10 on ("245 KB"); a
// decimal of 0 is left out ("2 MB").
func Size(n int64) string {
	if n < 0 {
		n = 0
	}
	if n < 1000 {
		return strconv.FormatInt(n, 10) + " B"
	}
	v := float64(n)
	for u := 1; u < len(units); u++ {
		v /= 1024
		if s, ok := digits(v); ok || u == len(units)-1 {
			return s + " " + units[u]
		}
	}
	return "" // not reached
}

// digits writes v with at most three significant digits; ok is false when it rounds to 1000
// or more and the next unit should be used.
func digits(v float64) (string, bool) {
	if r := math.Round(v*10) / 10; r < 10 {
		s := strconv.FormatFloat(r, 'f', 1, 64)
		s = strings.TrimSuffix(s, ".0")
		return strings.Replace(s, ".", ",", 1), true
	}
	r := math.Round(v)
	return strconv.FormatFloat(r, 'f', 0, 64), r < 1000
}

// labels are the names shown for common types whose extension is not what people call them.
var labels = map[string]string{
	"jpeg": "JPG",
	"tif":  "TIFF",
	"htm":  "HTML",
}

// Type is the file's type as people call it, from its extension: "PDF", "DOCX", "XLSX"; "Tệp"
// for a file without an extension.
func Type(name string) string {
	ext := strings.TrimPrefix(strings.ToLower(path.Ext(name)), ".")
	if ext == "" {
		return "Tệp"
	}
	if l, ok := labels[ext]; ok {
		return l
	}
	return strings.ToUpper(ext)
}

// MIME is the media type of the file for a link's type attribute, "" when not one of the usual
// attachments (the machine's mime tables are not used, so output is the same everywhere).
func MIME(name string) string {
	return known[strings.ToLower(path.Ext(name))]
}

// known are the media types of the usual attachments.
var known = map[string]string{
	".pdf":  "application/pdf",
	".doc":  "application/msword",
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".xls":  "application/vnd.ms-excel",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".ppt":  "application/vnd.ms-powerpoint",
	".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
	".odt":  "application/vnd.oasis.opendocument.text",
	".ods":  "application/vnd.oasis.opendocument.spreadsheet",
	".rtf":  "application/rtf",
	".txt":  "text/plain",
	".csv":  "text/csv",
	".zip":  "application/zip",
	".rar":  "application/vnd.rar",
	".7z":   "application/x-7z-compressed",
	".jpg":  "image/jpeg",
	".jpeg": "image/jpeg",
	".png":  "image/png",
	".gif":  "image/gif",
	".svg":  "image/svg+xml",
	".tif":  "image/tiff",
	".tiff": "image/tiff",
	".mp4":  "video/mp4",
	".mp3":  "audio/mpeg",
	".xml":  "application/xml",
	".json": "application/json",
}
