package feedback_test

import (
	"testing"

	"keel/backend"
	"keel/backend/feedback"
	"keel/backend/workspace"
)

// noteDecisions are the log's decisions made by product notes.
func noteDecisions(t *testing.T, db *workspace.DB) []backend.Decision {
	t.Helper()
	all, err := db.Decisions()
	if err != nil {
		t.Fatal(err)
	}
	var out []backend.Decision
	for _, d := range all {
		if d.Origin == backend.OriginFeedback {
			out = append(out, d)
		}
	}
	return out
}

// A product note is a decision in the log (METRICS.md, Decisions): written,
// edited, moved by a merge, deleted and undone with its note.
func TestProductNoteIsADecision(t *testing.T) {
	db, s := billed(t)
	a, _ := s.Create(ctx, "SSO", []string{"feedback:csv:2"})
	b, _ := s.Create(ctx, "Single sign-on", []string{"feedback:csv:3"})
	if _, err := s.AddProductNote(ctx, b.Cluster, feedback.ProductNoteInput{Decision: "Build SAML", Why: "3 accounts asked",
		Owner: "Ann", Date: "2025-12-01"}); err != nil {
		t.Fatal(err)
	}
	ds := noteDecisions(t, db)
	note := cluster(t, s, b.Cluster).Notes[0]
	if len(ds) != 1 {
		t.Fatalf("decisions from notes %+v, want 1", ds)
	}
	d := ds[0]
	if d.Kind != "change" || d.What != "Build SAML" || d.Why != "3 accounts asked" || d.Owner != "Ann" || d.Made != "2025-12-01" ||
		d.ReviewOn != "2025-12-31" && d.ReviewOn != "2026-01-01" || d.Status != backend.DecisionMade ||
		d.OriginRef != backend.NoteRef(b.Cluster, note.ID) || backend.NoteCluster(d.OriginRef) != b.Cluster {
		t.Errorf("the note's decision %+v", d)
	}
	if d.ReviewOn != "2026-01-01" {
		t.Errorf("review on %s: 30 days later is still December, the month after is the earliest", d.ReviewOn)
	}
	// Edited: the decision says the note's new words.
	if _, err := s.EditProductNote(ctx, note.ID, feedback.ProductNoteInput{Decision: "Build SAML and SCIM", Why: "4 accounts",
		Owner: "Ben", Date: "2025-12-10"}); err != nil {
		t.Fatal(err)
	}
	if ds := noteDecisions(t, db); len(ds) != 1 || ds[0].ID != d.ID || ds[0].What != "Build SAML and SCIM" || ds[0].Owner != "Ben" ||
		ds[0].Made != "2025-12-10" || ds[0].ReviewOn != "2026-01-09" {
		t.Errorf("after the edit %+v", ds)
	}
	// Merged into a: the decision follows the note to a.
	if _, err := s.Merge(ctx, a.Cluster, b.Cluster); err != nil {
		t.Fatal(err)
	}
	if ds := noteDecisions(t, db); len(ds) != 1 || backend.NoteCluster(ds[0].OriginRef) != a.Cluster {
		t.Errorf("after the merge %+v", ds)
	}
	s.Undo(ctx)
	if ds := noteDecisions(t, db); len(ds) != 1 || backend.NoteCluster(ds[0].OriginRef) != b.Cluster {
		t.Errorf("after undoing the merge %+v", ds)
	}
	// The founder adds the figure that will tell in the log.
	d = noteDecisions(t, db)[0]
	d.Figure, d.Expect = "revenue.mrr", "up"
	if _, err := db.SaveDecision(d); err != nil {
		t.Fatal(err)
	}
	// Deleted: the decision goes; undone: it comes back as it was.
	if _, err := s.DeleteProductNote(ctx, note.ID); err != nil {
		t.Fatal(err)
	}
	if ds := noteDecisions(t, db); len(ds) != 0 {
		t.Errorf("the note is deleted, its decision is still in the log: %+v", ds)
	}
	s.Undo(ctx)
	if ds := noteDecisions(t, db); len(ds) != 1 || ds[0].ID != d.ID || ds[0].Figure != "revenue.mrr" || ds[0].Expect != "up" ||
		ds[0].What != "Build SAML and SCIM" {
		t.Errorf("after undoing the delete %+v", ds)
	}
	// Undoing the note's first writing removes both.
	s.Undo(ctx)
	s.Undo(ctx)
	if v := cluster(t, s, b.Cluster); len(v.Notes) != 0 {
		t.Fatalf("notes left %+v", v.Notes)
	}
	if ds := noteDecisions(t, db); len(ds) != 0 {
		t.Errorf("the note is undone, its decision is still in the log: %+v", ds)
	}
}
