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
	st := newValuesStmts(tx)
	defer st.close()
	return st.values(ctx, head, tail, n, vals)
}

// valuesStmts keeps the statements of a run of valuesExec calls prepared:
// writing 360,000 identities 400 at a time prepared (parsed and planned)
// a statement of a thousand parameters twice per 400.
type valuesStmts struct {
	tx *sql.Tx
	m  map[string]*sql.Stmt
}

func newValuesStmts(tx *sql.Tx) *valuesStmts { return &valuesStmts{tx: tx, m: map[string]*sql.Stmt{}} }

func (s *valuesStmts) close() {
	for _, st := range s.m {
		st.Close()
	}
	s.m = nil
}

// maxStmts bounds the statements kept (one per query and row count).
const maxStmts = 16

// values is valuesExec with the statements kept.
func (s *valuesStmts) values(ctx context.Context, head, tail string, n int, vals []any) error {
	const per = 256
	one := "(" + strings.TrimSuffix(strings.Repeat("?,", n), ",") + ")"
	for len(vals) > 0 {
		k := min(len(vals)/n, per)
		args := vals[:k*n]
		vals = vals[k*n:]
		q := head + " VALUES " + strings.TrimSuffix(strings.Repeat(one+",", k), ",") + " " + tail
		st := s.m[q]
		if st == nil {
			var err error
			if st, err = s.tx.PrepareContext(ctx, q); err != nil {
				return err
			}
			if len(s.m) < maxStmts {
				s.m[q] = st
			} else {
				defer st.Close()
			}
		}
		if _, err := st.ExecContext(ctx, args...); err != nil {
			return err
		}
	}
	return nil
}
