package ical

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Component is a parsed BEGIN:…/END:… block.
type Component struct {
	Name       string
	Props      []Property
	Components []*Component
}

// Property is one parsed content line.
type Property struct {
	Name   string
	Params map[string]string
	Value  string // raw: TEXT values are still escaped (see UnescapeText)
}

// Get returns the first property of the component with the name, and whether there is one.
func (c *Component) Get(name string) (Property, bool) {
	for _, p := range c.Props {
		if p.Name == name {
			return p, true
		}
	}
	return Property{}, false
}

// All returns the sub-components with the name, in order.
func (c *Component) All(name string) []*Component {
	var out []*Component
	for _, s := range c.Components {
		if s.Name == name {
			out = append(out, s)
		}
	}
	return out
}

// Parse reads an iCalendar object strictly: every line must end in CRLF, be valid UTF-8 and
// hold at most 75 octets, and BEGIN/END must nest. It returns the VCALENDAR.
func Parse(data []byte) (*Component, error) {
	if len(data) == 0 || !bytes.HasSuffix(data, []byte("\r\n")) {
		return nil, fmt.Errorf("the data does not end in CRLF")
	}
	raw := strings.Split(string(data[:len(data)-2]), "\r\n")
	var lines []string
	for i, l := range raw {
		if strings.ContainsAny(l, "\r\n") {
			return nil, fmt.Errorf("line %d: a bare CR or LF", i+1)
		}
		if len(l) > MaxLineOctets {
			return nil, fmt.Errorf("line %d: %d octets, more than %d", i+1, len(l), MaxLineOctets)
		}
		if !utf8.ValidString(l) {
			return nil, fmt.Errorf("line %d: not UTF-8 (a character split by folding?)", i+1)
		}
		if strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t") {
			if len(lines) == 0 {
				return nil, fmt.Errorf("line %d: a continuation line first", i+1)
			}
			lines[len(lines)-1] += l[1:]
			continue
		}
		lines = append(lines, l)
	}
	var stack []*Component
	var root *Component
	for i, l := range lines {
		p, err := parseLine(l)
		if err != nil {
			return nil, fmt.Errorf("content line %d: %w", i+1, err)
		}
		switch p.Name {
		case "BEGIN":
			c := &Component{Name: p.Value}
			if len(stack) > 0 {
				top := stack[len(stack)-1]
				top.Components = append(top.Components, c)
			} else if root != nil {
				return nil, fmt.Errorf("content line %d: a second object", i+1)
			} else {
				root = c
			}
			stack = append(stack, c)
		case "END":
			if len(stack) == 0 || stack[len(stack)-1].Name != p.Value {
				return nil, fmt.Errorf("content line %d: END:%s does not close the open component", i+1, p.Value)
			}
			stack = stack[:len(stack)-1]
		default:
			if len(stack) == 0 {
				return nil, fmt.Errorf("content line %d: a property outside any component", i+1)
			}
			top := stack[len(stack)-1]
			top.Props = append(top.Props, p)
		}
	}
	if len(stack) > 0 {
		return nil, fmt.Errorf("%s is not closed", stack[len(stack)-1].Name)
	}
	if root == nil || root.Name != "VCALENDAR" {
		return nil, fmt.Errorf("no VCALENDAR")
	}
	return root, nil
}

// parseLine splits "NAME;P=V;Q=W:value"; parameter values may be quoted.
func parseLine(l string) (Property, error) {
	p := Property{Params: map[string]string{}}
	i := strings.IndexAny(l, ";:")
	if i <= 0 {
		return p, fmt.Errorf("no name in %q", l)
	}
	p.Name = strings.ToUpper(l[:i])
	rest := l[i:]
	for strings.HasPrefix(rest, ";") {
		rest = rest[1:]
		eq := strings.IndexByte(rest, '=')
		if eq < 0 {
			return p, fmt.Errorf("parameter without value in %q", l)
		}
		name := strings.ToUpper(rest[:eq])
		rest = rest[eq+1:]
		var val string
		if strings.HasPrefix(rest, `"`) {
			end := strings.IndexByte(rest[1:], '"')
			if end < 0 {
				return p, fmt.Errorf("unclosed quote in %q", l)
			}
			val, rest = rest[1:end+1], rest[end+2:]
		} else {
			end := strings.IndexAny(rest, ";:")
			if end < 0 {
				return p, fmt.Errorf("no value in %q", l)
			}
			val, rest = rest[:end], rest[end:]
		}
		p.Params[name] = val
	}
	if !strings.HasPrefix(rest, ":") {
		return p, fmt.Errorf("no ':' in %q", l)
	}
	p.Value = rest[1:]
	return p, nil
}
