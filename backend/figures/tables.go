package figures

import (
	"context"

	"keel/backend/feedback"
	"keel/backend/support"
	"keel/backend/workspace"
)

// Tables are the records behind the last month's figures that the report
// lists: its tickets, how they split, and the analytics events of each
// month. A frozen review keeps them with its figures, so that its report
// never reads tables imported into since.
type Tables struct {
	Tickets []workspace.TicketRow `json:"tickets"` // created in the last month, oldest first
	Splits  support.Splits        `json:"splits"`
	// Events are each month's people seen and events (oldest first);
	// TopEvents the last month's most frequent events. Nil until
	// LoadEvents: counting a large workspace's events takes a while, and
	// only the report (and so a freeze) lists them.
	Events    []workspace.EventCount `json:"events"`
	TopEvents []workspace.EventName  `json:"top_events"`
}

// TopEvents is how many event names the report lists.
const TopEvents = 20

func loadTables(db *workspace.DB, months []Month) (*Tables, error) {
	loc := db.Location()
	last := months[len(months)-1].Month
	t := &Tables{}
	var err error
	if t.Tickets, err = db.TicketsCreated(last.Start(loc).Unix(), last.End(loc).Unix()); err != nil {
		return nil, err
	}
	t.Splits = support.SplitsOf(t.Tickets)
	return t, nil
}

// LoadEvents adds each month's analytics events to the set's Tables (the
// tables of LoadReview), once.
func (s *Set) LoadEvents(db *workspace.DB) error {
	t := s.Tables
	if t == nil || t.Events != nil {
		return nil
	}
	loc := db.Location()
	events := make([]workspace.EventCount, 0, len(s.Months))
	for _, m := range s.Months {
		c, err := db.EventsIn(m.Month.Start(loc).Unix(), m.Month.End(loc).Unix())
		if err != nil {
			return err
		}
		events = append(events, c)
	}
	last := s.Last().Month
	top, err := db.TopEvents(last.Start(loc).Unix(), last.End(loc).Unix(), TopEvents)
	if err != nil {
		return err
	}
	t.Events, t.TopEvents = events, top
	return nil
}

// LoadFeedback adds the last month's feedback digest (feedback.MonthDigest;
// full adds its quotes), once, when the workspace has feedback items.
func (s *Set) LoadFeedback(db *workspace.DB, full bool) error {
	if s.Has&Feedback == 0 || s.Feedback != nil && (!full || s.Feedback.Full) {
		return nil
	}
	d, err := feedback.MonthDigest(context.Background(), db, s.Last().Month, full)
	if err != nil {
		return err
	}
	s.Feedback = d
	return nil
}
