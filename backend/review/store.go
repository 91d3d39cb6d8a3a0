package review

import (
	"database/sql"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"keel/backend"
	"keel/backend/workspace"
)

// Progress is saved at every step: each Save function below writes at
// once, creating the review on first use. A frozen review refuses them.

// DecisionKinds are the kinds of decision, in the order they are shown.
var DecisionKinds = []string{"keep", "change", "fix", "stop"}

// maxText caps what the founder types into one field.
const maxText = 10000

// stored is a review's row.
type stored struct {
	month, step, notes string
	started, updated   time.Time
	frozenAt           *time.Time
	snapshot           string
}

func loadStored(q interface {
	QueryRow(string, ...any) *sql.Row
}, month string) (*stored, error) {
	var s stored
	var started, updated int64
	var frozen sql.NullInt64
	var snap sql.NullString
	err := q.QueryRow(`SELECT month, step, notes, started_at, updated_at, frozen_at, snapshot FROM reviews WHERE month = ?`, month).
		Scan(&s.month, &s.step, &s.notes, &started, &updated, &frozen, &snap)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, backend.Errorf(backend.Internal, "read the review: %v", err)
	}
	s.started, s.updated = time.Unix(started, 0).UTC(), time.Unix(updated, 0).UTC()
	if frozen.Valid {
		t := time.Unix(frozen.Int64, 0).UTC()
		s.frozenAt = &t
	}
	s.snapshot = snap.String
	return &s, nil
}

// edit runs fn in a transaction on the review of month, creating it when
// needed, refusing a frozen one, and touching updated_at.
func edit(db *workspace.DB, m backend.Month, fn func(tx *sql.Tx) error) error {
	if err := checkMonth(db, m); err != nil {
		return err
	}
	month := m.String()
	s, err := loadStored(db.SQL(), month)
	if err != nil {
		return err
	}
	if s != nil && s.frozenAt != nil {
		return frozenError(m, *s.frozenAt)
	}
	now := db.Now().Unix()
	tx, err := db.SQL().Begin()
	if err != nil {
		return backend.Errorf(backend.Internal, "save the review: %v", err)
	}
	defer tx.Rollback()
	_, err = tx.Exec(`INSERT INTO reviews(month, step, started_at, updated_at) VALUES(?, ?, ?, ?)
		ON CONFLICT(month) DO UPDATE SET updated_at = excluded.updated_at`, month, StepFreshness, now, now)
	if err != nil {
		return saveError(m, err)
	}
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return saveError(m, err)
	}
	return nil
}

func frozenError(m backend.Month, at time.Time) error {
	return backend.Errorf(backend.Conflict, "The review of %s was frozen on %s; it can be read, not changed.", m.Title(), day(at))
}

func saveError(m backend.Month, err error) error {
	if strings.Contains(err.Error(), "frozen") {
		return backend.Errorf(backend.Conflict, "The review of %s is frozen; it can be read, not changed.", m.Title())
	}
	var be *backend.Error
	if errors.As(err, &be) {
		return err
	}
	return backend.Errorf(backend.Internal, "save the review: %v", err)
}

func cleanText(what, s string, required bool) (string, error) {
	s = strings.TrimSpace(s)
	if required && s == "" {
		return "", backend.Errorf(backend.Invalid, "The %s is empty; write it in a few words.", what)
	}
	if utf8.RuneCountInString(s) > maxText {
		return "", backend.Errorf(backend.Invalid, "The %s is longer than %d characters; keep it short.", what, maxText)
	}
	return s, nil
}

func knownStep(step string) bool {
	for _, s := range StepIDs {
		if s == step {
			return true
		}
	}
	return false
}

func stepError(step string) error {
	return backend.Errorf(backend.Invalid, "There is no review step %q (the steps are %s).", step, strings.Join(StepIDs, ", "))
}

// Start begins (or resumes) the review of month; it is saved at once.
func Start(db *workspace.DB, m backend.Month) error {
	return edit(db, m, func(*sql.Tx) error { return nil })
}

// SetStep records the step the founder is on.
func SetStep(db *workspace.DB, m backend.Month, step string) error {
	if !knownStep(step) {
		return stepError(step)
	}
	month := m.String()
	return edit(db, m, func(tx *sql.Tx) error {
		_, err := tx.Exec("UPDATE reviews SET step = ? WHERE month = ?", step, month)
		return saveErr(m, err)
	})
}

// SaveStep saves the founder's note on a step and whether it is done.
func SaveStep(db *workspace.DB, m backend.Month, step, note string, done bool) error {
	if !knownStep(step) {
		return stepError(step)
	}
	note, err := cleanText("note", note, false)
	if err != nil {
		return err
	}
	var doneAt any
	if done {
		doneAt = db.Now().Unix()
	}
	month := m.String()
	return edit(db, m, func(tx *sql.Tx) error {
		_, err := tx.Exec(`INSERT INTO review_steps(month, step, note, done_at) VALUES(?, ?, ?, ?)
			ON CONFLICT(month, step) DO UPDATE SET note = excluded.note,
			done_at = CASE WHEN excluded.done_at IS NULL THEN NULL ELSE COALESCE(review_steps.done_at, excluded.done_at) END`,
			month, step, note, doneAt)
		if err == nil {
			_, err = tx.Exec("UPDATE reviews SET step = ? WHERE month = ?", step, month)
		}
		return saveErr(m, err)
	})
}

// Answer saves the answer to one failure mode of the checklist: yes, no
// or unsure, with a note; an empty answer clears it.
func Answer(db *workspace.DB, m backend.Month, item, answer, note string) error {
	if !knownItem(item) {
		return backend.Errorf(backend.Invalid, "There is no checklist item %q.", item)
	}
	answer = strings.ToLower(strings.TrimSpace(answer))
	if answer != "" && answer != "yes" && answer != "no" && answer != "unsure" {
		return backend.Errorf(backend.Invalid, "Answer yes, no or unsure, not %q.", answer)
	}
	note, err := cleanText("note", note, false)
	if err != nil {
		return err
	}
	month := m.String()
	return edit(db, m, func(tx *sql.Tx) error {
		var err error
		if answer == "" {
			_, err = tx.Exec("DELETE FROM review_answers WHERE month = ? AND item = ?", month, item)
		} else {
			_, err = tx.Exec(`INSERT INTO review_answers(month, item, answer, note) VALUES(?, ?, ?, ?)
				ON CONFLICT(month, item) DO UPDATE SET answer = excluded.answer, note = excluded.note`, month, item, answer, note)
		}
		return saveErr(m, err)
	})
}

// SaveNotes saves the review's notes.
func SaveNotes(db *workspace.DB, m backend.Month, notes string) error {
	notes, err := cleanText("notes", notes, false)
	if err != nil {
		return err
	}
	month := m.String()
	return edit(db, m, func(tx *sql.Tx) error {
		_, err := tx.Exec("UPDATE reviews SET notes = ? WHERE month = ?", notes, month)
		return saveErr(m, err)
	})
}

// checkDecision validates and tidies a decision.
func checkDecision(d Decision) (Decision, error) {
	d.Kind = strings.ToLower(strings.TrimSpace(d.Kind))
	ok := false
	for _, k := range DecisionKinds {
		ok = ok || k == d.Kind
	}
	if !ok {
		return d, backend.Errorf(backend.Invalid, "A decision is keep, change, fix or stop, not %q.", d.Kind)
	}
	var err error
	if d.What, err = cleanText("decision", d.What, true); err != nil {
		return d, err
	}
	if d.Owner, err = cleanText("owner", d.Owner, true); err != nil {
		return d, backend.Errorf(backend.Invalid, "Every decision needs an owner: who will see it through?")
	}
	d.Due = strings.TrimSpace(d.Due)
	if _, err := time.Parse("2006-01-02", d.Due); err != nil {
		return d, backend.Errorf(backend.Invalid, "Every decision needs a date, written YYYY-MM-DD (not %q).", d.Due)
	}
	return d, nil
}

// The review's decisions live in the decision log (backend/decisions),
// made at origin "review" with the month as reference; Freeze copies
// them into the frozen review.

// AddDecision adds a decision and returns it with its id.
func AddDecision(db *workspace.DB, m backend.Month, d Decision) (Decision, error) {
	d, err := checkDecision(d)
	if err != nil {
		return d, err
	}
	if err := edit(db, m, func(*sql.Tx) error { return nil }); err != nil {
		return d, err
	}
	saved, err := db.SaveDecision(backend.Decision{Kind: d.Kind, What: d.What, Owner: d.Owner, ReviewOn: d.Due,
		Made: db.Now().In(db.Location()).Format("2006-01-02"), Status: backend.DecisionMade,
		Origin: backend.OriginReview, OriginRef: m.String()})
	if err != nil {
		return d, err
	}
	d.ID = saved.ID
	return d, nil
}

// reviewDecision reads decision id of the review of month m from the log.
func reviewDecision(db *workspace.DB, m backend.Month, id int64) (backend.Decision, error) {
	ld, err := db.Decision(id)
	if err != nil || ld.Origin != backend.OriginReview || ld.OriginRef != m.String() {
		return ld, backend.Errorf(backend.NotFound, "The review of %s has no decision number %d.", m.Title(), id)
	}
	return ld, nil
}

// UpdateDecision changes a decision of the review.
func UpdateDecision(db *workspace.DB, m backend.Month, d Decision) error {
	d, err := checkDecision(d)
	if err != nil {
		return err
	}
	if err := edit(db, m, func(*sql.Tx) error { return nil }); err != nil {
		return err
	}
	ld, err := reviewDecision(db, m, d.ID)
	if err != nil {
		return err
	}
	ld.Kind, ld.What, ld.Owner, ld.ReviewOn = d.Kind, d.What, d.Owner, d.Due
	_, err = db.SaveDecision(ld)
	return err
}

// DeleteDecision removes a decision of the review.
func DeleteDecision(db *workspace.DB, m backend.Month, id int64) error {
	if err := edit(db, m, func(*sql.Tx) error { return nil }); err != nil {
		return err
	}
	if _, err := reviewDecision(db, m, id); err != nil {
		return err
	}
	return db.DeleteDecision(id)
}

func saveErr(m backend.Month, err error) error {
	if err == nil {
		return nil
	}
	return saveError(m, err)
}
