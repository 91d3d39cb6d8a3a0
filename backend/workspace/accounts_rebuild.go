package workspace

import (
	"context"
	"database/sql"
)

// LinksStale reports whether the identities must be summed again from
// every row (RebuildLinks): the time zone or the core events changed since
// they were summed, or the workspace is from before migration 0008.
func (db *DB) LinksStale(ctx context.Context) (bool, error) {
	var have string
	if err := db.sql.QueryRowContext(ctx, "SELECT basis FROM link_state WHERE id = 1").Scan(&have); err != nil {
		return false, internal("read the link state", err)
	}
	basis, _, _, err := linkBasis(ctx, db.sql)
	return basis != have, err
}

// RebuildLinks sums every identity again from every row, one import at a
// time, keeping what each identity is linked to. It reads every row
// (seconds on millions of events): imports and undos keep the identities
// in step otherwise.
func (db *DB) RebuildLinks(ctx context.Context) error {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return internal("start summing the identities", err)
	}
	defer tx.Rollback()
	basis, loc, core, err := linkBasis(ctx, tx)
	if err != nil {
		return err
	}
	names, err := loadEventNames(ctx, tx)
	if err != nil {
		return err
	}
	for _, q := range []string{"DELETE FROM link_parts", "UPDATE link_idents SET rows = 0, emails = '', created = 0, import_id = 0, data = x''"} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return internal("clear the identities", err)
		}
	}
	imps, err := importIDs(ctx, tx)
	if err != nil {
		return err
	}
	w := &identWriter{st: newValuesStmts(tx)}
	defer w.st.close()
	for _, imp := range imps {
		ts := newTallies(imp, loc, core, names)
		if err := sumRows(ctx, tx, "import_id = ?", []any{imp}, ts); err != nil {
			return err
		}
		ts.each(func(k identKey, id *Ident) { w.part(k, imp, id) })
		if err := w.flush(ctx); err != nil {
			return err
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	if err := names.save(ctx, tx); err != nil {
		return err
	}
	if err := sumParts(ctx, tx); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE link_state SET basis = ? WHERE id = 1", basis); err != nil {
		return internal("save the link state", err)
	}
	if err := tx.Commit(); err != nil {
		return internal("save the identities", err)
	}
	db.forget()
	return nil
}

func importIDs(ctx context.Context, q querier) ([]int64, error) {
	rows, err := q.QueryContext(ctx, "SELECT id FROM imports WHERE undone_at IS NULL ORDER BY id")
	if err != nil {
		return nil, internal("read the imports", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, internal("read the imports", err)
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// sumParts writes every identity as the sum of its parts, in key order,
// a few thousand at a time.
func sumParts(ctx context.Context, tx *sql.Tx) error {
	var gen int64
	if err := tx.QueryRowContext(ctx, "UPDATE link_state SET gen = gen + 1 WHERE id = 1 RETURNING gen").Scan(&gen); err != nil {
		return internal("write identities", err)
	}
	// Every identity is rewritten: the ones without parts any more too.
	if _, err := tx.ExecContext(ctx, "UPDATE link_idents SET changed = ?", gen); err != nil {
		return internal("write identities", err)
	}
	after := identKey{}
	for {
		rows, err := tx.QueryContext(ctx, `SELECT ident, test, import_id, data FROM link_parts
			WHERE (ident, test) > (?, ?) ORDER BY ident, test, import_id LIMIT 20000`, after.key, after.test)
		if err != nil {
			return internal("read identities", err)
		}
		sums := map[identKey]*Ident{}
		imps := map[identKey][]int64{}
		var last identKey
		n := 0
		for rows.Next() {
			var k identKey
			var imp int64
			var data []byte
			if err := rows.Scan(&k.key, &k.test, &imp, &data); err != nil {
				rows.Close()
				return internal("read identities", err)
			}
			id, err := decodeIdent(data)
			if err != nil {
				rows.Close()
				return internal("read identity "+k.key, err)
			}
			if sums[k] == nil {
				sums[k] = &Ident{}
			}
			sums[k].Add(id, imp)
			imps[k] = append(imps[k], imp)
			last = k
			n++
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return internal("read identities", err)
		}
		if n == 0 {
			return nil
		}
		if n == 20000 {
			// The last identity may go on in the next page: sum it there.
			delete(sums, last)
			if len(sums) == 0 {
				return internal("read identities", errBlob) // one identity with 20,000 parts
			}
			for k := range sums {
				if k.key > after.key || k.key == after.key && k.test && !after.test {
					after = k
				}
			}
		}
		w := &identWriter{gen: gen, st: newValuesStmts(tx)}
		for _, k := range keysOf(sums) {
			single := int64(0)
			if len(imps[k]) == 1 {
				single = imps[k][0]
				w.dropAll(k) // an identity of one import keeps no part
			}
			w.ident(k, sums[k], single)
		}
		err = w.flush(ctx)
		w.st.close()
		if err != nil {
			return err
		}
		if n < 20000 {
			return nil
		}
	}
}
