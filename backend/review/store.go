package review

import (
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

// edit runs fn in a transaction on the review of m, creating it when
// needed, refusing a frozen one, and touching updated_at.
func edit(db *workspace.DB, m backend.Month, fn func(e *workspace.ReviewEdit) error) error {
	return begin(db, m, false, fn)
}

// begin is edit, creating the review of a month that has not ended only
// when early says the founder chose to start it before its end.
func begin(db *workspace.DB, m backend.Month, early bool, fn func(e *workspace.ReviewEdit) error) error {
	if err := checkMonth(db, m); err != nil {
		return err
	}
	s, err := db.Review(m.String())
	if err != nil {
		return err
	}
	if s != nil && s.FrozenAt != nil {
		return frozenError(m, *s.FrozenAt)
	}
	if s == nil && !early {
		if err := checkEnded(db, m); err != nil {
			return err
		}
	}
	if err := db.EditReview(m.String(), StepFreshness, db.Now(), fn); err != nil {
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

// Start begins (or resumes) the review of month; it is saved at once. A
// month that has not ended is refused: its numbers still move (StartEarly).
func Start(db *workspace.DB, m backend.Month) error {
	return edit(db, m, func(*workspace.ReviewEdit) error { return nil })
}

// StartEarly begins the review of a month before it has ended, on
// purpose: its numbers keep moving until the month ends.
func StartEarly(db *workspace.DB, m backend.Month) error {
	return begin(db, m, true, func(*workspace.ReviewEdit) error { return nil })
}

// SetStep records the step the founder is on.
func SetStep(db *workspace.DB, m backend.Month, step string) error {
	if !knownStep(step) {
		return stepError(step)
	}
	return edit(db, m, func(e *workspace.ReviewEdit) error { return e.SetStep(step) })
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
	var doneAt *time.Time
	if done {
		now := db.Now()
		doneAt = &now
	}
	return edit(db, m, func(e *workspace.ReviewEdit) error { return e.SaveStep(step, note, doneAt) })
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
	return edit(db, m, func(e *workspace.ReviewEdit) error { return e.SetAnswer(item, answer, note) })
}

// SaveNotes saves the review's notes.
func SaveNotes(db *workspace.DB, m backend.Month, notes string) error {
	notes, err := cleanText("notes", notes, false)
	if err != nil {
		return err
	}
	return edit(db, m, func(e *workspace.ReviewEdit) error { return e.SetNotes(notes) })
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

// AddDecision adds a decision and returns it with its id.
func AddDecision(db *workspace.DB, m backend.Month, d Decision) (Decision, error) {
	d, err := checkDecision(d)
	if err != nil {
		return d, err
	}
	err = edit(db, m, func(e *workspace.ReviewEdit) error {
		var err error
		d.ID, err = e.AddDecision(d, db.Now())
		return err
	})
	return d, err
}

// UpdateDecision changes a decision of the review.
func UpdateDecision(db *workspace.DB, m backend.Month, d Decision) error {
	d, err := checkDecision(d)
	if err != nil {
		return err
	}
	return edit(db, m, func(e *workspace.ReviewEdit) error {
		found, err := e.UpdateDecision(d)
		if err == nil && !found {
			err = backend.Errorf(backend.NotFound, "The review of %s has no decision number %d.", m.Title(), d.ID)
		}
		return err
	})
}

// DeleteDecision removes a decision of the review.
func DeleteDecision(db *workspace.DB, m backend.Month, id int64) error {
	return edit(db, m, func(e *workspace.ReviewEdit) error {
		found, err := e.DeleteDecision(id)
		if err == nil && !found {
			err = backend.Errorf(backend.NotFound, "The review of %s has no decision number %d.", m.Title(), id)
		}
		return err
	})
}
