package workspace

import (
	"context"
	"database/sql/driver"
	"fmt"
	"io"
	"strings"
)

// bulkRows is how many records one multi-row INSERT carries.
const bulkRows = 256

// PutMany stores records as Put does, one outcome each, but inserts them
// bulkRows at a time with one multi-row INSERT OR IGNORE: far fewer round
// trips into SQLite on a fresh import. When the INSERT takes fewer rows
// than it was given, the rows it did take are the ones past the table's
// previous highest rowid; the others (their key exists, or a value broke a
// constraint) are looked up together, and those that are not plain
// duplicates go through PutRow, which keeps old versions of changed rows
// and reports a broken constraint. A file that repeats stored rows is
// looked up before it is inserted (probeRun).
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
	if s.probeFirst {
		return b.probeRun(s, recs, out)
	}
	return b.insertRun(s, recs, out)
}

// insertRun inserts the rows in one statement, then settles those it did
// not take. A run that took none makes the next runs look their keys up
// first (probeRun): the file repeats what the workspace holds.
func (b *Batch) insertRun(s *stmts, recs []Row, out []Outcome) error {
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
	if len(recs) == bulkRows {
		s.probeFirst = taken == 0
	}
	if taken == int64(len(recs)) {
		for i := range out {
			out[i] = Inserted
			b.track(s, recs[i])
		}
		return nil
	}
	found, err := b.probe(s, recs)
	if err != nil {
		return err
	}
	first := firstOfKey(recs)
	for i, r := range recs {
		st, ok := found[r.Key]
		switch {
		case ok && first[i] && st.rowid > before:
			out[i] = Inserted
			b.track(s, r)
		case ok && first[i] && st.hash == r.Hash:
			out[i] = Duplicate
		default: // changed, a key repeated in the run, or a broken constraint
			if out[i], err = b.PutRow(r); err != nil {
				return err
			}
		}
	}
	return nil
}

// probeRun looks the rows' keys up first, when the file has been repeating
// stored rows: the duplicates cost one lookup each instead of a refused
// insert and a lookup, and only the rows with new keys are inserted. Once
// most keys of a run are new, the next runs insert first again.
func (b *Batch) probeRun(s *stmts, recs []Row, out []Outcome) error {
	found, err := b.probe(s, recs)
	if err != nil {
		return err
	}
	var fresh []Row          // first rows of new keys, inserted together
	var freshAt, later []int // their places, and those of the rows left for PutRow
	first := firstOfKey(recs)
	for i, r := range recs {
		st, ok := found[r.Key]
		switch {
		case !ok && first[i]:
			fresh, freshAt = append(fresh, r), append(freshAt, i)
		case ok && first[i] && st.hash == r.Hash:
			out[i] = Duplicate
		default:
			later = append(later, i)
		}
	}
	if len(fresh) > 0 {
		fout := make([]Outcome, len(fresh))
		if err := b.insertRun(s, fresh, fout); err != nil {
			return err
		}
		for j, i := range freshAt {
			out[i] = fout[j]
		}
	}
	for _, i := range later { // after the new keys: a repeat of one is compared with it
		if out[i], err = b.PutRow(recs[i]); err != nil {
			return err
		}
	}
	s.probeFirst = len(found) >= len(recs)/2
	return nil
}

// firstOfKey tells which rows are the first of their key in recs: a later
// one is compared with it, not with what was stored.
func firstOfKey(recs []Row) []bool {
	first := make([]bool, len(recs))
	seen := make(map[string]bool, len(recs))
	for i, r := range recs {
		first[i] = !seen[r.Key]
		seen[r.Key] = true
	}
	return first
}

// stored is what probe reads of a stored row.
type stored struct{ hash, rowid int64 }

// probe reads the stored fingerprint and rowid of the rows' keys in one
// query on the driver connection: an overlapping export is mostly
// duplicates, which this tells apart without a query per row.
func (b *Batch) probe(s *stmts, recs []Row) (map[string]stored, error) {
	found := make(map[string]stored, len(recs))
	args := b.args[:0]
	for _, r := range recs {
		args = b.arg(args, r.Key)
	}
	b.args = args
	err := b.conn.Raw(func(dc any) error {
		st, err := driverStmt(dc, &s.probe, len(recs), func(n int) string {
			return fmt.Sprintf("SELECT key, hash, rowid FROM %s WHERE key IN (%s)", s.t.name,
				strings.TrimSuffix(strings.Repeat("?,", n), ","))
		})
		if err != nil {
			return err
		}
		rows, err := st.(driver.StmtQueryContext).QueryContext(context.Background(), args)
		if err != nil {
			return err
		}
		defer rows.Close()
		got := make([]driver.Value, 3)
		for {
			if err := rows.Next(got); err == io.EOF {
				return nil
			} else if err != nil {
				return err
			}
			k, _ := got[0].(string)
			h, _ := got[1].(int64)
			id, _ := got[2].(int64)
			found[k] = stored{h, id}
		}
	})
	if err != nil {
		return nil, internal("store "+s.t.name, err)
	}
	return found, nil
}

// driverStmt is the statement for n rows from cache, prepared on the
// driver connection dc the first time.
func driverStmt(dc any, cache *map[int]driver.Stmt, n int, query func(n int) string) (driver.Stmt, error) {
	if st := (*cache)[n]; st != nil {
		return st, nil
	}
	st, err := dc.(driver.ConnPrepareContext).PrepareContext(context.Background(), query(n))
	if err != nil {
		return nil, err
	}
	if *cache == nil {
		*cache = map[int]driver.Stmt{}
	}
	(*cache)[n] = st
	return st, nil
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
		st, err := driverStmt(dc, &s.bulk, n, func(n int) string {
			all := append([]string{"key", "import_id", "hash"}, s.t.cols...)
			one := "(" + strings.TrimSuffix(strings.Repeat("?,", len(all)), ",") + ")"
			return fmt.Sprintf("INSERT OR IGNORE INTO %s(%s) VALUES %s",
				s.t.name, strings.Join(all, ","), strings.TrimSuffix(strings.Repeat(one+",", n), ","))
		})
		if err != nil {
			return err
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
