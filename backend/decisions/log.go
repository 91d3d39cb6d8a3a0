package decisions

import (
	"sort"
	"strings"

	"keel/backend"
	"keel/backend/workspace"
)

// Release is what the log needs of a release: its name and the day it
// shipped ("" while it has not).
type Release struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	ShippedOn string `json:"shipped_on"`
}

// Releases lists the releases a decision can be linked to.
type Releases interface {
	Releases() ([]Release, error)
}

// Log is the decision log of a workspace.
type Log struct {
	db       *workspace.DB
	figures  Figures
	releases Releases
}

// New opens the log of db, judged with figures, linked to releases (nil:
// the releases recorded in db).
func New(db *workspace.DB, figures Figures, releases Releases) *Log {
	if releases == nil {
		releases = recorded{db}
	}
	return &Log{db: db, figures: figures, releases: releases}
}

// Entry is one decision as the screens show it.
type Entry struct {
	backend.Decision
	FigureLabel string   `json:"figure_label"`
	Release     *Release `json:"release"`
	// Due: its review date has come and it is still open; Overdue: that
	// date is past.
	Due     bool `json:"due"`
	Overdue bool `json:"overdue"`
	// ByRelease: the release's own review judges it (ByRelease), not a
	// review date.
	ByRelease bool `json:"by_release"`
	// Proposal is what the numbers say, for a due decision with a figure.
	Proposal *backend.DecisionEvidence `json:"proposal"`
}

// today is the workspace clock's date in its time zone.
func (l *Log) today() string { return l.db.Now().In(l.db.Location()).Format(dateLayout) }

func (l *Log) releaseMap() (map[string]Release, error) {
	out := map[string]Release{}
	if l.releases == nil {
		return out, nil
	}
	rs, err := l.releases.Releases()
	if err != nil {
		return nil, err
	}
	for _, r := range rs {
		out[r.ID] = r
	}
	return out, nil
}

// resolve applies the release link: a decision made and linked to a
// release that has shipped is shipped, on that day.
func resolve(d backend.Decision, rels map[string]Release) backend.Decision {
	if r, ok := rels[d.ReleaseID]; ok && d.ReleaseID != "" && d.Status == backend.DecisionMade && r.ShippedOn != "" {
		d.Status, d.ShippedOn, d.ShippedBy = backend.DecisionShipped, r.ShippedOn, "release"
	}
	return d
}

func open(d backend.Decision) bool {
	return d.Status == backend.DecisionMade || d.Status == backend.DecisionShipped
}

// ByRelease says whether d is judged by its release's own review rather
// than on a review date of the log: a go / hold / rollback call with no
// figure chosen. The call froze the watch window it was made on as its
// evidence, and the release's review says what came of it, so it is never
// due nor overdue for lack of a figure; once the founder gives it a figure
// it is reviewed like any other decision.
func ByRelease(d backend.Decision) bool { return d.Origin == backend.OriginRelease && d.Figure == "" }

// awaits says whether open decision d waits on its review date.
func awaits(d backend.Decision) bool { return open(d) && !ByRelease(d) }

// all reads the log with the release links applied.
func (l *Log) all() ([]backend.Decision, map[string]Release, error) {
	ds, err := l.db.Decisions()
	if err != nil {
		return nil, nil, err
	}
	rels, err := l.releaseMap()
	if err != nil {
		return nil, nil, err
	}
	for i := range ds {
		ds[i] = resolve(ds[i], rels)
	}
	return ds, rels, nil
}

// List returns the whole log, the latest made first, with the proposals
// of the decisions due.
func (l *Log) List() ([]Entry, error) {
	ds, rels, err := l.all()
	if err != nil {
		return nil, err
	}
	return l.entries(ds, rels)
}

// Get returns one decision.
func (l *Log) Get(id int64) (Entry, error) {
	d, err := l.db.Decision(id)
	if err != nil {
		return Entry{}, err
	}
	rels, err := l.releaseMap()
	if err != nil {
		return Entry{}, err
	}
	es, err := l.entries([]backend.Decision{resolve(d, rels)}, rels)
	if err != nil {
		return Entry{}, err
	}
	return es[0], nil
}

func (l *Log) entries(ds []backend.Decision, rels map[string]Release) ([]Entry, error) {
	today := l.today()
	fields := l.figures.Fields()
	out := make([]Entry, len(ds))
	var due []int
	for i, d := range ds {
		e := Entry{Decision: d}
		if f, ok := fieldOf(fields, d.Figure); ok {
			e.FigureLabel = f.Label
		}
		if r, ok := rels[d.ReleaseID]; ok {
			e.Release = &r
		} else if d.ReleaseID != "" {
			e.Release = &Release{ID: d.ReleaseID, Title: d.ReleaseID}
		}
		e.Due = awaits(d) && d.ReviewOn <= today
		e.Overdue = awaits(d) && d.ReviewOn < today
		e.ByRelease = ByRelease(d)
		if e.Due && d.Figure != "" {
			due = append(due, i)
		}
		out[i] = e
	}
	if err := l.proposeAll(out, due); err != nil {
		return nil, err
	}
	return out, nil
}

// proposeAll fills the proposals of the entries at idx, asking the
// figures once for every key and month they need.
func (l *Log) proposeAll(es []Entry, idx []int) error {
	if len(idx) == 0 {
		return nil
	}
	cache := &cachedFigures{Figures: l.figures}
	var keys, months []string
	for _, i := range idx {
		keys = append(keys, es[i].Figure)
		months = append(months, beforeMonth(es[i].Decision), afterMonth(es[i].Decision))
	}
	if err := cache.load(keys, months); err != nil {
		return err
	}
	for _, i := range idx {
		p, err := propose(es[i].Decision, cache)
		if err != nil {
			return err
		}
		es[i].Proposal = p
	}
	return nil
}

// cachedFigures answers Values from one batch read.
type cachedFigures struct {
	Figures
	vals map[string]map[string]*float64
}

func (c *cachedFigures) load(keys, months []string) error {
	var err error
	c.vals, err = c.Figures.Values(uniq(keys), uniq(months))
	return err
}

func (c *cachedFigures) Values(keys, months []string) (map[string]map[string]*float64, error) {
	return c.vals, nil
}

func uniq(xs []string) []string {
	sort.Strings(xs)
	out := xs[:0]
	for i, x := range xs {
		if i == 0 || x != xs[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// Record adds a decision to the log, made (today unless Made says), and
// returns it.
func (l *Log) Record(d backend.Decision) (Entry, error) {
	if strings.TrimSpace(d.Made) == "" {
		d.Made = l.today()
	}
	d, err := check(d, l.figures.Fields(), l.today())
	if err != nil {
		return Entry{}, err
	}
	d.ID, d.Status, d.ShippedOn, d.ShippedBy, d.ClosedOn, d.Evidence, d.Note = 0, backend.DecisionMade, "", "", "", nil, ""
	if d.ReleaseID != "" {
		if _, err := l.release(d.ReleaseID); err != nil {
			return Entry{}, err
		}
	}
	saved, err := l.db.SaveDecision(d)
	if err != nil {
		return Entry{}, err
	}
	return l.Get(saved.ID)
}

// Edit changes the founder's words of a decision (kind, what, why,
// owner, dates, how we will know); its status and outcome stay.
func (l *Log) Edit(d backend.Decision) (Entry, error) {
	cur, err := l.db.Decision(d.ID)
	if err != nil {
		return Entry{}, err
	}
	d.Origin, d.OriginRef = cur.Origin, cur.OriginRef
	d, err = check(d, l.figures.Fields(), l.today())
	if err != nil {
		return Entry{}, err
	}
	cur.Kind, cur.What, cur.Why, cur.Owner, cur.Made, cur.ReviewOn = d.Kind, d.What, d.Why, d.Owner, d.Made, d.ReviewOn
	cur.Figure, cur.Expect, cur.Threshold = d.Figure, d.Expect, d.Threshold
	if _, err := l.db.SaveDecision(cur); err != nil {
		return Entry{}, err
	}
	return l.Get(d.ID)
}

// Delete removes a decision from the log.
func (l *Log) Delete(id int64) error { return l.db.DeleteDecision(id) }

func (l *Log) release(id string) (Release, error) {
	rels, err := l.releaseMap()
	if err != nil {
		return Release{}, err
	}
	r, ok := rels[id]
	if !ok {
		return r, backend.Errorf(backend.NotFound, "There is no release %q; record it on the Releases screen first.", id)
	}
	return r, nil
}

// DueBy lists the open decisions whose review date is day or earlier,
// the most overdue first, with the proposals of those whose date has
// come.
func (l *Log) DueBy(day string) ([]Entry, error) {
	all, err := l.List()
	if err != nil {
		return nil, err
	}
	out := []Entry{}
	for _, e := range all {
		if awaits(e.Decision) && e.ReviewOn <= day {
			out = append(out, e)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].ReviewOn < out[j].ReviewOn })
	return out, nil
}
