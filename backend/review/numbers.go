package review

import "keel/backend/figures"

// number builds the Number of figure f for the review month (the last of
// s).
func number(s *figures.Set, f *figures.Field) Number {
	last := len(s.Months) - 1
	c := s.Change(f, last)
	n := Number{Key: f.Key, Label: f.Label, Unit: f.Unit, Better: f.Better, Trend: s.Series(f),
		Value: c.Value, Prev: c.Prev, Delta: c.Delta, Change: c.Rel}
	if n.Value == nil {
		n.Missing = s.Missing(f)
	}
	return n
}

// numbers builds the Numbers of fields.
func numbers(s *figures.Set, fs []*figures.Field) []Number {
	out := make([]Number, 0, len(fs))
	for _, f := range fs {
		out = append(out, number(s, f))
	}
	return out
}

// The figures of each step.
var (
	revenueFields = figures.MustFields("revenue.mrr", "revenue.arr", "revenue.customers", "revenue.arpa",
		"revenue.new", "revenue.expansion", "revenue.reactivation", "revenue.contraction", "revenue.churn", "revenue.fx",
		"revenue.new_customers", "revenue.churned_customers", "revenue.reactivated_customers",
		"revenue.logo_churn_rate", "revenue.gross_revenue_churn_rate", "revenue.net_revenue_churn_rate", "revenue.nrr", "revenue.quick_ratio",
		"revenue.collected", "revenue.refunded", "revenue.refunds", "revenue.failed_payments", "revenue.disputes", "revenue.disputed")
	// salesFields are the revenue step's figures in a workspace of
	// payments without MRR (one-off sales, payments alone).
	salesFields = figures.MustFields("revenue.collected", "sales.orders", "sales.buyers", "sales.new_buyers", "sales.repeat_buyers",
		"revenue.refunded", "revenue.refunds", "revenue.failed_payments", "revenue.disputes", "revenue.disputed")
	usersFields      = figures.MustFields("product.signups", "product.activation_rate", "support.active_accounts", "revenue.logo_churn_rate")
	operationsFields = figures.MustFields("support.tickets", "support.solved", "support.tickets_per_active_account",
		"support.first_reply_minutes_p50", "support.first_reply_minutes_p90",
		"support.resolution_minutes_p50", "support.resolution_minutes_p90", "support.satisfaction",
		"operations.manual_interventions", "operations.manual_minutes", "operations.manual_interventions_per_account")
	releasesFields = figures.MustFields("operations.releases", "operations.rollbacks", "operations.hotfixes", "operations.bugs_per_release")
	feedbackFields = figures.MustFields("feedback.feedback_items", "feedback.untriaged", "feedback.strategy_signals", "feedback.loops_closed")
	// The decision throughput of the month (METRICS.md, Decisions).
	decisionsFields = figures.MustFields("decisions.decisions_made", "decisions.decisions_shipped", "decisions.decisions_validated",
		"decisions.decisions_invalidated", "decisions.decision_days_p50", "decisions.decisions_overdue")
)

// onlySales reports a workspace with payments but no MRR.
func onlySales(s *figures.Set) bool { return s.Has&figures.Billing == 0 && s.Has&figures.Payments != 0 }

// revenueOf is the revenue step's figures: MRR and its movements, or what
// payments alone support.
func revenueOf(s *figures.Set) []*figures.Field {
	if onlySales(s) {
		return salesFields
	}
	return revenueFields
}

// at returns figure key i months before the review month (0 = the review
// month), and whether it is there.
func at(s *figures.Set, key string, back int) (float64, bool) {
	v := s.Value(field(key), len(s.Months)-1-back)
	if v == nil {
		return 0, false
	}
	return *v, true
}

// field is the catalogue's field of key; a key it does not know is a
// mistake in Keel's code.
func field(key string) *figures.Field { return figures.MustFields(key)[0] }
