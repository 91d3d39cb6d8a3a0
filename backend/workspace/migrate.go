package workspace

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strconv"
	"strings"

	"keel/backend"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

type migration struct {
	version int
	name    string
	sql     string
}

func migrations() []migration {
	names, _ := fs.Glob(migrationFS, "migrations/*.sql")
	var ms []migration
	for _, n := range names {
		base := strings.TrimPrefix(n, "migrations/")
		v, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			panic("workspace: migration without a number: " + n)
		}
		b, _ := migrationFS.ReadFile(n)
		ms = append(ms, migration{v, base, string(b)})
	}
	ms = append(ms, extraMigrations...)
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	return ms
}

// SchemaVersion is the schema this Keel writes.
func SchemaVersion() int {
	ms := migrations()
	return ms[len(ms)-1].version
}

// Version reads the workspace's schema version.
func (db *DB) Version() (int, error) {
	var v int
	err := db.sql.QueryRow("PRAGMA user_version").Scan(&v)
	return v, err
}

// migrate applies the missing migrations in order, each in its own
// transaction, after writing a backup of a workspace that has data.
func (db *DB) migrate() error {
	cur, err := db.Version()
	if err != nil {
		return backend.Errorf(backend.Invalid, "%s is not a Keel workspace: %v", db.path, err)
	}
	latest := SchemaVersion()
	if cur > latest {
		return backend.Errorf(backend.Conflict,
			"%s was written by a newer Keel (workspace format %d; this Keel reads up to %d). Update Keel to open it.",
			db.path, cur, latest)
	}
	if cur == latest {
		return nil
	}
	if cur > 0 && !db.private {
		if err := db.backup(cur); err != nil {
			return err
		}
	}
	for _, m := range migrations() {
		if m.version <= cur {
			continue
		}
		tx, err := db.sql.Begin()
		if err != nil {
			return internal("start migration "+m.name, err)
		}
		if _, err := tx.Exec(m.sql); err != nil {
			tx.Rollback()
			return internal("migration "+m.name, err)
		}
		if _, err := tx.Exec(fmt.Sprintf("PRAGMA user_version = %d", m.version)); err != nil {
			tx.Rollback()
			return internal("migration "+m.name, err)
		}
		if err := tx.Commit(); err != nil {
			return internal("migration "+m.name, err)
		}
	}
	return nil
}

// BackupPath is where the copy made before migrating from version v goes.
func (db *DB) BackupPath(v int) string {
	return fmt.Sprintf("%s.v%d.bak", db.path, v)
}

func (db *DB) backup(v int) error {
	dst := db.BackupPath(v)
	os.Remove(dst)
	if _, err := db.sql.Exec("VACUUM INTO ?", dst); err != nil {
		return internal("back up the workspace before upgrading it", err)
	}
	return os.Chmod(dst, 0o600)
}

// extraMigrations lets tests add a migration beyond the embedded ones.
var extraMigrations []migration

func addMigration(m migration) (restore func()) {
	extraMigrations = append(extraMigrations, m)
	return func() { extraMigrations = nil }
}
