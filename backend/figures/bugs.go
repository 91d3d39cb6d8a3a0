package figures

import (
	"context"

	"keel/backend"
	"keel/backend/feedback"
	"keel/backend/releases"
	"keel/backend/workspace"
)

// addBugs sets operations.bugs_per_release (backend/feedback) once the
// workspace has both releases and feedback items; before that it stays
// nil, and the figure's missing text says which is lacking.
func (s *Set) addBugs(ctx context.Context, db *workspace.DB, first, last backend.Month) error {
	if s.Has&(Releases|Feedback) != Releases|Feedback {
		return nil
	}
	bugs, err := feedback.BugsPerRelease(ctx, db, first, last, releases.Windows)
	if err != nil {
		return err
	}
	for i := range s.Months {
		s.Months[i].Operations.BugsPerRelease = bugs[i]
	}
	return nil
}
