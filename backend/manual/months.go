package manual

import (
	"context"
	"time"

	"keel/backend/accounts"
	"keel/backend/workspace"
)

// Month is one month's manual work (METRICS.md, Operations). Every field
// is nil when nothing was ever logged: the log is not in use, which is
// not the same as no manual work. PerAccount is nil too without active
// accounts.
type Month struct {
	Month         string   `json:"month"` // YYYY-MM
	Interventions *int64   `json:"manual_interventions"`
	Minutes       *int64   `json:"manual_minutes"`
	PerAccount    *float64 `json:"manual_interventions_per_account"`
	Active        *int64   `json:"active_accounts"`
	Paying        *int64   `json:"paying_customers"` // accounts with MRR > 0 at the end of the month
}

// Months counts the interventions of each month from the month of first
// to the month of last (workspace time zone).
func Months(ctx context.Context, db *workspace.DB, first, last time.Time) ([]Month, error) {
	loc := db.Location()
	start, end := monthStart(first, loc), monthStart(last, loc).AddDate(0, 1, 0)
	logged, err := db.ManualWorkCount()
	if err != nil {
		return nil, err
	}
	var active []accounts.ActiveMonth
	if logged > 0 {
		ms, ok, err := accounts.Active(ctx, db, start, end.Add(-time.Second))
		if err != nil {
			return nil, err
		}
		if ok {
			active = ms
		}
	}
	return Count(db, first, last, active)
}

// Count is Months with the active accounts of those months already
// counted (accounts.Active; nil when the workspace has no accounts).
func Count(db *workspace.DB, first, last time.Time, active []accounts.ActiveMonth) ([]Month, error) {
	loc := db.Location()
	start := monthStart(first, loc)
	end := monthStart(last, loc).AddDate(0, 1, 0)
	n := 0
	for m := start; m.Before(end); m = m.AddDate(0, 1, 0) {
		n++
	}
	out := make([]Month, n)
	for i := range out {
		out[i].Month = start.AddDate(0, i, 0).Format("2006-01")
	}
	logged, err := db.ManualWorkCount()
	if err != nil || logged == 0 {
		return out, err
	}
	entries, err := db.ManualWork(start, end)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Interventions, out[i].Minutes = new(int64), new(int64)
	}
	for _, e := range entries {
		i := monthIndex(e.At, start, loc)
		*out[i].Interventions++
		*out[i].Minutes += e.Minutes
	}
	for i, a := range active {
		if i >= n {
			break
		}
		v, p := a.Active, a.Paying
		out[i].Active, out[i].Paying = &v, &p
		if v > 0 {
			r := float64(*out[i].Interventions) / float64(v)
			out[i].PerAccount = &r
		}
	}
	return out, nil
}

func monthStart(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, loc)
}

// monthIndex is the index of t's month counted from the month starting
// at start.
func monthIndex(t, start time.Time, loc *time.Location) int {
	t = t.In(loc)
	return (t.Year()-start.Year())*12 + int(t.Month()) - int(start.Month())
}
