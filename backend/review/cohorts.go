package review

import "keel/backend/revenue"

// Cohort is the customers whose first paid month was Month (their "new"
// movement), followed month by month up to the review month.
type Cohort struct {
	Month     string `json:"month"`
	Customers int64  `json:"customers"`
	MRR       int64  `json:"mrr"` // their MRR at the end of their first month
	// Paying[k] is how many of them had MRR > 0 at the end of the k-th
	// month after (Paying[0] = Customers); Retained[k] is their MRR then.
	Paying   []int64 `json:"paying"`
	Retained []int64 `json:"retained_mrr"`
}

// cohorts follows the customers who were new in each month of the series
// by replaying every customer's movements: a customer's MRR changes only
// in the months it has a movement.
func cohorts(ser *revenue.Series) []Cohort {
	n := len(ser.Months)
	out := make([]Cohort, n)
	cohortOf := map[string]int{}
	mrr := map[string]int64{}
	for i, m := range ser.Months {
		out[i] = Cohort{Month: m.Month}
		for _, mv := range ser.Movements(m.Month, "") {
			if mv.Kind == revenue.New {
				cohortOf[mv.CustomerID] = i
			}
			if _, ok := cohortOf[mv.CustomerID]; ok {
				mrr[mv.CustomerID] = mv.To
			}
		}
		for id, c := range cohortOf {
			k := i - c
			co := &out[c]
			for len(co.Paying) <= k {
				co.Paying = append(co.Paying, 0)
				co.Retained = append(co.Retained, 0)
			}
			if v := mrr[id]; v > 0 {
				co.Paying[k]++
				co.Retained[k] += v
			}
		}
	}
	for i := range out {
		if len(out[i].Paying) > 0 {
			out[i].Customers, out[i].MRR = out[i].Paying[0], out[i].Retained[0]
		}
	}
	return out
}
