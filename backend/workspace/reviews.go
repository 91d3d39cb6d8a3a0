package workspace

import (
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// The monthly reviews: each month's row (the step the founder is on, the
// notes, and once frozen the snapshot), its steps' notes, the checklist's
// answers, the decisions, and the source files behind a frozen review.
// Triggers refuse any change to a frozen review (migration 0005).

// ReviewRow is one month's review.
type ReviewRow struct {
	Month, Step, Notes string
	Started, Updated   time.Time
	FrozenAt           *time.Time
	Snapshot           string // JSON, set when frozen
}

// Review reads month's review (YYYY-MM); nil when it was never started.
func (db *DB) Review(month string) (*ReviewRow, error) { return review(db.sql, month) }

func review(q interface {
	QueryRow(string, ...any) *sql.Row
}, month string) (*ReviewRow, error) {
	var r ReviewRow
	var started, updated int64
	var frozen sql.NullInt64
	var snap sql.NullString
	err := q.QueryRow(`SELECT month, step, notes, started_at, updated_at, frozen_at, snapshot FROM reviews WHERE month = ?`, month).
		Scan(&r.Month, &r.Step, &r.Notes, &started, &updated, &frozen, &snap)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, internal("read the review", err)
	}
	r.Started, r.Updated = time.Unix(started, 0).UTC(), time.Unix(updated, 0).UTC()
	r.FrozenAt = timep(frozen)
	r.Snapshot = snap.String
	return &r, nil
}

// ReviewSummary is one review in the list of reviews.
type ReviewSummary struct {
	ReviewRow
	Decisions int
	// ImportsSince counts the imports and undos after the freeze.
	ImportsSince int
}

// Reviews lists every review, newest month first (without snapshots).
func (db *DB) Reviews() ([]ReviewSummary, error) {
	rows, err := db.sql.Query(`SELECT r.month, r.step, r.started_at, r.updated_at, r.frozen_at,
		(SELECT COUNT(*) FROM review_decisions d WHERE d.month = r.month),
		CASE WHEN r.frozen_at IS NULL THEN 0 ELSE
			(SELECT COUNT(*) FROM imports i WHERE i.at > r.frozen_at OR i.undone_at > r.frozen_at) END
		FROM reviews r ORDER BY r.month DESC`)
	if err != nil {
		return nil, internal("list the reviews", err)
	}
	defer rows.Close()
	var out []ReviewSummary
	for rows.Next() {
		var s ReviewSummary
		var started, updated int64
		var frozen sql.NullInt64
		if err := rows.Scan(&s.Month, &s.Step, &started, &updated, &frozen, &s.Decisions, &s.ImportsSince); err != nil {
			return nil, internal("list the reviews", err)
		}
		s.Started, s.Updated = time.Unix(started, 0).UTC(), time.Unix(updated, 0).UTC()
		s.FrozenAt = timep(frozen)
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, internal("list the reviews", err)
	}
	return out, nil
}

// LastFrozenReview is the latest frozen month (YYYY-MM), "" when none is.
func (db *DB) LastFrozenReview() (string, error) {
	var m sql.NullString
	if err := db.sql.QueryRow("SELECT MAX(month) FROM reviews WHERE frozen_at IS NOT NULL").Scan(&m); err != nil {
		return "", internal("read the reviews", err)
	}
	return m.String, nil
}

// ReviewDecision is one decision of a review.
type ReviewDecision struct {
	ID    int64  `json:"id"`
	Kind  string `json:"kind"` // keep | change | fix | stop
	What  string `json:"what"`
	Owner string `json:"owner"`
	Due   string `json:"due"` // YYYY-MM-DD
}

// ReviewInputs are what the founder wrote into a review.
type ReviewInputs struct {
	StepNotes map[string]string
	StepDone  map[string]bool
	Answers   map[string][2]string // item → answer, note
	Decisions []ReviewDecision     // in the order they were added
}

// ReviewInputs reads what the founder wrote into month's review.
func (db *DB) ReviewInputs(month string) (*ReviewInputs, error) {
	in := &ReviewInputs{StepNotes: map[string]string{}, StepDone: map[string]bool{}, Answers: map[string][2]string{},
		Decisions: []ReviewDecision{}}
	fail := func(err error) (*ReviewInputs, error) { return nil, internal("read the review", err) }
	rows, err := db.sql.Query("SELECT step, note, done_at FROM review_steps WHERE month = ?", month)
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
		in.StepNotes[step], in.StepDone[step] = note, done.Valid
	}
	rows.Close()
	rows, err = db.sql.Query("SELECT item, answer, note FROM review_answers WHERE month = ?", month)
	if err != nil {
		return fail(err)
	}
	for rows.Next() {
		var item, answer, note string
		if err := rows.Scan(&item, &answer, &note); err != nil {
			rows.Close()
			return fail(err)
		}
		in.Answers[item] = [2]string{answer, note}
	}
	rows.Close()
	rows, err = db.sql.Query("SELECT id, kind, what, owner, due FROM review_decisions WHERE month = ? ORDER BY id", month)
	if err != nil {
		return fail(err)
	}
	defer rows.Close()
	for rows.Next() {
		var d ReviewDecision
		if err := rows.Scan(&d.ID, &d.Kind, &d.What, &d.Owner, &d.Due); err != nil {
			return fail(err)
		}
		in.Decisions = append(in.Decisions, d)
	}
	if err := rows.Err(); err != nil {
		return fail(err)
	}
	return in, nil
}

// ReviewEdit changes one review inside EditReview's transaction.
type ReviewEdit struct {
	tx    *sql.Tx
	month string
}

// EditReview runs fn in one transaction on month's review, creating the
// review (on step first) when needed and touching its updated_at at now.
// A frozen review refuses it: the error's message says "frozen".
func (db *DB) EditReview(month, first string, now time.Time, fn func(*ReviewEdit) error) error {
	tx, err := db.sql.Begin()
	if err != nil {
		return internal("save the review", err)
	}
	defer tx.Rollback()
	at := now.Unix()
	if _, err := tx.Exec(`INSERT INTO reviews(month, step, started_at, updated_at) VALUES(?, ?, ?, ?)
		ON CONFLICT(month) DO UPDATE SET updated_at = excluded.updated_at`, month, first, at, at); err != nil {
		return internal("save the review", err)
	}
	if err := fn(&ReviewEdit{tx: tx, month: month}); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return internal("save the review", err)
	}
	return nil
}

func (e *ReviewEdit) exec(q string, args ...any) (sql.Result, error) {
	res, err := e.tx.Exec(q, args...)
	if err != nil {
		return nil, internal("save the review", err)
	}
	return res, nil
}

// SetStep records the step the founder is on.
func (e *ReviewEdit) SetStep(step string) error {
	_, err := e.exec("UPDATE reviews SET step = ? WHERE month = ?", step, e.month)
	return err
}

// SaveStep saves a step's note and whether it is done (doneAt; nil: not
// done). A step done before keeps the time it was first done.
func (e *ReviewEdit) SaveStep(step, note string, doneAt *time.Time) error {
	var done any
	if doneAt != nil {
		done = doneAt.Unix()
	}
	if _, err := e.exec(`INSERT INTO review_steps(month, step, note, done_at) VALUES(?, ?, ?, ?)
		ON CONFLICT(month, step) DO UPDATE SET note = excluded.note,
		done_at = CASE WHEN excluded.done_at IS NULL THEN NULL ELSE COALESCE(review_steps.done_at, excluded.done_at) END`,
		e.month, step, note, done); err != nil {
		return err
	}
	return e.SetStep(step)
}

// SetAnswer saves a checklist answer with its note; "" clears it.
func (e *ReviewEdit) SetAnswer(item, answer, note string) error {
	if answer == "" {
		_, err := e.exec("DELETE FROM review_answers WHERE month = ? AND item = ?", e.month, item)
		return err
	}
	_, err := e.exec(`INSERT INTO review_answers(month, item, answer, note) VALUES(?, ?, ?, ?)
		ON CONFLICT(month, item) DO UPDATE SET answer = excluded.answer, note = excluded.note`, e.month, item, answer, note)
	return err
}

// SetNotes saves the review's notes.
func (e *ReviewEdit) SetNotes(notes string) error {
	_, err := e.exec("UPDATE reviews SET notes = ? WHERE month = ?", notes, e.month)
	return err
}

// AddDecision adds a decision made at and returns its id.
func (e *ReviewEdit) AddDecision(d ReviewDecision, at time.Time) (int64, error) {
	res, err := e.exec(`INSERT INTO review_decisions(month, kind, what, owner, due, created_at) VALUES(?, ?, ?, ?, ?, ?)`,
		e.month, d.Kind, d.What, d.Owner, d.Due, at.Unix())
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// UpdateDecision changes a decision; false when the review has none with
// its id.
func (e *ReviewEdit) UpdateDecision(d ReviewDecision) (bool, error) {
	res, err := e.exec(`UPDATE review_decisions SET kind = ?, what = ?, owner = ?, due = ? WHERE id = ? AND month = ?`,
		d.Kind, d.What, d.Owner, d.Due, d.ID, e.month)
	if err != nil {
		return false, err
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

// DeleteDecision removes a decision; false when the review has none with
// that id.
func (e *ReviewEdit) DeleteDecision(id int64) (bool, error) {
	res, err := e.exec(`DELETE FROM review_decisions WHERE id = ? AND month = ?`, id, e.month)
	if err != nil {
		return false, err
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

// ReviewSource is one imported file behind a review's numbers.
type ReviewSource struct {
	ImportID   int64      `json:"import_id"`
	File       string     `json:"file"`
	SHA256     string     `json:"sha256"`
	Source     string     `json:"source"`
	Kind       string     `json:"kind"`
	ImportedAt time.Time  `json:"imported_at"`
	Read       int        `json:"read"`
	Imported   int        `json:"imported"`
	Updated    int        `json:"updated"`
	Rows       int64      `json:"rows"` // rows of the workspace that came from it
	First      *time.Time `json:"first"`
	Last       *time.Time `json:"last"`
}

// ReviewSources reads the sources stored with month's frozen review.
func (db *DB) ReviewSources(month string) ([]ReviewSource, error) {
	rows, err := db.sql.Query(`SELECT import_id, file, sha256, source, kind, imported_at, read, imported, updated, rows, first, last
		FROM review_sources WHERE month = ? ORDER BY import_id`, month)
	if err != nil {
		return nil, internal("read the review's sources", err)
	}
	defer rows.Close()
	var out []ReviewSource
	for rows.Next() {
		var s ReviewSource
		var at int64
		var first, last sql.NullInt64
		if err := rows.Scan(&s.ImportID, &s.File, &s.SHA256, &s.Source, &s.Kind, &at, &s.Read, &s.Imported, &s.Updated, &s.Rows, &first, &last); err != nil {
			return nil, internal("read the review's sources", err)
		}
		s.ImportedAt = time.Unix(at, 0).UTC()
		s.First, s.Last = timep(first), timep(last)
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, internal("read the review's sources", err)
	}
	return out, nil
}

// StateMark fingerprints what the numbers depend on besides the records:
// the import history, the settings and the exchange rates.
func (db *DB) StateMark() (string, error) { return stateMark(db.sql) }

func stateMark(q interface {
	QueryRow(string, ...any) *sql.Row
}) (string, error) {
	var n, maxID, undone int64
	var settings, rates sql.NullString
	err := q.QueryRow(`SELECT (SELECT COUNT(*) FROM imports), (SELECT COALESCE(MAX(id), 0) FROM imports),
		(SELECT COALESCE(MAX(undone_at), 0) FROM imports),
		(SELECT group_concat(key || '=' || value, ';') FROM (SELECT key, value FROM settings ORDER BY key)),
		(SELECT group_concat(currency || month || '=' || rate, ';') FROM (SELECT * FROM exchange_rates ORDER BY currency, month))`).
		Scan(&n, &maxID, &undone, &settings, &rates)
	if err != nil {
		return "", internal("read the workspace state", err)
	}
	return fmt.Sprintf("%d/%d/%d/%s/%s", n, maxID, undone, settings.String, rates.String), nil
}

// FreezeReview freezes month's review at at in one transaction: its row
// (created on step when needed), its snapshot and its sources. It does
// nothing and returns false when the workspace's StateMark is no longer
// mark: an import, an undo or a rule change came in between, and the
// snapshot no longer matches the data.
func (db *DB) FreezeReview(month, step string, at time.Time, snapshot string, sources []ReviewSource, mark string) (bool, error) {
	tx, err := db.sql.Begin()
	if err != nil {
		return false, internal("save the review", err)
	}
	defer tx.Rollback()
	if now, err := stateMark(tx); err != nil {
		return false, err
	} else if now != mark {
		return false, nil
	}
	t := at.Unix()
	if _, err := tx.Exec(`INSERT INTO reviews(month, step, started_at, updated_at) VALUES(?, ?, ?, ?)
		ON CONFLICT(month) DO NOTHING`, month, step, t, t); err != nil {
		return false, internal("save the review", err)
	}
	for _, src := range sources {
		_, err := tx.Exec(`INSERT INTO review_sources(month, import_id, file, sha256, source, kind, imported_at, read, imported, updated, rows, first, last)
			VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, month, src.ImportID, src.File, src.SHA256, src.Source, src.Kind,
			src.ImportedAt.Unix(), src.Read, src.Imported, src.Updated, src.Rows, unixOf(src.First), unixOf(src.Last))
		if err != nil {
			return false, internal("save the review", err)
		}
	}
	if _, err := tx.Exec(`UPDATE reviews SET frozen_at = ?, snapshot = ?, step = ?, updated_at = ? WHERE month = ?`,
		t, snapshot, step, t, month); err != nil {
		return false, internal("save the review", err)
	}
	if err := tx.Commit(); err != nil {
		return false, internal("save the review", err)
	}
	return true, nil
}

func unixOf(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.Unix()
}

// ImportRows is what one import holds of one table: how many rows, and
// the dates of the first and last (each table's own date column).
type ImportRows struct {
	Import      int64
	Table       string
	Rows        int64
	First, Last *time.Time
}

// recordTables are the tables of imported records a review counts, with
// the column that dates each record.
var recordTables = []struct{ name, date string }{
	{"customers", "created"},
	{"subscriptions", "COALESCE(start, created)"},
	{"invoices", "date"},
	{"payments", "created"},
	{"tickets", "created"},
	{"events", "time"},
	{"flags", "created"},
}

// RecordTables are the tables ImportedRows counts, in that order.
func RecordTables() []string {
	out := make([]string, len(recordTables))
	for i, t := range recordTables {
		out[i] = t.name
	}
	return out
}

// ImportedRows counts the rows each import holds in each of the record
// tables (customers, subscriptions, invoices, payments, tickets, events, flags).
func (db *DB) ImportedRows() ([]ImportRows, error) {
	var out []ImportRows
	for _, t := range recordTables {
		q := fmt.Sprintf("SELECT import_id, COUNT(*), MIN(%[2]s), MAX(%[2]s) FROM %[1]s GROUP BY import_id", t.name, t.date)
		rows, err := db.sql.Query(q)
		if err != nil {
			return nil, internal("summarise "+t.name, err)
		}
		for rows.Next() {
			r := ImportRows{Table: t.name}
			var first, last sql.NullInt64
			if err := rows.Scan(&r.Import, &r.Rows, &first, &last); err != nil {
				rows.Close()
				return nil, internal("summarise "+t.name, err)
			}
			r.First, r.Last = timep(first), timep(last)
			out = append(out, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, internal("summarise "+t.name, err)
		}
	}
	return out, nil
}
