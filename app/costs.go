package app

import (
	"context"
	"encoding/json"
	"sort"

	"keel/backend"
	"keel/backend/accounts"
	"keel/backend/charts"
	"keel/backend/costs"
	"keel/backend/figures"
	"keel/backend/revenue"
	"keel/backend/workspace"
)

// Costs is the bound API of the Plans & costs screen: what each plan
// grants, the cost drivers and their unit costs, and the cost to serve
// and margin per plan and per account.
type Costs struct{ s *State }

// NewCosts binds the plans and costs API to the state.
func NewCosts(s *State) *Costs { return &Costs{s} }

// TermsRow is an account on special terms, with its name.
type TermsRow struct {
	backend.AccountTerms
	Name string `json:"name"`
}

// CostsOverview is the Plans & costs screen for one month.
type CostsOverview struct {
	Period
	Model *costs.Model `json:"model"`
	// AccountsTotal counts the accounts with MRR or cost; Accounts lists
	// the costliest (and every power user and warned account).
	AccountsTotal int                   `json:"accounts_total"`
	Chart         json.RawMessage       `json:"chart"`
	PlanNames     []string              `json:"plan_names"` // the plans of the billing imports
	Matrix        costs.Matrix          `json:"matrix"`
	Terms         []TermsRow            `json:"terms"`
	Events        []workspace.EventName `json:"events"` // what a driver can count
	Accesses      []string              `json:"accesses"`
}

// shownAccounts is how many accounts the screen lists.
const shownAccounts = 50

// Overview is the screen for month (YYYY-MM; "" for the last complete
// month).
func (c *Costs) Overview(month string) (*CostsOverview, error) {
	db, err := c.s.workspace()
	if err != nil {
		return nil, err
	}
	sel, per, err := c.s.pickMonth(db, month)
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	names, err := revenue.LoadPlanNames(db)
	if err != nil {
		return nil, err
	}
	mod, err := costs.Compute(ctx, db, sel.Start(db.Location()), names.Of)
	if err != nil {
		return nil, err
	}
	v := &CostsOverview{Period: per, Model: mod, AccountsTotal: len(mod.Accounts), Accesses: backend.Accesses}
	v.Model.Accounts = shortList(mod)
	if v.Chart, err = charts.PlanCosts(mod.Plans, mod.Currency); err != nil {
		return nil, err
	}
	v.PlanNames = planList(names)
	feats, err := db.Features()
	if err != nil {
		return nil, err
	}
	grants, err := db.Entitlements()
	if err != nil {
		return nil, err
	}
	v.Matrix = costs.BuildMatrix(v.PlanNames, feats, grants, db.Now().In(db.Location()).Format("2006-01-02"))
	if v.Terms, err = termsRows(ctx, db); err != nil {
		return nil, err
	}
	if v.Events, err = costs.EventNames(db); err != nil {
		return nil, err
	}
	return v, nil
}

// shortList keeps the costliest accounts and those the screen points at.
func shortList(mod *costs.Model) []costs.AccountCost {
	keep := map[string]bool{}
	for _, p := range mod.PowerUsers {
		keep[p.Account] = true
	}
	for _, w := range mod.Warnings {
		keep[w.Account] = true
	}
	out := []costs.AccountCost{}
	for i, a := range mod.Accounts {
		if i < shownAccounts || keep[a.Account] {
			out = append(out, a)
		}
	}
	return out
}

// planList is the readable names of the billing's plans, once each.
func planList(words revenue.PlanNames) []string {
	seen := map[string]bool{}
	out := []string{}
	for _, n := range words {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

func termsRows(ctx context.Context, db *workspace.DB) ([]TermsRow, error) {
	ts, err := db.AccountTerms()
	if err != nil {
		return nil, err
	}
	out := []TermsRow{}
	if len(ts) == 0 {
		return out, nil
	}
	look, err := accounts.LoadLookup(ctx, db)
	if err != nil {
		return nil, err
	}
	for _, t := range ts {
		out = append(out, TermsRow{AccountTerms: t, Name: look.Name(t.Account)})
	}
	return out, nil
}

// SaveDriver adds (ID 0) or changes a cost driver; a negative or absurd
// unit cost is refused with a sentence.
func (c *Costs) SaveDriver(d backend.CostDriver) (backend.CostDriver, error) {
	db, err := c.s.workspace()
	if err != nil {
		return d, err
	}
	rules, err := figures.ReadRules(db)
	if err != nil {
		return d, err
	}
	return costs.SaveDriver(db, d, rules.BaseCurrency)
}

// DeleteDriver removes a cost driver.
func (c *Costs) DeleteDriver(id int64) error {
	db, err := c.s.workspace()
	if err != nil {
		return err
	}
	return db.DeleteCostDriver(id)
}

// SaveFeature adds (ID 0) or renames a feature.
func (c *Costs) SaveFeature(f backend.Feature) (backend.Feature, error) {
	db, err := c.s.workspace()
	if err != nil {
		return f, err
	}
	return costs.SaveFeature(db, f)
}

// DeleteFeature removes a feature and what the plans granted of it.
func (c *Costs) DeleteFeature(id int64) error {
	db, err := c.s.workspace()
	if err != nil {
		return err
	}
	return db.DeleteFeature(id)
}

// Grant sets what a plan grants of a feature (access "" removes it).
func (c *Costs) Grant(e backend.Entitlement) error {
	db, err := c.s.workspace()
	if err != nil {
		return err
	}
	return costs.Grant(db, e)
}

// SetTerms marks an account as grandfathered or negotiated (terms ""
// puts it back on standard terms).
func (c *Costs) SetTerms(t backend.AccountTerms) error {
	db, err := c.s.workspace()
	if err != nil {
		return err
	}
	return costs.SetTerms(db, t)
}

// SetRule changes one of the cost rules: the handling minutes per ticket
// or the margin floor (percent).
func (c *Costs) SetRule(key, value string) error {
	if key != workspace.SettingTicketMinutes && key != workspace.SettingMarginFloor {
		return backend.Errorf(backend.Invalid, "There is no cost rule called %q.", key)
	}
	db, err := c.s.workspace()
	if err != nil {
		return err
	}
	return db.SetSetting(key, value)
}
