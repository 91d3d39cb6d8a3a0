package workspace

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"

	"keel/backend"
)

// Every founder edit of the Feedback area runs in FeedbackEdit: one
// transaction, committed before the call returns (so it survives a crash
// right after), that also pushes the rows it changed, as they were before,
// on the undo stack. FeedbackUndo puts the last edit's rows back.

// maxUndo is how many edits `u` can walk back.
const maxUndo = 500

// undoTable is a founder table the undo stack knows: its key columns and
// every column, keys first.
type undoTable struct {
	key  []string
	cols []string
}

var undoTables = map[string]undoTable{
	"feedback_triage":    {[]string{"item"}, []string{"item", "type", "area", "cluster", "typed_at", "at"}},
	"feedback_clusters":  {[]string{"id"}, []string{"id", "title", "status", "release", "reason", "changelog", "created", "status_at"}},
	"feedback_decisions": {[]string{"id"}, []string{"id", "cluster", "decision", "why", "owner", "date", "created"}},
	"feedback_told":      {[]string{"cluster", "person"}, []string{"cluster", "person", "at"}},
	"feedback_rejects":   {[]string{"item", "grp"}, []string{"item", "grp"}},
	"feedback_notes":     {[]string{"id"}, []string{"id", "created", "source", "email", "name", "account", "title", "text", "added"}},
	"feedback_areas":     {[]string{"id"}, []string{"id", "name", "letter", "position"}},
	// A product note's entry in the decision log moves with the note.
	"decisions": {[]string{"id"}, strings.Split(strings.Join(strings.Fields(decisionCols), ""), ",")},
}

// undoRow is one row as it was before an edit; Before is nil when the row
// did not exist.
type undoRow struct {
	Table  string `json:"t"`
	Key    []any  `json:"k"`
	Before []any  `json:"v"`
}

// FeedbackEditor changes the founder's feedback tables inside one edit.
type FeedbackEditor struct {
	tx    *sql.Tx
	ctx   context.Context
	now   int64
	saved map[string]bool
	undo  []undoRow
	// Triage holds the final triage of every item the edit touched (nil
	// when the item has none left), for the caller's cache.
	Triage map[string]*FeedbackTriage
	// Others is true when the edit changed another table than the triage;
	// Groups when it changed the clusters or the rejected suggestions.
	Others, Groups bool
}

// Now is the edit's clock, in unix seconds.
func (e *FeedbackEditor) Now() int64 { return e.now }

// FeedbackEdit runs fn as one founder edit named label ("Typed 3 items as
// bug"). Nothing is written when fn fails.
func (db *DB) FeedbackEdit(ctx context.Context, label string, fn func(e *FeedbackEditor) error) (*FeedbackEditor, error) {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return nil, internal("start a feedback edit", err)
	}
	defer tx.Rollback()
	e := &FeedbackEditor{tx: tx, ctx: ctx, now: db.unixNow(), saved: map[string]bool{}, Triage: map[string]*FeedbackTriage{}}
	if err := fn(e); err != nil {
		return nil, err
	}
	if len(e.undo) > 0 {
		b, err := json.Marshal(e.undo)
		if err != nil {
			return nil, internal("save a feedback edit", err)
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO feedback_undo(label, at, rows) VALUES (?, ?, ?)", label, e.now, string(b)); err != nil {
			return nil, internal("save a feedback edit", err)
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM feedback_undo WHERE seq <= (SELECT MAX(seq) FROM feedback_undo) - ?", maxUndo); err != nil {
			return nil, internal("save a feedback edit", err)
		}
		if err := edited(ctx, tx, e.now); err != nil {
			return nil, internal("save a feedback edit", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, internal("save a feedback edit", err)
	}
	return e, nil
}

// FeedbackUndo undoes the last edit and returns its label ("" when there
// is nothing to undo) and whether it changed the notes.
func (db *DB) FeedbackUndo(ctx context.Context) (label string, notes bool, err error) {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return "", false, internal("undo a feedback edit", err)
	}
	defer tx.Rollback()
	var seq int64
	var text string
	err = tx.QueryRowContext(ctx, "SELECT seq, label, rows FROM feedback_undo ORDER BY seq DESC LIMIT 1").Scan(&seq, &label, &text)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, internal("undo a feedback edit", err)
	}
	dec := json.NewDecoder(bytes.NewReader([]byte(text)))
	dec.UseNumber()
	var rows []undoRow
	if err := dec.Decode(&rows); err != nil {
		return "", false, internal("undo a feedback edit", err)
	}
	for i := len(rows) - 1; i >= 0; i-- {
		r := rows[i]
		t, ok := undoTables[r.Table]
		if !ok {
			return "", false, backend.Errorf(backend.Internal, "undo a feedback edit: unknown table %q", r.Table)
		}
		notes = notes || r.Table == "feedback_notes"
		if _, err := tx.ExecContext(ctx, "DELETE FROM "+r.Table+" WHERE "+where(t.key), numbers(r.Key)...); err != nil {
			return "", false, internal("undo a feedback edit", err)
		}
		if r.Before != nil {
			if _, err := tx.ExecContext(ctx, "INSERT INTO "+r.Table+"("+strings.Join(t.cols, ", ")+") VALUES ("+marks(len(t.cols))+")", numbers(r.Before)...); err != nil {
				return "", false, internal("undo a feedback edit", err)
			}
		}
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM feedback_undo WHERE seq = ?", seq); err != nil {
		return "", false, internal("undo a feedback edit", err)
	}
	if err := edited(ctx, tx, db.unixNow()); err != nil {
		return "", false, internal("undo a feedback edit", err)
	}
	if err := tx.Commit(); err != nil {
		return "", false, internal("undo a feedback edit", err)
	}
	return label, notes, nil
}

// edited records when the triage last changed.
func edited(ctx context.Context, tx *sql.Tx, at int64) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO feedback_edited(id, at) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET at = excluded.at", at)
	return err
}

// FeedbackEditedAt is when the founder last changed the triage (unix
// seconds), 0 when never.
func (db *DB) FeedbackEditedAt(ctx context.Context) (int64, error) {
	var at int64
	err := db.sql.QueryRowContext(ctx, "SELECT IFNULL(MAX(at), 0) FROM feedback_edited").Scan(&at)
	if err != nil {
		return 0, internal("read when the feedback was triaged", err)
	}
	return at, nil
}

// ClearFeedbackUndo empties the undo stack (the demo's history is not the
// founder's to undo).
func (db *DB) ClearFeedbackUndo(ctx context.Context) error {
	if _, err := db.sql.ExecContext(ctx, "DELETE FROM feedback_undo"); err != nil {
		return internal("clear the feedback undo", err)
	}
	return nil
}

// numbers turns the JSON numbers of a decoded row back into int64.
func numbers(vals []any) []any {
	out := make([]any, len(vals))
	for i, v := range vals {
		if n, ok := v.(json.Number); ok {
			if x, err := n.Int64(); err == nil {
				out[i] = x
				continue
			}
			f, _ := n.Float64()
			out[i] = f
			continue
		}
		out[i] = v
	}
	return out
}

func where(cols []string) string {
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = c + " = ?"
	}
	return strings.Join(parts, " AND ")
}

func marks(n int) string { return strings.TrimSuffix(strings.Repeat("?, ", n), ", ") }

// save records the row of table with key as it is now, once per edit.
func (e *FeedbackEditor) save(table string, key ...any) error {
	id := table
	for _, k := range key {
		id += "\x1f" + toString(k)
	}
	if e.saved[id] {
		return nil
	}
	e.saved[id] = true
	if table != "feedback_triage" {
		e.Others = true
	}
	if table == "feedback_clusters" || table == "feedback_rejects" {
		e.Groups = true
	}
	t := undoTables[table]
	row := make([]any, len(t.cols))
	ptrs := make([]any, len(t.cols))
	for i := range row {
		ptrs[i] = &row[i]
	}
	err := e.tx.QueryRowContext(e.ctx, "SELECT "+strings.Join(t.cols, ", ")+" FROM "+table+" WHERE "+where(t.key), key...).Scan(ptrs...)
	if errors.Is(err, sql.ErrNoRows) {
		row = nil
	} else if err != nil {
		return internal("save a feedback edit", err)
	}
	for i, v := range row {
		if b, ok := v.([]byte); ok {
			row[i] = string(b)
		}
	}
	e.undo = append(e.undo, undoRow{Table: table, Key: key, Before: row})
	return nil
}

func toString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case int64:
		return itoa(x)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func (e *FeedbackEditor) exec(q string, args ...any) error {
	if _, err := e.tx.ExecContext(e.ctx, q, args...); err != nil {
		return internal("save a feedback edit", err)
	}
	return nil
}

// TriageOf reads an item's triage inside the edit (the zero triage when it
// has none).
func (e *FeedbackEditor) TriageOf(item string) (FeedbackTriage, error) {
	t := FeedbackTriage{Item: item}
	var typed sql.NullInt64
	err := e.tx.QueryRowContext(e.ctx, "SELECT type, area, cluster, typed_at, at FROM feedback_triage WHERE item = ?", item).
		Scan(&t.Type, &t.Area, &t.Cluster, &typed, &t.At)
	if errors.Is(err, sql.ErrNoRows) {
		return t, nil
	}
	if err != nil {
		return t, internal("read an item's triage", err)
	}
	if typed.Valid {
		v := typed.Int64
		t.TypedAt = &v
	}
	return t, nil
}

// SetTriage changes an item's triage with change. An item with no type,
// area or cluster left has no row. TypedAt is set the first time the item
// gets a type, and cleared when the type is.
func (e *FeedbackEditor) SetTriage(item string, change func(t *FeedbackTriage)) error {
	if err := e.save("feedback_triage", item); err != nil {
		return err
	}
	t, err := e.TriageOf(item)
	if err != nil {
		return err
	}
	change(&t)
	t.Item, t.At = item, e.now
	switch {
	case t.Type == "":
		t.TypedAt = nil
	case t.TypedAt == nil:
		now := e.now
		t.TypedAt = &now
	}
	if t.Type == "" && t.Area == "" && t.Cluster == "" {
		e.Triage[item] = nil
		return e.exec("DELETE FROM feedback_triage WHERE item = ?", item)
	}
	e.Triage[item] = &t
	return e.exec(`INSERT INTO feedback_triage(item, type, area, cluster, typed_at, at) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT(item) DO UPDATE SET type = excluded.type, area = excluded.area, cluster = excluded.cluster,
		typed_at = excluded.typed_at, at = excluded.at`, item, t.Type, t.Area, t.Cluster, t.TypedAt, t.At)
}

// ClusterOf reads a confirmed cluster inside the edit.
func (e *FeedbackEditor) ClusterOf(id string) (FeedbackCluster, bool, error) {
	var c FeedbackCluster
	err := e.tx.QueryRowContext(e.ctx, "SELECT id, title, status, release, reason, changelog, created, status_at FROM feedback_clusters WHERE id = ?", id).
		Scan(&c.ID, &c.Title, &c.Status, &c.Release, &c.Reason, &c.Changelog, &c.Created, &c.StatusAt)
	if errors.Is(err, sql.ErrNoRows) {
		return c, false, nil
	}
	if err != nil {
		return c, false, internal("read a cluster", err)
	}
	return c, true, nil
}

// Members lists the items of a confirmed cluster inside the edit.
func (e *FeedbackEditor) Members(cluster string) ([]string, error) {
	rows, err := e.tx.QueryContext(e.ctx, "SELECT item FROM feedback_triage WHERE cluster = ? ORDER BY item", cluster)
	if err != nil {
		return nil, internal("read a cluster's items", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, internal("read a cluster's items", err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// PutCluster creates or replaces a confirmed cluster.
func (e *FeedbackEditor) PutCluster(c FeedbackCluster) error {
	if err := e.save("feedback_clusters", c.ID); err != nil {
		return err
	}
	return e.exec(`INSERT OR REPLACE INTO feedback_clusters(id, title, status, release, reason, changelog, created, status_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, c.ID, c.Title, c.Status, c.Release, c.Reason, c.Changelog, c.Created, c.StatusAt)
}

// DeleteCluster deletes a confirmed cluster's row (its items are the
// caller's to move out first).
func (e *FeedbackEditor) DeleteCluster(id string) error {
	if err := e.save("feedback_clusters", id); err != nil {
		return err
	}
	return e.exec("DELETE FROM feedback_clusters WHERE id = ?", id)
}

// AddDecision stores a product note and returns its id.
func (e *FeedbackEditor) AddDecision(d FeedbackDecision) (int64, error) {
	res, err := e.tx.ExecContext(e.ctx, "INSERT INTO feedback_decisions(cluster, decision, why, owner, date, created) VALUES (?, ?, ?, ?, ?, ?)",
		d.Cluster, d.Decision, d.Why, d.Owner, d.Date, e.now)
	if err != nil {
		return 0, internal("save a product note", err)
	}
	id, _ := res.LastInsertId()
	e.undo = append(e.undo, undoRow{Table: "feedback_decisions", Key: []any{id}})
	e.Others = true
	vals, err := decisionValues(backend.NoteDecision(d.Cluster, id, "", d.Decision, d.Why, d.Owner, d.Date))
	if err != nil {
		return 0, internal("save a product note", err)
	}
	did, err := insertDecision(e.tx, vals, e.now)
	if err != nil {
		return 0, internal("log a product note's decision", err)
	}
	e.undo = append(e.undo, undoRow{Table: "decisions", Key: []any{did}})
	return id, nil
}

// noteDecision is the id of product note id's decision in the log (on
// whichever cluster the note was: a merge moves notes), 0 when the founder
// deleted it there.
func (e *FeedbackEditor) noteDecision(note int64) (int64, error) {
	var id int64
	err := e.tx.QueryRowContext(e.ctx, "SELECT id FROM decisions WHERE origin = ? AND origin_ref LIKE ? ORDER BY id LIMIT 1",
		backend.OriginFeedback, "%"+backend.NoteRef("", note)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, internal("read a product note's decision", err)
	}
	return id, nil
}

// Decisions lists a cluster's product notes inside the edit.
func (e *FeedbackEditor) Decisions(cluster string) ([]FeedbackDecision, error) {
	rows, err := e.tx.QueryContext(e.ctx, "SELECT id, cluster, decision, why, owner, date, created FROM feedback_decisions WHERE cluster = ?", cluster)
	if err != nil {
		return nil, internal("read product notes", err)
	}
	defer rows.Close()
	var out []FeedbackDecision
	for rows.Next() {
		var d FeedbackDecision
		if err := rows.Scan(&d.ID, &d.Cluster, &d.Decision, &d.Why, &d.Owner, &d.Date, &d.Created); err != nil {
			return nil, internal("read product notes", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// PutDecision replaces a product note.
func (e *FeedbackEditor) PutDecision(d FeedbackDecision) error {
	if err := e.save("feedback_decisions", d.ID); err != nil {
		return err
	}
	if err := e.exec("INSERT OR REPLACE INTO feedback_decisions(id, cluster, decision, why, owner, date, created) VALUES (?, ?, ?, ?, ?, ?, ?)",
		d.ID, d.Cluster, d.Decision, d.Why, d.Owner, d.Date, d.Created); err != nil {
		return err
	}
	// The note's words (and cluster) are its decision's.
	did, err := e.noteDecision(d.ID)
	if err != nil || did == 0 {
		return err
	}
	if err := e.save("decisions", did); err != nil {
		return err
	}
	nd := backend.NoteDecision(d.Cluster, d.ID, "", d.Decision, d.Why, d.Owner, d.Date)
	return e.exec(`UPDATE decisions SET what = ?, why = ?, owner = ?, review_on = CASE WHEN made_on <> ? THEN ? ELSE review_on END,
		made_on = ?, origin_ref = ?, updated_at = ? WHERE id = ?`,
		nd.What, nd.Why, nd.Owner, nd.Made, nd.ReviewOn, nd.Made, nd.OriginRef, e.now, did)
}

// DeleteDecision deletes a product note.
func (e *FeedbackEditor) DeleteDecision(id int64) error {
	if err := e.save("feedback_decisions", id); err != nil {
		return err
	}
	if err := e.exec("DELETE FROM feedback_decisions WHERE id = ?", id); err != nil {
		return err
	}
	// A note removed was never written: nor was its decision.
	did, err := e.noteDecision(id)
	if err != nil || did == 0 {
		return err
	}
	if err := e.save("decisions", did); err != nil {
		return err
	}
	return e.exec("DELETE FROM decisions WHERE id = ?", did)
}

// Told lists the people told about a cluster inside the edit.
func (e *FeedbackEditor) Told(cluster string) ([]FeedbackTold, error) {
	rows, err := e.tx.QueryContext(e.ctx, "SELECT cluster, person, at FROM feedback_told WHERE cluster = ?", cluster)
	if err != nil {
		return nil, internal("read the people told", err)
	}
	defer rows.Close()
	var out []FeedbackTold
	for rows.Next() {
		var t FeedbackTold
		if err := rows.Scan(&t.Cluster, &t.Person, &t.At); err != nil {
			return nil, internal("read the people told", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// PutTold marks a person told about a cluster at t.
func (e *FeedbackEditor) PutTold(t FeedbackTold) error {
	if err := e.save("feedback_told", t.Cluster, t.Person); err != nil {
		return err
	}
	return e.exec("INSERT OR REPLACE INTO feedback_told(cluster, person, at) VALUES (?, ?, ?)", t.Cluster, t.Person, t.At)
}

// DeleteTold takes the mark back.
func (e *FeedbackEditor) DeleteTold(cluster, person string) error {
	if err := e.save("feedback_told", cluster, person); err != nil {
		return err
	}
	return e.exec("DELETE FROM feedback_told WHERE cluster = ? AND person = ?", cluster, person)
}

// RejectsOf lists the items turned down for grp, inside the edit.
func (e *FeedbackEditor) RejectsOf(grp string) ([]string, error) {
	rows, err := e.tx.QueryContext(e.ctx, "SELECT item FROM feedback_rejects WHERE grp = ?", grp)
	if err != nil {
		return nil, internal("read rejected suggestions", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, internal("read rejected suggestions", err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// PutReject records that item is not to be suggested for grp again.
func (e *FeedbackEditor) PutReject(item, grp string) error {
	if err := e.save("feedback_rejects", item, grp); err != nil {
		return err
	}
	return e.exec("INSERT OR IGNORE INTO feedback_rejects(item, grp) VALUES (?, ?)", item, grp)
}

// DeleteReject forgets a rejection.
func (e *FeedbackEditor) DeleteReject(item, grp string) error {
	if err := e.save("feedback_rejects", item, grp); err != nil {
		return err
	}
	return e.exec("DELETE FROM feedback_rejects WHERE item = ? AND grp = ?", item, grp)
}

// AddNote stores a note and returns its id.
func (e *FeedbackEditor) AddNote(n FeedbackNote) (int64, error) {
	res, err := e.tx.ExecContext(e.ctx, "INSERT INTO feedback_notes(created, source, email, name, account, title, text, added) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
		n.Created, n.Kind, n.Email, n.Name, n.Account, n.Title, n.Text, e.now)
	if err != nil {
		return 0, internal("save a note", err)
	}
	id, _ := res.LastInsertId()
	e.undo = append(e.undo, undoRow{Table: "feedback_notes", Key: []any{id}})
	e.Others = true
	return id, nil
}

// NoteOf reads a note inside the edit.
func (e *FeedbackEditor) NoteOf(id int64) (FeedbackNote, bool, error) {
	n, err := scanNote(e.tx.QueryRowContext(e.ctx, "SELECT "+noteCols+" FROM feedback_notes WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return n, false, nil
	}
	if err != nil {
		return n, false, internal("read a note", err)
	}
	return n, true, nil
}

// PutNote replaces a note.
func (e *FeedbackEditor) PutNote(n FeedbackNote) error {
	if err := e.save("feedback_notes", n.ID); err != nil {
		return err
	}
	return e.exec("INSERT OR REPLACE INTO feedback_notes("+noteCols+") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
		n.ID, n.Created, n.Kind, n.Email, n.Name, n.Account, n.Title, n.Text, n.Added)
}

// DeleteNote deletes a note.
func (e *FeedbackEditor) DeleteNote(id int64) error {
	if err := e.save("feedback_notes", id); err != nil {
		return err
	}
	return e.exec("DELETE FROM feedback_notes WHERE id = ?", id)
}

// PutArea creates or replaces a product area.
func (e *FeedbackEditor) PutArea(a FeedbackArea) error {
	if err := e.save("feedback_areas", a.ID); err != nil {
		return err
	}
	return e.exec("INSERT OR REPLACE INTO feedback_areas(id, name, letter, position) VALUES (?, ?, ?, ?)", a.ID, a.Name, a.Letter, a.Position)
}

// DeleteArea deletes a product area (items keep its id until retyped).
func (e *FeedbackEditor) DeleteArea(id string) error {
	if err := e.save("feedback_areas", id); err != nil {
		return err
	}
	return e.exec("DELETE FROM feedback_areas WHERE id = ?", id)
}
