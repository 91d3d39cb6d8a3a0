package backend

import (
	"fmt"
	"strings"
	"time"
)

// Decision statuses (METRICS.md, Decisions): made on its date, shipped
// when linked to a shipped release or marked done, then validated,
// invalidated or abandoned.
const (
	DecisionMade        = "made"
	DecisionShipped     = "shipped"
	DecisionValidated   = "validated"
	DecisionInvalidated = "invalidated"
	DecisionAbandoned   = "abandoned"
)

// Where a decision was made.
const (
	OriginDirect   = "direct"   // typed on the Decisions screen or the command line
	OriginReview   = "review"   // step 8 of the monthly review; OriginRef is its month
	OriginFeedback = "feedback" // a product note on a feedback cluster; OriginRef is NoteRef(cluster, note)
	OriginRelease  = "release"  // a go / hold / rollback call; OriginRef is the call
)

// Decision is one entry of the decision log: what was decided and why, by
// whom, and how the founder will know whether it was right: a figure of
// the field catalogue, the direction or threshold expected, and the date
// to look. Dates are YYYY-MM-DD in the workspace time zone.
type Decision struct {
	ID    int64  `json:"id"`
	Kind  string `json:"kind"` // keep | change | fix | stop
	What  string `json:"what"`
	Why   string `json:"why"`
	Owner string `json:"owner"`
	Made  string `json:"made"`
	// Figure is the key of the figure that will tell ("revenue.mrr"), ""
	// when none was chosen.
	Figure string `json:"figure"`
	// Expect is up or down (against the month before the decision), or
	// at_least / at_most Threshold (in the figure's own unit: minor units
	// for money, a fraction for ratios).
	Expect    string   `json:"expect"`
	Threshold *float64 `json:"threshold"`
	ReviewOn  string   `json:"review_on"`
	Status    string   `json:"status"`
	ShippedOn string   `json:"shipped_on"` // "" until shipped
	ShippedBy string   `json:"shipped_by"` // release | done | ""
	ClosedOn  string   `json:"closed_on"`  // the day it was validated, invalidated or abandoned
	ReleaseID string   `json:"release_id"` // the release that ships it, "" when none
	Origin    string   `json:"origin"`
	OriginRef string   `json:"origin_ref"`
	// Evidence is the numbers the founder confirmed the outcome with,
	// kept as they were then; nil until validated or invalidated.
	Evidence *DecisionEvidence `json:"evidence"`
	Note     string            `json:"note"` // the founder's words on the outcome
	Created  time.Time         `json:"created_at"`
	Updated  time.Time         `json:"updated_at"`
}

// DecisionEvidence is a decision's figure before and after: the month
// before the decision was made against the last month complete on its
// review date, and what Keel proposed from them.
type DecisionEvidence struct {
	Figure      string   `json:"figure"`
	Label       string   `json:"label"`
	Unit        string   `json:"unit"`
	BeforeMonth string   `json:"before_month"` // YYYY-MM
	AfterMonth  string   `json:"after_month"`
	Before      *float64 `json:"before"`
	After       *float64 `json:"after"`
	// Proposed is validated or invalidated, "" when a number is missing.
	Proposed string `json:"proposed"`
	// Reading says it in words: "MRR went from $41,200 to $45,900 (up, as
	// expected)", or what would fill a missing number.
	Reading string `json:"reading"`
}

// CallDecision is the decision-log entry of a go / hold / rollback call on
// release r (METRICS.md, Decisions: release calls are decisions): go keeps
// the change, hold changes its rollout, rollback stops it. It is made and
// shipped on the call's day (in loc), by the call's maker (else the
// release's owner), linked to the release, and reviewed 30 days later; the
// founder can add the figure that will tell. OriginRef is the call's id.
func CallDecision(r Release, c Call, loc *time.Location) Decision {
	kind, verb := "keep", "Go"
	switch c.Call {
	case "hold":
		kind, verb = "change", "Hold"
	case "rollback":
		kind, verb = "stop", "Roll back"
	}
	owner := c.By
	if owner == "" {
		owner = r.Owner
	}
	day := c.At.In(loc)
	made := day.Format("2006-01-02")
	return Decision{Kind: kind, What: verb + ": " + r.Title, Why: c.Note, Owner: owner, Made: made,
		ReviewOn: day.AddDate(0, 0, 30).Format("2006-01-02"), Status: DecisionShipped, ShippedOn: made, ShippedBy: "release",
		ReleaseID: r.ID, Origin: OriginRelease, OriginRef: fmt.Sprint(c.ID)}
}

// NoteRef is the OriginRef of the decision a product note makes: the
// cluster it was written on and the note's id ("c-1a2b#7").
func NoteRef(cluster string, note int64) string { return fmt.Sprintf("%s#%d", cluster, note) }

// NoteCluster is the cluster of a product note's OriginRef.
func NoteCluster(ref string) string {
	if i := strings.LastIndexByte(ref, '#'); i >= 0 {
		return ref[:i]
	}
	return ref
}

// NoteDecision is the decision-log entry of product note id written on
// cluster (METRICS.md, Decisions: product notes are decisions): a change
// unless the note names its kind, made on the note's date by its owner for
// its reason, and reviewed 30 days later (in the month after at the
// earliest); the founder can add the figure that will tell.
func NoteDecision(cluster string, id int64, kind, what, why, owner, date string) Decision {
	if kind == "" {
		kind = "change"
	}
	review := date
	if t, err := time.Parse("2006-01-02", date); err == nil {
		r := t.AddDate(0, 0, 30)
		if r.Format("2006-01") == t.Format("2006-01") {
			r = r.AddDate(0, 0, 1)
		}
		review = r.Format("2006-01-02")
	}
	return Decision{Kind: kind, What: what, Why: why, Owner: owner, Made: date, ReviewOn: review, Status: DecisionMade,
		Origin: OriginFeedback, OriginRef: NoteRef(cluster, id)}
}
