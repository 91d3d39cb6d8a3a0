package figures

import (
	"keel/backend"
	"keel/backend/revenue"
	"keel/backend/workspace"
)

// Customer is one customer's revenue history through a month: their MRR
// at each month end from their first paid month (a year at least), their
// movements, and each subscription's MRR timeline with the invoices that
// set it.
type Customer struct {
	ID, Name, Email string
	Currency        string        // the base currency: MRR and movements
	Through         backend.Month // the last month of the history
	FirstPaid       backend.Month
	// Months and MRR are the customer's MRR at each month end, oldest
	// first; the last is their MRR at the end of Through.
	Months        []backend.Month
	MRR           []int64
	Moves         []Movement // newest first, plans named
	Subscriptions []Subscription
	Invoices      map[string]revenue.Invoice // by id: the invoices behind the steps
}

// Subscription is a subscription's MRR timeline with its plan named.
type Subscription struct {
	revenue.Subscription
	PlanName string
}

// historyMonths is the shortest history shown, so that the chart has a
// shape.
const historyMonths = 12

// CustomerHistory is customer id's revenue history through month
// through.
func CustomerHistory(db *workspace.DB, id string, through backend.Month) (*Customer, error) {
	loc := db.Location()
	probe, err := revenue.Compute(db, through.Start(loc), through.Start(loc))
	if err != nil {
		return nil, err
	}
	subs := probe.Customer(id)
	if len(subs) == 0 {
		return nil, backend.Errorf(backend.NotFound, "Keel has no subscriptions, invoices or recurring payments for customer %s.", id)
	}
	first := through
	for _, s := range subs {
		for _, st := range s.Steps {
			if st.MRR > 0 {
				first = min(first, backend.MonthOf(st.From, loc))
				break
			}
		}
	}
	from := min(first, through.Add(1-historyMonths))
	ser, err := revenue.Compute(db, from.Start(loc), through.Start(loc))
	if err != nil {
		return nil, err
	}
	names, err := revenue.LoadPlanNames(db)
	if err != nil {
		return nil, err
	}
	c := &Customer{ID: id, Currency: ser.BaseCurrency, Through: through, FirstPaid: first, Moves: []Movement{},
		Subscriptions: []Subscription{}}
	c.Name, c.Email = ser.Who(id)
	// A customer's MRR changes only with a movement: replaying them gives
	// their MRR at every month end.
	moves := ser.CustomerMoves(id)
	var cur int64
	j := 0
	for i := range ser.Months {
		m := from.Add(i)
		for j < len(moves) && moves[j].Month == m.String() {
			cur = moves[j].To
			j++
		}
		c.Months, c.MRR = append(c.Months, m), append(c.MRR, cur)
	}
	for i := len(moves) - 1; i >= 0; i-- {
		mv := moves[i]
		m, err := backend.ParseMonth(mv.Month)
		if err != nil {
			return nil, backend.Errorf(backend.Internal, "read the movements: %v", err)
		}
		c.Moves = append(c.Moves, Movement{Month: m, CustomerID: id, Name: c.Name, Email: c.Email, Kind: mv.Kind,
			Amount: mv.Amount, Plan: names.Of(mv.Plan), From: mv.From, To: mv.To})
	}
	var ids []string
	for _, s := range subs {
		c.Subscriptions = append(c.Subscriptions, Subscription{Subscription: s, PlanName: names.Of(s.Plan)})
		for _, st := range s.Steps {
			if st.Invoice != "" {
				ids = append(ids, st.Invoice)
			}
		}
	}
	if c.Invoices, err = revenue.Invoices(db, ids); err != nil {
		return nil, err
	}
	return c, nil
}

// Now is the customer's MRR at the end of the history's last month.
func (c *Customer) Now() int64 {
	if len(c.MRR) == 0 {
		return 0
	}
	return c.MRR[len(c.MRR)-1]
}

// RevenueCohorts are the revenue cohorts of every month from the first
// paid one to last (revenue.CohortRule), and the base currency; none
// without billing data.
func RevenueCohorts(db *workspace.DB, last backend.Month) (string, []revenue.Cohort, error) {
	loc := db.Location()
	probe, err := revenue.Compute(db, last.Start(loc), last.Start(loc))
	if err != nil {
		return "", nil, err
	}
	first, ok := probe.FirstPaid(loc)
	if !ok {
		return probe.BaseCurrency, []revenue.Cohort{}, nil
	}
	from := min(backend.MonthOf(first, loc), last)
	ser, err := revenue.Compute(db, from.Start(loc), last.Start(loc))
	if err != nil {
		return "", nil, err
	}
	return ser.BaseCurrency, ser.Cohorts(), nil
}
