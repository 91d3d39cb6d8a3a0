package figures

import (
	"keel/backend"
	"keel/backend/releases"
	"keel/backend/workspace"
)

// addReleases sets the release figures of the operations section and each
// month's release log (the releases that went out, those rolled back, the
// flags at the month's end), from backend/releases.
func (s *Set) addReleases(db *workspace.DB, first, last backend.Month) error {
	ms, has, err := releases.Monthly(db, first, last)
	if err != nil {
		return err
	}
	if has {
		s.Has |= Releases
	}
	for i := range s.Months {
		m, r := &s.Months[i], &ms[i]
		op := &m.Operations
		op.Releases, op.Rollbacks, op.Hotfixes, op.BugsPerRelease = r.Releases, r.Rollbacks, r.Hotfixes, r.BugsPerRelease
		if has || r.Flags != nil {
			log := *r
			log.Figures = releases.Figures{} // the figures are the operations section's
			m.ReleaseLog = &log
		}
	}
	return nil
}
