package releases

import (
	"slices"
	"strings"
	"time"

	"keel/backend"
)

// times returns the pointer to the time of status s.
func times(r *backend.Release, s string) **time.Time {
	switch s {
	case Planned:
		return &r.Times.Planned
	case RollingOut:
		return &r.Times.RollingOut
	case Watching:
		return &r.Times.Watching
	case Decided:
		return &r.Times.Decided
	}
	return &r.Times.Reviewed
}

// SetStatus moves r to status at instant at. Moving forward stamps every
// status passed on the way (a release marked watching has rolled out);
// moving back clears the times of the statuses left. A release goes out
// (ShippedAt, the start of its watch window) when it starts rolling out,
// unless the founder said when; going back to planned takes it back.
// Decided needs a go / hold / rollback call (Decide), reviewed a review.
func SetStatus(r backend.Release, status string, at time.Time) (backend.Release, error) {
	to := slices.Index(Statuses, status)
	if to < 0 {
		return r, backend.Errorf(backend.Invalid, "The status %q is not one Keel knows: use %s.", status, strings.Join(Statuses, ", "))
	}
	from := slices.Index(Statuses, r.Status)
	if to >= slices.Index(Statuses, Decided) && len(r.Calls) == 0 {
		return r, backend.Errorf(backend.Invalid, "%q has no go, hold or rollback call yet: make the call first, with the evidence of its watch window.", r.Title)
	}
	if status == Reviewed && !reviewed(r.Review) {
		return r, backend.Errorf(backend.Invalid, "Write what changed, what broke, what confused users or what comes next before marking %q reviewed.", r.Title)
	}
	at = at.UTC()
	for i, s := range Statuses {
		t := times(&r, s)
		switch {
		case i <= to:
			if *t == nil || i > from {
				v := at
				*t = &v
			}
		default:
			*t = nil
		}
	}
	if to >= slices.Index(Statuses, RollingOut) && r.ShippedAt == nil {
		v := *r.Times.RollingOut
		r.ShippedAt = &v
	}
	if to == 0 {
		r.ShippedAt = nil
	}
	r.Status = status
	return r, nil
}

// SetShipped says when the release reached its first users (the founder
// records it after the fact). A time before the release was planned is
// accepted: records are often written after shipping.
func SetShipped(r backend.Release, at time.Time) (backend.Release, error) {
	if r.Status == Planned {
		var err error
		if r, err = SetStatus(r, RollingOut, at); err != nil {
			return r, err
		}
	}
	v := at.UTC()
	r.ShippedAt = &v
	if r.Times.RollingOut != nil && r.Times.RollingOut.After(v) {
		r.Times.RollingOut = &v
	}
	return r, nil
}

// Decide makes a go, hold or rollback call on r at instant at: r becomes
// decided. The caller stores the call with the evidence of its watch
// window (workspace.AddCall).
func Decide(r backend.Release, call, by, note string, at time.Time) (backend.Release, backend.Call, error) {
	c := backend.Call{Call: call, By: strings.TrimSpace(by), Note: strings.TrimSpace(note), At: at.UTC(), Window: r.Window}
	if !slices.Contains([]string{Go, Hold, Rollback}, call) {
		return r, c, backend.Errorf(backend.Invalid, "A call is go, hold or rollback, not %q.", call)
	}
	if r.ShippedAt == nil {
		return r, c, backend.Errorf(backend.Invalid, "%q has not gone out yet: set when it reached its first users before making a go, hold or rollback call.", r.Title)
	}
	if c.By == "" {
		c.By = r.Owner
	}
	if c.By == "" {
		return r, c, backend.Errorf(backend.Invalid, "Say who makes the call: one owner decides go, hold or rollback for %q.", r.Title)
	}
	if len(c.Note) > maxText {
		return r, c, backend.Errorf(backend.Invalid, "The note of the call is too long (%d characters; %d at most).", len(c.Note), maxText)
	}
	r.Calls = append(r.Calls, c) // so that SetStatus sees a call
	var err error
	if r, err = SetStatus(r, Decided, at); err != nil {
		return r, c, err
	}
	r.Calls = r.Calls[:len(r.Calls)-1]
	r.Times.Decided = &c.At // the latest call is the decision
	return r, c, nil
}

func reviewed(rv backend.ReleaseReview) bool {
	return rv.Changed != "" || rv.Broke != "" || rv.Confused != "" || rv.Next != ""
}

// RolledBack reports whether the release's latest call is a rollback, and
// when it was made.
func RolledBack(r backend.Release) (time.Time, bool) {
	if c := LastCall(r); c != nil && c.Call == Rollback {
		return c.At, true
	}
	return time.Time{}, false
}

// Ops are a month's release numbers (METRICS.md, Operations): releases
// shipped in it, releases rolled back in it (their latest call a
// rollback made in it), releases marked hotfix shipped in it.
type Ops struct {
	Releases  int64 `json:"releases"`
	Rollbacks int64 `json:"rollbacks"`
	Hotfixes  int64 `json:"hotfixes"`
}

// Operations counts the releases of [from, to); deleted ones do not count.
func Operations(rs []backend.Release, from, to time.Time) Ops {
	var o Ops
	in := func(t time.Time) bool { return !t.Before(from) && t.Before(to) }
	for _, r := range rs {
		if r.DeletedAt != nil {
			continue
		}
		if r.ShippedAt != nil && in(*r.ShippedAt) {
			o.Releases++
			if Has(r, "hotfix") {
				o.Hotfixes++
			}
		}
		if at, ok := RolledBack(r); ok && in(at) {
			o.Rollbacks++
		}
	}
	return o
}
