package site

import (
	"sort"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// collators are Vietnamese collators; a Collator is not safe for concurrent use.
var collators = sync.Pool{New: func() any { return collate.New(language.Vietnamese) }}

// Compare orders two strings the Vietnamese way (a < ă < â < b < … < d < đ < e < ê …), not by bytes.
func Compare(a, b string) int {
	c := collators.Get().(*collate.Collator)
	defer collators.Put(c)
	return c.CompareString(a, b)
}

// SortStrings sorts s in Vietnamese order.
func SortStrings(s []string) {
	c := collators.Get().(*collate.Collator)
	defer collators.Put(c)
	sort.SliceStable(s, func(i, j int) bool { return c.CompareString(s[i], s[j]) < 0 })
}
