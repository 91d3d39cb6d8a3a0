package pipeline

import (
	"context"
	"time"

	"keel/backend/demo"
	"keel/backend/evidence"
	"keel/backend/figures"
	"keel/backend/workspace"
)

// DemoWords finishes the demo workspace (CreateDemo) with what its founder
// typed into Keel (demo.Seed, the decisions judged by the field catalogue)
// and the usage summary the cost model reads. It lives here, not in demo,
// because the catalogue reads the feedback area, whose history the demo
// package writes.
func DemoWords(now time.Time) func(context.Context, *workspace.DB) error {
	return func(ctx context.Context, db *workspace.DB) error {
		rules, err := figures.ReadRules(db)
		if err != nil {
			return err
		}
		if err := demo.Seed(ctx, db, now, evidence.New(db, rules.BaseCurrency)); err != nil {
			return err
		}
		return db.EnsureUsage(ctx)
	}
}
