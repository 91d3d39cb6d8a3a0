package figures

import (
	"context"

	"keel/backend"
	"keel/backend/accounts"
	"keel/backend/costs"
	"keel/backend/decisions"
	"keel/backend/manual"
	"keel/backend/revenue"
	"keel/backend/workspace"
)

// The sections of the founder's own records: manual work (in the
// operations section), the decision log and the cost model. Each is set
// once the workspace uses the area: an empty log is not tracked, not 0.

// addManual sets the manual work figures of the operations section.
func (s *Set) addManual(db *workspace.DB, first, last backend.Month, active []accounts.ActiveMonth) error {
	loc := db.Location()
	months, err := manual.Count(db, first.Start(loc), last.Start(loc), active)
	if err != nil {
		return err
	}
	for i, m := range months {
		op := &s.Months[i].Operations
		op.ManualInterventions, op.ManualMinutes, op.ManualInterventionsPerAccount = m.Interventions, m.Minutes, m.PerAccount
		if m.Interventions != nil {
			s.Has |= Manual
		}
	}
	return nil
}

// addDecisions sets the decisions section: the log's throughput.
func (s *Set) addDecisions(db *workspace.DB, first, last backend.Month) error {
	sec, err := decisions.Monthly(db, first, last, nil)
	if err != nil || sec == nil {
		return err
	}
	s.Has |= Decisions
	for i := range s.Months {
		s.Months[i].Decisions = sec[i]
	}
	return nil
}

// addCosts sets the costs section: cost to serve, margin, power users.
func (s *Set) addCosts(ctx context.Context, db *workspace.DB, first, last backend.Month) error {
	names, err := revenue.LoadPlanNames(db)
	if err != nil {
		return err
	}
	sec, err := costs.Monthly(ctx, db, first, last, names.Of)
	if err != nil || sec == nil {
		return err
	}
	s.Has |= Costs
	for i := range s.Months {
		s.Months[i].Costs = sec[i]
	}
	return nil
}

// costPlans is the cost and margin of each plan in month m.
func costPlans(ctx context.Context, db *workspace.DB, m backend.Month) ([]costs.PlanCost, error) {
	names, err := revenue.LoadPlanNames(db)
	if err != nil {
		return nil, err
	}
	return costs.PlansOf(ctx, db, m, names.Of)
}
