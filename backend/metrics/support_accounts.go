package metrics

import (
	"context"
	"time"

	"keel/backend/accounts"
	"keel/backend/workspace"
)

// fillSupportAccounts sets active_accounts (accounts with MRR > 0 at the
// month's end plus accounts with a product event in it) and
// tickets_per_active_account. Without any account both stay null.
func fillSupportAccounts(db *workspace.DB, rep *Report, first, last time.Time) error {
	months, ok, err := accounts.Active(context.Background(), db, first, last)
	if err != nil || !ok {
		return err
	}
	for i, a := range months {
		s := &rep.Months[i].Support
		s.ActiveAccounts = i64(a.Active)
		if s.Tickets != nil {
			s.TicketsPerActiveAccount = ratio(float64(*s.Tickets), float64(a.Active))
		}
	}
	return nil
}
