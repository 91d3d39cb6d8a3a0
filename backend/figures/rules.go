package figures

import (
	"keel/backend/product"
	"keel/backend/revenue"
	"keel/backend/workspace"
)

// Rules are the rules in force behind every figure: the workspace's
// settings that change how a number is computed, and the user's
// exchange-rates table. It is the one Rules type: the rules card, the
// review (frozen with its numbers), the report's Definitions sheet and
// `keel metrics --json` all read it.
type Rules struct {
	BaseCurrency string `json:"base_currency"`
	ChurnTiming  string `json:"churn_timing"` // period_end | cancellation
	Discounts    string `json:"discounts"`    // net | list
	TimeZone     string `json:"time_zone"`
	TestMode     string `json:"test_mode"` // excluded | included
	// ActivationEvents must all be performed within ActivationDays of
	// signup; none picked leaves activation_rate null.
	ActivationDays   int              `json:"activation_days"`
	ActivationEvents []string         `json:"activation_events"`
	Rates            []workspace.Rate `json:"exchange_rates"`
}

// ReadRules reads the rules in force.
func ReadRules(db *workspace.DB) (Rules, error) {
	var r Rules
	var err error
	get := func(k string) string {
		var v string
		if err == nil {
			v, err = db.Setting(k)
		}
		return v
	}
	r.ChurnTiming = get(workspace.SettingChurnTiming)
	r.Discounts = get(workspace.SettingDiscounts)
	r.TimeZone = get(workspace.SettingTimeZone)
	r.TestMode = "excluded"
	if get(workspace.SettingIncludeTest) == "true" {
		r.TestMode = "included"
	}
	if err != nil {
		return r, err
	}
	ps, err := product.ReadSettings(db)
	if err != nil {
		return r, err
	}
	r.ActivationDays, r.ActivationEvents = ps.ActivationDays, ps.ActivationEvents
	if r.BaseCurrency, err = revenue.BaseCurrency(db); err != nil {
		return r, err
	}
	if r.Rates, err = db.Rates(); err != nil {
		return r, err
	}
	if r.Rates == nil {
		r.Rates = []workspace.Rate{}
	}
	return r, nil
}
