package workspace

import (
	"database/sql"
	"encoding/json"
	"strings"
	"time"

	"keel/backend"
)

// FlagNote is the founder's words about one flag, stored beside what the
// flag tool exported (flags table). A nil field was not said: the
// imported value stands. A flag made in Keel has only its note, keyed
// "keel:<flag key>".
type FlagNote struct {
	Key        string     `json:"key"`      // the flag's record key (backend.Flag.Key)
	FlagKey    string     `json:"flag_key"` // the key the code reads
	Name       *string    `json:"name"`
	Owner      *string    `json:"owner"`
	Purpose    *string    `json:"purpose"`
	Type       *string    `json:"type"`
	Lifetime   *string    `json:"lifetime"` // temporary | permanent
	ReleaseID  *string    `json:"release_id"`
	Created    *time.Time `json:"created"`
	CleanupDue *time.Time `json:"cleanup_due"`
	State      *string    `json:"state"`
	Percentage *int64     `json:"percentage"`
	StateSince *time.Time `json:"state_since"`
	Updated    time.Time  `json:"updated"`
	DeletedAt  *time.Time `json:"deleted_at"`
}

// KeelFlagSource is the source of the flags made in Keel.
const KeelFlagSource = "keel"

// Flags returns the imported flags, by key.
func (db *DB) Flags() ([]backend.Flag, error) {
	rows, err := db.sql.Query(`SELECT source, flag_key, name, description, type, temporary, owner, tags, environment, state,
		percentage, created, updated, cleanup_due, release_name, archived, attrs FROM flags ORDER BY key`)
	if err != nil {
		return nil, internal("read the flags", err)
	}
	defer rows.Close()
	var out []backend.Flag
	for rows.Next() {
		var f backend.Flag
		var temporary, pct, created, updated, cleanup sql.NullInt64
		var tags, attrs string
		if err := rows.Scan(&f.Source, &f.FlagKey, &f.Name, &f.Description, &f.Type, &temporary, &f.Owner, &tags,
			&f.Environment, &f.State, &pct, &created, &updated, &cleanup, &f.Release, &f.Archived, &attrs); err != nil {
			return nil, internal("read the flags", err)
		}
		if temporary.Valid {
			t := temporary.Int64 == 1
			f.Temporary = &t
		}
		if pct.Valid {
			f.Percentage = &pct.Int64
		}
		f.Created, f.Updated, f.CleanupDue = timep(created), timep(updated), timep(cleanup)
		f.Tags = strings.Fields(tags)
		if attrs != "" && attrs != "{}" {
			json.Unmarshal([]byte(attrs), &f.Attrs)
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

const flagNoteCols = `key, flag_key, name, owner, purpose, type, lifetime, release_id, created, cleanup_due, state, percentage,
	state_since, updated, deleted_at`

// FlagNotes returns every note, deleted ones too, by key.
func (db *DB) FlagNotes() (map[string]FlagNote, error) {
	rows, err := db.sql.Query("SELECT " + flagNoteCols + " FROM flag_notes")
	if err != nil {
		return nil, internal("read the flag notes", err)
	}
	defer rows.Close()
	out := map[string]FlagNote{}
	for rows.Next() {
		var n FlagNote
		var name, owner, purpose, typ, life, rel, state sql.NullString
		var created, cleanup, pct, since, deleted sql.NullInt64
		var updated int64
		if err := rows.Scan(&n.Key, &n.FlagKey, &name, &owner, &purpose, &typ, &life, &rel, &created, &cleanup, &state, &pct,
			&since, &updated, &deleted); err != nil {
			return nil, internal("read the flag notes", err)
		}
		n.Name, n.Owner, n.Purpose, n.Type = strp(name), strp(owner), strp(purpose), strp(typ)
		n.Lifetime, n.ReleaseID, n.State = strp(life), strp(rel), strp(state)
		n.Created, n.CleanupDue, n.StateSince, n.DeletedAt = timep(created), timep(cleanup), timep(since), timep(deleted)
		if pct.Valid {
			n.Percentage = &pct.Int64
		}
		n.Updated = time.Unix(updated, 0).UTC()
		out[n.Key] = n
	}
	return out, rows.Err()
}

// SaveFlagNote writes the founder's note on a flag, replacing the one
// before, in one transaction.
func (db *DB) SaveFlagNote(n FlagNote) error {
	if n.Key == "" || n.FlagKey == "" {
		return backend.Errorf(backend.Invalid, "A flag needs a key.")
	}
	n.Updated = db.Now().UTC()
	return db.inTx("save the flag", func(tx *sql.Tx) error {
		_, err := tx.Exec(`INSERT INTO flag_notes(`+flagNoteCols+`) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
			ON CONFLICT(key) DO UPDATE SET flag_key=excluded.flag_key, name=excluded.name, owner=excluded.owner,
			purpose=excluded.purpose, type=excluded.type, lifetime=excluded.lifetime, release_id=excluded.release_id,
			created=excluded.created, cleanup_due=excluded.cleanup_due, state=excluded.state, percentage=excluded.percentage,
			state_since=excluded.state_since, updated=excluded.updated, deleted_at=excluded.deleted_at`,
			n.Key, n.FlagKey, n.Name, n.Owner, n.Purpose, n.Type, n.Lifetime, n.ReleaseID, unixOrNil(n.Created),
			unixOrNil(n.CleanupDue), n.State, n.Percentage, unixOrNil(n.StateSince), n.Updated.Unix(), unixOrNil(n.DeletedAt))
		return err
	})
}

func strp(s sql.NullString) *string {
	if !s.Valid {
		return nil
	}
	return &s.String
}
