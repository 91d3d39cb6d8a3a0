package review

import "math"

// number builds the Number of key for the review month (the last of f).
func number(f *Figures, key string) Number {
	fd := FieldOf(key)
	last := f.Len() - 1
	n := Number{Key: key, Label: fd.Label, Unit: fd.Unit, Better: fd.Better, Trend: f.Series(key)}
	n.Value, n.Prev = f.Value(key, last), f.Value(key, last-1)
	if n.Value == nil {
		n.Missing = fd.Missing
	}
	n.Delta, n.Change = change(n.Value, n.Prev, n.Unit)
	return n
}

// change is v − p and, for all but ratios, (v − p) / |p|.
func change(v, p *float64, u Unit) (delta, rel *float64) {
	if v == nil || p == nil {
		return nil, nil
	}
	d := *v - *p
	delta = &d
	if u != Ratio && *p != 0 {
		r := d / math.Abs(*p)
		rel = &r
	}
	return delta, rel
}

// numbers builds the Numbers of keys.
func numbers(f *Figures, keys ...string) []Number {
	out := make([]Number, 0, len(keys))
	for _, k := range keys {
		out = append(out, number(f, k))
	}
	return out
}

// Number keys of each step.
var (
	revenueKeys = []string{"revenue.mrr", "revenue.arr", "revenue.customers", "revenue.arpa",
		"revenue.new", "revenue.expansion", "revenue.reactivation", "revenue.contraction", "revenue.churn", "revenue.fx",
		"revenue.new_customers", "revenue.churned_customers", "revenue.reactivated_customers",
		"revenue.logo_churn_rate", "revenue.gross_revenue_churn_rate", "revenue.net_revenue_churn_rate", "revenue.nrr", "revenue.quick_ratio",
		"revenue.collected", "revenue.refunded", "revenue.refunds", "revenue.failed_payments", "revenue.disputes", "revenue.disputed"}
	usersKeys      = []string{"product.signups", "product.activation_rate", "support.active_accounts", "revenue.logo_churn_rate"}
	operationsKeys = []string{"support.tickets", "support.solved", "support.tickets_per_active_account",
		"support.first_reply_minutes_p50", "support.first_reply_minutes_p90",
		"support.resolution_minutes_p50", "support.resolution_minutes_p90", "support.satisfaction",
		"operations.manual_interventions", "operations.manual_minutes", "operations.manual_interventions_per_account"}
	releasesKeys = []string{"operations.releases", "operations.rollbacks", "operations.hotfixes", "operations.bugs_per_release"}
)

// at returns the value of a figure i months before the review month
// (0 = the review month), and whether it is there.
func at(f *Figures, key string, back int) (float64, bool) {
	v := f.Value(key, f.Len()-1-back)
	if v == nil {
		return 0, false
	}
	return *v, true
}
