package review

import (
	"database/sql"
	"time"

	"keel/backend"
	"keel/backend/workspace"
)

// inputs are what the founder wrote into a review.
type inputs struct {
	stepNotes map[string]string
	stepDone  map[string]bool
	answers   map[string][2]string // item → answer, note
	decisions []Decision
}

func loadInputs(db *workspace.DB, month string) (*inputs, error) {
	in := &inputs{stepNotes: map[string]string{}, stepDone: map[string]bool{}, answers: map[string][2]string{}, decisions: []Decision{}}
	fail := func(err error) (*inputs, error) {
		return nil, backend.Errorf(backend.Internal, "read the review: %v", err)
	}
	rows, err := db.SQL().Query("SELECT step, note, done_at FROM review_steps WHERE month = ?", month)
	if err != nil {
		return fail(err)
	}
	for rows.Next() {
		var step, note string
		var done sql.NullInt64
		if err := rows.Scan(&step, &note, &done); err != nil {
			rows.Close()
			return fail(err)
		}
		in.stepNotes[step], in.stepDone[step] = note, done.Valid
	}
	rows.Close()
	rows, err = db.SQL().Query("SELECT item, answer, note FROM review_answers WHERE month = ?", month)
	if err != nil {
		return fail(err)
	}
	for rows.Next() {
		var item, answer, note string
		if err := rows.Scan(&item, &answer, &note); err != nil {
			rows.Close()
			return fail(err)
		}
		in.answers[item] = [2]string{answer, note}
	}
	rows.Close()
	// A frozen review shows the decisions copied at its freeze; an open
	// one, its decisions in the log.
	var frozen sql.NullInt64
	if err := db.SQL().QueryRow("SELECT frozen_at FROM reviews WHERE month = ?", month).Scan(&frozen); err != nil && err != sql.ErrNoRows {
		return fail(err)
	}
	if !frozen.Valid {
		log, err := db.DecisionsFrom(backend.OriginReview, month)
		if err != nil {
			return nil, err
		}
		for _, d := range log {
			in.decisions = append(in.decisions, Decision{ID: d.ID, Kind: d.Kind, What: d.What, Owner: d.Owner, Due: d.ReviewOn})
		}
		return in, nil
	}
	rows, err = db.SQL().Query("SELECT id, kind, what, owner, due FROM review_decisions WHERE month = ? ORDER BY id", month)
	if err != nil {
		return fail(err)
	}
	defer rows.Close()
	for rows.Next() {
		var d Decision
		if err := rows.Scan(&d.ID, &d.Kind, &d.What, &d.Owner, &d.Due); err != nil {
			return fail(err)
		}
		in.decisions = append(in.decisions, d)
	}
	if err := rows.Err(); err != nil {
		return fail(err)
	}
	return in, nil
}

// checklist merges the items, the answers and the data's hints.
func (in *inputs) checklist(hints map[string]string) []CheckItem {
	out := CheckItems()
	for i := range out {
		a := in.answers[out[i].ID]
		out[i].Answer, out[i].Note, out[i].Hint = a[0], a[1], hints[out[i].ID]
	}
	return out
}

// frozenSources reads the sources stored with a frozen review.
func frozenSources(db *workspace.DB, month string) ([]Source, error) {
	rows, err := db.SQL().Query(`SELECT import_id, file, sha256, source, kind, imported_at, read, imported, updated, rows, first, last
		FROM review_sources WHERE month = ? ORDER BY import_id`, month)
	if err != nil {
		return nil, backend.Errorf(backend.Internal, "read the review's sources: %v", err)
	}
	defer rows.Close()
	var out []Source
	for rows.Next() {
		var s Source
		var at int64
		var first, last sql.NullInt64
		if err := rows.Scan(&s.ImportID, &s.File, &s.SHA256, &s.Source, &s.Kind, &at, &s.Read, &s.Imported, &s.Updated, &s.Rows, &first, &last); err != nil {
			return nil, backend.Errorf(backend.Internal, "read the review's sources: %v", err)
		}
		s.ImportedAt = time.Unix(at, 0).UTC()
		s.First, s.Last = unixTime(first), unixTime(last)
		out = append(out, s)
	}
	return out, rows.Err()
}
