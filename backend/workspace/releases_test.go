package workspace

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"keel/backend"
)

func fullRelease(at time.Time) backend.Release {
	t1, t2 := at.Add(time.Hour), at.Add(2*time.Hour)
	return backend.Release{ID: "rel_1", Title: "Annual plans", Decision: "Do annual plans cut churn?", Behaviour: "Pick yearly",
		Owner: "Maya", Affected: "New signups on Growth", Segment: backend.Segment{Plans: []string{"Growth"}, Accounts: []string{"@acme.io"}},
		CouldBreak: "Proration", Reverse: "Flag annual-plans off", Rollout: "plan", RolloutDetail: "Growth first",
		Flags: []string{"annual-plans"}, Areas: []string{"billing"}, Kinds: []string{"feature"}, Clusters: []string{"cl_7"},
		Watch: []string{"refunds"}, MigrationPlan: "None needed", Checks: map[string]time.Time{"slice": at},
		Rollback:    backend.RollbackPlan{DataFormats: "a", UserVisible: "b", Support: "c", Analytics: "d", Communication: "e", Reversible: true},
		KnownIssues: []backend.KnownIssue{{ID: "ki1", Title: "Proration off by a day", Workaround: "Refund the day", Opened: "2026-02-02"}},
		Status:      "rolling_out", Times: backend.StatusTimes{Planned: &at, RollingOut: &t1}, ShippedAt: &t2, Window: "7d",
		Review: backend.ReleaseReview{Next: "Yearly for Scale"}, Sentence: "Pay yearly and get two months free.", Origin: "changelog"}
}

func TestReleaseRoundTrip(t *testing.T) {
	db := MustCreate(t)
	at := time.Date(2026, 2, 1, 10, 0, 0, 0, time.UTC)
	want := fullRelease(at)
	got, err := db.SaveRelease(want)
	if err != nil {
		t.Fatal(err)
	}
	want.Created, want.Updated = db.Now().UTC(), db.Now().UTC()
	got.Calls = nil
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("read back\n%+v\nwant\n%+v", got, want)
	}
	// A later save keeps Created.
	db.Now = func() time.Time { return time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC) }
	want.Title = "Annual plans for everyone"
	got, _ = db.SaveRelease(want)
	if got.Title != want.Title || !got.Created.Equal(want.Created) || !got.Updated.Equal(db.Now()) {
		t.Errorf("second save: %q created %v updated %v", got.Title, got.Created, got.Updated)
	}
}

func TestReleaseDeleteIsUndone(t *testing.T) {
	db := MustCreate(t)
	r := fullRelease(time.Date(2026, 2, 1, 10, 0, 0, 0, time.UTC))
	db.SaveRelease(r)
	if err := db.DeleteRelease(r.ID); err != nil {
		t.Fatal(err)
	}
	if rs, _ := db.Releases(false); len(rs) != 0 {
		t.Fatalf("deleted release listed: %d", len(rs))
	}
	if rs, _ := db.Releases(true); len(rs) != 1 || rs[0].DeletedAt == nil {
		t.Fatalf("with deleted: %+v", rs)
	}
	if err := db.RestoreRelease(r.ID); err != nil {
		t.Fatal(err)
	}
	if rs, _ := db.Releases(false); len(rs) != 1 || rs[0].Title != r.Title {
		t.Fatalf("restored: %+v", rs)
	}
	if err := db.DeleteRelease("rel_missing"); backend.ErrorCode(err) != backend.NotFound {
		t.Errorf("missing: %v", err)
	}
}

func TestCallEvidenceIsKept(t *testing.T) {
	db := MustCreate(t)
	r := fullRelease(time.Date(2026, 2, 1, 10, 0, 0, 0, time.UTC))
	r.Status = "decided"
	ev := json.RawMessage(`{"figures":[{"key":"refunds","after":9}]}`)
	got, err := db.AddCall(r, backend.Call{Call: "rollback", At: db.Now(), By: "Maya", Note: "Refunds x4", Window: "72h", Evidence: ev})
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != "decided" || len(got.Calls) != 1 || got.Calls[0].Call != "rollback" || string(got.Calls[0].Evidence) != string(ev) {
		t.Fatalf("call: %s %+v", got.Status, got.Calls)
	}
	got, err = db.DeleteCall(got, got.Calls[0].ID)
	if err != nil || len(got.Calls) != 0 {
		t.Fatalf("delete call: %v %+v", err, got.Calls)
	}
}
