package releases_test

import (
	"strings"
	"testing"
	"time"

	"keel/backend"
	"keel/backend/releases"
	"keel/backend/workspace"
)

func days(n int) time.Time { return now.Add(-time.Duration(n) * 24 * time.Hour) }
func bp(n int64) *int64    { return &n }
func yes(b bool) *bool     { return &b }
func str(s string) *string { return &s }

func staleOf(t *testing.T, db *workspace.DB) map[string][]string {
	t.Helper()
	reg, err := releases.Flags(db, false)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, f := range reg.Flags {
		out[f.FlagKey] = f.Stale
	}
	return out
}

func TestFlagStaleness(t *testing.T) {
	db := newDB(t)
	reviewed := shipped(t, "Old onboarding", days(90))
	reviewed.Times.Reviewed = tp(days(45))
	reviewed.Status = releases.Reviewed
	db.SaveRelease(reviewed)
	put(t, db,
		// temporary, cleanup due passed
		&backend.Flag{Source: "launchdarkly", FlagKey: "new-invoices", Temporary: yes(true), State: "percentage", Percentage: bp(5000),
			Created: tp(days(60)), Updated: tp(days(2)), CleanupDue: tp(days(1))},
		// at 100 % for 40 days
		&backend.Flag{Source: "launchdarkly", FlagKey: "seat-counter", Temporary: yes(true), State: "on", Created: tp(days(50)), Updated: tp(days(40))},
		// at 100 % for 10 days: fresh
		&backend.Flag{Source: "launchdarkly", FlagKey: "sso", State: "percentage", Percentage: bp(10000), Updated: tp(days(10))},
		// off for 31 days, lifetime unknown
		&backend.Flag{Source: "unleash", FlagKey: "legacy-export", State: "off", Created: tp(days(31))},
		// a permanent kill switch off for a year: fine
		&backend.Flag{Source: "unleash", FlagKey: "kill-payments", Type: "kill_switch", Temporary: yes(false), State: "off", Created: tp(days(365))},
		// archived in its tool
		&backend.Flag{Source: "posthog", FlagKey: "archived-one", State: "on", Archived: true, Created: tp(days(400))},
		// its release was reviewed 45 days ago
		&backend.Flag{Source: "growthbook", FlagKey: "onboarding-v2", State: "percentage", Percentage: bp(2500), Updated: tp(days(3))},
	)
	if _, err := releases.EditFlag(db, releases.FlagEdit{Key: "growthbook:onboarding-v2", Release: str(reviewed.ID)}); err != nil {
		t.Fatal(err)
	}
	got := staleOf(t, db)
	want := map[string]string{
		"new-invoices":  "past its cleanup date",
		"seat-counter":  "Serving everyone since",
		"legacy-export": "Serving no one since",
		"onboarding-v2": "Its release “Old onboarding” was reviewed",
	}
	for k, s := range got {
		w, ok := want[k]
		if ok != (len(s) > 0) || ok && !strings.Contains(strings.Join(s, " "), w) {
			t.Errorf("%s: stale %q, want %q", k, s, w)
		}
	}
	// The threshold is a setting: at 60 days only the cleanup date is left.
	if err := db.SetSetting(workspace.SettingFlagStaleDays, "60"); err != nil {
		t.Fatal(err)
	}
	got = staleOf(t, db)
	if len(got["seat-counter"]) != 0 || len(got["legacy-export"]) != 0 || len(got["onboarding-v2"]) != 0 || len(got["new-invoices"]) != 1 {
		t.Errorf("at 60 days: %v", got)
	}
	if err := db.SetSetting(workspace.SettingFlagStaleDays, "0"); err == nil {
		t.Error("a threshold of 0 days accepted")
	}
}

func TestFlagEditsAndKeelFlags(t *testing.T) {
	db := newDB(t)
	put(t, db, &backend.Flag{Source: "posthog", FlagKey: "Beta-Reports", Name: "Beta reports", State: "on", Owner: "dev@x.io"})
	f, err := releases.NewFlag(db, "usage-billing")
	if err != nil {
		t.Fatal(err)
	}
	if f.Key != "keel:usage-billing" || f.State != "off" || f.Lifetime != "temporary" || f.Imported {
		t.Errorf("new flag %+v", f)
	}
	if _, err := releases.NewFlag(db, "beta-reports"); backend.ErrorCode(err) != backend.Conflict {
		t.Errorf("duplicate key: %v", err)
	}
	if _, err := releases.NewFlag(db, "has spaces"); backend.ErrorCode(err) != backend.Invalid {
		t.Errorf("bad key: %v", err)
	}
	// The founder's words win over the tool's, and survive a re-import.
	f, err = releases.EditFlag(db, releases.FlagEdit{Key: "posthog:beta-reports", Owner: str("Maya"), Purpose: str("Try new reports"),
		State: str("percentage"), Percentage: bp(2000)})
	if err != nil {
		t.Fatal(err)
	}
	if f.Owner != "Maya" || f.Purpose != "Try new reports" || f.State != "percentage" || *f.Percentage != 2000 || !f.StateSince.Equal(now) {
		t.Errorf("edited %+v", f)
	}
	put(t, db, &backend.Flag{Source: "posthog", FlagKey: "Beta-Reports", Name: "Beta reports", State: "on", Owner: "other@x.io"})
	reg, _ := releases.Flags(db, false)
	for _, f := range reg.Flags {
		if f.FlagKey == "Beta-Reports" && (f.Owner != "Maya" || f.State != "percentage") {
			t.Errorf("after re-import: %+v", f)
		}
	}
	for _, bad := range []releases.FlagEdit{
		{Key: "keel:usage-billing", Type: str("toggle")},
		{Key: "keel:usage-billing", Lifetime: str("forever")},
		{Key: "keel:usage-billing", State: str("percentage")},
		{Key: "keel:usage-billing", State: str("percentage"), Percentage: bp(12000)},
		{Key: "keel:usage-billing", Release: str("rel_nope")},
	} {
		if _, err := releases.EditFlag(db, bad); err == nil {
			t.Errorf("accepted %+v", bad)
		}
	}
	// Delete asks nothing here (the page asks); it can be undone.
	if err := releases.DeleteFlag(db, "posthog:beta-reports"); err != nil {
		t.Fatal(err)
	}
	if reg, _ := releases.Flags(db, false); len(reg.Flags) != 1 {
		t.Errorf("after delete: %d flags", len(reg.Flags))
	}
	if err := releases.RestoreFlag(db, "posthog:beta-reports"); err != nil {
		t.Fatal(err)
	}
	if reg, _ := releases.Flags(db, false); len(reg.Flags) != 2 {
		t.Errorf("after restore: %d flags", len(reg.Flags))
	}
}
