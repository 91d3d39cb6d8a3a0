package app

import (
	"testing"
	"time"

	"keel/backend/releases"
	"keel/backend/review"
)

// The review's Releases step lists the month's releases: the demo's
// rollback shows in the month of its call, with the call, and the list
// holds as many releases as the step's Releases number.
func TestReviewReleasesStepListsTheMonth(t *testing.T) {
	s, _ := onDemo(t)
	db, err := s.workspace()
	if err != nil {
		t.Fatal(err)
	}
	all, err := db.Releases(false)
	if err != nil {
		t.Fatal(err)
	}
	id, at := "", time.Time{}
	for _, r := range all {
		if t0, ok := releases.RolledBack(r); ok {
			id, at = r.ID, t0
		}
	}
	if id == "" {
		t.Fatal("the demo has no rolled-back release")
	}
	v, err := NewReview(s).Get(at.In(db.Location()).Format("2006-01"))
	if err != nil {
		t.Fatal(err)
	}
	st := stepOf(t, v, review.StepReleases)
	if st.Releases == nil {
		t.Fatal("the Releases step has no release log")
	}
	found := false
	for _, r := range st.Releases.RolledBack {
		found = found || r.ID == id && r.Call == releases.Rollback
	}
	if !found {
		t.Errorf("rolled back in the month = %+v, want %s", st.Releases.RolledBack, id)
	}
	n := tileOf(t, st.Tiles, "operations.releases").Value
	if n == nil || int(*n) != len(st.Releases.Shipped) {
		t.Errorf("releases number %v, listed %d", n, len(st.Releases.Shipped))
	}
	if st.Releases.Flags == nil || st.Releases.Flags.Total == 0 {
		t.Errorf("flags at the month's end = %+v", st.Releases.Flags)
	}
	for _, other := range v.Steps {
		if other.ID != review.StepReleases && other.Releases != nil {
			t.Errorf("step %s carries a release log", other.ID)
		}
	}
}
