package releases

import (
	"slices"
	"time"

	"keel/backend"
)

// Step is one of the six steps of a release, as the checklist shows it:
// done or not, what is still missing in the founder's words, and the
// boxes the founder can tick. The checklist guides: nothing is refused
// because a step is open.
type Step struct {
	ID      string   `json:"id"`
	Title   string   `json:"title"`
	Why     string   `json:"why"`
	Done    bool     `json:"done"`
	Missing []string `json:"missing"`
	Checks  []Check  `json:"checks"`
}

// Check is a box of a step the founder ticks.
type Check struct {
	ID    string     `json:"id"`
	Label string     `json:"label"`
	Done  bool       `json:"done"`
	At    *time.Time `json:"at"`
}

// The boxes the founder ticks, by step.
var checks = map[string][][2]string{
	"slice": {{"slice", "This is the smallest slice that proves the decision"}},
	"observability": {
		{"obs_events", "Product events for the new behaviour are tracked"},
		{"obs_logs", "Errors and logs for it are visible"},
		{"obs_support_tags", "Support has a tag for tickets about it"},
		{"obs_dashboards", "A dashboard or saved view shows the numbers to watch"},
	},
}

func knownCheck(id string) bool {
	for _, cs := range checks {
		for _, c := range cs {
			if c[0] == id {
				return true
			}
		}
	}
	return false
}

// Checklist is the release's six steps: define the decision, scope the
// smallest slice, decide the rollout path, prepare observability, ship
// with an owner, review the evidence.
func Checklist(r backend.Release) []Step {
	steps := []Step{
		{ID: "decision", Title: "Define the decision", Why: "A release proves or unblocks one decision and changes one behaviour; without them there is nothing to judge it by."},
		{ID: "slice", Title: "Scope the smallest slice", Why: "Small releases beat big migrations: one area and one kind of change is easy to watch and to undo."},
		{ID: "rollout", Title: "Decide the rollout path", Why: "Who sees it first (internal, a beta segment, a percentage, a plan, everyone) decides who can be hurt and how fast you learn."},
		{ID: "observability", Title: "Prepare observability", Why: "Events, logs, support tags and dashboards must exist before launch, or the first 72 hours tell you nothing."},
		{ID: "ship", Title: "Ship with an owner", Why: "One person owns the release and makes the go, hold or rollback call."},
		{ID: "review", Title: "Review the evidence", Why: "Look at the watch window, make the call, and write down what changed, broke and confused users."},
	}
	miss := func(s *Step, ok bool, words string) {
		if !ok {
			s.Missing = append(s.Missing, words)
		}
	}
	for i := range steps {
		s := &steps[i]
		s.Missing, s.Checks = []string{}, []Check{}
		for _, c := range checks[s.ID] {
			ck := Check{ID: c[0], Label: c[1]}
			if t, ok := r.Checks[c[0]]; ok {
				v := t
				ck.Done, ck.At = true, &v
			}
			s.Checks = append(s.Checks, ck)
			miss(s, ck.Done, c[1])
		}
		switch s.ID {
		case "decision":
			miss(s, r.Decision != "", "the decision it should prove or unblock")
			miss(s, r.Behaviour != "", "the user behaviour it should change")
		case "slice":
			miss(s, len(r.Areas) > 0, "the areas it touches")
			miss(s, len(r.Kinds) > 0, "the kind of change")
			miss(s, !bundles(r), "split it: it bundles several areas and kinds of change")
		case "rollout":
			miss(s, r.Rollout != "", "the rollout path")
			miss(s, r.Rollout == "everyone" || r.Rollout == "" || r.Affected != "" || !r.Segment.Empty(), "who is affected first")
			miss(s, r.Reverse != "" || len(r.Flags) > 0, "how to disable or reverse it")
		case "observability":
			miss(s, len(r.Watch) > 0, "what to watch after launch")
		case "ship":
			miss(s, r.Owner != "", "one owner")
			miss(s, r.ShippedAt != nil, "when it went out")
		case "review":
			miss(s, len(r.Calls) > 0, "the go, hold or rollback call")
			miss(s, reviewed(r.Review), "the review: what changed, broke, confused users, next")
		}
		s.Done = len(s.Missing) == 0
	}
	return steps
}

// Observed reports whether r has something to watch and every
// observability box ticked: the release went out observable.
func Observed(r backend.Release) bool {
	if len(r.Watch) == 0 {
		return false
	}
	for _, c := range checks["observability"] {
		if _, ok := r.Checks[c[0]]; !ok {
			return false
		}
	}
	return true
}

// NextStep is the first step not done, or "" when all six are.
func NextStep(steps []Step) string {
	i := slices.IndexFunc(steps, func(s Step) bool { return !s.Done })
	if i < 0 {
		return ""
	}
	return steps[i].ID
}

// Tick ticks or unticks a checklist box at instant at.
func Tick(r backend.Release, id string, done bool, at time.Time) (backend.Release, error) {
	if !knownCheck(id) {
		return r, backend.Errorf(backend.Invalid, "%q is not a checklist item Keel knows.", id)
	}
	m := map[string]time.Time{}
	for k, v := range r.Checks {
		m[k] = v
	}
	if done {
		m[id] = at.UTC()
	} else {
		delete(m, id)
	}
	r.Checks = m
	return r, nil
}

// Unanswered lists the rollback plan's items still blank, in words.
func Unanswered(p backend.RollbackPlan) []string {
	var out []string
	for _, it := range []struct{ v, words string }{
		{p.DataFormats, "data created in a new format"},
		{p.UserVisible, "user-visible settings, e-mails, invoices or exports"},
		{p.Support, "support macros and known-issue notes"},
		{p.Analytics, "analytics marking of the accounts touched"},
		{p.Communication, "customer communication"},
	} {
		if it.v == "" {
			out = append(out, it.words)
		}
	}
	return out
}
