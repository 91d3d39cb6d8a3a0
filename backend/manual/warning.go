package manual

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Warning says manual work is growing faster than the customers.
type Warning struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Detail string `json:"detail"`
}

// WarningID names the warning where the scaling map lists warnings.
const WarningID = "manual_outgrows_customers"

// Outgrowing fires when, over the three months ending with the last of
// months, interventions per active account rose every month (so
// interventions grew faster than the customers) and the month had more
// interventions than three months before. nil otherwise, or when a
// number is missing.
func Outgrowing(months []Month) *Warning {
	if len(months) < 4 {
		return nil
	}
	w := months[len(months)-4:]
	for i, m := range w {
		if m.PerAccount == nil || m.Interventions == nil || m.Active == nil {
			return nil
		}
		if i > 0 && *m.PerAccount <= *w[i-1].PerAccount {
			return nil
		}
	}
	if *w[3].Interventions <= *w[0].Interventions {
		return nil
	}
	var steps []string
	for _, m := range w {
		steps = append(steps, strconv.FormatFloat(*m.PerAccount, 'f', 2, 64))
	}
	return &Warning{
		ID:    WarningID,
		Title: "Manual work is growing faster than customers",
		Detail: fmt.Sprintf("Interventions per active account rose three months running: %s (%s to %s); %d → %d interventions while active accounts went %d → %d. You may be scaling hidden labor.",
			strings.Join(steps, " → "), short(w[0].Month), short(w[3].Month), *w[0].Interventions, *w[3].Interventions, *w[0].Active, *w[3].Active),
	}
}

func short(month string) string {
	t, err := time.Parse("2006-01", month)
	if err != nil {
		return month
	}
	return t.Format("Jan 2006")
}
