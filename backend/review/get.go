package review

import (
	"database/sql"
	"encoding/json"
	"time"

	"keel/backend"
	"keel/backend/workspace"
)

// Get returns the review of month ("YYYY-MM"): the live numbers while it
// is not frozen; once frozen, the frozen numbers, readings and sources,
// with a Restatement when the current data would change them.
func Get(db *workspace.DB, month string) (*Review, error) {
	m, err := checkMonth(db, month)
	if err != nil {
		return nil, err
	}
	s, err := loadStored(db.SQL(), month)
	if err != nil {
		return nil, err
	}
	now := db.Now()
	r := &Review{Month: month, Title: MonthTitle(month), Status: NotStarted, Step: StepFreshness}
	if r.Workspace, err = db.Setting(workspace.SettingName); err != nil {
		return nil, err
	}
	var c *content
	switch {
	case s != nil && s.frozenAt != nil:
		r.Status, r.Step, r.Notes = Frozen, s.step, s.notes
		r.StartedAt, r.UpdatedAt, r.FrozenAt = &s.started, &s.updated, s.frozenAt
		if c, err = readSnapshot(s.snapshot); err != nil {
			return nil, err
		}
		if r.Sources, err = frozenSources(db, month); err != nil {
			return nil, err
		}
		if r.Restatement, err = restate(db, m, c, *s.frozenAt); err != nil {
			return nil, err
		}
	default:
		if s != nil {
			r.Status, r.Step, r.Notes = InProgress, s.step, s.notes
			r.StartedAt, r.UpdatedAt = &s.started, &s.updated
		}
		if c, err = compute(db, m, now); err != nil {
			return nil, err
		}
		r.Sources = c.sources
	}
	in, err := loadInputs(db, month)
	if err != nil {
		return nil, err
	}
	r.BaseCurrency, r.Rules, r.Data = c.BaseCurrency, c.Rules, c.Data
	r.Warnings, r.Unavailable, r.Stage = nonNil(c.Warnings), nonNil(c.Unavailable), c.Stage
	r.Checklist, r.Decisions = in.checklist(c.Hints), in.decisions
	r.Steps = append(append([]Step(nil), c.Steps...),
		Step{ID: StepChecklist, Reading: checklistReading(r.Checklist)},
		Step{ID: StepDecisions, Reading: decisionsReading(r.Decisions)})
	for i := range r.Steps {
		st := &r.Steps[i]
		st.Title = stepTitles[st.ID]
		st.Note, st.Done = in.stepNotes[st.ID], in.stepDone[st.ID]
		st.Numbers, st.NotTracked = nonNil(st.Numbers), nonNil(st.NotTracked)
	}
	if r.Sources == nil {
		r.Sources = []Source{}
	}
	last, err := lastFrozen(db)
	if err != nil {
		return nil, err
	}
	r.NextReview = nextReview(last, now, db.Location())
	return r, nil
}

// nonNil makes an empty list a JSON [] rather than null.
func nonNil[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}

func readSnapshot(raw string) (*content, error) {
	var c content
	if err := json.Unmarshal([]byte(raw), &c); err != nil {
		return nil, backend.Errorf(backend.Internal, "read the frozen review: %v", err)
	}
	if c.Version != snapshotVersion {
		return nil, backend.Errorf(backend.Conflict, "This review was frozen by another version of Keel (snapshot format %d); update Keel to read it.", c.Version)
	}
	if c.Data == nil {
		c.Data = &Data{}
	}
	if err := c.Data.load(); err != nil {
		return nil, err
	}
	return &c, nil
}

// lastFrozen is the latest frozen month, or "".
func lastFrozen(db *workspace.DB) (string, error) {
	var m sql.NullString
	if err := db.SQL().QueryRow("SELECT MAX(month) FROM reviews WHERE frozen_at IS NOT NULL").Scan(&m); err != nil {
		return "", backend.Errorf(backend.Internal, "read the reviews: %v", err)
	}
	return m.String, nil
}

// Summary is one review in the list of past reviews.
type Summary struct {
	Month     string     `json:"month"`
	Title     string     `json:"title"`
	Status    Status     `json:"status"`
	Step      string     `json:"step"`
	StartedAt time.Time  `json:"started_at"`
	UpdatedAt time.Time  `json:"updated_at"`
	FrozenAt  *time.Time `json:"frozen_at"`
	Decisions int        `json:"decisions"`
	// ImportsSince counts the imports and undos after the freeze: when it
	// is not 0, opening the review checks for a restatement.
	ImportsSince int `json:"imports_since_freeze"`
}

// List returns every review, newest month first.
func List(db *workspace.DB) ([]Summary, error) {
	rows, err := db.SQL().Query(`SELECT r.month, r.step, r.started_at, r.updated_at, r.frozen_at,
		CASE WHEN r.frozen_at IS NULL
			THEN (SELECT COUNT(*) FROM decisions d WHERE d.origin = 'review' AND d.origin_ref = r.month)
			ELSE (SELECT COUNT(*) FROM review_decisions d WHERE d.month = r.month) END,
		CASE WHEN r.frozen_at IS NULL THEN 0 ELSE
			(SELECT COUNT(*) FROM imports i WHERE i.at > r.frozen_at OR i.undone_at > r.frozen_at) END
		FROM reviews r ORDER BY r.month DESC`)
	if err != nil {
		return nil, backend.Errorf(backend.Internal, "list the reviews: %v", err)
	}
	defer rows.Close()
	out := []Summary{}
	for rows.Next() {
		var s Summary
		var started, updated int64
		var frozen sql.NullInt64
		if err := rows.Scan(&s.Month, &s.Step, &started, &updated, &frozen, &s.Decisions, &s.ImportsSince); err != nil {
			return nil, backend.Errorf(backend.Internal, "list the reviews: %v", err)
		}
		s.Title, s.Status = MonthTitle(s.Month), InProgress
		s.StartedAt, s.UpdatedAt = time.Unix(started, 0).UTC(), time.Unix(updated, 0).UTC()
		if frozen.Valid {
			t := time.Unix(frozen.Int64, 0).UTC()
			s.FrozenAt, s.Status = &t, Frozen
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
