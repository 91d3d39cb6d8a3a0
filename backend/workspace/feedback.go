package workspace

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"
)

// What the Feedback area (backend/feedback) reads: the items (imported
// tickets and feedback-board rows, and the founder's notes) and the
// founder's triage of them. Edits go through FeedbackEdit (feedback_edit.go).

// FeedbackSource is one item as stored, before the Feedback area reads it.
type FeedbackSource struct {
	Key     string // the item's stable key: ticket:<ticket key>, feedback:<feedback key>, note:<id>
	Kind    string // ticket | feedback | note
	Source  string // zendesk, canny, csv, … ; for a note: call, email, chat, meeting, social, other
	ID      string // its id in the source
	Created int64  // unix seconds
	Email   string
	Name    string
	Org     string // the ticket's organisation
	Account string // a note's account, picked by the founder
	Title   string
	Text    string // a ticket's description or first message when the export has one
	Board   string
	Status  string
	Votes   *int64
}

// ticketText finds a ticket's description in its attributes: the column
// names helpdesks give it (Freshdesk Description, Intercom/Front first
// message or preview…).
const ticketText = `CASE WHEN json_valid(attrs) THEN COALESCE(json_extract(attrs, '$.Description'), json_extract(attrs, '$.description'),
	json_extract(attrs, '$."First message"'), json_extract(attrs, '$."First Message"'), json_extract(attrs, '$.Body'),
	json_extract(attrs, '$.body'), json_extract(attrs, '$.Message'), json_extract(attrs, '$.Preview'),
	json_extract(attrs, '$."Conversation preview"'), json_extract(attrs, '$.Text'), json_extract(attrs, '$.Details'), '') ELSE '' END`

// FeedbackSources lists every item: tickets, feedback rows and notes.
func (db *DB) FeedbackSources(ctx context.Context) ([]FeedbackSource, error) {
	var out []FeedbackSource
	rows, err := db.sql.QueryContext(ctx, `SELECT key, source, id, created, requester_email, organization, subject, `+ticketText+` FROM tickets`)
	if err != nil {
		return nil, internal("read the tickets for feedback", err)
	}
	for rows.Next() {
		s := FeedbackSource{Kind: "ticket"}
		var text any
		if err := rows.Scan(&s.Key, &s.Source, &s.ID, &s.Created, &s.Email, &s.Org, &s.Title, &text); err != nil {
			rows.Close()
			return nil, internal("read the tickets for feedback", err)
		}
		s.Key = "ticket:" + s.Key
		s.Text = asString(text)
		out = append(out, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, internal("read the tickets for feedback", err)
	}
	rows, err = db.sql.QueryContext(ctx, `SELECT key, source, id, created, email, name, title, text, board, status, votes FROM feedback`)
	if err != nil {
		return nil, internal("read the feedback rows", err)
	}
	for rows.Next() {
		s := FeedbackSource{Kind: "feedback"}
		var votes sql.NullInt64
		if err := rows.Scan(&s.Key, &s.Source, &s.ID, &s.Created, &s.Email, &s.Name, &s.Title, &s.Text, &s.Board, &s.Status, &votes); err != nil {
			rows.Close()
			return nil, internal("read the feedback rows", err)
		}
		s.Key = "feedback:" + s.Key
		if votes.Valid {
			v := votes.Int64
			s.Votes = &v
		}
		out = append(out, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, internal("read the feedback rows", err)
	}
	notes, err := db.FeedbackNotes(ctx)
	if err != nil {
		return nil, err
	}
	for _, n := range notes {
		out = append(out, n.Source())
	}
	return out, nil
}

// FeedbackNote is a note the founder typed or pasted.
type FeedbackNote struct {
	ID      int64
	Created int64 // when it was said
	Kind    string
	Email   string
	Name    string
	Account string
	Title   string
	Text    string
	Added   int64
}

// Source is the note as an item.
func (n FeedbackNote) Source() FeedbackSource {
	id := itoa(n.ID)
	return FeedbackSource{Key: "note:" + id, Kind: "note", Source: n.Kind, ID: id, Created: n.Created, Email: n.Email,
		Name: n.Name, Account: n.Account, Title: n.Title, Text: n.Text}
}

const noteCols = "id, created, source, email, name, account, title, text, added"

func scanNote(sc interface{ Scan(...any) error }) (FeedbackNote, error) {
	var n FeedbackNote
	err := sc.Scan(&n.ID, &n.Created, &n.Kind, &n.Email, &n.Name, &n.Account, &n.Title, &n.Text, &n.Added)
	return n, err
}

// FeedbackNotes lists the founder's notes, oldest first.
func (db *DB) FeedbackNotes(ctx context.Context) ([]FeedbackNote, error) {
	rows, err := db.sql.QueryContext(ctx, "SELECT "+noteCols+" FROM feedback_notes ORDER BY id")
	if err != nil {
		return nil, internal("read the feedback notes", err)
	}
	defer rows.Close()
	var out []FeedbackNote
	for rows.Next() {
		n, err := scanNote(rows)
		if err != nil {
			return nil, internal("read the feedback notes", err)
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// FeedbackTriage is the founder's triage of one item.
type FeedbackTriage struct {
	Item    string
	Type    string // "" = untriaged
	Area    string
	Cluster string
	TypedAt *int64 // when it first got a type
	At      int64
}

// FeedbackCluster is a confirmed cluster.
type FeedbackCluster struct {
	ID        string
	Title     string
	Status    string // open, planned, shipped, wont_do
	Release   string
	Reason    string
	Changelog string
	Created   int64
	StatusAt  int64
}

// FeedbackDecision is a product note: a cluster changed a decision.
type FeedbackDecision struct {
	ID       int64
	Cluster  string
	Decision string
	Why      string
	Owner    string
	Date     string // YYYY-MM-DD
	Created  int64
}

// FeedbackTold is one person told about a cluster's outcome.
type FeedbackTold struct {
	Cluster, Person string
	At              int64
}

// FeedbackReject is a suggestion turned down.
type FeedbackReject struct{ Item, Group string }

// FeedbackArea is one of the founder's product areas.
type FeedbackArea struct {
	ID, Name, Letter string
	Position         int
}

// FeedbackState is everything the founder decided.
type FeedbackState struct {
	Triage    []FeedbackTriage
	Clusters  []FeedbackCluster
	Decisions []FeedbackDecision
	Told      []FeedbackTold
	Rejects   []FeedbackReject
	Areas     []FeedbackArea
	// Undo is the label of the edit `u` would undo, "" when none.
	Undo string
}

// FeedbackState reads the founder's triage (unless withTriage is false:
// it is the large part), clusters, product notes, people told, rejected
// suggestions and areas.
func (db *DB) FeedbackState(ctx context.Context, withTriage bool) (*FeedbackState, error) {
	st := &FeedbackState{}
	q := func(query string, scan func(*sql.Rows) error) error {
		rows, err := db.sql.QueryContext(ctx, query)
		if err != nil {
			return internal("read the feedback triage", err)
		}
		defer rows.Close()
		for rows.Next() {
			if err := scan(rows); err != nil {
				return internal("read the feedback triage", err)
			}
		}
		if err := rows.Err(); err != nil {
			return internal("read the feedback triage", err)
		}
		return nil
	}
	query := "SELECT item, type, area, cluster, typed_at, at FROM feedback_triage"
	if !withTriage {
		query += " WHERE 0"
	}
	err := q(query, func(r *sql.Rows) error {
		var t FeedbackTriage
		var typed sql.NullInt64
		if err := r.Scan(&t.Item, &t.Type, &t.Area, &t.Cluster, &typed, &t.At); err != nil {
			return err
		}
		if typed.Valid {
			v := typed.Int64
			t.TypedAt = &v
		}
		st.Triage = append(st.Triage, t)
		return nil
	})
	if err == nil {
		err = q("SELECT id, title, status, release, reason, changelog, created, status_at FROM feedback_clusters ORDER BY created, id", func(r *sql.Rows) error {
			var c FeedbackCluster
			err := r.Scan(&c.ID, &c.Title, &c.Status, &c.Release, &c.Reason, &c.Changelog, &c.Created, &c.StatusAt)
			st.Clusters = append(st.Clusters, c)
			return err
		})
	}
	if err == nil {
		err = q("SELECT id, cluster, decision, why, owner, date, created FROM feedback_decisions ORDER BY date, id", func(r *sql.Rows) error {
			var d FeedbackDecision
			err := r.Scan(&d.ID, &d.Cluster, &d.Decision, &d.Why, &d.Owner, &d.Date, &d.Created)
			st.Decisions = append(st.Decisions, d)
			return err
		})
	}
	if err == nil {
		err = q("SELECT cluster, person, at FROM feedback_told ORDER BY cluster, person", func(r *sql.Rows) error {
			var t FeedbackTold
			err := r.Scan(&t.Cluster, &t.Person, &t.At)
			st.Told = append(st.Told, t)
			return err
		})
	}
	if err == nil {
		err = q("SELECT item, grp FROM feedback_rejects ORDER BY item, grp", func(r *sql.Rows) error {
			var x FeedbackReject
			err := r.Scan(&x.Item, &x.Group)
			st.Rejects = append(st.Rejects, x)
			return err
		})
	}
	if err == nil {
		err = q("SELECT id, name, letter, position FROM feedback_areas ORDER BY position, id", func(r *sql.Rows) error {
			var a FeedbackArea
			err := r.Scan(&a.ID, &a.Name, &a.Letter, &a.Position)
			st.Areas = append(st.Areas, a)
			return err
		})
	}
	if err == nil {
		err = q("SELECT label FROM feedback_undo ORDER BY seq DESC LIMIT 1", func(r *sql.Rows) error { return r.Scan(&st.Undo) })
	}
	if err != nil {
		return nil, err
	}
	return st, nil
}

// FeedbackSuggested is where the suggestion pass placed an item.
type FeedbackSuggested struct {
	Item, Cluster string
	Score         float64
}

// FeedbackSuggestions reads the items' places.
func (db *DB) FeedbackSuggestions(ctx context.Context) ([]FeedbackSuggested, error) {
	rows, err := db.sql.QueryContext(ctx, "SELECT item, cluster, score FROM feedback_suggested")
	if err != nil {
		return nil, internal("read the suggested clusters", err)
	}
	defer rows.Close()
	var out []FeedbackSuggested
	for rows.Next() {
		var s FeedbackSuggested
		if err := rows.Scan(&s.Item, &s.Cluster, &s.Score); err != nil {
			return nil, internal("read the suggested clusters", err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// SaveFeedbackSuggestions stores new places and forgets those of drop, in
// one transaction. They are derived data: not on the undo stack.
func (db *DB) SaveFeedbackSuggestions(ctx context.Context, add []FeedbackSuggested, drop []string) error {
	if len(add) == 0 && len(drop) == 0 {
		return nil
	}
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return internal("save the suggested clusters", err)
	}
	defer tx.Rollback()
	del, err := tx.Prepare("DELETE FROM feedback_suggested WHERE item = ?")
	if err != nil {
		return internal("save the suggested clusters", err)
	}
	for _, it := range drop {
		if _, err := del.Exec(it); err != nil {
			return internal("save the suggested clusters", err)
		}
	}
	ins, err := tx.Prepare("INSERT OR REPLACE INTO feedback_suggested(item, cluster, score) VALUES (?, ?, ?)")
	if err != nil {
		return internal("save the suggested clusters", err)
	}
	for _, s := range add {
		if _, err := ins.Exec(s.Item, s.Cluster, s.Score); err != nil {
			return internal("save the suggested clusters", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return internal("save the suggested clusters", err)
	}
	return nil
}

// FeedbackVersion changes whenever what the items and their accounts are
// computed from changes: an import or its undo, the founder's account
// merges and splits, a setting. The Feedback area keeps its items in
// memory until it does (it follows its own notes itself).
func (db *DB) FeedbackVersion(ctx context.Context) (string, error) {
	var v string
	err := db.sql.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) || '.' || IFNULL(MAX(id), 0) || '.' || IFNULL(SUM(undone_at), 0) FROM imports) || '|' ||
		(SELECT COUNT(*) || '.' || IFNULL(group_concat(seq || kind || a || b, ','), '') FROM account_rules) || '|' ||
		(SELECT IFNULL(group_concat(key || '=' || value, ','), '') FROM settings)`).Scan(&v)
	if err != nil {
		return "", internal("read the workspace's version", err)
	}
	return v, nil
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// unixNow is the workspace clock in unix seconds.
func (db *DB) unixNow() int64 {
	if db.Now == nil {
		return time.Now().Unix()
	}
	return db.Now().Unix()
}

// FeedbackText reads the whole text of one item, "" when it has none or
// does not exist.
func (db *DB) FeedbackText(ctx context.Context, item string) (string, error) {
	kind, key, _ := strings.Cut(item, ":")
	var q string
	switch kind {
	case "ticket":
		q = "SELECT " + ticketText + " FROM tickets WHERE key = ?"
	case "feedback":
		q = "SELECT text FROM feedback WHERE key = ?"
	case "note":
		q = "SELECT text FROM feedback_notes WHERE id = ?"
	default:
		return "", nil
	}
	var text any
	err := db.sql.QueryRowContext(ctx, q, key).Scan(&text)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", internal("read an item's text", err)
	}
	return asString(text), nil
}

// asString reads a computed text column, whichever way the driver gives it.
func asString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []byte:
		return string(x)
	}
	return ""
}

// FeedbackStamp is what the monthly feedback figures read of one item:
// when it was created, its type and when it first got one (0: never), and
// its confirmed cluster ("" for none).
type FeedbackStamp struct {
	Created int64
	Type    string
	TypedAt int64
	Cluster string
}

// FeedbackStamps lists every item's stamp (tickets, feedback rows and
// notes, with their triage), and when each person was marked told.
func (db *DB) FeedbackStamps(ctx context.Context) (items []FeedbackStamp, told []int64, err error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT i.created, IFNULL(t.type, ''), IFNULL(t.typed_at, 0), IFNULL(t.cluster, '') FROM (
		SELECT 'ticket:' || key AS item, created FROM tickets
		UNION ALL SELECT 'feedback:' || key, created FROM feedback
		UNION ALL SELECT 'note:' || id, created FROM feedback_notes) i
		LEFT JOIN feedback_triage t ON t.item = i.item`)
	if err != nil {
		return nil, nil, internal("read the feedback items", err)
	}
	for rows.Next() {
		var s FeedbackStamp
		if err := rows.Scan(&s.Created, &s.Type, &s.TypedAt, &s.Cluster); err != nil {
			rows.Close()
			return nil, nil, internal("read the feedback items", err)
		}
		items = append(items, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, internal("read the feedback items", err)
	}
	rows, err = db.sql.QueryContext(ctx, "SELECT at FROM feedback_told")
	if err != nil {
		return nil, nil, internal("read the people told", err)
	}
	defer rows.Close()
	for rows.Next() {
		var at int64
		if err := rows.Scan(&at); err != nil {
			return nil, nil, internal("read the people told", err)
		}
		told = append(told, at)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, internal("read the people told", err)
	}
	return items, told, nil
}

// FeedbackClusterReleases maps each confirmed cluster with a release to
// that release as the founder wrote it (a release's id or title).
func (db *DB) FeedbackClusterReleases(ctx context.Context) (map[string]string, error) {
	rows, err := db.sql.QueryContext(ctx, "SELECT id, release FROM feedback_clusters WHERE release <> ''")
	if err != nil {
		return nil, internal("read the clusters' releases", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var id, rel string
		if err := rows.Scan(&id, &rel); err != nil {
			return nil, internal("read the clusters' releases", err)
		}
		out[id] = rel
	}
	if err := rows.Err(); err != nil {
		return nil, internal("read the clusters' releases", err)
	}
	return out, nil
}
