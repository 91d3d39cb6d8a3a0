package app

import (
	"encoding/json"
	"sort"
	"strings"
	"time"

	"keel/backend"
	"keel/backend/charts"
	"keel/backend/figures"
	"keel/backend/revenue"
	"keel/backend/workspace"
)

// Revenue is the bound API of the Revenue screen: KPI tiles, the MRR chart
// with its movements, the drill-down to the customers behind a movement,
// the customer page, plan mix, revenue cohorts, the rules card and the
// exchange-rates table. Every number comes from the read model
// (backend/figures), as `keel metrics` does, so the two always agree.
type Revenue struct{ s *State }

// NewRevenue binds the revenue API to the state.
func NewRevenue(s *State) *Revenue { return &Revenue{s} }

// Hint says which export fills something that is missing.
type Hint = figures.Hint

// Problem is why the numbers could not be computed, with what fixes it.
type Problem struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	// Rates is true when a currency has no exchange rate for a month: the
	// exchange-rates table fixes it, with the row for Currency and Month.
	Rates    bool   `json:"rates"`
	Currency string `json:"currency"`
	Month    string `json:"month"`
}

// MovementRow is one line of the table under the chart: a kind of
// movement in the month, with its customers and signed effect on MRR.
type MovementRow struct {
	Kind      revenue.Kind `json:"kind"`
	Label     string       `json:"label"`
	Colour    string       `json:"colour"`
	Customers int64        `json:"customers"`
	Amount    int64        `json:"amount"` // signed effect on MRR, minor units
}

// Overview is the Revenue screen for one month.
type Overview struct {
	Period
	Currency string `json:"currency"`
	HasData  bool   `json:"has_data"` // MRR: Mode is "mrr"
	// Mode is what the files support: "mrr" (subscriptions, invoices or
	// recurring payments set MRR: its movements, churn, cohorts), "sales"
	// (payments without MRR: revenue, orders, buyers, refunds, products),
	// or "" (no billing data).
	Mode string `json:"mode"`
	// About says in one sentence where the numbers come from and what a
	// subscriptions export would add; "" with the subscriptions export.
	About string `json:"about"`
	// Products is the month's revenue by product (mode "sales"), largest
	// first, with the 12 months' too.
	Products []ProductRow `json:"products"`
	// Missing is set when there is no billing data: what to import.
	Missing *Hint `json:"missing"`
	// Problem is set when the numbers cannot be computed (a missing
	// exchange rate): tiles and chart are then empty.
	Problem   *Problem        `json:"problem"`
	Tiles     []Tile          `json:"tiles"`
	Chart     json.RawMessage `json:"chart"`
	Start     int64           `json:"start"` // MRR at the end of the month before
	End       int64           `json:"end"`   // MRR at the end of the month
	Movements []MovementRow   `json:"movements"`
}

// revenueTile is a KPI tile of the Revenue screen: its figure, and the
// figure its note shows.
type revenueTile struct {
	f         *figures.Field
	label     string // instead of the field's label
	note      *figures.Field
	noteLabel string
}

var revenueTiles = func() []revenueTile {
	f := func(key string) *figures.Field { return figures.MustFields(key)[0] }
	return []revenueTile{
		{f: f("revenue.mrr")},
		{f: f("revenue.arr")},
		{f: f("revenue.customers"), note: f("revenue.new_customers"), noteLabel: "new"},
		{f: f("revenue.arpa")},
		{f: f("revenue.nrr")},
		{f: f("revenue.quick_ratio")},
		{f: f("revenue.logo_churn_rate"), note: f("revenue.churned_customers"), noteLabel: "churned"},
		{f: f("revenue.net_revenue_churn_rate")},
		{f: f("revenue.collected")},
		{f: f("revenue.refunded"), note: f("revenue.refunds"), noteLabel: "refunds"},
		{f: f("revenue.failed_payments")},
		{f: f("revenue.disputes"), note: f("revenue.disputed"), noteLabel: "disputed"},
	}
}()

// failed turns a missing exchange rate into the overview's Problem, shown
// with the rates table; any other error stays an error.
func (ov *Overview) failed(err error) (*Overview, error) {
	if !revenue.IsMissingRate(err) {
		return nil, err
	}
	ov.Problem = &Problem{Code: string(backend.ErrorCode(err)), Message: backend.ErrorMessage(err), Rates: true}
	ov.Problem.Currency, ov.Problem.Month, _ = revenue.MissingRate(err)
	return ov, nil
}

// Overview is the screen for month (YYYY-MM; "" for the last complete
// month): tiles with their month-over-month change and 12-month trend,
// the MRR chart and the movements table.
func (r *Revenue) Overview(month string) (*Overview, error) {
	db, err := r.s.workspace()
	if err != nil {
		return nil, err
	}
	sel, per, err := r.s.pickMonth(db, month)
	if err != nil {
		return nil, err
	}
	cur, err := revenue.BaseCurrency(db)
	if err != nil {
		return nil, err
	}
	ov := &Overview{Period: per, Currency: cur, Tiles: []Tile{}, Movements: []MovementRow{}, Products: []ProductRow{}}
	s, err := figures.Load(db, trend(sel), sel)
	if err != nil {
		return ov.failed(err)
	}
	ov.HasData = s.Has&figures.Billing != 0
	tiles := revenueTiles
	switch {
	case ov.HasData:
		ov.Mode = "mrr"
	case s.Has&figures.Payments != 0:
		ov.Mode = "sales"
		tiles = salesTiles
	default:
		if ov.Missing = s.Has.Lacks(figures.Billing); ov.Missing == nil {
			ov.Missing = &figures.Hint{Text: figures.NoData}
		}
	}
	stores, err := sourcesOf(db)
	if err != nil {
		return nil, err
	}
	ov.About = about(ov.Mode, s.MRRFrom, stores)
	if ov.Mode == "sales" {
		if stores.oneOff() {
			tiles = oneOffTiles
		}
		ov.Products = productRows(s)
		if ov.Chart, err = charts.Sales(s.Months, cur); err != nil {
			return nil, err
		}
	}
	for _, rt := range tiles {
		t, err := figureTile(s, rt.f)
		if err != nil {
			return nil, err
		}
		if rt.note != nil {
			t.Note = noteOf(s, rt.note, rt.noteLabel)
		}
		if rt.label != "" {
			t.Label = rt.label
		}
		ov.Tiles = append(ov.Tiles, t)
	}
	if ov.HasData {
		if ov.Chart, err = charts.MRR(s.Months, cur); err != nil {
			return nil, err
		}
		ov.Start, ov.End = *s.Back(1).Revenue.MRR, *s.Last().Revenue.MRR
	}
	ov.Movements = movementRows(s.Last())
	return ov, nil
}

// movementRows is the table under the chart: every kind, even at zero, so
// that the rows always read MRR before + movements = MRR after (fx only
// when there is some).
func movementRows(m *figures.Month) []MovementRow {
	r := &m.Revenue
	counts := map[revenue.Kind]*int64{revenue.New: r.NewCustomers, revenue.Expansion: &m.Expanded,
		revenue.Reactivation: r.ReactivatedCustomers, revenue.Contraction: &m.Contracted, revenue.Churn: r.ChurnedCustomers,
		revenue.FX: &m.Revalued}
	out := []MovementRow{}
	for _, k := range charts.Movements {
		var amount, n int64
		if v := m.Movement(k); v != nil {
			amount = k.Effect(*v)
		}
		if c := counts[k]; c != nil {
			n = *c
		}
		if k == revenue.FX && amount == 0 {
			continue
		}
		out = append(out, MovementRow{Kind: k, Label: k.Label(), Colour: charts.MovementColours[k], Customers: n, Amount: amount})
	}
	return out
}

// DrillRow is one customer behind a movement.
type DrillRow struct {
	CustomerID string       `json:"customer_id"`
	Name       string       `json:"name"`
	Email      string       `json:"email"`
	Plan       string       `json:"plan"`
	Kind       revenue.Kind `json:"kind"`
	Amount     int64        `json:"amount"` // signed effect on MRR
	From       int64        `json:"from"`   // the customer's MRR at the end of the month before
	To         int64        `json:"to"`     // and at the end of the month
}

// Drill is the side panel listing the customers behind a movement.
type Drill struct {
	Month     backend.Month `json:"month"`
	Kind      revenue.Kind  `json:"kind"` // "" for every kind
	Label     string        `json:"label"`
	Colour    string        `json:"colour"`
	Currency  string        `json:"currency"`
	Total     int64         `json:"total"` // Σ Amount: the movement on the chart
	Customers int           `json:"customers"`
	Rows      []DrillRow    `json:"rows"` // largest effect first
}

func kindOf(s string) (revenue.Kind, error) {
	k := revenue.Kind(strings.ToLower(strings.TrimSpace(s)))
	if k == "" {
		return k, nil
	}
	for _, x := range revenue.Kinds {
		if x == k {
			return k, nil
		}
	}
	return "", backend.Errorf(backend.Invalid, "%q is not a kind of MRR movement (new, expansion, reactivation, contraction, churn, fx).", s)
}

// Movements lists the customers behind month's movement of kind (new,
// expansion, reactivation, contraction, churn, fx; "" for all).
func (r *Revenue) Movements(month, kind string) (*Drill, error) {
	db, err := r.s.workspace()
	if err != nil {
		return nil, err
	}
	sel, _, err := r.s.pickMonth(db, month)
	if err != nil {
		return nil, err
	}
	k, err := kindOf(kind)
	if err != nil {
		return nil, err
	}
	s, err := figures.LoadRevenue(db, sel, sel)
	if err != nil {
		return nil, err
	}
	d := &Drill{Month: sel, Kind: k, Label: k.Label(), Colour: charts.MovementColours[k], Currency: s.BaseCurrency, Rows: []DrillRow{}}
	if k == "" {
		if v := s.Last().NetChange(); v != nil {
			d.Total = *v
		}
	} else if v := s.Last().Movement(k); v != nil {
		d.Total = k.Effect(*v)
	}
	seen := map[string]bool{}
	for _, mv := range s.MovementsOf(sel, k) {
		e := mv.Effect()
		d.Rows = append(d.Rows, DrillRow{CustomerID: mv.CustomerID, Name: mv.Name, Email: mv.Email, Plan: mv.Plan, Kind: mv.Kind,
			Amount: e, From: mv.From, To: mv.To})
		seen[mv.CustomerID] = true
	}
	d.Customers = len(seen)
	sortRows(d.Rows)
	return d, nil
}

// sortRows puts the largest effects first (gains and losses alike), then
// by customer id so that the order is stable.
func sortRows(rows []DrillRow) {
	size := func(n int64) int64 {
		if n < 0 {
			return -n
		}
		return n
	}
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if size(a.Amount) != size(b.Amount) {
			return size(a.Amount) > size(b.Amount)
		}
		return a.CustomerID < b.CustomerID
	})
}

// Step is one stretch of a subscription's MRR on the customer page, with
// the invoice that set it.
type Step struct {
	From     time.Time        `json:"from"`
	MRR      int64            `json:"mrr"`      // native minor units
	Why      string           `json:"why"`      // invoice, subscription, payments, trial, end, status …
	Label    string           `json:"label"`    // Why in words
	Invoices int              `json:"invoices"` // invoices billed during it
	Invoice  *revenue.Invoice `json:"invoice"`  // null unless an invoice set it
}

// SubscriptionView is one subscription's MRR timeline.
type SubscriptionView struct {
	ID            string `json:"id"`
	Plan          string `json:"plan"`    // as a founder calls it: "Growth · yearly"
	PlanID        string `json:"plan_id"` // as exported: "price_1Sx…"
	Currency      string `json:"currency"`
	Status        string `json:"status"`
	Interval      string `json:"interval"`
	IntervalCount int64  `json:"interval_count"`
	Source        string `json:"source"`
	SourceLabel   string `json:"source_label"`
	Steps         []Step `json:"steps"`
}

// CustomerMove is one of the customer's movements, with its signed effect.
type CustomerMove struct {
	Month  backend.Month `json:"month"`
	Kind   revenue.Kind  `json:"kind"`
	Label  string        `json:"label"`
	Colour string        `json:"colour"`
	Plan   string        `json:"plan"`
	Amount int64         `json:"amount"` // signed effect on MRR
	From   int64         `json:"from"`
	To     int64         `json:"to"`
}

// CustomerPage is a customer's revenue history: MRR by month, movements,
// and every subscription's timeline with the invoices behind each step.
type CustomerPage struct {
	ID            string             `json:"id"`
	Name          string             `json:"name"`
	Email         string             `json:"email"`
	Currency      string             `json:"currency"` // base currency: MRR and movements
	Month         backend.Month      `json:"month"`    // the last month of the history
	MRR           int64              `json:"mrr"`      // at the end of Month
	FirstPaid     backend.Month      `json:"first_paid"`
	Chart         json.RawMessage    `json:"chart"`
	Moves         []CustomerMove     `json:"moves"` // newest first
	Subscriptions []SubscriptionView `json:"subscriptions"`
}

var whyWords = map[string]string{
	"invoice":      "Set by an invoice",
	"subscription": "From the subscriptions export (amount × quantity)",
	"payments":     "From recurring payments",
	"trial":        "Trial: counts 0",
	"end":          "Ended",
}

var sourceWords = map[revenue.Source]string{
	revenue.FromInvoices:      "MRR from its invoices",
	revenue.FromSubscriptions: "MRR from the subscriptions export",
	revenue.FromPayments:      "MRR from recurring payments (no subscription or invoice exported)",
}

func whyLabel(why string) string {
	if w, ok := whyWords[why]; ok {
		return w
	}
	if s, ok := strings.CutPrefix(why, "status "); ok {
		return "Status " + s + ": does not count"
	}
	return why
}

// Customer is the customer page of id through month ("YYYY-MM", the
// month of the drill-down it was opened from; "" for the last complete
// month): their MRR at each month end from their first paid month to it.
func (r *Revenue) Customer(id, month string) (*CustomerPage, error) {
	db, err := r.s.workspace()
	if err != nil {
		return nil, err
	}
	sel, _, err := r.s.pickMonth(db, month)
	if err != nil {
		return nil, err
	}
	c, err := figures.CustomerHistory(db, id, sel)
	if err != nil {
		return nil, err
	}
	p := &CustomerPage{ID: id, Name: c.Name, Email: c.Email, Currency: c.Currency, Month: c.Through, MRR: c.Now(),
		FirstPaid: c.FirstPaid, Moves: []CustomerMove{}, Subscriptions: []SubscriptionView{}}
	for _, mv := range c.Moves {
		p.Moves = append(p.Moves, CustomerMove{Month: mv.Month, Kind: mv.Kind, Label: mv.Kind.Label(),
			Colour: charts.MovementColours[mv.Kind], Plan: mv.Plan, Amount: mv.Effect(), From: mv.From, To: mv.To})
	}
	months := make([]string, len(c.Months))
	for i, m := range c.Months {
		months[i] = m.String()
	}
	if p.Chart, err = charts.CustomerMRR(months, c.MRR, c.Currency); err != nil {
		return nil, err
	}
	for _, s := range c.Subscriptions {
		v := SubscriptionView{ID: s.ID, Plan: s.PlanName, PlanID: s.Plan, Currency: s.Currency, Status: s.Status, Interval: s.Interval,
			IntervalCount: s.IntervalCount, Source: string(s.Source), SourceLabel: sourceWords[s.Source], Steps: []Step{}}
		for _, st := range s.Steps {
			x := Step{From: st.From, MRR: st.MRR, Why: st.Why, Label: whyLabel(st.Why), Invoices: st.Invoices}
			if in, ok := c.Invoices[st.Invoice]; ok {
				x.Invoice = &in
			}
			v.Steps = append(v.Steps, x)
		}
		p.Subscriptions = append(p.Subscriptions, v)
	}
	return p, nil
}

// PlanRow is one plan in the plan mix.
type PlanRow struct {
	Plan          string  `json:"plan"`
	MRR           int64   `json:"mrr"`
	Subscriptions int64   `json:"subscriptions"`
	Share         float64 `json:"share"` // of the plans' total
	Prev          int64   `json:"prev"`  // MRR at the end of the month before
}

// PlanMix is the MRR by plan at the end of a month.
type PlanMix struct {
	Month    backend.Month   `json:"month"`
	Currency string          `json:"currency"`
	Total    int64           `json:"total"`
	Plans    []PlanRow       `json:"plans"`
	Chart    json.RawMessage `json:"chart"`
	Missing  *Hint           `json:"missing"`
}

// PlanMix is the MRR of each plan at the end of month ("" for the last
// complete month), largest first, with last month's for comparison.
func (r *Revenue) PlanMix(month string) (*PlanMix, error) {
	db, err := r.s.workspace()
	if err != nil {
		return nil, err
	}
	sel, _, err := r.s.pickMonth(db, month)
	if err != nil {
		return nil, err
	}
	s, err := figures.LoadRevenue(db, sel.Add(-1), sel)
	if err != nil {
		return nil, err
	}
	pm := &PlanMix{Month: sel, Currency: s.BaseCurrency, Plans: []PlanRow{}}
	if s.Has&figures.Billing == 0 {
		pm.Missing = s.Has.Lacks(figures.Billing)
		return pm, nil
	}
	prev := map[string]int64{}
	for _, p := range s.Months[0].Plans {
		prev[p.Plan] = p.MRR
	}
	plans := s.Last().Plans
	var shares []*float64
	pm.Total, shares = s.Last().PlanShares()
	for i, p := range plans {
		row := PlanRow{Plan: p.Plan, MRR: p.MRR, Subscriptions: p.Subscriptions, Prev: prev[p.Plan]}
		if shares[i] != nil {
			row.Share = *shares[i]
		}
		pm.Plans = append(pm.Plans, row)
	}
	if pm.Chart, err = charts.PlanMix(plans, s.BaseCurrency); err != nil {
		return nil, err
	}
	return pm, nil
}

// Cohorts is the revenue retention cohort table.
type Cohorts struct {
	Currency string           `json:"currency"`
	Rule     string           `json:"rule"`
	Last     backend.Month    `json:"last"` // the last month of every row
	Rows     []revenue.Cohort `json:"rows"` // oldest first
	Missing  *Hint            `json:"missing"`
}

// Cohorts groups customers by their first paid month and follows the
// share of their starting MRR they still pay, month by month, to the last
// complete month (revenue.CohortRule).
func (r *Revenue) Cohorts() (*Cohorts, error) {
	db, err := r.s.workspace()
	if err != nil {
		return nil, err
	}
	last := backend.LastComplete(r.s.now(), db.Location())
	cur, rows, err := figures.RevenueCohorts(db, last)
	if err != nil {
		return nil, err
	}
	c := &Cohorts{Currency: cur, Rule: revenue.CohortRule, Last: last, Rows: rows}
	if len(rows) == 0 {
		c.Missing = figures.NeedBilling
	}
	return c, nil
}

// Choice is one value of a switchable rule.
type Choice struct {
	Value string `json:"value"`
	Label string `json:"label"`
	Text  string `json:"text"`
}

// Switch is a rule the founder can change on the rules card.
type Switch struct {
	Key     string   `json:"key"`
	Label   string   `json:"label"`
	Value   string   `json:"value"`
	Choices []Choice `json:"choices"`
}

// Definition is a rule the card states without a switch.
type Definition struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	Text  string `json:"text"`
}

// RulesCard is the rules card: which rules (figures.Rules) produced the
// numbers, two of them switchable, in words.
type RulesCard struct {
	Switches    []Switch     `json:"switches"`
	Definitions []Definition `json:"definitions"`
	Currency    string       `json:"currency"`
	TimeZone    string       `json:"time_zone"`
	TestMode    string       `json:"test_mode"` // excluded | included
}

var switches = []Switch{
	{Key: workspace.SettingChurnTiming, Label: "A subscription ends", Choices: []Choice{
		{"period_end", "At period end", "At Ended At, else at the current period end when it cancels at period end — when the customer stops paying. Stripe and ChartMogul count it this way."},
		{"cancellation", "When canceled", "At Canceled At — the day the customer asked to leave, even if paid until the period ends."},
	}},
	{Key: workspace.SettingDiscounts, Label: "MRR counts", Choices: []Choice{
		{"net", "What is billed", "Invoice subtotal − discount, tax excluded: what the customer actually pays."},
		{"list", "List price", "Plan amount × quantity; discounts ignored."},
	}},
}

// Rules is the rules card.
func (r *Revenue) Rules() (*RulesCard, error) {
	db, err := r.s.workspace()
	if err != nil {
		return nil, err
	}
	return rulesCard(db)
}

func rulesCard(db *workspace.DB) (*RulesCard, error) {
	rules, err := figures.ReadRules(db)
	if err != nil {
		return nil, err
	}
	cur := rules.BaseCurrency
	out := &RulesCard{Currency: cur, TimeZone: rules.TimeZone, TestMode: rules.TestMode, Switches: []Switch{}}
	for _, sw := range switches {
		switch sw.Key {
		case workspace.SettingChurnTiming:
			sw.Value = rules.ChurnTiming
		case workspace.SettingDiscounts:
			sw.Value = rules.Discounts
		}
		out.Switches = append(out.Switches, sw)
	}
	def := func(key, label, text string) { out.Definitions = append(out.Definitions, Definition{key, label, text}) }
	def("mrr", "MRR", figures.MustFields("revenue.mrr")[0].Rule(rules))
	def("movements", "Movements", "Each customer's MRR at the end of the month before (p) against this month (c): new (first ever), "+
		"reactivation (back after leaving), expansion and contraction (the change at this month's rate), churn (to 0), "+
		"and fx (last month's MRR revalued at this month's rate). MRR before + movements = MRR after, to the cent.")
	def("currency", "Currency", "Every amount is in "+strings.ToUpper(cur)+", converted at each month's rate from Stripe's converted amounts, else the exchange-rates table.")
	def("cohorts", "Revenue cohorts", revenue.CohortRule)
	return out, nil
}

// SetRule switches one of the card's rules (churn_timing, discounts); every
// number is recomputed, so the page is told the workspace changed.
func (r *Revenue) SetRule(key, value string) (*RulesCard, error) {
	db, err := r.s.workspace()
	if err != nil {
		return nil, err
	}
	ok := false
	for _, sw := range switches {
		ok = ok || sw.Key == key
	}
	if !ok {
		return nil, backend.Errorf(backend.Invalid, "%q is not a rule of the Revenue screen (churn_timing, discounts).", key)
	}
	if err := db.SetSetting(key, value); err != nil {
		return nil, err
	}
	r.s.emit("workspace:changed", map[string]any{})
	return rulesCard(db)
}

// RatesTable is the user's exchange-rates table.
type RatesTable struct {
	Currency   string           `json:"currency"`   // the base currency
	Rates      []workspace.Rate `json:"rates"`      // by currency, then month
	Currencies []string         `json:"currencies"` // billed currencies other than the base
}

// Rates is the exchange-rates table.
func (r *Revenue) Rates() (*RatesTable, error) {
	db, err := r.s.workspace()
	if err != nil {
		return nil, err
	}
	return ratesTable(db)
}

func ratesTable(db *workspace.DB) (*RatesTable, error) {
	cur, err := revenue.BaseCurrency(db)
	if err != nil {
		return nil, err
	}
	rates, err := db.Rates()
	if err != nil {
		return nil, err
	}
	all, err := revenue.Currencies(db)
	if err != nil {
		return nil, err
	}
	t := &RatesTable{Currency: cur, Rates: rates, Currencies: []string{}}
	if t.Rates == nil {
		t.Rates = []workspace.Rate{}
	}
	for _, c := range all {
		if c != cur {
			t.Currencies = append(t.Currencies, c)
		}
	}
	return t, nil
}

// SetRate adds or replaces the rate of currency for month (how many units
// of the base currency one unit was worth) and recomputes.
func (r *Revenue) SetRate(currency, month, rate string) (*RatesTable, error) {
	db, err := r.s.workspace()
	if err != nil {
		return nil, err
	}
	if err := db.SetRate(currency, month, rate); err != nil {
		return nil, err
	}
	r.s.emit("workspace:changed", map[string]any{})
	return ratesTable(db)
}

// DeleteRate removes the rate of currency for month and recomputes.
func (r *Revenue) DeleteRate(currency, month string) (*RatesTable, error) {
	db, err := r.s.workspace()
	if err != nil {
		return nil, err
	}
	if err := db.DeleteRate(currency, month); err != nil {
		return nil, err
	}
	r.s.emit("workspace:changed", map[string]any{})
	return ratesTable(db)
}
