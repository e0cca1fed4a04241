// Package tthc is the registry of administrative procedures (thủ tục hành chính, TTHC). From
// the published TTHC notices (content pages whose Params is a *content.TTHCNotice) it computes
// every procedure's history across the notices in effective-date order and its state as of a
// date, and checks the history rules between notices: a code must exist before it is amended,
// replaced or abolished, nothing happens to a code once it is abolished or replaced, a new code
// is new. Every problem is reported at the file and line of the offending thu_tuc entry, in
// Vietnamese, saying what to fix. It does no I/O.
package tthc

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/btnmt/cchc/internal/content"
	"github.com/btnmt/cchc/internal/decode"
	"github.com/btnmt/cchc/internal/slug"
)

// Section is the section of notices; procedure pages live under it.
const Section = "thu-tuc-hanh-chinh"

// URL is the site-relative URL of a procedure's page: "1.004227" → "/thu-tuc-hanh-chinh/1-004227/".
func URL(code string) string { return "/" + Section + "/" + slug.Make(code) + "/" }

// State is where a procedure stands as of a date.
type State string

// The states of a procedure. The values are used in URLs, the JSON and the CSV.
const (
	InForce   State = "con-hieu-luc"     // in force, never amended
	Amended   State = "da-sua-doi"       // in force, amended at least once
	Replaced  State = "da-thay-the"      // replaced by another procedure
	Abolished State = "da-bai-bo"        // abolished
	Pending   State = "chua-co-hieu-luc" // announced, in force from a later date
)

// States lists the states in the order the registry shows them.
var States = []State{InForce, Amended, Replaced, Abolished, Pending}

// Label is the state as visitors read it.
func (s State) Label() string {
	switch s {
	case InForce:
		return "Còn hiệu lực"
	case Amended:
		return "Đã được sửa đổi, bổ sung"
	case Replaced:
		return "Đã được thay thế"
	case Abolished:
		return "Đã bãi bỏ"
	case Pending:
		return "Chưa có hiệu lực"
	}
	return string(s)
}

// Order is the state's place in States (from 1), for sorting.
func (s State) Order() int {
	for i, v := range States {
		if v == s {
			return i + 1
		}
	}
	return 0
}

// InForce tells whether a procedure in this state can be carried out.
func (s State) InForce() bool { return s == InForce || s == Amended }

// Change is what an event of its history does to a procedure.
type Change string

// The changes. ChangeNew, ChangeAmend, ChangeReplace and ChangeAbolish are the notices' kinds of
// change (thay_doi) seen from the code of the entry; ChangeReplacedBy is a thay-the entry seen
// from a code it replaces.
const (
	ChangeNew        Change = "moi"
	ChangeAmend      Change = "sua-doi"
	ChangeReplace    Change = "thay-the"
	ChangeReplacedBy Change = "bi-thay-the"
	ChangeAbolish    Change = "bai-bo"
)

// Label is the change as visitors read it.
func (c Change) Label() string {
	switch c {
	case ChangeNew:
		return "Ban hành mới"
	case ChangeAmend:
		return "Sửa đổi, bổ sung"
	case ChangeReplace:
		return "Thay thế thủ tục khác"
	case ChangeReplacedBy:
		return "Được thay thế"
	case ChangeAbolish:
		return "Bãi bỏ"
	}
	return string(c)
}

// Kind is the notice's kind of change behind the event: a procedure replaced by another was
// touched by a thay-the entry.
func (c Change) Kind() content.ThayDoi {
	if c == ChangeReplacedBy {
		return content.ThayDoiThayThe
	}
	return content.ThayDoi(c)
}

// Info is what the registry knows of a procedure at a point of its history: every key of the
// latest entry that gave it, so that an amendment that leaves a key out keeps the old value.
type Info struct {
	Name   string        // ten
	Field  string        // linh_vuc
	Level  content.Cap   // cap
	Agency string        // co_quan
	DVC    string        // dvc: the online public service
	Online content.MucDo // muc_do: the online service level
}

// apply returns i with the keys the entry gives.
func (i Info) apply(t *content.ThuTuc) Info {
	set := func(dst *string, v string) {
		if v = strings.TrimSpace(v); v != "" {
			*dst = v
		}
	}
	set(&i.Name, t.Ten)
	set(&i.Field, t.LinhVuc)
	set(&i.Agency, t.CoQuan)
	set(&i.DVC, t.DVC)
	if t.Cap != "" {
		i.Level = t.Cap
	}
	if t.MucDo != "" {
		i.Online = t.MucDo
	}
	return i
}

// Notice is a published notice as the registry reads it.
type Notice struct {
	Page      *content.Page
	Params    *content.TTHCNotice
	Number    string    // quyet_dinh.so
	Decided   time.Time // quyet_dinh.ngay
	Effective time.Time // ngay_hieu_luc
	Entries   []*Entry  // in the notice's order
	// Order is the notice's place in effective-date order (ties: decision date, then path).
	Order int

	// URL is the site-relative URL of the notice's page and DocumentHref the link to the
	// decision's document; the registry leaves both for the caller to fill in.
	URL          string
	DocumentHref string
}

// InEffect tells whether the notice has taken effect at t.
func (n *Notice) InEffect(t time.Time) bool { return !n.Effective.After(t) }

// Entry is one procedure entry of a notice, resolved against the registry.
type Entry struct {
	*content.ThuTuc
	Code      string
	Procedure *Procedure   // nil when the entry breaks a rule
	Replaced  []*Procedure // thay-the: the procedures it replaces
	Event     *Event       // the entry's event in the procedure's history; nil when rejected
	// Info is the procedure as the entry leaves it: the entry's keys over the inherited ones.
	Info Info
}

// Group is the entries of a notice with the same kind of change.
type Group struct {
	Change  content.ThayDoi
	Entries []*Entry
}

// Groups returns the notice's entries grouped by kind of change, in the order new, amended,
// replacing, abolished; empty groups are left out.
func (n *Notice) Groups() []Group {
	var out []Group
	for _, c := range []content.ThayDoi{content.ThayDoiMoi, content.ThayDoiSuaDoi, content.ThayDoiThayThe, content.ThayDoiBaiBo} {
		var g Group
		for _, e := range n.Entries {
			if e.ThayDoi == c {
				g.Entries = append(g.Entries, e)
			}
		}
		if len(g.Entries) > 0 {
			g.Change = c
			out = append(out, g)
		}
	}
	return out
}

// Counts returns how many entries the notice has of each kind of change, in the order of
// Groups, for summaries: "2 thủ tục mới, 1 thủ tục sửa đổi".
func (n *Notice) Counts() []KindCount {
	var out []KindCount
	for _, g := range n.Groups() {
		out = append(out, KindCount{g.Change, len(g.Entries)})
	}
	return out
}

// KindCount is a number of entries of a kind of change.
type KindCount struct {
	Change content.ThayDoi
	Count  int
}

// Summary describes the notice in one sentence, for lists and feeds: "Quyết định số
// 1234/QĐ-BTNMT ngày 10/06/2020 công bố 3 thủ tục hành chính (2 ban hành mới, 1 bãi bỏ),
// có hiệu lực từ ngày 01/07/2020."
func (n *Notice) Summary() string {
	var parts []string
	for _, c := range n.Counts() {
		parts = append(parts, c.Text())
	}
	s := "Quyết định số " + n.Number
	if !n.Decided.IsZero() {
		s += " ngày " + Day(n.Decided)
	}
	s += fmt.Sprintf(" công bố %d thủ tục hành chính", len(n.Entries))
	if len(parts) > 0 {
		s += " (" + strings.Join(parts, ", ") + ")"
	}
	if !n.Effective.IsZero() {
		s += ", có hiệu lực từ ngày " + Day(n.Effective)
	}
	return s + "."
}

// Event is one step of a procedure's history.
type Event struct {
	Notice    *Notice
	Entry     *Entry // the notice's entry: the procedure's own, or for ChangeReplacedBy the replacing one
	Change    Change
	Effective time.Time
	Replaces  []*Procedure // ChangeReplace: the procedures this one replaces
	By        *Procedure   // ChangeReplacedBy: the procedure that replaces this one
	Info      Info         // the procedure as the event leaves it
	Prev      Info         // the procedure before the event (zero for the event that creates it)
}

// Changes describes what an amendment changed of the procedure's attributes, in words:
// "tên mới: …", "cơ quan thực hiện: …"; nil when it changed none of them (only the
// procedure's content, which the registry does not hold).
func (e *Event) Changes() []string {
	if e.Change != ChangeAmend {
		return nil
	}
	var out []string
	a, b := e.Prev, e.Info
	if a.Name != b.Name {
		out = append(out, "tên mới: "+b.Name)
	}
	if a.Field != b.Field {
		out = append(out, "lĩnh vực: "+b.Field)
	}
	if a.Level != b.Level {
		out = append(out, "cấp thực hiện: "+strings.ToLower(b.Level.Label()))
	}
	if a.Agency != b.Agency {
		out = append(out, "cơ quan thực hiện: "+b.Agency)
	}
	switch {
	case a.DVC == "" && b.DVC != "":
		out = append(out, "có dịch vụ công trực tuyến")
	case a.DVC != b.DVC:
		out = append(out, "địa chỉ dịch vụ công trực tuyến mới")
	}
	if a.Online != b.Online {
		out = append(out, "mức độ trực tuyến: "+strings.ToLower(b.Online.Short()))
	}
	return out
}

// InEffect tells whether the event has taken effect at t.
func (e *Event) InEffect(t time.Time) bool { return !e.Effective.After(t) }

// Procedure is one procedure code with its history.
type Procedure struct {
	Code    string
	Slug    string   // the code's slug: "1-004227"
	URL     string   // its page: "/thu-tuc-hanh-chinh/1-004227/"
	History []*Event // in effective-date order
	// Replaces are the procedures this one replaced; ReplacedBy the one that replaced it.
	Replaces   []*Procedure
	ReplacedBy *Procedure

	// As of the registry's date (Registry.Now):
	Info       Info            // name, field, level, … (the first entry's while Pending)
	Status     Status          // where it stands
	Upcoming   []*Event        // changes announced that take effect after the date
	LastChange content.ThayDoi // the kind of the latest change in effect (the first while Pending)

	introduced *Event // the event that created the code
	ended      *Event // the ChangeAbolish or ChangeReplacedBy event, once processed
}

// Notices lists the notices of the procedure's history, once each, in effective-date order.
func (p *Procedure) Notices() []*Notice {
	var out []*Notice
	for _, e := range p.History {
		if len(out) == 0 || out[len(out)-1] != e.Notice {
			out = append(out, e.Notice)
		}
	}
	return out
}

// Status is a procedure's state as of a date.
type Status struct {
	State State
	Since time.Time  // when the state began; for Pending, when the procedure takes effect
	By    *Procedure // Replaced: the procedure that replaced it
	Event *Event     // the event that set the state
}

// Text is the state as a sentence part: "còn hiệu lực", "đã được sửa đổi, bổ sung từ ngày
// 01/07/2020", "đã được thay thế bởi thủ tục 1.004228 từ ngày …", "đã bãi bỏ từ ngày …",
// "có hiệu lực từ ngày …".
func (s Status) Text() string {
	switch s.State {
	case InForce:
		return "còn hiệu lực"
	case Amended:
		return "còn hiệu lực, đã được sửa đổi, bổ sung từ ngày " + Day(s.Since)
	case Replaced:
		by := "thủ tục khác"
		if s.By != nil {
			by = "thủ tục " + s.By.Code
		}
		return "đã được thay thế bởi " + by + " từ ngày " + Day(s.Since)
	case Abolished:
		return "đã bãi bỏ từ ngày " + Day(s.Since)
	case Pending:
		return "có hiệu lực từ ngày " + Day(s.Since)
	}
	return string(s.State)
}

// StatusAt returns the procedure's state as of t.
func (p *Procedure) StatusAt(t time.Time) Status {
	if len(p.History) == 0 {
		return Status{State: Pending}
	}
	n := p.effectiveCount(t)
	if n == 0 {
		first := p.History[0]
		return Status{State: Pending, Since: first.Effective, Event: first}
	}
	last := p.History[n-1]
	switch last.Change {
	case ChangeReplacedBy:
		return Status{State: Replaced, Since: last.Effective, By: last.By, Event: last}
	case ChangeAbolish:
		return Status{State: Abolished, Since: last.Effective, Event: last}
	}
	for i := n - 1; i >= 0; i-- {
		if e := p.History[i]; e.Change == ChangeAmend {
			return Status{State: Amended, Since: e.Effective, Event: e}
		}
	}
	first := p.History[0]
	return Status{State: InForce, Since: first.Effective, Event: first}
}

// InfoAt returns what the registry knows of the procedure as of t: the attributes of the last
// event in effect, or of the first event while none is.
func (p *Procedure) InfoAt(t time.Time) Info {
	if len(p.History) == 0 {
		return Info{}
	}
	if n := p.effectiveCount(t); n > 0 {
		return p.History[n-1].Info
	}
	return p.History[0].Info
}

// UpcomingAt returns the events announced that take effect after t.
func (p *Procedure) UpcomingAt(t time.Time) []*Event {
	return p.History[p.effectiveCount(t):]
}

// effectiveCount is how many events of the history are in effect at t (a prefix, since the
// history is in effective-date order).
func (p *Procedure) effectiveCount(t time.Time) int {
	return sort.Search(len(p.History), func(i int) bool { return p.History[i].Effective.After(t) })
}

// Day formats a date the Vietnamese way, in Asia/Ho_Chi_Minh: "01/07/2020".
func Day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(decode.Location).Format("02/01/2006")
}

// CompareCodes orders procedure codes naturally: runs of digits by their value ("1.2" before
// "1.10"), the rest as text, then byte order so that the order is total.
func CompareCodes(a, b string) int {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		ca, cb := a[i], b[j]
		if isDigit(ca) && isDigit(cb) {
			si, sj := i, j
			for i < len(a) && isDigit(a[i]) {
				i++
			}
			for j < len(b) && isDigit(b[j]) {
				j++
			}
			na, nb := strings.TrimLeft(a[si:i], "0"), strings.TrimLeft(b[sj:j], "0")
			if len(na) != len(nb) {
				return cmpInt(len(na), len(nb))
			}
			if c := strings.Compare(na, nb); c != 0 {
				return c
			}
			continue
		}
		la, lb := lower(ca), lower(cb)
		if la != lb {
			return cmpInt(int(la), int(lb))
		}
		i++
		j++
	}
	if c := cmpInt(len(a)-i, len(b)-j); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Chain returns the line of replacements the procedure belongs to, oldest first: back through
// the procedures it replaced while there is exactly one, forward through those that replaced it
// (1.000100 → 1.000200 → 1.000300). A procedure never replaced and replacing nothing has a
// chain of one.
func (p *Procedure) Chain() []*Procedure {
	var back []*Procedure
	seen := map[*Procedure]bool{p: true}
	for q := p; len(q.Replaces) == 1 && !seen[q.Replaces[0]]; q = q.Replaces[0] {
		seen[q.Replaces[0]] = true
		back = append(back, q.Replaces[0])
	}
	out := make([]*Procedure, 0, len(back)+1)
	for i := len(back) - 1; i >= 0; i-- {
		out = append(out, back[i])
	}
	out = append(out, p)
	for q := p.ReplacedBy; q != nil && !seen[q]; q = q.ReplacedBy {
		seen[q] = true
		out = append(out, q)
	}
	return out
}

// Text is the count as words: "2 ban hành mới".
func (k KindCount) Text() string {
	return fmt.Sprintf("%d %s", k.Count, strings.ToLower(k.Change.Label()))
}
