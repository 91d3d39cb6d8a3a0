package review

import (
	"keel/backend"
	"keel/backend/decisions"
	"keel/backend/evidence"
	"keel/backend/workspace"
)

// dueDecisions are the log's open decisions whose review date falls by
// the end of the month after m (when m's review is held).
func dueDecisions(db *workspace.DB, m backend.Month, cur string) ([]decisions.Entry, error) {
	l := decisions.New(db, evidence.New(db, cur), nil)
	return l.DueBy(m.Add(2).Start(db.Location()).AddDate(0, 0, -1).Format("2006-01-02"))
}
