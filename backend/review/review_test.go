package review

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"keel/backend"
	"keel/backend/pipeline"
	"keel/backend/workspace"
)

const payHeader = "id,Created date (UTC),Amount,Amount Refunded,Currency,Captured,Converted Amount,Converted Amount Refunded,Converted Currency,Decline Reason,Description,Fee,Refunded date (UTC),Statement Descriptor,Status,Seller Message,Taxes On Fee,Card ID,Customer ID,Customer Description,Customer Email,Invoice ID,Transfer\n"

// latePayments is a Stripe payments export with one payment of February
// 2026 that the demo did not have: $50.00 collected.
func latePayments(t *testing.T) string {
	t.Helper()
	row := "ch_late_feb,2026-02-20 10:00:00,50.00,0.00,usd,true,50.00,0.00,usd,,Consulting,1.75,,KEEL,Paid,Payment complete.,0.00,pm_1,cus_late,,late@example.com,,\n"
	p := filepath.Join(t.TempDir(), "late_payments.csv")
	if err := os.WriteFile(p, []byte(payHeader+row), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func importFile(t *testing.T, db *workspace.DB, path string) pipeline.Report {
	t.Helper()
	rep := pipeline.Run(context.Background(), db, pipeline.Request{Path: path}, nil)
	if rep.Err != nil {
		t.Fatal(rep.Err)
	}
	return rep
}

func valueOf(t *testing.T, r *Review, key string) *float64 {
	t.Helper()
	for _, st := range r.Steps {
		for _, n := range st.Numbers {
			if n.Key == key {
				return n.Value
			}
		}
	}
	t.Fatalf("no number %s in the review", key)
	return nil
}

func TestProgressIsSavedAtEveryStep(t *testing.T) {
	db := demoDB(t, demoNow)
	r, err := Get(db, mo("2026-02"))
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != NotStarted || len(r.Steps) != len(StepIDs) || r.StartedAt != nil {
		t.Fatalf("a fresh review: status %s, %d steps", r.Status, len(r.Steps))
	}
	for i, st := range r.Steps {
		if st.ID != StepIDs[i] || st.Title == "" || st.Reading == "" {
			t.Errorf("step %d: %+v", i, st)
		}
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(SaveStep(db, mo("2026-02"), StepRevenue, "Growth plan expansion looks real.", true))
	must(SetStep(db, mo("2026-02"), StepUsers))
	must(Answer(db, mo("2026-02"), "support_one_person", "yes", "Maya answers everything urgent."))
	must(Answer(db, mo("2026-02"), "plans_by_hand", "unsure", ""))
	must(Answer(db, mo("2026-02"), "plans_by_hand", "", "")) // cleared
	d, err := AddDecision(db, mo("2026-02"), Decision{Kind: "Fix", What: " Write the onboarding checklist ", Owner: "Sam", Due: "2026-03-31"})
	must(err)
	d2, err := AddDecision(db, mo("2026-02"), Decision{Kind: "stop", What: "Custom discounts", Owner: "Sam", Due: "2026-03-15"})
	must(err)
	d2.Owner = "Alex"
	must(UpdateDecision(db, mo("2026-02"), d2))
	must(DeleteDecision(db, mo("2026-02"), d.ID))
	must(SaveNotes(db, mo("2026-02"), "Good month."))

	r, err = Get(db, mo("2026-02"))
	must(err)
	if r.Status != InProgress || r.Step != StepUsers || r.Notes != "Good month." || r.StartedAt == nil {
		t.Errorf("status %s step %s notes %q", r.Status, r.Step, r.Notes)
	}
	if st := r.Steps[1]; st.Note != "Growth plan expansion looks real." || !st.Done {
		t.Errorf("revenue step note/done: %+v", st)
	}
	answers := map[string]string{}
	for _, it := range r.Checklist {
		answers[it.ID] = it.Answer + "|" + it.Note
	}
	if answers["support_one_person"] != "yes|Maya answers everything urgent." || answers["plans_by_hand"] != "|" {
		t.Errorf("answers: %v", answers)
	}
	if len(r.Decisions) != 1 || r.Decisions[0].Owner != "Alex" || r.Decisions[0].Kind != "stop" {
		t.Errorf("decisions: %+v", r.Decisions)
	}
	if got := r.Steps[7].Reading; got != "1 decision: 1 stop; each has an owner and a date." {
		t.Errorf("decisions reading %q", got)
	}
	list, err := List(db)
	must(err)
	if len(list) != 1 || list[0].Month != mo("2026-02") || list[0].Status != InProgress || list[0].Decisions != 1 {
		t.Errorf("list: %+v", list)
	}
}

func TestSavingRefusesBadInput(t *testing.T) {
	db := demoDB(t, demoNow)
	cases := []struct {
		name string
		err  error
		want string
	}{
		{"future month", Start(db, mo("2026-04")), "has not started"},
		{"step", SetStep(db, mo("2026-02"), "dessert"), "no review step"},
		{"item", Answer(db, mo("2026-02"), "vibes", "yes", ""), "no checklist item"},
		{"answer", Answer(db, mo("2026-02"), "plans_by_hand", "maybe", ""), "yes, no or unsure"},
		{"kind", func() error {
			_, err := AddDecision(db, mo("2026-02"), Decision{Kind: "pivot", What: "x", Owner: "y", Due: "2026-03-01"})
			return err
		}(), "keep, change, fix or stop"},
		{"what", func() error {
			_, err := AddDecision(db, mo("2026-02"), Decision{Kind: "keep", What: " ", Owner: "y", Due: "2026-03-01"})
			return err
		}(), "empty"},
		{"owner", func() error {
			_, err := AddDecision(db, mo("2026-02"), Decision{Kind: "keep", What: "x", Due: "2026-03-01"})
			return err
		}(), "owner"},
		{"date", func() error {
			_, err := AddDecision(db, mo("2026-02"), Decision{Kind: "keep", What: "x", Owner: "y", Due: "soon"})
			return err
		}(), "YYYY-MM-DD"},
		{"missing decision", DeleteDecision(db, mo("2026-02"), 999), "no decision number 999"},
		{"long note", SaveNotes(db, mo("2026-02"), strings.Repeat("x", maxText+1)), "longer than"},
	}
	for _, c := range cases {
		if c.err == nil || !strings.Contains(backend.ErrorMessage(c.err), c.want) {
			t.Errorf("%s: %v, want an error saying %q", c.name, c.err, c.want)
		}
	}
}

func TestFreezeKeepsEveryNumberAndRestatesLaterImports(t *testing.T) {
	db := demoDB(t, demoNow)
	if _, err := AddDecision(db, mo("2026-02"), Decision{Kind: "keep", What: "Annual plans", Owner: "Sam", Due: "2026-04-01"}); err != nil {
		t.Fatal(err)
	}
	if _, err := Freeze(db, mo("2026-03")); err == nil || !strings.Contains(err.Error(), "ends on 31 Mar 2026") {
		t.Errorf("freezing a month that has not ended: %v", err)
	}
	frozen, err := Freeze(db, mo("2026-02"))
	if err != nil {
		t.Fatal(err)
	}
	if frozen.Status != Frozen || frozen.FrozenAt == nil || frozen.Restatement != nil {
		t.Fatalf("frozen: status %s, restatement %+v", frozen.Status, frozen.Restatement)
	}
	hist, _ := db.History()
	if len(frozen.Sources) != len(hist) {
		t.Fatalf("%d sources frozen, %d imports", len(frozen.Sources), len(hist))
	}
	for _, s := range frozen.Sources {
		if len(s.SHA256) != 64 || s.Rows == 0 || s.First == nil {
			t.Errorf("source %+v", s)
		}
	}
	collected := *valueOf(t, frozen, "revenue.collected")

	// The decision lives on in the log (it can be shipped and validated
	// there); the frozen review keeps it as it was at the freeze.
	if len(frozen.Decisions) != 1 || frozen.Decisions[0].What != "Annual plans" {
		t.Fatalf("frozen decisions %+v", frozen.Decisions)
	}
	ld, err := db.Decision(frozen.Decisions[0].ID)
	if err != nil || ld.Origin != backend.OriginReview || ld.OriginRef != "2026-02" {
		t.Fatalf("the review's decision in the log: %+v %v", ld, err)
	}
	ld.What, ld.Status, ld.ShippedOn, ld.ShippedBy = "Annual plans, reworded later", backend.DecisionShipped, "2026-03-20", "done"
	if _, err := db.SaveDecision(ld); err != nil {
		t.Fatal(err)
	}
	if again, err := Get(db, mo("2026-02")); err != nil || len(again.Decisions) != 1 || again.Decisions[0].What != "Annual plans" {
		t.Fatalf("the frozen review after the log changed: %+v %v", again.Decisions, err)
	}
	if err := UpdateDecision(db, mo("2026-02"), Decision{ID: ld.ID, Kind: "keep", What: "x", Owner: "y", Due: "2026-04-01"}); backend.ErrorCode(err) != backend.Conflict {
		t.Errorf("changing a frozen review's decision through the review: %v", err)
	}

	// Frozen means frozen: the functions refuse, and so does the database.
	if err := SaveNotes(db, mo("2026-02"), "rewrite history"); backend.ErrorCode(err) != backend.Conflict {
		t.Errorf("saving notes on a frozen review: %v", err)
	}
	if _, err := Freeze(db, mo("2026-02")); backend.ErrorCode(err) != backend.Conflict {
		t.Errorf("freezing twice: %v", err)
	}
	// The workspace itself refuses, whoever asks (its tests try SQL).
	for name, change := range map[string]func(*workspace.ReviewEdit) error{
		"notes":    func(e *workspace.ReviewEdit) error { return e.SetNotes("rewrite history") },
		"answer":   func(e *workspace.ReviewEdit) error { return e.SetAnswer("plans_by_hand", "yes", "") },
		"decision": func(e *workspace.ReviewEdit) error { _, err := e.DeleteDecision(1); return err },
	} {
		if err := db.EditReview("2026-02", StepFreshness, db.Now(), change); err == nil || !strings.Contains(err.Error(), "frozen") {
			t.Errorf("%s: %v", name, err)
		}
	}

	// A later import changes February: the review keeps its numbers and
	// shows the restatement, naming the import.
	db.Now = func() time.Time { return demoNow.Add(48 * time.Hour) }
	rep := importFile(t, db, latePayments(t))
	r, err := Get(db, mo("2026-02"))
	if err != nil {
		t.Fatal(err)
	}
	if got := *valueOf(t, r, "revenue.collected"); got != collected {
		t.Errorf("the frozen number moved: %v → %v", collected, got)
	}
	rs := r.Restatement
	if rs == nil {
		t.Fatal("no restatement after an import that changes February")
	}
	if !strings.HasPrefix(rs.Text, "Since the freeze on 14 Mar 2026, ") || !strings.Contains(rs.Text, "of February 2026 changed") {
		t.Errorf("restatement text %q", rs.Text)
	}
	var ch *Change
	for i := range rs.Changes {
		if rs.Changes[i].Key == "revenue.collected" && rs.Changes[i].Month == mo("2026-02") {
			ch = &rs.Changes[i]
		}
	}
	if ch == nil || *ch.Old != collected || *ch.New != collected+5000 {
		t.Fatalf("collected change: %+v in %+v", ch, rs.Changes)
	}
	cause := fmt.Sprintf("import:%d", rep.ImportID)
	if len(ch.Causes) != 1 || ch.Causes[0] != cause {
		t.Errorf("causes %v, want %s", ch.Causes, cause)
	}
	if !strings.Contains(ch.Text, "Collected, February 2026: $") || !strings.Contains(ch.Text, "late_payments.csv") {
		t.Errorf("change text %q", ch.Text)
	}
	var found bool
	for _, c := range rs.Causes {
		if c.ID == cause {
			found = c.File == "late_payments.csv" && c.SHA256 == rep.SHA256 && c.Records == "payments"
		}
	}
	if !found {
		t.Errorf("causes %+v should describe %s", rs.Causes, cause)
	}
	for _, c := range rs.Changes {
		if strings.HasPrefix(c.Key, "support.") && c.Key != "support.active_accounts" && c.Key != "support.tickets_per_active_account" {
			t.Errorf("a payments import cannot change %s", c.Key)
		}
		if len(c.Causes) == 0 || c.Causes[0] == "unexplained" {
			t.Errorf("%s %s: no cause found", c.Month, c.Key)
		}
	}
	list, _ := List(db)
	if len(list) != 1 || list[0].Status != Frozen || list[0].ImportsSince != 1 {
		t.Errorf("list: %+v", list)
	}

	// Undoing that import brings the numbers back: nothing to restate.
	if err := db.Undo(rep.ImportID); err != nil {
		t.Fatal(err)
	}
	if r, err = Get(db, mo("2026-02")); err != nil || r.Restatement != nil {
		t.Fatalf("after undo: %v, %+v", err, r.Restatement)
	}

	// A rule change restates too, and says so.
	if err := db.SetSetting(workspace.SettingDiscounts, "list"); err != nil {
		t.Fatal(err)
	}
	r, err = Get(db, mo("2026-02"))
	if err != nil {
		t.Fatal(err)
	}
	if r.Restatement == nil {
		t.Skip("the list-price rule gives the demo the same MRR") // the demo has discounts, so this should not happen
	}
	var rule bool
	for _, c := range r.Restatement.Causes {
		rule = rule || (c.ID == "rule:discounts" && strings.Contains(c.Text, "from net to list"))
	}
	if !rule {
		t.Errorf("rule change not named: %+v", r.Restatement.Causes)
	}
}
