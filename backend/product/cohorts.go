package product

import (
	"context"
	"slices"
	"time"

	"keel/backend"
	"keel/backend/accounts"
	"keel/backend/workspace"
)

// CohortOptions choose the retention view.
type CohortOptions struct {
	Weekly bool // weekly cohorts (weeks start on Monday); monthly by default
	// CoreOnly counts only the core events (setting core_events) as
	// qualifying; by default any event does.
	CoreOnly bool
	// From and To bound the cohorts by the start of their period; zero
	// values mean from the first signup and up to now.
	From, To time.Time
}

// Cohort is the signups of one month (or week) and how many of them had a
// qualifying event in each period since.
type Cohort struct {
	Start time.Time `json:"start"` // first day of the period, workspace time zone
	Label string    `json:"label"` // 2025-03, or 2025-03-03 for the week starting that Monday
	Size  int64     `json:"size"`
	// Retained[k] is how many of the cohort had at least one qualifying
	// event in period k after signup (k = 0 is the signup period);
	// Share[k] is Retained[k] / Size. Periods after the current one are
	// left out, so recent cohorts have fewer.
	Retained []int64   `json:"retained"`
	Share    []float64 `json:"share"`
	// Partial is set by Recent when the last period is still running.
	Partial bool `json:"partial"`
}

// Retention is the cohort heatmap.
type Retention struct {
	Period     string   `json:"period"`     // month | week
	Qualifying []string `json:"qualifying"` // the core events, or empty for any event
	Mode       string   `json:"mode"`       // accounts | users
	Cohorts    []Cohort `json:"cohorts"`
}

// Cohorts computes retention cohorts from the workspace.
func Cohorts(ctx context.Context, db *workspace.DB, opt CohortOptions) (*Retention, error) {
	s, err := ReadSettings(db)
	if err != nil {
		return nil, err
	}
	u, err := accounts.LoadUnits(ctx, db)
	if err != nil {
		return nil, err
	}
	return CohortsOf(u, s, opt, db.Now())
}

// CohortsOf computes retention cohorts from loaded units. Core events are
// counted when the links are computed, so s.CoreEvents must be the
// workspace's setting.
func CohortsOf(u *accounts.Units, s Settings, opt CohortOptions, now time.Time) (*Retention, error) {
	if opt.CoreOnly && len(s.CoreEvents) == 0 {
		return nil, backend.Errorf(backend.Invalid, "Pick the core events first (setting core_events), or count any event.")
	}
	loc := u.Loc
	r := &Retention{Period: "month", Mode: u.Mode}
	if opt.CoreOnly {
		r.Qualifying = s.CoreEvents
	}
	// period numbers a local day: absolute months, or weeks since the
	// Monday 1970-01-05 (day 4).
	period := func(day int32) int { return accounts.MonthOfDay(day) }
	start := func(p int) time.Time { return monthStart(p, loc) }
	label := func(t time.Time) string { return t.Format("2006-01") }
	if opt.Weekly {
		r.Period = "week"
		period = func(day int32) int { return int(accounts.WeekOfDay(day)-4) / 7 }
		start = func(p int) time.Time { return accounts.DayStart(int32(4+7*p), loc) }
		label = func(t time.Time) string { return t.Format("2006-01-02") }
	}
	nowP := period(accounts.LocalDay(now.Unix(), loc))
	lo, hi := -1<<31, nowP
	if !opt.From.IsZero() {
		lo = period(accounts.LocalDay(opt.From.Unix(), loc))
	}
	if !opt.To.IsZero() {
		hi = min(hi, period(accounts.LocalDay(opt.To.Unix(), loc)))
	}
	type acc struct {
		size     int64
		retained []int64
		seen     []int // seen[k] = 1 + the unit last counted in period k
	}
	cohorts := map[int]*acc{}
	for ui, un := range u.List {
		if un.FirstSeen == 0 {
			continue
		}
		c := period(accounts.LocalDay(un.FirstSeen, loc))
		if c < lo || c > hi {
			continue
		}
		a := cohorts[c]
		if a == nil {
			a = &acc{retained: make([]int64, nowP-c+1), seen: make([]int, nowP-c+1)}
			cohorts[c] = a
		}
		a.size++
		for _, d := range un.Days {
			if d.Events == 0 || opt.CoreOnly && d.Core == 0 {
				continue
			}
			k := period(d.Day) - c
			if k < 0 || k >= len(a.retained) || a.seen[k] == ui+1 {
				continue
			}
			a.seen[k] = ui + 1
			a.retained[k]++
		}
	}
	keys := make([]int, 0, len(cohorts))
	for p := range cohorts {
		keys = append(keys, p)
	}
	slices.Sort(keys)
	for _, p := range keys {
		a := cohorts[p]
		c := Cohort{Start: start(p), Size: a.size, Retained: a.retained, Share: make([]float64, len(a.retained))}
		c.Label = label(c.Start)
		for k, n := range a.retained {
			c.Share[k] = float64(n) / float64(a.size)
		}
		r.Cohorts = append(r.Cohorts, c)
	}
	return r, nil
}

// Recent is the retention heatmap of the n cohorts up to month last: the
// n months ending with it, or with weekly the n weeks ending with the one
// that holds its last day. A cohort whose last period is still running at
// now is marked Partial.
func Recent(u *accounts.Units, s Settings, last backend.Month, weekly, coreOnly bool, n int, now time.Time) (*Retention, error) {
	loc := u.Loc
	end := last.End(loc).Add(-time.Second)
	opt := CohortOptions{Weekly: weekly, CoreOnly: coreOnly, From: last.Add(1 - n).Start(loc), To: end}
	if weekly {
		monday := accounts.DayStart(accounts.WeekOfDay(accounts.LocalDay(end.Unix(), loc)), loc)
		opt.From = monday.AddDate(0, 0, -7*(n-1))
	}
	r, err := CohortsOf(u, s, opt, now)
	if err != nil {
		return nil, err
	}
	nowDay := accounts.LocalDay(now.Unix(), loc)
	for i := range r.Cohorts {
		c := &r.Cohorts[i]
		if len(c.Retained) == 0 {
			continue
		}
		lastStart := c.Start.AddDate(0, len(c.Retained)-1, 0)
		if weekly {
			lastStart = c.Start.AddDate(0, 0, 7*(len(c.Retained)-1))
		}
		c.Partial = accounts.LocalDay(lastStart.Unix(), loc) <= nowDay
	}
	return r, nil
}
