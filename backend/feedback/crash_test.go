package feedback_test

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"keel/backend/feedback"
	"keel/backend/workspace"
)

// An edit survives the process being killed right after it: the child
// process types an item and makes a cluster, says so, and is killed with
// SIGKILL before it can close anything; the workspace opened again has
// both.
func TestEditSurvivesKill(t *testing.T) {
	if path := os.Getenv("KEEL_FEEDBACK_CRASH"); path != "" {
		crashChild(path)
		return
	}
	db := newDB(t, "board.csv")
	path := db.Path()
	db.Close()
	cmd := exec.Command(os.Args[0], "-test.run=^TestEditSurvivesKill$")
	cmd.Env = append(os.Environ(), "KEEL_FEEDBACK_CRASH="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	done := false
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "edited ") {
			done = true
			break
		}
	}
	cmd.Process.Kill() // SIGKILL: no deferred close, no checkpoint
	cmd.Wait()
	if !done {
		t.Fatal("the child never reported its edit")
	}
	db, err = workspace.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.Now = func() time.Time { return now }
	s := feedback.New(db)
	rows := all(t, s)
	if r := rows["1"]; r.Type != feedback.Bug || r.Cluster == nil || r.Cluster.Title != "Crash-proof" {
		t.Errorf("after the kill: type %q cluster %+v", r.Type, r.Cluster)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(path), "t.keel-wal")); err != nil {
		t.Logf("no WAL left: %v", err)
	}
}

func crashChild(path string) {
	db, err := workspace.Open(path)
	if err != nil {
		fmt.Println("open:", err)
		os.Exit(2)
	}
	db.Now = func() time.Time { return now }
	s := feedback.New(db)
	if _, err := s.SetType(ctx, []string{"feedback:csv:1"}, feedback.Bug); err != nil {
		fmt.Println("type:", err)
		os.Exit(2)
	}
	if _, err := s.Create(ctx, "Crash-proof", []string{"feedback:csv:1", "feedback:csv:2"}); err != nil {
		fmt.Println("create:", err)
		os.Exit(2)
	}
	fmt.Println("edited ok")
	time.Sleep(time.Minute) // killed here
}
