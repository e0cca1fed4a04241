package tthc

import (
	"bytes"
	"encoding/csv"
	"strings"
	"time"

	"github.com/btnmt/cchc/internal/decode"
)

// The export files, relative to the site root.
const (
	JSONURL = "/" + Section + "/thu-tuc.json"
	CSVURL  = "/" + Section + "/thu-tuc.csv"
)

// ExportJSON is the document of thu-tuc.json (its schema is in docs/thu-tuc-hanh-chinh.md).
type ExportJSON struct {
	NgayTinhTrang string            `json:"ngay_tinh_trang"` // the date states are computed for, YYYY-MM-DD
	SoThuTuc      int               `json:"so_thu_tuc"`
	ThongKe       []ExportStateJSON `json:"thong_ke"`
	ThuTuc        []ExportProcJSON  `json:"thu_tuc"`
}

// ExportStateJSON is the number of procedures in a state.
type ExportStateJSON struct {
	TrangThai string `json:"trang_thai"`
	Ten       string `json:"ten"`
	SoLuong   int    `json:"so_luong"`
}

// ExportProcJSON is one procedure of thu-tuc.json.
type ExportProcJSON struct {
	Ma             string            `json:"ma"`
	Ten            string            `json:"ten"`
	LinhVuc        string            `json:"linh_vuc"`
	Cap            string            `json:"cap"`
	CoQuan         string            `json:"co_quan"`
	DVC            string            `json:"dvc,omitempty"`
	MucDo          string            `json:"muc_do,omitempty"`
	TrangThai      string            `json:"trang_thai"`
	TrangThaiTen   string            `json:"trang_thai_ten"`
	TuNgay         string            `json:"tu_ngay"`
	ThayTheBoi     string            `json:"thay_the_boi,omitempty"`
	ThayThe        []string          `json:"thay_the,omitempty"`
	ThayDoiGanNhat string            `json:"thay_doi_gan_nhat"`
	URL            string            `json:"url"`
	LichSu         []ExportEventJSON `json:"lich_su"`
}

// ExportEventJSON is one step of a procedure's history in thu-tuc.json.
type ExportEventJSON struct {
	ThayDoi     string             `json:"thay_doi"`
	NgayHieuLuc string             `json:"ngay_hieu_luc"`
	DaCoHieuLuc bool               `json:"da_co_hieu_luc"`
	QuyetDinh   ExportDecisionJSON `json:"quyet_dinh"`
	ThongBao    string             `json:"thong_bao"`
	ThayThe     []string           `json:"thay_the,omitempty"`
	ThayTheBoi  string             `json:"thay_the_boi,omitempty"`
	// What the step set or changed of the procedure (omitted when unchanged).
	Ten     string `json:"ten,omitempty"`
	LinhVuc string `json:"linh_vuc,omitempty"`
	Cap     string `json:"cap,omitempty"`
	CoQuan  string `json:"co_quan,omitempty"`
	DVC     string `json:"dvc,omitempty"`
	MucDo   string `json:"muc_do,omitempty"`
}

// ExportDecisionJSON is the decision of a notice.
type ExportDecisionJSON struct {
	So   string `json:"so"`
	Ngay string `json:"ngay"`
}

// isoDay formats a date as YYYY-MM-DD in Asia/Ho_Chi_Minh; "" for the zero time.
func isoDay(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(decode.Location).Format("2006-01-02")
}

// changed returns now when it differs from before, else "".
func changed(before, now string) string {
	if before == now {
		return ""
	}
	return now
}

func codes(ps []*Procedure) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Code)
	}
	return out
}

// Export returns the JSON document of the registry; abs turns a site-relative URL into the
// URL written (absolute when the site has a host).
func (r *Registry) Export(abs func(string) string) *ExportJSON {
	doc := &ExportJSON{NgayTinhTrang: isoDay(r.Now), SoThuTuc: len(r.Procedures), ThuTuc: []ExportProcJSON{}}
	for _, c := range r.Counts() {
		doc.ThongKe = append(doc.ThongKe, ExportStateJSON{string(c.State), c.State.Label(), c.Count})
	}
	for _, p := range r.Procedures {
		ep := ExportProcJSON{
			Ma: p.Code, Ten: p.Info.Name, LinhVuc: p.Info.Field, Cap: string(p.Info.Level), CoQuan: p.Info.Agency,
			DVC: p.Info.DVC, MucDo: string(p.Info.Online),
			TrangThai: string(p.Status.State), TrangThaiTen: p.Status.State.Label(), TuNgay: isoDay(p.Status.Since),
			ThayThe: codes(p.Replaces), ThayDoiGanNhat: string(p.LastChange), URL: abs(p.URL),
			LichSu: []ExportEventJSON{},
		}
		if p.Status.By != nil {
			ep.ThayTheBoi = p.Status.By.Code
		}
		for _, e := range p.History {
			ee := ExportEventJSON{
				ThayDoi: string(e.Change), NgayHieuLuc: isoDay(e.Effective), DaCoHieuLuc: e.InEffect(r.Now),
				QuyetDinh: ExportDecisionJSON{So: e.Notice.Number, Ngay: isoDay(e.Notice.Decided)},
				ThayThe:   codes(e.Replaces),
			}
			a, b := e.Prev, e.Info
			ee.Ten = changed(a.Name, b.Name)
			ee.LinhVuc = changed(a.Field, b.Field)
			ee.Cap = changed(string(a.Level), string(b.Level))
			ee.CoQuan = changed(a.Agency, b.Agency)
			ee.DVC = changed(a.DVC, b.DVC)
			ee.MucDo = changed(string(a.Online), string(b.Online))
			if e.Notice.URL != "" {
				ee.ThongBao = abs(e.Notice.URL)
			}
			if e.By != nil {
				ee.ThayTheBoi = e.By.Code
			}
			ep.LichSu = append(ep.LichSu, ee)
		}
		doc.ThuTuc = append(doc.ThuTuc, ep)
	}
	return doc
}

// JSON returns thu-tuc.json: Export, compact, with a final newline. The same registry gives
// the same bytes.
func (r *Registry) JSON(abs func(string) string) []byte {
	b := r.Export(abs).appendJSON(make([]byte, 0, 1536*len(r.Procedures)+1024))
	return append(b, '\n')
}

// CSVHeader is the header row of thu-tuc.csv; docs/thu-tuc-hanh-chinh.md describes each column.
var CSVHeader = []string{
	"Mã thủ tục", "Tên thủ tục", "Lĩnh vực", "Cấp thực hiện", "Cơ quan thực hiện",
	"Trạng thái", "Từ ngày", "Được thay thế bởi", "Thay thế cho",
	"Dịch vụ công trực tuyến", "Mức độ", "Thay đổi gần nhất",
	"Quyết định công bố gần nhất", "Ngày hiệu lực của quyết định", "Địa chỉ trang",
}

// CSV returns thu-tuc.csv: UTF-8 with a byte order mark (so that Excel reads Vietnamese
// correctly), RFC 4180 with CRLF line ends, one row per procedure in code order, as of the
// registry's date. Levels, states and kinds of change are written as visitors read them; dates
// as YYYY-MM-DD; several codes separated by "; ".
func (r *Registry) CSV(abs func(string) string) []byte {
	var b bytes.Buffer
	b.WriteString("\ufeff")
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	_ = w.Write(CSVHeader)
	for _, p := range r.Procedures {
		by := ""
		if p.Status.By != nil {
			by = p.Status.By.Code
		}
		online := ""
		if p.Info.Online != "" {
			online = p.Info.Online.Short()
		}
		level := ""
		if p.Info.Level != "" {
			level = p.Info.Level.Label()
		}
		change := ""
		if p.LastChange != "" {
			change = p.LastChange.Label()
		}
		decision, effective := "", ""
		if n := p.effectiveCount(r.Now); n > 0 {
			e := p.History[n-1]
			decision, effective = e.Notice.Number, isoDay(e.Effective)
		} else if len(p.History) > 0 {
			e := p.History[0]
			decision, effective = e.Notice.Number, isoDay(e.Effective)
		}
		_ = w.Write([]string{
			p.Code, p.Info.Name, p.Info.Field, level, p.Info.Agency,
			p.Status.State.Label(), isoDay(p.Status.Since), by, strings.Join(codes(p.Replaces), "; "),
			p.Info.DVC, online, change,
			decision, effective, abs(p.URL),
		})
	}
	w.Flush() // writes to a bytes.Buffer cannot fail
	return b.Bytes()
}
