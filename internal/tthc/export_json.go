package tthc

import (
	"strconv"
	"unicode/utf8"
)

// The encoding of thu-tuc.json, written by hand: encoding/json reflects on every field of the
// thousands of procedures and their histories, a tenth of the registry's cost to a build. It
// gives the bytes encoding/json gives with SetEscapeHTML(false), which TestJSONLikeEncoding
// checks on generated registries and FuzzJSONLikeEncoding on any string.

func (d *ExportJSON) appendJSON(b []byte) []byte {
	b = append(b, `{"ngay_tinh_trang":`...)
	b = appendString(b, d.NgayTinhTrang)
	b = append(b, `,"so_thu_tuc":`...)
	b = strconv.AppendInt(b, int64(d.SoThuTuc), 10)
	b = append(b, `,"thong_ke":`...)
	if d.ThongKe == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, s := range d.ThongKe {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"trang_thai":`...)
			b = appendString(b, s.TrangThai)
			b = append(b, `,"ten":`...)
			b = appendString(b, s.Ten)
			b = append(b, `,"so_luong":`...)
			b = strconv.AppendInt(b, int64(s.SoLuong), 10)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	b = append(b, `,"thu_tuc":`...)
	if d.ThuTuc == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i := range d.ThuTuc {
			if i > 0 {
				b = append(b, ',')
			}
			b = d.ThuTuc[i].appendJSON(b)
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

func (p *ExportProcJSON) appendJSON(b []byte) []byte {
	b = append(b, `{"ma":`...)
	b = appendString(b, p.Ma)
	b = append(b, `,"ten":`...)
	b = appendString(b, p.Ten)
	b = append(b, `,"linh_vuc":`...)
	b = appendString(b, p.LinhVuc)
	b = append(b, `,"cap":`...)
	b = appendString(b, p.Cap)
	b = append(b, `,"co_quan":`...)
	b = appendString(b, p.CoQuan)
	b = appendOmit(b, `,"dvc":`, p.DVC)
	b = appendOmit(b, `,"muc_do":`, p.MucDo)
	b = append(b, `,"trang_thai":`...)
	b = appendString(b, p.TrangThai)
	b = append(b, `,"trang_thai_ten":`...)
	b = appendString(b, p.TrangThaiTen)
	b = append(b, `,"tu_ngay":`...)
	b = appendString(b, p.TuNgay)
	b = appendOmit(b, `,"thay_the_boi":`, p.ThayTheBoi)
	b = appendStrings(b, `,"thay_the":`, p.ThayThe)
	b = append(b, `,"thay_doi_gan_nhat":`...)
	b = appendString(b, p.ThayDoiGanNhat)
	b = append(b, `,"url":`...)
	b = appendString(b, p.URL)
	b = append(b, `,"lich_su":`...)
	if p.LichSu == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i := range p.LichSu {
			if i > 0 {
				b = append(b, ',')
			}
			b = p.LichSu[i].appendJSON(b)
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

func (e *ExportEventJSON) appendJSON(b []byte) []byte {
	b = append(b, `{"thay_doi":`...)
	b = appendString(b, e.ThayDoi)
	b = append(b, `,"ngay_hieu_luc":`...)
	b = appendString(b, e.NgayHieuLuc)
	b = append(b, `,"da_co_hieu_luc":`...)
	b = strconv.AppendBool(b, e.DaCoHieuLuc)
	b = append(b, `,"quyet_dinh":{"so":`...)
	b = appendString(b, e.QuyetDinh.So)
	b = append(b, `,"ngay":`...)
	b = appendString(b, e.QuyetDinh.Ngay)
	b = append(b, `},"thong_bao":`...)
	b = appendString(b, e.ThongBao)
	b = appendStrings(b, `,"thay_the":`, e.ThayThe)
	b = appendOmit(b, `,"thay_the_boi":`, e.ThayTheBoi)
	b = appendOmit(b, `,"ten":`, e.Ten)
	b = appendOmit(b, `,"linh_vuc":`, e.LinhVuc)
	b = appendOmit(b, `,"cap":`, e.Cap)
	b = appendOmit(b, `,"co_quan":`, e.CoQuan)
	b = appendOmit(b, `,"dvc":`, e.DVC)
	b = appendOmit(b, `,"muc_do":`, e.MucDo)
	return append(b, '}')
}

// appendOmit appends key and s, unless s is empty (omitempty).
func appendOmit(b []byte, key, s string) []byte {
	if s == "" {
		return b
	}
	return appendString(append(b, key...), s)
}

// appendStrings appends key and list, unless list is empty (omitempty).
func appendStrings(b []byte, key string, list []string) []byte {
	if len(list) == 0 {
		return b
	}
	b = append(append(b, key...), '[')
	for i, s := range list {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, s)
	}
	return append(b, ']')
}

// appendString appends s as a JSON string as encoding/json writes it without HTML escaping:
// quotes and backslashes escaped, control characters as \n, \r, \t or \u00XX, U+2028 and
// U+2029 as \u2028 and \u2029, invalid UTF-8 as \ufffd.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, `\b`...)
			case '\f':
				b = append(b, `\f`...)
			case '\n':
				b = append(b, `\n`...)
			case '\r':
				b = append(b, `\r`...)
			case '\t':
				b = append(b, `\t`...)
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
