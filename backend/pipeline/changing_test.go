package pipeline

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"keel/backend/workspace"
)

// Issue 16's suite: a file that changes while Keel reads it (a download
// still being written) is refused whole, and the workspace is as it was.
// The file grows at the first progress report: the reader is then at most
// the prefetch buffer (34 chunks, ~2 MB) past the rows stored, far from
// the end of a 24 MB file.
func TestFileChangingWhileRead(t *testing.T) {
	db := newDB(t)
	seed(t, db)
	before := dumpHash(t, db)
	path := filepath.Join(t.TempDir(), "growing.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	w.WriteString(payHeader)
	for i, n := 0, 0; n < 24<<20; i++ {
		k, _ := w.WriteString(payRow(fmt.Sprintf("ch_g%07d", i), "2026-01-05 10:00:00", "29.00", "usd", "Paid"))
		n += k
	}
	w.Flush()
	f.Close()
	grew := false
	rep := Run(context.Background(), db, Request{Path: path}, func(p Progress) {
		if grew || p.Done {
			return
		}
		grew = true
		g, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Error(err)
			return
		}
		g.WriteString(payRow("ch_late", "2026-01-05 10:00:00", "29.00", "usd", "Paid"))
		g.Close()
	})
	if !grew {
		t.Fatal("no progress report before the end: the file did not change while read")
	}
	if rep.Err == nil || !strings.HasPrefix(rep.Err.Error(), "growing.csv: the file changed while Keel was reading it (") ||
		!strings.HasSuffix(rep.Err.Error(), "read); nothing was imported") {
		t.Errorf("%+v %v", rep.Counts, rep.Err)
	}
	if dumpHash(t, db) != before {
		t.Error("the workspace changed")
	}
}

// Issue 16's suite: a file Keel may not read is refused with the reason.
// Root reads any file whatever its mode, so as root the import runs in a
// child process (this test binary, see TestMain) as the user nobody.
func TestUnreadableFile(t *testing.T) {
	dir, err := os.MkdirTemp("", "keel-unreadable-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	os.Chmod(dir, 0o777) // the child, as nobody, makes its workspace here
	path := writeIn(t, dir, "locked.csv", []byte(payHeader+payRow("ch_1", "2026-01-05 10:00:00", "29.00", "usd", "Paid")))
	os.Chmod(path, 0o000)
	want := "locked.csv: the file cannot be read: open " + path + ": permission denied"
	if os.Geteuid() != 0 {
		db := newDB(t)
		before := dumpHash(t, db)
		if rep := Run(context.Background(), db, Request{Path: path}, nil); rep.Err == nil || rep.Err.Error() != want {
			t.Errorf("%+v %v, want %q", rep.Counts, rep.Err, want)
		}
		if dumpHash(t, db) != before {
			t.Error("the workspace changed")
		}
		return
	}
	// The test binary sits in a folder only root may enter: a copy.
	self, err := os.ReadFile(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "pipeline.test")
	if err := os.WriteFile(bin, self, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--", bin, "-test.run=^$")
	cmd.Env = append(os.Environ(), "KEEL_IMPORT_CHILD="+path, "HOME="+dir, "TMPDIR="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil || string(out) != want+"\n" {
		t.Errorf("the import as nobody: %v\n%s\nwant %q", err, out, want)
	}
}

// importChild imports path into a new workspace beside it and prints the
// refusal, or the counts. (The refusal comes before the import begins:
// TestHostileInputs checks that refusals leave the workspace unchanged.)
func importChild(path string) int {
	db, err := workspace.Create(filepath.Join(filepath.Dir(path), "w.keel"), "Child")
	if err != nil {
		fmt.Println(err)
		return 1
	}
	defer db.Close()
	rep := Run(context.Background(), db, Request{Path: path}, nil)
	if rep.Err == nil {
		fmt.Printf("imported %+v\n", rep.Counts)
		return 0
	}
	fmt.Println(rep.Err)
	return 0
}
