package workspace

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"

	"keel/backend"
)

// Outcome says what storing one record did.
type Outcome int

const (
	Inserted  Outcome = iota // a new row
	Updated                  // the row existed with other values; the old version is kept for undo
	Duplicate                // the row existed with the same values: nothing changed
)

// ImportMeta describes the file being imported.
type ImportMeta struct {
	File, Path   string
	Size         int64
	SHA256       string
	Source, Kind string
}

// Counts are the rows of one import by outcome.
type Counts struct {
	Read, Imported, Updated, Duplicates, Rejected, Skipped int
	// Older counts the rows older than what the workspace has, which kept
	// the newer (newer.go). The history stores no column of its own for
	// them: every row read has one outcome, so they are the rest.
	Older int
}

// Batch is one import in progress: everything it writes is in one
// transaction, so a file imports whole or not at all.
type Batch struct {
	db      *DB
	conn    *sql.Conn
	tx      *sql.Tx
	id      int64
	idArg   any  // id as a statement argument, boxed once
	fnv     bool // rows are fingerprinted with FNV-1a (workspaces from before 0007_row_hash)
	box     boxer
	stmts   map[string]*stmts
	args    []driver.NamedValue  // reused by PutMany
	changes driver.Stmt          // SELECT changes(), last_insert_rowid() on the driver connection
	current map[string]*sql.Stmt // a stored row's values by key, by table (newer.go)
	links   *tracker             // the identities of the rows (accounts_track.go); nil while they wait for a full sum
	done    func()               // gives the connection back (rollbackConn)
}

type stmts struct {
	t                                   *table
	insert, lookup, saveVersion, update *sql.Stmt
	bulk, probe                         map[int]driver.Stmt // PutMany's INSERT and settle's SELECT, by rows per statement, on the driver connection
	top                                 int64               // the table's highest rowid, once topKnown
	topKnown                            bool
	probeFirst                          bool // the last run of this table took no row (see probeRun)
}

// BeginImport starts an import and records it in the history (visible only
// once committed). It runs with a rollback journal (rollbackConn).
func (db *DB) BeginImport(ctx context.Context, m ImportMeta) (*Batch, error) {
	conn, done, err := db.rollbackConn(ctx)
	if err != nil {
		return nil, internal("start the import", err)
	}
	b := &Batch{db: db, conn: conn, stmts: map[string]*stmts{}, done: done}
	b.tx, err = conn.BeginTx(ctx, nil)
	if err != nil {
		b.release()
		return nil, internal("start the import", err)
	}
	res, err := b.tx.Exec(`INSERT INTO imports(file, path, size, sha256, source, kind, at) VALUES(?,?,?,?,?,?,?)`,
		m.File, m.Path, m.Size, m.SHA256, m.Source, m.Kind, db.Now().Unix())
	if err != nil {
		b.Rollback()
		return nil, internal("record the import", err)
	}
	b.id, _ = res.LastInsertId()
	b.idArg = b.id
	var algo string
	if err := b.tx.QueryRow("SELECT value FROM settings WHERE key = 'row_hash'").Scan(&algo); err != nil && !errors.Is(err, sql.ErrNoRows) {
		b.Rollback()
		return nil, internal("read the row fingerprint", err)
	}
	b.fnv = algo == "fnv64a"
	if b.links, err = track(ctx, b.tx, b.id); err != nil {
		b.Rollback()
		return nil, err
	}
	if b.links != nil {
		b.links.start()
	}
	return b, nil
}

// release puts the connection back in WAL mode and returns it to the pool.
func (b *Batch) release() {
	if b.conn == nil {
		return
	}
	b.done()
	b.conn = nil
}

// ID is the import's id in the history.
func (b *Batch) ID() int64 { return b.id }

func (b *Batch) prepare(kind string) (*stmts, error) {
	if s, ok := b.stmts[kind]; ok {
		return s, nil
	}
	t, ok := tables[kind]
	if !ok {
		return nil, backend.Errorf(backend.Internal, "no table for records of kind %q", kind)
	}
	all := append([]string{"key", "import_id", "hash"}, t.cols...)
	marks := strings.TrimSuffix(strings.Repeat("?,", len(all)), ",")
	sets := make([]string, 0, len(all)-1)
	for _, c := range all[1:] {
		sets = append(sets, c+" = ?")
	}
	s := &stmts{t: t}
	var err error
	prep := func(q string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var st *sql.Stmt
		st, err = b.tx.Prepare(q)
		return st
	}
	s.insert = prep(fmt.Sprintf("INSERT INTO %s(%s) VALUES(%s) ON CONFLICT(key) DO NOTHING", t.name, strings.Join(all, ","), marks))
	lookup := "hash, import_id"
	if lt := linkTables[t.name]; lt != nil {
		lookup += ", " + strings.Join(lt.cols, ", ")
	}
	s.lookup = prep(fmt.Sprintf("SELECT %s FROM %s WHERE key = ?", lookup, t.name))
	s.saveVersion = prep(fmt.Sprintf("INSERT INTO %s_versions SELECT ?, * FROM %s WHERE key = ?", t.name, t.name))
	s.update = prep(fmt.Sprintf("UPDATE %s SET %s WHERE key = ?", t.name, strings.Join(sets, ", ")))

	if err != nil {
		return nil, internal("prepare "+t.name, err)
	}
	b.stmts[kind] = s
	return s, nil
}

// Put stores one record: inserts it, or updates the row with the same key
// when its values changed (keeping the old version for undo), or does
// nothing when it is a duplicate.
func (b *Batch) Put(r backend.Record) (Outcome, error) {
	row, err := b.NewRow(r)
	if err != nil {
		return 0, err
	}
	return b.PutRow(row)
}

// PutRow is Put for a prepared row.
func (b *Batch) PutRow(r Row) (Outcome, error) {
	s, err := b.prepare(r.Kind)
	if err != nil {
		return 0, err
	}
	args := make([]any, 0, len(r.Vals)+3)
	args = append(args, r.Key, b.id, r.Hash)
	args = append(args, r.Vals...)
	res, err := s.insert.Exec(args...)
	if err != nil {
		return 0, internal("store a "+r.Kind, err)
	}
	if n, _ := res.RowsAffected(); n == 1 {
		if s.topKnown {
			s.top, _ = res.LastInsertId()
		}
		b.track(s, r)
		return Inserted, nil
	}
	var oldHash, oldImport int64
	var old [8]any // the stored row's link columns
	dest := []any{&oldHash, &oldImport}
	if lt := linkTables[s.t.name]; lt != nil {
		for i := range lt.cols {
			dest = append(dest, &old[i])
		}
	}
	if err := s.lookup.QueryRow(r.Key).Scan(dest...); err != nil {
		return 0, internal("look up a "+r.Kind, err)
	}
	if oldHash == r.Hash {
		return Duplicate, nil
	}
	// A row written earlier in this same import is simply overwritten: its
	// undo deletes it anyway.
	if oldImport != b.id {
		older, err := b.olderThanStored(s.t, r)
		if err != nil {
			return 0, err
		}
		// The stored version is kept for undo either way: a row this import
		// found newer stays, but undoing the import that wrote it must wait
		// for this one (its undo puts back only what is missing).
		if _, err := s.saveVersion.Exec(b.id, r.Key); err != nil {
			return 0, internal("keep the old version of a "+r.Kind, err)
		}
		if older {
			return Older, nil // the row stays its import's: its identities are as they were
		}
	}
	if b.links != nil {
		b.links.replaced(s.t.name, oldImport, old[:len(dest)-2], r.Vals)
	}
	if _, err := s.update.Exec(append(args[1:], r.Key)...); err != nil {
		return 0, internal("update a "+r.Kind, err)
	}
	return Updated, nil
}

// track sums a row the batch inserted into its identities.
func (b *Batch) track(s *stmts, r Row) {
	if b.links != nil {
		b.links.inserted(s.t.name, r.Vals)
	}
}

// Reject records a row that could not be imported.
func (b *Batch) Reject(line int, reason string) error {
	_, err := b.tx.Exec("INSERT INTO import_rejects(import_id, line, reason) VALUES(?,?,?)", b.id, line, reason)
	if err != nil {
		return internal("record a rejected row", err)
	}
	return nil
}

// Commit makes the import visible with its counts.
func (b *Batch) Commit(c Counts) error {
	_, err := b.tx.Exec(`UPDATE imports SET read=?, imported=?, updated=?, duplicates=?, rejected=?, skipped=? WHERE id=?`,
		c.Read, c.Imported, c.Updated, c.Duplicates, c.Rejected, c.Skipped, b.id)
	if err != nil {
		b.Rollback()
		return internal("finish the import", err)
	}
	if b.links != nil {
		if err := b.links.commit(context.Background()); err != nil {
			b.Rollback()
			return err
		}
	}
	b.closeStmts()
	err = b.tx.Commit()
	b.release()
	if err != nil {
		return internal("commit the import", err)
	}
	if b.links != nil {
		b.db.publish(b.links.note)
	}
	b.db.forget()
	return nil
}

// Rollback abandons the import: the workspace is as it was before.
func (b *Batch) Rollback() {
	if b.links != nil {
		b.links.wait()
	}
	b.closeStmts()
	b.tx.Rollback()
	b.release()
}

func (b *Batch) closeStmts() {
	for _, s := range b.stmts {
		for _, st := range []*sql.Stmt{s.insert, s.lookup, s.saveVersion, s.update} {
			st.Close()
		}
		if len(s.bulk)+len(s.probe) > 0 {
			b.conn.Raw(func(any) error {
				for _, st := range s.bulk {
					st.Close()
				}
				for _, st := range s.probe {
					st.Close()
				}
				return nil
			})
		}
	}
	for _, st := range b.current {
		st.Close()
	}
	b.current = nil
	if b.changes != nil {
		b.conn.Raw(func(any) error { return b.changes.Close() })
		b.changes = nil
	}
	b.stmts = map[string]*stmts{}
}

// SetSHA256 records the file's digest once it has been read whole.
func (b *Batch) SetSHA256(sum string) error {
	if _, err := b.tx.Exec("UPDATE imports SET sha256 = ? WHERE id = ?", sum, b.id); err != nil {
		return internal("record the file digest", err)
	}
	return nil
}
