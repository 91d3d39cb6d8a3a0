package review

import (
	"time"

	"keel/backend"
	"keel/backend/workspace"
)

// Window is the number of months behind each trend: the review month and
// the eleven before it.
const Window = 12

// checkMonth refuses a month that has not started yet.
func checkMonth(db *workspace.DB, m backend.Month) error {
	if m.Start(db.Location()).After(db.Now()) {
		return backend.Errorf(backend.Invalid, "%s has not started yet; review a month that has.", m.Title())
	}
	return nil
}

// day is "28 Feb 2026".
func day(t time.Time) string { return t.Format("2 Jan 2006") }
