package app

import (
	"encoding/json"
	"sort"
	"strings"
	"time"

	"keel/backend"
	"keel/backend/charts"
	"keel/backend/metrics"
	"keel/backend/revenue"
	"keel/backend/review"
	"keel/backend/workspace"
)

// Revenue is the bound API of the Revenue screen: KPI tiles, the MRR chart
// with its movements, the drill-down to the customers behind a movement,
// the customer page, plan mix, revenue cohorts, the rules card and the
// exchange-rates table. Every number comes from the revenue engine and
// metrics.Compute, so the screen and `keel metrics` always agree.
type Revenue struct{ s *State }

// NewRevenue binds the revenue API to the state.
func NewRevenue(s *State) *Revenue { return &Revenue{s} }

// months on the chart and in each sparkline, ending at the month shown.
const trendMonths = 12

// Hint says which export fills something that is missing.
type Hint struct {
	Text   string `json:"text"`
	Source string `json:"source"` // importer source and kind, for "Import…"
	Kind   string `json:"kind"`
}

var (
	needBilling = &Hint{Text: "Import your Stripe subscriptions or invoices export (Stripe Dashboard → Billing → Subscriptions → Export) to see MRR, its movements and churn.",
		Source: "stripe", Kind: "subscriptions"}
	needPayments = &Hint{Text: "Import your Stripe payments export (Stripe Dashboard → Payments → Export) to fill this.",
		Source: "stripe", Kind: "payments"}
)

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

// Tile is one KPI tile.
type Tile struct {
	Key    string   `json:"key"` // the metrics field: mrr, arr, …
	Label  string   `json:"label"`
	Unit   string   `json:"unit"`   // money | count | ratio | multiple
	Better string   `json:"better"` // up | down: which way is good
	Value  *float64 `json:"value"`  // null: unknown, never 0
	Prev   *float64 `json:"prev"`   // the month before
	Delta  *float64 `json:"delta"`  // value − prev
	Change *float64 `json:"change"` // delta / |prev|, for money and counts
	// Good says whether the change is good news; null when flat or unknown.
	Good *bool `json:"good"`
	// Values are the tile's trendMonths months ending at the month shown,
	// and Spark their sparkline.
	Months []string        `json:"months"`
	Values []*float64      `json:"values"`
	Spark  json.RawMessage `json:"spark"`
	Rule   string          `json:"rule"`
	// Missing says why Value is null: the import that would fill it, or
	// that there is nothing to divide by.
	Missing string `json:"missing"`
	// Note is a second, smaller figure: disputed amount, refunds, new customers.
	Note *Note `json:"note"`
}

// Note is a tile's second figure.
type Note struct {
	Value *float64 `json:"value"`
	Unit  string   `json:"unit"`
	Label string   `json:"label"`
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
	Month    string `json:"month"`   // YYYY-MM shown
	Default  string `json:"default"` // the last complete month
	First    string `json:"first"`   // the month picker's range
	Last     string `json:"last"`
	Currency string `json:"currency"`
	HasData  bool   `json:"has_data"`
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

// tileSpec is a KPI tile: the metrics field, which field gives its note,
// and why it can be null with data present.
type tileSpec struct {
	key, note, noteLabel, noDenominator string
}

var tileSpecs = []tileSpec{
	{key: "mrr"},
	{key: "arr"},
	{key: "customers", note: "new_customers", noteLabel: "new"},
	{key: "arpa", noDenominator: "No paying customers at the end of the month, so there is no average."},
	{key: "nrr", noDenominator: "No MRR at the end of the month before, so there is nothing to retain."},
	{key: "quick_ratio", noDenominator: "No contraction or churn this month, so the ratio has no denominator: nothing was lost."},
	{key: "logo_churn_rate", note: "churned_customers", noteLabel: "churned", noDenominator: "No paying customers at the end of the month before, so there is no rate."},
	{key: "net_revenue_churn_rate", noDenominator: "No MRR at the end of the month before, so there is no rate."},
	{key: "collected"},
	{key: "refunded", note: "refunds", noteLabel: "refunds"},
	{key: "failed_payments"},
	{key: "disputes", note: "disputed", noteLabel: "disputed"},
}

var paymentFields = map[string]bool{"collected": true, "refunded": true, "refunds": true, "disputes": true,
	"disputed": true, "failed_payments": true}

// monthOf parses "YYYY-MM" in loc; "" is the last complete month.
func (r *Revenue) monthOf(s string, loc *time.Location) (time.Time, error) {
	if s == "" {
		return r.lastComplete(loc), nil
	}
	t, err := time.ParseInLocation("2006-01", strings.TrimSpace(s), loc)
	if err != nil {
		return t, backend.Errorf(backend.Invalid, "%q is not a month; write it as YYYY-MM, e.g. 2025-03.", s)
	}
	return t, nil
}

// lastComplete is the first instant of the last complete month in loc.
func (r *Revenue) lastComplete(loc *time.Location) time.Time {
	now := r.s.now().In(loc)
	return time.Date(now.Year(), now.Month()-1, 1, 0, 0, 0, 0, loc)
}

func ym(t time.Time) string { return t.Format("2006-01") }

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
	loc := db.Location()
	sel, err := r.monthOf(month, loc)
	if err != nil {
		return nil, err
	}
	from := sel.AddDate(0, 1-trendMonths, 0)
	cur, err := revenue.BaseCurrency(db)
	if err != nil {
		return nil, err
	}
	last := r.lastComplete(loc)
	ov := &Overview{Month: ym(sel), Default: ym(last), First: ym(last), Last: ym(last), Currency: cur,
		Tiles: []Tile{}, Movements: []MovementRow{}}
	if sel.After(last) {
		ov.Last = ym(sel)
	}
	ser, err := revenue.Compute(db, from, sel)
	if err != nil {
		return ov.failed(err)
	}
	rep, err := metrics.Compute(db, ym(from), ym(sel))
	if err != nil {
		return ov.failed(err)
	}
	ov.HasData = ser.HasData
	if first, ok := ser.FirstPaid(loc); ok && ym(first) < ov.First {
		ov.First = ym(first)
	}
	if ov.Month < ov.First {
		ov.First = ov.Month
	}
	if !ser.HasData {
		ov.Missing = needBilling
	}
	if ov.Tiles, err = tiles(rep, ser.HasData); err != nil {
		return nil, err
	}
	if ser.HasData {
		if ov.Chart, err = charts.MRR(ser.Months, cur); err != nil {
			return nil, err
		}
	}
	m := ser.Months[len(ser.Months)-1]
	ov.Start, ov.End = m.Prev, m.MRR
	ov.Movements = movementRows(ser, m)
	return ov, nil
}

// movementRows is the table under the chart: every kind, even at zero, so
// that the rows always read MRR before + movements = MRR after (fx only
// when there is some).
func movementRows(ser *revenue.Series, m revenue.Month) []MovementRow {
	counts := map[revenue.Kind]int64{revenue.New: m.NewCustomers, revenue.Expansion: m.ExpandedCustomers,
		revenue.Reactivation: m.ReactivatedCustomers, revenue.Contraction: m.ContractedCustomers, revenue.Churn: m.ChurnedCustomers}
	out := []MovementRow{}
	for _, k := range charts.Movements {
		amount := charts.Effect(k, charts.MovementOf(m.Totals, k))
		n := counts[k]
		if k == revenue.FX {
			if amount == 0 {
				continue
			}
			n = int64(len(ser.Movements(m.Month, revenue.FX)))
		}
		out = append(out, MovementRow{Kind: k, Label: charts.KindLabel(k), Colour: charts.MovementColours[k], Customers: n, Amount: amount})
	}
	return out
}

// figures reads the metrics report's revenue fields as numbers by name.
func figures(rep *metrics.Report) ([]map[string]*float64, error) {
	out := make([]map[string]*float64, len(rep.Months))
	for i, m := range rep.Months {
		b, err := json.Marshal(m.Revenue)
		if err != nil {
			return nil, backend.Errorf(backend.Internal, "read the metrics: %v", err)
		}
		if err := json.Unmarshal(b, &out[i]); err != nil {
			return nil, backend.Errorf(backend.Internal, "read the metrics: %v", err)
		}
	}
	return out, nil
}

func reviewRules(rep *metrics.Report) review.Rules {
	return review.Rules{BaseCurrency: rep.BaseCurrency, ChurnTiming: rep.Rules.ChurnTiming, Discounts: rep.Rules.Discounts,
		TimeZone: rep.Rules.TimeZone, TestMode: rep.Rules.TestMode, ActivationDays: rep.Rules.ActivationDays}
}

// tiles builds the KPI tiles of the report's last month.
func tiles(rep *metrics.Report, hasBilling bool) ([]Tile, error) {
	figs, err := figures(rep)
	if err != nil {
		return nil, err
	}
	rules := reviewRules(rep)
	last := len(figs) - 1
	months := make([]string, len(rep.Months))
	for i, m := range rep.Months {
		months[i] = m.Month
	}
	out := make([]Tile, 0, len(tileSpecs))
	for _, sp := range tileSpecs {
		f := review.FieldOf("revenue." + sp.key)
		t := Tile{Key: sp.key, Label: f.Label, Unit: string(f.Unit), Better: f.Better, Rule: f.Rule(rules), Months: months,
			Values: make([]*float64, len(figs))}
		for i := range figs {
			t.Values[i] = figs[i][sp.key]
		}
		t.Value = t.Values[last]
		if last > 0 {
			t.Prev = t.Values[last-1]
		}
		if t.Value != nil && t.Prev != nil {
			d := *t.Value - *t.Prev
			t.Delta = &d
			if t.Unit != string(review.Ratio) && *t.Prev != 0 {
				c := d / abs(*t.Prev)
				t.Change = &c
			}
			if d != 0 && t.Better != "" {
				good := (d > 0) == (t.Better == "up")
				t.Good = &good
			}
		}
		if t.Value == nil {
			switch {
			case paymentFields[sp.key]:
				t.Missing = needPayments.Text
			case !hasBilling:
				t.Missing = needBilling.Text
			case sp.noDenominator != "":
				t.Missing = sp.noDenominator
			default:
				t.Missing = f.Missing
			}
		}
		if sp.note != "" {
			t.Note = &Note{Value: figs[last][sp.note], Unit: string(review.FieldOf("revenue." + sp.note).Unit), Label: sp.noteLabel}
		}
		if t.Spark, err = charts.Sparkline(t.Values, charts.Accent); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// planLabels names plans the way a founder does (revenue.PlanNames); a
// movement's plan can list several, comma-separated.
type planLabels map[string]string

func (pl planLabels) of(plan string) string {
	if plan == "" || len(pl) == 0 {
		return plan
	}
	parts := strings.Split(plan, ", ")
	for i, p := range parts {
		if n, ok := pl[p]; ok {
			parts[i] = n
		}
	}
	return strings.Join(parts, ", ")
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
	Month     string       `json:"month"`
	Kind      revenue.Kind `json:"kind"` // "" for every kind
	Label     string       `json:"label"`
	Colour    string       `json:"colour"`
	Currency  string       `json:"currency"`
	Total     int64        `json:"total"` // Σ Amount: the movement on the chart
	Customers int          `json:"customers"`
	Rows      []DrillRow   `json:"rows"` // largest effect first
}

func kindOf(s string) (revenue.Kind, error) {
	k := revenue.Kind(strings.ToLower(strings.TrimSpace(s)))
	if k == "" {
		return k, nil
	}
	for _, x := range charts.Movements {
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
	loc := db.Location()
	sel, err := r.monthOf(month, loc)
	if err != nil {
		return nil, err
	}
	k, err := kindOf(kind)
	if err != nil {
		return nil, err
	}
	ser, err := revenue.Compute(db, sel, sel)
	if err != nil {
		return nil, err
	}
	names, err := revenue.PlanNames(db)
	if err != nil {
		return nil, err
	}
	pl := planLabels(names)
	d := &Drill{Month: ym(sel), Kind: k, Label: charts.KindLabel(k), Colour: charts.MovementColours[k], Currency: ser.BaseCurrency, Rows: []DrillRow{}}
	seen := map[string]bool{}
	for _, mv := range ser.Movements(ym(sel), k) {
		e := charts.Effect(mv.Kind, mv.Amount)
		d.Total += e
		d.Rows = append(d.Rows, DrillRow{CustomerID: mv.CustomerID, Name: mv.Name, Email: mv.Email, Plan: pl.of(mv.Plan), Kind: mv.Kind,
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
	MRR      int64            `json:"mrr"` // native minor units of the subscription's currency
	Why      string           `json:"why"`
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
	Month  string       `json:"month"`
	Kind   revenue.Kind `json:"kind"`
	Label  string       `json:"label"`
	Colour string       `json:"colour"`
	Plan   string       `json:"plan"`
	Amount int64        `json:"amount"` // signed effect on MRR
	From   int64        `json:"from"`
	To     int64        `json:"to"`
}

// CustomerPage is a customer's revenue history: MRR by month, movements,
// and every subscription's timeline with the invoices behind each step.
type CustomerPage struct {
	ID            string             `json:"id"`
	Name          string             `json:"name"`
	Email         string             `json:"email"`
	Currency      string             `json:"currency"` // base currency: MRR and movements
	Month         string             `json:"month"`    // the last month of the history
	MRR           int64              `json:"mrr"`      // at the end of Month
	FirstPaid     string             `json:"first_paid"`
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

// Customer is the customer page of id, over the months from their first
// paid month to the last complete month.
func (r *Revenue) Customer(id string) (*CustomerPage, error) {
	db, err := r.s.workspace()
	if err != nil {
		return nil, err
	}
	loc := db.Location()
	last := r.lastComplete(loc)
	probe, err := revenue.Compute(db, last, last)
	if err != nil {
		return nil, err
	}
	subs := probe.Customer(id)
	if len(subs) == 0 {
		return nil, backend.Errorf(backend.NotFound, "Keel has no subscriptions, invoices or recurring payments for customer %s.", id)
	}
	first := last
	for _, s := range subs {
		for _, st := range s.Steps {
			if st.MRR > 0 {
				t := st.From.In(loc)
				if m := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, loc); m.Before(first) {
					first = m
				}
				break
			}
		}
	}
	// At least a year of months, so that the chart has a shape.
	from := first
	if y := last.AddDate(0, 1-trendMonths, 0); y.Before(from) {
		from = y
	}
	ser, err := revenue.Compute(db, from, last)
	if err != nil {
		return nil, err
	}
	names, err := revenue.PlanNames(db)
	if err != nil {
		return nil, err
	}
	pl := planLabels(names)
	p := &CustomerPage{ID: id, Currency: ser.BaseCurrency, Month: ym(last), FirstPaid: ym(first), Moves: []CustomerMove{},
		Subscriptions: []SubscriptionView{}}
	p.Name, p.Email = ser.Who(id)
	// The movements replay the customer's MRR at each month end.
	moves := ser.CustomerMoves(id)
	months := make([]string, len(ser.Months))
	mrr := make([]int64, len(ser.Months))
	j := 0
	var cur int64
	for i, m := range ser.Months {
		months[i] = m.Month
		for j < len(moves) && moves[j].Month == m.Month {
			cur = moves[j].To
			j++
		}
		mrr[i] = cur
	}
	p.MRR = cur
	for i := len(moves) - 1; i >= 0; i-- {
		mv := moves[i]
		p.Moves = append(p.Moves, CustomerMove{Month: mv.Month, Kind: mv.Kind, Label: charts.KindLabel(mv.Kind),
			Colour: charts.MovementColours[mv.Kind], Plan: pl.of(mv.Plan), Amount: charts.Effect(mv.Kind, mv.Amount), From: mv.From, To: mv.To})
	}
	if p.Chart, err = charts.CustomerMRR(months, mrr, ser.BaseCurrency); err != nil {
		return nil, err
	}
	var ids []string
	for _, s := range subs {
		for _, st := range s.Steps {
			if st.Invoice != "" {
				ids = append(ids, st.Invoice)
			}
		}
	}
	invs, err := revenue.Invoices(db, ids)
	if err != nil {
		return nil, err
	}
	for _, s := range subs {
		v := SubscriptionView{ID: s.ID, Plan: pl.of(s.Plan), PlanID: s.Plan, Currency: s.Currency, Status: s.Status, Interval: s.Interval,
			IntervalCount: s.IntervalCount, Source: string(s.Source), SourceLabel: sourceWords[s.Source], Steps: []Step{}}
		for _, st := range s.Steps {
			x := Step{From: st.From, MRR: st.MRR, Why: st.Why, Label: whyLabel(st.Why), Invoices: st.Invoices}
			if in, ok := invs[st.Invoice]; ok {
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
	Month    string          `json:"month"`
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
	loc := db.Location()
	sel, err := r.monthOf(month, loc)
	if err != nil {
		return nil, err
	}
	ser, err := revenue.Compute(db, sel.AddDate(0, -1, 0), sel)
	if err != nil {
		return nil, err
	}
	pm := &PlanMix{Month: ym(sel), Currency: ser.BaseCurrency, Plans: []PlanRow{}}
	if !ser.HasData {
		pm.Missing = needBilling
		return pm, nil
	}
	names, err := revenue.PlanNames(db)
	if err != nil {
		return nil, err
	}
	pl := planLabels(names)
	prev := map[string]int64{}
	for _, p := range ser.Months[0].Plans {
		prev[pl.of(p.Plan)] += p.MRR
	}
	plans := groupPlans(ser.Months[1].Plans, pl)
	for _, p := range plans {
		pm.Total += p.MRR
	}
	for _, p := range plans {
		row := PlanRow{Plan: p.Plan, MRR: p.MRR, Subscriptions: p.Subscriptions, Prev: prev[p.Plan]}
		if pm.Total > 0 {
			row.Share = float64(p.MRR) / float64(pm.Total)
		}
		pm.Plans = append(pm.Plans, row)
	}
	if pm.Chart, err = charts.PlanMix(plans, ser.BaseCurrency); err != nil {
		return nil, err
	}
	return pm, nil
}

// groupPlans sums the plans that share a name (two prices of the same
// product and interval are one plan to a founder), largest first.
func groupPlans(plans []revenue.PlanMRR, pl planLabels) []revenue.PlanMRR {
	var out []revenue.PlanMRR
	at := map[string]int{}
	for _, p := range plans {
		name := pl.of(p.Plan)
		i, ok := at[name]
		if !ok {
			i = len(out)
			at[name] = i
			out = append(out, revenue.PlanMRR{Plan: name})
		}
		out[i].MRR += p.MRR
		out[i].Subscriptions += p.Subscriptions
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].MRR != out[j].MRR {
			return out[i].MRR > out[j].MRR
		}
		return out[i].Plan < out[j].Plan
	})
	return out
}

// Cohorts is the revenue retention cohort table.
type Cohorts struct {
	Currency string           `json:"currency"`
	Rule     string           `json:"rule"`
	Last     string           `json:"last"` // the last month of every row
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
	loc := db.Location()
	last := r.lastComplete(loc)
	probe, err := revenue.Compute(db, last, last)
	if err != nil {
		return nil, err
	}
	c := &Cohorts{Currency: probe.BaseCurrency, Rule: revenue.CohortRule, Last: ym(last), Rows: []revenue.Cohort{}}
	first, ok := probe.FirstPaid(loc)
	if !ok {
		c.Missing = needBilling
		return c, nil
	}
	if first.After(last) {
		first = last
	}
	ser, err := revenue.Compute(db, first, last)
	if err != nil {
		return nil, err
	}
	c.Rows = ser.Cohorts()
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

// Rules is the rules card: which rules produced the numbers, two of them
// switchable.
type Rules struct {
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
func (r *Revenue) Rules() (*Rules, error) {
	db, err := r.s.workspace()
	if err != nil {
		return nil, err
	}
	return rulesCard(db)
}

func rulesCard(db *workspace.DB) (*Rules, error) {
	cur, err := revenue.BaseCurrency(db)
	if err != nil {
		return nil, err
	}
	get := func(k string) string {
		v, e := db.Setting(k)
		if e != nil && err == nil {
			err = e
		}
		return v
	}
	out := &Rules{Currency: cur, TimeZone: get(workspace.SettingTimeZone), TestMode: "excluded", Switches: []Switch{}}
	if get(workspace.SettingIncludeTest) == "true" {
		out.TestMode = "included"
	}
	for _, sw := range switches {
		sw.Value = get(sw.Key)
		out.Switches = append(out.Switches, sw)
	}
	if err != nil {
		return nil, err
	}
	rules := review.Rules{BaseCurrency: cur, ChurnTiming: out.Switches[0].Value, Discounts: out.Switches[1].Value,
		TimeZone: out.TimeZone, TestMode: out.TestMode}
	def := func(key, label, text string) { out.Definitions = append(out.Definitions, Definition{key, label, text}) }
	def("mrr", "MRR", review.FieldOf("revenue.mrr").Rule(rules))
	def("movements", "Movements", "Each customer's MRR at the end of the month before (p) against this month (c): new (first ever), "+
		"reactivation (back after leaving), expansion and contraction (the change at this month's rate), churn (to 0), "+
		"and fx (last month's MRR revalued at this month's rate). MRR before + movements = MRR after, to the cent.")
	def("currency", "Currency", "Every amount is in "+strings.ToUpper(cur)+", converted at each month's rate from Stripe's converted amounts, else the exchange-rates table.")
	def("cohorts", "Revenue cohorts", revenue.CohortRule)
	return out, nil
}

// SetRule switches one of the card's rules (churn_timing, discounts); every
// number is recomputed, so the page is told the workspace changed.
func (r *Revenue) SetRule(key, value string) (*Rules, error) {
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
