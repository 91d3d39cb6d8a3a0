package releases

import (
	"fmt"
	"slices"
	"strings"

	"keel/backend"
)

// Warning is something about a release that makes it hard to watch or to
// undo, with the sentence the founder reads.
type Warning struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// Warning ids.
const (
	WarnRiskyMix = "risky_mix" // billing, permissions and user data at once, no migration plan
	WarnNoOwner  = "no_owner"
	WarnNoUndo   = "no_reverse"
	WarnNoWatch  = "nothing_to_watch"
	WarnBundle   = "bundle" // unrelated changes shipped together
)

// Warnings lists what is wrong with r, most serious first.
func Warnings(r backend.Release) []Warning {
	out := []Warning{}
	if TouchesRiskyMix(r) && r.MigrationPlan == "" {
		out = append(out, Warning{WarnRiskyMix, "Changes billing, permissions and user data in one release without a migration plan. Split it, or write the migration plan before it goes out."})
	}
	if r.Owner == "" {
		out = append(out, Warning{WarnNoOwner, "No owner. One person owns a release and makes the go, hold or rollback call."})
	}
	if r.Reverse == "" && len(r.Flags) == 0 {
		out = append(out, Warning{WarnNoUndo, "No way to reverse it. Say how to disable or roll it back: a flag, a revert, a script."})
	}
	if len(r.Watch) == 0 {
		out = append(out, Warning{WarnNoWatch, "Nothing to watch. Pick the numbers that would show it went wrong: tickets, refunds, failed payments, activation."})
	}
	if bundles(r) {
		out = append(out, Warning{WarnBundle, fmt.Sprintf("Bundles unrelated changes: %s and %s at once. Ship them separately so that each can be watched and undone.",
			count(len(r.Areas), "area")+" ("+strings.Join(r.Areas, ", ")+")", count(len(r.Kinds), "kind")+" of change ("+strings.Join(r.Kinds, ", ")+")")})
	}
	return out
}

// TouchesRiskyMix reports whether r changes billing, permissions and user
// data together: the mix the scaling map warns about.
func TouchesRiskyMix(r backend.Release) bool {
	return slices.Contains(r.Areas, "billing") && slices.Contains(r.Areas, "permissions") && slices.Contains(r.Areas, "user_data")
}

// bundles: several areas and several kinds of change at once, or four
// areas or more.
func bundles(r backend.Release) bool {
	return len(r.Areas) >= 2 && len(r.Kinds) >= 2 || len(r.Areas) >= 4
}

func count(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
