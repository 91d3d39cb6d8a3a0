//go:build unix

package workspace

import (
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestEditSurvivesAKill saves an edit from a child process that is killed
// (SIGKILL) the moment the save returns; the reopened workspace has it.
func TestEditSurvivesAKill(t *testing.T) {
	if p := os.Getenv("KEEL_TEST_EDIT"); p != "" {
		db, err := Open(p)
		if err != nil {
			os.Exit(2)
		}
		r, err := db.Release("rel_1")
		if err != nil {
			os.Exit(3)
		}
		r.Title = "Edited just before the crash"
		if _, err := db.SaveRelease(r); err != nil {
			os.Exit(4)
		}
		note := "Maya"
		if err := db.SaveFlagNote(FlagNote{Key: "keel:annual-plans", FlagKey: "annual-plans", Owner: &note}); err != nil {
			os.Exit(5)
		}
		syscall.Kill(os.Getpid(), syscall.SIGKILL)
		select {}
	}
	db := MustCreate(t)
	db.SaveRelease(fullRelease(time.Date(2026, 2, 1, 10, 0, 0, 0, time.UTC)))
	path := db.Path()
	db.Close()
	cmd := exec.Command(os.Args[0], "-test.run=^TestEditSurvivesAKill$")
	cmd.Env = append(os.Environ(), "KEEL_TEST_EDIT="+path)
	out, err := cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); !ok || !strings.Contains(ee.String(), "killed") {
		t.Fatalf("child: %v %s", err, out)
	}
	db, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	r, err := db.Release("rel_1")
	if err != nil || r.Title != "Edited just before the crash" {
		t.Fatalf("after the kill: %q %v", r.Title, err)
	}
	notes, err := db.FlagNotes()
	if n, ok := notes["keel:annual-plans"]; err != nil || !ok || n.Owner == nil || *n.Owner != "Maya" {
		t.Fatalf("flag note after the kill: %+v %v", notes, err)
	}
}
