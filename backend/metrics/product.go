package metrics

import (
	"context"
	"time"

	"keel/backend/accounts"
	"keel/backend/product"
	"keel/backend/workspace"
)

// fillProduct sets signups and activation_rate (null until an activation
// event is picked). Without accounts or analytics users both stay null.
func fillProduct(db *workspace.DB, rep *Report, first, last time.Time) error {
	s, err := product.ReadSettings(db)
	if err != nil {
		return err
	}
	u, err := accounts.LoadUnits(context.Background(), db)
	if err != nil {
		return err
	}
	if len(u.List) == 0 {
		return nil
	}
	for i, m := range product.MonthsOf(u, s, first, last, db.Now()) {
		p := &rep.Months[i].Product
		p.Signups = i64(m.Signups)
		p.ActivationRate = m.ActivationRate
	}
	return nil
}
