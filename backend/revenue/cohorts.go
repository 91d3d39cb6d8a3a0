package revenue

// CohortRule is the revenue retention cohort's definition, for the rules card.
const CohortRule = "Customers are grouped by their first paid month (the first month end with MRR > 0); " +
	"the cell k months later is their MRR at that month end as a share of their MRR at the end of the first month, " +
	"so churn and contraction pull it down and expansion and win-backs can lift it above 100%."

// Cohort is the customers whose first paid month is Month: their first
// month end with MRR > 0 falls in it (they are that month's new customers).
type Cohort struct {
	Month     string `json:"month"`     // YYYY-MM
	Customers int64  `json:"customers"` // in the cohort
	Start     int64  `json:"start"`     // their MRR at the end of Month
	// MRR[k] is the cohort's MRR at the end of Month+k, k = 0 … the
	// series' last month; Paying[k] how many of them have MRR > 0 then.
	MRR    []int64 `json:"mrr"`
	Paying []int64 `json:"paying"`
	// Retained[k] = MRR[k] / Start (Start is never 0: new customers pay).
	Retained []float64 `json:"retained"`
}

// Cohorts is the revenue retention of every month's new customers over the
// months of the series (CohortRule). Customers who first paid before the
// series' first month belong to no cohort, so compute the series from the
// first paid month (FirstPaid) to see them all. Oldest cohort first.
func (s *Series) Cohorts() []Cohort {
	l := s.ledger
	if l == nil {
		return []Cohort{}
	}
	n := len(s.Months)
	// Every change of a customer's MRR is a movement whose To is the new
	// MRR, so the movements replay each customer's month ends exactly.
	type path struct {
		cohort int     // report month of the customer's new movement
		mrr    []int64 // MRR at each month end from the cohort month on
	}
	paths := map[string]*path{}
	var order []string // customers in first-seen order, for a stable sum
	for k := range n {
		for kd, b := range l.moves[k] {
			for _, m := range b {
				id := l.tls[m.tl].customer
				p := paths[id]
				if p == nil {
					if kindOrder[kd] != New {
						continue // first paid before the series: in no cohort
					}
					p = &path{cohort: k, mrr: make([]int64, n-k)}
					paths[id] = p
					order = append(order, id)
				}
				for j := k - p.cohort; j < len(p.mrr); j++ {
					p.mrr[j] = m.c // holds until the next movement overwrites it
				}
			}
		}
	}
	out := make([]Cohort, 0, n)
	byMonth := make([]int, n)
	for k := range n {
		byMonth[k] = -1
	}
	for _, id := range order {
		p := paths[id]
		i := byMonth[p.cohort]
		if i < 0 {
			i = len(out)
			byMonth[p.cohort] = i
			size := n - p.cohort
			out = append(out, Cohort{Month: s.Months[p.cohort].Month, MRR: make([]int64, size), Paying: make([]int64, size)})
		}
		c := &out[i]
		c.Customers++
		for j, v := range p.mrr {
			c.MRR[j] += v
			if v > 0 {
				c.Paying[j]++
			}
		}
	}
	for i := range out {
		c := &out[i]
		c.Start = c.MRR[0]
		c.Retained = make([]float64, len(c.MRR))
		for j, v := range c.MRR {
			if c.Start != 0 {
				c.Retained[j] = float64(v) / float64(c.Start)
			}
		}
	}
	// A cohort is made when its first customer's new movement is read,
	// month by month, so out is in month order.
	return out
}
