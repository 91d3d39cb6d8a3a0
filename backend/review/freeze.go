package review

import (
	"encoding/json"
	"time"

	"keel/backend"
	"keel/backend/workspace"
)

// Freeze finishes the review of month: it computes every number once more
// and stores them with the rules in force and the SHA-256 of every source
// file (each import not undone). From then on the review never changes.
// A month is frozen only once it has ended.
func Freeze(db *workspace.DB, m backend.Month) (*Review, error) {
	r, err := freeze(db, m)
	if workspace.DiskFull(err) {
		return nil, backend.Errorf(backend.Invalid, "The review of %s could not be frozen: %s. Nothing was frozen; free some space and freeze it again.",
			m.Title(), workspace.FullDisk)
	}
	return r, err
}

func freeze(db *workspace.DB, m backend.Month) (*Review, error) {
	if err := checkMonth(db, m); err != nil {
		return nil, err
	}
	month := m.String()
	s, err := db.Review(month)
	if err != nil {
		return nil, err
	}
	if s != nil && s.FrozenAt != nil {
		return nil, frozenError(m, *s.FrozenAt)
	}
	now := db.Now()
	if end := m.End(db.Location()); now.Before(end) {
		return nil, backend.Errorf(backend.Invalid, "%s ends on %s; freeze its review after that.",
			m.Title(), day(end.Add(-time.Second)))
	}
	before, err := db.StateMark()
	if err != nil {
		return nil, err
	}
	c, err := compute(db, m, now, true)
	if err != nil {
		return nil, err
	}
	if err := c.Figures.LoadEvents(db); err != nil { // the report lists them
		return nil, err
	}
	snap, err := json.Marshal(c)
	if err != nil {
		return nil, backend.Errorf(backend.Internal, "write the frozen review: %v", err)
	}
	done, err := db.FreezeReview(month, StepDecisions, now, string(snap), c.sources, before)
	if err != nil {
		return nil, saveError(m, err)
	}
	if !done {
		return nil, backend.Errorf(backend.Conflict, "The workspace changed while the review was freezing (an import, an undo or a rule). Freeze it again.")
	}
	return Get(db, m)
}
