package figures

// The figures of the areas that have not landed yet (METRICS.md, Decisions,
// Costs): in the catalogue already, null until their area sets
// its section of Month.

func decisions(get func(*DecisionFigures) *int64) func(*Month) *float64 {
	return func(m *Month) *float64 {
		if m.Decisions == nil {
			return nil
		}
		return num(get(m.Decisions))
	}
}

var laterFields = []*Field{
	&Field{"decisions.decisions_made", "Decisions made", Count, "up", Decisions, "", text("Decisions made (dated) in the month."),
		decisions(func(d *DecisionFigures) *int64 { return d.DecisionsMade })},
	&Field{"decisions.decisions_shipped", "Decisions shipped", Count, "up", Decisions, "",
		text("Decisions linked to a release shipped in the month, or marked done in it."),
		decisions(func(d *DecisionFigures) *int64 { return d.DecisionsShipped })},
	&Field{"decisions.decisions_validated", "Decisions validated", Count, "up", Decisions, "",
		text("Decisions the founder confirmed in the month, on or after their review date."),
		decisions(func(d *DecisionFigures) *int64 { return d.DecisionsValidated })},
	&Field{"decisions.decisions_invalidated", "Decisions invalidated", Count, "", Decisions, "",
		text("Decisions the founder found wrong in the month, on or after their review date."),
		decisions(func(d *DecisionFigures) *int64 { return d.DecisionsInvalidated })},
	&Field{"decisions.decision_days_p50", "Days to validate, median", Count, "down", Decisions, "No decision was validated this month.",
		text("Nearest-rank median of the days from made to validated over the decisions validated in the month."),
		decisions(func(d *DecisionFigures) *int64 { return d.DecisionDaysP50 })},
	&Field{"decisions.decisions_overdue", "Decisions overdue", Count, "down", Decisions, "",
		text("Decisions past their review date and not yet validated, invalidated or abandoned at the end of the month."),
		decisions(func(d *DecisionFigures) *int64 { return d.DecisionsOverdue })},

	&Field{"costs.cost_to_serve", "Cost to serve", Money, "down", Costs, "",
		text("Σ over accounts of each cost driver's usage in the month × its unit cost, rounded half away from zero to the minor unit once per account."),
		func(m *Month) *float64 {
			if m.Costs == nil {
				return nil
			}
			return num(m.Costs.CostToServe)
		}},
	&Field{"costs.margin", "Margin", Ratio, "up", Costs | Billing, "No MRR this month, so there is no margin.",
		text("(MRR − cost to serve) / MRR."),
		func(m *Month) *float64 {
			if m.Costs == nil {
				return nil
			}
			return dec(m.Costs.Margin)
		}},
	&Field{"costs.power_users", "Power users", Count, "", Costs, "",
		text("Accounts whose usage of some cost driver is at least 100 × the median usage of that driver over active accounts with any usage."),
		func(m *Month) *float64 {
			if m.Costs == nil {
				return nil
			}
			return num(m.Costs.PowerUsers)
		}},
}
