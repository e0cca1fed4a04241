package server

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/btnmt/cchc/internal/build"
	"github.com/btnmt/cchc/internal/config"
	"github.com/btnmt/cchc/internal/report"
)

// Options configures the preview server.
type Options struct {
	Build build.Options // Source, Drafts, Future, Expired, the theme; BaseURL is set by the server
	Bind  string        // address to listen on; 127.0.0.1 unless the user asks otherwise
	Port  int           // 1313 by default; 0 picks a free port
	Poll  time.Duration // poll the files instead of using file system events
	// Ready, when set, is called with the URL to open once the first build is served.
	Ready func(url string)
}

// Server serves the last good build of a site and keeps it up to date.
type Server struct {
	opts     Options
	session  *build.Session
	snap     atomic.Pointer[build.Snapshot] // the last good build: requests see it whole
	storeMu  sync.Mutex                     // orders stores of snap
	rebuilds atomic.Int64                   // counts rebuilds, to run catch-up only after the last
	state    atomic.Pointer[status]         // the errors of the last build, if it failed
	hub      hub
	base     string // the base path the site is served under: "/" or "/cchc/"
	log      io.Writer
	ln       net.Listener
}

// status is what the browser is told after a build: the errors to show, or none.
type status struct {
	Version int      `json:"version"`
	Errors  []string `json:"errors,omitempty"`
	CSSOnly bool     `json:"cssOnly,omitempty"`
}

//go:embed livereload.js
var liveReloadJS []byte

// CatchupDelay is how long the preview waits after a save before it brings the files that may
// lag behind (the search index) up to date.
const CatchupDelay = time.Second

// Endpoints of the preview, outside any site's URLs.
const (
	eventsPath = "/__cchc/events"
	scriptPath = "/__cchc/livereload.js"
)

// New listens on the address and makes the first build. A port in use is an error that says so.
func New(opts Options, log io.Writer) (*Server, error) {
	if opts.Bind == "" {
		opts.Bind = "127.0.0.1"
	}
	addr := net.JoinHostPort(opts.Bind, strconv.Itoa(opts.Port))
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return nil, &build.UsageError{Err: fmt.Errorf("cổng %d đang được chương trình khác dùng; hãy chọn cổng khác, ví dụ --port %d", opts.Port, opts.Port+1)}
		}
		return nil, &build.UsageError{Err: fmt.Errorf("không mở được %s: %w", addr, err)}
	}
	s := &Server{opts: opts, log: log, ln: ln}
	host := ln.Addr().String()
	if opts.Bind == "0.0.0.0" || opts.Bind == "::" || opts.Bind == "" {
		host = net.JoinHostPort("127.0.0.1", strconv.Itoa(ln.Addr().(*net.TCPAddr).Port))
	}
	// Serve under the config's base path, so that the preview's URLs are the site's.
	s.base = "/"
	if cfg, err := config.Load(opts.Build.Source, ""); err == nil {
		s.base = cfg.BasePath
	}
	opts.Build.BaseURL = "http://" + host + s.base
	s.opts = opts
	sess, err := build.NewSession(opts.Build)
	if err != nil {
		ln.Close()
		return nil, err
	}
	s.session = sess
	snap, _, err := sess.Build()
	s.afterBuild(snap, err, false)
	return s, nil
}

// URL is the address to open in a browser.
func (s *Server) URL() string { return strings.TrimSuffix(s.opts.Build.BaseURL, "/") + "/" }

// Serve serves until ctx ends, then shuts down cleanly.
func (s *Server) Serve(ctx context.Context) error {
	// Requests share ctx, so that open event streams end when the server stops.
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second,
		BaseContext: func(net.Listener) context.Context { return ctx }}
	batches := make(chan []string, 1)
	werrs := make(chan error, 1)
	if err := Watch(ctx, WatchOptions{Root: s.opts.Build.Source, Poll: s.opts.Poll}, batches, werrs); err != nil {
		return fmt.Errorf("theo dõi thư mục trang: %w", err)
	}
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case err := <-werrs:
				fmt.Fprintln(s.log, "cảnh báo: theo dõi tệp:", err)
			case paths := <-batches:
				s.Rebuild(paths)
			}
		}
	}()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(s.ln) }()
	if s.opts.Ready != nil {
		s.opts.Ready(s.URL())
	}
	select {
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		s.hub.close()
		if err := srv.Shutdown(sctx); err != nil {
			// A browser may hold connections open: stopping must not wait for it.
			return srv.Close()
		}
		return nil
	case err := <-errc:
		return err
	}
}

// Rebuild brings the preview up to date after the paths (relative to the site root) changed.
func (s *Server) Rebuild(paths []string) {
	start := time.Now()
	snap, st, err := s.session.Rebuild(paths)
	cssOnly := true
	for _, p := range paths {
		if !strings.HasSuffix(p, ".css") {
			cssOnly = false
		}
	}
	s.afterBuild(snap, err, cssOnly)
	if err == nil && s.session.Pending() {
		// The search index and such follow once the page has reloaded, after a moment without
		// saves, so that catching up does not hold up the next save.
		gen := s.rebuilds.Add(1)
		time.AfterFunc(CatchupDelay, func() {
			if s.rebuilds.Load() != gen {
				return // a newer save came: its own catch-up will run
			}
			if snap, err := s.session.Catchup(); err == nil && snap != nil {
				s.storeMu.Lock()
				if s.session.Last() == snap { // no newer build came in between
					s.snap.Store(snap)
				}
				s.storeMu.Unlock()
			}
		})
	}
	if err == nil && st != nil {
		kind := "một phần"
		if st.Model {
			kind = "mô hình"
		}
		if st.Full {
			kind = "toàn bộ"
		}
		fmt.Fprintf(s.log, "Đã dựng lại (%s: %d trang chuyển Markdown, %d tệp ghi) trong %d ms: %s\n",
			kind, st.Converted, st.Rendered, time.Since(start).Milliseconds(), strings.Join(paths, ", "))
	}
}

func (s *Server) afterBuild(snap *build.Snapshot, err error, cssOnly bool) {
	st := &status{}
	if err != nil {
		list := report.AsList(err)
		for _, e := range list {
			st.Errors = append(st.Errors, e.Error())
			fmt.Fprintln(s.log, e)
		}
		fmt.Fprintf(s.log, "Lỗi: %d. Trang xem trước vẫn hiện bản dựng tốt gần nhất.\n", len(list))
	} else {
		s.storeMu.Lock()
		s.snap.Store(snap)
		s.storeMu.Unlock()
		st.CSSOnly = cssOnly
	}
	if cur := s.snap.Load(); cur != nil {
		st.Version = cur.Version
	}
	s.state.Store(st)
	s.hub.send(st)
}

// ServeHTTP serves the last good build, the live-reload script and the event stream.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case eventsPath:
		s.events(w, r)
		return
	case scriptPath:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Write(liveReloadJS)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "chỉ nhận GET và HEAD", http.StatusMethodNotAllowed)
		return
	}
	rel, ok := s.resolve(r.URL)
	if !ok {
		if r.URL.Path == "/" && s.base != "/" {
			http.Redirect(w, r, s.base, http.StatusFound)
			return
		}
		s.notFound(w, r)
		return
	}
	snap := s.snap.Load()
	if snap == nil {
		s.noBuild(w)
		return
	}
	if snap.Stale[rel] || snap.Stale[path.Join(rel, "index.html")] {
		// A page of a list after the first, which the last rebuild left for later: it is
		// rendered now, so that no request sees a page older than the edit.
		snap = s.catchupPages(snap)
	}
	data, found := snap.Files[rel]
	if !found {
		if _, dir := snap.Files[path.Join(rel, "index.html")]; dir && !strings.HasSuffix(r.URL.Path, "/") {
			http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
			return
		}
		s.notFound(w, r)
		return
	}
	s.write(w, r, rel, data, http.StatusOK)
}

// catchupPages renders the pages the last rebuild left for later and returns the snapshot with
// them, or snap when that fails.
func (s *Server) catchupPages(snap *build.Snapshot) *build.Snapshot {
	next, err := s.session.CatchupPages()
	if err != nil || next == nil {
		return snap
	}
	s.storeMu.Lock()
	if s.session.Last() == next { // no newer build came in between
		s.snap.Store(next)
	}
	s.storeMu.Unlock()
	return next
}

// resolve maps a request to a file of the build; it refuses any path that tries to leave the
// site (dot segments, encoded or not, backslashes, NUL).
func (s *Server) resolve(u *url.URL) (string, bool) {
	p := u.Path
	raw := u.EscapedPath()
	if strings.Contains(strings.ToLower(raw), "%2e") || strings.Contains(strings.ToLower(raw), "%2f") || strings.Contains(strings.ToLower(raw), "%5c") {
		return "", false
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." || seg == "." {
			return "", false
		}
	}
	if strings.ContainsAny(p, "\\\x00") || !strings.HasPrefix(p, s.base) {
		return "", false
	}
	rel := strings.TrimPrefix(p, s.base)
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	if c := path.Clean(rel); c != rel || strings.HasPrefix(c, "../") || c == ".." || strings.HasPrefix(c, "/") {
		return "", false
	}
	return rel, true
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	if snap := s.snap.Load(); snap != nil {
		if data, ok := snap.Files["404.html"]; ok {
			s.write(w, r, "404.html", data, http.StatusNotFound)
			return
		}
	}
	http.Error(w, "không tìm thấy trang", http.StatusNotFound)
}

// noBuild answers while no build has succeeded yet: a page that shows the errors and reloads
// when they are fixed.
func (s *Server) noBuild(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusServiceUnavailable)
	fmt.Fprintf(w, `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Chưa dựng được trang</title></head><body><main><h1>Chưa dựng được trang</h1><p>Hãy sửa các lỗi dưới đây; trang sẽ tự tải lại.</p></main><script src="%s"></script></body></html>`, scriptPath)
}

func (s *Server) write(w http.ResponseWriter, r *http.Request, rel string, data []byte, code int) {
	ctype := mime.TypeByExtension(path.Ext(rel))
	switch path.Ext(rel) {
	case ".xml":
		ctype = "application/xml; charset=utf-8"
	case ".ics":
		ctype = "text/calendar; charset=utf-8"
	case "":
		ctype = "application/octet-stream"
	}
	if ctype == "" {
		ctype = http.DetectContentType(data)
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if strings.HasPrefix(ctype, "text/html") {
		v := 0
		if snap := s.snap.Load(); snap != nil {
			v = snap.Version
		}
		data = inject(data, v)
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(code)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// inject adds the live-reload script to an HTML page, before </body>, with the version of the
// build the page comes from. The built files never carry it: only the preview does.
func inject(page []byte, version int) []byte {
	tag := []byte(`<script src="` + scriptPath + `?v=` + strconv.Itoa(version) + `" defer></script>`)
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		return append(append([]byte(nil), page...), tag...)
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:i]...)
	out = append(out, tag...)
	return append(out, page[i:]...)
}

// events streams the build status to a browser: one event now, one after every build.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "không hỗ trợ luồng sự kiện", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	ch := s.hub.subscribe()
	defer s.hub.unsubscribe(ch)
	if st := s.state.Load(); st != nil {
		writeEvent(w, "status", st)
	}
	fl.Flush()
	keep := time.NewTicker(15 * time.Second)
	defer keep.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case st, ok := <-ch:
			if !ok {
				return
			}
			writeEvent(w, "status", st)
			fl.Flush()
		case <-keep.C:
			io.WriteString(w, ": giữ kết nối\n\n")
			fl.Flush()
		}
	}
}

func writeEvent(w io.Writer, name string, v any) {
	b, _ := json.Marshal(v)
	fmt.Fprintf(w, "event: %s\ndata: %s\n\n", name, b)
}

// hub fans build statuses out to the connected browsers.
type hub struct {
	mu     sync.Mutex
	subs   map[chan *status]bool
	closed bool
}

func (h *hub) subscribe() chan *status {
	h.mu.Lock()
	defer h.mu.Unlock()
	ch := make(chan *status, 4)
	if h.closed {
		close(ch)
		return ch
	}
	if h.subs == nil {
		h.subs = map[chan *status]bool{}
	}
	h.subs[ch] = true
	return ch
}

func (h *hub) unsubscribe(ch chan *status) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.subs[ch] {
		delete(h.subs, ch)
		close(ch)
	}
}

func (h *hub) send(st *status) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.subs {
		select {
		case ch <- st:
		default: // a browser that does not keep up gets the next status
		}
	}
}

func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	for ch := range h.subs {
		close(ch)
	}
	h.subs = nil
}
