package slug

import (
	"strings"
	"testing"
	"unicode/utf8"

	gosimple "github.com/gosimple/slug"
	"golang.org/x/text/unicode/norm"
)

func TestMake(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		// Examples of the contract.
		{"vietnamese/cai-cach", "Cải cách hành chính", "cai-cach-hanh-chinh"},
		{"vietnamese/dia-phuong", "Địa phương", "dia-phuong"},
		{"vietnamese/all-vowels", "àáảãạ ăằắẳẵặ âầấẩẫậ èéẻẽẹ êềếểễệ ìíỉĩị òóỏõọ ôồốổỗộ ơờớởỡợ ùúủũụ ưừứửữự ỳýỷỹỵ",
			"aaaaa-aaaaaa-aaaaaa-eeeee-eeeeee-iiiii-ooooo-oooooo-oooooo-uuuuu-uuuuuu-yyyyy"},
		{"vietnamese/all-vowels-upper", "ÀÁẢÃẠ ĂẰẮẲẴẶ ÂẦẤẨẪẬ ÈÉẺẼẸ ÊỀẾỂỄỆ ÌÍỈĨỊ ÒÓỎÕỌ ÔỒỐỔỖỘ ƠỜỚỞỠỢ ÙÚỦŨỤ ƯỪỨỬỮỰ ỲÝỶỸỴ",
			"aaaaa-aaaaaa-aaaaaa-eeeee-eeeeee-iiiii-ooooo-oooooo-oooooo-uuuuu-uuuuuu-yyyyy"},
		{"vietnamese/thu-tuc", "Thủ tục hành chính (TTHC): mới, sửa đổi", "thu-tuc-hanh-chinh-tthc-moi-sua-doi"},
		{"vietnamese/bo", "Bộ Tài nguyên và Môi trường", "bo-tai-nguyen-va-moi-truong"},

		// đ and Đ.
		{"d/lower", "đường", "duong"},
		{"d/upper", "ĐƯỜNG", "duong"},
		{"d/mixed", "Đắk Lắk, Điện Biên", "dak-lak-dien-bien"},
		{"d/alone", "đ Đ", "d-d"},

		// Ampersand.
		{"amp/acronym", "TN&MT", "tn-va-mt"},
		{"amp/spaced", "Đất đai & Môi trường", "dat-dai-va-moi-truong"},
		{"amp/alone", "&", "va"},
		{"amp/double", "a&&b", "a-va-va-b"},
		{"amp/edges", "&a&", "va-a-va"},
		{"amp/html-entity-like", "A &amp; B", "a-va-amp-b"},
		{"amp/fullwidth", "TN＆MT", "tn-va-mt"},

		// Empty results.
		{"empty/empty", "", ""},
		{"empty/spaces", "   \t\n ", ""},
		{"empty/bangs", "!!!", ""},
		{"empty/punct", "-_.,;:/\\()[]{}'\"?!", ""},
		{"empty/symbols", "©®™€$%^*+=<>|~`", ""},
		{"empty/emoji", "😀🎉", ""},
		{"empty/marks-only", "\u0301\u0323", ""},

		// Punctuation runs and separators.
		{"punct/trim", "  --Hội nghị--  ", "hoi-nghi"},
		{"punct/runs", "a -- / -- b", "a-b"},
		{"punct/underscore", "snake_case_name", "snake-case-name"},
		{"punct/apostrophe", "That's", "that-s"},
		{"punct/quotes", "“Một cửa” liên thông", "mot-cua-lien-thong"},
		{"punct/dashes", "2020–2025 — kế hoạch", "2020-2025-ke-hoach"},
		{"punct/nbsp", "Hà\u00a0Nội", "ha-noi"},
		{"punct/tabs-newlines", "Hà\tNội\nmới", "ha-noi-moi"},
		{"punct/soft-hyphen-ignored", "hành\u00adchính", "hanhchinh"},
		{"punct/zero-width-ignored", "hành\u200bchính", "hanhchinh"},

		// Digits and codes.
		{"code/decision", "Quyết định 1234/QĐ-BTNMT", "quyet-dinh-1234-qd-btnmt"},
		{"code/procedure", "1.004227", "1-004227"},
		{"code/date", "Ngày 01/07/2024", "ngay-01-07-2024"},
		{"code/decree", "Nghị định số 08/2022/NĐ-CP", "nghi-dinh-so-08-2022-nd-cp"},
		{"code/digits-only", "2024", "2024"},
		{"code/fullwidth", "ＡＢＣ１２３", "abc123"},

		// Upper case.
		{"upper/ascii", "HELLO World", "hello-world"},
		{"upper/vietnamese", "QUYẾT ĐỊNH", "quyet-dinh"},
		{"upper/dotted-I", "İstanbul", "istanbul"},

		// Other Latin letters.
		{"latin/french", "C'est déjà l’été", "c-est-deja-l-ete"},
		{"latin/german", "Straße Ölberg", "strasse-olberg"},
		{"latin/nordic", "Æble Øst Ångström", "aeble-ost-angstrom"},
		{"latin/polish", "Łódź", "lodz"},

		// Other scripts and mixed scripts.
		{"script/cyrillic", "Москва", "moskva"},
		{"script/greek", "Ελληνικά", "ellenika"},
		{"script/chinese", "北京", "bei-jing"},
		{"script/korean", "한국어", "hangugeo"},
		{"script/mixed-vi-zh", "Hà Nội 北京", "ha-noi-bei-jing"},
		{"script/mixed-vi-ru", "Hợp tác Việt – Nga (Россия)", "hop-tac-viet-nga-rossiia"},
		{"script/mixed-no-space", "Tokyo東京abc", "tokyodong-jing-abc"},
		{"script/cyrillic-decomposed", "й", "i"},
		{"script/kelvin-angstrom-signs", "\u212a \u212b", "k-a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Make(tt.in); got != tt.want {
				t.Errorf("Make(%q) = %q, want %q", tt.in, got, tt.want)
			}
			// Every form of the input gives the same slug.
			for _, f := range []norm.Form{norm.NFC, norm.NFD} {
				if got := Make(f.String(tt.in)); got != tt.want {
					t.Errorf("Make(%v(%q)) = %q, want %q", f, tt.in, got, tt.want)
				}
			}
		})
	}
}

// TestMakeNFCvsNFD checks that decomposed input, as produced by some editors
// and by macOS file names, gives exactly the slug of the precomposed input.
func TestMakeNFCvsNFD(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"heading", "Cải cách hành chính", "cai-cach-hanh-chinh"},
		{"d", "Địa phương", "dia-phuong"},
		{"stacked-marks", "Nguyễn Ưởng Ặ ậ ệ", "nguyen-uong-a-a-e"},
		{"decision", "Quyết định 1234/QĐ-BTNMT", "quyet-dinh-1234-qd-btnmt"},
		{"ampersand", "Đất đai & Môi trường", "dat-dai-va-moi-truong"},
		{"cyrillic", "Йошкар-Ола", "ioshkar-ola"},
		{"korean", "한국어", "hangugeo"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nfc, nfd := norm.NFC.String(tt.in), norm.NFD.String(tt.in)
			if nfc == nfd {
				t.Fatalf("test input %q has no decomposable character", tt.in)
			}
			if got := Make(nfc); got != tt.want {
				t.Errorf("Make(NFC %q) = %q, want %q", nfc, got, tt.want)
			}
			if got := Make(nfd); got != tt.want {
				t.Errorf("Make(NFD %q) = %q, want %q", nfd, got, tt.want)
			}
		})
	}
}

// TestMakeMatchesGosimple checks that text of other scripts is transliterated
// exactly like github.com/gosimple/slug does it, ampersands and underscores
// aside.
func TestMakeMatchesGosimple(t *testing.T) {
	tests := []struct{ name, in string }{
		{"russian", "Министерство природных ресурсов и экологии"},
		{"ukrainian", "Київ Їжак"},
		{"greek", "Υπουργείο Περιβάλλοντος"},
		{"chinese", "自然资源部"},
		{"japanese", "環境省 かんきょう カタカナ"},
		{"korean", "환경부 서울"},
		{"thai", "กระทรวงทรัพยากรธรรมชาติ"},
		{"hindi", "पर्यावरण मंत्रालय"},
		{"arabic", "وزارة البيئة"},
		{"hebrew", "משרד הגנת הסביבה"},
		{"khmer", "ក្រសួងបរិស្ថាន"},
		{"lao", "ກະຊວງ"},
		{"mixed", "Hội nghị ASEAN – Россия – 中国 2024"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := gosimple.Make(tt.in)
			if got := Make(tt.in); got != want {
				t.Errorf("Make(%q) = %q, gosimple gives %q", tt.in, got, want)
			}
			if want == "" {
				t.Errorf("gosimple.Make(%q) is empty; pick another example", tt.in)
			}
		})
	}
}

func TestCut(t *testing.T) {
	tests := []struct {
		name string
		in   string
		max  int
		want string
	}{
		{"fits", "cai-cach-hanh-chinh", 100, "cai-cach-hanh-chinh"},
		{"exact-fit", "cai-cach-hanh-chinh", 19, "cai-cach-hanh-chinh"},
		{"boundary-right-after", "cai-cach-hanh-chinh", 13, "cai-cach-hanh"},
		{"boundary-at-dash", "cai-cach-hanh-chinh", 14, "cai-cach-hanh"},
		{"word-boundary", "cai-cach-hanh-chinh", 16, "cai-cach-hanh"},
		{"word-boundary-short", "cai-cach-hanh-chinh", 7, "cai"},
		{"first-word-exact", "cai-cach-hanh-chinh", 3, "cai"},
		{"first-word-longer", "thutuchanhchinh-moi", 5, "thutu"},
		{"single-word-longer", "supercalifragilistic", 5, "super"},
		{"max-one", "abc-def", 1, "a"},
		{"max-zero", "abc-def", 0, ""},
		{"max-negative", "abc-def", -3, ""},
		{"empty", "", 10, ""},
		{"trailing-dash", "abc-", 10, "abc"},
		{"double-dash", "ab--cd-ef", 5, "ab"},
		{"multibyte-cut-inside-rune", "đường-phố", 3, "đ"},
		{"multibyte-cut-on-rune-boundary", "đường-phố", 4, "đư"},
		{"multibyte-word-boundary", "đường-phố-mới", 15, "đường-phố"},
		{"multibyte-word-boundary-short", "đường-phố-mới", 14, "đường"},
		{"multibyte-first-rune-too-long", "đ", 1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Cut(tt.in, tt.max)
			if got != tt.want {
				t.Errorf("Cut(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
			}
			if tt.max >= 0 && len(got) > tt.max {
				t.Errorf("Cut(%q, %d) = %q is longer than %d bytes", tt.in, tt.max, got, tt.max)
			}
			if !utf8.ValidString(got) {
				t.Errorf("Cut(%q, %d) = %q is not valid UTF-8", tt.in, tt.max, got)
			}
			if strings.HasSuffix(got, "-") {
				t.Errorf("Cut(%q, %d) = %q ends with '-'", tt.in, tt.max, got)
			}
		})
	}
}

// TestCutMake checks Cut on real slugs for every max: the result is a prefix
// of whole words of the slug unless the first word alone is too long.
func TestCutMake(t *testing.T) {
	s := Make("Thủ tục hành chính (TTHC): mới, sửa đổi, bổ sung")
	words := strings.Split(s, "-")
	for max := 0; max <= len(s)+1; max++ {
		got := Cut(s, max)
		if len(got) > max {
			t.Fatalf("Cut(%q, %d) = %q is too long", s, max, got)
		}
		if max < len(words[0]) {
			if got != s[:max] {
				t.Errorf("Cut(%q, %d) = %q, want %q", s, max, got, s[:max])
			}
			continue
		}
		// Longest prefix of whole words that fits.
		want := words[0]
		for _, w := range words[1:] {
			if len(want)+1+len(w) > max {
				break
			}
			want += "-" + w
		}
		if got != want {
			t.Errorf("Cut(%q, %d) = %q, want %q", s, max, got, want)
		}
	}
}

// checkSlug reports why s is not a well-formed slug, or "" if it is.
func checkSlug(s string) string {
	if s == "" {
		return ""
	}
	if s[0] == '-' || s[len(s)-1] == '-' {
		return "leading or trailing '-'"
	}
	if strings.Contains(s, "--") {
		return "double '-'"
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return "byte outside [a-z0-9-]"
		}
	}
	return ""
}

func FuzzMake(f *testing.F) {
	seeds := []string{
		"Cải cách hành chính",
		"Địa phương",
		"Quyết định 1234/QĐ-BTNMT",
		"1.004227",
		"  --Hội nghị--  ",
		"!!!",
		"Thủ tục hành chính (TTHC): mới, sửa đổi",
		"Đất đai & Môi trường",
		"TN&MT",
		"Nguyễn Ưởng Ặ ậ ệ",
		"Hà Nội 北京 Москва 한국어",
		"Йошкар-Ола",
		"hành\u00adchính",
		"\u212a\u0301",
		"",
	}
	for _, s := range seeds {
		f.Add(norm.NFC.String(s))
		f.Add(norm.NFD.String(s))
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Make(s)
		if why := checkSlug(got); why != "" {
			t.Fatalf("Make(%q) = %q: %s", s, got, why)
		}
		nfc, nfd := Make(norm.NFC.String(s)), Make(norm.NFD.String(s))
		if nfc != nfd {
			t.Fatalf("Make(NFC(%q)) = %q, Make(NFD) = %q", s, nfc, nfd)
		}
		if utf8.ValidString(s) && got != nfc {
			t.Fatalf("Make(%q) = %q, Make(NFC) = %q", s, got, nfc)
		}
		if again := Make(got); again != got {
			t.Fatalf("Make(Make(%q)) = %q, want %q", s, again, got)
		}
		for _, max := range []int{1, 5, 20, 80} {
			c := Cut(got, max)
			if len(c) > max || !strings.HasPrefix(got, c) || checkSlug(c) != "" {
				t.Fatalf("Cut(%q, %d) = %q", got, max, c)
			}
		}
	})
}

var headings = []string{
	"Cải cách hành chính",
	"Thủ tục hành chính (TTHC): mới, sửa đổi, bổ sung",
	"Quyết định 1234/QĐ-BTNMT ngày 15/06/2024 của Bộ trưởng Bộ Tài nguyên và Môi trường",
	"Đất đai & Môi trường",
	"Cơ sở dữ liệu quốc gia về thủ tục hành chính",
	"Hướng dẫn thực hiện dịch vụ công trực tuyến toàn trình",
	"Kết quả đánh giá chỉ số hài lòng của người dân, tổ chức",
	"1.004227 - Cấp giấy phép khai thác tài nguyên nước",
	"Địa phương",
	"Tổng kết công tác năm 2024 và phương hướng nhiệm vụ năm 2025",
}

func BenchmarkMake(b *testing.B) {
	n := 0
	for _, h := range headings {
		n += len(h)
	}
	b.SetBytes(int64(n / len(headings)))
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		Make(headings[i%len(headings)])
	}
}

// BenchmarkMakeNFD measures decomposed input, which also stays on the fast path.
func BenchmarkMakeNFD(b *testing.B) {
	nfd := make([]string, len(headings))
	for i, h := range headings {
		nfd[i] = norm.NFD.String(h)
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		Make(nfd[i%len(nfd)])
	}
}

// BenchmarkGosimple is the reference: gosimple/slug on the same headings.
func BenchmarkGosimple(b *testing.B) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		gosimple.Make(headings[i%len(headings)])
	}
}
