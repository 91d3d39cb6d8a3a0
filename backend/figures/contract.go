package figures

import (
	"keel/backend"
	"keel/backend/feedback"
	"keel/backend/product"
	"keel/backend/revenue"
	"keel/backend/support"
)

// Metrics is the `keel metrics --json` object, exactly as METRICS.md
// defines it: the base currency, the switchable rules, and each month's
// sections, in the JSON of the typed sections themselves (no number is
// copied or converted). The sections of areas Keel does not track yet are
// left out until their area sets them.
type Metrics struct {
	BaseCurrency string         `json:"base_currency"`
	Rules        metricsRules   `json:"rules"`
	Months       []metricsMonth `json:"months"`
}

type metricsRules struct {
	ChurnTiming      string   `json:"churn_timing"`
	Discounts        string   `json:"discounts"`
	TimeZone         string   `json:"time_zone"`
	TestMode         string   `json:"test_mode"`
	ActivationDays   int      `json:"activation_days"`
	ActivationEvents []string `json:"activation_events"`
}

type metricsMonth struct {
	Month      backend.Month     `json:"month"`
	Revenue    *revenue.Figures  `json:"revenue"`
	Support    *support.Figures  `json:"support"`
	Product    *product.Figures  `json:"product"`
	Operations *Operations       `json:"operations"`
	Feedback   *feedback.Figures `json:"feedback,omitempty"`
	Decisions  *DecisionFigures  `json:"decisions,omitempty"`
	Costs      *CostFigures      `json:"costs,omitempty"`
}

// Metrics is the set as `keel metrics --json` prints it.
func (s *Set) Metrics() *Metrics {
	r := s.Rules
	out := &Metrics{BaseCurrency: s.BaseCurrency, Rules: metricsRules{ChurnTiming: r.ChurnTiming, Discounts: r.Discounts,
		TimeZone: r.TimeZone, TestMode: r.TestMode, ActivationDays: r.ActivationDays, ActivationEvents: r.ActivationEvents},
		Months: make([]metricsMonth, len(s.Months))}
	for i := range s.Months {
		m := &s.Months[i]
		out.Months[i] = metricsMonth{Month: m.Month, Revenue: &m.Revenue, Support: &m.Support, Product: &m.Product,
			Operations: &m.Operations, Feedback: m.Feedback, Decisions: m.Decisions, Costs: m.Costs}
	}
	return out
}
