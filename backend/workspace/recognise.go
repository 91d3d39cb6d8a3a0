package workspace

import (
	"database/sql"
	"encoding/binary"
	"fmt"
	"io"
	"net/url"
	"os"

	"keel/backend"
)

// AppID is Keel's mark in the SQLite header (PRAGMA application_id): "Keel"
// in ASCII. Every workspace made since it exists carries it; Keel opens no
// other SQLite file.
const AppID = 0x4B65656C

// header is what the first 100 bytes of a SQLite file say, read without
// SQLite (which would switch journals or make side files before Keel knows
// whose file it is).
type header struct {
	appID, version uint32
	wal            bool // the file is in WAL mode
	empty          bool // 0 bytes
}

// readHeader reads the header of the workspace file at path.
func readHeader(path string) (header, error) {
	f, err := os.Open(path)
	if err != nil {
		return header{}, backend.Errorf(backend.Invalid, "Cannot read %s: %v", path, err)
	}
	defer f.Close()
	b := make([]byte, 100)
	n, err := io.ReadFull(f, b)
	if n == 0 && (err == io.EOF || err == nil) {
		return header{empty: true}, nil
	}
	if n < 100 || string(b[:16]) != "SQLite format 3\x00" {
		return header{}, backend.Errorf(backend.Invalid, "%s is not a Keel workspace (it is not a database at all); Keel left it as it was.", path)
	}
	return header{
		appID:   binary.BigEndian.Uint32(b[68:]),
		version: binary.BigEndian.Uint32(b[60:]),
		wal:     b[18] == 2 && b[19] == 2,
	}, nil
}

// recognise checks that the file at path is a Keel workspace before a
// byte of it is written: it carries Keel's application id, or it is a
// workspace made by a Keel from before the id (no id, a schema version and
// Keel's first tables), which the next write stamps (stamped reports
// which).
func recognise(path string) (h header, err error) {
	h, err = readHeader(path)
	if err != nil {
		return h, err
	}
	switch {
	case h.empty:
		return h, backend.Errorf(backend.Invalid, "%s is an empty file, not a Keel workspace; Keel left it as it was. Remove it, or give a new name to create a workspace.", path)
	case h.appID == AppID:
	case h.appID == 0 && h.version > 0 && hasKeelTables(path):
	default:
		return h, notKeel(path)
	}
	if int(h.version) > SchemaVersion() {
		return h, newerKeel(path, int(h.version))
	}
	return h, nil
}

// stamped reports whether the header carries Keel's application id.
func (h header) stamped() bool { return h.appID == AppID }

func notKeel(path string) error {
	return backend.Errorf(backend.Invalid, "%s is not a Keel workspace: it is another program's SQLite database. Keel left it as it was; open a .keel file, or give a new name to create a workspace.", path)
}

func newerKeel(path string, v int) error {
	return backend.Errorf(backend.Conflict,
		"%s was written by a newer Keel (workspace format %d; this Keel reads up to %d). Update Keel to open it.",
		path, v, SchemaVersion())
}

// keelTables are tables every Keel workspace has had since its first
// format: a SQLite file without an application id is taken for an early
// Keel workspace only when it has them all.
var keelTables = []string{"settings", "imports", "import_rejects", "payments", "customers", "subscriptions", "tickets", "events"}

// hasKeelTables reads the schema of the file at path without writing to it
// or beside it (immutable: no journal, no lock, no side files).
func hasKeelTables(path string) bool {
	db, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: path}).EscapedPath()+"?mode=ro&immutable=1")
	if err != nil {
		return false
	}
	defer db.Close()
	for _, t := range keelTables {
		var n int
		if err := db.QueryRow("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", t).Scan(&n); err != nil || n != 1 {
			return false
		}
	}
	return true
}

// stamp writes Keel's application id into a workspace made before it.
func (db *DB) stamp() error {
	if _, err := db.sql.Exec(fmt.Sprintf("PRAGMA application_id = %d", AppID)); err != nil {
		return internal("mark the workspace as Keel's", err)
	}
	return nil
}

// ApplicationID reads the application id in the workspace's header.
func (db *DB) ApplicationID() (int64, error) {
	var id int64
	err := db.sql.QueryRow("PRAGMA application_id").Scan(&id)
	return id, err
}
