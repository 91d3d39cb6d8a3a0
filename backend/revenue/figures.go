package revenue

import (
	"slices"
	"strings"

	"keel/backend"
	"keel/backend/money"
	"keel/backend/workspace"
)

// Figures are one month's Revenue numbers (METRICS.md, Revenue): the
// `revenue` section of `keel metrics --json`. Money is in minor units of
// the base currency; nil means the data behind a field is missing (no
// billing data, no payments) or its denominator is 0, never 0.
type Figures struct {
	MRR                   *int64   `json:"mrr"`
	New                   *int64   `json:"new"`
	Expansion             *int64   `json:"expansion"`
	Contraction           *int64   `json:"contraction"`
	Churn                 *int64   `json:"churn"`
	Reactivation          *int64   `json:"reactivation"`
	FX                    *int64   `json:"fx"`
	ARR                   *int64   `json:"arr"`
	ARPA                  *int64   `json:"arpa"`
	Customers             *int64   `json:"customers"`
	NewCustomers          *int64   `json:"new_customers"`
	ChurnedCustomers      *int64   `json:"churned_customers"`
	ReactivatedCustomers  *int64   `json:"reactivated_customers"`
	LogoChurnRate         *float64 `json:"logo_churn_rate"`
	GrossRevenueChurnRate *float64 `json:"gross_revenue_churn_rate"`
	NetRevenueChurnRate   *float64 `json:"net_revenue_churn_rate"`
	NRR                   *float64 `json:"nrr"`
	QuickRatio            *float64 `json:"quick_ratio"`
	Collected             *int64   `json:"collected"`
	Refunded              *int64   `json:"refunded"`
	Refunds               *int64   `json:"refunds"`
	Disputes              *int64   `json:"disputes"`
	Disputed              *int64   `json:"disputed"`
	FailedPayments        *int64   `json:"failed_payments"`
}

// Monthly computes the Revenue figures of the months first..last: the
// series of the revenue engine (nil fields without billing data) and the
// payments (nil fields without any payment imported). The series is
// returned too, for what is built on the same computation (movements,
// plans, cohorts).
func Monthly(db *workspace.DB, first, last backend.Month) (*Series, []Figures, error) {
	loc := db.Location()
	ser, err := Compute(db, first.Start(loc), last.Start(loc))
	if err != nil {
		return nil, nil, err
	}
	out := make([]Figures, len(ser.Months))
	if ser.HasData {
		for i := range out {
			out[i] = figuresOf(ser.Months[i].Totals)
		}
	}
	pay, err := payments(db, ser.BaseCurrency, first, last, ser.IncludeTest)
	if err != nil {
		return nil, nil, err
	}
	for i, p := range pay {
		f := &out[i]
		f.Collected, f.Refunded, f.Refunds = i64(p.collected), i64(p.refunded), i64(p.refunds)
		f.Disputes, f.Disputed, f.FailedPayments = i64(p.disputes), i64(p.disputed), i64(p.failed)
	}
	return ser, out, nil
}

// figuresOf is the MRR part of a month's figures.
func figuresOf(t Totals) Figures {
	var f Figures
	f.MRR, f.ARR = i64(t.MRR), i64(12*t.MRR)
	f.New, f.Expansion, f.Contraction = i64(t.New), i64(t.Expansion), i64(t.Contraction)
	f.Churn, f.Reactivation, f.FX = i64(t.Churn), i64(t.Reactivation), i64(t.FX)
	f.Customers, f.NewCustomers = i64(t.Customers), i64(t.NewCustomers)
	f.ChurnedCustomers, f.ReactivatedCustomers = i64(t.ChurnedCustomers), i64(t.ReactivatedCustomers)
	if t.Customers > 0 {
		f.ARPA = i64(money.Convert(t.MRR, 0, 1, t.Customers, 0)) // MRR / customers, half away from zero
	}
	f.LogoChurnRate = ratio(float64(t.ChurnedCustomers), float64(t.PrevCustomers))
	prev := float64(t.Prev)
	f.GrossRevenueChurnRate = ratio(float64(t.Churn+t.Contraction), prev)
	f.NetRevenueChurnRate = ratio(float64(t.Churn+t.Contraction-t.Expansion-t.Reactivation), prev)
	f.NRR = ratio(float64(t.Prev+t.Expansion-t.Contraction-t.Churn), prev)
	f.QuickRatio = ratio(float64(t.New+t.Reactivation+t.Expansion), float64(t.Contraction+t.Churn))
	return f
}

// paid is one month's payment money and counts.
type paid struct {
	collected, refunded, refunds, disputes, disputed, failed int64
}

// succeeded reports whether a payment status counts as money collected.
func succeeded(status string) bool { return slices.Contains(workspace.SucceededStatuses, status) }

// payments adds up collected, refunded, refunds, disputes, disputed and
// failed payments per month; nil when no payment is imported.
func payments(db *workspace.DB, base string, first, last backend.Month, includeTest bool) ([]paid, error) {
	has, err := db.HasPayments()
	if err != nil || !has {
		return nil, err
	}
	loc := db.Location()
	rt, err := LoadRates(db, base, loc, includeTest)
	if err != nil {
		return nil, err
	}
	n := last.Since(first) + 1
	out := make([]paid, n)
	index := func(sec int64) int {
		i := backend.MonthOfUnix(sec, loc).Since(first)
		if i < 0 || i >= n {
			return -1
		}
		return i
	}
	loc0 := first.Start(loc).Unix()
	bounds := make([]int64, n+1)
	for i := range bounds {
		bounds[i] = first.Add(i).Start(loc).Unix()
	}
	var convErr error
	err = db.PaymentTotals(bounds, base, includeTest, append([]string{"failed"}, workspace.SucceededStatuses...), func(i int, s workspace.PaymentSum) {
		switch {
		case succeeded(s.Status):
			v, err := rt.value(s, bounds[i])
			if err != nil && convErr == nil {
				convErr = err
			}
			out[i].collected += v
		case s.Status == "failed":
			out[i].failed += s.N
		}
	})
	if err == nil {
		err = convErr
	}
	if err != nil {
		return nil, err
	}
	// Refunds and disputes by their own dates: a few rows, read one by one.
	rows, err := db.PaymentsRefundedOrDisputed(loc0, last.End(loc).Unix(), includeTest)
	if err != nil {
		return nil, err
	}
	for _, p := range rows {
		ownRate := p.ConvertedCurrency == base
		if p.Refunded > 0 {
			// Refund date, else (older exports) the payment's own date.
			at := p.Created
			if p.RefundedAt != nil {
				at = *p.RefundedAt
			}
			if i := index(at); i >= 0 {
				var v int64
				if ownRate && p.ConvertedRefunded != nil {
					v = *p.ConvertedRefunded
				} else if v, err = rt.Convert(p.Refunded, p.Currency, at); err != nil {
					return nil, err
				}
				out[i].refunded += v
				out[i].refunds++
			}
		}
		if p.DisputedAt != nil {
			if i := index(*p.DisputedAt); i >= 0 {
				amt := p.Amount
				if p.DisputedAmount != nil {
					amt = *p.DisputedAmount
				}
				v, err := rt.Convert(amt, p.Currency, *p.DisputedAt)
				if err != nil {
					return nil, err
				}
				out[i].disputes++
				out[i].disputed += v
			}
		}
	}
	return out, nil
}

// Effect is a movement's signed effect on MRR: contraction and churn
// subtract, fx is already signed, the others add.
func (k Kind) Effect(amount int64) int64 {
	if k == Contraction || k == Churn {
		return -amount
	}
	return amount
}

// Of reads a month's total of one kind of movement.
func (t Totals) Of(k Kind) int64 {
	switch k {
	case New:
		return t.New
	case Expansion:
		return t.Expansion
	case Reactivation:
		return t.Reactivation
	case Contraction:
		return t.Contraction
	case Churn:
		return t.Churn
	case FX:
		return t.FX
	}
	return 0
}

// Kinds lists the kinds of movement in the order METRICS.md gives them.
var Kinds = kindOrder[:]

// Label is a kind of movement in words: "New", "FX"; "All movements" for "".
func (k Kind) Label() string {
	switch k {
	case FX:
		return "FX"
	case "":
		return "All movements"
	}
	s := string(k)
	return strings.ToUpper(s[:1]) + s[1:]
}

func i64(n int64) *int64 { return &n }

// ratio is a/b, or nil when b is 0.
func ratio(a, b float64) *float64 {
	if b == 0 {
		return nil
	}
	r := a / b
	return &r
}
