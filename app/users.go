package app

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"

	"keel/backend"
	"keel/backend/accounts"
	"keel/backend/charts"
	"keel/backend/figures"
	"keel/backend/product"
	"keel/backend/traffic"
	"keel/backend/workspace"
)

// Users is the bound API of the Users screen: signups and activation with
// their month-over-month change, the activation setup (events and window
// picked from the events actually seen), retention cohorts, usage per
// account with the heavy users flagged, and web traffic. The numbers come
// from backend/product, the same code as `keel metrics`.
type Users struct{ s *State }

// NewUsers binds the users API to the state.
func NewUsers(s *State) *Users { return &Users{s} }

// UserMonth is one month of the signups table.
type UserMonth struct {
	Month          backend.Month `json:"month"`
	Signups        int64         `json:"signups"`
	Activated      int64         `json:"activated"`
	ActivationRate *float64      `json:"activation_rate"`
	Settled        bool          `json:"settled"`
	Using          int64         `json:"using"` // accounts (or users) with an event in the month
}

// ActivationSetup is what the activation rule is made of.
type ActivationSetup struct {
	Events []string `json:"events"` // all must be performed…
	Days   int      `json:"days"`   // …within this many days of signup
	Core   []string `json:"core"`   // the core events (retention, "core events only")
	Rule   string   `json:"rule"`   // the rule in words
}

// UsersOverview is the Users screen for one month: tiles, the signups and
// activation chart, and the table under it (newest month first).
type UsersOverview struct {
	Period
	// Mode is accounts, or users when analytics users link to no account
	// (events without addresses): then every count is of analytics users.
	Mode      string          `json:"mode"`
	HasEvents bool            `json:"has_events"`
	Missing   *Hint           `json:"missing"` // set when there is no analytics data
	Setup     ActivationSetup `json:"setup"`
	Tiles     []Tile          `json:"tiles"`
	Chart     json.RawMessage `json:"chart"`
	Months    []UserMonth     `json:"months"`
}

func setupOf(s product.Settings, rules figures.Rules) ActivationSetup {
	out := ActivationSetup{Events: s.ActivationEvents, Days: s.ActivationDays, Core: s.CoreEvents}
	if out.Events == nil {
		out.Events = []string{}
	}
	if out.Core == nil {
		out.Core = []string{}
	}
	out.Rule = "No activation event picked yet: pick the event(s) that show a new account got value, and the activation rate appears."
	if len(s.ActivationEvents) > 0 {
		out.Rule = activation.Rule(rules)
	}
	return out
}

func quoteList(xs []string, sep string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = "“" + x + "”"
	}
	return strings.Join(q, sep)
}

// The figures of the Users screen's tiles.
var (
	signups    = figures.MustFields("product.signups")[0]
	activation = figures.MustFields("product.activation_rate")[0]
	active     = figures.MustFields("support.active_accounts")[0]
)

// Overview is the screen for month (YYYY-MM; "" for the last complete month).
func (us *Users) Overview(month string) (*UsersOverview, error) {
	db, err := us.s.workspace()
	if err != nil {
		return nil, err
	}
	sel, per, err := us.s.pickMonth(db, month)
	if err != nil {
		return nil, err
	}
	set, err := product.ReadSettings(db)
	if err != nil {
		return nil, err
	}
	s, err := figures.Load(db, trend(sel), sel)
	if err != nil {
		return nil, err
	}
	ov := &UsersOverview{Period: per, Mode: s.Mode, HasEvents: s.Has&figures.Events != 0, Setup: setupOf(set, s.Rules),
		Tiles: []Tile{}, Months: []UserMonth{}}
	if !ov.HasEvents {
		ov.Missing = figures.NeedEvents
	}
	for _, f := range []*figures.Field{signups, activation, active} {
		t, err := figureTile(s, f)
		if err != nil {
			return nil, err
		}
		ov.Tiles = append(ov.Tiles, t)
	}
	last := s.Last()
	if len(set.ActivationEvents) > 0 && last.Activated != nil {
		label := "activated"
		if !last.Settled && last.Product.Signups != nil && *last.Product.Signups > 0 {
			label = "activated so far"
		}
		ov.Tiles[1].Note = &Note{Value: i2f(last.Activated), Unit: "count", Label: label}
	}
	if last.Using != nil {
		ov.Tiles[2].Note = &Note{Value: i2f(last.Using), Unit: "count", Label: "using the product"}
	}
	if s.Has&figures.Units != 0 {
		if ov.Chart, err = charts.Signups(s.Months); err != nil {
			return nil, err
		}
	}
	// Newest first: the month shown leads the table.
	for i := len(s.Months) - 1; i >= 0; i-- {
		m := &s.Months[i]
		um := UserMonth{Month: m.Month, ActivationRate: m.Product.ActivationRate, Settled: m.Settled}
		for _, x := range []struct {
			to   *int64
			from *int64
		}{{&um.Signups, m.Product.Signups}, {&um.Activated, m.Activated}, {&um.Using, m.Using}} {
			if x.from != nil {
				*x.to = *x.from
			}
		}
		ov.Months = append(ov.Months, um)
	}
	return ov, nil
}

// Events lists the event names seen in the analytics data, most sent
// first, with whether each is an activation or core event.
func (us *Users) Events() ([]product.EventName, error) {
	db, err := us.s.workspace()
	if err != nil {
		return nil, err
	}
	ev, err := product.Events(context.Background(), db)
	if ev == nil {
		ev = []product.EventName{}
	}
	return ev, err
}

// checkEvents refuses names that were never seen (a typo would silently
// give a 0 % rate) and names with a comma (the setting is a list).
func checkEvents(db *workspace.DB, names []string) ([]string, error) {
	seen, err := product.Events(context.Background(), db)
	if err != nil {
		return nil, err
	}
	known := map[string]bool{}
	for _, e := range seen {
		known[e.Name] = true
	}
	out := []string{}
	for _, n := range names {
		n = strings.TrimSpace(n)
		if n == "" {
			continue
		}
		if strings.Contains(n, ",") {
			return nil, backend.Errorf(backend.Invalid, "The event name %q has a comma, which Keel cannot store in the list of events.", n)
		}
		if !known[n] {
			return nil, backend.Errorf(backend.Invalid, "No event called %q was imported. Pick one of the events seen in your analytics data.", n)
		}
		out = append(out, n)
	}
	return out, nil
}

// SetActivation saves the activation rule: every one of events within days
// of signup (none clears it: the rate becomes undefined). Every number is
// recomputed, so the page is told the workspace changed.
func (us *Users) SetActivation(events []string, days int) (*ActivationSetup, error) {
	db, err := us.s.workspace()
	if err != nil {
		return nil, err
	}
	names, err := checkEvents(db, events)
	if err != nil {
		return nil, err
	}
	if err := db.SetSetting(workspace.SettingActivationDays, strconv.Itoa(days)); err != nil {
		return nil, err
	}
	if err := db.SetSetting(workspace.SettingActivationEvents, strings.Join(names, ",")); err != nil {
		return nil, err
	}
	return us.changed(db)
}

// SetCoreEvents saves the core events, the ones that count for retention
// when the cohorts show "core events only".
func (us *Users) SetCoreEvents(events []string) (*ActivationSetup, error) {
	db, err := us.s.workspace()
	if err != nil {
		return nil, err
	}
	names, err := checkEvents(db, events)
	if err != nil {
		return nil, err
	}
	if err := db.SetSetting(workspace.SettingCoreEvents, strings.Join(names, ",")); err != nil {
		return nil, err
	}
	return us.changed(db)
}

func (us *Users) changed(db *workspace.DB) (*ActivationSetup, error) {
	set, err := product.ReadSettings(db)
	if err != nil {
		return nil, err
	}
	rules, err := figures.ReadRules(db)
	if err != nil {
		return nil, err
	}
	us.s.emit("workspace:changed", map[string]any{})
	out := setupOf(set, rules)
	return &out, nil
}

// CohortView is the retention heatmap.
type CohortView struct {
	Month      backend.Month    `json:"month"`
	Period     string           `json:"period"` // month | week
	CoreOnly   bool             `json:"core_only"`
	Qualifying []string         `json:"qualifying"` // core events, empty for any event
	Core       []string         `json:"core"`       // the core events picked (for the toggle)
	Mode       string           `json:"mode"`
	Periods    int              `json:"periods"` // columns: the longest row
	Rows       []product.Cohort `json:"rows"`    // oldest first; the last period marked partial when running
	Rule       string           `json:"rule"`
	Missing    *Hint            `json:"missing"`
	// Problem is set when the view cannot be drawn as asked (core events
	// only, with no core events picked).
	Problem string `json:"problem"`
}

// cohortCount is how many cohorts the heatmap shows, ending at the month
// shown.
const cohortCount = 12

// Cohorts is the retention heatmap of the cohorts up to month: the last 12
// months, or with weekly the last 12 weeks starting in or before it; with
// coreOnly only core events count as coming back.
func (us *Users) Cohorts(month string, weekly, coreOnly bool) (*CohortView, error) {
	db, err := us.s.workspace()
	if err != nil {
		return nil, err
	}
	sel, _, err := us.s.pickMonth(db, month)
	if err != nil {
		return nil, err
	}
	set, err := product.ReadSettings(db)
	if err != nil {
		return nil, err
	}
	u, err := accounts.LoadUnits(context.Background(), db)
	if err != nil {
		return nil, err
	}
	v := &CohortView{Month: sel, Period: "month", CoreOnly: coreOnly, Qualifying: []string{}, Core: set.CoreEvents,
		Mode: u.Mode, Rows: []product.Cohort{}}
	if v.Core == nil {
		v.Core = []string{}
	}
	if weekly {
		v.Period = "week"
	}
	who := "signups"
	qual := "any product event"
	if coreOnly {
		qual = "one of the core events (" + quoteList(set.CoreEvents, ", ") + ")"
	}
	v.Rule = "Each row is the " + who + " of one " + v.Period + "; a cell is the share of them with " + qual +
		" in the " + v.Period + " k after their signup " + v.Period + " (k = 0 is the signup " + v.Period + ")."
	if !u.HasEvents {
		v.Missing = figures.NeedEvents
		return v, nil
	}
	if coreOnly && len(set.CoreEvents) == 0 {
		v.Problem = "Pick the core events first: the actions that mean someone really used the product."
		return v, nil
	}
	r, err := product.Recent(u, set, sel, weekly, coreOnly, cohortCount, db.Now())
	if err != nil {
		return nil, err
	}
	if r.Qualifying != nil {
		v.Qualifying = r.Qualifying
	}
	for _, c := range r.Cohorts {
		v.Periods = max(v.Periods, len(c.Share))
		v.Rows = append(v.Rows, c)
	}
	return v, nil
}

// UsageView is the usage distribution per account in a month.
type UsageView struct {
	product.UsageReport
	Month backend.Month   `json:"month"`
	Total int             `json:"total"` // accounts with events; Accounts lists the first ones
	Chart json.RawMessage `json:"chart"`
	Rule  string          `json:"rule"`
	// Missing is set without analytics data.
	Missing *Hint `json:"missing"`
}

// usageRows is how many accounts the usage table lists (the heavy ones
// always are).
const usageRows = 50

// Usage is the distribution of product events per account in month, with
// the accounts above 100× the median flagged.
func (us *Users) Usage(month string) (*UsageView, error) {
	db, err := us.s.workspace()
	if err != nil {
		return nil, err
	}
	sel, _, err := us.s.pickMonth(db, month)
	if err != nil {
		return nil, err
	}
	r, err := product.Usage(context.Background(), db, sel.Start(db.Location()), sel.Start(db.Location()))
	if err != nil {
		return nil, err
	}
	v := &UsageView{UsageReport: *r, Month: sel, Total: len(r.Accounts),
		Rule: "Product events per account in the month. The median and p90 are nearest-rank over the accounts with at least one event; " +
			"an account above " + strconv.Itoa(product.HeavyFactor) + "× the median is flagged: its usage (and cost) is not like the others'."}
	if v.Mode == accounts.ModeUsers {
		v.Rule = strings.ReplaceAll(v.Rule, "account", "analytics user")
	}
	if v.Accounts == nil {
		v.Accounts = []product.AccountUsage{}
	}
	if v.Buckets == nil {
		v.Buckets = []product.Bucket{}
	}
	if len(v.Accounts) > usageRows {
		keep := v.Accounts[:usageRows:usageRows]
		for _, a := range v.Accounts[usageRows:] {
			if a.Heavy {
				keep = append(keep, a)
			}
		}
		v.Accounts = keep
	}
	if len(v.Buckets) > 0 {
		if v.Chart, err = charts.Usage(v.Buckets, v.Threshold, v.Median); err != nil {
			return nil, err
		}
	}
	if v.Total == 0 {
		hasEvents, err := db.HasEvents()
		if err != nil {
			return nil, err
		}
		if !hasEvents {
			v.Missing = figures.NeedEvents
		}
	}
	return v, nil
}

// TrafficView is the website traffic from Plausible or GA4.
type TrafficView struct {
	*traffic.Summary
	Month   backend.Month   `json:"month"`
	Chart   json.RawMessage `json:"chart"`
	Missing *Hint           `json:"missing"`
}

// Traffic is the website traffic up to month: the daily visitors series
// (Plausible, or GA4 daily users) with its monthly totals, and the GA4
// report totals.
func (us *Users) Traffic(month string) (*TrafficView, error) {
	db, err := us.s.workspace()
	if err != nil {
		return nil, err
	}
	sel, _, err := us.s.pickMonth(db, month)
	if err != nil {
		return nil, err
	}
	sum, err := traffic.Load(context.Background(), db, sel.End(db.Location()))
	if err != nil {
		return nil, err
	}
	v := &TrafficView{Summary: sum, Month: sel}
	if !sum.HasData {
		v.Missing = figures.NeedTraffic
		return v, nil
	}
	if sum.Main != nil && len(sum.Main.Points) > 0 {
		if v.Chart, err = charts.Traffic(sum.Main.Points, sum.Main.Label, sum.Main.Step); err != nil {
			return nil, err
		}
	}
	return v, nil
}
