package workspace

import (
	"database/sql"
	"sync"
)

// inReaders runs read(i, conn) for i in 0..n-1 side by side: the first on
// the workspace's own connection, the others on read-only connections of
// their own (the workspace keeps a single connection; SQLite lets readers
// run together), so that the biggest reads use both cores. Each sees a
// committed state of the workspace. A copy in memory has one connection:
// the parts run one after another on it.
func (db *DB) inReaders(n int, read func(i int, conn *sql.DB) error) error {
	if n <= 1 || db.readers == "" {
		for i := range n {
			if err := read(i, db.sql); err != nil {
				return err
			}
		}
		return nil
	}
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		conn := db.sql
		if i > 0 {
			ro, err := sql.Open("sqlite3", db.readers)
			if err != nil {
				errs[i] = err
				continue
			}
			defer ro.Close()
			conn = ro
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = read(i, conn)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
