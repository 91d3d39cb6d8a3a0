package workspace

import (
	"database/sql"
	"fmt"
	"strings"
)

// bulkRows is how many records one multi-row INSERT carries.
const bulkRows = 64

// PutMany stores records as Put does, one outcome each, but inserts them
// bulkRows at a time with one multi-row INSERT … ON CONFLICT DO NOTHING
// RETURNING key: far fewer round trips into SQLite on a fresh import. The
// records the INSERT did not take (their key exists) go through Put, which
// tells duplicates from updates.
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
	st, err := b.bulkStmt(s, len(recs))
	if err != nil {
		return err
	}
	args := b.args[:0]
	for _, r := range recs {
		args = append(args, r.Key, b.id, r.Hash)
		args = append(args, r.Vals...)
	}
	b.args = args
	rows, err := st.Query(args...)
	if err != nil {
		return internal("store "+s.t.name, err)
	}
	taken := make(map[string]bool, len(recs))
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			rows.Close()
			return internal("store "+s.t.name, err)
		}
		taken[k] = true
	}
	if err := rows.Close(); err != nil {
		return internal("store "+s.t.name, err)
	}
	for i, r := range recs {
		if taken[r.Key] {
			delete(taken, r.Key) // a second row with the same key was not taken
			out[i] = Inserted
			continue
		}
		if out[i], err = b.PutRow(r); err != nil {
			return err
		}
	}
	return nil
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

// bulkStmt prepares (once per table and size) the multi-row INSERT.
func (b *Batch) bulkStmt(s *stmts, n int) (*sql.Stmt, error) {
	if st := s.bulk[n]; st != nil {
		return st, nil
	}
	all := append([]string{"key", "import_id", "hash"}, s.t.cols...)
	one := "(" + strings.TrimSuffix(strings.Repeat("?,", len(all)), ",") + ")"
	q := fmt.Sprintf("INSERT INTO %s(%s) VALUES %s ON CONFLICT(key) DO NOTHING RETURNING key",
		s.t.name, strings.Join(all, ","), strings.TrimSuffix(strings.Repeat(one+",", n), ","))
	st, err := b.tx.Prepare(q)
	if err != nil {
		return nil, internal("prepare "+s.t.name, err)
	}
	if s.bulk == nil {
		s.bulk = map[int]*sql.Stmt{}
	}
	s.bulk[n] = st
	return st, nil
}
