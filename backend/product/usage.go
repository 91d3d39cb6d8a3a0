package product

import (
	"context"
	"sort"
	"time"

	"keel/backend/accounts"
	"keel/backend/percentile"
	"keel/backend/workspace"
)

// HeavyFactor is how many times the median usage makes an account a
// heavy user (DESIGN.md: the accounts whose usage is 100× the median).
const HeavyFactor = 100

// AccountUsage is one account's events in the period.
type AccountUsage struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Events int64  `json:"events"`
	Days   int    `json:"days"` // days with at least one event
	// Heavy is true above HeavyFactor × the median.
	Heavy bool `json:"heavy"`
}

// Bucket is one bar of the distribution: accounts with Min ≤ events ≤ Max.
type Bucket struct {
	Min      int64 `json:"min"`
	Max      int64 `json:"max"`
	Accounts int64 `json:"accounts"`
}

// UsageReport is the usage distribution per account over the months
// first..last: every account with at least one event, most events first.
type UsageReport struct {
	From     string         `json:"from"` // YYYY-MM
	To       string         `json:"to"`
	Mode     string         `json:"mode"`
	Accounts []AccountUsage `json:"accounts"`
	// Median and P90 are nearest-rank over the accounts listed; Threshold
	// is HeavyFactor × Median, and Heavy counts the accounts above it.
	Median    *int64   `json:"median"`
	P90       *int64   `json:"p90"`
	Max       int64    `json:"max"`
	Threshold *int64   `json:"threshold"`
	Heavy     int      `json:"heavy"`
	Buckets   []Bucket `json:"buckets"` // powers of two: 1, 2–3, 4–7, …
}

// Usage computes the usage distribution from the workspace, with account
// names.
func Usage(ctx context.Context, db *workspace.DB, first, last time.Time) (*UsageReport, error) {
	u, err := accounts.LoadUnits(ctx, db)
	if err != nil {
		return nil, err
	}
	r := UsageOf(u, first, last)
	if u.Mode == accounts.ModeAccounts {
		names, err := db.AccountNames(ctx)
		if err != nil {
			return nil, err
		}
		for i := range r.Accounts {
			r.Accounts[i].Name = names[r.Accounts[i].ID]
		}
	} else {
		for i := range r.Accounts {
			r.Accounts[i].Name = r.Accounts[i].ID
		}
	}
	return r, nil
}

// UsageOf computes the usage distribution from loaded units.
func UsageOf(u *accounts.Units, first, last time.Time) *UsageReport {
	loc := u.Loc
	m0, m1 := absMonth(first, loc), absMonth(last, loc)
	r := &UsageReport{From: monthStart(m0, loc).Format("2006-01"), To: monthStart(m1, loc).Format("2006-01"), Mode: u.Mode}
	for _, un := range u.List {
		a := AccountUsage{ID: un.ID}
		for _, d := range un.Days {
			if m := accounts.MonthOfDay(d.Day); m >= m0 && m <= m1 && d.Events > 0 {
				a.Events += int64(d.Events)
				a.Days++
			}
		}
		if a.Events > 0 {
			r.Accounts = append(r.Accounts, a)
		}
	}
	sort.Slice(r.Accounts, func(i, j int) bool {
		a, b := r.Accounts[i], r.Accounts[j]
		return a.Events > b.Events || a.Events == b.Events && a.ID < b.ID
	})
	n := len(r.Accounts)
	if n == 0 {
		return r
	}
	asc := make([]int64, n)
	for i, a := range r.Accounts {
		asc[n-1-i] = a.Events
	}
	r.Median, r.P90, r.Max = percentile.Sorted(asc, 50), percentile.Sorted(asc, 90), asc[n-1]
	th := HeavyFactor * *r.Median
	r.Threshold = &th
	for i := range r.Accounts {
		if r.Accounts[i].Events > th {
			r.Accounts[i].Heavy = true
			r.Heavy++
		}
	}
	for lo := int64(1); lo <= r.Max; lo *= 2 {
		b := Bucket{Min: lo, Max: 2*lo - 1}
		for _, v := range asc {
			if v >= b.Min && v <= b.Max {
				b.Accounts++
			}
		}
		r.Buckets = append(r.Buckets, b)
	}
	return r
}
