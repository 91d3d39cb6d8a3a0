package costs

import (
	"context"
	"slices"
	"strings"
	"unicode"

	"keel/backend"
	"keel/backend/workspace"
)

var sources = []string{backend.UsageEvents, backend.UsageSupport, backend.UsageManual}

// SaveDriver checks and stores a cost driver (ID 0 adds one); cur is the
// base currency its unit cost is in.
func SaveDriver(db *workspace.DB, d backend.CostDriver, cur string) (backend.CostDriver, error) {
	d.Name, d.Unit = strings.TrimSpace(d.Name), strings.TrimSpace(d.Unit)
	if d.Name == "" {
		return d, backend.Errorf(backend.Invalid, "Name the cost driver: what is used, e.g. E-mails sent.")
	}
	if len(d.Name) > 200 || len(d.Unit) > 100 {
		return d, backend.Errorf(backend.Invalid, "Keep the driver's name and unit short.")
	}
	if !slices.Contains(sources, d.Source) {
		return d, backend.Errorf(backend.Invalid, "A driver's usage comes from events, support or manual work, not %q.", d.Source)
	}
	if d.Unit == "" {
		d.Unit = map[string]string{backend.UsageSupport: "support minute", backend.UsageManual: "manual minute"}[d.Source]
		if d.Unit == "" {
			return d, backend.Errorf(backend.Invalid, "Say what one unit of %s is, e.g. one e-mail.", d.Name)
		}
	}
	var events []string
	if d.Source == backend.UsageEvents {
		for _, e := range d.Events {
			if e = strings.TrimSpace(e); e != "" && !slices.Contains(events, e) {
				events = append(events, e)
			}
		}
	}
	d.Events = events
	if d.Events == nil {
		d.Events = []string{}
	}
	u, err := ParseUnitCost(d.UnitCost, cur, d.Unit)
	if err != nil {
		return d, err
	}
	d.UnitCost = FormatMicro(u)
	return db.SaveCostDriver(d)
}

// Suggest names the events that would fill a driver with no usage
// mapped: those whose name shares a word with the driver's name or unit,
// else the most frequent events no driver counts yet.
func Suggest(d backend.CostDriver, names []workspace.EventName, taken map[string]bool) []workspace.EventName {
	words := wordSet(d.Name + " " + d.Unit)
	var match, rest []workspace.EventName
	for _, n := range names {
		if taken[n.Name] || strings.HasPrefix(n.Name, "$") {
			continue
		}
		hit := false
		for w := range wordSet(n.Name) {
			hit = hit || words[w]
		}
		if hit {
			match = append(match, n)
		} else {
			rest = append(rest, n)
		}
	}
	if len(match) == 0 {
		match = rest
	}
	return match[:min(3, len(match))]
}

// wordSet is the words of s, lowercase, without a plural s, hyphens
// removed ("E-mails sent" → email, sent).
func wordSet(s string) map[string]bool {
	s = strings.ToLower(strings.ReplaceAll(s, "-", ""))
	out := map[string]bool{}
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		w = strings.TrimSuffix(w, "s")
		if len(w) >= 2 {
			out[w] = true
		}
	}
	return out
}

// EventNames are the event names seen, most sent first, with the people
// (analytics users) who sent each: what a driver can be mapped to.
func EventNames(db *workspace.DB) ([]workspace.EventName, error) {
	rows, err := db.EventNames(context.Background())
	if err != nil {
		return nil, err
	}
	out := make([]workspace.EventName, len(rows))
	for i, r := range rows {
		out[i] = workspace.EventName{Name: r.Name, Events: r.Events, People: r.Users}
	}
	return out, nil
}
