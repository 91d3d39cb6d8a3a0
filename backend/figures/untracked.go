package figures

// Untracked is what Keel says about an area it does not track yet, in each
// place it says it: the one place for "Not tracked yet". When an area
// lands, its entry goes and the review, the scaling map and the report
// show the area's figures instead.
type Untracked struct {
	Freshness string // the data-freshness step's line
	Step      string // under the numbers of the area's review step
	Reading   string // the reading of the area's review step
	Surface   string // on the scaling map ("" when no surface shows the area)
	Sheet     string // the report sheet's headline
	Later     string // the report sheet's body: what it will hold
}

// Areas not tracked yet. Decisions and costs have no review step, surface
// or sheet of their own yet: the areas that bring them add those.
var untracked = map[Data]Untracked{
	Feedback: {
		Freshness: "Not tracked yet: feedback (the triage inbox has not landed in Keel).",
		Step:      "Not tracked yet: feedback — top clusters, strategy signals and loops closed.",
		Reading:   "Not tracked yet: feedback clusters, strategy signals and closed loops.",
		Sheet:     "Not tracked yet: feedback.",
		Later: "Once the triage inbox lands, this sheet lists the month's top feedback clusters by segment and plan, the strategy signals, " +
			"the product notes written when a cluster changed a decision, and the loops closed (planned, shipped, won't do).",
	},
	Manual: {
		Freshness: "Not tracked yet: manual work (the manual work log has not landed in Keel).",
		Step:      "Not tracked yet: manual work — interventions, minutes and interventions per account.",
		Reading:   "Manual work is not tracked yet.",
		Surface:   "Not tracked yet: manual work.",
		Sheet:     "Not tracked yet: manual work.",
		Later: "Once the manual work log lands, this sheet lists the month's manual interventions by account and kind, the minutes they took, " +
			"and interventions per account against the number of customers.",
	},
	Decisions: {Step: "Not tracked yet: decision throughput — decisions made, shipped, validated and overdue."},
	Costs:     {Step: "Not tracked yet: cost to serve and margin per plan."},
}

// NotTracked is what Keel says about area d while it does not track it;
// false once it does.
func NotTracked(d Data) (Untracked, bool) {
	u, ok := untracked[d]
	return u, ok
}

// UntrackedAreas lists the areas not tracked yet, in the order of the
// review (the freshness step lists them so).
func UntrackedAreas() []Data {
	var out []Data
	for _, d := range []Data{Releases, Feedback, Manual, Decisions, Costs} {
		if _, ok := untracked[d]; ok {
			out = append(out, d)
		}
	}
	return out
}
