package demo

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"keel/backend"
	"keel/backend/releases"
	"keel/backend/workspace"
)

// The demo company's year of releases and its feature flags: releases
// that went well, the one rolled back (incident.go), the hotfix after it,
// a release that changed billing and permissions at once, one still in
// its watch window, two planned; flags exported from LaunchDarkly, some
// stale. Everything is relative to now.

const fileFlags = "launchdarkly_flags.json"

// demoFlag is a flag as the demo's LaunchDarkly project lists it.
type demoFlag struct {
	key, name, desc string
	temporary       bool
	tags            []string
	created, last   int // days before now
	on              bool
	rollout         int // percent served, 0 = no rollout (on serves everyone)
	maintainer      string
}

var flagsOfDemo = []demoFlag{
	{"notion-embeds", "Embed dashboards in Notion", "Shared dashboards as Notion embeds", true, []string{"reporting"}, 340, 300, true, 0, "maya"},
	{"slack-alerts", "Slack alerts", "Alerts to a Slack channel", true, []string{"notifications"}, 300, 250, true, 0, "jonas"},
	{"onboarding-checklist", "Onboarding checklist", "Checklist on the first dashboard", true, []string{"onboarding"}, 190, 175, true, 35, "jonas"},
	{"okta-sso", "SSO with Okta", "Single sign-on for Scale accounts", false, []string{"permission"}, 160, 150, true, 0, "maya"},
	{"annual-plan-nudge", "Annual plan nudge", "Experiment: nudge monthly payers to annual", true, []string{"experiment", "billing"}, 125, 110, true, 50, "maya"},
	{"usage-invoices", "Usage-based invoices", "Invoices with usage lines and proration", true, []string{"billing", "release"}, 85, 72, false, 0, "maya"},
	{"team-plans", "Team plans", "Seats, roles and per-seat billing", true, []string{"billing", "release"}, 45, 38, true, 20, "maya"},
	{"dark-mode", "Dark mode", "", true, []string{"release"}, 25, 18, true, 0, "jonas"},
	{"fast-csv-export", "Faster CSV exports", "Streaming CSV exports", true, []string{"release"}, 6, 2, true, 0, "jonas"},
	{"audit-log", "Audit log", "Audit log for Scale", true, []string{}, 10, 10, false, 0, "maya"},
	{"payments-kill-switch", "Payments kill switch", "Stops new checkouts when Stripe is down", false, []string{"kill-switch"}, 500, 500, false, 0, "jonas"},
}

var maintainers = map[string][3]string{
	"maya":  {"Maya", "Lindqvist", "maya@northwind.io"},
	"jonas": {"Jonas", "Berg", "jonas@northwind.io"},
}

// writeFlags writes the flag list as LaunchDarkly's GET /api/v2/flags
// returns it.
func (w *world) writeFlags(dir string) (string, error) {
	ms := func(days int) int64 { return w.now.AddDate(0, 0, -days).UnixMilli() }
	type env struct {
		Name         string         `json:"_environmentName"`
		Archived     bool           `json:"archived"`
		LastModified int64          `json:"lastModified"`
		On           bool           `json:"on"`
		Version      int            `json:"version"`
		Fallthrough  map[string]any `json:"fallthrough"`
		OffVariation int            `json:"offVariation"`
	}
	var items []map[string]any
	for i, f := range flagsOfDemo {
		ft := map[string]any{"variation": 0}
		if f.rollout > 0 {
			ft = map[string]any{"rollout": map[string]any{"variations": []map[string]int{
				{"variation": 0, "weight": f.rollout * 1000}, {"variation": 1, "weight": (100 - f.rollout) * 1000}}, "bucketBy": "key"}}
		}
		m := maintainers[f.maintainer]
		items = append(items, map[string]any{
			"name": f.name, "kind": "boolean", "key": f.key, "_version": 3 + i%5, "creationDate": ms(f.created),
			"variations": []map[string]any{{"value": true}, {"value": false}}, "temporary": f.temporary, "tags": f.tags,
			"maintainerId": fmt.Sprintf("5f3c%020d", i), "archived": false, "deprecated": false, "description": f.desc,
			"_maintainer":  map[string]any{"firstName": m[0], "lastName": m[1], "email": m[2], "role": "admin"},
			"defaults":     map[string]int{"onVariation": 0, "offVariation": 1},
			"environments": map[string]env{"production": {Name: "Production", LastModified: ms(f.last), On: f.on, Version: 2 + i%4, Fallthrough: ft, OffVariation: 1}},
			"_links":       map[string]any{"self": map[string]string{"href": "/api/v2/flags/northwind/" + f.key, "type": "application/json"}},
		})
	}
	b, err := json.MarshalIndent(map[string]any{"items": items, "totalCount": len(items),
		"_links": map[string]any{"self": map[string]string{"href": "/api/v2/flags/northwind", "type": "application/json"}}}, "", "  ")
	if err != nil {
		return "", backend.Errorf(backend.Internal, "Keel could not write the demo flags: %v", err)
	}
	path := filepath.Join(dir, fileFlags)
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		return "", backend.Errorf(backend.Internal, "Keel could not write the demo file %s: %v", fileFlags, err)
	}
	return path, nil
}

// demoRelease is one release of the demo's year.
type demoRelease struct {
	id      string
	days    int // shipped this many days before now; −1: planned
	hour    int
	r       backend.Release
	call    string // go, hold, rollback, "" for none yet
	note    string
	after   time.Duration // the call, after the release went out
	review  *backend.ReleaseReview
	allDone bool // every checklist box ticked
}

func demoReleases(now time.Time) []demoRelease {
	in := incidentOf(now)
	answered := backend.RollbackPlan{DataFormats: "None: the flag only changes how pages render.", UserVisible: "Nothing users keep.",
		Support: "No macro needed.", Analytics: "Accounts in the rollout are marked by the flag's events.", Communication: "None needed.", Reversible: true}
	rel := func(title, decision, behaviour, owner string) backend.Release {
		return backend.Release{Title: title, Decision: decision, Behaviour: behaviour, Owner: owner}
	}
	list := []demoRelease{
		{id: "rel_demo_notion", days: 330, hour: 10, call: releases.Go, after: 74 * time.Hour, note: "Embeds used by 40 accounts in three days, no tickets.", allDone: true,
			r: with(rel("Shared dashboards in Notion", "Do embeds bring back accounts that stopped opening Keel?", "Teams embed a dashboard in their Notion wiki", "Maya Lindqvist"),
				func(r *backend.Release) {
					r.Rollout, r.Flags, r.Areas, r.Kinds, r.Watch, r.Clusters = "everyone", []string{"notion-embeds"}, []string{"reporting"}, []string{"feature"}, []string{"tickets", "signups"}, []string{"embed"}
					r.Reverse, r.CouldBreak, r.Rollback = "Turn the notion-embeds flag off.", "Embeds of private dashboards.", answered
					r.Sentence = "Embed any shared dashboard in a Notion page."
				}),
			review: &backend.ReleaseReview{Changed: "A third of Growth accounts embedded a dashboard.", Next: "Embeds in Confluence."}},
		{id: "rel_demo_slack", days: 290, hour: 9, call: releases.Go, after: 8 * 24 * time.Hour, note: "Growth and Scale use it; no rise in tickets.", allDone: true,
			r: with(rel("Slack alerts", "Will alerts in Slack replace the daily e-mail?", "Teams route alerts to a channel", "Jonas Berg"),
				func(r *backend.Release) {
					r.Rollout, r.RolloutDetail, r.Segment.Plans = "beta", "Growth and Scale first", []string{"Growth", "Scale"}
					r.Affected, r.Flags, r.Areas, r.Kinds, r.Watch = "Growth and Scale accounts", []string{"slack-alerts"}, []string{"notifications"}, []string{"feature"}, []string{"tickets"}
					r.Reverse, r.Rollback, r.Window, r.Clusters = "Turn the slack-alerts flag off.", answered, "7d", []string{"slack"}
					r.KnownIssues = []backend.KnownIssue{{ID: "ki1", Title: "Alerts go to the first channel when two are connected",
						Workaround: "Disconnect the second channel, or pick the channel in the alert's settings.", Safe: true, Opened: daysAgo(now, 288), Fixed: daysAgo(now, 250)}}
					r.Sentence = "Send alerts to a Slack channel."
				}),
			review: &backend.ReleaseReview{Changed: "Daily e-mail opens fell by half.", Confused: "Which channel alerts go to when two are connected.", Next: "Pick the channel per alert."}},
		{id: "rel_demo_speed", days: 250, hour: 16, call: releases.Go, after: 3 * 24 * time.Hour, note: "Dashboards load twice as fast.", allDone: true,
			r: with(rel("Faster dashboard loading", "Is slowness why trials do not activate?", "Trials open a second dashboard", "Jonas Berg"),
				func(r *backend.Release) {
					r.Rollout, r.Areas, r.Kinds, r.Watch, r.Reverse, r.Rollback = "everyone", []string{"performance"}, []string{"fix"}, []string{"activation_rate", "tickets"}, "Revert the query cache.", answered
					r.Sentence = "Dashboards load twice as fast."
				}),
			review: &backend.ReleaseReview{Changed: "Load time p90 from 4.1 s to 1.9 s.", Next: "Watch activation for a month."}},
		{id: "rel_demo_csv", days: 215, hour: 11, call: releases.Go, after: 3 * 24 * time.Hour, note: "No more missing-rows tickets.", allDone: true,
			r: with(rel("CSV export keeps every row", "Stop the missing-rows tickets", "Exports match the table", "Jonas Berg"),
				func(r *backend.Release) {
					r.Rollout, r.Areas, r.Kinds, r.Watch, r.Reverse, r.Rollback, r.Clusters = "everyone", []string{"reporting"}, []string{"fix"}, []string{"tag:exports"}, "Revert the export job.", answered, []string{"csvrows"}
					r.Sentence = "CSV exports keep every row, however long the table."
				}),
			review: &backend.ReleaseReview{Changed: "Export tickets went from 6 a month to 1."}},
		{id: "rel_demo_onboarding", days: 180, hour: 10, call: releases.Go, after: 14 * 24 * time.Hour, note: "Activation up for the 35 % who see it.", allDone: true,
			r: with(rel("Onboarding checklist", "Does a checklist lift activation?", "Trials connect a data source in their first week", "Jonas Berg"),
				func(r *backend.Release) {
					r.Rollout, r.RolloutDetail, r.Flags, r.Areas, r.Kinds = "percentage", "35 % of new signups", []string{"onboarding-checklist"}, []string{"onboarding"}, []string{"feature"}
					r.Watch, r.Reverse, r.Rollback, r.Window, r.Affected = []string{"activation_rate", "signups"}, "Turn the flag off; the checklist hides.", answered, "14d", "New signups"
					r.Sentence = "New workspaces get a short checklist to their first dashboard."
				}),
			review: &backend.ReleaseReview{Changed: "Activation of the checklist group 41 % against 33 %.", Next: "Roll it out to everyone and remove the flag."}},
		{id: "rel_demo_sso", days: 150, hour: 9, call: releases.Go, after: 3 * 24 * time.Hour, note: "Six Scale accounts switched, no lockouts.", allDone: true,
			r: with(rel("SSO with Okta for Scale", "Is SSO what Scale prospects wait for?", "Scale admins turn SSO on", "Maya Lindqvist"),
				func(r *backend.Release) {
					r.Rollout, r.RolloutDetail, r.Segment.Plans, r.Affected = "plan", "Scale only", []string{"Scale"}, "Scale accounts"
					r.Flags, r.Areas, r.Kinds, r.Watch, r.Reverse, r.Rollback = []string{"okta-sso"}, []string{"permissions"}, []string{"feature"}, []string{"tickets", "tag:security"}, "Turn okta-sso off; passwords still work.", answered
					r.Sentence = "Scale accounts sign in with Okta."
				}),
			review: &backend.ReleaseReview{Changed: "Two Scale deals closed after the SSO demo.", Next: "Google Workspace SSO."}},
		{id: "rel_demo_nudge", days: 120, hour: 13, call: releases.Go, after: 10 * 24 * time.Hour, note: "Annual switches up; keep the experiment at 50 %.",
			r: with(rel("Annual plan nudge", "Will a nudge move monthly payers to annual?", "Monthly payers switch to yearly billing", "Maya Lindqvist"),
				func(r *backend.Release) {
					r.Rollout, r.RolloutDetail, r.Flags, r.Areas, r.Kinds = "percentage", "50 % of monthly payers", []string{"annual-plan-nudge"}, []string{"billing"}, []string{"feature"}
					r.Watch, r.Reverse, r.Window = []string{"mrr_expansion", "mrr_contraction", "refunds"}, "Turn the flag off.", "14d"
					r.Sentence = "Monthly payers see what they save on a yearly plan."
				})},
		{id: "rel_demo_usage", days: -2, call: releases.Rollback, after: 70 * time.Hour,
			note: "Refunds and billing tickets far above their usual range within three days. Flag off, overcharges refunded.",
			r: with(rel("Usage-based invoices", "Can usage lines on invoices replace seat counting?", "Accounts see what they used on each invoice", "Maya Lindqvist"),
				func(r *backend.Release) {
					r.Rollout, r.Flags, r.Areas, r.Kinds = "everyone", []string{"usage-invoices"}, []string{"billing"}, []string{"feature"}
					r.Watch, r.Reverse, r.CouldBreak = []string{"refunds", "tickets", "tag:invoices"}, "Turn the usage-invoices flag off and re-issue the invoices.", "Proration when seats change mid-period."
					r.Rollback = backend.RollbackPlan{DataFormats: "Invoices carry usage lines.", UserVisible: "Invoice PDFs and the billing page.",
						Support: "Macro: overcharge refunded within a day."}
					r.Sentence = "Invoices show usage lines."
				}),
			review: &backend.ReleaseReview{Changed: "Nothing kept: rolled back after three days.", Broke: "Renewals counted every seat twice; 80 % of them were partly refunded.",
				Confused: "Accounts read the usage line as a second charge.", Next: "Ship it again behind a percentage rollout, with a migration plan and a dry run on last month's invoices."}},
		{id: "rel_demo_hotfix", days: -3, call: releases.Go, after: 2 * 24 * time.Hour, note: "No new overcharge since.",
			r: with(rel("Hotfix: refund overcharged renewals", "Stop the overcharge and make it good", "No account pays twice", "Jonas Berg"),
				func(r *backend.Release) {
					r.Rollout, r.Areas, r.Kinds, r.Watch, r.Reverse, r.Rollback = "everyone", []string{"billing"}, []string{"hotfix"}, []string{"refunds"}, "Revert the script's commit.", answered
					r.Sentence = "Renewals are charged once again; overcharges were refunded."
				}),
			review: &backend.ReleaseReview{Changed: "Refunds back to their usual range within a week."}},
		{id: "rel_demo_teams", days: 40, hour: 15, call: releases.Hold, after: 3 * 24 * time.Hour, note: "Permission tickets up among Growth accounts; hold at 20 % until roles are clearer.",
			r: with(rel("Team plans: seats, roles and per-seat billing", "Will teams pay per seat?", "Admins invite teammates with roles", "Maya Lindqvist"),
				func(r *backend.Release) {
					r.Rollout, r.RolloutDetail, r.Segment.Plans, r.Affected = "plan", "Growth accounts, 20 %", []string{"Growth"}, "Growth accounts"
					r.Flags, r.Areas, r.Kinds, r.Watch = []string{"team-plans"}, []string{"billing", "permissions", "user_data"}, []string{"feature"}, []string{"tickets", "mrr_expansion"}
					r.Reverse = "Turn team-plans off; seats stay as billed."
					r.KnownIssues = []backend.KnownIssue{{ID: "ki1", Title: "Invited members see the owner's billing page",
						Workaround: "Support removes the Billing role by hand in the account's settings.", Opened: daysAgo(now, 38)}}
					r.Sentence = "Invite teammates with roles; pay per seat."
				})},
		{id: "rel_demo_dark", days: 20, hour: 10, call: releases.Go, after: 3 * 24 * time.Hour, note: "Quiet.",
			r: with(rel("Dark mode", "Do evening users stay longer?", "Users switch to dark mode", "Jonas Berg"),
				func(r *backend.Release) {
					r.Rollout, r.Flags, r.Areas, r.Kinds, r.Watch, r.Reverse, r.Rollback = "everyone", []string{"dark-mode"}, []string{"reporting"}, []string{"feature"}, []string{"tickets"}, "Turn the flag off.", answered
					r.Sentence = "Keel follows your system's dark mode."
				})},
		{id: "rel_demo_fastcsv", days: 2, hour: 9,
			r: with(rel("Faster CSV exports", "Can exports stream instead of timing out?", "Large exports finish", "Jonas Berg"),
				func(r *backend.Release) {
					r.Rollout, r.Flags, r.Areas, r.Kinds, r.Watch, r.Reverse = "everyone", []string{"fast-csv-export"}, []string{"performance"}, []string{"fix"}, []string{"tickets"}, "Turn the flag off."
				})},
		{id: "rel_demo_usage2", days: -1,
			r: with(rel("Usage-based invoices, second attempt", "Can usage lines replace seat counting without surprising anyone?", "Accounts see usage on invoices", "Maya Lindqvist"),
				func(r *backend.Release) {
					r.Rollout, r.RolloutDetail, r.Areas, r.Kinds = "percentage", "10 % of renewals, then 50 %", []string{"billing"}, []string{"feature", "migration"}
					r.MigrationPlan, r.Watch = "Dry run on last month's invoices; dual-write seats and usage for one cycle.", []string{"refunds", "tickets", "tag:invoices"}
					r.Reverse, r.Flags = "Turn the usage-invoices flag off; seat invoices are still written.", []string{"usage-invoices"}
				})},
		{id: "rel_demo_audit", days: -1,
			r: with(rel("Audit log for Scale", "", "", ""), func(r *backend.Release) {
				r.Areas, r.Kinds, r.Flags = []string{"permissions"}, []string{"feature"}, []string{"audit-log"}
			})},
	}
	for i := range list {
		d := &list[i]
		d.r.ID = d.id
		switch d.id {
		case "rel_demo_usage":
			d.r.ShippedAt = &in.ship
		case "rel_demo_hotfix":
			t := in.rollback.Add(22 * time.Hour)
			d.r.ShippedAt = &t
		default:
			if d.days >= 0 {
				day := now.AddDate(0, 0, -d.days)
				t := time.Date(day.Year(), day.Month(), day.Day(), d.hour, 0, 0, 0, time.UTC)
				d.r.ShippedAt = &t
			}
		}
	}
	return list
}

// daysAgo is the date n days before now, as a known issue keeps it.
func daysAgo(now time.Time, n int) string { return now.AddDate(0, 0, -n).Format(time.DateOnly) }

func with(r backend.Release, f func(*backend.Release)) backend.Release {
	f(&r)
	return r
}

// SeedReleases writes the demo's releases into its workspace, once the
// exports are imported: each call carries its watch window as the data
// shows it, frozen as evidence; the flags get their owners, purposes,
// releases and cleanup dates.
//
// The releases name the clusters they answer by the keys of the feedback
// history's clusters ("slack"); LinkClusters puts the clusters' ids in
// their place once the history is written.
func SeedReleases(ctx context.Context, db *workspace.DB, now time.Time) error {
	for _, d := range demoReleases(now) {
		if _, err := seedOne(ctx, db, d, now); err != nil {
			return fmt.Errorf("demo release %q: %w", d.r.Title, err)
		}
	}
	return seedFlags(db, now)
}

func seedOne(ctx context.Context, db *workspace.DB, d demoRelease, now time.Time) (backend.Release, error) {
	planned := now.AddDate(0, 0, -30)
	if d.r.ShippedAt != nil {
		planned = d.r.ShippedAt.AddDate(0, 0, -12)
	}
	r := releases.New(d.r.Title, planned)
	r.ID = d.id
	r, err := releases.Edit(r, d.r)
	if err != nil {
		return r, err
	}
	if d.allDone || d.r.ShippedAt != nil {
		for _, c := range []string{"slice", "obs_events", "obs_logs", "obs_support_tags", "obs_dashboards"} {
			if d.allDone || c == "slice" {
				r, _ = releases.Tick(r, c, true, planned.Add(24*time.Hour))
			}
		}
	}
	if d.r.ShippedAt == nil {
		return db.SaveRelease(r)
	}
	ship := *d.r.ShippedAt
	if r, err = releases.SetStatus(r, releases.Watching, ship); err != nil {
		return r, err
	}
	if d.call == "" {
		return db.SaveRelease(r)
	}
	at := ship.Add(d.after)
	r, c, err := releases.Decide(r, d.call, "", d.note, at)
	if err != nil {
		return r, err
	}
	w, err := releases.WatchWindow(ctx, db, r, r.Window, nil)
	if err != nil {
		return r, err
	}
	w.Computed = at
	if c.Evidence, err = json.Marshal(w); err != nil {
		return r, err
	}
	if d.review != nil {
		r.Review = *d.review
		r.Calls = append(r.Calls, c) // so that the review can follow the call
		if r, err = releases.SetStatus(r, releases.Reviewed, at.Add(5*24*time.Hour)); err != nil {
			return r, err
		}
		r.Calls = nil
	}
	return db.AddCall(r, c)
}

// seedFlags adds the founder's words to the imported flags.
func seedFlags(db *workspace.DB, now time.Time) error {
	rel := map[string]string{}
	for _, d := range demoReleases(now) {
		for _, f := range d.r.Flags {
			rel[f] = d.id
		}
	}
	purpose := map[string]string{
		"onboarding-checklist": "Show the checklist to a share of new signups until activation is clear.",
		"usage-invoices":       "Usage lines on invoices; off since the rollback.",
		"payments-kill-switch": "Stop new checkouts when Stripe has an incident.",
	}
	for _, f := range flagsOfDemo {
		e := releases.FlagEdit{Key: "launchdarkly:" + f.key}
		owner := maintainers[f.maintainer][0] + " " + maintainers[f.maintainer][1]
		e.Owner = &owner
		if p, ok := purpose[f.key]; ok {
			e.Purpose = &p
		}
		if id, ok := rel[f.key]; ok {
			e.Release = &id
		}
		if f.temporary {
			due := now.AddDate(0, 0, -f.created+90)
			e.CleanupDue = &due
		}
		switch f.key {
		case "payments-kill-switch":
			t := "kill_switch"
			e.Type = &t
		case "okta-sso":
			t := "permission"
			e.Type = &t
		case "annual-plan-nudge":
			t := "experiment"
			e.Type = &t
		default:
			t := "release"
			e.Type = &t
		}
		if _, err := releases.EditFlag(db, e); err != nil {
			return fmt.Errorf("demo flag %s: %w", f.key, err)
		}
	}
	return nil
}

// LinkClusters replaces, in every release, the feedback history keys by
// the ids of the clusters written for them (ids: key → cluster id); a key
// with no cluster is dropped.
func LinkClusters(db *workspace.DB, ids map[string]string) error {
	rs, err := db.Releases(true)
	if err != nil {
		return err
	}
	for _, r := range rs {
		if len(r.Clusters) == 0 {
			continue
		}
		linked := []string{}
		for _, k := range r.Clusters {
			if id := ids[k]; id != "" {
				linked = append(linked, id)
			}
		}
		r.Clusters = linked
		if _, err := db.SaveRelease(r); err != nil {
			return err
		}
	}
	return nil
}
