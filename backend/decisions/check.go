package decisions

import (
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"keel/backend"
)

// Kinds are the kinds of decision, in the order they are shown.
var Kinds = []string{"keep", "change", "fix", "stop"}

// Expectations: the figure goes up or down against the month before the
// decision, or ends at least / at most a threshold.
var Expectations = []string{"up", "down", "at_least", "at_most"}

var origins = []string{backend.OriginDirect, backend.OriginReview, backend.OriginFeedback, backend.OriginRelease}

// maxText caps what the founder types into one field.
const maxText = 10000

func cleanText(what, s string, required bool) (string, error) {
	s = strings.TrimSpace(s)
	if required && s == "" {
		return "", backend.Errorf(backend.Invalid, "The %s is empty; write it in a few words.", what)
	}
	if utf8.RuneCountInString(s) > maxText {
		return "", backend.Errorf(backend.Invalid, "The %s is longer than %d characters; keep it short.", what, maxText)
	}
	return s, nil
}

// check validates and tidies the founder's words of a decision: kind,
// what, why, owner, the date made, how we will know and the review date.
func check(d backend.Decision, fields []Field, today string) (backend.Decision, error) {
	d.Kind = strings.ToLower(strings.TrimSpace(d.Kind))
	if !slices.Contains(Kinds, d.Kind) {
		return d, backend.Errorf(backend.Invalid, "A decision is keep, change, fix or stop, not %q.", d.Kind)
	}
	var err error
	if d.What, err = cleanText("decision", d.What, true); err != nil {
		return d, err
	}
	if d.Why, err = cleanText("reason", d.Why, false); err != nil {
		return d, err
	}
	if d.Owner, err = cleanText("owner", d.Owner, false); err != nil {
		return d, err
	}
	if d.Owner == "" {
		return d, backend.Errorf(backend.Invalid, "Every decision needs an owner: who will see it through?")
	}
	d.Made, d.ReviewOn = strings.TrimSpace(d.Made), strings.TrimSpace(d.ReviewOn)
	if _, err := parseDate("date made", d.Made); err != nil {
		return d, err
	}
	if d.Made > today {
		return d, backend.Errorf(backend.Invalid, "A decision is made on or before today (%s), not on %s.", dayWords(today), dayWords(d.Made))
	}
	if _, err := parseDate("review date", d.ReviewOn); err != nil {
		return d, err
	}
	if monthOf(d.ReviewOn) <= monthOf(d.Made) {
		return d, backend.Errorf(backend.Invalid,
			"Pick a review date after %s: the figure is compared month against month, so at least one whole month must end between the decision and its review.",
			monthWords(monthOf(d.Made)))
	}
	if d.Origin == "" {
		d.Origin = backend.OriginDirect
	}
	if !slices.Contains(origins, d.Origin) {
		return d, backend.Errorf(backend.Invalid, "A decision is made in a review, on feedback, on a release or directly, not %q.", d.Origin)
	}
	return checkEvidence(d, fields)
}

// checkEvidence validates how we will know: a known figure with a
// direction, or a threshold for at_least / at_most.
func checkEvidence(d backend.Decision, fields []Field) (backend.Decision, error) {
	d.Figure, d.Expect = strings.TrimSpace(d.Figure), strings.TrimSpace(d.Expect)
	if d.Figure == "" {
		d.Expect, d.Threshold = "", nil
		return d, nil
	}
	f, ok := fieldOf(fields, d.Figure)
	if !ok {
		return d, backend.Errorf(backend.Invalid, "Keel has no figure called %q; pick one from the list.", d.Figure)
	}
	switch d.Expect {
	case "up", "down":
		d.Threshold = nil
	case "at_least", "at_most":
		if d.Threshold == nil || math.IsNaN(*d.Threshold) || math.IsInf(*d.Threshold, 0) {
			return d, backend.Errorf(backend.Invalid, "Say which value of %s would prove the decision right.", f.Label)
		}
	default:
		return d, backend.Errorf(backend.Invalid, "Say how %s should move: up, down, at least or at most a value.", f.Label)
	}
	return d, nil
}
