package accounts

import (
	"context"
	"time"

	"keel/backend"
	"keel/backend/workspace"
)

// Unit is one account (or analytics user) with its product activity.
type Unit struct {
	ID        string
	FirstSeen int64 // unix seconds: the first customer record, subscription, payment or event; 0 when unknown
	Days      []Day // local days with events, ascending
	Names     []NameUse
}

// Units are what the product metrics count: the accounts, or, in mode
// ModeUsers (events exist but none links to an account, e.g. analytics
// without addresses), the analytics users.
type Units struct {
	Mode      string
	Accounts  int // accounts in the workspace, whatever the mode
	List      []Unit
	Names     []string // event names by id
	HasEvents bool
	Loc       *time.Location
}

// NameID returns the id of an event name.
func (u *Units) NameID(name string) (int32, bool) {
	for i, n := range u.Names {
		if n == name {
			return int32(i), true
		}
	}
	return 0, false
}

// LoadUnits reads every unit's activity (recomputing the links first if
// they are stale).
func LoadUnits(ctx context.Context, db *workspace.DB) (*Units, error) {
	if err := Ensure(ctx, db); err != nil {
		return nil, err
	}
	_, mode, err := state(ctx, db.SQL(), stageLinks)
	if err != nil {
		return nil, err
	}
	u := &Units{Mode: mode, Loc: db.Location()}
	rows, err := db.SQL().QueryContext(ctx, "SELECT id, name FROM event_names ORDER BY id")
	if err != nil {
		return nil, readErr("event names", err)
	}
	for rows.Next() {
		var id int
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			rows.Close()
			return nil, readErr("event names", err)
		}
		for len(u.Names) < id {
			u.Names = append(u.Names, "")
		}
		u.Names = append(u.Names, name)
	}
	rows.Close()
	u.HasEvents = len(u.Names) > 0
	if err := db.SQL().QueryRowContext(ctx, "SELECT COUNT(*) FROM accounts").Scan(&u.Accounts); err != nil {
		return nil, readErr("accounts", err)
	}
	q := "SELECT id, COALESCE(first_seen, 0), activity, names FROM accounts"
	if mode == ModeUsers {
		q = "SELECT distinct_id, first, activity, names FROM analytics_users"
	}
	rows, err = db.SQL().QueryContext(ctx, q)
	if err != nil {
		return nil, readErr("accounts", err)
	}
	defer rows.Close()
	var days, names []byte
	for rows.Next() {
		var un Unit
		if err := rows.Scan(&un.ID, &un.FirstSeen, &days, &names); err != nil {
			return nil, readErr("accounts", err)
		}
		if un.Days, err = decodeDays(days, nil); err != nil {
			return nil, backend.Errorf(backend.Internal, "account %s: %v", un.ID, err)
		}
		if un.Names, err = decodeNames(names, nil); err != nil {
			return nil, backend.Errorf(backend.Internal, "account %s: %v", un.ID, err)
		}
		u.List = append(u.List, un)
	}
	return u, rows.Err()
}
