package feedback_test

import (
	"strings"
	"testing"
	"time"

	"keel/backend/debt"
	"keel/backend/feedback"
)

func debtOf(t *testing.T, s *feedback.Service, today time.Time) map[string][]debt.Entry {
	t.Helper()
	es, err := s.Debt(today)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]debt.Entry{}
	for _, e := range es {
		if e.Area != "feedback" {
			t.Errorf("entry %+v opens %q", e, e.Area)
		}
		out[e.Kind] = append(out[e.Kind], e)
	}
	return out
}

// Home's debt from feedback (DESIGN.md): items untriaged for more than 14
// days, and shipped clusters whose askers are not all marked told.
func TestFeedbackDebt(t *testing.T) {
	_, s := billed(t)
	today := time.Date(2025, 12, 6, 12, 0, 0, 0, time.UTC)
	// Items 1–7 were written before 22 November noon; item 8 after.
	d := debtOf(t, s, today)
	if u := d[debt.Untriaged]; len(u) != 1 || !strings.HasPrefix(u[0].Title, "Triage 7 feedback items") || u[0].Since != "2025-08-03" {
		t.Errorf("untriaged %+v", u)
	}
	if _, err := s.SetType(ctx, []string{"feedback:csv:1"}, feedback.Request); err != nil {
		t.Fatal(err)
	}
	if u := debtOf(t, s, today)[debt.Untriaged]; len(u) != 1 || !strings.HasPrefix(u[0].Title, "Triage 6 feedback items") || u[0].Since != "2025-08-05" {
		t.Errorf("untriaged once item 1 is typed %+v", u)
	}
	// Nothing is old enough on 21 July.
	if u := debtOf(t, s, time.Date(2025, 7, 21, 0, 0, 0, 0, time.UTC))[debt.Untriaged]; len(u) != 0 {
		t.Errorf("untriaged on 21 July %+v", u)
	}

	ch, _ := s.Create(ctx, "SSO", []string{"feedback:csv:2", "feedback:csv:3"})
	if n := debtOf(t, s, today)[debt.NotTold]; len(n) != 0 {
		t.Errorf("not shipped yet, yet debt %+v", n)
	}
	if _, err := s.SetStatus(ctx, ch.Cluster, feedback.StatusShipped, "v2.4", ""); err != nil {
		t.Fatal(err)
	}
	n := debtOf(t, s, today)[debt.NotTold]
	if len(n) != 1 || n[0].Ref != ch.Cluster || !strings.Contains(n[0].Detail, "2 people who asked are not marked told") || n[0].Since != "2025-12-15" {
		t.Errorf("shipped, nobody told %+v", n)
	}
	if _, err := s.MarkTold(ctx, ch.Cluster, []string{"ann@acme.io"}, "2025-12-15", true); err != nil {
		t.Fatal(err)
	}
	if n := debtOf(t, s, today)[debt.NotTold]; len(n) != 1 || !strings.Contains(n[0].Detail, "1 person who asked is not marked told") {
		t.Errorf("ann told %+v", n)
	}
	if _, err := s.MarkTold(ctx, ch.Cluster, []string{"joe@acme.io"}, "2025-12-15", true); err != nil {
		t.Fatal(err)
	}
	if n := debtOf(t, s, today)[debt.NotTold]; len(n) != 0 {
		t.Errorf("everyone told, yet debt %+v", n)
	}
}
