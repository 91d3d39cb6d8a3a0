package costs

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"keel/backend"
	"keel/backend/accounts"
	"keel/backend/money"
	"keel/backend/revenue"
	"keel/backend/workspace"
)

// AccountCost is one account's month: what it pays, what it costs.
type AccountCost struct {
	Account string `json:"account"`
	Name    string `json:"name"`
	Plan    string `json:"plan"` // at the end of the month, readable; "" when not paying
	// MRR at the end of the month, nil when the revenue engine cannot
	// price it (Model.MRRProblem says why).
	MRR    *int64   `json:"mrr"`
	Cost   int64    `json:"cost"`   // cost to serve, minor units
	Margin *float64 `json:"margin"` // nil when MRR is 0 or unknown
	Usage  []int64  `json:"usage"`  // per driver, in Model.Drivers' order
	// Power names the drivers this account uses 100× the median of.
	Power   []string `json:"power"`
	OverMRR bool     `json:"over_mrr"` // paying, and costs more than it pays
	raw     acc
}

// PlanCost is one plan's month: the accounts on it at the end of the
// month, their MRR and cost, the margin, and what if its heaviest 1 %
// used 10× more.
type PlanCost struct {
	Plan     string   `json:"plan"` // readable; "" for accounts not paying
	Accounts int64    `json:"accounts"`
	MRR      int64    `json:"mrr"`
	Cost     int64    `json:"cost"`
	Margin   *float64 `json:"margin"`
	// WhatIf is the margin if the Heaviest accounts (1 %, at least one)
	// by cost used 10× more of every driver.
	Heaviest     int64    `json:"heaviest"`
	WhatIfCost   int64    `json:"what_if_cost"`
	WhatIfMargin *float64 `json:"what_if_margin"`
	BelowFloor   bool     `json:"below_floor"`
}

// DriverUse is a driver with its month: usage, modelled cost, the median
// and, from the cost lines, what it actually cost.
type DriverUse struct {
	backend.CostDriver
	Usage    int64  `json:"usage"`    // all accounts, units
	Cost     int64  `json:"cost"`     // usage × unit cost, rounded once
	Accounts int64  `json:"accounts"` // with usage
	Median   *int64 `json:"median"`   // over active accounts with usage
	// Actual is the month's cost lines for this driver in the base
	// currency; Suggested the unit cost they imply (actual / usage).
	Actual    *int64 `json:"actual"`
	Suggested string `json:"suggested"`
	// Unmapped: an events driver with no event mapped; Suggestions are
	// the events that would fill it.
	Unmapped    bool                  `json:"unmapped"`
	Suggestions []workspace.EventName `json:"suggestions"`
	unit        int64
}

// PowerUser is an account using a driver at least 100× the median.
type PowerUser struct {
	Account  string  `json:"account"`
	Name     string  `json:"name"`
	Plan     string  `json:"plan"`
	Driver   string  `json:"driver"`
	Unit     string  `json:"unit"`
	Usage    int64   `json:"usage"`
	Median   int64   `json:"median"`
	Multiple float64 `json:"multiple"`
	Cost     int64   `json:"cost"` // the account's whole cost to serve
	MRR      *int64  `json:"mrr"`
}

// Warning is a plan whose margin is below the floor, or an account that
// costs more than it pays.
type Warning struct {
	ID      string `json:"id"` // plan_margin | account_over_mrr
	Title   string `json:"title"`
	Detail  string `json:"detail"`
	Plan    string `json:"plan,omitempty"`
	Account string `json:"account,omitempty"`
}

// Model is the cost to serve of one month.
type Model struct {
	Month      string        `json:"month"`
	Currency   string        `json:"currency"`
	Floor      int           `json:"margin_floor"` // percent
	Minutes    int64         `json:"support_minutes_per_ticket"`
	Drivers    []DriverUse   `json:"drivers"`
	Plans      []PlanCost    `json:"plans"`
	Accounts   []AccountCost `json:"accounts"` // every account with MRR or cost, costliest first
	PowerUsers []PowerUser   `json:"power_users"`
	Warnings   []Warning     `json:"warnings"`
	MRR        int64         `json:"mrr"`
	Cost       int64         `json:"cost_to_serve"`
	Margin     *float64      `json:"margin"`
	MRRProblem string        `json:"mrr_problem,omitempty"`
}

var computeMu sync.Mutex

// PowerMultiple is how many times the median a power user uses.
const PowerMultiple = 100

// Compute builds the model of the month containing m; planName turns the
// billing's plan ids into the words a founder uses.
func Compute(ctx context.Context, db *workspace.DB, m time.Time, planName func(string) string) (*Model, error) {
	// One model at a time: the cached billing and rates are not safe for
	// two goroutines (the window may ask twice at once).
	computeMu.Lock()
	defer computeMu.Unlock()
	loc := db.Location()
	start := time.Date(m.In(loc).Year(), m.In(loc).Month(), 1, 0, 0, 0, 0, loc)
	end := start.AddDate(0, 1, 0)
	endSec := end.Unix() - 1
	mod := &Model{Month: start.Format("2006-01"), Drivers: []DriverUse{}, Plans: []PlanCost{}, Accounts: []AccountCost{},
		PowerUsers: []PowerUser{}, Warnings: []Warning{}}
	var err error
	if mod.Currency, err = revenue.BaseCurrency(db); err != nil {
		return nil, err
	}
	if err := readRules(db, mod); err != nil {
		return nil, err
	}
	drivers, err := db.CostDrivers()
	if err != nil {
		return nil, err
	}
	look, err := accounts.LoadLookup(ctx, db)
	if err != nil {
		return nil, err
	}
	if err := db.EnsureUsage(ctx); err != nil {
		return nil, err
	}
	ids := look.IDs()
	sort.Strings(ids)
	index := make(map[string]int32, len(ids))
	for i, id := range ids {
		index[id] = int32(i)
	}
	usage := make([][]int64, len(drivers))
	for i, d := range drivers {
		u, err := ParseUnitCost(d.UnitCost, mod.Currency, d.Unit)
		if err != nil {
			return nil, err
		}
		mod.Drivers = append(mod.Drivers, DriverUse{CostDriver: d, unit: u, Suggestions: []workspace.EventName{}})
		usage[i] = make([]int64, len(ids))
	}
	active := make([]bool, len(ids))
	if err := readUsage(ctx, db, mod, look, index, usage, active, start, end); err != nil {
		return nil, err
	}
	bill, rates, problem, err := billingOf(ctx, db, start, end, mod.Currency)
	if err != nil {
		return nil, err
	}
	mod.MRRProblem = problem

	// Each account: its cost, rounded once, its MRR and plan at the end.
	rows := make([]AccountCost, 0, len(ids))
	for i, id := range ids {
		a := AccountCost{Account: id}
		for d := range mod.Drivers {
			a.raw.add(usage[d][i], mod.Drivers[d].unit)
		}
		a.Cost = a.raw.minor()
		if bill != nil {
			if plan, stage := bill.State(id, endSec); stage == accounts.StagePaying || stage == accounts.StageNew {
				a.Plan = planName(plan)
			}
			if mrr, err := bill.MRR(id, endSec, rates); err == nil {
				a.MRR = &mrr
				active[i] = active[i] || mrr > 0
			} else if mod.MRRProblem == "" {
				mod.MRRProblem = backend.ErrorMessage(err)
			}
		}
		if a.Cost == 0 && (a.MRR == nil || *a.MRR == 0) && !usedAny(usage, i) {
			continue
		}
		a.Name = look.Name(id)
		a.Usage = make([]int64, len(mod.Drivers))
		for d := range mod.Drivers {
			a.Usage[d] = usage[d][i]
		}
		a.Margin = margin(a.MRR, a.Cost)
		a.OverMRR = a.MRR != nil && *a.MRR > 0 && a.Cost > *a.MRR
		rows = append(rows, a)
	}
	powerUsers(mod, rows, usage, active, index)
	rows = listed(rows)
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Cost > rows[j].Cost })
	mod.Accounts = rows
	summarise(mod, usage)
	plansOf(mod)
	if err := calibrate(db, mod, start, end); err != nil {
		return nil, err
	}
	if err := suggest(db, mod); err != nil {
		return nil, err
	}
	warn(mod)
	return mod, nil
}

func readRules(db *workspace.DB, mod *Model) error {
	v, err := db.Setting(workspace.SettingTicketMinutes)
	if err != nil {
		return err
	}
	mod.Minutes, _ = strconv.ParseInt(v, 10, 64)
	if v, err = db.Setting(workspace.SettingMarginFloor); err != nil {
		return err
	}
	mod.Floor, _ = strconv.Atoi(v)
	return nil
}

// readUsage counts each account's units of each driver in [start, end).
// Accounts with a product event in the month are marked active (paying
// ones are added with their MRR).
func readUsage(ctx context.Context, db *workspace.DB, mod *Model, look *accounts.Lookup, index map[string]int32, usage [][]int64, active []bool, start, end time.Time) error {
	byName := map[string][]int{}
	var support, manual []int
	for d, dr := range mod.Drivers {
		switch dr.Source {
		case backend.UsageEvents:
			for _, n := range dr.Events {
				byName[n] = append(byName[n], d)
			}
		case backend.UsageSupport:
			support = append(support, d)
		case backend.UsageManual:
			manual = append(manual, d)
		}
	}
	// The month's summary: every user with events, and the names counted.
	ids, err := db.UsageNames(ctx)
	if err != nil {
		return err
	}
	byID := make([][]int, len(ids))
	for n, name := range ids {
		byID[n] = byName[name]
	}
	month := start.Year()*12 + int(start.Month()) - 1
	err = db.UsageMonth(ctx, month, func(user []byte, events int64, each func(func(int32, int64))) {
		i, ok := index[look.Event(user, nil)]
		if !ok {
			return
		}
		active[i] = active[i] || events > 0
		each(func(n int32, c int64) {
			if int(n) < len(byID) {
				for _, d := range byID[n] {
					usage[d][i] += c
				}
			}
		})
	})
	if err != nil {
		return err
	}
	if len(support) > 0 {
		err := db.TicketRequesters(ctx, start, end, func(email string, _ int64) {
			if i, ok := index[look.Ticket(email)]; ok {
				for _, d := range support {
					usage[d][i] += mod.Minutes
				}
			}
		})
		if err != nil {
			return err
		}
	}
	if len(manual) > 0 {
		work, err := db.ManualWork(start, end)
		if err != nil {
			return err
		}
		for _, w := range work {
			id := w.Account
			if !look.Exists(id) {
				id, _ = look.Find(id)
			}
			if i, ok := index[id]; ok {
				for _, d := range manual {
					usage[d][i] += w.Minutes
				}
			}
		}
	}
	return nil
}

// billing runs the revenue engine for the month; a rate it lacks is a
// problem to show, not an error.
func billing(ctx context.Context, db *workspace.DB, start, end time.Time, cur string) (*accounts.Billing, *revenue.Rates, string, error) {
	bill, err := accounts.LoadBilling(ctx, db, start, end.Add(-time.Second))
	if err != nil {
		if backend.ErrorCode(err) == backend.Internal {
			return nil, nil, "", err
		}
		return nil, nil, backend.ErrorMessage(err), nil
	}
	if !bill.Series.HasData {
		return nil, nil, "", nil
	}
	inc, err := db.Setting(workspace.SettingIncludeTest)
	if err != nil {
		return nil, nil, "", err
	}
	rates, err := revenue.LoadRates(db, cur, db.Location(), inc == "true")
	if err != nil {
		return nil, nil, "", err
	}
	return bill, rates, "", nil
}

func margin(mrr *int64, cost int64) *float64 {
	if mrr == nil || *mrr == 0 {
		return nil
	}
	m := float64(*mrr-cost) / float64(*mrr)
	return &m
}

// summarise totals each driver and the month.
func summarise(mod *Model, usage [][]int64) {
	for d := range mod.Drivers {
		dr := &mod.Drivers[d]
		var raw acc
		for _, u := range usage[d] {
			if u > 0 {
				dr.Usage += u
				dr.Accounts++
			}
		}
		raw.add(dr.Usage, dr.unit)
		dr.Cost = raw.minor()
		dr.Unmapped = dr.Source == backend.UsageEvents && len(dr.Events) == 0
	}
	for _, a := range mod.Accounts {
		mod.Cost += a.Cost
		if a.MRR != nil {
			mod.MRR += *a.MRR
		}
	}
	mod.Margin = margin(&mod.MRR, mod.Cost)
}

// plansOf groups the accounts by their plan at the end of the month.
func plansOf(mod *Model) {
	by := map[string]*PlanCost{}
	members := map[string][]*AccountCost{}
	for i := range mod.Accounts {
		a := &mod.Accounts[i]
		p := by[a.Plan]
		if p == nil {
			p = &PlanCost{Plan: a.Plan}
			by[a.Plan] = p
		}
		p.Accounts++
		p.Cost += a.Cost
		if a.MRR != nil {
			p.MRR += *a.MRR
		}
		members[a.Plan] = append(members[a.Plan], a) // costliest first, as mod.Accounts
	}
	for plan, p := range by {
		mrr := p.MRR
		p.Margin = margin(&mrr, p.Cost)
		// What if the heaviest 1 % (at least one) used 10× more.
		ms := members[plan]
		p.Heaviest = max(1, (int64(len(ms))+99)/100)
		p.WhatIfCost = p.Cost
		for _, a := range ms[:p.Heaviest] {
			p.WhatIfCost += a.raw.times(10).minor() - a.Cost
		}
		p.WhatIfMargin = margin(&mrr, p.WhatIfCost)
		p.BelowFloor = p.Plan != "" && p.Margin != nil && *p.Margin*100 < float64(mod.Floor)
		mod.Plans = append(mod.Plans, *p)
	}
	sort.Slice(mod.Plans, func(i, j int) bool {
		a, b := mod.Plans[i], mod.Plans[j]
		if (a.Plan == "") != (b.Plan == "") {
			return b.Plan == ""
		}
		return a.MRR > b.MRR || a.MRR == b.MRR && a.Plan < b.Plan
	})
}

func usedAny(usage [][]int64, i int) bool {
	for d := range usage {
		if usage[d][i] > 0 {
			return true
		}
	}
	return false
}

// listed keeps the accounts with MRR or cost, and the power users: one
// whose usage costs less than half a minor unit is still a power user.
func listed(rows []AccountCost) []AccountCost {
	out := rows[:0]
	for _, a := range rows {
		if a.Cost > 0 || a.MRR != nil && *a.MRR > 0 || len(a.Power) > 0 {
			out = append(out, a)
		}
	}
	return out
}

// powerUsers finds, per driver, the accounts using it at least 100× the
// median over the active accounts that use it.
func powerUsers(mod *Model, rows []AccountCost, usage [][]int64, active []bool, index map[string]int32) {
	row := make(map[int32]*AccountCost, len(rows))
	for i := range rows {
		row[index[rows[i].Account]] = &rows[i]
	}
	for d := range mod.Drivers {
		dr := &mod.Drivers[d]
		var xs []int64
		for i, u := range usage[d] {
			if u > 0 && active[i] {
				xs = append(xs, u)
			}
		}
		med := nearestMedian(xs)
		if med == nil {
			continue
		}
		dr.Median = med
		for i, u := range usage[d] {
			if u <= 0 || !active[i] || u < PowerMultiple**med {
				continue
			}
			a := row[int32(i)]
			if a == nil {
				continue
			}
			a.Power = append(a.Power, dr.Name)
			mod.PowerUsers = append(mod.PowerUsers, PowerUser{Account: a.Account, Name: a.Name, Plan: a.Plan, Driver: dr.Name, Unit: dr.Unit,
				Usage: u, Median: *med, Multiple: float64(u) / float64(*med), Cost: a.Cost, MRR: a.MRR})
		}
	}
	sort.SliceStable(mod.PowerUsers, func(i, j int) bool { return mod.PowerUsers[i].Cost > mod.PowerUsers[j].Cost })
}

// calibrate reads the month's cost lines per driver (matched by name)
// and the unit cost they imply.
func calibrate(db *workspace.DB, mod *Model, start, end time.Time) error {
	lines, err := db.CostLines(start, end)
	if err != nil {
		return err
	}
	for d := range mod.Drivers {
		dr := &mod.Drivers[d]
		for _, l := range lines {
			if !strings.EqualFold(strings.TrimSpace(l.Driver), dr.Name) || l.Currency != "" && !strings.EqualFold(l.Currency, mod.Currency) {
				continue
			}
			if dr.Actual == nil {
				dr.Actual = new(int64)
			}
			*dr.Actual += baseAmount(l, mod.Currency)
		}
		if dr.Actual != nil && dr.Usage > 0 {
			// actual / usage, in micro minor units, rounded half up.
			u := (*dr.Actual*micro*2/dr.Usage + 1) / 2
			dr.Suggested = FormatMicro(u)
		}
	}
	return nil
}

// suggest names the events that would fill each unmapped driver.
func suggest(db *workspace.DB, mod *Model) error {
	need := false
	taken := map[string]bool{}
	for _, d := range mod.Drivers {
		need = need || d.Unmapped
		for _, e := range d.Events {
			taken[e] = true
		}
	}
	if !need {
		return nil
	}
	names, err := EventNames(db)
	if err != nil {
		return err
	}
	for d := range mod.Drivers {
		if mod.Drivers[d].Unmapped {
			mod.Drivers[d].Suggestions = append(mod.Drivers[d].Suggestions, Suggest(mod.Drivers[d].CostDriver, names, taken)...)
		}
	}
	return nil
}

// baseAmount is a cost line's amount in minor units of the base currency:
// a line without a currency was read with two decimals.
func baseAmount(l workspace.CostLine, base string) int64 {
	if l.Currency != "" {
		return l.Amount
	}
	e, ok := money.Exponent(base)
	if !ok || e == 2 {
		return l.Amount
	}
	return money.Convert(l.Amount, 2, 1, 1, e)
}
