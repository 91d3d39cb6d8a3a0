package product

import (
	"context"
	"time"

	"keel/backend/accounts"
	"keel/backend/workspace"
)

// EventName is one event name seen in the analytics data: what the
// founder picks activation and core events from.
type EventName struct {
	Name     string    `json:"name"`
	Events   int64     `json:"events"`
	Users    int64     `json:"users"`    // analytics users (distinct ids) who sent it
	Accounts int64     `json:"accounts"` // accounts that sent it
	First    time.Time `json:"first"`
	Last     time.Time `json:"last"`
	// Activation and Core say whether it is picked in the settings.
	Activation bool `json:"activation"`
	Core       bool `json:"core"`
}

// Events lists the event names seen, most sent first.
func Events(ctx context.Context, db *workspace.DB) ([]EventName, error) {
	if err := accounts.Ensure(ctx, db); err != nil {
		return nil, err
	}
	s, err := ReadSettings(db)
	if err != nil {
		return nil, err
	}
	in := func(xs []string, x string) bool {
		for _, v := range xs {
			if v == x {
				return true
			}
		}
		return false
	}
	rows, err := db.EventNames(ctx)
	if err != nil {
		return nil, err
	}
	var out []EventName
	for _, r := range rows {
		e := EventName{Name: r.Name, Events: r.Events, Users: r.Users, Accounts: r.Accounts,
			First: time.Unix(r.First, 0).UTC(), Last: time.Unix(r.Last, 0).UTC()}
		e.Activation, e.Core = in(s.ActivationEvents, e.Name), in(s.CoreEvents, e.Name)
		out = append(out, e)
	}
	return out, nil
}
