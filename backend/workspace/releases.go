package workspace

import (
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"keel/backend"
)

// The releases store: the founder's release records and the calls made on
// them. Every method is one transaction, so an edit is either saved whole
// or not at all, and it is on disk when the method returns. The rules
// (what a valid release is, which status may follow which) are
// backend/releases'; this file only keeps what it is given.

const releaseCols = `id, title, decision, behaviour, owner, affected, segment, could_break, reverse, rollout, rollout_detail,
	flags, areas, kinds, clusters, watch, migration_plan, checks, rollback, status, planned_at, rolling_out_at,
	watching_at, decided_at, reviewed_at, shipped_at, watch_window, review, sentence, origin, created, updated, deleted_at, known_issues`

// SaveRelease writes r (inserting it when its id is new) and returns it as
// stored. Created is kept from the first save; Updated is the clock's now.
func (db *DB) SaveRelease(r backend.Release) (backend.Release, error) {
	err := db.inTx("save the release", func(tx *sql.Tx) error {
		return saveRelease(tx, &r, db.Now())
	})
	if err != nil {
		return r, err
	}
	return db.Release(r.ID)
}

// SaveReleases writes several releases in one transaction (releases
// proposed from a changelog, the demo's year).
func (db *DB) SaveReleases(rs []backend.Release) error {
	return db.inTx("save the releases", func(tx *sql.Tx) error {
		now := db.Now()
		for i := range rs {
			if err := saveRelease(tx, &rs[i], now); err != nil {
				return err
			}
		}
		return nil
	})
}

func saveRelease(tx *sql.Tx, r *backend.Release, now time.Time) error {
	if r.ID == "" {
		return backend.Errorf(backend.Invalid, "A release needs an id.")
	}
	var created sql.NullInt64
	if err := tx.QueryRow("SELECT created FROM releases WHERE id = ?", r.ID).Scan(&created); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	switch {
	case created.Valid:
		r.Created = time.Unix(created.Int64, 0).UTC()
	case r.Created.IsZero():
		r.Created = now.UTC()
	}
	r.Updated = now.UTC()
	_, err := tx.Exec(`INSERT INTO releases(`+releaseCols+`) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
		ON CONFLICT(id) DO UPDATE SET title=excluded.title, decision=excluded.decision, behaviour=excluded.behaviour,
		owner=excluded.owner, affected=excluded.affected, segment=excluded.segment, could_break=excluded.could_break,
		reverse=excluded.reverse, rollout=excluded.rollout, rollout_detail=excluded.rollout_detail, flags=excluded.flags,
		areas=excluded.areas, kinds=excluded.kinds, clusters=excluded.clusters, watch=excluded.watch,
		migration_plan=excluded.migration_plan, checks=excluded.checks, rollback=excluded.rollback, status=excluded.status,
		planned_at=excluded.planned_at, rolling_out_at=excluded.rolling_out_at, watching_at=excluded.watching_at,
		decided_at=excluded.decided_at, reviewed_at=excluded.reviewed_at, shipped_at=excluded.shipped_at,
		watch_window=excluded.watch_window, review=excluded.review, sentence=excluded.sentence, origin=excluded.origin,
		updated=excluded.updated, deleted_at=excluded.deleted_at, known_issues=excluded.known_issues`,
		r.ID, r.Title, r.Decision, r.Behaviour, r.Owner, r.Affected, jsonText(r.Segment), r.CouldBreak, r.Reverse,
		r.Rollout, r.RolloutDetail, jsonList(r.Flags), jsonList(r.Areas), jsonList(r.Kinds), jsonList(r.Clusters),
		jsonList(r.Watch), r.MigrationPlan, checksText(r.Checks), jsonText(r.Rollback), r.Status,
		unixOrNil(r.Times.Planned), unixOrNil(r.Times.RollingOut), unixOrNil(r.Times.Watching), unixOrNil(r.Times.Decided),
		unixOrNil(r.Times.Reviewed), unixOrNil(r.ShippedAt), r.Window, jsonText(r.Review), r.Sentence, r.Origin,
		r.Created.Unix(), r.Updated.Unix(), unixOrNil(r.DeletedAt), jsonText(r.KnownIssues))
	return err
}

// AddCall records a go / hold / rollback call on a release, together with
// the release as it stands after the call (its status and times), in one
// transaction. The call's evidence is stored as given and never changed.
func (db *DB) AddCall(r backend.Release, c backend.Call) (backend.Release, error) {
	loc := db.Location() // read before the transaction takes the connection
	err := db.inTx("record the call", func(tx *sql.Tx) error {
		if err := saveRelease(tx, &r, db.Now()); err != nil {
			return err
		}
		ev := string(c.Evidence)
		if ev == "" {
			ev = "null"
		}
		res, err := tx.Exec(`INSERT INTO release_calls(release_id, call, at, made_by, note, watch_window, evidence) VALUES(?,?,?,?,?,?,?)`,
			r.ID, c.Call, c.At.Unix(), c.By, c.Note, c.Window, ev)
		if err != nil {
			return err
		}
		if c.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		return logCall(tx, r, c, loc, db.Now()) // decisions.go
	})
	if err != nil {
		return r, err
	}
	return db.Release(r.ID)
}

// DeleteCall removes one call (the founder recorded it on the wrong
// release) and saves the release as it stands without it.
func (db *DB) DeleteCall(r backend.Release, callID int64) (backend.Release, error) {
	err := db.inTx("remove the call", func(tx *sql.Tx) error {
		res, err := tx.Exec("DELETE FROM release_calls WHERE id = ? AND release_id = ?", callID, r.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return backend.Errorf(backend.NotFound, "That call is not on the release %q.", r.Title)
		}
		if err := unlogCall(tx, callID); err != nil { // decisions.go
			return err
		}
		return saveRelease(tx, &r, db.Now())
	})
	if err != nil {
		return r, err
	}
	return db.Release(r.ID)
}

// Release returns one release (deleted or not) with its calls.
func (db *DB) Release(id string) (backend.Release, error) {
	r, err := scanRelease(db.sql.QueryRow("SELECT "+releaseCols+" FROM releases WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return r, backend.Errorf(backend.NotFound, "There is no release %q in this workspace.", id)
	}
	if err != nil {
		return r, internal("read a release", err)
	}
	calls, err := db.calls("WHERE release_id = ?", id)
	if err != nil {
		return r, err
	}
	r.Calls = calls[id]
	return r, nil
}

// Releases lists the releases, the deleted ones too when asked, newest
// ship date first (releases not shipped yet first of all, by creation).
func (db *DB) Releases(withDeleted bool) ([]backend.Release, error) {
	q := "SELECT " + releaseCols + " FROM releases"
	if !withDeleted {
		q += " WHERE deleted_at IS NULL"
	}
	q += " ORDER BY shipped_at IS NOT NULL, shipped_at DESC, created DESC, id"
	rows, err := db.sql.Query(q)
	if err != nil {
		return nil, internal("read the releases", err)
	}
	defer rows.Close()
	var out []backend.Release
	for rows.Next() {
		r, err := scanRelease(rows)
		if err != nil {
			return nil, internal("read the releases", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, internal("read the releases", err)
	}
	calls, err := db.calls("")
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Calls = calls[out[i].ID]
	}
	return out, nil
}

// DeleteRelease marks a release deleted; RestoreRelease undoes it. Its
// calls and words stay, so nothing is lost by a delete.
func (db *DB) DeleteRelease(id string) error { return db.setDeleted(id, db.Now().Unix()) }

// RestoreRelease brings back a deleted release.
func (db *DB) RestoreRelease(id string) error { return db.setDeleted(id, nil) }

func (db *DB) setDeleted(id string, at any) error {
	return db.inTx("delete the release", func(tx *sql.Tx) error {
		res, err := tx.Exec("UPDATE releases SET deleted_at = ?, updated = ? WHERE id = ?", at, db.Now().Unix(), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return backend.Errorf(backend.NotFound, "There is no release %q in this workspace.", id)
		}
		return nil
	})
}

func (db *DB) calls(where string, args ...any) (map[string][]backend.Call, error) {
	rows, err := db.sql.Query(`SELECT id, release_id, call, at, made_by, note, watch_window, evidence FROM release_calls `+where+` ORDER BY at, id`, args...)
	if err != nil {
		return nil, internal("read the release calls", err)
	}
	defer rows.Close()
	out := map[string][]backend.Call{}
	for rows.Next() {
		var c backend.Call
		var rel, ev string
		var at int64
		if err := rows.Scan(&c.ID, &rel, &c.Call, &at, &c.By, &c.Note, &c.Window, &ev); err != nil {
			return nil, internal("read the release calls", err)
		}
		c.At = time.Unix(at, 0).UTC()
		c.Evidence = json.RawMessage(ev)
		out[rel] = append(out[rel], c)
	}
	return out, rows.Err()
}

func scanRelease(sc interface{ Scan(...any) error }) (backend.Release, error) {
	var r backend.Release
	var segment, flags, areas, kinds, clusters, watch, checks, rollback, review, known string
	var planned, rolling, watching, decided, reviewed, shipped, deleted sql.NullInt64
	var created, updated int64
	err := sc.Scan(&r.ID, &r.Title, &r.Decision, &r.Behaviour, &r.Owner, &r.Affected, &segment, &r.CouldBreak, &r.Reverse,
		&r.Rollout, &r.RolloutDetail, &flags, &areas, &kinds, &clusters, &watch, &r.MigrationPlan, &checks, &rollback,
		&r.Status, &planned, &rolling, &watching, &decided, &reviewed, &shipped, &r.Window, &review, &r.Sentence, &r.Origin,
		&created, &updated, &deleted, &known)
	if err != nil {
		return r, err
	}
	for _, f := range []struct {
		text string
		into any
	}{{segment, &r.Segment}, {flags, &r.Flags}, {areas, &r.Areas}, {kinds, &r.Kinds}, {clusters, &r.Clusters},
		{watch, &r.Watch}, {rollback, &r.Rollback}, {review, &r.Review}, {known, &r.KnownIssues}} {
		if err := json.Unmarshal([]byte(f.text), f.into); err != nil {
			return r, err
		}
	}
	var ticks map[string]int64
	if err := json.Unmarshal([]byte(checks), &ticks); err != nil {
		return r, err
	}
	r.Checks = map[string]time.Time{}
	for k, v := range ticks {
		r.Checks[k] = time.Unix(v, 0).UTC()
	}
	r.Times = backend.StatusTimes{Planned: timep(planned), RollingOut: timep(rolling), Watching: timep(watching),
		Decided: timep(decided), Reviewed: timep(reviewed)}
	r.ShippedAt, r.DeletedAt = timep(shipped), timep(deleted)
	r.Created, r.Updated = time.Unix(created, 0).UTC(), time.Unix(updated, 0).UTC()
	for _, l := range []*[]string{&r.Flags, &r.Areas, &r.Kinds, &r.Clusters, &r.Watch, &r.Segment.Plans, &r.Segment.Accounts} {
		if *l == nil {
			*l = []string{}
		}
	}
	if r.KnownIssues == nil {
		r.KnownIssues = []backend.KnownIssue{}
	}
	return r, nil
}

// inTx runs f in one transaction; a *backend.Error from f is returned as
// is, anything else as an internal error about what.
func (db *DB) inTx(what string, f func(*sql.Tx) error) error {
	tx, err := db.sql.Begin()
	if err != nil {
		return internal(what, err)
	}
	if err := f(tx); err != nil {
		tx.Rollback()
		var be *backend.Error
		if errors.As(err, &be) {
			return err
		}
		return internal(what, err)
	}
	if err := tx.Commit(); err != nil {
		return internal(what, err)
	}
	return nil
}

func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// jsonList stores a list without empties, never as null.
func jsonList(xs []string) string {
	out := make([]string, 0, len(xs))
	for _, x := range xs {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return jsonText(out)
}

func checksText(m map[string]time.Time) string {
	out := map[string]int64{}
	for k, t := range m {
		out[k] = t.Unix()
	}
	return jsonText(out)
}

func unixOrNil(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.Unix()
}
