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

// Areas not tracked yet.
var untracked = map[Data]Untracked{}

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
	for _, d := range []Data{Releases, Feedback} {
		if _, ok := untracked[d]; ok {
			out = append(out, d)
		}
	}
	return out
}
