package decode

import (
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
)

// yamlGenKeys and yamlGenValues are the pieces TestYAMLFastGenerated builds front matters from.
var (
	yamlGenKeys   = []string{"title", "date", "tags", "ma", "ten", "nam", "stt", "a", "b", "_x", "k-1", "true", "null", "Null", "y", "n", "on", "True", "a b", "\"q\"", "'s'", "x1"}
	yamlGenValues = []string{
		"", "x", "Văn phòng Bộ", "2019", "1.10", "0x1F", "1e3", "1.5e3", ".inf", "-.inf", ".NaN", "~", "null", "NULL",
		"True", "false", "FALSE", "yes", "no", "2020-03-16", "2022-11-05T15:40:00+07:00", "15:4", "12:30",
		"'it''s'", "''", "\"\"", "\"a b\"", "\"1001/QĐ-BTNMT\"", "'x'''", "https://a.vn/x?y=1#z", "a:b", "a: b",
		"a #b", "a#b", "x<<y", "017", "0o17", "0b101", "+1", "-1", "1_000", "+_1", "._1", "1.", ".5", "[a, b]",
		"[]", "{}", "[ a , 'b' , \"c\" ]", "{so: \"1\", ngay: 2022-11-03}", "{a: 1, b: [x]}", "[a, [b]]",
		"{a:b}", "[a,b]", "[a, ]", "[a b, c]", "{ a: 1 }", "'a' ", "\"a\"  ", "x   ", "a,b", "a]", "a}", "a{b",
		"a[b]", "a\"b", "a'b", "|", ">", "&x y", "*x", "!!str 1", "%x", "@x", "`x", "?x", "? x", "- x", "-x",
		":x", ",x", "#x", "1:2", "0", "00", "-0", "0.0", "1e", "e1", "inf", "nan", "Infinity", ".inf.", "---", "...",
		"a - b", "a & b", "a | b", "a ! b", "a ? b", "a % b", "a @ b", "a {b}", "a [b]", "a:,b", "tên", "a\u00a0",
		"\u00a0a", "a\u3000b", "\ufeffa", "'a'b'", "\"a\"b\"", "x\\y", "'x\\y'", "title", "nan.", "n_ull", "1:", "a-",
	}
)

// genYAML writes a random front matter: a block mapping of keys and values from the pieces
// above, nested mappings and sequences, comments and blank lines, with now and then a line
// shifted or cut short so that the shapes around the subset's edges are tried too.
func genYAML(r *rand.Rand) string {
	var lines []string
	genMap(r, &lines, 0, 0, "")
	for i := range lines {
		switch r.IntN(40) {
		case 0:
			lines[i] = " " + lines[i]
		case 1:
			lines[i] = strings.TrimPrefix(lines[i], " ")
		case 2:
			lines[i] += " "
		case 3:
			lines[i] = lines[i][:r.IntN(len(lines[i])+1)]
		}
	}
	s := strings.Join(lines, "\n") + "\n"
	if r.IntN(5) == 0 {
		s = strings.TrimSuffix(s, "\n")
	}
	return s
}

// genMap adds the lines of a block mapping at column indent; the first key follows prefix (a
// sequence item's "- ") on the same line.
func genMap(r *rand.Rand, lines *[]string, indent, depth int, prefix string) {
	n := 1 + r.IntN(5)
	for i := range n {
		pad := strings.Repeat(" ", indent)
		if i == 0 && prefix != "" {
			pad = strings.Repeat(" ", indent-len(prefix)) + prefix
		}
		genExtra(r, lines)
		key := yamlGenKeys[r.IntN(len(yamlGenKeys))]
		if r.IntN(3) > 0 {
			key = yamlGenKeys[r.IntN(8)] + yamlGenKeys[r.IntN(8)] // mostly common, distinct keys
		}
		switch c := r.IntN(10); {
		case c < 6 || depth > 2:
			*lines = append(*lines, pad+key+": "+genValue(r))
		case c < 8:
			*lines = append(*lines, pad+key+":")
			genSeq(r, lines, indent+[]int{0, 2, 2, 4, 1}[r.IntN(5)], depth+1)
		default:
			*lines = append(*lines, pad+key+":")
			if r.IntN(4) > 0 {
				genMap(r, lines, indent+[]int{2, 2, 4, 1}[r.IntN(4)], depth+1, "")
			}
		}
	}
}

// genSeq adds the lines of a block sequence whose "-" are at column indent.
func genSeq(r *rand.Rand, lines *[]string, indent, depth int) {
	n := 1 + r.IntN(4)
	for range n {
		genExtra(r, lines)
		pad := strings.Repeat(" ", indent)
		if r.IntN(3) == 0 && depth < 3 {
			prefix := "-" + strings.Repeat(" ", []int{1, 1, 1, 2, 3}[r.IntN(5)])
			genMap(r, lines, indent+len(prefix), depth+1, prefix)
			continue
		}
		*lines = append(*lines, pad+"- "+genValue(r))
	}
}

// genValue returns a value, mostly one of the common ones at the head of yamlGenValues.
func genValue(r *rand.Rand) string {
	if r.IntN(3) > 0 {
		return yamlGenValues[r.IntN(32)]
	}
	return yamlGenValues[r.IntN(len(yamlGenValues))]
}

// genExtra now and then adds a blank or comment line.
func genExtra(r *rand.Rand, lines *[]string) {
	switch r.IntN(12) {
	case 0:
		*lines = append(*lines, strings.Repeat(" ", r.IntN(5)))
	case 1:
		*lines = append(*lines, strings.Repeat(" ", r.IntN(7))+"# "+genValue(r))
	}
}

// TestYAMLFastGenerated compares the fast and goccy paths on random front matters built from
// lines of realistic and tricky pieces (CCHC_YAML_GEN sets how many; 20000 by default).
func TestYAMLFastGenerated(t *testing.T) {
	n := 20000
	if s := os.Getenv("CCHC_YAML_GEN"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	r := rand.New(rand.NewPCG(1, uint64(n)))
	accepted := 0
	for range n {
		if checkFast(t, []byte(genYAML(r)), 1) {
			accepted++
		}
	}
	t.Logf("fast path read %d of %d generated front matters", accepted, n)
}
