package decisions

import (
	"keel/backend"
)

// The status moves: made → shipped (a shipped release, or marked done)
// → validated, invalidated or abandoned. Each move is saved at once.

// openDecision reads decision id and refuses one that is closed.
func (l *Log) openDecision(id int64, doing string) (backend.Decision, error) {
	d, err := l.db.Decision(id)
	if err != nil {
		return d, err
	}
	if !open(d) {
		return d, backend.Errorf(backend.Conflict, "Decision %d was %s on %s; reopen it to %s.", d.ID, d.Status, dayWords(d.ClosedOn), doing)
	}
	return d, nil
}

// Link ties an open decision to the release that ships it ("" unlinks):
// it is shipped once that release has.
func (l *Log) Link(id int64, releaseID string) (Entry, error) {
	d, err := l.openDecision(id, "link it to a release")
	if err != nil {
		return Entry{}, err
	}
	if releaseID != "" {
		if _, err := l.release(releaseID); err != nil {
			return Entry{}, err
		}
	}
	if d.ShippedBy == "release" { // shipped by the release it leaves
		d.Status, d.ShippedOn, d.ShippedBy = backend.DecisionMade, "", ""
	}
	d.ReleaseID = releaseID
	if _, err := l.db.SaveDecision(d); err != nil {
		return Entry{}, err
	}
	return l.Get(id)
}

// MarkDone ships a decision that no release carries (a price change, a
// process stopped), today.
func (l *Log) MarkDone(id int64) (Entry, error) {
	d, err := l.openDecision(id, "mark it done")
	if err != nil {
		return Entry{}, err
	}
	if d.Status == backend.DecisionShipped {
		return l.Get(id)
	}
	d.Status, d.ShippedOn, d.ShippedBy = backend.DecisionShipped, l.today(), "done"
	if _, err := l.db.SaveDecision(d); err != nil {
		return Entry{}, err
	}
	return l.Get(id)
}

// Confirm records the outcome, validated or invalidated, on or after the
// review date, with the numbers Keel computed (kept as they are now) and
// the founder's note.
func (l *Log) Confirm(id int64, outcome, note string) (Entry, error) {
	if outcome != backend.DecisionValidated && outcome != backend.DecisionInvalidated {
		return Entry{}, backend.Errorf(backend.Invalid, "The outcome is validated or invalidated, not %q.", outcome)
	}
	note, err := cleanText("note", note, false)
	if err != nil {
		return Entry{}, err
	}
	d, err := l.openDecision(id, "confirm another outcome")
	if err != nil {
		return Entry{}, err
	}
	today := l.today()
	if today < d.ReviewOn {
		return Entry{}, backend.Errorf(backend.Conflict, "Decision %d is reviewed on %s; its numbers can be judged from that day.", d.ID, dayWords(d.ReviewOn))
	}
	rels, err := l.releaseMap()
	if err != nil {
		return Entry{}, err
	}
	d = resolve(d, rels)
	ev, err := propose(d, l.figures)
	if err != nil {
		return Entry{}, err
	}
	d.Status, d.ClosedOn, d.Evidence, d.Note = outcome, today, ev, note
	if _, err := l.db.SaveDecision(d); err != nil {
		return Entry{}, err
	}
	return l.Get(id)
}

// Abandon closes a decision that will not be carried out or judged.
func (l *Log) Abandon(id int64, note string) (Entry, error) {
	note, err := cleanText("note", note, false)
	if err != nil {
		return Entry{}, err
	}
	d, err := l.openDecision(id, "abandon it")
	if err != nil {
		return Entry{}, err
	}
	d.Status, d.ClosedOn, d.Note = backend.DecisionAbandoned, l.today(), note
	if _, err := l.db.SaveDecision(d); err != nil {
		return Entry{}, err
	}
	return l.Get(id)
}

// Reopen takes back an outcome: the decision is shipped again if it was,
// else made, and its evidence is dropped.
func (l *Log) Reopen(id int64) (Entry, error) {
	d, err := l.db.Decision(id)
	if err != nil {
		return Entry{}, err
	}
	if open(d) {
		return l.Get(id)
	}
	d.Status = backend.DecisionMade
	if d.ShippedOn != "" {
		d.Status = backend.DecisionShipped
	}
	d.ClosedOn, d.Evidence = "", nil
	if _, err := l.db.SaveDecision(d); err != nil {
		return Entry{}, err
	}
	return l.Get(id)
}
