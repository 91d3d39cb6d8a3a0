package workspace

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"time"

	"keel/backend"
)

// The manual work log's store: interventions logged in Keel (no import)
// and imported ones, in the one table manual_work. Logged entries can be
// changed and deleted here; imported ones belong to their import (undo
// it, or fix the file and import it again).

// ManualEntry is one intervention as stored.
type ManualEntry struct {
	backend.ManualWork
	Key      string
	ImportID *int64 // nil: logged in Keel
}

// ManualSource is the source of interventions logged in Keel.
const ManualSource = "keel"

// AddManualWork logs an intervention typed in Keel and returns it stored.
func (db *DB) AddManualWork(m backend.ManualWork) (ManualEntry, error) {
	id := make([]byte, 8)
	if _, err := rand.Read(id); err != nil {
		return ManualEntry{}, internal("log the manual work", err)
	}
	m.Source, m.ID = ManualSource, "m_"+hex.EncodeToString(id)
	err := db.inTx("log the manual work", func(tx *sql.Tx) error {
		_, err := tx.Exec(`INSERT INTO manual_work(key, import_id, hash, source, id, at, account, type, minutes, note, attrs)
			VALUES(?, NULL, 0, ?, ?, ?, ?, ?, ?, ?, ?)`,
			m.Key(), m.Source, m.ID, m.At.Unix(), m.Account, m.Type, m.Minutes, m.Note, m.Attrs.JSON())
		return err
	})
	if err != nil {
		return ManualEntry{}, err
	}
	db.forget()
	return db.ManualEntry(m.Key())
}

// UpdateManualWork changes an intervention logged in Keel.
func (db *DB) UpdateManualWork(key string, m backend.ManualWork) (ManualEntry, error) {
	err := db.inTx("save the manual work", func(tx *sql.Tx) error {
		if err := loggedHere(tx, key); err != nil {
			return err
		}
		_, err := tx.Exec(`UPDATE manual_work SET at = ?, account = ?, type = ?, minutes = ?, note = ? WHERE key = ?`,
			m.At.Unix(), m.Account, m.Type, m.Minutes, m.Note, key)
		return err
	})
	if err != nil {
		return ManualEntry{}, err
	}
	db.forget()
	return db.ManualEntry(key)
}

// DeleteManualWork removes an intervention logged in Keel.
func (db *DB) DeleteManualWork(key string) error {
	err := db.inTx("delete the manual work", func(tx *sql.Tx) error {
		if err := loggedHere(tx, key); err != nil {
			return err
		}
		_, err := tx.Exec("DELETE FROM manual_work WHERE key = ?", key)
		return err
	})
	if err == nil {
		db.forget()
	}
	return err
}

// loggedHere refuses to change an imported intervention.
func loggedHere(tx *sql.Tx, key string) error {
	var imp sql.NullInt64
	err := tx.QueryRow("SELECT import_id FROM manual_work WHERE key = ?", key).Scan(&imp)
	if err == sql.ErrNoRows {
		return backend.Errorf(backend.NotFound, "That intervention is not in the manual work log any more.")
	}
	if err != nil {
		return err
	}
	if imp.Valid {
		return backend.Errorf(backend.Conflict, "That intervention came from import number %d: fix it in the file and import it again, or undo that import.", imp.Int64)
	}
	return nil
}

const manualCols = "key, import_id, source, id, at, account, type, minutes, note"

// ManualEntry reads one intervention.
func (db *DB) ManualEntry(key string) (ManualEntry, error) {
	es, err := db.queryManual("SELECT "+manualCols+" FROM manual_work WHERE key = ?", key)
	if err != nil {
		return ManualEntry{}, err
	}
	if len(es) == 0 {
		return ManualEntry{}, backend.Errorf(backend.NotFound, "That intervention is not in the manual work log.")
	}
	return es[0], nil
}

// ManualWork lists the interventions dated in [from, to), oldest first.
func (db *DB) ManualWork(from, to time.Time) ([]ManualEntry, error) {
	return db.queryManual("SELECT "+manualCols+" FROM manual_work WHERE at >= ? AND at < ? ORDER BY at, key", from.Unix(), to.Unix())
}

func (db *DB) queryManual(q string, args ...any) ([]ManualEntry, error) {
	rows, err := db.sql.Query(q, args...)
	if err != nil {
		return nil, internal("read the manual work log", err)
	}
	defer rows.Close()
	out := []ManualEntry{}
	for rows.Next() {
		var e ManualEntry
		var imp sql.NullInt64
		var at int64
		if err := rows.Scan(&e.Key, &imp, &e.Source, &e.ID, &at, &e.Account, &e.Type, &e.Minutes, &e.Note); err != nil {
			return nil, internal("read the manual work log", err)
		}
		if imp.Valid {
			v := imp.Int64
			e.ImportID = &v
		}
		e.At = time.Unix(at, 0).UTC()
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, internal("read the manual work log", err)
	}
	return out, nil
}

// ManualWorkCount is the number of interventions in the log.
func (db *DB) ManualWorkCount() (int64, error) {
	var n int64
	if err := db.sql.QueryRow("SELECT COUNT(*) FROM manual_work").Scan(&n); err != nil {
		return 0, internal("read the manual work log", err)
	}
	return n, nil
}

// LatestManualWork lists the n interventions dated last, newest first.
func (db *DB) LatestManualWork(n int) ([]ManualEntry, error) {
	return db.queryManual("SELECT "+manualCols+" FROM manual_work ORDER BY at DESC, key LIMIT ?", n)
}
