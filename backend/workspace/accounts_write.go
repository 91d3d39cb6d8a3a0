package workspace

import (
	"context"
	"database/sql"
	"strings"
)

// valuesExec runs head + "VALUES (?,…),(?,…)…" + tail over rows of n values
// each (vals, flattened), many rows per statement: linking 50,000
// customers one statement per row waited on a quarter of a million round
// trips into SQLite.
func valuesExec(ctx context.Context, tx *sql.Tx, head, tail string, n int, vals []any) error {
	const per = 256
	one := "(" + strings.TrimSuffix(strings.Repeat("?,", n), ",") + ")"
	var full *sql.Stmt // the statement for per rows, prepared once
	defer func() {
		if full != nil {
			full.Close()
		}
	}()
	for len(vals) > 0 {
		k := min(len(vals)/n, per)
		args := vals[:k*n]
		vals = vals[k*n:]
		q := head + " VALUES " + strings.TrimSuffix(strings.Repeat(one+",", k), ",") + " " + tail
		var err error
		if k == per {
			if full == nil {
				if full, err = tx.PrepareContext(ctx, q); err != nil {
					return err
				}
			}
			_, err = full.ExecContext(ctx, args...)
		} else {
			_, err = tx.ExecContext(ctx, q, args...)
		}
		if err != nil {
			return err
		}
	}
	return nil
}
