package review

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"keel/backend"
	"keel/backend/workspace"
)

// freshWithin is how close to the month's end the newest record of a
// source must be for the source to count as imported through the month.
const freshWithin = 7 * 24 * time.Hour

// activity tables date every record by when something happened, so a gap
// at the end of the month means the export stops there. The others date
// records by creation: a quiet week is normal, so an import made after
// the month ended counts too.
var activity = map[string]bool{"invoices": true, "payments": true, "tickets": true, "events": true}

// sourceNames says sources and kinds the way founders say them.
var sourceNames = map[string]string{"stripe": "Stripe", "zendesk": "Zendesk", "freshdesk": "Freshdesk", "posthog": "PostHog",
	"paddle": "Paddle", "chargebee": "Chargebee", "lemonsqueezy": "Lemon Squeezy", "gumroad": "Gumroad", "buymeacoffee": "Buy Me a Coffee"}

func sourceName(s string) string {
	if n, ok := sourceNames[s]; ok {
		return n
	}
	if s == "" {
		return "Unknown source"
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// freshness checks that every source is imported through the end of
// month m (in loc), and that billing, helpdesk and analytics data exist
// at all.
func freshness(stats []workspace.SourceStat, m backend.Month, loc *time.Location, now time.Time) Step {
	end := m.End(loc) // the first instant after the month
	st := Step{ID: StepFreshness, Title: stepTitles[StepFreshness]}
	has := map[string]bool{}
	fresh := 0
	for _, s := range stats {
		if s.Rows == 0 {
			continue
		}
		has[s.Kind] = true
		newest := s.To
		ok := newest != nil && !newest.Before(end.Add(-freshWithin))
		if !ok && !activity[s.Kind] && s.LastImport != nil && !s.LastImport.Before(end) {
			ok = true
		}
		if ok {
			fresh++
			continue
		}
		what := sourceName(s.Source) + " " + s.Kind
		text := fmt.Sprintf("%s: no record is dated; import an export made after %s.", what, day(end.Add(-time.Second)))
		if newest != nil {
			text = fmt.Sprintf("%s: the newest record is from %s; import an export made after %s.", what, day(newest.In(loc)), day(end.Add(-time.Second)))
		}
		st.Missing = append(st.Missing, Missing{Source: s.Source, Kind: s.Kind, Last: newest, Text: text})
	}
	for _, need := range []struct {
		kinds              []string
		source, kind, text string
	}{
		{[]string{"subscriptions", "invoices", "payments"}, "billing", "payments",
			"Billing: nothing imported, so revenue is empty. Import the Stripe exports (subscriptions, invoices, payments)."},
		{[]string{"tickets"}, "helpdesk", "tickets",
			"Helpdesk: nothing imported, so support load is empty. Import a Zendesk or Freshdesk tickets export."},
		{[]string{"events"}, "analytics", "events",
			"Analytics: nothing imported, so signups, activation and active accounts are empty. Import a PostHog events export."},
	} {
		found := false
		for _, k := range need.kinds {
			found = found || has[k]
		}
		if !found {
			st.Missing = append(st.Missing, Missing{Source: need.source, Kind: need.kind, Text: need.text})
		}
	}
	sort.SliceStable(st.Missing, func(i, j int) bool { return st.Missing[i].Last != nil && st.Missing[j].Last == nil })
	st.NotTracked = []string{}
	st.Reading = freshnessReading(m, loc, now, fresh, st.Missing)
	return st
}

func freshnessReading(m backend.Month, loc *time.Location, now time.Time, fresh int, missing []Missing) string {
	end := m.End(loc)
	var parts []string
	if now.Before(end) {
		parts = append(parts, fmt.Sprintf("%s has not ended yet: its numbers will move until it does.", m.Title()))
	}
	switch {
	case len(missing) == 0:
		parts = append(parts, fmt.Sprintf("Every source is imported through %s.", day(end.Add(-time.Second))))
	case fresh == 0 && len(missing) > 0 && missing[0].Last == nil:
		parts = append(parts, "Nothing is imported yet.")
	default:
		var what []string
		for _, ms := range missing {
			switch {
			case ms.Last != nil:
				what = append(what, fmt.Sprintf("%s %s (to %s)", sourceName(ms.Source), ms.Kind, day(ms.Last.In(loc))))
			case ms.Kind != "" && sourceNames[ms.Source] != "":
				what = append(what, fmt.Sprintf("%s %s (undated)", sourceName(ms.Source), ms.Kind))
			default:
				what = append(what, ms.Source+" data")
			}
		}
		parts = append(parts, fmt.Sprintf("Missing before you trust %s: %s.", m.Name(), joinAnd(what)))
	}
	return strings.Join(parts, " ")
}
