package costs

import (
	"context"
	"time"

	"keel/backend/accounts"
	"keel/backend/revenue"
	"keel/backend/workspace"
)

// The billing (like the accounts' lookup) is read once per state of the
// links: the workspace forgets them on every import, undo and
// setting change, and a merge or a split changes the links' mark, so an
// edit of the cost drivers or the plans recomputes only the model.

// linksMark is the state of the links, fresh (accounts.Ensure).
func linksMark(ctx context.Context, db *workspace.DB) (string, error) {
	if err := accounts.Ensure(ctx, db); err != nil {
		return "", err
	}
	return db.DerivedMark("links")
}

type billed struct {
	bill    *accounts.Billing
	rates   *revenue.Rates
	problem string
}

func billingOf(ctx context.Context, db *workspace.DB, start, end time.Time, cur string) (*accounts.Billing, *revenue.Rates, string, error) {
	mark, err := linksMark(ctx, db)
	if err != nil {
		return nil, nil, "", err
	}
	// The subscriptions' timelines, hence each account's plan and MRR at
	// any instant, do not depend on the month asked for: one billing
	// serves every month.
	v, err := db.Memo("costs.billing|"+mark, func() (any, error) {
		b, r, p, err := billing(ctx, db, start, end, cur)
		return &billed{b, r, p}, err
	})
	if err != nil {
		return nil, nil, "", err
	}
	b := v.(*billed)
	return b.bill, b.rates, b.problem, nil
}
