// Package workspace stores a Keel workspace: one SQLite file (*.keel) in WAL
// mode with foreign keys on, schema migrations embedded and applied in order
// (each in a transaction, after a backup copy), mode 0600, and a lock so
// that only one Keel process opens it at a time. Imports (batch.go) write
// through a rollback journal without foreign-key checks, in multi-row
// INSERTs on the driver connection (bulk.go), which is what lets a large
// import keep up with `sqlite3 .import`.
package workspace

import (
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"

	_ "github.com/mattn/go-sqlite3" // the SQLite driver

	"keel/backend"
	"keel/backend/clock"
)

// DB is an open workspace.
type DB struct {
	sql  *sql.DB
	path string
	lock *os.File
	// Now is the clock (backend/clock: KEEL_TODAY moves it); tests fix it.
	Now  func() time.Time
	memo memo
}

// Ext is the workspace file extension.
const Ext = ".keel"

// Create makes a new, empty workspace at path named name. It refuses to
// overwrite an existing file.
func Create(path, name string) (*DB, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return nil, backend.Errorf(backend.Conflict, "%s already exists; open it instead, or choose another name.", path)
	}
	if err != nil {
		return nil, backend.Errorf(backend.Invalid, "Cannot create the workspace %s: %v", path, err)
	}
	f.Close()
	if err := setPageSize(path); err != nil {
		os.Remove(path)
		return nil, backend.Errorf(backend.Invalid, "Cannot create the workspace %s: %v", path, err)
	}
	db, err := Open(path)
	if err != nil {
		os.Remove(path)
		return nil, err
	}
	if name == "" {
		name = nameFromPath(path)
	}
	if err := db.SetSetting(SettingName, name); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// Open opens an existing workspace, migrating it to the current schema.
func Open(path string) (*DB, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, backend.Errorf(backend.Invalid, "Bad workspace path %q: %v", path, err)
	}
	st, err := os.Stat(abs)
	if errors.Is(err, os.ErrNotExist) {
		return nil, backend.Errorf(backend.NotFound, "There is no workspace at %s.", abs)
	}
	if err != nil {
		return nil, backend.Errorf(backend.Invalid, "Cannot read %s: %v", abs, err)
	}
	if st.IsDir() {
		return nil, backend.Errorf(backend.Invalid, "%s is a folder, not a Keel workspace.", abs)
	}
	if err := checkHeader(abs, st.Size()); err != nil {
		return nil, err
	}
	lock, err := lockFile(abs)
	if err != nil {
		return nil, err
	}
	os.Chmod(abs, 0o600)
	// _mutex=no: database/sql never uses a connection from two goroutines
	// at once, so SQLite's own lock per call (one per bound value, 3 % of
	// a large import) guards nothing.
	dsn := "file:" + (&url.URL{Path: abs}).EscapedPath() +
		"?_foreign_keys=on&_journal_mode=WAL&_busy_timeout=5000&_txlock=immediate&_synchronous=NORMAL&_mutex=no"
	sqldb, err := sql.Open("sqlite3", dsn)
	if err != nil {
		lock.Close()
		return nil, backend.Errorf(backend.Internal, "Cannot open %s: %v", abs, err)
	}
	// One writer; readers share the pool. Keeping one connection makes
	// PRAGMA state and transactions simple and is fast enough for a laptop.
	sqldb.SetMaxOpenConns(1)
	db := &DB{sql: sqldb, path: abs, lock: lock, Now: clock.Now}
	if err := db.migrate(); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// pageSize is the page size of new workspaces: 16 KiB pages make a large
// import about 15 % faster than SQLite's default 4 KiB (fewer B-tree pages
// to split and write), and whole-table scans for the metrics are no
// slower. It can only be chosen before the file's first write.
const pageSize = 16384

func setPageSize(path string) error {
	db, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: path}).EscapedPath())
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.Exec(fmt.Sprintf("PRAGMA page_size=%d; VACUUM", pageSize))
	return err
}

// checkHeader refuses files that are not SQLite databases before SQLite
// gets a chance to misread them.
func checkHeader(path string, size int64) error {
	if size == 0 {
		return nil // a new file made by Create
	}
	f, err := os.Open(path)
	if err != nil {
		return backend.Errorf(backend.Invalid, "Cannot read %s: %v", path, err)
	}
	defer f.Close()
	head := make([]byte, 16)
	if n, _ := f.Read(head); n < 16 || string(head) != "SQLite format 3\x00" {
		return backend.Errorf(backend.Invalid, "%s is not a Keel workspace.", path)
	}
	return nil
}

// Path is the absolute path of the workspace file.
func (db *DB) Path() string { return db.path }

// SQL exposes the database to the packages that compute from it.
func (db *DB) SQL() *sql.DB { return db.sql }

// Close closes the database and releases the lock.
func (db *DB) Close() error {
	err := db.sql.Close()
	if db.lock != nil {
		db.lock.Close()
		db.lock = nil
	}
	return err
}

func nameFromPath(path string) string {
	base := filepath.Base(path)
	return base[:len(base)-len(filepath.Ext(base))]
}

func internal(what string, err error) error {
	return backend.Errorf(backend.Internal, "%s: %v", what, err)
}
