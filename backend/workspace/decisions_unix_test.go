//go:build unix

package workspace

import (
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"keel/backend"
)

// TestDecisionsManualCostsSurviveAKill saves one edit of each kind from a
// child process that is killed (SIGKILL) the moment the last save
// returns; the reopened workspace has every one of them.
func TestDecisionsManualCostsSurviveAKill(t *testing.T) {
	if p := os.Getenv("KEEL_TEST_DECISIONS_KILL"); p != "" {
		db, err := Open(p)
		if err != nil {
			os.Exit(2)
		}
		d, err := db.Decision(1)
		if err != nil {
			os.Exit(3)
		}
		d.Status, d.ClosedOn = backend.DecisionValidated, "2026-05-02"
		if _, err := db.SaveDecision(d); err != nil {
			os.Exit(4)
		}
		if _, err := db.AddManualWork(backend.ManualWork{At: time.Date(2026, 5, 2, 9, 0, 0, 0, time.UTC), Account: "acc_9", Type: "refund", Minutes: 12}); err != nil {
			os.Exit(5)
		}
		if _, err := db.SaveCostDriver(backend.CostDriver{Name: "AI calls", Unit: "call", Source: "events", Events: []string{"ai_call"}, UnitCost: "0.4"}); err != nil {
			os.Exit(6)
		}
		syscall.Kill(os.Getpid(), syscall.SIGKILL)
		select {}
	}
	db := MustCreate(t)
	if _, err := db.SaveDecision(backend.Decision{Kind: "fix", What: "Fix the export", Owner: "Sam", Made: "2026-02-01", ReviewOn: "2026-05-01", Status: "made"}); err != nil {
		t.Fatal(err)
	}
	path := db.Path()
	db.Close()
	cmd := exec.Command(os.Args[0], "-test.run=^TestDecisionsManualCostsSurviveAKill$")
	cmd.Env = append(os.Environ(), "KEEL_TEST_DECISIONS_KILL="+path)
	out, err := cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); !ok || !strings.Contains(ee.String(), "killed") {
		t.Fatalf("child: %v %s", err, out)
	}
	db, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if d, err := db.Decision(1); err != nil || d.Status != "validated" || d.ClosedOn != "2026-05-02" {
		t.Errorf("decision after the kill: %+v %v", d, err)
	}
	if es, err := db.ManualWork(time.Time{}, time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)); err != nil || len(es) != 1 || es[0].Minutes != 12 {
		t.Errorf("manual work after the kill: %+v %v", es, err)
	}
	if ds, err := db.CostDrivers(); err != nil || len(ds) != 1 || ds[0].UnitCost != "0.4" {
		t.Errorf("cost drivers after the kill: %+v %v", ds, err)
	}
}
