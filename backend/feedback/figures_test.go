package feedback_test

import (
	"fmt"
	"testing"

	"keel/backend"
	"keel/backend/feedback"
)

// sections are the months' sections as "items/untriaged/strategy/loops".
func sections(t *testing.T, fs []*feedback.Figures) []string {
	t.Helper()
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = fmt.Sprintf("%d/%d/%d/%d", *f.FeedbackItems, *f.Untriaged, *f.StrategySignals, *f.LoopsClosed)
	}
	return out
}

func month(s string) backend.Month {
	m, err := backend.ParseMonth(s)
	if err != nil {
		panic(err)
	}
	return m
}

// The feedback section of METRICS.md: items created in the month, items
// without a type at its end, strategy signals created in it, people told
// in it.
func TestMonthlyFigures(t *testing.T) {
	db, s := billed(t)
	jul, dec := month("2025-07"), month("2025-12")
	get := func() string {
		t.Helper()
		fs, err := feedback.Monthly(ctx, db, jul, dec)
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprint(sections(t, fs))
	}
	// Jul 2 items, Aug 2, Nov 4: all untriaged.
	if got, want := get(), "[2/2/0/0 2/4/0/0 0/4/0/0 0/4/0/0 4/8/0/0 0/8/0/0]"; got != want {
		t.Errorf("before triage %s, want %s", got, want)
	}
	// Typed on 15 December: a July item (as a strategy signal) was still
	// untriaged at the end of July; a November one is typed as a bug.
	if _, err := s.SetType(ctx, []string{"feedback:csv:1", "feedback:csv:5"}, feedback.Strategy); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetType(ctx, []string{"feedback:csv:6"}, feedback.Bug); err != nil {
		t.Fatal(err)
	}
	// A note of 10 December, and Ann told about the cluster she asked in.
	if _, err := s.AddNote(ctx, feedback.NoteInput{Date: "2025-12-10", Source: "call", Email: "ann@acme.io", Title: "Call", Text: "SSO again"}); err != nil {
		t.Fatal(err)
	}
	ch, err := s.Create(ctx, "SSO", []string{"feedback:csv:1", "feedback:csv:2"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.MarkTold(ctx, ch.Cluster, []string{"ann@acme.io"}, "2025-12-12", true); err != nil {
		t.Fatal(err)
	}
	if got, want := get(), "[2/2/1/0 2/4/0/0 0/4/0/0 0/4/0/0 4/8/1/0 1/6/0/1]"; got != want {
		t.Errorf("after triage %s, want %s", got, want)
	}
	// No item at all: no section.
	empty := newDB(t)
	if fs, err := feedback.Monthly(ctx, empty, jul, dec); err != nil || fs != nil {
		t.Errorf("empty workspace: %v, %v", fs, err)
	}
}

// The digest is the month as it stood at its end: items after it are not
// counted, MRR now is at its end, and what was shipped and told in it.
func TestMonthDigest(t *testing.T) {
	db, s := billed(t)
	if d, err := feedback.MonthDigest(ctx, db, month("2025-08"), true); err != nil || d != nil {
		t.Fatalf("nothing triaged yet: %+v, %v", d, err)
	}
	ch, err := s.Create(ctx, "SSO", []string{"feedback:csv:1", "feedback:csv:2", "feedback:csv:3", "feedback:csv:4"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetType(ctx, []string{"feedback:csv:6"}, feedback.Strategy); err != nil {
		t.Fatal(err)
	}
	jul, err := feedback.MonthDigest(ctx, db, month("2025-07"), true)
	if err != nil || jul == nil || len(jul.ByAccounts) != 1 {
		t.Fatalf("July: %+v, %v", jul, err)
	}
	// In July Bob (Beta, $29) and Ann (Acme, $99) had asked; both still
	// paid at the end of July.
	c := jul.ByAccounts[0]
	if c.Items != 2 || c.NewItems != 2 || c.Accounts != 2 || c.NewAccounts != 2 || i64(c.MRRAtAsk) != 12800 || i64(c.MRRNow) != 12800 {
		t.Errorf("July's SSO: %+v", c)
	}
	if len(c.Quotes) == 0 || len(jul.Signals) != 0 || len(jul.Segments) == 0 {
		t.Errorf("July: quotes %+v, signals %+v, segments %+v", c.Quotes, jul.Signals, jul.Segments)
	}
	// In August Joe (Acme again) and Dan (Delta, $29) asked: Delta is new,
	// Acme is not; Beta left in August.
	aug, err := feedback.MonthDigest(ctx, db, month("2025-08"), false)
	if err != nil {
		t.Fatal(err)
	}
	c = aug.ByAccounts[0]
	if c.Items != 4 || c.NewItems != 2 || c.Accounts != 3 || c.NewAccounts != 1 || i64(c.MRRAtAsk) != 15700 || i64(c.MRRNow) != 12800 || len(c.Quotes) != 0 {
		t.Errorf("August's SSO: %+v", c)
	}
	nov, _ := feedback.MonthDigest(ctx, db, month("2025-11"), false)
	if len(nov.Signals) != 1 || nov.Signals[0].Item != "feedback:csv:6" {
		t.Errorf("November's signals %+v", nov.Signals)
	}
	// Shipped and told in December: closed, no longer among the open.
	if _, err := s.SetStatus(ctx, ch.Cluster, "shipped", "v2.4", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.MarkTold(ctx, ch.Cluster, []string{"ann@acme.io", "dan@delta.io"}, "", true); err != nil {
		t.Fatal(err)
	}
	dec, _ := feedback.MonthDigest(ctx, db, month("2025-12"), false)
	if len(dec.ByAccounts) != 0 || len(dec.Closed) != 1 || dec.Closed[0].Release != "v2.4" || len(dec.Told) != 2 || dec.Told[0].Account == "" {
		t.Errorf("December: open %+v closed %+v told %+v", dec.ByAccounts, dec.Closed, dec.Told)
	}
	if nov, _ = feedback.MonthDigest(ctx, db, month("2025-11"), false); len(nov.Closed) != 0 || len(nov.Told) != 0 {
		t.Errorf("November has December's loop: %+v %+v", nov.Closed, nov.Told)
	}
}
