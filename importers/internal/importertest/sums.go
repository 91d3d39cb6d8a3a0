package importertest

import (
	"fmt"
	"sort"
	"strings"
)

// Sums counts records by group ("usd paid", "fee") and sums their amounts,
// in minor units, for the totals of a golden summary.
type Sums map[string]*sum

type sum struct {
	n int
	v []int64
}

// Add counts one record in the group key and adds its values.
func (s Sums) Add(key string, vals ...int64) {
	g := s[key]
	if g == nil {
		g = &sum{v: make([]int64, len(vals))}
		s[key] = g
	}
	g.n++
	for i, v := range vals {
		g.v[i] += v
	}
}

// Table renders the groups sorted by key under "totals (<header>):",
// header naming the columns; "" when there are none.
func (s Sums) Table(header string) string {
	if len(s) == 0 {
		return ""
	}
	keys := make([]string, 0, len(s))
	for k := range s {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	fmt.Fprintf(&b, "totals (%s):\n", header)
	for _, k := range keys {
		g := s[k]
		fmt.Fprintf(&b, "  %s: %d", k, g.n)
		for _, v := range g.v {
			fmt.Fprintf(&b, " %d", v)
		}
		b.WriteString("\n")
	}
	return b.String()
}
