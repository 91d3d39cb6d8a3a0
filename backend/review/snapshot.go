package review

import (
	"encoding/json"

	"keel/backend"
	"keel/backend/figures"
	"keel/backend/revenue"
	"keel/backend/workspace"
)

// readSnapshot reads a frozen review's content: the current shape, or the
// first one (version 1), whose figures were the `keel metrics --json`
// object with the movements, plan mix and cohorts beside it.
func readSnapshot(raw string) (*content, error) {
	var head struct {
		Version int `json:"version"`
	}
	if err := json.Unmarshal([]byte(raw), &head); err != nil {
		return nil, backend.Errorf(backend.Internal, "read the frozen review: %v", err)
	}
	var c content
	switch head.Version {
	case snapshotVersion, 2: // 2 lacks the feedback figures: they read as null
		if err := json.Unmarshal([]byte(raw), &c); err != nil {
			return nil, backend.Errorf(backend.Internal, "read the frozen review: %v", err)
		}
	case 1:
		if err := readV1(raw, &c); err != nil {
			return nil, backend.Errorf(backend.Internal, "read the frozen review: %v", err)
		}
	default:
		return nil, backend.Errorf(backend.Conflict, "This review was frozen by another version of Keel (snapshot format %d); update Keel to read it.", head.Version)
	}
	if c.Figures == nil || len(c.Figures.Months) == 0 {
		return nil, backend.Errorf(backend.Internal, "read the frozen review: it has no numbers")
	}
	return &c, nil
}

// readV1 reads a version 1 snapshot into the current shape.
func readV1(raw string, c *content) error {
	var v1 struct {
		content
		BaseCurrency string `json:"base_currency"`
		Rules        struct {
			BaseCurrency   string           `json:"base_currency"`
			ChurnTiming    string           `json:"churn_timing"`
			Discounts      string           `json:"discounts"`
			TimeZone       string           `json:"time_zone"`
			TestMode       string           `json:"test_mode"`
			ActivationDays int              `json:"activation_days"`
			Rates          []workspace.Rate `json:"exchange_rates"`
		} `json:"rules"`
		Data struct {
			Metrics struct {
				Months []figures.Month `json:"months"`
			} `json:"metrics"`
			Movements []figures.Movement `json:"movements"`
			Plans     []revenue.PlanMRR  `json:"plans"`
			Cohorts   []figures.Cohort   `json:"cohorts"`
			Usage     []figures.Cohort   `json:"usage_cohorts"`
		} `json:"data"`
	}
	if err := json.Unmarshal([]byte(raw), &v1); err != nil {
		return err
	}
	*c = v1.content
	r := v1.Rules
	s := &figures.Set{BaseCurrency: v1.BaseCurrency, Months: v1.Data.Metrics.Months, Movements: v1.Data.Movements,
		Cohorts: v1.Data.Cohorts, Usage: v1.Data.Usage,
		Rules: figures.Rules{BaseCurrency: r.BaseCurrency, ChurnTiming: r.ChurnTiming, Discounts: r.Discounts, TimeZone: r.TimeZone,
			TestMode: r.TestMode, ActivationDays: r.ActivationDays, Rates: r.Rates}}
	if n := len(s.Months); n > 0 {
		s.Months[n-1].Plans = v1.Data.Plans
	}
	// What the data had, as far as the frozen figures tell.
	for i := range s.Months {
		m := &s.Months[i]
		for _, x := range []struct {
			d  figures.Data
			ok bool
		}{
			{figures.Billing, m.Revenue.MRR != nil}, {figures.Payments, m.Revenue.Collected != nil},
			{figures.Tickets, m.Support.Tickets != nil}, {figures.Accounts, m.Support.ActiveAccounts != nil},
			{figures.Units, m.Product.Signups != nil}, {figures.Activation, m.Product.ActivationRate != nil},
			{figures.Events, len(s.Usage) > 0},
		} {
			if x.ok {
				s.Has |= x.d
			}
		}
		// Version 1 kept the rate, not the signups activated: the rate
		// times the signups gives them back exactly.
		if r := m.Product.ActivationRate; r != nil && m.Product.Signups != nil {
			n := int64(*r*float64(*m.Product.Signups) + 0.5)
			m.Activated = &n
		}
	}
	c.Figures = s
	return nil
}
