package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"keel/backend/feedback"
)

// The Feedback API on the demo: the inbox pages, a key types an item, the
// badge follows, undo takes it back, and the people to tell are written
// as a CSV file.
func TestFeedbackThroughTheAPI(t *testing.T) {
	s, _ := newApp(t)
	s.Start(context.Background())
	f := NewFeedback(s)
	before, err := f.Badge()
	if err != nil || before == 0 {
		t.Fatalf("badge %d %v", before, err)
	}
	p, err := f.List(feedback.Filter{}, 0, 50)
	if err != nil || len(p.Rows) != 50 || p.Total != before || p.Counts.Untriaged != before {
		t.Fatalf("page: %d rows of %d, %v", len(p.Rows), p.Total, err)
	}
	ch, err := f.SetType([]string{p.Rows[0].Key}, "bug")
	if err != nil || ch.Untriaged != before-1 {
		t.Fatalf("set type: %+v %v", ch, err)
	}
	if n, _ := f.Badge(); n != before-1 {
		t.Errorf("badge after a key: %d", n)
	}
	if label, err := f.Undo(); err != nil || !strings.Contains(label, "Bug") {
		t.Errorf("undo %q %v", label, err)
	}
	if n, _ := f.Badge(); n != before {
		t.Errorf("badge after undo: %d", n)
	}
	list, err := f.Clusters("mrr")
	if err != nil {
		t.Fatal(err)
	}
	var shipped string
	for _, c := range list.Clusters {
		if c.Status == "shipped" {
			shipped = c.ID
			break
		}
	}
	if shipped == "" {
		t.Fatal("no shipped cluster in the demo")
	}
	path, err := f.ExportPeopleTo(shipped, filepath.Join(t.TempDir(), "people"))
	if err != nil || !strings.HasSuffix(path, "people.csv") {
		t.Fatalf("export %q %v", path, err)
	}
	b, _ := os.ReadFile(path)
	if !strings.HasPrefix(string(b), "name,email,account,plan") || strings.Count(string(b), "\n") < 3 {
		t.Errorf("csv:\n%s", b)
	}
	text, err := f.PeopleText(shipped, false)
	if err != nil || !strings.Contains(text, "@") {
		t.Errorf("people text %q %v", text, err)
	}
}
