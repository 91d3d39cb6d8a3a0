// Package metrics computes the monthly numbers of METRICS.md from a
// workspace. Each field is a pointer: nil (JSON null) means the data or the
// capability behind it is missing, never zero.
package metrics

import (
	"strconv"
	"strings"
	"time"

	"keel/backend"
	"keel/backend/revenue"
	"keel/backend/workspace"
)

// Report is the `keel metrics --json` object.
type Report struct {
	BaseCurrency string  `json:"base_currency"`
	Rules        Rules   `json:"rules"`
	Months       []Month `json:"months"`
}

// Rules are the switchable rules in force.
type Rules struct {
	ChurnTiming    string `json:"churn_timing"`
	Discounts      string `json:"discounts"`
	TimeZone       string `json:"time_zone"`
	TestMode       string `json:"test_mode"` // excluded | included
	ActivationDays int    `json:"activation_days"`
	// ActivationEvents must all be performed within ActivationDays of
	// signup; none picked leaves activation_rate null.
	ActivationEvents []string `json:"activation_events"`
}

// Month holds one calendar month's numbers.
type Month struct {
	Month      string     `json:"month"`
	Revenue    Revenue    `json:"revenue"`
	Support    Support    `json:"support"`
	Product    Product    `json:"product"`
	Operations Operations `json:"operations"`
}

// Revenue fields; money in minor units of the base currency.
type Revenue struct {
	MRR                   *int64   `json:"mrr"`
	New                   *int64   `json:"new"`
	Expansion             *int64   `json:"expansion"`
	Contraction           *int64   `json:"contraction"`
	Churn                 *int64   `json:"churn"`
	Reactivation          *int64   `json:"reactivation"`
	FX                    *int64   `json:"fx"`
	ARR                   *int64   `json:"arr"`
	ARPA                  *int64   `json:"arpa"`
	Customers             *int64   `json:"customers"`
	NewCustomers          *int64   `json:"new_customers"`
	ChurnedCustomers      *int64   `json:"churned_customers"`
	ReactivatedCustomers  *int64   `json:"reactivated_customers"`
	LogoChurnRate         *float64 `json:"logo_churn_rate"`
	GrossRevenueChurnRate *float64 `json:"gross_revenue_churn_rate"`
	NetRevenueChurnRate   *float64 `json:"net_revenue_churn_rate"`
	NRR                   *float64 `json:"nrr"`
	QuickRatio            *float64 `json:"quick_ratio"`
	Collected             *int64   `json:"collected"`
	Refunded              *int64   `json:"refunded"`
	Refunds               *int64   `json:"refunds"`
	Disputes              *int64   `json:"disputes"`
	Disputed              *int64   `json:"disputed"`
	FailedPayments        *int64   `json:"failed_payments"`
}

// Support fields.
type Support struct {
	Tickets                 *int64   `json:"tickets"`
	Solved                  *int64   `json:"solved"`
	FirstReplyMinutesP50    *int64   `json:"first_reply_minutes_p50"`
	FirstReplyMinutesP90    *int64   `json:"first_reply_minutes_p90"`
	ResolutionMinutesP50    *int64   `json:"resolution_minutes_p50"`
	ResolutionMinutesP90    *int64   `json:"resolution_minutes_p90"`
	Satisfaction            *float64 `json:"satisfaction"`
	ActiveAccounts          *int64   `json:"active_accounts"`
	TicketsPerActiveAccount *float64 `json:"tickets_per_active_account"`
}

// Product fields.
type Product struct {
	Signups        *int64   `json:"signups"`
	ActivationRate *float64 `json:"activation_rate"`
}

// Operations fields.
type Operations struct {
	Releases                      *int64   `json:"releases"`
	Rollbacks                     *int64   `json:"rollbacks"`
	Hotfixes                      *int64   `json:"hotfixes"`
	BugsPerRelease                *float64 `json:"bugs_per_release"`
	ManualInterventions           *int64   `json:"manual_interventions"`
	ManualMinutes                 *int64   `json:"manual_minutes"`
	ManualInterventionsPerAccount *float64 `json:"manual_interventions_per_account"`
}

// Compute builds the report for the months from..to inclusive ("2025-01").
func Compute(db *workspace.DB, from, to string) (*Report, error) {
	rep, _, err := ComputeWithSeries(db, from, to)
	return rep, err
}

// ComputeWithSeries is Compute that also returns the revenue series behind
// the revenue fields (nil without billing data), so that a caller needing
// the customers behind the movements (the review, the report) does not
// compute the revenue twice.
func ComputeWithSeries(db *workspace.DB, from, to string) (*Report, *revenue.Series, error) {
	loc := db.Location()
	first, err := parseMonth(from, loc)
	if err != nil {
		return nil, nil, err
	}
	last, err := parseMonth(to, loc)
	if err != nil {
		return nil, nil, err
	}
	if last.Before(first) {
		return nil, nil, backend.Errorf(backend.Invalid, "--to %s is before --from %s.", to, from)
	}
	if months(first, last) > 240 {
		return nil, nil, backend.Errorf(backend.Invalid, "That is more than 20 years of months; pick a shorter range.")
	}
	rules, err := readRules(db)
	if err != nil {
		return nil, nil, err
	}
	base, err := BaseCurrency(db)
	if err != nil {
		return nil, nil, err
	}
	rep := &Report{BaseCurrency: base, Rules: rules}
	for m := first; !m.After(last); m = m.AddDate(0, 1, 0) {
		rep.Months = append(rep.Months, Month{Month: m.Format("2006-01")})
	}
	ser, err := fillRevenue(db, rep, first, last)
	if err != nil {
		return nil, nil, err
	}
	if err := fillPayments(db, rep, first, loc, rules.TestMode == "included"); err != nil {
		return nil, nil, err
	}
	if err := fillSupport(db, rep, first, loc); err != nil {
		return nil, nil, err
	}
	if err := fillSupportAccounts(db, rep, first, last); err != nil {
		return nil, nil, err
	}
	if err := fillProduct(db, rep, first, last); err != nil {
		return nil, nil, err
	}
	if err := fillManual(db, rep, first, last); err != nil {
		return nil, nil, err
	}
	return rep, ser, nil
}

func readRules(db *workspace.DB) (Rules, error) {
	var r Rules
	var err error
	get := func(k string) string {
		if err != nil {
			return ""
		}
		var v string
		v, err = db.Setting(k)
		return v
	}
	r.ChurnTiming = get(workspace.SettingChurnTiming)
	r.Discounts = get(workspace.SettingDiscounts)
	r.TimeZone = get(workspace.SettingTimeZone)
	r.TestMode = "excluded"
	if get(workspace.SettingIncludeTest) == "true" {
		r.TestMode = "included"
	}
	r.ActivationDays, _ = strconv.Atoi(get(workspace.SettingActivationDays))
	if ev := get(workspace.SettingActivationEvents); ev != "" {
		r.ActivationEvents = strings.Split(ev, ",")
	}
	return r, err
}

func parseMonth(s string, loc *time.Location) (time.Time, error) {
	t, err := time.ParseInLocation("2006-01", s, loc)
	if err != nil {
		return t, backend.Errorf(backend.Invalid, "%q is not a month; write it as YYYY-MM, e.g. 2025-03.", s)
	}
	return t, nil
}

func months(a, b time.Time) int {
	return (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month())
}

// monthIndex returns the index of the month containing unix time sec, or -1.
func monthIndex(sec int64, first time.Time, n int, loc *time.Location) int {
	t := time.Unix(sec, 0).In(loc)
	i := months(first, time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, loc))
	if i < 0 || i >= n {
		return -1
	}
	return i
}

func i64(n int64) *int64     { return &n }
func f64(x float64) *float64 { return &x }
