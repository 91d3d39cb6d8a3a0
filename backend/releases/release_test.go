package releases_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"keel/backend"
	"keel/backend/releases"
)

func TestStatusesCarryTheirTimes(t *testing.T) {
	t0 := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	r := releases.New("Usage-based billing", t0)
	if r.Status != releases.Planned || !r.Times.Planned.Equal(t0) || r.ShippedAt != nil {
		t.Fatalf("new: %+v", r)
	}
	// Straight to watching: rolling out is stamped on the way, and the
	// release went out then.
	t1 := t0.Add(48 * time.Hour)
	r, err := releases.SetStatus(r, releases.Watching, t1)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Times.RollingOut.Equal(t1) || !r.Times.Watching.Equal(t1) || !r.ShippedAt.Equal(t1) || !r.Times.Planned.Equal(t0) {
		t.Errorf("watching: %+v shipped %v", r.Times, r.ShippedAt)
	}
	// Decided needs a call.
	if _, err := releases.SetStatus(r, releases.Decided, t1); backend.ErrorCode(err) != backend.Invalid {
		t.Errorf("decided without a call: %v", err)
	}
	r.Owner = "Maya"
	t2 := t1.Add(72 * time.Hour)
	r, call, err := releases.Decide(r, releases.Rollback, "", "Refunds tripled", t2)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != releases.Decided || !r.Times.Decided.Equal(t2) || call.By != "Maya" || call.Window != "72h" {
		t.Errorf("decide: %s %+v %+v", r.Status, r.Times, call)
	}
	r.Calls = append(r.Calls, call)
	// Reviewed needs a review.
	if _, err := releases.SetStatus(r, releases.Reviewed, t2); backend.ErrorCode(err) != backend.Invalid {
		t.Errorf("reviewed without a review: %v", err)
	}
	r.Review.Broke = "Proration double-charged annual plans"
	t3 := t2.Add(24 * time.Hour)
	if r, err = releases.SetStatus(r, releases.Reviewed, t3); err != nil || !r.Times.Reviewed.Equal(t3) {
		t.Fatalf("reviewed: %v %+v", err, r.Times)
	}
	// Back to planned: later times and the ship date go.
	r, err = releases.SetStatus(r, releases.Planned, t3)
	if err != nil {
		t.Fatal(err)
	}
	if r.Times.RollingOut != nil || r.Times.Decided != nil || r.Times.Reviewed != nil || r.ShippedAt != nil || !r.Times.Planned.Equal(t0) {
		t.Errorf("back to planned: %+v shipped %v", r.Times, r.ShippedAt)
	}
}

func TestCallNeedsAShipDateAndAnOwner(t *testing.T) {
	r := releases.New("SSO", now)
	if _, _, err := releases.Decide(r, releases.Go, "Maya", "", now); err == nil || !strings.Contains(err.Error(), "not gone out") {
		t.Errorf("call before shipping: %v", err)
	}
	r, _ = releases.SetStatus(r, releases.RollingOut, now)
	if _, _, err := releases.Decide(r, releases.Go, "", "", now); err == nil || !strings.Contains(err.Error(), "who makes the call") {
		t.Errorf("call without anyone: %v", err)
	}
	if _, _, err := releases.Decide(r, "maybe", "Maya", "", now); backend.ErrorCode(err) != backend.Invalid {
		t.Errorf("unknown call: %v", err)
	}
}

func TestCleanRefusesWhatIsWrong(t *testing.T) {
	ok := releases.New("Team invites", now)
	cases := []struct {
		name string
		edit func(*backend.Release)
		want string // in the error; "" for none
	}{
		{"fine", func(r *backend.Release) {}, ""},
		{"no title", func(r *backend.Release) { r.Title = "  " }, "needs a title"},
		{"kind", func(r *backend.Release) { r.Kinds = []string{"refactor"} }, "not a kind of change"},
		{"rollout", func(r *backend.Release) { r.Rollout = "canary" }, "rollout path"},
		{"window", func(r *backend.Release) { r.Window = "30d" }, "watch window"},
		{"reversible unanswered", func(r *backend.Release) {
			r.Rollback = backend.RollbackPlan{DataFormats: "none", Reversible: true}
		}, "cannot be marked reversible yet"},
		{"reversible answered", func(r *backend.Release) {
			r.Rollback = backend.RollbackPlan{DataFormats: "none", UserVisible: "Invite e-mail", Support: "Macro updated",
				Analytics: "Tag invited_v2", Communication: "No message", Reversible: true}
		}, ""},
		{"unknown check", func(r *backend.Release) { r.Checks = map[string]time.Time{"vibes": now} }, "not a checklist item"},
		{"huge text", func(r *backend.Release) { r.Decision = strings.Repeat("x", 20_001) }, "too long"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := ok
			r.Checks = map[string]time.Time{}
			c.edit(&r)
			_, err := releases.Clean(r)
			switch {
			case c.want == "" && err != nil:
				t.Errorf("error %v", err)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
				t.Errorf("error %v, want %q", err, c.want)
			}
		})
	}
	r := ok
	r.Areas, r.Kinds, r.Flags = []string{" Billing", "user data", "billing", ""}, []string{"Feature"}, []string{"a", "a"}
	got, err := releases.Clean(r)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.Areas, []string{"billing", "user_data"}) || !slices.Equal(got.Kinds, []string{"feature"}) || len(got.Flags) != 1 {
		t.Errorf("tidied: %v %v %v", got.Areas, got.Kinds, got.Flags)
	}
}

func TestWarnings(t *testing.T) {
	base := func() backend.Release {
		r := releases.New("Plan limits", now)
		r.Owner, r.Reverse, r.Watch = "Maya", "Turn the flag off", []string{"tickets"}
		r.Areas, r.Kinds = []string{"billing"}, []string{"feature"}
		return r
	}
	ids := func(r backend.Release) []string {
		var out []string
		for _, w := range releases.Warnings(r) {
			out = append(out, w.ID)
		}
		return out
	}
	if got := ids(base()); len(got) != 0 {
		t.Errorf("a sound release warns %v", got)
	}
	r := base()
	r.Areas = []string{"billing", "permissions", "user_data"}
	if got := ids(r); !slices.Equal(got, []string{releases.WarnRiskyMix}) {
		t.Errorf("risky mix: %v", got)
	}
	r.MigrationPlan = "Backfill roles, dual-write for a week"
	if got := ids(r); len(got) != 0 {
		t.Errorf("with a migration plan: %v", got)
	}
	r = base()
	r.Owner, r.Reverse, r.Watch = "", "", nil
	if got := ids(r); !slices.Equal(got, []string{releases.WarnNoOwner, releases.WarnNoUndo, releases.WarnNoWatch}) {
		t.Errorf("empty: %v", got)
	}
	r.Flags = []string{"plan-limits"} // a flag is a way back
	if got := ids(r); slices.Contains(got, releases.WarnNoUndo) {
		t.Errorf("with a flag: %v", got)
	}
	r = base()
	r.Areas, r.Kinds = []string{"billing", "onboarding"}, []string{"feature", "fix"}
	ws := releases.Warnings(r)
	if len(ws) != 1 || ws[0].ID != releases.WarnBundle || !strings.Contains(ws[0].Text, "2 areas (billing, onboarding) and 2 kinds of change (feature, fix)") {
		t.Errorf("bundle: %+v", ws)
	}
}

func TestChecklistGuides(t *testing.T) {
	r := releases.New("Dark mode", now)
	steps := releases.Checklist(r)
	if len(steps) != 6 || releases.NextStep(steps) != "decision" {
		t.Fatalf("steps %d next %s", len(steps), releases.NextStep(steps))
	}
	r.Decision, r.Behaviour = "Do evening users stay longer?", "Users switch to dark mode"
	r.Areas, r.Kinds = []string{"reporting"}, []string{"feature"}
	r, _ = releases.Tick(r, "slice", true, now)
	r.Rollout, r.Affected, r.Reverse = "beta", "Scale accounts", "Flag off"
	steps = releases.Checklist(r)
	if releases.NextStep(steps) != "observability" {
		t.Fatalf("next %s: %+v", releases.NextStep(steps), steps[3])
	}
	if obs := steps[3]; len(obs.Checks) != 4 || len(obs.Missing) != 5 {
		t.Errorf("observability: %+v", obs)
	}
	for _, c := range []string{"obs_events", "obs_logs", "obs_support_tags", "obs_dashboards"} {
		r, _ = releases.Tick(r, c, true, now)
	}
	r.Watch = []string{"tickets", "activation_rate"}
	r.Owner = "Maya"
	r, _ = releases.SetStatus(r, releases.RollingOut, now)
	if next := releases.NextStep(releases.Checklist(r)); next != "review" {
		t.Errorf("next %s", next)
	}
	r, _ = releases.Tick(r, "slice", false, now)
	if next := releases.NextStep(releases.Checklist(r)); next != "slice" {
		t.Errorf("unticked: next %s", next)
	}
	if _, err := releases.Tick(r, "nope", true, now); err == nil {
		t.Error("unknown box ticked")
	}
}
