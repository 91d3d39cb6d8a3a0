package accounts

import (
	"context"
	"strings"
	"time"

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

// LoadUnits reads every unit's activity (linking the accounts first if
// they are stale), once per linking (Version: a merge or split links
// again): the active accounts and the product figures of one Set both
// count from it. Read-only once loaded.
func LoadUnits(ctx context.Context, db *workspace.DB) (*Units, error) {
	ver, err := Version(ctx, db)
	if err != nil {
		return nil, err
	}
	v, err := db.Memo("accounts.units:"+ver, func() (any, error) { return loadUnits(ctx, db) })
	if err != nil {
		return nil, err
	}
	return v.(*Units), nil
}

func loadUnits(ctx context.Context, db *workspace.DB) (*Units, error) {
	if err := Ensure(ctx, db); err != nil {
		return nil, err
	}
	_, mode, _, err := db.LinkedState(ctx)
	if err != nil {
		return nil, err
	}
	u := &Units{Mode: mode, Loc: db.Location()}
	if u.Names, err = db.EventNameList(ctx); err != nil {
		return nil, err
	}
	u.HasEvents = len(u.Names) > 0
	if u.Accounts, err = db.AccountCount(ctx); err != nil {
		return nil, err
	}
	if mode != ModeUsers {
		err = db.AccountActivity(ctx, func(a workspace.Activity) error {
			u.List = append(u.List, Unit{ID: a.ID, FirstSeen: a.FirstSeen, Days: a.Days, Names: a.Names})
			return nil
		})
		return u, err
	}
	users, err := db.IdentSummaries(ctx, workspace.IdentUser, "")
	if err != nil {
		return nil, err
	}
	for _, s := range users {
		days, err := workspace.DecodeDays(s.Sum.Activity, nil)
		if err != nil {
			return nil, err
		}
		u.List = append(u.List, Unit{ID: strings.TrimPrefix(s.Key, workspace.IdentUser), FirstSeen: s.Sum.First, Days: days, Names: s.Sum.Names})
	}
	return u, nil
}
