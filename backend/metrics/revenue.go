package metrics

import (
	"time"

	"keel/backend/money"
	"keel/backend/revenue"
	"keel/backend/workspace"
)

// fillRevenue sets the MRR fields from the revenue engine. Without
// subscriptions, invoices or recurring payments they stay null.
func fillRevenue(db *workspace.DB, rep *Report, first, last time.Time) (*revenue.Series, error) {
	ser, err := revenue.Compute(db, first, last)
	if err != nil {
		return nil, err
	}
	if !ser.HasData {
		return nil, nil
	}
	for i := range rep.Months {
		fillMonth(&rep.Months[i].Revenue, ser.Months[i].Totals)
	}
	return ser, nil
}

func fillMonth(rv *Revenue, t revenue.Totals) {
	rv.MRR, rv.ARR = i64(t.MRR), i64(12*t.MRR)
	rv.New, rv.Expansion, rv.Contraction = i64(t.New), i64(t.Expansion), i64(t.Contraction)
	rv.Churn, rv.Reactivation, rv.FX = i64(t.Churn), i64(t.Reactivation), i64(t.FX)
	rv.Customers, rv.NewCustomers = i64(t.Customers), i64(t.NewCustomers)
	rv.ChurnedCustomers, rv.ReactivatedCustomers = i64(t.ChurnedCustomers), i64(t.ReactivatedCustomers)
	if t.Customers > 0 {
		rv.ARPA = i64(money.Convert(t.MRR, 0, 1, t.Customers, 0)) // MRR / customers, half away from zero
	}
	rv.LogoChurnRate = ratio(float64(t.ChurnedCustomers), float64(t.PrevCustomers))
	prev := float64(t.Prev)
	rv.GrossRevenueChurnRate = ratio(float64(t.Churn+t.Contraction), prev)
	rv.NetRevenueChurnRate = ratio(float64(t.Churn+t.Contraction-t.Expansion-t.Reactivation), prev)
	rv.NRR = ratio(float64(t.Prev+t.Expansion-t.Contraction-t.Churn), prev)
	rv.QuickRatio = ratio(float64(t.New+t.Reactivation+t.Expansion), float64(t.Contraction+t.Churn))
}

// ratio is a/b, or nil (JSON null) when b is 0.
func ratio(a, b float64) *float64 {
	if b == 0 {
		return nil
	}
	return f64(a / b)
}
