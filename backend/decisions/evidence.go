package decisions

import (
	"fmt"

	"keel/backend"
)

// Months compared: the last month complete when the decision was made
// (the month before it) against the last month complete on its review
// date (the month before that date's).
func beforeMonth(d backend.Decision) string { return addMonths(monthOf(d.Made), -1) }
func afterMonth(d backend.Decision) string  { return addMonths(monthOf(d.ReviewOn), -1) }

// propose computes d's figure before and after and what the numbers say:
// validated when the figure moved as expected, else invalidated; no
// proposal when a number is missing. nil when d has no figure.
func propose(d backend.Decision, fig Figures) (*backend.DecisionEvidence, error) {
	if d.Figure == "" {
		return nil, nil
	}
	f, ok := fieldOf(fig.Fields(), d.Figure)
	if !ok {
		return nil, backend.Errorf(backend.Invalid, "Keel has no figure called %q any more; pick another for decision %d.", d.Figure, d.ID)
	}
	ev := &backend.DecisionEvidence{Figure: f.Key, Label: f.Label, Unit: f.Unit, BeforeMonth: beforeMonth(d), AfterMonth: afterMonth(d)}
	vals, err := fig.Values([]string{f.Key}, []string{ev.BeforeMonth, ev.AfterMonth})
	if err != nil {
		return nil, err
	}
	ev.Before, ev.After = vals[f.Key][ev.BeforeMonth], vals[f.Key][ev.AfterMonth]
	cur := fig.Currency()
	// A direction needs both months; a threshold only the month after.
	need := []struct {
		v *float64
		m string
	}{{ev.Before, ev.BeforeMonth}, {ev.After, ev.AfterMonth}}
	if d.Expect == "at_least" || d.Expect == "at_most" {
		need = need[1:]
	}
	for _, n := range need {
		if n.v == nil {
			ev.Reading = fmt.Sprintf("Keel has no %s for %s, so it cannot propose an outcome. %s", f.Label, monthWords(n.m), f.Missing)
			return ev, nil
		}
	}
	from := func() string {
		if ev.Before == nil {
			return ""
		}
		return fmt.Sprintf(" from %s (%s)", show(f.Unit, *ev.Before, cur), monthWords(ev.BeforeMonth))
	}
	moved := fmt.Sprintf("%s went%s to %s (%s)", f.Label, from(), show(f.Unit, *ev.After, cur), monthWords(ev.AfterMonth))
	var held bool
	var want string
	switch d.Expect {
	case "up":
		held, want = *ev.After > *ev.Before, "up"
	case "down":
		held, want = *ev.After < *ev.Before, "down"
	case "at_least":
		held, want = *ev.After >= *d.Threshold, "at least "+show(f.Unit, *d.Threshold, cur)
	case "at_most":
		held, want = *ev.After <= *d.Threshold, "at most "+show(f.Unit, *d.Threshold, cur)
	default:
		ev.Reading = moved + ". No direction was set, so Keel proposes nothing."
		return ev, nil
	}
	if held {
		ev.Proposed = backend.DecisionValidated
		ev.Reading = fmt.Sprintf("%s: %s, as expected.", moved, want)
	} else {
		ev.Proposed = backend.DecisionInvalidated
		ev.Reading = fmt.Sprintf("%s: the decision expected %s.", moved, want)
	}
	return ev, nil
}

// Judge is what the numbers say of d today: its figure before and after
// and the outcome Keel proposes (nil without a figure).
func Judge(d backend.Decision, fig Figures) (*backend.DecisionEvidence, error) {
	return propose(d, fig)
}
