package review

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"keel/backend"
	"keel/backend/workspace"
)

// Freeze finishes the review of month: it computes every number once more
// and stores them with the rules in force and the SHA-256 of every source
// file (each import not undone). From then on the review never changes.
// A month is frozen only once it has ended.
func Freeze(db *workspace.DB, m backend.Month) (*Review, error) {
	if err := checkMonth(db, m); err != nil {
		return nil, err
	}
	month := m.String()
	s, err := loadStored(db.SQL(), month)
	if err != nil {
		return nil, err
	}
	if s != nil && s.frozenAt != nil {
		return nil, frozenError(m, *s.frozenAt)
	}
	now := db.Now()
	if end := m.End(db.Location()); now.Before(end) {
		return nil, backend.Errorf(backend.Invalid, "%s ends on %s; freeze its review after that.",
			m.Title(), day(end.Add(-time.Second)))
	}
	before, err := stateMark(db.SQL())
	if err != nil {
		return nil, err
	}
	c, err := compute(db, m, now, true)
	if err != nil {
		return nil, err
	}
	sources := c.sources
	snap, err := json.Marshal(c)
	if err != nil {
		return nil, backend.Errorf(backend.Internal, "write the frozen review: %v", err)
	}
	tx, err := db.SQL().Begin()
	if err != nil {
		return nil, saveError(m, err)
	}
	defer tx.Rollback()
	if after, err := stateMark(tx); err != nil {
		return nil, err
	} else if after != before {
		return nil, backend.Errorf(backend.Conflict, "The workspace changed while the review was freezing (an import, an undo or a rule). Freeze it again.")
	}
	at := now.Unix()
	if _, err := tx.Exec(`INSERT INTO reviews(month, step, started_at, updated_at) VALUES(?, ?, ?, ?)
		ON CONFLICT(month) DO NOTHING`, month, StepDecisions, at, at); err != nil {
		return nil, saveError(m, err)
	}
	for _, src := range sources {
		_, err := tx.Exec(`INSERT INTO review_sources(month, import_id, file, sha256, source, kind, imported_at, read, imported, updated, rows, first, last)
			VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, month, src.ImportID, src.File, src.SHA256, src.Source, src.Kind,
			src.ImportedAt.Unix(), src.Read, src.Imported, src.Updated, src.Rows, unixOf(src.First), unixOf(src.Last))
		if err != nil {
			return nil, saveError(m, err)
		}
	}
	// The review's decisions, as they stand in the log, become part of it.
	if _, err := tx.Exec(`INSERT INTO review_decisions(id, month, kind, what, owner, due, created_at)
		SELECT id, origin_ref, kind, what, owner, review_on, created_at FROM decisions
		WHERE origin = ? AND origin_ref = ?`, backend.OriginReview, month); err != nil {
		return nil, saveError(m, err)
	}
	if _, err := tx.Exec(`UPDATE reviews SET frozen_at = ?, snapshot = ?, step = ?, updated_at = ? WHERE month = ?`,
		at, string(snap), StepDecisions, at, month); err != nil {
		return nil, saveError(m, err)
	}
	if err := tx.Commit(); err != nil {
		return nil, saveError(m, err)
	}
	return Get(db, m)
}

// stateMark fingerprints what the numbers depend on besides the records:
// the import history, the settings and the exchange rates.
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
		return "", backend.Errorf(backend.Internal, "read the workspace state: %v", err)
	}
	return fmt.Sprintf("%d/%d/%d/%s/%s", n, maxID, undone, settings.String, rates.String), nil
}

func unixOf(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.Unix()
}
