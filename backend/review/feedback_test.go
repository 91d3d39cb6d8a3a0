package review

import (
	"context"
	"strings"
	"testing"
	"time"

	"keel/backend/feedback"
)

// The feedback step shows the month's figures and digest; triage after a
// freeze restates the figures it moves and names the triage as the cause.
func TestFeedbackStepAndItsRestatement(t *testing.T) {
	db := demoDB(t, demoNow)
	feb := mo("2026-02")
	r, err := Get(db, feb)
	if err != nil {
		t.Fatal(err)
	}
	var step *Step
	for i := range r.Steps {
		if r.Steps[i].ID == StepFeedback {
			step = &r.Steps[i]
		}
	}
	if step == nil || len(step.Numbers) != 4 || len(step.NotTracked) != 0 {
		t.Fatalf("feedback step %+v", step)
	}
	for _, n := range step.Numbers {
		if n.Value == nil {
			t.Errorf("%s is missing: %s", n.Key, n.Missing)
		}
	}
	d := r.Figures.Feedback
	if d == nil || !d.Full || len(d.ByAccounts) == 0 || len(d.Closed) == 0 || len(d.Told) == 0 {
		t.Fatalf("February's digest: %+v", d)
	}
	if !strings.Contains(step.Reading, "Most asked for: "+d.ByAccounts[0].Title) || !strings.Contains(step.Reading, "shipped: "+d.Closed[0].Title) {
		t.Errorf("reading %q", step.Reading)
	}
	if told := *valueOf(t, r, "feedback.loops_closed"); told != float64(len(d.Told)) {
		t.Errorf("loops closed %v, digest lists %d people told", told, len(d.Told))
	}

	if _, err := Freeze(db, feb); err != nil {
		t.Fatal(err)
	}
	signals := *valueOf(t, r, "feedback.strategy_signals")
	untriaged := *valueOf(t, r, "feedback.untriaged")

	// Two days later the founder types one of February's bugs again, as a
	// strategy signal.
	db.Now = func() time.Time { return demoNow.Add(48 * time.Hour) }
	svc := feedback.New(db)
	page, err := svc.List(context.Background(), feedback.Filter{Status: "triaged", Types: []string{"bug"}, From: "2026-02-01", To: "2026-02-28"}, 0, 1)
	if err != nil || len(page.Rows) == 0 {
		t.Fatalf("no bug in February: %v", err)
	}
	if _, err := svc.SetType(context.Background(), []string{page.Rows[0].Key}, feedback.Strategy); err != nil {
		t.Fatal(err)
	}
	r, err = Get(db, feb)
	if err != nil {
		t.Fatal(err)
	}
	if got := *valueOf(t, r, "feedback.strategy_signals"); got != signals {
		t.Errorf("the frozen figure moved: %v → %v", signals, got)
	}
	rs := r.Restatement
	if rs == nil {
		t.Fatal("no restatement after triage that changes February's strategy signals")
	}
	var found bool
	for _, c := range rs.Changes {
		switch {
		case c.Key == "feedback.strategy_signals" && c.Month == feb:
			found = *c.Old == signals && *c.New == signals+1 && len(c.Causes) == 1 && c.Causes[0] == "triage"
		case c.Key == "feedback.untriaged":
			// It had a type at the end of February, and still has one.
			t.Errorf("untriaged at the end of February moved (%v): %+v", untriaged, c)
		case !strings.HasPrefix(c.Key, "feedback."):
			t.Errorf("triage cannot change %s", c.Key)
		}
	}
	if !found {
		t.Errorf("changes %+v lack strategy signals +1 caused by the triage", rs.Changes)
	}
}

// A review frozen before Keel tracked feedback (snapshot version 2) is not
// restated for the feedback figures it never had.
func TestOldFreezeIsNotRestatedForFeedback(t *testing.T) {
	db := demoDB(t, demoNow)
	feb := mo("2026-02")
	for _, c := range []struct {
		version int
		want    bool
	}{{2, false}, {snapshotVersion, true}} {
		frozen, err := compute(db, feb, demoNow, true)
		if err != nil {
			t.Fatal(err)
		}
		frozen.Version = c.version
		for i := range frozen.Figures.Months {
			frozen.Figures.Months[i].Feedback = nil // as version 2 froze them
		}
		rs, err := restate(db, feb, frozen, demoNow)
		if err != nil {
			t.Fatal(err)
		}
		got := false
		if rs != nil {
			for _, ch := range rs.Changes {
				got = got || strings.HasPrefix(ch.Key, "feedback.")
			}
		}
		if got != c.want {
			t.Errorf("version %d: feedback restated %v, want %v (%+v)", c.version, got, c.want, rs)
		}
	}
}
