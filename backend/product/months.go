package product

import (
	"context"
	"time"

	"keel/backend/accounts"
	"keel/backend/workspace"
)

// Month is one month's signups and activation (METRICS.md, Product).
type Month struct {
	Month string `json:"month"` // YYYY-MM
	// Signups are the accounts (or analytics users) first seen in the month.
	Signups int64 `json:"signups"`
	// Activated are the signups that performed every activation event
	// within ActivationDays of signing up; ActivationRate is Activated /
	// Signups, nil until activation events are picked or without signups.
	Activated      int64    `json:"activated"`
	ActivationRate *float64 `json:"activation_rate"`
	// Settled is true when every signup's activation window had ended by
	// the workspace clock: until then the rate can still rise.
	Settled bool `json:"settled"`
	// Using are the accounts (or analytics users) with at least one
	// product event in the month.
	Using int64 `json:"using"`
}

// Figures are one month's Product numbers (METRICS.md, Product): the
// `product` section of `keel metrics --json`, nil without any account or
// analytics user (and the rate until an activation event is picked).
type Figures struct {
	Signups        *int64   `json:"signups"`
	ActivationRate *float64 `json:"activation_rate"`
}

// Overview is the Users screen's monthly numbers.
type Overview struct {
	Mode     string   `json:"mode"` // accounts | users (analytics users without accounts)
	Settings Settings `json:"settings"`
	Months   []Month  `json:"months"`
}

// Months computes signups and activation for the months of first..last.
func Months(ctx context.Context, db *workspace.DB, first, last time.Time) (*Overview, error) {
	s, err := ReadSettings(db)
	if err != nil {
		return nil, err
	}
	u, err := accounts.LoadUnits(ctx, db)
	if err != nil {
		return nil, err
	}
	return &Overview{Mode: u.Mode, Settings: s, Months: MonthsOf(u, s, first, last, db.Now())}, nil
}

// MonthsOf computes signups and activation from loaded units.
func MonthsOf(u *accounts.Units, s Settings, first, last, now time.Time) []Month {
	loc := u.Loc
	m0, m1 := absMonth(first, loc), absMonth(last, loc)
	n := max(m1-m0+1, 0)
	out := make([]Month, n)
	for i := range out {
		out[i].Month = monthStart(m0+i, loc).Format("2006-01")
	}
	act := newActivation(u, s)
	window := int64(s.ActivationDays) * 86400
	latest := make([]int64, n) // the last signup of each month
	for _, un := range u.List {
		if un.FirstSeen == 0 {
			continue
		}
		i := absMonth(time.Unix(un.FirstSeen, 0), loc) - m0
		if i < 0 || i >= n {
			continue
		}
		out[i].Signups++
		latest[i] = max(latest[i], un.FirstSeen)
		if act.activated(un) {
			out[i].Activated++
		}
	}
	for _, un := range u.List {
		prev := -1
		for _, d := range un.Days {
			i := accounts.MonthOfDay(d.Day) - m0
			if i < 0 || i >= n || i == prev || d.Events == 0 {
				continue
			}
			prev = i
			out[i].Using++
		}
	}
	for i := range out {
		m := &out[i]
		if act.picked {
			m.ActivationRate = ratio(m.Activated, m.Signups)
		}
		end := monthStart(m0+i+1, loc).Unix() - 1
		m.Settled = end < now.Unix() && (m.Signups == 0 || latest[i]+window < now.Unix())
	}
	return out
}

// Activation is the activation rule of s over u, for counts over other
// periods than months (a release's watch window): whether a unit
// performed every activation event in time, and whether any activation
// event is picked at all (else there is no rate).
func Activation(u *accounts.Units, s Settings) (activated func(accounts.Unit) bool, picked bool) {
	a := newActivation(u, s)
	return a.activated, a.picked
}

// activation tells whether a unit performed every activation event
// within the window after its signup.
type activation struct {
	picked bool
	ids    []int32
	known  bool // every picked event was seen at least once
	window int64
}

func newActivation(u *accounts.Units, s Settings) *activation {
	a := &activation{picked: len(s.ActivationEvents) > 0, known: true, window: int64(s.ActivationDays) * 86400}
	for _, name := range s.ActivationEvents {
		id, ok := u.NameID(name)
		if !ok {
			a.known = false
			continue
		}
		a.ids = append(a.ids, id)
	}
	return a
}

// activated: each activation event's first time t satisfies
// signup ≤ t ≤ signup + activation_days × 24 h (both edges included).
func (a *activation) activated(un accounts.Unit) bool {
	if !a.picked || !a.known || un.FirstSeen == 0 {
		return false
	}
	for _, id := range a.ids {
		ok := false
		for _, nu := range un.Names {
			if nu.Name == id {
				ok = nu.First >= un.FirstSeen && nu.First-un.FirstSeen <= a.window
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// FiguresOf is the Product section of months computed from u: nil fields
// without any account or analytics user.
func FiguresOf(u *accounts.Units, months []Month) []Figures {
	out := make([]Figures, len(months))
	if len(u.List) == 0 {
		return out
	}
	for i := range months {
		signups := months[i].Signups
		out[i] = Figures{Signups: &signups, ActivationRate: months[i].ActivationRate}
	}
	return out
}
