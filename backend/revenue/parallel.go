package revenue

import (
	"runtime"
	"sort"
)

// parallelFrom is the invoice count from which the invoices are read in
// parallel; below it one connection is quicker than opening more.
var parallelFrom int64 = 200_000

// splitKeys cuts the subscription ids into as many ranges as there are
// cores (up to 4), at quantiles of the subscriptions export.
func splitKeys(subs []*subRow) []string {
	parts := min(runtime.GOMAXPROCS(0), 4)
	if parts < 2 || len(subs) < 2*parts {
		return nil
	}
	ids := make([]string, len(subs))
	for i, s := range subs {
		ids[i] = s.id
	}
	sort.Strings(ids)
	var keys []string
	for p := 1; p < parts; p++ {
		keys = append(keys, ids[p*len(ids)/parts])
	}
	return keys
}
