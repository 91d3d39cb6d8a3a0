package manual

import (
	"fmt"
	"math"
	"strconv"
	"time"
)

// Warning says manual work is growing faster than the customers.
type Warning struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Detail string `json:"detail"`
}

// WarningID names the warning where the scaling map lists warnings.
const WarningID = "manual_work"

// Outgrows is the one rule of "manual work growing faster than
// customers": over the three months from M−3 to M, interventions grew by
// a larger share than paying customers did, with at least 5 in M. Both
// counts of M−3 must be above 0. It returns the warning, nil when the
// rule does not fire; from and to name M−3 and M ("2025-11").
func Outgrows(interventions0, interventions3, customers0, customers3 float64, from, to string) *Warning {
	if interventions0 <= 0 || customers0 <= 0 || interventions3 < 5 {
		return nil
	}
	gm, gc := interventions3/interventions0-1, customers3/customers0-1
	if gm <= gc {
		return nil
	}
	return &Warning{ID: WarningID, Title: "Manual work is growing faster than customers",
		Detail: fmt.Sprintf("Manual interventions grew %s from %s to %s (%s → %s) while paying customers grew %s (%s → %s): hidden labour is scaling with each customer.",
			signed(gm), short(from), short(to), count(interventions0), count(interventions3), signed(gc), count(customers0), count(customers3))}
}

// Outgrowing applies Outgrows to the last four of months.
func Outgrowing(months []Month) *Warning {
	if len(months) < 4 {
		return nil
	}
	a, b := months[len(months)-4], months[len(months)-1]
	if a.Interventions == nil || b.Interventions == nil || a.Paying == nil || b.Paying == nil {
		return nil
	}
	return Outgrows(float64(*a.Interventions), float64(*b.Interventions), float64(*a.Paying), float64(*b.Paying), a.Month, b.Month)
}

// signed is a growth as a signed percentage: "+62.5 %", "−3.0 %".
func signed(x float64) string {
	r := math.Round(x*1000) / 10
	if r < 0 {
		return "−" + strconv.FormatFloat(-r, 'f', 1, 64) + " %"
	}
	return "+" + strconv.FormatFloat(r, 'f', 1, 64) + " %"
}

func count(x float64) string { return strconv.FormatFloat(math.Round(x), 'f', 0, 64) }

func short(month string) string {
	t, err := time.Parse("2006-01", month)
	if err != nil {
		return month
	}
	return t.Format("Jan 2006")
}
