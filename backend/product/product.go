// Package product computes the Product numbers of METRICS.md and the
// Users screen: signups and activation per month, retention cohorts
// (monthly or weekly), usage per account with the heavy users flagged, and
// the event names seen, from the accounts' activity (backend/accounts).
//
// Every function has two forms: one that reads the workspace (Months,
// Cohorts, Usage, Events) and one that computes from already loaded
// accounts.Units (MonthsOf, CohortsOf, UsageOf), so that a screen can load
// once and compute several views.
package product

import (
	"strconv"
	"strings"
	"time"

	"keel/backend/workspace"
)

// Settings are the product rules in force (workspace settings).
type Settings struct {
	// ActivationEvents must all be performed within ActivationDays of
	// signup for a signup to count as activated; none picked means the
	// activation rate is undefined (null).
	ActivationEvents []string `json:"activation_events"`
	ActivationDays   int      `json:"activation_days"`
	// CoreEvents are the events that qualify for retention when a cohort
	// view asks for core events only.
	CoreEvents []string `json:"core_events"`
}

// ReadSettings reads the product settings.
func ReadSettings(db *workspace.DB) (Settings, error) {
	var s Settings
	ev, err := db.Setting(workspace.SettingActivationEvents)
	if err != nil {
		return s, err
	}
	days, err := db.Setting(workspace.SettingActivationDays)
	if err != nil {
		return s, err
	}
	core, err := db.Setting(workspace.SettingCoreEvents)
	if err != nil {
		return s, err
	}
	s.ActivationEvents, s.CoreEvents = list(ev), list(core)
	if s.ActivationDays, err = strconv.Atoi(days); err != nil || s.ActivationDays < 1 {
		s.ActivationDays = 14
	}
	return s, nil
}

func list(v string) []string {
	if v == "" {
		return nil
	}
	return strings.Split(v, ",")
}

// absMonth is year×12 + month−1 of t in loc.
func absMonth(t time.Time, loc *time.Location) int {
	t = t.In(loc)
	return t.Year()*12 + int(t.Month()) - 1
}

func monthStart(m int, loc *time.Location) time.Time {
	return time.Date(m/12, time.Month(m%12+1), 1, 0, 0, 0, 0, loc)
}

func ratio(a, b int64) *float64 {
	if b == 0 {
		return nil
	}
	r := float64(a) / float64(b)
	return &r
}
