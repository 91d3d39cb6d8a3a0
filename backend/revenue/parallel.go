package revenue

import (
	"database/sql"
	"net/url"
	"runtime"
	"sort"
	"sync"

	"keel/backend/workspace"
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

// inParallel runs read over the subscription-id ranges that splits cut:
// [“”, splits[0]), [splits[0], splits[1]), … [splits[n-1], ∞). The
// workspace keeps a single connection, so the extra ranges are read through
// read-only connections of their own: SQLite in WAL mode lets readers run
// side by side, which halves the biggest query of a large workspace on two
// cores. Each range sees a committed state of the workspace; an import
// committing in between can at worst show up in some ranges only until the
// next computation.
func inParallel(db *workspace.DB, splits []string, read func(conn *sql.DB, from, to string, last bool) error) error {
	if len(splits) == 0 {
		return read(db.SQL(), "", "", true)
	}
	bounds := append(append([]string{""}, splits...), "")
	errs := make([]error, len(bounds)-1)
	var wg sync.WaitGroup
	for i := 0; i+1 < len(bounds); i++ {
		conn := db.SQL()
		if i > 0 {
			ro, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: db.Path()}).EscapedPath()+"?mode=ro&_busy_timeout=5000")
			if err != nil {
				errs[i] = err
				continue
			}
			defer ro.Close()
			conn = ro
		}
		wg.Add(1)
		go func(i int, conn *sql.DB) {
			defer wg.Done()
			errs[i] = read(conn, bounds[i], bounds[i+1], i == len(bounds)-2)
		}(i, conn)
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
