package workspace

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"keel/backend"
)

// Import is one entry of the import history.
type Import struct {
	ID           int64
	File, Path   string
	Size         int64
	SHA256       string
	Source, Kind string
	At           time.Time
	Counts
	UndoneAt *time.Time
}

// Reject is one rejected row of an import.
type Reject struct {
	Line   int
	Reason string
}

const importCols = "id, file, path, size, sha256, source, kind, at, read, imported, updated, duplicates, rejected, skipped, undone_at"

func scanImport(sc interface{ Scan(...any) error }) (Import, error) {
	var im Import
	var at int64
	var undone sql.NullInt64
	err := sc.Scan(&im.ID, &im.File, &im.Path, &im.Size, &im.SHA256, &im.Source, &im.Kind, &at,
		&im.Read, &im.Imported, &im.Updated, &im.Duplicates, &im.Rejected, &im.Skipped, &undone)
	im.At = time.Unix(at, 0).UTC()
	im.Older = max(0, im.Read-im.Imported-im.Updated-im.Duplicates-im.Rejected-im.Skipped)
	if undone.Valid {
		t := time.Unix(undone.Int64, 0).UTC()
		im.UndoneAt = &t
	}
	return im, err
}

// History lists imports, newest first.
func (db *DB) History() ([]Import, error) {
	rows, err := db.sql.Query("SELECT " + importCols + " FROM imports ORDER BY id DESC")
	if err != nil {
		return nil, internal("read the import history", err)
	}
	defer rows.Close()
	var out []Import
	for rows.Next() {
		im, err := scanImport(rows)
		if err != nil {
			return nil, internal("read the import history", err)
		}
		out = append(out, im)
	}
	return out, rows.Err()
}

// ImportByID returns one history entry.
func (db *DB) ImportByID(id int64) (Import, error) {
	im, err := scanImport(db.sql.QueryRow("SELECT "+importCols+" FROM imports WHERE id = ?", id))
	if err == sql.ErrNoRows {
		return im, backend.Errorf(backend.NotFound, "There is no import number %d in this workspace.", id)
	}
	if err != nil {
		return im, internal("read an import", err)
	}
	return im, nil
}

// Rejects lists the rejected rows of an import, by line; limit <= 0 means all.
func (db *DB) Rejects(id int64, limit int) ([]Reject, error) {
	q := "SELECT line, reason FROM import_rejects WHERE import_id = ? ORDER BY line"
	if limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", limit)
	}
	rows, err := db.sql.Query(q, id)
	if err != nil {
		return nil, internal("read rejected rows", err)
	}
	defer rows.Close()
	var out []Reject
	for rows.Next() {
		var r Reject
		if err := rows.Scan(&r.Line, &r.Reason); err != nil {
			return nil, internal("read rejected rows", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Undo takes an import back out of the workspace: the rows it added leave,
// the rows it changed get their previous values back. It is refused while a
// later import changed the same rows (undo that one first).
func (db *DB) Undo(id int64) error {
	im, err := db.ImportByID(id)
	if err != nil {
		return err
	}
	if im.UndoneAt != nil {
		return backend.Errorf(backend.Conflict, "The import of %s was already undone.", im.File)
	}
	// A rollback journal: the undo of a large import deletes and restores
	// as many rows as it wrote.
	ctx := context.Background()
	conn, done, err := db.rollbackConn(ctx)
	if err != nil {
		return internal("start the undo", err)
	}
	defer done()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return internal("start the undo", err)
	}
	defer tx.Rollback()
	for _, name := range tableNames {
		var later sql.NullInt64
		err := tx.QueryRow(fmt.Sprintf("SELECT MAX(by_import) FROM %s_versions WHERE import_id = ?", name), id).Scan(&later)
		if err != nil {
			return internal("check later imports", err)
		}
		if later.Valid {
			tx.Rollback()
			done() // frees the connection for the lookup below
			other, _ := db.ImportByID(later.Int64)
			return backend.Errorf(backend.Conflict,
				"%s (import %d) changed rows that came from %s. Undo that import first.", other.File, other.ID, im.File)
		}
	}
	note, err := untrack(ctx, tx, id)
	if err != nil {
		return err
	}
	for _, name := range tableNames {
		t := tableByName(name)
		cols := strings.Join(append([]string{"key", "import_id", "hash"}, t.cols...), ",")
		stmts := []string{
			fmt.Sprintf("DELETE FROM %s WHERE import_id = ?", name),
			// OR IGNORE: a version whose row is still there is one the import
			// left as newer than its own (Older; kept once per line), or one
			// a later import changed since.
			fmt.Sprintf("INSERT OR IGNORE INTO %s(%s) SELECT %s FROM %s_versions WHERE by_import = ?", name, cols, cols, name),
			fmt.Sprintf("DELETE FROM %s_versions WHERE by_import = ?", name),
		}
		for _, q := range stmts {
			if _, err := tx.Exec(q, id); err != nil {
				return internal("undo the import", err)
			}
		}
	}
	if _, err := tx.Exec("UPDATE imports SET undone_at = ? WHERE id = ?", db.Now().Unix(), id); err != nil {
		return internal("undo the import", err)
	}
	if err := tx.Commit(); err != nil {
		return internal("undo the import", err)
	}
	done()
	db.publish(note)
	db.forget()
	return nil
}

func tableByName(name string) *table {
	for _, t := range tables {
		if t.name == name {
			return t
		}
	}
	panic("workspace: no table " + name)
}
