package figures

import "keel/backend/feedback"

// The Feedback figures (METRICS.md, Feedback), computed by backend/feedback.

func feedbackFigure(get func(*feedback.Figures) *int64) func(*Month) *float64 {
	return func(m *Month) *float64 {
		if m.Feedback == nil {
			return nil
		}
		return num(get(m.Feedback))
	}
}

var feedbackFields = []*Field{
	&Field{"feedback.feedback_items", "Feedback items", Count, "", Feedback, "",
		text("Items (tickets, typed notes, feedback-board rows) created in the month."),
		feedbackFigure(func(f *feedback.Figures) *int64 { return f.FeedbackItems })},
	&Field{"feedback.untriaged", "Untriaged", Count, "down", Feedback, "", text("Items without a type at the end of the month."),
		feedbackFigure(func(f *feedback.Figures) *int64 { return f.Untriaged })},
	&Field{"feedback.strategy_signals", "Strategy signals", Count, "", Feedback, "", text("Items of type strategy signal created in the month."),
		feedbackFigure(func(f *feedback.Figures) *int64 { return f.StrategySignals })},
	&Field{"feedback.loops_closed", "Loops closed", Count, "up", Feedback, "", text("People marked told in the month."),
		feedbackFigure(func(f *feedback.Figures) *int64 { return f.LoopsClosed })},
}
