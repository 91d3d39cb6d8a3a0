// Package revenue is Keel's revenue engine (METRICS.md, Revenue): it
// rebuilds every subscription's MRR over time from the invoices, the
// subscriptions export or a customer's recurring payments, values each
// customer's MRR at every month end in the base currency, and splits each
// month's change into new, reactivation, expansion, contraction, churn and
// fx so that MRR(M) = MRR(M−1) + new + reactivation + expansion −
// contraction − churn + fx holds exactly in minor units.
//
// The one entry point is Compute; the Revenue screen and `keel metrics`
// both read its Series: monthly totals and plan mix, every subscription's
// MRR timeline, and (Series.Movements) the customers behind each movement.
package revenue

import "time"

// Source says which export set a subscription's MRR.
type Source string

const (
	FromInvoices      Source = "invoices"
	FromSubscriptions Source = "subscriptions"
	FromPayments      Source = "payments"
)

// Kind is the kind of a customer's movement in a month.
type Kind string

const (
	New          Kind = "new"
	Reactivation Kind = "reactivation"
	Expansion    Kind = "expansion"
	Contraction  Kind = "contraction"
	Churn        Kind = "churn"
	FX           Kind = "fx"
)

// Series is the revenue of the months from..to. Money is in minor units of
// BaseCurrency unless a field says native.
type Series struct {
	BaseCurrency string `json:"base_currency"`
	ChurnTiming  string `json:"churn_timing"` // period_end | cancellation
	Discounts    string `json:"discounts"`    // net | list
	IncludeTest  bool   `json:"include_test"`
	// HasData is false when the workspace has no subscriptions, invoices
	// or recurring payments: every number would be a meaningless 0.
	HasData       bool           `json:"has_data"`
	Months        []Month        `json:"months"`
	Subscriptions []Subscription `json:"subscriptions"` // by customer, then start
	ledger        *ledger        // see Movements
}

// Month is one calendar month in the workspace time zone.
type Month struct {
	Month string    `json:"month"` // YYYY-MM
	Start time.Time `json:"start"`
	Totals
	Plans []PlanMRR `json:"plans"` // plan mix at the end of the month, largest first
	// The customers behind each movement: Series.Movements.
}

// Totals are a month's revenue numbers. Contraction and Churn are positive
// amounts that the identity subtracts; FX is signed.
type Totals struct {
	MRR          int64 `json:"mrr"`  // at the end of the month
	Prev         int64 `json:"prev"` // MRR at the end of the month before
	New          int64 `json:"new"`
	Reactivation int64 `json:"reactivation"`
	Expansion    int64 `json:"expansion"`
	Contraction  int64 `json:"contraction"`
	Churn        int64 `json:"churn"`
	FX           int64 `json:"fx"`

	Customers            int64 `json:"customers"`      // with MRR > 0 at the end of the month
	PrevCustomers        int64 `json:"prev_customers"` // the same at the end of the month before
	NewCustomers         int64 `json:"new_customers"`
	ReactivatedCustomers int64 `json:"reactivated_customers"`
	ExpandedCustomers    int64 `json:"expanded_customers"`
	ContractedCustomers  int64 `json:"contracted_customers"`
	ChurnedCustomers     int64 `json:"churned_customers"`
}

// Movement is one customer's share of one kind of movement in a month.
type Movement struct {
	CustomerID string `json:"customer_id"`
	Name       string `json:"name"`  // from the customers export, when known
	Email      string `json:"email"` // likewise, else from the subscription
	Kind       Kind   `json:"kind"`
	// Amount is positive for every kind but fx, which is signed.
	Amount int64 `json:"amount"`
	// Plan names the plans whose MRR changed (for fx: the plans held).
	Plan string `json:"plan"`
	// From and To are the customer's MRR at the two month ends.
	From int64 `json:"from"`
	To   int64 `json:"to"`
}

// PlanMRR is the MRR of one plan at a month end. Each plan's native
// amounts are converted per currency, so in a multi-currency workspace the
// plans can add up to a few minor units more or less than MRR.
type PlanMRR struct {
	Plan          string `json:"plan"`
	MRR           int64  `json:"mrr"`
	Subscriptions int64  `json:"subscriptions"` // with MRR > 0
}

// Subscription is one subscription's MRR timeline.
type Subscription struct {
	ID            string `json:"id"`
	CustomerID    string `json:"customer_id"`
	Plan          string `json:"plan"`
	Currency      string `json:"currency"`
	Status        string `json:"status"` // as exported; "" when only invoices or payments know it
	Interval      string `json:"interval"`
	IntervalCount int64  `json:"interval_count"`
	Source        Source `json:"source"`
	// Steps is the MRR as a step function: each step holds from its From
	// until the next step's From. The last step is 0 from the end on.
	Steps []Step `json:"steps"`
}

// Step is one constant stretch of a subscription's MRR.
type Step struct {
	From time.Time `json:"from"`
	MRR  int64     `json:"mrr"` // native minor units of the subscription's currency
	// Why: "invoice", "subscription" or "payments" (the source set it),
	// "trial", "end", or "status <status>" for a status that never counts.
	Why string `json:"why"`
	// Invoice is the invoice that set this MRR (source invoices), and
	// Invoices how many invoices billed it without changing it.
	Invoice  string `json:"invoice,omitempty"`
	Invoices int    `json:"invoices,omitempty"`
}

// Customer returns the timelines of one customer.
func (s *Series) Customer(id string) []Subscription {
	var out []Subscription
	for _, sub := range s.Subscriptions {
		if sub.CustomerID == id {
			out = append(out, sub)
		}
	}
	return out
}
