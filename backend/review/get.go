package review

import (
	"database/sql"
	"time"

	"keel/backend"
	"keel/backend/workspace"
)

// Get returns the review of month m: the live numbers while it is not
// frozen; once frozen, the frozen numbers, readings and sources, with a
// Restatement when the current data would change them.
func Get(db *workspace.DB, m backend.Month) (*Review, error) {
	if err := checkMonth(db, m); err != nil {
		return nil, err
	}
	month := m.String()
	s, err := loadStored(db.SQL(), month)
	if err != nil {
		return nil, err
	}
	now := db.Now()
	r := &Review{Month: m, Title: m.Title(), Status: NotStarted, Step: StepFreshness}
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
		if c, err = compute(db, m, now, true); err != nil {
			return nil, err
		}
		r.Sources = c.sources
	}
	in, err := loadInputs(db, month)
	if err != nil {
		return nil, err
	}
	r.BaseCurrency, r.Rules, r.Figures = c.Figures.BaseCurrency, c.Figures.Rules, c.Figures
	r.Warnings, r.Unavailable, r.Stage = nonNil(c.Warnings), nonNil(c.Unavailable), c.Stage
	r.Checklist, r.Decisions = in.checklist(c.Hints), in.decisions
	r.Steps = append(append([]Step(nil), c.Steps...),
		Step{ID: StepChecklist, Reading: checklistReading(r.Checklist)},
		Step{ID: StepDecisions, Numbers: numbers(c.Figures, decisionsFields), Reading: decisionsReading(r.Decisions)})
	if r.Due, err = dueDecisions(db, m, c.Figures.BaseCurrency); err != nil {
		return nil, err
	}
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

// lastFrozen is the latest frozen month, nil when none is.
func lastFrozen(db *workspace.DB) (*backend.Month, error) {
	var m sql.NullString
	if err := db.SQL().QueryRow("SELECT MAX(month) FROM reviews WHERE frozen_at IS NOT NULL").Scan(&m); err != nil {
		return nil, backend.Errorf(backend.Internal, "read the reviews: %v", err)
	}
	if !m.Valid {
		return nil, nil
	}
	v, err := backend.ParseMonth(m.String)
	if err != nil {
		return nil, backend.Errorf(backend.Internal, "read the reviews: %v", err)
	}
	return &v, nil
}

// Summary is one review in the list of past reviews.
type Summary struct {
	Month     backend.Month `json:"month"`
	Title     string        `json:"title"`
	Status    Status        `json:"status"`
	Step      string        `json:"step"`
	StartedAt time.Time     `json:"started_at"`
	UpdatedAt time.Time     `json:"updated_at"`
	FrozenAt  *time.Time    `json:"frozen_at"`
	Decisions int           `json:"decisions"`
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
		var month string
		var started, updated int64
		var frozen sql.NullInt64
		if err := rows.Scan(&month, &s.Step, &started, &updated, &frozen, &s.Decisions, &s.ImportsSince); err != nil {
			return nil, backend.Errorf(backend.Internal, "list the reviews: %v", err)
		}
		if s.Month, err = backend.ParseMonth(month); err != nil {
			return nil, backend.Errorf(backend.Internal, "list the reviews: %v", err)
		}
		s.Title, s.Status = s.Month.Title(), InProgress
		s.StartedAt, s.UpdatedAt = time.Unix(started, 0).UTC(), time.Unix(updated, 0).UTC()
		if frozen.Valid {
			t := time.Unix(frozen.Int64, 0).UTC()
			s.FrozenAt, s.Status = &t, Frozen
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
