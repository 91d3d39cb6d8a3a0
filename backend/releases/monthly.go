package releases

import (
	"time"

	"keel/backend"
	"keel/backend/workspace"
)

// Figures are a month's release figures (METRICS.md, Operations), as the
// read model (backend/figures) puts them in the operations section.
// BugsPerRelease stays nil until the workspace has triaged feedback.
type Figures struct {
	Releases       *int64   `json:"releases"`
	Rollbacks      *int64   `json:"rollbacks"`
	Hotfixes       *int64   `json:"hotfixes"`
	BugsPerRelease *float64 `json:"bugs_per_release"`
}

// Shipped is a release as the month's review and report list it.
type Shipped struct {
	ID        string     `json:"id"`
	Title     string     `json:"title"`
	Status    string     `json:"status"`
	ShippedAt time.Time  `json:"shipped_at"`
	Kinds     []string   `json:"kinds"`
	Areas     []string   `json:"areas"`
	Call      string     `json:"call"` // the latest go / hold / rollback, "" for none
	CallAt    *time.Time `json:"call_at"`
	Note      string     `json:"note"` // why, in the words of the call
	// Risky: it changes billing, permissions and user data at once.
	Risky bool `json:"risky"`
	// Observed: it went out with something to watch and every
	// observability box of its checklist ticked.
	Observed bool     `json:"observed"`
	Warnings []string `json:"warnings"`
}

// FlagCount is the flag registry at the end of a month.
type FlagCount struct {
	Total int64    `json:"total"`
	Stale int64    `json:"stale"`
	Keys  []string `json:"stale_keys"` // the stale flags' keys
}

// Month is one month of the release log: its figures, the releases that
// went out in it and those rolled back in it, and the flags at its end.
type Month struct {
	Figures
	Shipped    []Shipped  `json:"shipped"`
	RolledBack []Shipped  `json:"rolled_back"`
	Flags      *FlagCount `json:"flags"`
}

// Monthly is the release log of the months first..last. has is false
// when the workspace has no release (then the figures stay nil: nothing
// was recorded, which is not "no release"); flags are counted whenever the
// registry has any.
func Monthly(db *workspace.DB, first, last backend.Month) (months []Month, has bool, err error) {
	ms, err := backend.Months(first, last)
	if err != nil {
		return nil, false, err
	}
	rs, err := db.Releases(false)
	if err != nil {
		return nil, false, err
	}
	loc, now := db.Location(), db.Now()
	has = len(rs) > 0
	out := make([]Month, len(ms))
	for i, m := range ms {
		from, to := m.Start(loc), m.End(loc)
		mo := &out[i]
		mo.Shipped, mo.RolledBack = []Shipped{}, []Shipped{}
		if has {
			o := Operations(rs, from, to)
			mo.Releases, mo.Rollbacks, mo.Hotfixes = &o.Releases, &o.Rollbacks, &o.Hotfixes
			for _, r := range rs {
				if r.ShippedAt != nil && !r.ShippedAt.Before(from) && r.ShippedAt.Before(to) {
					mo.Shipped = append(mo.Shipped, shipped(r))
				}
				if at, ok := RolledBack(r); ok && !at.Before(from) && at.Before(to) {
					mo.RolledBack = append(mo.RolledBack, shipped(r))
				}
			}
		}
		at := to.Add(-time.Second)
		if now.Before(at) {
			at = now
		}
		reg, err := flagsAt(db, false, at)
		if err != nil {
			return nil, false, err
		}
		if len(reg.Flags) > 0 {
			fc := &FlagCount{Total: int64(len(reg.Flags)), Keys: []string{}}
			for _, f := range reg.Flags {
				if len(f.Stale) > 0 {
					fc.Stale++
					fc.Keys = append(fc.Keys, f.FlagKey)
				}
			}
			mo.Flags = fc
		}
	}
	return out, has, nil
}

func shipped(r backend.Release) Shipped {
	s := Shipped{ID: r.ID, Title: r.Title, Status: r.Status, ShippedAt: *r.ShippedAt, Kinds: r.Kinds, Areas: r.Areas,
		Risky: TouchesRiskyMix(r), Observed: Observed(r), Warnings: []string{}}
	if c := LastCall(r); c != nil {
		at := c.At
		s.Call, s.CallAt, s.Note = c.Call, &at, c.Note
	}
	for _, w := range Warnings(r) {
		s.Warnings = append(s.Warnings, w.Text)
	}
	return s
}
