// Command cchc builds the administrative-reform section (chuyên trang cải cách hành chính) of a
// ministry portal from Markdown, and serves a live preview while editors write.
//
// Usage:
//
//	cchc build [--source DIR] [--dest DIR] [--base-url URL] [--drafts] [--future] [--expired]
//	cchc version
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/btnmt/cchc"
	"github.com/btnmt/cchc/internal/build"
	"github.com/btnmt/cchc/internal/report"
)

// Exit codes.
const (
	exitOK      = 0
	exitContent = 1 // the site's files have problems
	exitUsage   = 2 // the command line is wrong
)

// version is set at link time (-ldflags "-X main.version=v1.2.3"); otherwise read from the module.
var version = ""

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

const usage = `cchc — trình tạo chuyên trang cải cách hành chính

Cách dùng:
  cchc build [--source DIR] [--dest DIR] [--base-url URL] [--drafts] [--future] [--expired]
        dựng trang vào thư mục đích (mặc định <source>/public)
  cchc version
        in phiên bản

Chạy "cchc <lệnh> --help" để xem các tuỳ chọn của từng lệnh.
`

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "build":
		return runBuild(args[1:], stdout, stderr)
	case "version", "--version", "-version":
		fmt.Fprintln(stdout, "cchc", versionString())
		return exitOK
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "cchc: không có lệnh %q\n\n%s", args[0], usage)
	return exitUsage
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o build.Options
	fs.StringVar(&o.Source, "source", ".", "thư mục gốc của trang (có content/, layouts/, static/, site.yaml)")
	fs.StringVar(&o.Dest, "dest", "", "thư mục đích (mặc định <source>/public)")
	fs.StringVar(&o.BaseURL, "base-url", "", "địa chỉ gốc khi triển khai, thay cho baseURL trong site.yaml")
	fs.BoolVar(&o.Drafts, "drafts", false, "dựng cả bản nháp (draft: true)")
	fs.BoolVar(&o.Future, "future", false, "dựng cả bài có ngày đăng chưa đến")
	fs.BoolVar(&o.Expired, "expired", false, "dựng cả bài đã hết hạn (expiryDate)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "cchc build: thừa đối số %q\n", strings.Join(fs.Args(), " "))
		return exitUsage
	}
	o.ThemeLayouts = cchc.ThemeLayouts()
	o.ThemeStatic = cchc.ThemeStatic()
	res, err := build.Build(o)
	if err != nil {
		return reportError(err, stderr)
	}
	for _, w := range res.Warnings {
		fmt.Fprintln(stderr, "cảnh báo:", w)
	}
	fmt.Fprintf(stdout, "Đã dựng %d trang, chép %d tệp trong %s.\n", res.Pages, res.Files, seconds(res.Duration))
	return exitOK
}

func reportError(err error, stderr io.Writer) int {
	var usageErr *build.UsageError
	if errors.As(err, &usageErr) {
		fmt.Fprintln(stderr, "cchc build:", usageErr.Err)
		return exitUsage
	}
	var list report.ErrorList
	var fe *report.FileError
	switch {
	case errors.As(err, &list):
	case errors.As(err, &fe):
		list = report.ErrorList{fe}
	default:
		list = report.ErrorList{{Err: err}}
	}
	for _, e := range list {
		fmt.Fprintln(stderr, e)
	}
	fmt.Fprintf(stderr, "Không dựng được trang: %d lỗi. Thư mục đích được giữ nguyên như trước.\n", len(list))
	return exitContent
}

// seconds formats a duration the Vietnamese way: "1,23 giây".
func seconds(d time.Duration) string {
	return strings.Replace(fmt.Sprintf("%.2f giây", d.Seconds()), ".", ",", 1)
}

func versionString() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "(bản phát triển)"
}
