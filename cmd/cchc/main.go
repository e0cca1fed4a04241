// Command cchc builds the administrative-reform section (chuyên trang cải cách hành chính) of a
// ministry portal from Markdown, and serves a live preview while editors write.
//
// Usage:
//
//	cchc build [--source DIR] [--dest DIR] [--base-url URL] [--drafts] [--future] [--expired]
//	cchc check [--source DIR] [--base-url URL] [--drafts] [--future] [--expired]
//	cchc new <kind> "Title" [--source DIR]
//	cchc serve [--source DIR] [--bind 127.0.0.1] [--port 1313] [--drafts=true] [--future=true] [--poll DURATION]
//	cchc version
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"github.com/btnmt/cchc"
	"github.com/btnmt/cchc/internal/archetype"
	"github.com/btnmt/cchc/internal/build"
	"github.com/btnmt/cchc/internal/report"
	"github.com/btnmt/cchc/internal/server"
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
  cchc check [--source DIR] [--drafts] [--future] [--expired]
        kiểm tra toàn bộ trang như khi dựng, không ghi gì; in mọi lỗi và gợi ý
  cchc new <loại> "Tiêu đề" [--source DIR]
        tạo bài mới (bản nháp) từ mẫu của loại đó; loại: %s
  cchc serve [--source DIR] [--bind 127.0.0.1] [--port 1313] [--drafts=true] [--future=true] [--poll 1s]
        xem trước khi soạn bài: dựng vào bộ nhớ, tự dựng lại khi lưu tệp và tải lại trình duyệt
  cchc version
        in phiên bản

Chạy "cchc <lệnh> --help" để xem các tuỳ chọn của từng lệnh.
`

// now is the clock of `new`; tests replace it.
var now = time.Now

func usageText() string { return fmt.Sprintf(usage, archetype.KindNames()) }

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usageText())
		return exitUsage
	}
	switch args[0] {
	case "build":
		return runBuild(args[1:], stdout, stderr)
	case "check":
		return runCheck(args[1:], stdout, stderr)
	case "new":
		return runNew(args[1:], stdout, stderr)
	case "serve", "server":
		return runServe(args[1:], stdout, stderr)
	case "version", "--version", "-version":
		fmt.Fprintln(stdout, "cchc", versionString())
		return exitOK
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usageText())
		return exitOK
	}
	fmt.Fprintf(stderr, "cchc: không có lệnh %q\n\n%s", args[0], usageText())
	return exitUsage
}

// buildFlags declares the flags build, check and serve share. The preview shows drafts and
// future pages by default, with a banner; builds leave them out.
func buildFlags(name string, o *build.Options, stderr io.Writer) *flag.FlagSet {
	preview := name == "serve"
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.Source, "source", ".", "thư mục gốc của trang (có content/, layouts/, static/, site.yaml)")
	fs.StringVar(&o.BaseURL, "base-url", "", "địa chỉ gốc khi triển khai, thay cho baseURL trong site.yaml")
	fs.BoolVar(&o.Drafts, "drafts", preview, "gồm cả bản nháp (draft: true)")
	fs.BoolVar(&o.Future, "future", preview, "gồm cả bài có ngày đăng chưa đến")
	fs.BoolVar(&o.Expired, "expired", false, "gồm cả bài đã hết hạn (expiryDate)")
	return fs
}

// parse parses flags that may stand before, between or after the positional arguments, and
// returns the positional ones. ok is false when the command must stop with code.
func parse(fs *flag.FlagSet, args []string) (pos []string, code int, ok bool) {
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, exitOK, false
			}
			return nil, exitUsage, false
		}
		if fs.NArg() == 0 {
			return pos, 0, true
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	var o build.Options
	fs := buildFlags("build", &o, stderr)
	fs.StringVar(&o.Dest, "dest", "", "thư mục đích (mặc định <source>/public)")
	pos, code, ok := parse(fs, args)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		fmt.Fprintf(stderr, "cchc build: thừa đối số %q\n", strings.Join(pos, " "))
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

func runCheck(args []string, stdout, stderr io.Writer) int {
	var o build.Options
	fs := buildFlags("check", &o, stderr)
	pos, code, ok := parse(fs, args)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		fmt.Fprintf(stderr, "cchc check: thừa đối số %q\n", strings.Join(pos, " "))
		return exitUsage
	}
	o.ThemeLayouts = cchc.ThemeLayouts()
	o.ThemeStatic = cchc.ThemeStatic()
	res, err := build.Check(o)
	if err != nil {
		var usageErr *build.UsageError
		if errors.As(err, &usageErr) {
			fmt.Fprintln(stderr, "cchc check:", usageErr.Err)
			return exitUsage
		}
		list := report.AsList(err)
		for _, e := range list {
			fmt.Fprintln(stdout, e)
		}
		fmt.Fprintf(stdout, "Tìm thấy %d lỗi. Hãy sửa các lỗi trên rồi chạy lại cchc check.\n", len(list))
		return exitContent
	}
	for _, w := range res.Warnings {
		fmt.Fprintln(stdout, "cảnh báo:", w)
	}
	for _, a := range res.Advice {
		fmt.Fprintln(stdout, "gợi ý:", a)
	}
	fmt.Fprintf(stdout, "Không có lỗi: %d trang hợp lệ; %d cảnh báo, %d gợi ý.\n", res.Pages, len(res.Warnings), len(res.Advice))
	return exitOK
}

func runNew(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("new", flag.ContinueOnError)
	fs.SetOutput(stderr)
	source := fs.String("source", ".", "thư mục gốc của trang")
	pos, code, ok := parse(fs, args)
	if !ok {
		return code
	}
	if len(pos) != 2 {
		fmt.Fprintf(stderr, "cách dùng: cchc new <loại> \"Tiêu đề\"\nloại: %s\n", archetype.KindNames())
		return exitUsage
	}
	p, err := archetype.Create(archetype.Options{Source: *source, Kind: pos[0], Title: pos[1], Now: now(), Theme: cchc.ThemeArchetypes()})
	if err != nil {
		fmt.Fprintln(stderr, "cchc new:", err)
		if strings.Contains(err.Error(), "không có loại bài") {
			return exitUsage
		}
		return exitContent
	}
	fmt.Fprintln(stdout, p)
	return exitOK
}

func runServe(args []string, stdout, stderr io.Writer) int {
	var o server.Options
	fs := buildFlags("serve", &o.Build, stderr)
	fs.StringVar(&o.Bind, "bind", "127.0.0.1", "địa chỉ nghe; chỉ đổi khi cần cho máy khác xem (ví dụ 0.0.0.0)")
	fs.IntVar(&o.Port, "port", 1313, "cổng")
	fs.DurationVar(&o.Poll, "poll", 0, "quét tệp theo chu kỳ này (ví dụ 1s) thay vì nhận sự kiện của hệ thống tệp")
	pos, code, ok := parse(fs, args)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		fmt.Fprintf(stderr, "cchc serve: thừa đối số %q\n", strings.Join(pos, " "))
		return exitUsage
	}
	o.Build.ThemeLayouts = cchc.ThemeLayouts()
	o.Build.ThemeStatic = cchc.ThemeStatic()
	o.Ready = func(u string) {
		fmt.Fprintf(stdout, "Xem trước tại %s (Ctrl+C để dừng)\n", u)
	}
	srv, err := server.New(o, stderr)
	if err != nil {
		var usageErr *build.UsageError
		if errors.As(err, &usageErr) {
			fmt.Fprintln(stderr, "cchc serve:", usageErr.Err)
			return exitUsage
		}
		fmt.Fprintln(stderr, "cchc serve:", err)
		return exitContent
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := srv.Serve(ctx); err != nil {
		fmt.Fprintln(stderr, "cchc serve:", err)
		return exitContent
	}
	fmt.Fprintln(stdout, "Đã dừng.")
	return exitOK
}

func reportError(err error, stderr io.Writer) int {
	var usageErr *build.UsageError
	if errors.As(err, &usageErr) {
		fmt.Fprintln(stderr, "cchc build:", usageErr.Err)
		return exitUsage
	}
	list := report.AsList(err)
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
