package app

import "keel/backend/figures"

// FeedbackNumbers is the Numbers tab of the Feedback screen: the month's
// Feedback figures (METRICS.md) as tiles, read from backend/figures like
// `keel metrics`, the review's Feedback step and the report's sheet.
type FeedbackNumbers struct {
	Period
	Missing *Hint  `json:"missing"` // no feedback item in the workspace yet
	Tiles   []Tile `json:"tiles"`
}

var feedbackTiles = figures.MustFields("feedback.feedback_items", "feedback.untriaged", "feedback.strategy_signals",
	"feedback.loops_closed", "operations.bugs_per_release")

// Numbers is the tab for month (YYYY-MM; "" for the last complete month),
// with the 12 months of the trend.
func (f *Feedback) Numbers(month string) (*FeedbackNumbers, error) {
	db, err := f.s.workspace()
	if err != nil {
		return nil, err
	}
	sel, per, err := f.s.pickMonth(db, month)
	if err != nil {
		return nil, err
	}
	s, err := figures.Load(db, trend(sel), sel)
	if err != nil {
		return nil, err
	}
	out := &FeedbackNumbers{Period: per, Tiles: []Tile{}}
	if s.Has&figures.Feedback == 0 {
		out.Missing = figures.NeedFeedback
	}
	for _, fd := range feedbackTiles {
		t, err := figureTile(s, fd)
		if err != nil {
			return nil, err
		}
		out.Tiles = append(out.Tiles, t)
	}
	return out, nil
}
