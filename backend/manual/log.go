package manual

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"keel/backend"
	"keel/backend/accounts"
	"keel/backend/workspace"
)

// Input is an intervention as the founder types it.
type Input struct {
	// Date is YYYY-MM-DD in the workspace time zone, "" for now.
	Date string `json:"date"`
	// Account names the account: its id, an address, its domain or its
	// name; "" when the work served no one account.
	Account string `json:"account"`
	Kind    string `json:"kind"`
	Minutes int64  `json:"minutes"`
	Note    string `json:"note"`
}

// MaxMinutes is the longest single intervention: a day.
const MaxMinutes = 24 * 60

// check turns an Input into the stored intervention, resolving the
// account to its id.
func check(ctx context.Context, db *workspace.DB, in Input) (backend.ManualWork, error) {
	var m backend.ManualWork
	kind, ok := Kind(in.Kind)
	if !ok {
		return m, backend.Errorf(backend.Invalid, "The kind of manual work is one of %s, not %q.", kindList(), in.Kind)
	}
	if in.Minutes <= 0 || in.Minutes > MaxMinutes {
		return m, backend.Errorf(backend.Invalid, "Say how many minutes it took: a whole number from 1 to %d, not %d.", MaxMinutes, in.Minutes)
	}
	note := strings.TrimSpace(in.Note)
	if utf8.RuneCountInString(note) > 2000 {
		return m, backend.Errorf(backend.Invalid, "The note is longer than 2,000 characters; keep it short.")
	}
	loc := db.Location()
	at := db.Now()
	if d := strings.TrimSpace(in.Date); d != "" {
		day, err := time.ParseInLocation("2006-01-02", d, loc)
		if err != nil {
			return m, backend.Errorf(backend.Invalid, "The date %q is not a date; write it as YYYY-MM-DD, e.g. 2026-04-30.", d)
		}
		if day.After(at) {
			return m, backend.Errorf(backend.Invalid, "Log work that was done: %s is in the future.", d)
		}
		at = day.Add(12 * time.Hour)
	}
	account := ""
	if ref := strings.TrimSpace(in.Account); ref != "" {
		l, err := accounts.LoadLookup(ctx, db)
		if err != nil {
			return m, err
		}
		id, ok := l.Find(ref)
		if !ok {
			return m, backend.Errorf(backend.Invalid, "No account is called %q or reached at it; name it as the Accounts screen does (its name, an address or its domain).", ref)
		}
		account = id
	}
	return backend.ManualWork{At: at, Account: account, Type: kind, Minutes: in.Minutes, Note: note}, nil
}

// Log records an intervention typed in Keel and returns it stored.
func Log(ctx context.Context, db *workspace.DB, in Input) (workspace.ManualEntry, error) {
	m, err := check(ctx, db, in)
	if err != nil {
		return workspace.ManualEntry{}, err
	}
	return db.AddManualWork(m)
}

// Edit changes an intervention typed in Keel.
func Edit(ctx context.Context, db *workspace.DB, key string, in Input) (workspace.ManualEntry, error) {
	m, err := check(ctx, db, in)
	if err != nil {
		return workspace.ManualEntry{}, err
	}
	return db.UpdateManualWork(key, m)
}

// Delete removes an intervention typed in Keel.
func Delete(db *workspace.DB, key string) error { return db.DeleteManualWork(key) }
