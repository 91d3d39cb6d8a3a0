package figures

import (
	"keel/backend"
	"keel/backend/revenue"
)

// Movement is one customer's share of one kind of MRR movement in a month
// (METRICS.md, Movements). Amount is positive for every kind but fx, which
// is signed; Effect is the signed effect on MRR.
type Movement struct {
	Month      backend.Month `json:"month"`
	CustomerID string        `json:"customer_id"`
	Name       string        `json:"name"`
	Email      string        `json:"email"`
	Kind       revenue.Kind  `json:"kind"`
	Amount     int64         `json:"amount"`
	Plan       string        `json:"plan"` // plan names, as the founder knows them
	From       int64         `json:"from"` // MRR at the end of the month before
	To         int64         `json:"to"`   // MRR at the end of the month
}

// Effect is the movement's signed effect on MRR.
func (m Movement) Effect() int64 { return m.Kind.Effect(m.Amount) }

// movementsOf lists the movements of every month of the series, newest
// month first, each month by kind, then the largest amounts first.
func movementsOf(ser *revenue.Series, names revenue.PlanNames) []Movement {
	out := []Movement{}
	for i := len(ser.Months) - 1; i >= 0; i-- {
		m := ser.Months[i]
		month, err := backend.ParseMonth(m.Month)
		if err != nil {
			continue
		}
		start := len(out)
		for _, mv := range ser.Movements(m.Month, "") {
			out = append(out, Movement{Month: month, CustomerID: mv.CustomerID, Name: mv.Name, Email: mv.Email,
				Kind: mv.Kind, Amount: mv.Amount, Plan: names.Of(mv.Plan), From: mv.From, To: mv.To})
		}
		sortMovements(out[start:])
	}
	return out
}
