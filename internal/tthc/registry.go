package tthc

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/btnmt/cchc/internal/content"
	"github.com/btnmt/cchc/internal/decode"
	"github.com/btnmt/cchc/internal/report"
	"github.com/btnmt/cchc/internal/slug"

	"golang.org/x/text/unicode/norm"
)

// Registry is every procedure announced by the published notices, as of a date.
type Registry struct {
	Now        time.Time    // the date states are computed for: the build's time
	Notices    []*Notice    // in effective-date order (ties: decision date, then path)
	Procedures []*Procedure // in code order (CompareCodes)
	// Warnings are problems that do not stop a build: an effective date before the decision,
	// an online service without its level, … Each names the file and line.
	Warnings report.ErrorList

	byCode map[string]*Procedure
}

// Procedure returns the procedure of a code, or nil.
func (r *Registry) Procedure(code string) *Procedure { return r.byCode[code] }

// New builds the registry from the published notices (pages whose Params is a
// *content.TTHCNotice; other pages are ignored) as of now. The errors break the history rules
// (or, for notices not read by content.Parse, the rules of a single notice); the registry
// returned leaves out the entries at fault and is always usable.
func New(pages []*content.Page, now time.Time) (*Registry, report.ErrorList) {
	r := &Registry{Now: now, byCode: map[string]*Procedure{}}
	b := &builder{r: r}
	for _, p := range pages {
		params, ok := p.Params.(*content.TTHCNotice)
		if !ok || params == nil {
			continue
		}
		n := &Notice{Page: p, Params: params, Effective: params.NgayHieuLuc.Time}
		if q := params.QuyetDinh; q != nil {
			n.Number = strings.TrimSpace(string(q.So))
			n.Decided = q.Ngay.Time
		}
		r.Notices = append(r.Notices, n)
	}
	sort.SliceStable(r.Notices, func(i, j int) bool {
		a, b := r.Notices[i], r.Notices[j]
		if !a.Effective.Equal(b.Effective) {
			return a.Effective.Before(b.Effective)
		}
		if !a.Decided.Equal(b.Decided) {
			return a.Decided.Before(b.Decided)
		}
		return a.Page.Path < b.Page.Path
	})
	for i, n := range r.Notices {
		n.Order = i
	}
	b.firstNew()
	for _, n := range r.Notices {
		b.notice(n)
	}
	for _, p := range r.byCode {
		r.Procedures = append(r.Procedures, p)
	}
	sort.Slice(r.Procedures, func(i, j int) bool { return CompareCodes(r.Procedures[i].Code, r.Procedures[j].Code) < 0 })
	b.checkSlugs()
	for _, p := range r.Procedures {
		p.Status = p.StatusAt(now)
		p.Info = p.InfoAt(now)
		p.Upcoming = p.UpcomingAt(now)
		if n := p.effectiveCount(now); n > 0 {
			p.LastChange = p.History[n-1].Change.Kind()
		} else if len(p.History) > 0 {
			p.LastChange = p.History[0].Change.Kind()
		}
	}
	b.errs.Sort()
	r.Warnings.Sort()
	return r, b.errs
}

// builder holds the state of New.
type builder struct {
	r    *Registry
	errs report.ErrorList
	// intro maps a code to the first entry, in effective-date order, that creates it (moi or
	// thay-the), for the messages about codes used before they exist.
	intro map[string]introAt
}

type introAt struct {
	n    *Notice
	line int
}

func (b *builder) errorf(n *Notice, line int, format string, args ...any) {
	b.errs.Add(report.Errorf(n.Page.Path, line, format, args...))
}

func (b *builder) warnf(n *Notice, line int, format string, args ...any) {
	b.r.Warnings.Add(report.Errorf(n.Page.Path, line, format, args...))
}

func (b *builder) firstNew() {
	b.intro = map[string]introAt{}
	for _, n := range b.r.Notices {
		for i := range n.Params.ThuTuc {
			t := &n.Params.ThuTuc[i]
			if t.ThayDoi != content.ThayDoiMoi && t.ThayDoi != content.ThayDoiThayThe {
				continue
			}
			if _, ok := b.intro[string(t.Ma)]; !ok {
				b.intro[string(t.Ma)] = introAt{n, t.Line}
			}
		}
	}
}

// at names where an event was announced: "content/thu-tuc-hanh-chinh/x.md:12, Quyết định số
// 1234/QĐ-BTNMT".
func at(e *Event) string {
	s := fmt.Sprintf("%s:%d", e.Notice.Page.Path, e.Entry.Line)
	if e.Notice.Number != "" {
		s += ", Quyết định số " + e.Notice.Number
	}
	return s
}

// notice applies one notice's entries to the registry.
func (b *builder) notice(n *Notice) {
	params := n.Params
	// The rules of a single notice: content.Parse has applied them to every page of a build,
	// but a registry may be given notices that were not parsed (tests, tools).
	bad := map[int]bool{}
	for _, e := range params.Check(n.Page.KeyLine("thu_tuc")) {
		b.errs.Add(report.Errorf(n.Page.Path, e.Line, "%v", e.Err))
		bad[e.Line] = true
	}
	// An entry at fault taints its codes: the notice's other entries about them are left out
	// too, rather than reported again as unknown or repeated codes.
	tainted := map[string]bool{}
	for i := range params.ThuTuc {
		if t := &params.ThuTuc[i]; bad[t.Line] {
			tainted[string(t.Ma)] = true
			for _, c := range t.ThayThe {
				tainted[string(c)] = true
			}
		}
	}
	if !params.NgayHieuLuc.IsSet() {
		b.errorf(n, n.Page.KeyLine("ngay_hieu_luc"), "thiếu \"ngay_hieu_luc\" (ngày các thủ tục có hiệu lực); hãy thêm một dòng ngay_hieu_luc: YYYY-MM-DD")
		return
	}
	if !n.Decided.IsZero() && n.Effective.Before(dayOf(n.Decided)) {
		b.warnf(n, lineOr(params.NgayHieuLuc.Line, n.Page.KeyLine("ngay_hieu_luc")), "ngày hiệu lực %s trước ngày của quyết định công bố (%s); nếu không phải quyết định có hiệu lực hồi tố, hãy kiểm tra lại ngay_hieu_luc và quyet_dinh.ngay", Day(n.Effective), Day(n.Decided))
	}
	touched := map[string]bool{}
	for i := range params.ThuTuc {
		t := &params.ThuTuc[i]
		code := string(t.Ma)
		e := &Entry{ThuTuc: t, Code: code}
		n.Entries = append(n.Entries, e)
		if bad[t.Line] || content.CheckCode(code) != nil || touched[code] || tainted[code] || anyTainted(t.ThayThe, tainted) {
			continue
		}
		touched[code] = true
		switch t.ThayDoi {
		case content.ThayDoiMoi, content.ThayDoiThayThe:
			b.create(n, e, touched)
		case content.ThayDoiSuaDoi, content.ThayDoiBaiBo:
			b.change(n, e)
		default:
			b.errorf(n, t.Line, "thủ tục %s: thay_doi %q không hợp lệ; hãy dùng một trong: moi, sua-doi, thay-the, bai-bo", code, t.ThayDoi)
		}
		if e.Procedure != nil {
			b.serviceWarnings(n, e)
		}
	}
}

func anyTainted(codes []decode.Code, tainted map[string]bool) bool {
	for _, c := range codes {
		if tainted[string(c)] {
			return true
		}
	}
	return false
}

func orUnknown(s string) string {
	if s == "" {
		return "không rõ ngày"
	}
	return s
}

func lineOr(line, other int) int {
	if line > 0 {
		return line
	}
	return other
}

// create applies a moi or thay-the entry: a new code, replacing others for thay-the.
func (b *builder) create(n *Notice, e *Entry, touched map[string]bool) {
	t := e.ThuTuc
	if p := b.r.byCode[e.Code]; p != nil {
		b.errorf(n, t.Line, "%s", existsMessage(p, t.ThayDoi))
		return
	}
	var missing []string
	for _, k := range []struct{ key, v string }{{"ten", t.Ten}, {"linh_vuc", t.LinhVuc}, {"cap", string(t.Cap)}, {"co_quan", t.CoQuan}} {
		if strings.TrimSpace(k.v) == "" {
			missing = append(missing, "\""+k.key+"\"")
		}
	}
	if len(missing) > 0 {
		b.errorf(n, t.Line, "thủ tục mới %s thiếu %s; khi công bố một thủ tục (thay_doi: %s) hãy ghi đủ ten, linh_vuc, cap và co_quan — các lần sửa đổi, bãi bỏ sau đó có thể bỏ trống để giữ nguyên", e.Code, strings.Join(missing, ", "), t.ThayDoi)
	}
	// The codes it replaces must be checked before the new code exists.
	var olds []*Procedure
	if t.ThayDoi == content.ThayDoiThayThe {
		for _, c := range t.ThayThe {
			code := string(c)
			if content.CheckCode(code) != nil || code == e.Code {
				continue
			}
			touched[code] = true
			old := b.alive(n, t, code, "thay thế")
			if old != nil {
				olds = append(olds, old)
			}
		}
	}
	p := &Procedure{Code: e.Code, Slug: slug.Make(e.Code), URL: URL(e.Code)}
	b.r.byCode[e.Code] = p
	change := ChangeNew
	if t.ThayDoi == content.ThayDoiThayThe {
		change = ChangeReplace
	}
	ev := &Event{Notice: n, Entry: e, Change: change, Effective: n.Effective, Info: Info{}.apply(t), Replaces: olds}
	p.History = append(p.History, ev)
	p.introduced = ev
	e.Procedure, e.Event, e.Info = p, ev, ev.Info
	for _, old := range olds {
		last := old.History[len(old.History)-1]
		rev := &Event{Notice: n, Entry: e, Change: ChangeReplacedBy, Effective: n.Effective, By: p, Info: last.Info, Prev: last.Info}
		old.History = append(old.History, rev)
		old.ended = rev
		old.ReplacedBy = p
		p.Replaces = append(p.Replaces, old)
		e.Replaced = append(e.Replaced, old)
	}
}

// change applies a sua-doi or bai-bo entry to an existing code.
func (b *builder) change(n *Notice, e *Entry) {
	t := e.ThuTuc
	verb := "sửa đổi"
	if t.ThayDoi == content.ThayDoiBaiBo {
		verb = "bãi bỏ"
	}
	p := b.alive(n, t, e.Code, verb)
	if p == nil {
		return
	}
	last := p.History[len(p.History)-1]
	ev := &Event{Notice: n, Entry: e, Effective: n.Effective, Prev: last.Info}
	if t.ThayDoi == content.ThayDoiBaiBo {
		ev.Change = ChangeAbolish
		ev.Info = last.Info // an abolition changes nothing of the procedure but its state
		p.ended = ev
		if name := strings.TrimSpace(t.Ten); name != "" && last.Info.Name != "" && !sameName(name, last.Info.Name) {
			b.warnf(n, t.Line, "thủ tục %s được bãi bỏ với tên %q nhưng tên đang có là %q (%s); hãy kiểm tra lại mã của thủ tục bị bãi bỏ", e.Code, name, last.Info.Name, at(last))
		}
	} else {
		ev.Change = ChangeAmend
		ev.Info = last.Info.apply(t)
	}
	p.History = append(p.History, ev)
	e.Procedure, e.Event, e.Info = p, ev, ev.Info
}

// alive returns the procedure of a code that an entry amends, abolishes or replaces (verb),
// or nil after reporting why it cannot: the code does not exist yet, or no longer.
func (b *builder) alive(n *Notice, t *content.ThuTuc, code, verb string) *Procedure {
	p := b.r.byCode[code]
	if p == nil {
		b.errorf(n, t.Line, "%s", b.unknownMessage(n, code, verb))
		return nil
	}
	if p.ended != nil {
		b.errorf(n, t.Line, "%s", endedMessage(p, verb))
		return nil
	}
	return p
}

func (b *builder) unknownMessage(n *Notice, code, verb string) string {
	msg := fmt.Sprintf("không thể %s thủ tục %s: ", verb, code)
	if in, ok := b.intro[code]; ok {
		if in.n.Order > n.Order && in.n.Effective.Equal(n.Effective) {
			return msg + fmt.Sprintf("mã này được công bố ở %s:%d, cùng ngày hiệu lực %s nhưng theo quyết định ký sau (%s, thông báo này: %s); các thông báo cùng ngày hiệu lực được xét theo ngày ký quyết định, rồi theo tên tệp — hãy kiểm tra lại mã và ngày của hai quyết định", in.n.Page.Path, in.line, Day(n.Effective), orUnknown(Day(in.n.Decided)), orUnknown(Day(n.Decided)))
		}
		if in.n.Order > n.Order || in.n == n {
			return msg + fmt.Sprintf("mã này chỉ được công bố ở %s:%d, có hiệu lực từ ngày %s, không trước thông báo này (hiệu lực từ ngày %s); một thủ tục phải có trước khi được %s — hãy kiểm tra lại mã và ngày hiệu lực của hai thông báo", in.n.Page.Path, in.line, Day(in.n.Effective), Day(n.Effective), verb)
		}
	}
	msg += "mã này chưa được công bố (không thông báo nào đã đăng ghi thủ tục này với thay_doi: moi hoặc thay-the)"
	var known []string
	for c := range b.r.byCode {
		known = append(known, c)
	}
	if sug := decode.Suggest(code, known); sug != "" {
		return msg + fmt.Sprintf("; có phải ý bạn là %q?", sug)
	}
	return msg + "; hãy kiểm tra lại mã, hoặc đăng trước thông báo công bố thủ tục này"
}

func endedMessage(p *Procedure, verb string) string {
	e := p.ended
	if e.Change == ChangeReplacedBy {
		return fmt.Sprintf("không thể %s thủ tục %s: thủ tục đã được thay thế bởi thủ tục %s từ ngày %s (%s); một thủ tục đã bị thay thế không còn thay đổi gì được — nếu cần, hãy %s thủ tục %s", verb, p.Code, e.By.Code, Day(e.Effective), at(e), verb, e.By.Code)
	}
	return fmt.Sprintf("không thể %s thủ tục %s: thủ tục đã bãi bỏ từ ngày %s (%s); một thủ tục đã bãi bỏ không còn thay đổi gì được — hãy kiểm tra lại mã", verb, p.Code, Day(e.Effective), at(e))
}

func existsMessage(p *Procedure, kind content.ThayDoi) string {
	in := p.introduced
	if p.ended != nil {
		what := "đã bãi bỏ"
		if p.ended.Change == ChangeReplacedBy {
			what = "đã được thay thế bởi thủ tục " + p.ended.By.Code
		}
		return fmt.Sprintf("mã %s là của một thủ tục %s từ ngày %s (%s); mã của thủ tục đã chấm dứt không được dùng lại — hãy kiểm tra lại mã", p.Code, what, Day(p.ended.Effective), at(p.ended))
	}
	if kind == content.ThayDoiThayThe {
		return fmt.Sprintf("thủ tục thay thế %s phải là mã mới, nhưng mã này đã có (%s, hiệu lực từ ngày %s); nếu thủ tục %s được sửa đổi để thay cho các thủ tục cũ, hãy ghi nó với thay_doi: sua-doi và bãi bỏ (bai-bo) các thủ tục cũ", p.Code, at(in), Day(in.Effective), p.Code)
	}
	return fmt.Sprintf("mã %s đã có: thủ tục được công bố ở %s, hiệu lực từ ngày %s; nếu thủ tục thay đổi, hãy dùng thay_doi: sua-doi — nếu đây là một thủ tục khác, hãy kiểm tra lại mã", p.Code, at(in), Day(in.Effective))
}

// serviceWarnings points out an online service given without its level or the other way round,
// and either given for an abolished procedure.
func (b *builder) serviceWarnings(n *Notice, e *Entry) {
	t := e.ThuTuc
	switch {
	case t.ThayDoi == content.ThayDoiBaiBo:
		if t.DVC != "" || t.MucDo != "" {
			b.warnf(n, t.Line, "thủ tục %s bị bãi bỏ nên \"dvc\" và \"muc_do\" không được dùng; hãy xoá hai dòng đó", e.Code)
		}
	case t.MucDo != "" && e.Info.DVC == "":
		b.warnf(n, t.Line, "thủ tục %s có \"muc_do\" nhưng không có \"dvc\"; hãy ghi địa chỉ dịch vụ công trực tuyến (dvc: \"https://dichvucong.gov.vn/…\"), nếu không trang thủ tục không có liên kết để thực hiện trực tuyến", e.Code)
	case t.DVC != "" && e.Info.Online == "":
		b.warnf(n, t.Line, "thủ tục %s có \"dvc\" nhưng không có \"muc_do\"; hãy ghi mức độ dịch vụ công trực tuyến: muc_do: toan-trinh hoặc mot-phan", e.Code)
	}
}

// checkSlugs reports codes that would share a page: "1.004227" and "1-004227".
func (b *builder) checkSlugs() {
	seen := map[string]*Procedure{}
	// In order of introduction, so that the later code is reported.
	ps := append([]*Procedure(nil), b.r.Procedures...)
	sort.SliceStable(ps, func(i, j int) bool {
		a, c := ps[i].introduced, ps[j].introduced
		if a.Notice.Order != c.Notice.Order {
			return a.Notice.Order < c.Notice.Order
		}
		return a.Entry.Line < c.Entry.Line
	})
	for _, p := range ps {
		if q, ok := seen[p.Slug]; ok {
			in := p.introduced
			b.errorf(in.Notice, in.Entry.Line, "mã %s và mã %s (%s) có cùng địa chỉ trang %s; hai thủ tục khác nhau phải có mã khác nhau — hãy kiểm tra lại mã", p.Code, q.Code, at(q.introduced), p.URL)
			continue
		}
		seen[p.Slug] = p
	}
}

// sameName compares procedure names without regard to case, Unicode form and spacing.
func sameName(a, b string) bool {
	f := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(norm.NFC.String(s)), " ")) }
	return f(a) == f(b)
}

// dayOf is the start of t's day in Asia/Ho_Chi_Minh.
func dayOf(t time.Time) time.Time {
	t = t.In(decode.Location)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, decode.Location)
}

// StateCount is how many procedures are in a state.
type StateCount struct {
	State State
	Count int
}

// Counts returns the number of procedures in each state, in the order of States, zeros
// included.
func (r *Registry) Counts() []StateCount { return CountStates(r.Procedures) }

// CountStates returns the number of procedures of ps in each state, in the order of States,
// zeros included.
func CountStates(ps []*Procedure) []StateCount {
	n := map[State]int{}
	for _, p := range ps {
		n[p.Status.State]++
	}
	out := make([]StateCount, 0, len(States))
	for _, s := range States {
		out = append(out, StateCount{s, n[s]})
	}
	return out
}

// InForceCount is how many procedures can be carried out as of the registry's date.
func (r *Registry) InForceCount() int {
	n := 0
	for _, p := range r.Procedures {
		if p.Status.State.InForce() {
			n++
		}
	}
	return n
}
