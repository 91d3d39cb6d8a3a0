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

// checkEnded refuses to start the review of a month that has not ended.
func checkEnded(db *workspace.DB, m backend.Month) error {
	loc := db.Location()
	if end := m.End(loc); db.Now().Before(end) {
		return backend.Errorf(backend.Invalid, "%s has not ended yet (it ends on %s): its numbers will still move. Review %s, or start %s early.",
			m.Title(), day(end.Add(-time.Second)), backend.LastComplete(db.Now(), loc).Title(), m.Name())
	}
	return nil
}

// day is "28 Feb 2026".
func day(t time.Time) string { return t.Format("2 Jan 2006") }
