package workspace

import (
	"context"
	"database/sql"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/mattn/go-sqlite3"

	"keel/backend"
)

// OpenReadOnly opens the workspace at path to read it only: Keel writes
// nothing to it or beside it (no migration, no journal switch, no change
// of mode, no backup), and refuses another program's file as Open does.
//
// The file is read as immutable: the shared lock keeps Keel's writers out
// while it is open, so it cannot change, and SQLite then takes no locks
// and makes no side files; which is also what lets a workspace in a
// read-only folder be read. Only a write-ahead log left by a Keel that
// stopped before folding it in is read through SQLite's ordinary
// read-only open, which needs the folder writable for its shared memory.
// A workspace of an older format is read from a private, upgraded copy
// (privateCopy).
func OpenReadOnly(path string) (*DB, error) {
	abs, err := locate(path)
	if err != nil {
		return nil, err
	}
	if _, err := recognise(abs); err != nil {
		return nil, err
	}
	lock, err := lockShared(abs)
	if err != nil {
		return nil, err
	}
	dsn := "file:" + (&url.URL{Path: abs}).EscapedPath() + "?mode=ro"
	if walPending(abs) {
		if dir := filepath.Dir(abs); !canWrite(dir) {
			lock.Close()
			return nil, backend.Errorf(backend.Invalid,
				"%s holds changes not yet folded into it (%s), and the folder %s is read-only: Keel cannot read them there. Open it once where Keel can write.",
				abs, filepath.Base(abs)+"-wal", dir)
		}
		dsn += "&_busy_timeout=5000"
	} else {
		dsn += "&immutable=1"
	}
	db, err := connect(abs, dsn, lock)
	if err != nil {
		return nil, err
	}
	db.readers, db.readOnly = dsn, true
	v, err := db.Version()
	if err != nil {
		db.Close()
		return nil, backend.Errorf(backend.Invalid, "%s is not a Keel workspace: %v", abs, err)
	}
	switch latest := SchemaVersion(); {
	case v > latest:
		db.Close()
		return nil, newerKeel(abs, v)
	case v < latest:
		defer db.Close()
		return db.privateCopy()
	}
	return db, nil
}

// walPending reports whether the workspace has a write-ahead log with
// content beside it.
func walPending(abs string) bool {
	st, err := os.Stat(abs + "-wal")
	return err == nil && st.Size() > 0
}

// View runs read on the workspace at path opened with OpenReadOnly. When
// reading needs a write after all (the accounts' links to compute again
// after an import whose linking failed, say), read runs again on a
// private copy, which leaves the founder's file as it was.
func View(path string, read func(db *DB) error) error {
	db, err := OpenReadOnly(path)
	if err != nil {
		return err
	}
	err = read(db)
	if err == nil || db.private || !neededWrite(err) {
		db.Close()
		return err
	}
	c, cerr := db.privateCopy()
	db.Close()
	if cerr != nil {
		return cerr
	}
	defer c.Close()
	return read(c)
}

// neededWrite tells SQLite's refusal to write through a read-only
// connection (the message of SQLITE_READONLY, which Keel's errors quote).
func neededWrite(err error) bool {
	return strings.Contains(err.Error(), "attempt to write a readonly database")
}

// privateInMemory is the largest workspace whose private copy is kept in
// memory rather than in the temp folder: a copy in memory needs no disk
// (the disk may be what is full) and leaves no copy of the founder's data
// behind.
var privateInMemory int64 = 512 << 20

// privateCopy copies the workspace and opens the copy to read and write it
// (upgraded to the current format): in memory, or for a large workspace in
// a folder of its own in the temp folder, which Close removes.
func (db *DB) privateCopy() (*DB, error) {
	if st, err := os.Stat(db.path); err == nil && st.Size() <= privateInMemory {
		return db.privateMemory()
	}
	dir, err := os.MkdirTemp("", "keel-view-")
	if err != nil {
		return nil, privateError(db.path, err)
	}
	dst := filepath.Join(dir, filepath.Base(db.path))
	if _, err := db.sql.Exec("VACUUM INTO ?", dst); err != nil {
		os.RemoveAll(dir)
		return nil, privateError(db.path, err)
	}
	c, err := open(dst, dir)
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	c.Now, c.private = db.Now, true
	return c, nil
}

// privateMemory copies the workspace into an in-memory database with
// SQLite's backup API.
func (db *DB) privateMemory() (*DB, error) {
	mem, err := sql.Open("sqlite3", ":memory:?_foreign_keys=on")
	if err != nil {
		return nil, privateError(db.path, err)
	}
	// The database lives as long as its one connection.
	mem.SetMaxOpenConns(1)
	mem.SetMaxIdleConns(1)
	mem.SetConnMaxLifetime(0)
	mem.SetConnMaxIdleTime(0)
	c := &DB{sql: mem, path: db.path, Now: db.Now, private: true}
	ctx := context.Background()
	dst, err := mem.Conn(ctx)
	if err == nil {
		var src *sql.Conn
		if src, err = db.sql.Conn(ctx); err == nil {
			err = dst.Raw(func(d any) error {
				return src.Raw(func(s any) error {
					b, err := d.(*sqlite3.SQLiteConn).Backup("main", s.(*sqlite3.SQLiteConn), "main")
					if err != nil {
						return err
					}
					if _, err := b.Step(-1); err != nil {
						b.Finish()
						return err
					}
					return b.Finish()
				})
			})
			src.Close()
		}
		dst.Close()
	}
	if err == nil {
		err = c.migrate()
	}
	if err != nil {
		mem.Close()
		return nil, privateError(db.path, err)
	}
	return c, nil
}

func privateError(path string, err error) error {
	return backend.Errorf(backend.Internal, "make a private copy of %s to read it: %s", path, backend.ErrorMessage(err))
}
