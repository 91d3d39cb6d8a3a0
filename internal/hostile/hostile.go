// Package hostile helps the tests that feed Keel bad input and bad
// conditions check that nothing changed: a digest of a workspace's rows,
// a digest of a folder's files, and a folder made read-only even for root.
package hostile

import (
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// DumpHash is a digest of every row of every table of a workspace (row
// order is not content), to check that a refused change changed nothing.
func DumpHash(tb testing.TB, db *sql.DB) string {
	tb.Helper()
	h := sha256.New()
	tables, err := db.Query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
	if err != nil {
		tb.Fatal(err)
	}
	var names []string
	for tables.Next() {
		var n string
		tables.Scan(&n)
		names = append(names, n)
	}
	tables.Close()
	for _, n := range names {
		rows, err := db.Query(`SELECT * FROM "` + n + `"`)
		if err != nil {
			tb.Fatal(err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		var lines []string
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				tb.Fatal(err)
			}
			lines = append(lines, fmt.Sprint(vals...))
		}
		if err := rows.Err(); err != nil {
			tb.Fatal(err)
		}
		rows.Close()
		sort.Strings(lines)
		fmt.Fprintf(h, "%s\n%s\n", n, strings.Join(lines, "\n"))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Files describes every file of dir: name, mode and a digest of its bytes,
// to check that Keel wrote nothing to a file or beside it.
func Files(tb testing.TB, dir string) string {
	tb.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		tb.Fatal(err)
	}
	var b strings.Builder
	for _, e := range es {
		p := filepath.Join(dir, e.Name())
		st, err := os.Lstat(p)
		if err != nil {
			tb.Fatal(err)
		}
		sum := ""
		if st.Mode().IsRegular() {
			data, err := os.ReadFile(p)
			if err != nil {
				tb.Fatal(err)
			}
			s := sha256.Sum256(data)
			sum = hex.EncodeToString(s[:8])
		}
		fmt.Fprintf(&b, "%s %v %d %s\n", e.Name(), st.Mode(), st.Size(), sum)
	}
	return b.String()
}

// ReadOnlyDir makes dir read-only until the test ends and says how: for
// another user, by its permission bits; for root, which they do not stop,
// by the immutable attribute (chattr +i), else a read-only bind mount.
func ReadOnlyDir(tb testing.TB, dir string) string {
	tb.Helper()
	if os.Geteuid() != 0 {
		if err := os.Chmod(dir, 0o555); err != nil {
			tb.Fatal(err)
		}
		tb.Cleanup(func() { os.Chmod(dir, 0o755) })
		return "chmod 0555 (not root)"
	}
	if out, err := exec.Command("chattr", "+i", dir).CombinedOutput(); err == nil {
		tb.Cleanup(func() { exec.Command("chattr", "-i", dir).Run() })
		return "chattr +i (root)"
	} else {
		tb.Logf("chattr +i %s: %v %s", dir, err, out)
	}
	if out, err := exec.Command("mount", "--bind", dir, dir).CombinedOutput(); err != nil {
		tb.Fatalf("cannot make %s read-only as root: neither chattr +i nor a bind mount work here (%v %s)", dir, err, out)
	}
	tb.Cleanup(func() { exec.Command("umount", dir).Run() })
	if out, err := exec.Command("mount", "-o", "remount,ro,bind", dir).CombinedOutput(); err != nil {
		tb.Fatalf("remount %s read-only: %v %s", dir, err, out)
	}
	return "read-only bind mount (root)"
}

// SQLite runs statements on the SQLite file at path (made if missing), as
// another program would: no Keel in between.
func SQLite(tb testing.TB, path string, stmts ...string) {
	tb.Helper()
	db, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: path}).EscapedPath())
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			tb.Fatal(err)
		}
	}
}
