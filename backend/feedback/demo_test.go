package feedback_test

import (
	"os"
	"strings"
	"testing"

	"keel/backend/feedback"
	"keel/backend/internal/demotest"
)

var demoFixture = demotest.New("keel-feedback-demo-")

func TestMain(m *testing.M) {
	code := m.Run()
	demoFixture.Remove()
	os.Exit(code)
}

// The demo company has a triaged history: a dozen confirmed clusters with
// statuses, product notes and people told, askers who churned, and only
// the last days untriaged.
func TestDemoHistory(t *testing.T) {
	db := demoFixture.Open(t, demotest.Now)
	s := feedback.New(db)
	ex, err := s.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if ex.Items.Total < 3000 || ex.Items.BySource["canny"] < 100 || ex.Items.BySource["call"]+ex.Items.BySource["email"]+ex.Items.BySource["meeting"] < 10 {
		t.Errorf("items %+v", ex.Items)
	}
	if ex.Items.Untriaged == 0 || ex.Items.Untriaged > ex.Items.Total/10 {
		t.Errorf("untriaged %d of %d", ex.Items.Untriaged, ex.Items.Total)
	}
	statuses := map[string]int{}
	notes, told, churned := 0, 0, 0
	for _, c := range ex.Clusters {
		if c.Suggested {
			continue
		}
		statuses[c.Status]++
		notes += len(c.Notes)
		told += len(c.Told)
		if len(c.Outcomes) == 2 {
			churned += c.Outcomes[1].Churned
		}
		if c.Title == "CSV export is missing rows" {
			for _, it := range c.Items {
				if it.Source != "zendesk" {
					t.Errorf("%s in the CSV bug", it.Key)
				}
			}
		}
	}
	if n := statuses["open"] + statuses["planned"] + statuses["shipped"] + statuses["wont_do"]; n < 12 || statuses["shipped"] < 3 ||
		statuses["planned"] < 2 || statuses["wont_do"] < 1 {
		t.Errorf("statuses %v", statuses)
	}
	if notes < 4 || told < 20 || churned == 0 {
		t.Errorf("product notes %d, people told %d, askers churned within 90 days %d", notes, told, churned)
	}
	if label, _ := s.Undo(ctx); label != "" {
		t.Errorf("the demo's history can be undone: %q", label)
	}
	// A shipped cluster lists the churned askers apart, to win back.
	list, _ := s.Clusters(ctx, "")
	winBack := 0
	for _, c := range list.Clusters {
		if c.Status == "shipped" {
			v, err := s.Cluster(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			winBack += len(v.People.WinBack)
			if !strings.Contains(v.Changelog, v.Release) {
				t.Errorf("changelog %q", v.Changelog)
			}
		}
	}
	if winBack == 0 {
		t.Error("no churned asker to win back")
	}
}
