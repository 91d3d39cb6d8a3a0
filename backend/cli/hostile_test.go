package cli

import (
	"bufio"
	"database/sql"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"keel/backend/workspace"
	"keel/internal/hostile"
)

// wsEnv is one case's workspace and files: the workspace ws in its folder
// dir, an export to import, and a folder for reports.
type wsEnv struct {
	dir, ws, csv, out string
	// atStep is the dump hash when the failing step began (for a step
	// after storing, whose stored rows stay); "" = before the command.
	atStep string
}

// hostileWS is one bad condition on the workspace side and what Keel must
// say about it. The message is stderr exactly, with {ws}, {dir}, {out}
// and {csv} standing for the case's paths.
type hostileWS struct {
	name  string
	setup func(t *testing.T, e *wsEnv)
	args  func(e *wsEnv) []string
	code  int
	msg   string
	// keel: the workspace is Keel's (its rows are compared by dump hash);
	// otherwise its folder is compared byte for byte.
	keel bool
	// bytes: the workspace's folder must be byte-identical too (a command
	// that must not write at all).
	bytes bool
	// after checks the state the case leaves (the workspace readable…).
	after func(t *testing.T, e *wsEnv)
}

// customersCSV is a Stripe customers export of n customers.
func customersCSV(n int) string {
	var b strings.Builder
	b.WriteString("id,Description,Email,Name,Created (UTC),Delinquent,Currency\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "cus_%04d,,person%04d@firm%03d.example,Person %04d,2025-0%d-02 03:04,false,usd\n", i, i, i%50, i, 1+i%5)
	}
	return b.String()
}

// keelWorkspace makes a small workspace at e.ws through keel import: 300
// customers, enough that linking them writes many pages.
func keelWorkspace(t *testing.T, e *wsEnv) {
	t.Helper()
	seed := filepath.Join(t.TempDir(), "customers.csv")
	os.WriteFile(seed, []byte(customersCSV(300)), 0o600)
	if code, _, errOut := run(t, "import", "--workspace", e.ws, seed); code != 0 {
		t.Fatalf("seed: %d %s", code, errOut)
	}
}

// diskFullAt fills the disk when the step named begins: SQLite's page
// limit (PRAGMA max_page_count, the size it has) fails every write that
// needs a new page with SQLITE_FULL, as a full disk does, without a
// filesystem of its own to fill.
func diskFullAt(t *testing.T, e *wsEnv, name string) {
	prev := step
	t.Cleanup(func() { step = prev })
	step = func(s string, db *workspace.DB) {
		if s != name {
			return
		}
		e.atStep = hostile.DumpHash(t, db.SQL())
		if _, err := db.SQL().Exec("PRAGMA max_page_count = 1"); err != nil {
			t.Fatal(err)
		}
	}
}

// fullOutput fails the report's bytes as a full disk does.
func fullOutput(t *testing.T) {
	prev := outWriter
	t.Cleanup(func() { outWriter = prev })
	outWriter = func(w io.Writer) io.Writer { return &fullDisk{w: w, room: 4096} }
}

type fullDisk struct {
	w    io.Writer
	room int
}

func (f *fullDisk) Write(p []byte) (int, error) {
	if len(p) > f.room {
		n, _ := f.w.Write(p[:f.room])
		f.room = 0
		return n, &os.PathError{Op: "write", Path: "report", Err: syscall.ENOSPC}
	}
	f.room -= len(p)
	return f.w.Write(p)
}

// holdOpen keeps the workspace open to write in another process (this
// test binary, see TestMain) until the test ends.
func holdOpen(t *testing.T, path string) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "KEEL_TEST_HOLD="+path)
	in, _ := cmd.StdinPipe()
	out, _ := cmd.StdoutPipe()
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { in.Close(); cmd.Wait() })
	if line, err := bufio.NewReader(out).ReadString('\n'); err != nil || line != "open\n" {
		t.Fatalf("the other process: %q %v", line, err)
	}
}

// holdWorkspace is the other process of holdOpen.
func holdWorkspace(path string) {
	db, err := workspace.Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	fmt.Println("open")
	io.Copy(io.Discard, os.Stdin)
	db.Close()
	os.Exit(0)
}

func metricsArgs(e *wsEnv) []string {
	return []string{"metrics", "--workspace", e.ws, "--from", "2025-01", "--to", "2025-06"}
}

// TestHostileWorkspaces runs the workspace side's hostile conditions
// through the commands: each refusal is one sentence naming the file and
// the problem, exits 1, and leaves the workspace's rows as they were (and
// its bytes, for a command that must not write). `go test -run
// TestHostileWorkspaces -v` prints the table of messages.
func TestHostileWorkspaces(t *testing.T) {
	notes := func(t *testing.T, e *wsEnv) {
		hostile.SQLite(t, e.ws, "CREATE TABLE notes(x)", "INSERT INTO notes VALUES('buy milk')")
		os.Chmod(e.ws, 0o644)
	}
	future := func(t *testing.T, e *wsEnv) {
		keelWorkspace(t, e)
		hostile.SQLite(t, e.ws, fmt.Sprintf("PRAGMA user_version = %d", workspace.SchemaVersion()+1))
	}
	notKeel := "{ws} is not a Keel workspace: it is another program's SQLite database. Keel left it as it was; open a .keel file, or give a new name to create a workspace.\n"
	newer := fmt.Sprintf("{ws} was written by a newer Keel (workspace format %d; this Keel reads up to %d). Update Keel to open it.\n",
		workspace.SchemaVersion()+1, workspace.SchemaVersion())
	held := "{ws} is already open in another Keel window or process. Close it there first.\n"
	readOnly := "The folder {dir} is read-only; Keel needs to write beside the workspace (its journal) to change it. Copy w.keel to a folder you can write to, or make this one writable; reading it (keel metrics, review, export) works as it is.\n"
	roDir := func(t *testing.T, e *wsEnv) {
		keelWorkspace(t, e)
		t.Logf("read-only folder by %s", hostile.ReadOnlyDir(t, e.dir))
	}
	readable := func(t *testing.T, e *wsEnv) {
		if code, _, errOut := run(t, metricsArgs(e)...); code != 0 {
			t.Errorf("the workspace is not readable after: %d %s", code, errOut)
		}
	}
	cases := []hostileWS{
		{name: "another program's SQLite file: metrics", setup: notes, args: metricsArgs, code: 1, msg: "keel metrics: " + notKeel, bytes: true},
		{name: "another program's SQLite file: import", setup: notes, args: func(e *wsEnv) []string {
			return []string{"import", "--workspace", e.ws, e.csv}
		}, code: 1, msg: "keel import: " + notKeel, bytes: true},
		{name: "another program's SQLite file: export", setup: notes, args: func(e *wsEnv) []string {
			return []string{"export", "--workspace", e.ws, "--month", "2025-06", "--out", filepath.Join(e.out, "r.xlsx")}
		}, code: 1, msg: "keel export: " + notKeel, bytes: true},
		{name: "another program's SQLite file: releases", setup: notes, args: func(e *wsEnv) []string {
			return []string{"releases", "--workspace", e.ws}
		}, code: 1, msg: "keel releases: " + notKeel, bytes: true},
		{name: "read-only folder: releases", setup: roDir, args: func(e *wsEnv) []string {
			return []string{"releases", "--workspace", e.ws}
		}, code: 0, keel: true, bytes: true},
		{name: "no workspace: metrics", setup: func(*testing.T, *wsEnv) {}, args: metricsArgs,
			code: 1, msg: "keel metrics: There is no workspace at {ws}.\n", bytes: true},
		{name: "no workspace: review", setup: func(*testing.T, *wsEnv) {}, args: func(e *wsEnv) []string { return []string{"review", "--workspace", e.ws, "--month", "2025-06"} },
			code: 1, msg: "keel review: There is no workspace at {ws}.\n", bytes: true},
		{name: "no workspace: export", setup: func(*testing.T, *wsEnv) {}, args: func(e *wsEnv) []string {
			return []string{"export", "--workspace", e.ws, "--month", "2025-06", "--out", filepath.Join(e.out, "r.xlsx")}
		},
			code: 1, msg: "keel export: There is no workspace at {ws}.\n", bytes: true},
		{name: "a CSV named as a workspace: review", setup: func(t *testing.T, e *wsEnv) {
			os.WriteFile(e.ws, []byte(customersCSV(3)), 0o644)
		}, args: func(e *wsEnv) []string { return []string{"review", "--workspace", e.ws, "--month", "2025-06"} },
			code: 1, msg: "keel review: {ws} is not a Keel workspace (it is not a database at all); Keel left it as it was.\n", bytes: true},
		{name: "future schema: metrics", setup: future, args: metricsArgs, code: 1, msg: "keel metrics: " + newer, keel: true, bytes: true},
		{name: "future schema: import", setup: future, args: func(e *wsEnv) []string {
			return []string{"import", "--workspace", e.ws, e.csv}
		}, code: 1, msg: "keel import: " + newer, keel: true, bytes: true},
		{name: "two processes at once: import", setup: func(t *testing.T, e *wsEnv) { keelWorkspace(t, e); holdOpen(t, e.ws) },
			args: func(e *wsEnv) []string { return []string{"import", "--workspace", e.ws, e.csv} },
			code: 1, msg: "keel import: " + held, keel: true},
		{name: "two processes at once: metrics", setup: func(t *testing.T, e *wsEnv) { keelWorkspace(t, e); holdOpen(t, e.ws) },
			args: metricsArgs, code: 1, msg: "keel metrics: " + held, keel: true},
		{name: "read-only folder: metrics", setup: roDir, args: metricsArgs, code: 0, keel: true, bytes: true},
		{name: "read-only folder: import", setup: roDir, args: func(e *wsEnv) []string {
			return []string{"import", "--workspace", e.ws, e.csv}
		}, code: 1, msg: "keel import: " + readOnly, keel: true, bytes: true},
		{name: "read-only folder: freeze", setup: roDir, args: func(e *wsEnv) []string {
			return []string{"review", "--workspace", e.ws, "--month", "2025-06", "--freeze"}
		}, code: 1, msg: "keel review: " + readOnly, keel: true, bytes: true},
		{name: "read-only folder: export beside it", setup: roDir, args: func(e *wsEnv) []string {
			return []string{"export", "--workspace", e.ws, "--month", "2025-06", "--out", filepath.Join(e.dir, "r.xlsx")}
		}, code: 1, msg: "keel export: Keel cannot write in {dir}: operation not permitted\n", keel: true, bytes: true},
		{name: "disk full while storing", setup: func(t *testing.T, e *wsEnv) { keelWorkspace(t, e); diskFullAt(t, e, "storing") },
			args: func(e *wsEnv) []string { return []string{"import", "--workspace", e.ws, e.csv} },
			code: 1, msg: "REFUSED more.csv: the disk is full (database or disk is full); nothing was imported. Free some space and import the file again.\n",
			keel: true, after: readable},
		{name: "disk full while linking", setup: func(t *testing.T, e *wsEnv) { keelWorkspace(t, e); diskFullAt(t, e, "linking") },
			args: func(e *wsEnv) []string { return []string{"import", "--workspace", e.ws, e.csv} },
			code: 1, msg: "keel import: The files are imported, but linking the rows to accounts failed: the disk is full (database or disk is full). The workspace is readable; Keel links them again the next time it needs them (free some disk space first if it is full).\n",
			keel: true, after: readable},
		{name: "disk full while freezing", setup: func(t *testing.T, e *wsEnv) { keelWorkspace(t, e); diskFullAt(t, e, "freezing") },
			args: func(e *wsEnv) []string {
				return []string{"review", "--workspace", e.ws, "--month", "2025-06", "--freeze"}
			},
			code: 1, msg: "keel review: The review of June 2025 could not be frozen: the disk is full (database or disk is full). Nothing was frozen; free some space and freeze it again.\n",
			keel: true, after: readable},
		{name: "disk full while exporting", setup: func(t *testing.T, e *wsEnv) { keelWorkspace(t, e); fullOutput(t) },
			args: func(e *wsEnv) []string {
				return []string{"export", "--workspace", e.ws, "--month", "2025-06", "--out", filepath.Join(e.out, "r.xlsx")}
			}, code: 1, msg: "keel export: Keel could not write the report {out}/r.xlsx: no space left on device; nothing was written.\n",
			keel: true, bytes: true, after: func(t *testing.T, e *wsEnv) {
				if left := hostile.Files(t, e.out); left != "" {
					t.Errorf("the report folder holds:\n%s", left)
				}
			}},
	}
	var table strings.Builder
	table.WriteString("| case | exit | what Keel says |\n|---|---|---|\n")
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			root := t.TempDir()
			e := &wsEnv{dir: filepath.Join(root, "ws"), out: filepath.Join(root, "out"), csv: filepath.Join(root, "more.csv")}
			e.ws = filepath.Join(e.dir, "w.keel")
			os.Mkdir(e.dir, 0o755)
			os.Mkdir(e.out, 0o755)
			os.WriteFile(e.csv, []byte(strings.Replace(customersCSV(400), "cus_", "cus_b", -1)), 0o600)
			c.setup(t, e)
			files := hostile.Files(t, e.dir)
			var dump string
			if c.keel {
				dump = dumpOf(t, e.ws)
			}
			code, _, errOut := run(t, c.args(e)...)
			want := strings.NewReplacer("{ws}", e.ws, "{dir}", e.dir, "{out}", e.out, "{csv}", e.csv).Replace(c.msg)
			if code != c.code || errOut != want {
				t.Errorf("exit %d, said\n%s\nwant exit %d and\n%s", code, errOut, c.code, want)
			}
			if c.bytes {
				if after := hostile.Files(t, e.dir); after != files {
					t.Errorf("the workspace's folder changed:\n%s\nwas\n%s", after, files)
				}
			} else if !c.keel {
				t.Fatal("a case compares the rows, the bytes or both")
			}
			if c.keel {
				if e.atStep != "" {
					dump = e.atStep
				}
				if after := dumpOf(t, e.ws); after != dump {
					t.Error("the workspace's rows changed")
				}
			}
			if c.after != nil {
				c.after(t, e)
			}
			msg := strings.TrimSpace(strings.NewReplacer(e.ws, "…/w.keel", e.dir, "…", e.out, "…/out").Replace(errOut))
			fmt.Fprintf(&table, "| %s | %d | %s |\n", c.name, code, strings.ReplaceAll(msg, "\n", " "))
		})
	}
	if testing.Verbose() {
		fmt.Print(table.String())
	}
}

// dumpOf is the dump hash of the workspace at path, read without writing
// (and without Keel, which refuses a newer format or a held workspace).
func dumpOf(t *testing.T, path string) string {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: path}).EscapedPath()+"?mode=ro&immutable=1")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	return hostile.DumpHash(t, db)
}
