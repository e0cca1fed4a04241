package tthc

import (
	"sort"
	"strings"

	"github.com/btnmt/cchc/internal/content"
	"github.com/btnmt/cchc/internal/slug"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// The facets of the registry: the keys are URL segments (/thu-tuc-hanh-chinh/<key>/<value>/)
// and the names of the rows' data attributes (data-linh-vuc, …). They are words without digits,
// and procedure codes always have a digit, so a filter page never takes a procedure's URL.
const (
	FacetField  = "linh-vuc"
	FacetLevel  = "cap"
	FacetState  = "trang-thai"
	FacetChange = "thay-doi"
)

// FacetKeys lists the facets in the order the registry shows them.
var FacetKeys = []string{FacetField, FacetLevel, FacetState, FacetChange}

// Facet is a way to filter the registry: by field, level, state or latest kind of change.
type Facet struct {
	Key    string // FacetField, …
	Name   string // "Lĩnh vực"
	Values []*FacetValue
}

// FacetValue is one value of a facet with the procedures that have it.
type FacetValue struct {
	Facet      *Facet
	Value      string // the slug: "tai-nguyen-nuoc", "tinh", "da-bai-bo", "sua-doi"
	Label      string // as visitors read it: "Tài nguyên nước", "Cấp tỉnh", …
	Procedures []*Procedure
}

// FacetName is the Vietnamese name of a facet key.
func FacetName(key string) string {
	switch key {
	case FacetField:
		return "Lĩnh vực"
	case FacetLevel:
		return "Cấp thực hiện"
	case FacetState:
		return "Trạng thái"
	case FacetChange:
		return "Thay đổi gần nhất"
	}
	return key
}

// FacetValue returns the procedure's value of a facet (as of the registry's date), "" when it
// has none.
func (p *Procedure) FacetValue(key string) string {
	switch key {
	case FacetField:
		return slug.Make(p.Info.Field)
	case FacetLevel:
		return string(p.Info.Level)
	case FacetState:
		return string(p.Status.State)
	case FacetChange:
		return string(p.LastChange)
	}
	return ""
}

// Facets returns the facets of the registry with the values some procedure has: fields in
// Vietnamese order, levels, states and kinds of change in their fixed order.
func (r *Registry) Facets() []*Facet {
	var out []*Facet
	for _, key := range FacetKeys {
		f := &Facet{Key: key, Name: FacetName(key)}
		byValue := map[string]*FacetValue{}
		spellings := map[string]map[string]int{}
		for _, p := range r.Procedures {
			v := p.FacetValue(key)
			if v == "" {
				continue
			}
			fv := byValue[v]
			if fv == nil {
				fv = &FacetValue{Facet: f, Value: v}
				byValue[v] = fv
				spellings[v] = map[string]int{}
			}
			fv.Procedures = append(fv.Procedures, p)
			if key == FacetField {
				spellings[v][strings.Join(strings.Fields(norm.NFC.String(p.Info.Field)), " ")]++
			}
		}
		switch key {
		case FacetField:
			for v, fv := range byValue {
				fv.Label = mostUsed(spellings[v])
				f.Values = append(f.Values, fv)
			}
			c := collate.New(language.Vietnamese)
			sort.Slice(f.Values, func(i, j int) bool {
				if d := c.CompareString(f.Values[i].Label, f.Values[j].Label); d != 0 {
					return d < 0
				}
				return f.Values[i].Value < f.Values[j].Value
			})
		case FacetLevel:
			for _, v := range content.Cap("").Allowed() {
				if fv := byValue[v]; fv != nil {
					fv.Label = content.Cap(v).Label()
					f.Values = append(f.Values, fv)
				}
			}
		case FacetState:
			for _, s := range States {
				if fv := byValue[string(s)]; fv != nil {
					fv.Label = s.Label()
					f.Values = append(f.Values, fv)
				}
			}
		case FacetChange:
			for _, v := range content.ThayDoi("").Allowed() {
				if fv := byValue[v]; fv != nil {
					fv.Label = content.ThayDoi(v).Label()
					f.Values = append(f.Values, fv)
				}
			}
		}
		out = append(out, f)
	}
	return out
}

// mostUsed returns the spelling used most, ties going to the first in byte order.
func mostUsed(counts map[string]int) string {
	best, n := "", -1
	for s, c := range counts {
		if c > n || c == n && s < best {
			best, n = s, c
		}
	}
	return best
}
