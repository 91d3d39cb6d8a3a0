package releases

import (
	"slices"
	"strings"

	"keel/backend"
)

// View is a release with what Keel says about it: its checklist and next
// step, its warnings, the rollback items still blank, and the flags it
// touches as the registry has them.
type View struct {
	backend.Release
	Checklist  []Step    `json:"checklist"`
	Next       string    `json:"next"`
	Warnings   []Warning `json:"warnings"`
	Unanswered []string  `json:"unanswered"`
	FlagStates []Flag    `json:"flag_states"`
	// Answers are the feedback clusters it answers (r.Clusters, in order):
	// each one's title and people to tell; a cluster the feedback area
	// does not know keeps its id alone.
	Answers []Cluster `json:"answers"`
}

// Describe builds the view of r; reg may be nil when r touches no flag.
func Describe(r backend.Release, reg *Registry) View {
	steps := Checklist(r)
	v := View{Release: r, Checklist: steps, Next: NextStep(steps), Warnings: Warnings(r), Unanswered: Unanswered(r.Rollback),
		FlagStates: []Flag{}, Answers: []Cluster{}}
	if v.Unanswered == nil {
		v.Unanswered = []string{}
	}
	if v.Calls == nil {
		v.Calls = []backend.Call{}
	}
	if reg != nil {
		for _, f := range reg.Flags {
			if slices.ContainsFunc(r.Flags, func(k string) bool { return strings.EqualFold(k, f.FlagKey) }) {
				v.FlagStates = append(v.FlagStates, f)
			}
		}
	}
	return v
}
