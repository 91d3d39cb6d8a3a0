package app

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// A founder's own Zendesk export (../shared/fixtures/real), nothing else
// imported: the Support chart draws the tickets by month (there are no
// accounts to divide by, and it says so), and a month before the first
// ticket is missing, not 0 tickets.
func TestSupportWithARealZendeskFileAlone(t *testing.T) {
	s, _ := onDay(t, "2026-12-07")
	m, _ := filepath.Glob(filepath.Join("..", "..", "shared", "fixtures", "real", "zendesk", "*.csv"))
	if len(m) != 1 {
		t.Skip("the real Zendesk export is not next to the repository")
	}
	reps, err := NewImports(s).Run([]Item{{Path: m[0]}})
	if err != nil || len(reps) != 1 || reps[0].Imported == 0 {
		t.Fatalf("import: %+v %v", reps, err)
	}
	ov, err := NewSupport(s).Overview("")
	if err != nil {
		t.Fatal(err)
	}
	if !ov.HasTickets || ov.Missing != nil || ov.PerAccount == nil || !strings.Contains(ov.PerAccount.Text, "active accounts") {
		t.Fatalf("has tickets %v, missing %+v, per account %+v", ov.HasTickets, ov.Missing, ov.PerAccount)
	}
	for _, r := range ov.Months {
		before := r.Month.String() < "2023-04"
		if before != (r.Tickets == nil) || before != (r.Solved == nil) {
			t.Errorf("%s: %v tickets, %v solved (the export starts in April 2023)", r.Month, r.Tickets, r.Solved)
		}
	}
	var chart struct {
		Series []struct {
			ID   string            `json:"id"`
			Data []json.RawMessage `json:"data"`
		} `json:"series"`
	}
	if err := json.Unmarshal(ov.Chart, &chart); err != nil {
		t.Fatal(err)
	}
	points := 0
	for _, sr := range chart.Series {
		for _, d := range sr.Data {
			if s := string(d); !strings.Contains(s, `"-"`) && !strings.Contains(s, "null") {
				points++
			}
		}
	}
	if points == 0 {
		t.Errorf("the chart draws nothing: %s", ov.Chart)
	}
}
