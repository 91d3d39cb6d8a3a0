package workspace

import (
	"context"
	"database/sql"
	"errors"

	"github.com/mattn/go-sqlite3"
)

// rollbackConn takes the workspace's connection for a large write (an
// import, an undo) and switches it from the write-ahead log to a rollback
// journal: with one connection and one process (see lockFile) WAL buys no
// concurrency here, and it writes every changed page twice (to the log,
// then to the file; more while a transaction larger than the page cache
// spills pages it changes again), a third of a large import's time and of
// the undo of a million payments' writing. A crash mid-write leaves a hot
// journal that SQLite rolls back on the next open, which then switches
// back to WAL. While a read-only connection of this process reads beside
// (inReaders, PaidBeside) the log cannot go: the write goes through it,
// only slower. Foreign keys are not checked meanwhile: an import's rows
// reference the import it recorded itself, an undo's the imports they
// came back from, and the check was a sixth of SQLite's work per row.
// done stops the writeback and puts the connection back in WAL mode;
// calling it again does nothing.
func (db *DB) rollbackConn(ctx context.Context) (conn *sql.Conn, done func(), err error) {
	if conn, err = db.sql.Conn(ctx); err != nil {
		return nil, nil, err
	}
	if _, err := conn.ExecContext(ctx, "PRAGMA journal_mode=DELETE"); err != nil && !busy(err) {
		conn.Close()
		return nil, nil, err
	}
	if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys=OFF"); err != nil {
		conn.Close()
		return nil, nil, err
	}
	stop := startWriteback(db.path)
	return conn, func() {
		if conn == nil {
			return
		}
		stop()
		conn.ExecContext(context.Background(), "PRAGMA foreign_keys=ON; PRAGMA journal_mode=WAL")
		conn.Close()
		conn = nil
	}, nil
}

// busy reports whether err is SQLite's "database is locked": another
// connection holds what the statement needs.
func busy(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && (se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked)
}
