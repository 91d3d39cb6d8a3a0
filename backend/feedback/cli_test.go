package feedback_test

import (
	"path/filepath"
	"sort"
	"testing"

	"keel/backend/feedback"
	"keel/backend/pipeline"
	"keel/backend/workspace"
)

// What the reviewers run — `keel import` of a feedback CSV, then `keel
// feedback --json` — suggests exactly the clusters the quality test
// scores: the same items together, the same apart.
func TestExportMatchesTheScoredSuggestions(t *testing.T) {
	db, err := workspace.Create(filepath.Join(t.TempDir(), "q.keel"), "Q")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rep := pipeline.Run(ctx, db, pipeline.Request{Path: "testdata/labelled.csv"}, nil)
	if rep.Err != nil || rep.Kind != "feedback" || rep.Imported != 457 {
		t.Fatalf("import: %v, kind %q, %d imported", rep.Err, rep.Kind, rep.Imported)
	}
	ex, err := feedback.New(db).Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, c := range ex.Clusters {
		if !c.Suggested {
			t.Errorf("a confirmed cluster in a fresh workspace: %+v", c)
		}
		for _, id := range c.ItemIDs {
			got[id] = c.ID
		}
	}
	want := feedback.SuggestLabelled(t)
	ids := make([]string, 0, len(want))
	for id := range want {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	together := func(m map[string]string, a, b string) bool { return m[a] != "" && m[a] == m[b] }
	wantPairs, bad := 0, 0
	for i, a := range ids {
		for _, b := range ids[i+1:] {
			w := want[a] == want[b]
			if w {
				wantPairs++
			}
			if together(got, a, b) != w {
				bad++
			}
		}
	}
	if bad > 0 || wantPairs == 0 {
		t.Errorf("%d pairs differ between keel feedback and the scored suggestions (of %d suggested pairs)", bad, wantPairs)
	}
}
