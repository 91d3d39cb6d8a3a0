package app

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"keel/backend"
	"keel/backend/feedback"
	"keel/backend/releases"
	"keel/backend/revenue"
	"keel/backend/workspace"
)

// Releases is the bound API of the Releases screen: release records with
// their checklist, warnings and rollback plan; statuses and go / hold /
// rollback calls with the watch window frozen as evidence; releases
// proposed from a CHANGELOG.md or git tags; the changelog; the flag
// registry. The rules are backend/releases'; every edit is saved at once.
type Releases struct{ s *State }

// NewReleases binds the releases API to the state.
func NewReleases(s *State) *Releases { return &Releases{s} }

// ReleaseRow is a release in the list.
type ReleaseRow struct {
	ID        string        `json:"id"`
	Title     string        `json:"title"`
	Status    string        `json:"status"`
	Owner     string        `json:"owner"`
	Kinds     []string      `json:"kinds"`
	Areas     []string      `json:"areas"`
	ShippedAt *time.Time    `json:"shipped_at"`
	Window    string        `json:"window"`
	Call      *backend.Call `json:"call"` // the latest, without its evidence
	Next      string        `json:"next"` // the checklist's next step, "" when all are done
	Done      int           `json:"done"` // checklist steps done, of 6
	Warnings  []string      `json:"warnings"`
	Flags     int           `json:"flags"`
}

// ReleasesOverview is the Releases screen: the releases, the month's
// numbers and what waits.
type ReleasesOverview struct {
	Releases []ReleaseRow `json:"releases"`
	Deleted  []ReleaseRow `json:"deleted"` // can be restored
	Month    string       `json:"month"`   // of Ops, YYYY-MM
	Ops      releases.Ops `json:"ops"`
	// BugsPerRelease is the read model's figure (backend/feedback);
	// BugsMissing says why it is missing.
	BugsPerRelease *float64 `json:"bugs_per_release"`
	BugsMissing    string   `json:"bugs_missing"`
	StaleFlags     int      `json:"stale_flags"`
	Flags          int      `json:"flags"`
	Months         []string `json:"months"` // the month picker's months, newest first
}

const (
	bugsMissing   = "Bugs per release count feedback items classified bug; they are counted once this workspace has feedback items (tickets, a feedback board or notes on the Feedback screen)."
	bugsNoRelease = "No release shipped this month."
)

// Overview lists the releases, newest first, with the numbers of month
// (YYYY-MM; "" for the month of today, where a release just recorded
// shows).
func (x *Releases) Overview(month string) (*ReleasesOverview, error) {
	db, err := x.s.workspace()
	if err != nil {
		return nil, err
	}
	all, err := db.Releases(true)
	if err != nil {
		return nil, err
	}
	loc := db.Location()
	this := backend.MonthOf(x.s.now(), loc)
	m := this
	if month = strings.TrimSpace(month); month != "" {
		if m, err = backend.ParseMonth(month); err != nil {
			return nil, err
		}
	}
	out := &ReleasesOverview{Releases: []ReleaseRow{}, Deleted: []ReleaseRow{}, Month: m.String(),
		Ops: releases.Operations(all, m.Start(loc), m.End(loc))}
	bugs, err := feedback.BugsPerRelease(context.Background(), db, m, m, releases.Windows)
	if err != nil {
		return nil, err
	}
	switch out.BugsPerRelease = bugs[0]; {
	case bugs[0] != nil:
	case out.Ops.Releases == 0:
		out.BugsMissing = bugsNoRelease
	default:
		out.BugsMissing = bugsMissing
	}
	first := this
	for _, r := range all {
		if r.DeletedAt != nil {
			out.Deleted = append(out.Deleted, row(r))
			continue
		}
		out.Releases = append(out.Releases, row(r))
		if r.ShippedAt != nil {
			first = min(first, backend.MonthOf(*r.ShippedAt, loc))
		}
	}
	for m := this; m >= first; m-- {
		out.Months = append(out.Months, m.String())
	}
	if !slices.Contains(out.Months, out.Month) {
		out.Months = append(out.Months, out.Month)
	}
	reg, err := releases.Flags(db, false)
	if err != nil {
		return nil, err
	}
	out.StaleFlags, out.Flags = reg.Stale, len(reg.Flags)
	// The list is open: read what the watch windows read now, so that the
	// first release opened shows its window at once.
	go releases.Warm(context.Background(), db)
	return out, nil
}

func row(r backend.Release) ReleaseRow {
	steps := releases.Checklist(r)
	done := 0
	for _, s := range steps {
		if s.Done {
			done++
		}
	}
	rr := ReleaseRow{ID: r.ID, Title: r.Title, Status: r.Status, Owner: r.Owner, Kinds: r.Kinds, Areas: r.Areas, ShippedAt: r.ShippedAt,
		Window: r.Window, Next: releases.NextStep(steps), Done: done, Warnings: []string{}, Flags: len(r.Flags)}
	if c := releases.LastCall(r); c != nil {
		cc := *c
		cc.Evidence = nil
		rr.Call = &cc
	}
	for _, w := range releases.Warnings(r) {
		rr.Warnings = append(rr.Warnings, w.Text)
	}
	return rr
}

// ReleaseView is one release with what Keel says about it.
type ReleaseView = releases.View

func (x *Releases) view(db *workspace.DB, r backend.Release) (*ReleaseView, error) {
	var reg *releases.Registry
	if len(r.Flags) > 0 {
		var err error
		if reg, err = releases.Flags(db, false); err != nil {
			return nil, err
		}
	}
	v := releases.Describe(r, reg)
	if err := answers(db, &v); err != nil {
		return nil, err
	}
	return &v, nil
}

// Get returns one release.
func (x *Releases) Get(id string) (*ReleaseView, error) {
	db, err := x.s.workspace()
	if err != nil {
		return nil, err
	}
	r, err := db.Release(id)
	if err != nil {
		return nil, err
	}
	return x.view(db, r)
}

// Create starts a planned release with a title.
func (x *Releases) Create(title string) (*ReleaseView, error) {
	db, err := x.s.workspace()
	if err != nil {
		return nil, err
	}
	r, err := releases.Clean(releases.New(title, x.s.now()))
	if err != nil {
		return nil, err
	}
	if r, err = db.SaveRelease(r); err != nil {
		return nil, err
	}
	return x.view(db, r)
}

// Save stores the founder's words on a release (everything they type or
// pick; statuses, ticks and calls have their own calls).
func (x *Releases) Save(in backend.Release) (*ReleaseView, error) {
	return x.change(in.ID, func(r backend.Release) (backend.Release, error) { return releases.Edit(r, in) })
}

// SetStatus moves a release to a status now.
func (x *Releases) SetStatus(id, status string) (*ReleaseView, error) {
	return x.change(id, func(r backend.Release) (backend.Release, error) { return releases.SetStatus(r, status, x.s.now()) })
}

// SetShipped records when a release reached its first users: an RFC 3339
// time, or "YYYY-MM-DDTHH:MM" in the workspace's time zone.
func (x *Releases) SetShipped(id, at string) (*ReleaseView, error) {
	db, err := x.s.workspace()
	if err != nil {
		return nil, err
	}
	t, err := parseWhen(at, db.Location())
	if err != nil {
		return nil, err
	}
	return x.change(id, func(r backend.Release) (backend.Release, error) { return releases.SetShipped(r, t) })
}

// Tick ticks or unticks a checklist box.
func (x *Releases) Tick(id, check string, done bool) (*ReleaseView, error) {
	return x.change(id, func(r backend.Release) (backend.Release, error) { return releases.Tick(r, check, done, x.s.now()) })
}

func (x *Releases) change(id string, f func(backend.Release) (backend.Release, error)) (*ReleaseView, error) {
	db, err := x.s.workspace()
	if err != nil {
		return nil, err
	}
	r, err := db.Release(id)
	if err != nil {
		return nil, err
	}
	if r, err = f(r); err != nil {
		return nil, err
	}
	if r, err = db.SaveRelease(r); err != nil {
		return nil, err
	}
	return x.view(db, r)
}

// Watch computes a release's watch window (24h, 72h, 7d, 14d; "" for
// the release's own).
func (x *Releases) Watch(id, window string) (*releases.Watch, error) {
	db, err := x.s.workspace()
	if err != nil {
		return nil, err
	}
	r, err := db.Release(id)
	if err != nil {
		return nil, err
	}
	return releases.WatchWindow(context.Background(), db, r, window, feedback.ForReleases(feedbackOf(db)))
}

// Decide records a go, hold or rollback call on a release, by whom and
// why, with its watch window (window, "" for the release's own) computed
// now and frozen with the call as its evidence.
func (x *Releases) Decide(id, call, by, note, window string) (*ReleaseView, error) {
	db, err := x.s.workspace()
	if err != nil {
		return nil, err
	}
	r, err := db.Release(id)
	if err != nil {
		return nil, err
	}
	if window != "" {
		r.Window = window
	}
	r, c, err := releases.Decide(r, call, by, note, x.s.now())
	if err != nil {
		return nil, err
	}
	w, err := releases.WatchWindow(context.Background(), db, r, r.Window, feedback.ForReleases(feedbackOf(db)))
	if err != nil {
		return nil, err
	}
	if c.Evidence, err = json.Marshal(w); err != nil {
		return nil, backend.Errorf(backend.Internal, "freeze the evidence: %v", err)
	}
	if r, err = db.AddCall(r, c); err != nil {
		return nil, err
	}
	return x.view(db, r)
}

// RemoveCall takes back a call recorded by mistake; the release goes back
// to watching when it has no call left.
func (x *Releases) RemoveCall(id string, callID int64) (*ReleaseView, error) {
	db, err := x.s.workspace()
	if err != nil {
		return nil, err
	}
	r, err := db.Release(id)
	if err != nil {
		return nil, err
	}
	r.Calls = slices.DeleteFunc(slices.Clone(r.Calls), func(c backend.Call) bool { return c.ID == callID })
	if len(r.Calls) == 0 && (r.Status == releases.Decided || r.Status == releases.Reviewed) {
		if r, err = releases.SetStatus(r, releases.Watching, x.s.now()); err != nil {
			return nil, err
		}
	}
	if r, err = db.DeleteCall(r, callID); err != nil {
		return nil, err
	}
	return x.view(db, r)
}

// Delete deletes a release (the page has asked once); Restore undoes it.
func (x *Releases) Delete(id string) error {
	db, err := x.s.workspace()
	if err != nil {
		return err
	}
	return db.DeleteRelease(id)
}

// Restore brings a deleted release back.
func (x *Releases) Restore(id string) error {
	db, err := x.s.workspace()
	if err != nil {
		return err
	}
	return db.RestoreRelease(id)
}

// Proposals are the releases proposed from a changelog or tags.
type Proposals struct {
	File      string              `json:"file"`
	Origin    string              `json:"origin"` // changelog | tags
	Proposals []releases.Proposal `json:"proposals"`
}

// Propose reads pasted text: a Keep a Changelog file, or a list of git
// tags with dates (origin "changelog" or "tags"; "" guesses from the text).
func (x *Releases) Propose(text, origin string) (*Proposals, error) {
	return x.propose("the pasted text", text, origin)
}

// PickChangelog opens a CHANGELOG.md (or a tags list) with the native
// dialog and proposes its releases; nil when the founder cancels.
func (x *Releases) PickChangelog() (*Proposals, error) {
	path, err := x.s.rt.OpenFile("Start releases from a changelog or a list of tags", "*.md;*.markdown;*.txt")
	if err != nil || path == "" {
		return nil, err
	}
	return x.ProposeFile(path)
}

// ProposeFile proposes the releases of a file on disk.
func (x *Releases) ProposeFile(path string) (*Proposals, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, backend.Errorf(backend.NotFound, "Keel cannot read %s: %v", path, err)
	}
	if st.Size() > 4<<20 {
		return nil, backend.Errorf(backend.Invalid, "%s is %d MB; a changelog or a tag list is far smaller. Pick the CHANGELOG.md itself.", filepath.Base(path), st.Size()>>20)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, backend.Errorf(backend.Invalid, "Keel cannot read %s: %v", path, err)
	}
	return x.propose(filepath.Base(path), string(b), "")
}

func (x *Releases) propose(name, text, origin string) (*Proposals, error) {
	db, err := x.s.workspace()
	if err != nil {
		return nil, err
	}
	loc := db.Location()
	if origin == "" {
		origin = "tags"
		if strings.Contains(text, "\n## ") || strings.HasPrefix(strings.TrimSpace(text), "## ") || strings.HasPrefix(strings.TrimSpace(text), "# ") {
			origin = "changelog"
		}
	}
	var ps []releases.Proposal
	switch origin {
	case "changelog":
		ps, err = releases.ParseChangelog(name, text, loc)
	case "tags":
		ps, err = releases.ParseTags(name, text, loc)
	default:
		return nil, backend.Errorf(backend.Invalid, "Releases start from a changelog or a list of tags, not %q.", origin)
	}
	if err != nil {
		return nil, err
	}
	have, err := db.Releases(true)
	if err != nil {
		return nil, err
	}
	releases.MarkExisting(ps, have, loc)
	return &Proposals{File: name, Origin: origin, Proposals: ps}, nil
}

// Accept creates the releases of the proposals (those not in the
// workspace yet), in one transaction; it returns how many were created.
func (x *Releases) Accept(p Proposals) (int, error) {
	db, err := x.s.workspace()
	if err != nil {
		return 0, err
	}
	var rs []backend.Release
	for _, pr := range p.Proposals {
		if pr.Exists {
			continue
		}
		r, err := releases.FromProposal(pr, p.Origin, x.s.now())
		if err != nil {
			return 0, err
		}
		rs = append(rs, r)
	}
	if len(rs) == 0 {
		return 0, nil
	}
	return len(rs), db.SaveReleases(rs)
}

// Changelog is the changelog of the shipped releases.
func (x *Releases) Changelog() (*releases.Changelog, error) {
	db, err := x.s.workspace()
	if err != nil {
		return nil, err
	}
	rs, err := db.Releases(false)
	if err != nil {
		return nil, err
	}
	name, _ := db.Setting(workspace.SettingName)
	name = strings.TrimSuffix(name, " (demo)")
	var ids []string
	for _, r := range rs {
		ids = append(ids, r.Clusters...)
	}
	clusters, err := feedback.ForReleases(feedbackOf(db)).Clusters(context.Background(), ids)
	if err != nil {
		return nil, err
	}
	cl := releases.MakeChangelog(rs, clusters, name, db.Location())
	return &cl, nil
}

// ExportChangelog saves the changelog as Markdown where the founder picks
// (native dialog); "" when cancelled.
func (x *Releases) ExportChangelog() (string, error) {
	path, err := x.s.rt.SaveFile("Save the changelog", "CHANGELOG.md", "*.md")
	if err != nil || path == "" {
		return "", err
	}
	return x.ExportChangelogTo(path)
}

// ExportChangelogTo writes the changelog's Markdown to path.
func (x *Releases) ExportChangelogTo(path string) (string, error) {
	cl, err := x.Changelog()
	if err != nil {
		return "", err
	}
	if err := os.WriteFile(path, []byte(cl.Markdown), 0o644); err != nil {
		return "", backend.Errorf(backend.Invalid, "Keel could not write %s: %v", path, err)
	}
	return path, nil
}

// Flags is the flag registry.
func (x *Releases) Flags() (*releases.Registry, error) {
	db, err := x.s.workspace()
	if err != nil {
		return nil, err
	}
	return releases.Flags(db, false)
}

// NewFlag registers a flag typed in Keel.
func (x *Releases) NewFlag(key string) (*releases.Flag, error) {
	db, err := x.s.workspace()
	if err != nil {
		return nil, err
	}
	f, err := releases.NewFlag(db, key)
	return &f, err
}

// EditFlag saves the founder's change to a flag.
func (x *Releases) EditFlag(e releases.FlagEdit) (*releases.Flag, error) {
	db, err := x.s.workspace()
	if err != nil {
		return nil, err
	}
	f, err := releases.EditFlag(db, e)
	return &f, err
}

// DeleteFlag takes a flag out of the registry (undone by RestoreFlag).
func (x *Releases) DeleteFlag(key string) error {
	db, err := x.s.workspace()
	if err != nil {
		return err
	}
	return releases.DeleteFlag(db, key)
}

// RestoreFlag brings a deleted flag back.
func (x *Releases) RestoreFlag(key string) error {
	db, err := x.s.workspace()
	if err != nil {
		return err
	}
	return releases.RestoreFlag(db, key)
}

// SetStaleDays sets the staleness threshold of flags, in days.
func (x *Releases) SetStaleDays(days int) (*releases.Registry, error) {
	db, err := x.s.workspace()
	if err != nil {
		return nil, err
	}
	if err := db.SetSetting(workspace.SettingFlagStaleDays, strconv.Itoa(days)); err != nil {
		return nil, err
	}
	return releases.Flags(db, false)
}

// ReleaseOptions are the choices the release form offers.
type ReleaseOptions struct {
	Kinds    []string `json:"kinds"`
	Rollouts []string `json:"rollouts"`
	Areas    []string `json:"areas"`
	Windows  []string `json:"windows"`
	Statuses []string `json:"statuses"`
	Plans    []string `json:"plans"` // the plans of the billing data, for the segment affected first
}

// Options lists the choices of the release form.
func (x *Releases) Options() (*ReleaseOptions, error) {
	db, err := x.s.workspace()
	if err != nil {
		return nil, err
	}
	names, err := revenue.LoadPlanNames(db)
	if err != nil {
		return nil, err
	}
	plans := []string{}
	for _, n := range names {
		n = releases.Product(n)
		if !slices.Contains(plans, n) {
			plans = append(plans, n)
		}
	}
	sort.Strings(plans)
	return &ReleaseOptions{Kinds: releases.Kinds, Rollouts: releases.RolloutPaths, Areas: releases.Areas, Windows: releases.WindowOrder,
		Statuses: releases.Statuses, Plans: plans}, nil
}

// parseWhen reads an instant typed on the page.
func parseWhen(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02 15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, backend.Errorf(backend.Invalid, "%q is not a date and time Keel can read; write it as 2026-03-14 10:30.", s)
}
