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
	// readers is the DSN of the extra read-only connections (inParallel).
	readers string
	// readOnly: opened by OpenReadOnly, nothing may be written. private:
	// a private copy OpenReadOnly reads instead (readonly.go), in memory or
	// in the folder scratch, removed on Close.
	readOnly, private bool
	scratch           string
	// notes: what the imports and undos of this process changed in the
	// identities, for the linking after them (accounts_notes.go).
	notes linkNotes
}

// Ext is the workspace file extension.
const Ext = ".keel"

// Create makes a new, empty workspace at path named name. It refuses to
// overwrite an existing file, whatever it holds.
func Create(path, name string) (*DB, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return nil, backend.Errorf(backend.Conflict, "%s already exists; open it instead, or choose another name.", path)
	}
	if err != nil {
		if dir := filepath.Dir(path); !canWrite(dir) {
			return nil, backend.Errorf(backend.Invalid, "Cannot create the workspace %s: the folder %s is read-only.", path, dir)
		}
		return nil, backend.Errorf(backend.Invalid, "Cannot create the workspace %s: %v", path, err)
	}
	f.Close()
	if err := format(path); err != nil {
		os.Remove(path)
		return nil, backend.Errorf(backend.Invalid, "Cannot create the workspace %s: %v", path, err)
	}
	db, err := open(path, "")
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

// Open opens an existing workspace to read and write it, migrating it to
// the current schema. Only a Keel workspace is opened (recognise): another
// file, SQLite or not, is refused before anything is written to it or
// beside it, and so is a workspace Keel could not write (a read-only
// folder or file; OpenReadOnly reads those).
func Open(path string) (*DB, error) { return open(path, "") }

// open opens path to read and write; scratch names the folder of a
// private copy (OpenReadOnly), which needs no backup before migrating.
func open(path, scratch string) (*DB, error) {
	abs, err := locate(path)
	if err != nil {
		return nil, err
	}
	h, err := recognise(abs)
	if err != nil {
		return nil, err
	}
	if err := checkWritable(abs); err != nil {
		return nil, err
	}
	lock, err := lockFile(abs)
	if err != nil {
		return nil, err
	}
	os.Chmod(abs, 0o600)
	// _mutex=no: database/sql never uses a connection from two goroutines
	// at once, so SQLite's own lock per call (one per bound value, 3 % of
	// a large import) guards nothing. _cache_size: 16 MiB of pages (SQLite's
	// default is 2 MiB), so that linking the identities of a large import,
	// which lands all over their tables, does not read the same pages
	// again and again.
	dsn := "file:" + (&url.URL{Path: abs}).EscapedPath() +
		"?_foreign_keys=on&_journal_mode=WAL&_busy_timeout=5000&_txlock=immediate&_synchronous=NORMAL&_mutex=no&_cache_size=-16384"
	db, err := connect(abs, dsn, lock)
	if err != nil {
		return nil, err
	}
	db.readers = "file:" + (&url.URL{Path: abs}).EscapedPath() + "?mode=ro&_busy_timeout=5000"
	db.scratch, db.private = scratch, scratch != ""
	if !h.stamped() {
		if err := db.stamp(); err != nil {
			db.Close()
			return nil, err
		}
	}
	if err := db.migrate(); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// locate makes path absolute and checks that it names a file.
func locate(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", backend.Errorf(backend.Invalid, "Bad workspace path %q: %v", path, err)
	}
	st, err := os.Stat(abs)
	if errors.Is(err, os.ErrNotExist) {
		return "", backend.Errorf(backend.NotFound, "There is no workspace at %s.", abs)
	}
	if err != nil {
		return "", backend.Errorf(backend.Invalid, "Cannot read %s: %v", abs, err)
	}
	if st.IsDir() {
		return "", backend.Errorf(backend.Invalid, "%s is a folder, not a Keel workspace.", abs)
	}
	return abs, nil
}

// checkWritable says what is wrong when Keel may not write the workspace
// or beside it (SQLite keeps its journal and shared memory next to it).
func checkWritable(abs string) error {
	dir := filepath.Dir(abs)
	if !canWrite(dir) {
		return backend.Errorf(backend.Invalid,
			"The folder %s is read-only; Keel needs to write beside the workspace (its journal) to change it. Copy %s to a folder you can write to, or make this one writable; reading it (keel metrics, review, export) works as it is.",
			dir, filepath.Base(abs))
	}
	if !canWrite(abs) {
		return backend.Errorf(backend.Invalid,
			"%s is read-only; Keel needs to write to it to change it. Make it writable; reading it (keel metrics, review, export) works as it is.", abs)
	}
	return nil
}

// connect opens the single connection of a workspace.
func connect(abs, dsn string, lock *os.File) (*DB, error) {
	sqldb, err := sql.Open("sqlite3", dsn)
	if err != nil {
		if lock != nil {
			lock.Close()
		}
		return nil, backend.Errorf(backend.Internal, "Cannot open %s: %v", abs, err)
	}
	// One writer; readers share the pool. Keeping one connection makes
	// PRAGMA state and transactions simple and is fast enough for a laptop.
	sqldb.SetMaxOpenConns(1)
	return &DB{sql: sqldb, path: abs, lock: lock, Now: clock.Now}, nil
}

// pageSize is the page size of new workspaces: 16 KiB pages make a large
// import about 15 % faster than SQLite's default 4 KiB (fewer B-tree pages
// to split and write), and whole-table scans for the metrics are no
// slower. It can only be chosen before the file's first write.
const pageSize = 16384

// format gives the empty file Create made its page size and Keel's mark.
func format(path string) error {
	db, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: path}).EscapedPath())
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.Exec(fmt.Sprintf("PRAGMA page_size=%d; PRAGMA application_id=%d; VACUUM", pageSize, AppID))
	return err
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
	if db.scratch != "" {
		os.RemoveAll(db.scratch)
		db.scratch = ""
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
