package review

import (
	"context"
	"encoding/json"
	"sort"
	"time"

	"keel/backend/metrics"
	"keel/backend/product"
	"keel/backend/revenue"
	"keel/backend/workspace"
)

// Data holds the tables behind a review: the monthly metrics of the 12
// months ending with the review month (the `keel metrics --json` object),
// the per-customer movements of those months, the plan mix at the end of
// the review month and the revenue cohorts. A frozen review keeps its Data
// in its snapshot.
type Data struct {
	Metrics   json.RawMessage `json:"metrics"`
	Movements []Movement      `json:"movements"` // by month (newest first), kind, then amount
	Plans     []PlanShare     `json:"plans"`
	Cohorts   []Cohort        `json:"cohorts"` // oldest first
	// Usage are the retention cohorts by product usage (backend/product):
	// the accounts (or analytics users) first seen in each month, and in
	// Paying[k] how many of them had an event k months later. Empty
	// without analytics events.
	Usage   []Cohort `json:"usage_cohorts"`
	figures *Figures
}

// Figures are the metrics, flattened.
func (d *Data) Figures() *Figures { return d.figures }

// Movement is one customer's share of one kind of MRR movement in a month
// (METRICS.md, Movements). Amount is positive for every kind but fx, which
// is signed; Effect gives the signed effect on MRR.
type Movement struct {
	Month      string `json:"month"`
	CustomerID string `json:"customer_id"`
	Name       string `json:"name"`
	Email      string `json:"email"`
	Kind       string `json:"kind"`
	Amount     int64  `json:"amount"`
	Plan       string `json:"plan"` // plan names, as the founder knows them
	From       int64  `json:"from"` // MRR at the end of the month before
	To         int64  `json:"to"`   // MRR at the end of the month
}

// Effect is the movement's signed effect on MRR.
func (m Movement) Effect() int64 {
	if m.Kind == string(revenue.Contraction) || m.Kind == string(revenue.Churn) {
		return -m.Amount
	}
	return m.Amount
}

// PlanShare is one plan's MRR at the end of the review month.
type PlanShare struct {
	Plan          string `json:"plan"`
	MRR           int64  `json:"mrr"`
	Subscriptions int64  `json:"subscriptions"`
}

// gather computes the Data of the month starting at m.
func gather(db *workspace.DB, m time.Time) (*Data, error) {
	first := m.AddDate(0, -(Window - 1), 0)
	rep, ser, err := metrics.ComputeWithSeries(db, first.Format("2006-01"), m.Format("2006-01"))
	if err != nil {
		return nil, err
	}
	raw, err := json.Marshal(rep)
	if err != nil {
		return nil, err
	}
	d := &Data{Metrics: raw}
	if d.figures, err = parseFigures(raw); err != nil {
		return nil, err
	}
	if d.Usage, err = usageCohorts(db, first, m); err != nil {
		return nil, err
	}
	if ser == nil || !ser.HasData {
		return d, nil
	}
	labels, err := planLabels(db)
	if err != nil {
		return nil, err
	}
	d.Movements = movements(ser, labels)
	d.Plans = planMix(ser.Months[len(ser.Months)-1], labels)
	d.Cohorts = cohorts(ser)
	return d, nil
}

// movements lists the movements of every month, newest month first.
func movements(ser *revenue.Series, labels *planNames) []Movement {
	var out []Movement
	for i := len(ser.Months) - 1; i >= 0; i-- {
		m := ser.Months[i]
		start := len(out)
		for _, mv := range ser.Movements(m.Month, "") {
			out = append(out, Movement{Month: m.Month, CustomerID: mv.CustomerID, Name: mv.Name, Email: mv.Email,
				Kind: string(mv.Kind), Amount: mv.Amount, Plan: labels.label(mv.Plan), From: mv.From, To: mv.To})
		}
		// By kind, then the largest amounts first.
		mo := out[start:]
		sort.SliceStable(mo, func(a, b int) bool {
			if ka, kb := kindRank[mo[a].Kind], kindRank[mo[b].Kind]; ka != kb {
				return ka < kb
			}
			return abs(mo[a].Amount) > abs(mo[b].Amount)
		})
	}
	return out
}

// kindRank orders the kinds of movement as METRICS.md lists them.
var kindRank = map[string]int{"new": 0, "reactivation": 1, "expansion": 2, "contraction": 3, "churn": 4, "fx": 5}

func abs(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}

// planMix merges the plan mix by plan name.
func planMix(m revenue.Month, labels *planNames) []PlanShare {
	var out []PlanShare
	at := map[string]int{}
	for _, p := range m.Plans {
		name := labels.label(p.Plan)
		i, ok := at[name]
		if !ok {
			i = len(out)
			at[name] = i
			out = append(out, PlanShare{Plan: name})
		}
		out[i].MRR += p.MRR
		out[i].Subscriptions += p.Subscriptions
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].MRR > out[j].MRR })
	return out
}

// usageCohorts are the product retention cohorts that started in the
// window, followed up to the end of its last month.
func usageCohorts(db *workspace.DB, first, m time.Time) ([]Cohort, error) {
	ret, err := product.Cohorts(context.Background(), db, product.CohortOptions{From: first, To: m})
	if err != nil {
		return nil, err
	}
	var out []Cohort
	for _, c := range ret.Cohorts {
		k := monthsBetween(c.Start, m) + 1 // periods up to the review month
		if k <= 0 {
			continue
		}
		co := Cohort{Month: c.Label, Customers: c.Size}
		co.Paying = append([]int64(nil), c.Retained[:min(k, len(c.Retained))]...)
		out = append(out, co)
	}
	return out, nil
}

func monthsBetween(a, b time.Time) int {
	return (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month())
}

// load reads Data back from a snapshot.
func (d *Data) load() error {
	var err error
	d.figures, err = parseFigures(d.Metrics)
	return err
}
