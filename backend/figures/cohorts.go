package figures

import (
	"context"

	"keel/backend"
	"keel/backend/product"
	"keel/backend/revenue"
	"keel/backend/workspace"
)

// Cohort is the customers whose first paid month was Month (their new
// movement), followed month by month up to the last month of the set; for
// a usage cohort, the signups first seen in Month and how many of them
// used the product each month after.
type Cohort struct {
	Month     backend.Month `json:"month"`
	Customers int64         `json:"customers"`
	MRR       int64         `json:"mrr"` // their MRR at the end of their first month
	// Paying[k] is how many of them had MRR > 0 (for a usage cohort: an
	// event) in the k-th month after (Paying[0] = Customers); Retained[k]
	// is their MRR then.
	Paying   []int64 `json:"paying"`
	Retained []int64 `json:"retained_mrr"`
}

// cohortsOf is the revenue engine's cohorts (revenue.CohortRule), one per
// month of the series, a month without new customers as an empty cohort.
func cohortsOf(ser *revenue.Series) []Cohort {
	n := len(ser.Months)
	out := make([]Cohort, n)
	for i, m := range ser.Months {
		out[i].Month, _ = backend.ParseMonth(m.Month)
	}
	for _, c := range ser.Cohorts() {
		m, err := backend.ParseMonth(c.Month)
		if err != nil {
			continue
		}
		i := m.Since(out[0].Month)
		if i < 0 || i >= n {
			continue
		}
		out[i].Customers, out[i].MRR = c.Customers, c.Start
		out[i].Paying, out[i].Retained = c.Paying, c.MRR
	}
	return out
}

// usageCohorts are the product retention cohorts that started in the
// months first..last, followed up to the end of last.
func usageCohorts(ctx context.Context, db *workspace.DB, first, last backend.Month) ([]Cohort, error) {
	loc := db.Location()
	ret, err := product.Cohorts(ctx, db, product.CohortOptions{From: first.Start(loc), To: last.Start(loc)})
	if err != nil {
		return nil, err
	}
	out := []Cohort{}
	for _, c := range ret.Cohorts {
		start := backend.MonthOf(c.Start, loc)
		k := last.Since(start) + 1 // periods up to the last month
		if k <= 0 {
			continue
		}
		out = append(out, Cohort{Month: start, Customers: c.Size, Paying: append([]int64(nil), c.Retained[:min(k, len(c.Retained))]...)})
	}
	return out, nil
}
