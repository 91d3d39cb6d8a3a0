package backend

import (
	"encoding/json"
	"time"
)

// Release is the founder's record of one meaningful change: what it should
// prove, who owns it, who sees it first, how to undo it, how it went out and
// what the numbers said (DESIGN.md, Releases). backend/releases holds its
// rules (checklist, warnings, statuses, watch window); the workspace stores
// it.
type Release struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// Decision is the decision the release should prove or unblock;
	// Behaviour the user behaviour it should change.
	Decision  string `json:"decision"`
	Behaviour string `json:"behaviour"`
	Owner     string `json:"owner"` // one person
	// Affected says in words who is affected first; Segment says it in a
	// way Keel can count (the watch window splits by it).
	Affected   string  `json:"affected"`
	Segment    Segment `json:"segment"`
	CouldBreak string  `json:"could_break"`
	Reverse    string  `json:"reverse"` // how to disable or reverse it
	// Rollout is the path: internal, beta, percentage, plan or everyone;
	// RolloutDetail the specifics ("10 %", "Scale plan first").
	Rollout       string   `json:"rollout"`
	RolloutDetail string   `json:"rollout_detail"`
	Flags         []string `json:"flags"`    // keys of the flags it touches
	Areas         []string `json:"areas"`    // billing, permissions, user_data, onboarding, …
	Kinds         []string `json:"kinds"`    // feature, fix, hotfix, migration
	Clusters      []string `json:"clusters"` // ids of the feedback clusters it answers
	// Watch lists what to watch after the launch (figure keys of the watch
	// window, or the founder's own words).
	Watch         []string `json:"watch"`
	MigrationPlan string   `json:"migration_plan"`
	// Checks are the checklist items the founder ticked, with when.
	Checks   map[string]time.Time `json:"checks"`
	Rollback RollbackPlan         `json:"rollback"`
	// KnownIssues are what users may meet since the release, with the
	// workaround support gives them.
	KnownIssues []KnownIssue `json:"known_issues"`
	// Status is planned, rolling_out, watching, decided or reviewed; Times
	// says when it entered each.
	Status string      `json:"status"`
	Times  StatusTimes `json:"times"`
	// ShippedAt is when it reached its first users: the start of the watch
	// window. Nil until it goes out.
	ShippedAt *time.Time `json:"shipped_at"`
	Window    string     `json:"window"` // 24h, 72h, 7d or 14d
	// Calls are the go / hold / rollback calls made, oldest first, each with
	// the evidence shown when it was made.
	Calls  []Call        `json:"calls"`
	Review ReleaseReview `json:"review"`
	// Sentence is the user-facing line of the changelog.
	Sentence string `json:"sentence"`
	// Origin says what proposed the record: "" (typed), changelog or tags.
	Origin    string     `json:"origin"`
	Created   time.Time  `json:"created"`
	Updated   time.Time  `json:"updated"`
	DeletedAt *time.Time `json:"deleted_at"`
}

// Segment is who a release reaches first, as Keel can tell it from the data:
// accounts on these plans, or these accounts (addresses or @domains).
type Segment struct {
	Plans    []string `json:"plans"`
	Accounts []string `json:"accounts"`
}

// Empty reports whether the segment names nobody (everyone is affected).
func (s Segment) Empty() bool { return len(s.Plans) == 0 && len(s.Accounts) == 0 }

// RollbackPlan is the rollback beyond code: each thing a rollback must undo
// or explain, in the founder's words. Reversible can be set only when every
// item is answered.
type RollbackPlan struct {
	DataFormats   string `json:"data_formats"`  // data created in a new format
	UserVisible   string `json:"user_visible"`  // settings, e-mails, invoices, exports users saw
	Support       string `json:"support"`       // support macros and known-issue notes
	Analytics     string `json:"analytics"`     // marking the accounts touched
	Communication string `json:"communication"` // what customers are told
	Reversible    bool   `json:"reversible"`
}

// KnownIssue is a problem users may meet after a release, until it is
// fixed: what goes wrong, the workaround support gives, and whether that
// workaround is safe (it loses no data and needs no help from the team).
// Opened and Fixed are days (YYYY-MM-DD) in the workspace's zone; Fixed is
// "" while it is open.
type KnownIssue struct {
	ID         string `json:"id"`
	Title      string `json:"title"`
	Workaround string `json:"workaround"`
	Safe       bool   `json:"safe"`
	Opened     string `json:"opened"`
	Fixed      string `json:"fixed"`
}

// StatusTimes says when a release entered each status; nil for a status it
// has not reached (or left by going back).
type StatusTimes struct {
	Planned    *time.Time `json:"planned"`
	RollingOut *time.Time `json:"rolling_out"`
	Watching   *time.Time `json:"watching"`
	Decided    *time.Time `json:"decided"`
	Reviewed   *time.Time `json:"reviewed"`
}

// Call is one go / hold / rollback call on a release, with the watch window
// as it was shown when the call was made (frozen: later imports do not
// change it).
type Call struct {
	ID       int64           `json:"id"`
	Call     string          `json:"call"` // go, hold, rollback
	At       time.Time       `json:"at"`
	By       string          `json:"by"`
	Note     string          `json:"note"`
	Window   string          `json:"window"`
	Evidence json.RawMessage `json:"evidence"`
}

// ReleaseReview is what the founder learnt once the call was made.
type ReleaseReview struct {
	Changed  string `json:"changed"`
	Broke    string `json:"broke"`
	Confused string `json:"confused"`
	Next     string `json:"next"`
}
