package app

import (
	"context"
	"testing"

	"keel/backend"
	"keel/backend/feedback"
)

// The Numbers tab shows the figures the review's Feedback step shows and
// that backend/feedback counts for `keel metrics`: one read model.
func TestFeedbackNumbersAgreeWithTheReview(t *testing.T) {
	s, _ := demoState(t)
	n, err := NewFeedback(s).Numbers("")
	if err != nil {
		t.Fatal(err)
	}
	if n.Month.String() != "2026-02" || n.Missing != nil || len(n.Tiles) != len(feedbackTiles) {
		t.Fatalf("numbers of %s, missing %v, %d tiles", n.Month, n.Missing, len(n.Tiles))
	}
	v, err := NewReview(s).Get("2026-02")
	if err != nil {
		t.Fatal(err)
	}
	step := map[string]*float64{}
	for _, st := range v.Steps {
		for _, num := range st.Numbers {
			step[num.Key] = num.Value
		}
	}
	db, _ := s.workspace()
	feb, err := backend.ParseMonth("2026-02")
	if err != nil {
		t.Fatal(err)
	}
	monthly, err := feedback.Monthly(context.Background(), db, feb, feb)
	if err != nil || len(monthly) != 1 {
		t.Fatalf("monthly %v %v", monthly, err)
	}
	counted := map[string]*int64{"feedback.feedback_items": monthly[0].FeedbackItems, "feedback.untriaged": monthly[0].Untriaged,
		"feedback.strategy_signals": monthly[0].StrategySignals, "feedback.loops_closed": monthly[0].LoopsClosed}
	for i, tile := range n.Tiles {
		key := feedbackTiles[i].Key
		r, ok := step[key]
		if !ok {
			t.Errorf("%s is not in the review's steps", key)
			continue
		}
		if (tile.Value == nil) != (r == nil) || tile.Value != nil && *tile.Value != *r {
			t.Errorf("%s: tab %v, review %v", key, deref(tile.Value), deref(r))
		}
		if c, ok := counted[key]; ok && (c == nil || tile.Value == nil || float64(*c) != *tile.Value) {
			t.Errorf("%s: tab %v, counted %v", key, deref(tile.Value), c)
		}
	}
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}
