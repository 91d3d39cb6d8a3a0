// Package releases holds the rules of Keel's Releases area (DESIGN.md,
// Releases; METRICS.md, Operations): what a release record must say, the
// six-step checklist, the rollback plan beyond code, the warnings, the
// statuses and calls, the watch window with its usual range, changelogs in
// and out, and the flag registry's staleness. Storage is the workspace's;
// this package reads the data through the workspace's typed queries and
// the revenue and accounts engines, and never writes SQL itself.
package releases

import (
	"crypto/rand"
	"encoding/hex"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"keel/backend"
)

// Statuses, in order.
const (
	Planned    = "planned"
	RollingOut = "rolling_out"
	Watching   = "watching"
	Decided    = "decided"
	Reviewed   = "reviewed"
)

// Statuses lists the statuses in the order a release goes through them.
var Statuses = []string{Planned, RollingOut, Watching, Decided, Reviewed}

// Calls.
const (
	Go       = "go"
	Hold     = "hold"
	Rollback = "rollback"
)

// Kinds of change, rollout paths and the usual areas.
var (
	Kinds        = []string{"feature", "fix", "hotfix", "migration"}
	RolloutPaths = []string{"internal", "beta", "percentage", "plan", "everyone"}
	// Areas are the areas offered; the founder may add others.
	Areas = []string{"billing", "permissions", "user_data", "onboarding", "notifications", "integrations", "reporting", "performance"}
)

// NewID makes a release id.
func NewID() string {
	var b [6]byte
	rand.Read(b[:])
	return "rel_" + hex.EncodeToString(b[:])
}

// New starts a planned release titled title at now.
func New(title string, now time.Time) backend.Release {
	now = now.UTC()
	return backend.Release{ID: NewID(), Title: strings.TrimSpace(title), Status: Planned,
		Times: backend.StatusTimes{Planned: &now}, Window: "72h", Checks: map[string]time.Time{},
		Flags: []string{}, Areas: []string{}, Kinds: []string{}, Clusters: []string{}, Watch: []string{}}
}

// Limits on what a founder types, so a paste cannot bloat the workspace.
const (
	maxTitle = 200
	maxText  = 20_000
	maxList  = 50
)

// Clean checks and tidies a release the founder edited: a title, known
// kinds, rollout path, window and status, lists without blanks or
// repeats, and Reversible only when every rollback item is answered.
func Clean(r backend.Release) (backend.Release, error) {
	r.Title = strings.TrimSpace(r.Title)
	if r.Title == "" {
		return r, backend.Errorf(backend.Invalid, "A release needs a title: a few words for what changes.")
	}
	if utf8.RuneCountInString(r.Title) > maxTitle {
		return r, backend.Errorf(backend.Invalid, "The title is %d characters long; keep it under %d and put the rest in the decision.", utf8.RuneCountInString(r.Title), maxTitle)
	}
	for name, s := range map[string]*string{"decision": &r.Decision, "behaviour": &r.Behaviour, "owner": &r.Owner,
		"affected": &r.Affected, "could break": &r.CouldBreak, "reverse": &r.Reverse, "rollout detail": &r.RolloutDetail,
		"migration plan": &r.MigrationPlan, "sentence": &r.Sentence, "data formats": &r.Rollback.DataFormats,
		"user-visible": &r.Rollback.UserVisible, "support": &r.Rollback.Support, "analytics": &r.Rollback.Analytics,
		"communication": &r.Rollback.Communication, "what changed": &r.Review.Changed, "what broke": &r.Review.Broke,
		"what confused users": &r.Review.Confused, "what next": &r.Review.Next} {
		*s = strings.TrimSpace(*s)
		if len(*s) > maxText {
			return r, backend.Errorf(backend.Invalid, "The %s of %q is too long (%d characters; %d at most).", name, r.Title, len(*s), maxText)
		}
	}
	if r.Rollout != "" && !slices.Contains(RolloutPaths, r.Rollout) {
		return r, backend.Errorf(backend.Invalid, "The rollout path %q is not one Keel knows: use %s.", r.Rollout, strings.Join(RolloutPaths, ", "))
	}
	if _, ok := Windows[r.Window]; !ok {
		if r.Window != "" {
			return r, backend.Errorf(backend.Invalid, "The watch window %q is not one Keel offers: use 24h, 72h, 7d or 14d.", r.Window)
		}
		r.Window = "72h"
	}
	if !slices.Contains(Statuses, r.Status) {
		return r, backend.Errorf(backend.Invalid, "The status %q is not one Keel knows: use %s.", r.Status, strings.Join(Statuses, ", "))
	}
	r.Areas, r.Kinds = slices.Clone(r.Areas), slices.Clone(r.Kinds) // the caller's slices stay as they were
	for i, a := range r.Areas {
		r.Areas[i] = strings.ReplaceAll(strings.ToLower(strings.TrimSpace(a)), " ", "_")
	}
	for i, k := range r.Kinds {
		r.Kinds[i] = strings.ToLower(strings.TrimSpace(k))
	}
	var err error
	lists := []struct {
		name string
		l    *[]string
	}{{"flags", &r.Flags}, {"areas", &r.Areas}, {"kinds", &r.Kinds}, {"clusters", &r.Clusters}, {"watch list", &r.Watch},
		{"plans", &r.Segment.Plans}, {"accounts", &r.Segment.Accounts}}
	for _, l := range lists {
		if *l.l, err = cleanList(l.name, *l.l); err != nil {
			return r, err
		}
	}
	for _, k := range r.Kinds {
		if !slices.Contains(Kinds, k) {
			return r, backend.Errorf(backend.Invalid, "%q is not a kind of change Keel knows: use %s.", k, strings.Join(Kinds, ", "))
		}
	}
	if r.Rollback.Reversible && len(Unanswered(r.Rollback)) > 0 {
		return r, backend.Errorf(backend.Invalid, "%q cannot be marked reversible yet: answer %s first.", r.Title, strings.Join(Unanswered(r.Rollback), ", "))
	}
	if r.KnownIssues, err = cleanIssues(r.Title, r.KnownIssues); err != nil {
		return r, err
	}
	if r.Checks == nil {
		r.Checks = map[string]time.Time{}
	}
	for k := range r.Checks {
		if !knownCheck(k) {
			return r, backend.Errorf(backend.Invalid, "%q is not a checklist item Keel knows.", k)
		}
	}
	return r, nil
}

func cleanList(name string, xs []string) ([]string, error) {
	out := []string{}
	for _, x := range xs {
		x = strings.TrimSpace(x)
		if x == "" || slices.Contains(out, x) {
			continue
		}
		if len(x) > maxTitle {
			return nil, backend.Errorf(backend.Invalid, "An entry of the %s is too long: %q…", name, x[:40])
		}
		out = append(out, x)
	}
	if len(out) > maxList {
		return nil, backend.Errorf(backend.Invalid, "The %s has %d entries; %d at most.", name, len(out), maxList)
	}
	return out, nil
}

// Has reports whether the release has kind k (hotfix, migration, …).
func Has(r backend.Release, kind string) bool { return slices.Contains(r.Kinds, kind) }

// LastCall is the release's latest go / hold / rollback call, or nil.
func LastCall(r backend.Release) *backend.Call {
	if len(r.Calls) == 0 {
		return nil
	}
	return &r.Calls[len(r.Calls)-1]
}

// Edit applies the founder's words from in to cur: everything they type
// or pick, not what Keel keeps (id, status and its times, ship date,
// calls, ticks, dates of the record).
func Edit(cur, in backend.Release) (backend.Release, error) {
	out := cur
	out.Title, out.Decision, out.Behaviour, out.Owner, out.Affected = in.Title, in.Decision, in.Behaviour, in.Owner, in.Affected
	out.Segment, out.CouldBreak, out.Reverse, out.Rollout, out.RolloutDetail = in.Segment, in.CouldBreak, in.Reverse, in.Rollout, in.RolloutDetail
	out.Flags, out.Areas, out.Kinds, out.Clusters, out.Watch = in.Flags, in.Areas, in.Kinds, in.Clusters, in.Watch
	out.MigrationPlan, out.Rollback, out.Window, out.Review, out.Sentence = in.MigrationPlan, in.Rollback, in.Window, in.Review, in.Sentence
	out.KnownIssues = in.KnownIssues
	return Clean(out)
}
