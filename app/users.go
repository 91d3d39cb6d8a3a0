package app

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"keel/backend"
	"keel/backend/accounts"
	"keel/backend/charts"
	"keel/backend/product"
	"keel/backend/review"
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

var (
	needEvents = &Hint{Text: "Import your product analytics events (a PostHog, Mixpanel or Amplitude export) to see signups, activation and retention.",
		Source: "posthog", Kind: "events"}
	needTraffic = &Hint{Text: "Import a Plausible dashboard export (visitors.csv) or a GA4 report download to see your website traffic here.",
		Source: "plausible", Kind: "stats"}
)

// UserMonth is one month of the signups table.
type UserMonth struct {
	Month          string   `json:"month"`
	Signups        int64    `json:"signups"`
	Activated      int64    `json:"activated"`
	ActivationRate *float64 `json:"activation_rate"`
	Settled        bool     `json:"settled"`
	Using          int64    `json:"using"` // accounts (or users) with an event in the month
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

func setupOf(s product.Settings) ActivationSetup {
	out := ActivationSetup{Events: s.ActivationEvents, Days: s.ActivationDays, Core: s.CoreEvents}
	if out.Events == nil {
		out.Events = []string{}
	}
	if out.Core == nil {
		out.Core = []string{}
	}
	out.Rule = activationRule(s)
	return out
}

func activationRule(s product.Settings) string {
	if len(s.ActivationEvents) == 0 {
		return "No activation event picked yet: pick the event(s) that show a new account got value, and the activation rate appears."
	}
	what := "performed " + quoteList(s.ActivationEvents, " and ")
	if len(s.ActivationEvents) > 1 {
		what = "performed all of " + quoteList(s.ActivationEvents, ", ")
	}
	return "A signup is activated when it " + what + " within " + plural(s.ActivationDays, "day") +
		" of signing up. Activation rate = activated signups of the month / signups of the month."
}

func quoteList(xs []string, sep string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = "“" + x + "”"
	}
	return strings.Join(q, sep)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// firstSeen is the month of the earliest signup, zero without any.
func firstSeen(u *accounts.Units) time.Time {
	var min int64
	for _, un := range u.List {
		if un.FirstSeen != 0 && (min == 0 || un.FirstSeen < min) {
			min = un.FirstSeen
		}
	}
	if min == 0 {
		return time.Time{}
	}
	t := time.Unix(min, 0).In(u.Loc)
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, u.Loc)
}

// using counts the units with at least one event in each month of months.
func using(u *accounts.Units, months []string) []int64 {
	idx := map[int]int{}
	for i, m := range months {
		t := monthStart(m, u.Loc)
		idx[t.Year()*12+int(t.Month())-1] = i
	}
	out := make([]int64, len(months))
	for _, un := range u.List {
		prev := -1
		for _, d := range un.Days {
			i, ok := idx[accounts.MonthOfDay(d.Day)]
			if !ok || i == prev || d.Events == 0 {
				continue
			}
			prev = i
			out[i]++
		}
	}
	return out
}

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
	u, err := accounts.LoadUnits(context.Background(), db)
	if err != nil {
		return nil, err
	}
	per.widen(firstSeen(u))
	first, labels := trend(sel)
	ov := &UsersOverview{Period: per, Mode: u.Mode, HasEvents: u.HasEvents, Setup: setupOf(set), Tiles: []Tile{}, Months: []UserMonth{}}
	if !u.HasEvents {
		ov.Missing = needEvents
	}
	months := product.MonthsOf(u, set, first, sel, db.Now())
	use := using(u, labels)
	signups := make([]*float64, len(months))
	rates := make([]*float64, len(months))
	usingV := make([]*float64, len(months))
	for i, m := range months {
		if len(u.List) > 0 {
			signups[i] = f64(m.Signups)
			rates[i] = m.ActivationRate
		}
		if u.HasEvents {
			usingV[i] = f64(use[i])
		}
		ov.Months = append(ov.Months, UserMonth{Month: m.Month, Signups: m.Signups, Activated: m.Activated,
			ActivationRate: m.ActivationRate, Settled: m.Settled, Using: use[i]})
	}
	rules := review.Rules{ActivationDays: set.ActivationDays}
	who := "accounts"
	if u.Mode == accounts.ModeUsers {
		who = "analytics users"
	}
	noEvents := needEvents.Text
	st, err := seriesTile("product.signups", labels, signups, rules, noEvents)
	if err != nil {
		return nil, err
	}
	st.Rule = "New " + who + " first seen in the month: the first customer record, subscription, payment or product event."
	missingRate := noEvents
	if u.HasEvents || len(u.List) > 0 {
		missingRate = "Pick the activation event(s) below to see the rate."
		if len(set.ActivationEvents) > 0 {
			missingRate = "No signups this month, so there is no rate."
		}
	}
	at, err := seriesTile("product.activation_rate", labels, rates, rules, missingRate)
	if err != nil {
		return nil, err
	}
	at.Rule = activationRule(set)
	last := months[len(months)-1]
	if len(set.ActivationEvents) > 0 {
		at.Note = &Note{Value: f64(last.Activated), Unit: "count", Label: "activated"}
		if !last.Settled && last.Signups > 0 {
			at.Note.Label = "activated so far"
		}
	}
	ut, err := seriesTile("product.using", labels, usingV, rules, noEvents)
	if err != nil {
		return nil, err
	}
	ut.Label, ut.Unit, ut.Better = "Using the product", string(review.Count), "up"
	ut.Rule = "Distinct " + who + " with at least one product event in the month."
	ov.Tiles = append(ov.Tiles, st, at, ut)
	if len(u.List) > 0 {
		if ov.Chart, err = charts.Signups(months); err != nil {
			return nil, err
		}
	}
	// Newest first: the month shown leads the table.
	for i, j := 0, len(ov.Months)-1; i < j; i, j = i+1, j-1 {
		ov.Months[i], ov.Months[j] = ov.Months[j], ov.Months[i]
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
	us.s.emit("workspace:changed", map[string]any{})
	out := setupOf(set)
	return &out, nil
}

// CohortRow is one cohort of the heatmap. Shares run from the signup
// period; the last one is marked partial when its period is not over.
type CohortRow struct {
	product.Cohort
	Partial bool `json:"partial"` // the last period is still running
}

// CohortView is the retention heatmap.
type CohortView struct {
	Month      string      `json:"month"`
	Period     string      `json:"period"` // month | week
	CoreOnly   bool        `json:"core_only"`
	Qualifying []string    `json:"qualifying"` // core events, empty for any event
	Core       []string    `json:"core"`       // the core events picked (for the toggle)
	Mode       string      `json:"mode"`
	Periods    int         `json:"periods"` // columns: the longest row
	Rows       []CohortRow `json:"rows"`    // oldest first
	Rule       string      `json:"rule"`
	Missing    *Hint       `json:"missing"`
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
	v := &CohortView{Month: ym(sel), Period: "month", CoreOnly: coreOnly, Qualifying: []string{}, Core: set.CoreEvents,
		Mode: u.Mode, Rows: []CohortRow{}}
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
		v.Missing = needEvents
		return v, nil
	}
	if coreOnly && len(set.CoreEvents) == 0 {
		v.Problem = "Pick the core events first: the actions that mean someone really used the product."
		return v, nil
	}
	loc := db.Location()
	end := sel.AddDate(0, 1, 0).Add(-time.Second)
	opt := product.CohortOptions{Weekly: weekly, CoreOnly: coreOnly, From: sel.AddDate(0, 1-cohortCount, 0), To: end}
	if weekly {
		day := accounts.LocalDay(end.Unix(), loc)
		monday := accounts.DayStart(accounts.WeekOfDay(day), loc)
		opt.From = monday.AddDate(0, 0, -7*(cohortCount-1))
	}
	now := db.Now()
	r, err := product.CohortsOf(u, set, opt, now)
	if err != nil {
		return nil, err
	}
	if r.Qualifying != nil {
		v.Qualifying = r.Qualifying
	}
	// The period that contains now is still running.
	nowDay := accounts.LocalDay(now.Unix(), loc)
	for _, c := range r.Cohorts {
		row := CohortRow{Cohort: c}
		if len(c.Retained) > 0 {
			var lastStart time.Time
			if weekly {
				lastStart = c.Start.AddDate(0, 0, 7*(len(c.Retained)-1))
			} else {
				lastStart = c.Start.AddDate(0, len(c.Retained)-1, 0)
			}
			row.Partial = accounts.LocalDay(lastStart.Unix(), loc) <= nowDay
		}
		v.Periods = max(v.Periods, len(c.Share))
		v.Rows = append(v.Rows, row)
	}
	return v, nil
}

// UsageView is the usage distribution per account in a month.
type UsageView struct {
	product.UsageReport
	Month string          `json:"month"`
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
	r, err := product.Usage(context.Background(), db, sel, sel)
	if err != nil {
		return nil, err
	}
	v := &UsageView{UsageReport: *r, Month: ym(sel), Total: len(r.Accounts),
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
		hasEvents, err := hasAny(db, "events")
		if err != nil {
			return nil, err
		}
		if !hasEvents {
			v.Missing = needEvents
		}
	}
	return v, nil
}

func hasAny(db *workspace.DB, table string) (bool, error) {
	var n int
	if err := db.SQL().QueryRow("SELECT EXISTS(SELECT 1 FROM " + table + ")").Scan(&n); err != nil {
		return false, backend.Errorf(backend.Internal, "read the %s: %v", table, err)
	}
	return n == 1, nil
}

// TrafficView is the website traffic from Plausible or GA4.
type TrafficView struct {
	*traffic.Summary
	Month   string          `json:"month"`
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
	sum, err := traffic.Load(context.Background(), db, sel.AddDate(0, 1, 0))
	if err != nil {
		return nil, err
	}
	v := &TrafficView{Summary: sum, Month: ym(sel)}
	if !sum.HasData {
		v.Missing = needTraffic
		return v, nil
	}
	if sum.Main != nil && len(sum.Main.Points) > 0 {
		if v.Chart, err = charts.Traffic(sum.Main.Points, sum.Main.Label, sum.Main.Step); err != nil {
			return nil, err
		}
	}
	return v, nil
}
