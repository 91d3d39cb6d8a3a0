package review

import (
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
	s, err := db.Review(month)
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
	case s != nil && s.FrozenAt != nil:
		r.Status, r.Step, r.Notes = Frozen, s.Step, s.Notes
		r.StartedAt, r.UpdatedAt, r.FrozenAt = &s.Started, &s.Updated, s.FrozenAt
		if c, err = readSnapshot(s.Snapshot); err != nil {
			return nil, err
		}
		if r.Sources, err = db.ReviewSources(month); err != nil {
			return nil, err
		}
		if r.Restatement, err = restate(db, m, c, *s.FrozenAt); err != nil {
			return nil, err
		}
	default:
		if s != nil {
			r.Status, r.Step, r.Notes = InProgress, s.Step, s.Notes
			r.StartedAt, r.UpdatedAt = &s.Started, &s.Updated
		}
		if c, err = compute(db, m, now, true); err != nil {
			return nil, err
		}
		r.Sources = c.sources
	}
	in, err := db.ReviewInputs(month)
	if err != nil {
		return nil, err
	}
	r.BaseCurrency, r.Rules, r.Figures = c.Figures.BaseCurrency, c.Figures.Rules, c.Figures
	r.Warnings, r.Unavailable, r.Stage = nonNil(c.Warnings), nonNil(c.Unavailable), c.Stage
	r.Checklist, r.Decisions = checklist(in, c.Hints), in.Decisions
	r.Steps = append(append([]Step(nil), c.Steps...),
		Step{ID: StepChecklist, Reading: checklistReading(r.Checklist)},
		Step{ID: StepDecisions, Numbers: numbers(c.Figures, decisionsFields), Reading: decisionsReading(r.Decisions)})
	if r.Due, err = dueDecisions(db, m, c.Figures.BaseCurrency); err != nil {
		return nil, err
	}
	for i := range r.Steps {
		st := &r.Steps[i]
		st.Title = stepTitles[st.ID]
		st.Note, st.Done = in.StepNotes[st.ID], in.StepDone[st.ID]
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
	m, err := db.LastFrozenReview()
	if err != nil || m == "" {
		return nil, err
	}
	v, err := backend.ParseMonth(m)
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
	rows, err := db.Reviews()
	if err != nil {
		return nil, err
	}
	out := []Summary{}
	for _, r := range rows {
		m, err := backend.ParseMonth(r.Month)
		if err != nil {
			return nil, backend.Errorf(backend.Internal, "list the reviews: %v", err)
		}
		s := Summary{Month: m, Title: m.Title(), Status: InProgress, Step: r.Step, StartedAt: r.Started, UpdatedAt: r.Updated,
			FrozenAt: r.FrozenAt, Decisions: r.Decisions, ImportsSince: r.ImportsSince}
		if r.FrozenAt != nil {
			s.Status = Frozen
		}
		out = append(out, s)
	}
	return out, nil
}
