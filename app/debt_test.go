package app

import (
	"testing"

	"keel/backend/debt"
	"keel/backend/releases"
)

// Home's debt list on the demo: the overdue decisions, the manual work
// outgrowing customers, every flag the registry finds stale, the
// feedback area's entries (untriaged items, people not told) and the
// known issue without a safe workaround (the held team plans; the Slack
// one is fixed), each opening where it is fixed.
func TestDebtListOnTheDemo(t *testing.T) {
	s, _ := demoState(t)
	l, err := NewDebt(s).List()
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Problems) != 0 {
		t.Fatalf("problems: %+v", l.Problems)
	}
	db, _ := s.workspace()
	reg, err := releases.Flags(db, false)
	if err != nil {
		t.Fatal(err)
	}
	stale := map[string]bool{}
	for _, f := range reg.Flags {
		if len(f.Stale) > 0 {
			stale[f.FlagKey] = true
		}
	}
	kinds := map[string]int{}
	for _, e := range l.Entries {
		kinds[e.Kind]++
		if e.Kind == debt.StaleFlag && (!stale[e.Ref] || e.Area != "releases" || e.Detail == "") {
			t.Errorf("stale flag entry %+v (stale: %v)", e, stale)
		}
		if e.Kind == debt.KnownIssue && (e.Area != "releases" || e.Ref != "rel_demo_teams") {
			t.Errorf("known issue entry %+v", e)
		}
	}
	fb, err := feedbackOf(db).Debt(s.now())
	if err != nil {
		t.Fatal(err)
	}
	if len(fb) == 0 || kinds[debt.Untriaged]+kinds[debt.NotTold] != len(fb) {
		t.Errorf("feedback entries: %d listed, the feedback area has %d", kinds[debt.Untriaged]+kinds[debt.NotTold], len(fb))
	}
	if reg.Stale == 0 || kinds[debt.StaleFlag] != reg.Stale || kinds[debt.DecisionOverdue] == 0 || kinds[debt.ManualGrowth] != 1 || kinds[debt.KnownIssue] != 1 {
		t.Errorf("kinds %v, %d stale flags in the registry", kinds, reg.Stale)
	}
}
