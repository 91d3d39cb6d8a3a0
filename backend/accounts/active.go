package accounts

import (
	"context"
	"time"

	"keel/backend/workspace"
)

// ActiveMonth is one month's active accounts (METRICS.md, Support):
// accounts with MRR > 0 at the end of the month (Paying) plus accounts
// with at least one product event in it (Using), each counted once.
type ActiveMonth struct {
	Month  string `json:"month"` // YYYY-MM
	Active int64  `json:"active"`
	Paying int64  `json:"paying"`
	Using  int64  `json:"using"`
}

// Active counts the active accounts of each month from the month of first
// to the month of last (workspace time zone). ok is false when the
// workspace has no accounts at all: the numbers would mean nothing.
func Active(ctx context.Context, db *workspace.DB, first, last time.Time) (months []ActiveMonth, ok bool, err error) {
	units, err := LoadUnits(ctx, db)
	if err != nil {
		return nil, false, err
	}
	bill, err := LoadBilling(ctx, db, first, last)
	if err != nil {
		return nil, false, err
	}
	return ActiveOf(units, bill, first, last), units.Accounts > 0, nil
}

// ActiveOf counts the active accounts from loaded units and billing (nil
// billing: no revenue data).
func ActiveOf(units *Units, bill *Billing, first, last time.Time) []ActiveMonth {
	loc := units.Loc
	m0 := first.In(loc).Year()*12 + int(first.In(loc).Month()) - 1
	m1 := last.In(loc).Year()*12 + int(last.In(loc).Month()) - 1
	n := max(m1-m0+1, 0)
	out := make([]ActiveMonth, n)
	ends := make([]int64, n)
	for i := range n {
		start := time.Date((m0+i)/12, time.Month((m0+i)%12+1), 1, 0, 0, 0, 0, loc)
		out[i].Month = start.Format("2006-01")
		ends[i] = start.AddDate(0, 1, 0).Unix() - 1
	}
	paying := make([]map[string]bool, n)
	for i := range paying {
		paying[i] = map[string]bool{}
	}
	if bill != nil {
		for _, id := range bill.Accounts() {
			for i, end := range ends {
				if bill.Paying(id, end) {
					paying[i][id] = true
					out[i].Paying++
				}
			}
		}
	}
	if units.Mode != ModeAccounts {
		for i := range out {
			out[i].Active = out[i].Paying
		}
		return out
	}
	for _, u := range units.List {
		prev := -1
		for _, d := range u.Days {
			i := MonthOfDay(d.Day) - m0
			if i < 0 || i >= n || i == prev {
				continue
			}
			prev = i
			out[i].Using++
			if !paying[i][u.ID] {
				out[i].Active++
			}
		}
	}
	for i := range out {
		out[i].Active += out[i].Paying
	}
	return out
}
