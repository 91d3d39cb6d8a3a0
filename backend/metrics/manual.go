package metrics

import (
	"context"
	"time"

	"keel/backend/manual"
	"keel/backend/workspace"
)

// fillManual sets the manual work figures (METRICS.md, Operations): null
// until the manual work log is in use.
func fillManual(db *workspace.DB, rep *Report, first, last time.Time) error {
	months, err := manual.Months(context.Background(), db, first, last)
	if err != nil {
		return err
	}
	for i, m := range months {
		op := &rep.Months[i].Operations
		op.ManualInterventions, op.ManualMinutes, op.ManualInterventionsPerAccount = m.Interventions, m.Minutes, m.PerAccount
	}
	return nil
}
