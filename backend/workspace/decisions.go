package workspace

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"keel/backend"
)

// The decision log's store. Each method is one transaction: an edit is
// saved whole or not at all, and is on disk when the method returns. The
// rules (what a valid decision is, which status may follow which) are
// backend/decisions'; this file keeps what it is given.

const decisionCols = `id, kind, what, why, owner, made_on, figure, expect, threshold, review_on, status, shipped_on,
	shipped_by, closed_on, release_id, origin, origin_ref, evidence, note, created_at, updated_at`

// Decisions lists the whole log, the latest made first.
func (db *DB) Decisions() ([]backend.Decision, error) {
	return db.queryDecisions("SELECT "+decisionCols+" FROM decisions ORDER BY made_on DESC, id DESC", nil)
}

// DecisionsFrom lists the decisions made at origin with reference ref
// (the review of a month, a feedback cluster, a release call), oldest
// first.
func (db *DB) DecisionsFrom(origin, ref string) ([]backend.Decision, error) {
	return db.queryDecisions("SELECT "+decisionCols+" FROM decisions WHERE origin = ? AND origin_ref = ? ORDER BY id",
		[]any{origin, ref})
}

// Decision reads one decision.
func (db *DB) Decision(id int64) (backend.Decision, error) {
	ds, err := db.queryDecisions("SELECT "+decisionCols+" FROM decisions WHERE id = ?", []any{id})
	if err != nil {
		return backend.Decision{}, err
	}
	if len(ds) == 0 {
		return backend.Decision{}, backend.Errorf(backend.NotFound, "There is no decision number %d in the log.", id)
	}
	return ds[0], nil
}

func (db *DB) queryDecisions(q string, args []any) ([]backend.Decision, error) {
	rows, err := db.sql.Query(q, args...)
	if err != nil {
		return nil, internal("read the decision log", err)
	}
	defer rows.Close()
	out := []backend.Decision{}
	for rows.Next() {
		var d backend.Decision
		var threshold sql.NullFloat64
		var evidence string
		var created, updated int64
		if err := rows.Scan(&d.ID, &d.Kind, &d.What, &d.Why, &d.Owner, &d.Made, &d.Figure, &d.Expect, &threshold,
			&d.ReviewOn, &d.Status, &d.ShippedOn, &d.ShippedBy, &d.ClosedOn, &d.ReleaseID, &d.Origin, &d.OriginRef,
			&evidence, &d.Note, &created, &updated); err != nil {
			return nil, internal("read the decision log", err)
		}
		if threshold.Valid {
			v := threshold.Float64
			d.Threshold = &v
		}
		if evidence != "" {
			d.Evidence = &backend.DecisionEvidence{}
			if err := json.Unmarshal([]byte(evidence), d.Evidence); err != nil {
				return nil, internal(fmt.Sprintf("read the evidence of decision %d", d.ID), err)
			}
		}
		d.Created, d.Updated = time.Unix(created, 0).UTC(), time.Unix(updated, 0).UTC()
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, internal("read the decision log", err)
	}
	return out, nil
}

// SaveDecision writes d, inserting it when its ID is 0, and returns it as
// stored. Created is kept from the first save; Updated is the clock's now.
func (db *DB) SaveDecision(d backend.Decision) (backend.Decision, error) {
	err := db.inTx("save the decision", func(tx *sql.Tx) error {
		vals, err := decisionValues(d)
		if err != nil {
			return err
		}
		now := db.Now().Unix()
		if d.ID == 0 {
			d.ID, err = insertDecision(tx, vals, now)
			return err
		}
		res, err := tx.Exec(`UPDATE decisions SET kind=?, what=?, why=?, owner=?, made_on=?, figure=?, expect=?, threshold=?,
			review_on=?, status=?, shipped_on=?, shipped_by=?, closed_on=?, release_id=?, origin=?, origin_ref=?, evidence=?,
			note=?, updated_at=? WHERE id = ?`, append(vals, now, d.ID)...)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return backend.Errorf(backend.NotFound, "There is no decision number %d in the log.", d.ID)
		}
		return nil
	})
	if err != nil {
		return d, err
	}
	return db.Decision(d.ID)
}

// SaveDecisions inserts several new decisions in one transaction (the
// demo's year).
func (db *DB) SaveDecisions(ds []backend.Decision) error {
	return db.inTx("save the decisions", func(tx *sql.Tx) error {
		now := db.Now().Unix()
		for _, d := range ds {
			vals, err := decisionValues(d)
			if err != nil {
				return err
			}
			if _, err := insertDecision(tx, vals, now); err != nil {
				return err
			}
		}
		return nil
	})
}

// decisionValues are d's columns from kind to note, as stored.
func decisionValues(d backend.Decision) ([]any, error) {
	var evidence string
	if d.Evidence != nil {
		b, err := json.Marshal(d.Evidence)
		if err != nil {
			return nil, err
		}
		evidence = string(b)
	}
	if d.Origin == "" {
		d.Origin = backend.OriginDirect
	}
	var threshold any
	if d.Threshold != nil {
		threshold = *d.Threshold
	}
	return []any{d.Kind, d.What, d.Why, d.Owner, d.Made, d.Figure, d.Expect, threshold, d.ReviewOn, d.Status, d.ShippedOn,
		d.ShippedBy, d.ClosedOn, d.ReleaseID, d.Origin, d.OriginRef, evidence, d.Note}, nil
}

func insertDecision(tx *sql.Tx, vals []any, now int64) (int64, error) {
	res, err := tx.Exec(`INSERT INTO decisions(kind, what, why, owner, made_on, figure, expect, threshold, review_on,
		status, shipped_on, shipped_by, closed_on, release_id, origin, origin_ref, evidence, note, created_at, updated_at)
		VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`, append(vals, now, now)...)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// DeleteDecision removes a decision from the log.
func (db *DB) DeleteDecision(id int64) error {
	return db.inTx("delete the decision", func(tx *sql.Tx) error {
		res, err := tx.Exec("DELETE FROM decisions WHERE id = ?", id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return backend.Errorf(backend.NotFound, "There is no decision number %d in the log.", id)
		}
		return nil
	})
}

// logCall enters release call c on r into the decision log, in the call's
// own transaction (backend.CallDecision says what the entry is).
func logCall(tx *sql.Tx, r backend.Release, c backend.Call, loc *time.Location, now time.Time) error {
	vals, err := decisionValues(backend.CallDecision(r, c, loc))
	if err != nil {
		return err
	}
	_, err = insertDecision(tx, vals, now.Unix())
	return err
}

// unlogCall removes the decision of a call removed from its release
// (recorded on the wrong one): the call was never made.
func unlogCall(tx *sql.Tx, callID int64) error {
	_, err := tx.Exec("DELETE FROM decisions WHERE origin = ? AND origin_ref = ?", backend.OriginRelease, fmt.Sprint(callID))
	return err
}
