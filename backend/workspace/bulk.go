package workspace

import (
	"context"
	"database/sql/driver"
	"fmt"
	"strings"

	"keel/backend"
)

// bulkRows is how many records one multi-row INSERT carries.
const bulkRows = 256

// PutMany stores records as Put does, one outcome each, but inserts them
// bulkRows at a time with one multi-row INSERT OR IGNORE: far fewer round
// trips into SQLite on a fresh import. When the INSERT takes fewer rows
// than it was given, the rows it did take are the ones past the table's
// previous highest rowid; the others (their key exists, or a value broke a
// constraint) go through Put, which tells duplicates from updates and
// reports the broken constraint.
//
// OR IGNORE rather than ON CONFLICT DO NOTHING: a multi-row statement that
// may abort halfway keeps a statement journal, a copy of every page it
// touches (three times the file's bytes written on a large import); one
// that can only skip rows keeps none.
func (b *Batch) PutMany(recs []Row) ([]Outcome, error) {
	out := make([]Outcome, len(recs))
	for start := 0; start < len(recs); start += bulkRows {
		end := min(start+bulkRows, len(recs))
		if err := b.putRun(recs[start:end], out[start:end]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (b *Batch) putRun(recs []Row, out []Outcome) error {
	kind := recs[0].Kind
	for _, r := range recs {
		if r.Kind != kind {
			return b.putEach(recs, out)
		}
	}
	s, err := b.prepare(kind)
	if err != nil {
		return err
	}
	if !s.topKnown {
		if err := b.tx.QueryRow("SELECT coalesce(max(rowid), 0) FROM " + s.t.name).Scan(&s.top); err != nil {
			return internal("read "+s.t.name, err)
		}
		s.topKnown = true
	}
	args := b.args[:0]
	for _, r := range recs {
		k, h := r.key, r.hash
		if k == nil { // a Row made without NewRow
			k, h = r.Key, r.Hash
		}
		args = b.arg(b.arg(b.arg(args, k), b.idArg), h)
		for _, v := range r.Vals {
			args = b.arg(args, v)
		}
	}
	b.args = args
	before := s.top
	taken, last, err := b.execBulk(s, len(recs), args)
	if err != nil {
		return internal("store "+s.t.name, err)
	}
	if taken > 0 {
		s.top = last
	}
	if taken == int64(len(recs)) {
		for i := range out {
			out[i] = Inserted
		}
		return nil
	}
	return b.settle(s, recs, out, before)
}

// settle gives each row of a multi-row INSERT that did not take them all
// its outcome, reading the stored fingerprint and rowid of every row's key
// in one query: a row past the table's previous highest rowid was just
// inserted, one stored before with the same fingerprint is a duplicate (an
// overlapping export is mostly those: one query per run of rows instead of
// two per row), and the rest (changed rows, a key repeated within the run,
// a broken constraint) go through PutRow.
func (b *Batch) settle(s *stmts, recs []Row, out []Outcome, before int64) error {
	keys := append(make([]byte, 0, 64*len(recs)), '[')
	for i, r := range recs {
		if i > 0 {
			keys = append(keys, ',')
		}
		keys = backend.AppendJSONString(keys, r.Key)
	}
	keys = append(keys, ']')
	type stored struct{ hash, rowid int64 }
	found := make(map[string]stored, len(recs))
	rows, err := b.tx.Query("SELECT key, hash, rowid FROM "+s.t.name+" WHERE key IN (SELECT value FROM json_each(?))", string(keys))
	if err != nil {
		return internal("store "+s.t.name, err)
	}
	for rows.Next() {
		var k string
		var st stored
		if err := rows.Scan(&k, &st.hash, &st.rowid); err != nil {
			rows.Close()
			return internal("store "+s.t.name, err)
		}
		found[k] = st
	}
	if err := rows.Close(); err != nil {
		return internal("store "+s.t.name, err)
	}
	seen := make(map[string]bool, len(recs))
	for i, r := range recs {
		st, ok := found[r.Key]
		first := !seen[r.Key]
		seen[r.Key] = true
		switch {
		case ok && first && st.rowid > before:
			out[i] = Inserted
		case ok && first && st.hash == r.Hash:
			out[i] = Duplicate
		default:
			if out[i], err = b.PutRow(r); err != nil {
				return err
			}
		}
	}
	return nil
}

// arg appends a statement argument as the driver takes it.
func (b *Batch) arg(args []driver.NamedValue, v any) []driver.NamedValue {
	return append(args, driver.NamedValue{Ordinal: len(args) + 1, Value: v})
}

func (b *Batch) putEach(recs []Row, out []Outcome) error {
	for i, r := range recs {
		o, err := b.PutRow(r)
		if err != nil {
			return err
		}
		out[i] = o
	}
	return nil
}

// execBulk runs the multi-row INSERT for n rows on the driver connection
// itself: database/sql's per-argument checks cost as much as SQLite's
// insert on a large file, and the values are already driver values (see
// NewRow). It returns how many rows were inserted and the last rowid.
func (b *Batch) execBulk(s *stmts, n int, args []driver.NamedValue) (taken, last int64, err error) {
	err = b.conn.Raw(func(dc any) error {
		st := s.bulk[n]
		if st == nil {
			all := append([]string{"key", "import_id", "hash"}, s.t.cols...)
			one := "(" + strings.TrimSuffix(strings.Repeat("?,", len(all)), ",") + ")"
			q := fmt.Sprintf("INSERT OR IGNORE INTO %s(%s) VALUES %s",
				s.t.name, strings.Join(all, ","), strings.TrimSuffix(strings.Repeat(one+",", n), ","))
			var err error
			if st, err = dc.(driver.ConnPrepareContext).PrepareContext(context.Background(), q); err != nil {
				return err
			}
			if s.bulk == nil {
				s.bulk = map[int]driver.Stmt{}
			}
			s.bulk[n] = st
		}
		// The query path binds every argument in one call into SQLite (the
		// exec path makes one per argument); a context without Done keeps
		// the driver from starting a goroutine per statement, and the
		// pipeline checks for cancellation between chunks.
		ctx := context.Background()
		rows, err := st.(driver.StmtQueryContext).QueryContext(ctx, args)
		if err != nil {
			return err
		}
		if err := rows.Close(); err != nil {
			return err
		}
		if b.changes == nil {
			if b.changes, err = dc.(driver.ConnPrepareContext).PrepareContext(ctx, "SELECT changes(), last_insert_rowid()"); err != nil {
				return err
			}
		}
		if rows, err = b.changes.(driver.StmtQueryContext).QueryContext(ctx, nil); err != nil {
			return err
		}
		got := make([]driver.Value, 2)
		err = rows.Next(got)
		rows.Close()
		if err != nil {
			return err
		}
		taken, last = got[0].(int64), got[1].(int64)
		return nil
	})
	return taken, last, err
}
