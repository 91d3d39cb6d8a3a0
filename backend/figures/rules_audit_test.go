package figures_test

// The newer sections of `keel metrics --json` (METRICS.md: Feedback,
// Operations, Decisions, Costs, Product) on small hand-built workspaces in
// a time zone west of UTC, so that every "in M" is checked against the
// workspace's months. Each expected number is worked out by hand in the
// comments; none is computed by the code under test.

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"keel/backend"
	"keel/backend/feedback"
	"keel/backend/figures"
	"keel/backend/workspace"
)

var actx = context.Background()

// ny is the workspace time zone of these tests: 5 hours behind UTC in
// winter, so 03:00 UTC on the 1st is still the last day of the month before.
const ny = "America/New_York"

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func tptr(t time.Time) *time.Time { return &t }

// auditDB is an empty workspace in New York whose clock stands at now.
func auditDB(t *testing.T, now string) *workspace.DB {
	t.Helper()
	db, err := workspace.Create(filepath.Join(t.TempDir(), "a.keel"), "A")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.SetSetting(workspace.SettingTimeZone, ny); err != nil {
		t.Fatal(err)
	}
	db.Now = func() time.Time { return utc(now) }
	return db
}

func put(t *testing.T, db *workspace.DB, source string, recs ...backend.Record) {
	t.Helper()
	b, err := db.BeginImport(actx, workspace.ImportMeta{File: source + ".csv", Source: source, Kind: "test"})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if _, err := b.Put(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Commit(workspace.Counts{}); err != nil {
		t.Fatal(err)
	}
}

// payer is a Stripe customer paying amount (cents) a month from start.
func payer(id, email string, amount int64, start string) []backend.Record {
	return []backend.Record{
		&backend.Customer{Source: "stripe", ID: id, Email: email, Name: id, Created: tptr(utc(start))},
		&backend.Subscription{Source: "stripe", ID: "sub_" + id, CustomerID: id, Status: "active", Plan: "price_" + id, Quantity: 1,
			Currency: "usd", Interval: "month", IntervalCount: 1, Amount: amount, Start: tptr(utc(start))},
	}
}

func ticket(id, email, created string) *backend.Ticket {
	return &backend.Ticket{Source: "zendesk", ID: id, RequesterEmail: email, Subject: "Ticket " + id, Status: "open", Created: utc(created)}
}

// metricsJSON is the set as `keel metrics --json` prints it, decoded.
func metricsJSON(t *testing.T, db *workspace.DB, from, to string) []map[string]map[string]any {
	t.Helper()
	s, err := load(t, db, from, to)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(s.Metrics())
	if err != nil {
		t.Fatal(err)
	}
	var out struct {
		Months []map[string]json.RawMessage `json:"months"`
	}
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	ms := make([]map[string]map[string]any, len(out.Months))
	for i, m := range out.Months {
		ms[i] = map[string]map[string]any{}
		for k, raw := range m {
			if k == "month" {
				continue
			}
			sec := map[string]any{}
			if err := json.Unmarshal(raw, &sec); err != nil {
				t.Fatal(err)
			}
			ms[i][k] = sec
		}
	}
	return ms
}

// column is one field of one section over the months, as text: a number,
// or "null".
func column(t *testing.T, ms []map[string]map[string]any, section, field string) string {
	t.Helper()
	out := ""
	for i, m := range ms {
		sec, ok := m[section]
		if !ok {
			t.Fatalf("month %d has no %s section", i, section)
		}
		v, ok := sec[field]
		if !ok {
			t.Fatalf("month %d: %s has no field %s", i, section, field)
		}
		if i > 0 {
			out += " "
		}
		if v == nil {
			out += "null"
		} else {
			out += fmt.Sprint(v)
		}
	}
	return out
}

func want(t *testing.T, ms []map[string]map[string]any, section, field, exp string) {
	t.Helper()
	if got := column(t, ms, section, field); got != exp {
		t.Errorf("%s.%s = %s, want %s", section, field, got, exp)
	}
}

// Feedback: items created in M, untyped at the end of M (typed after M:
// still untriaged then; created after M: not counted), strategy signals
// created in M, people told in M — months in New York.
func TestAuditFeedbackSection(t *testing.T) {
	db := auditDB(t, "2025-04-20T16:00:00Z")
	put(t, db, "zendesk",
		ticket("1", "ann@acme.io", "2025-02-01T03:00:00Z"), // 31 Jan in New York
		ticket("2", "bo@beta.io", "2025-02-15T15:00:00Z"),
		ticket("3", "ann@acme.io", "2025-04-10T15:00:00Z"))
	put(t, db, "csv", &backend.Feedback{Source: "csv", ID: "1", Created: utc("2025-03-01T02:00:00Z"), // 28 Feb in New York
		Email: "ann@acme.io", Title: "SSO", Text: "We need SSO"})
	s := feedback.New(db)
	// Typed on 20 April: the January ticket a bug, the board row a
	// strategy signal.
	if _, err := s.SetType(actx, []string{"ticket:zendesk:1"}, feedback.Bug); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetType(actx, []string{"feedback:csv:1"}, feedback.Strategy); err != nil {
		t.Fatal(err)
	}
	ch, err := s.Create(actx, "SSO", []string{"ticket:zendesk:1", "feedback:csv:1"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.MarkTold(actx, ch.Cluster, []string{"ann@acme.io"}, "2025-03-31", true); err != nil {
		t.Fatal(err)
	}
	ms := metricsJSON(t, db, "2025-01", "2025-04")
	want(t, ms, "feedback", "feedback_items", "1 2 0 1")
	// End of Jan: ticket 1. Feb: 1, 2 and the row (typed in April). Mar:
	// the same three. Apr: 2 and 3 (1 and the row typed on 20 April).
	want(t, ms, "feedback", "untriaged", "1 3 3 2")
	want(t, ms, "feedback", "strategy_signals", "0 1 0 0")
	want(t, ms, "feedback", "loops_closed", "0 0 1 0")
}

// Operations: releases, rollbacks and hotfixes in the month they happened
// (New York), bugs per release (null without a release), manual work and
// per active account (null without active accounts, 0 with no work).
func TestAuditOperationsSection(t *testing.T) {
	db := auditDB(t, "2025-04-20T16:00:00Z")
	put(t, db, "stripe", append(payer("cus_a", "ann@acme.io", 10000, "2025-01-05T12:00:00Z"),
		payer("cus_b", "bo@beta.io", 5000, "2025-01-05T12:00:00Z")...)...)
	put(t, db, "zendesk",
		ticket("1", "ann@acme.io", "2025-02-02T12:00:00Z"), // inside r1's 72 h
		ticket("2", "bo@beta.io", "2025-02-03T00:00:00Z"),  // inside r1's 72 h
		ticket("3", "bo@beta.io", "2025-02-20T18:00:00Z"),  // inside r2's 24 h
		ticket("4", "ann@acme.io", "2025-02-25T12:00:00Z"), // in no window
		ticket("5", "ann@acme.io", "2025-02-02T13:00:00Z")) // inside r1's window, not a bug
	s := feedback.New(db)
	if _, err := s.SetType(actx, []string{"ticket:zendesk:1", "ticket:zendesk:2", "ticket:zendesk:3", "ticket:zendesk:4"}, feedback.Bug); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetType(actx, []string{"ticket:zendesk:5"}, feedback.Request); err != nil {
		t.Fatal(err)
	}
	// r1 goes out at 23:30 on 31 January in New York (a hotfix) and is
	// rolled back at 22:00 on 28 February; r2 goes out on 20 February.
	r1 := backend.Release{ID: "r1", Title: "Hotfix", Owner: "o", Kinds: []string{"hotfix"}, Status: "decided", Window: "72h",
		ShippedAt: tptr(utc("2025-02-01T04:30:00Z"))}
	r2 := backend.Release{ID: "r2", Title: "Feature", Owner: "o", Kinds: []string{"feature"}, Status: "watching", Window: "24h",
		ShippedAt: tptr(utc("2025-02-20T12:00:00Z"))}
	var err error
	if r1, err = db.SaveRelease(r1); err != nil {
		t.Fatal(err)
	}
	if _, err = db.AddCall(r1, backend.Call{Call: "rollback", At: utc("2025-03-01T03:00:00Z"), By: "o", Window: "72h"}); err != nil {
		t.Fatal(err)
	}
	if _, err = db.SaveRelease(r2); err != nil {
		t.Fatal(err)
	}
	// A release deleted after it went out counts nowhere.
	if _, err = db.SaveRelease(backend.Release{ID: "r3", Title: "Gone", Owner: "o", Kinds: []string{"hotfix"}, Status: "watching", Window: "14d",
		ShippedAt: tptr(utc("2025-02-10T12:00:00Z"))}); err != nil {
		t.Fatal(err)
	}
	if err = db.DeleteRelease("r3"); err != nil {
		t.Fatal(err)
	}
	for _, w := range []struct {
		at      string
		minutes int64
	}{{"2025-02-01T02:00:00Z", 30}, {"2025-02-10T15:00:00Z", 15}, {"2025-02-11T15:00:00Z", 45}} {
		if _, err := db.AddManualWork(backend.ManualWork{At: utc(w.at), Account: "ann@acme.io", Type: "data_fix", Minutes: w.minutes}); err != nil {
			t.Fatal(err)
		}
	}
	ms := metricsJSON(t, db, "2024-12", "2025-03")
	want(t, ms, "operations", "releases", "0 1 1 0")
	want(t, ms, "operations", "hotfixes", "0 1 0 0")
	want(t, ms, "operations", "rollbacks", "0 0 1 0")
	// January: tickets 1 and 2 / r1. February: ticket 3 / r2.
	want(t, ms, "operations", "bugs_per_release", "null 2 1 null")
	want(t, ms, "operations", "manual_interventions", "0 1 2 0")
	want(t, ms, "operations", "manual_minutes", "0 30 60 0")
	// Both accounts pay from 5 January: none active in December.
	want(t, ms, "support", "active_accounts", "0 2 2 2")
	want(t, ms, "operations", "manual_interventions_per_account", "null 0.5 1 0")
}

// Decisions: each status counted in the month it was reached (a release
// link ships a decision the day the release went out, in New York), the
// nearest-rank median of days made → validated, and the decisions overdue
// as they stood at the end of each month (not as they stand today).
func TestAuditDecisionsSection(t *testing.T) {
	db := auditDB(t, "2025-06-15T16:00:00Z")
	if _, err := db.SaveRelease(backend.Release{ID: "r1", Title: "One", Owner: "o", Status: "watching", Window: "24h",
		ShippedAt: tptr(utc("2025-02-01T04:30:00Z"))}); err != nil { // 31 January in New York
		t.Fatal(err)
	}
	d := func(made, review, shipped, closed, status, release string) backend.Decision {
		by := ""
		if shipped != "" {
			by = "done"
		}
		return backend.Decision{Kind: "change", What: made + " " + review, Owner: "o", Made: made, ReviewOn: review,
			ShippedOn: shipped, ShippedBy: by, ClosedOn: closed, Status: status, ReleaseID: release}
	}
	if err := db.SaveDecisions([]backend.Decision{
		d("2025-01-05", "2025-02-01", "2025-01-20", "2025-02-10", backend.DecisionValidated, ""), // 36 days
		d("2025-01-10", "2025-02-01", "", "2025-02-20", backend.DecisionValidated, ""),           // 41 days
		d("2025-02-01", "2025-03-01", "", "2025-03-05", backend.DecisionInvalidated, ""),
		d("2025-01-15", "2025-02-15", "", "", backend.DecisionMade, "r1"),              // shipped 31 Jan; overdue from Feb
		d("2025-01-20", "2025-02-10", "", "2025-04-02", backend.DecisionValidated, ""), // 72 days; overdue Feb, Mar
		d("2025-02-02", "2025-02-20", "", "2025-03-01", backend.DecisionAbandoned, ""), // overdue Feb
		d("2025-03-10", "2025-04-30", "", "", backend.DecisionMade, ""),                // review on the last day of April
	}); err != nil {
		t.Fatal(err)
	}
	ms := metricsJSON(t, db, "2025-01", "2025-04")
	want(t, ms, "decisions", "decisions_made", "4 2 1 0")
	want(t, ms, "decisions", "decisions_shipped", "2 0 0 0")
	want(t, ms, "decisions", "decisions_validated", "0 2 0 1")
	want(t, ms, "decisions", "decisions_invalidated", "0 0 1 0")
	// February: 36 and 41, rank ⌈0.5 × 2⌉ = 1 → 36 (interpolation: 38.5).
	want(t, ms, "decisions", "decision_days_p50", "null 36 null 72")
	// End of Feb: the r1 decision, the one validated in April, the one
	// abandoned on 1 March. Mar: the first two. Apr: the r1 decision, and
	// the one whose review date is 30 April (its day is over at the end of
	// April).
	want(t, ms, "decisions", "decisions_overdue", "0 3 2 2")
}

// Costs: each account's usage × unit cost rounded half away from zero once
// per account and month, summed; margin null when MRR is 0; power users at
// ≥ 100 × the nearest-rank median over active accounts using the driver;
// test-mode subscriptions left out of MRR.
func TestAuditCostsSection(t *testing.T) {
	db := auditDB(t, "2025-04-20T16:00:00Z")
	recs := append(payer("cus_a", "ann@acme.io", 10000, "2025-01-05T12:00:00Z"), payer("cus_b", "bo@beta.io", 5000, "2025-01-05T12:00:00Z")...)
	recs = append(recs, &backend.Customer{Source: "stripe", ID: "cus_c", Email: "cy@cy.io", Name: "Cy", Created: tptr(utc("2025-01-05T12:00:00Z"))},
		&backend.Subscription{Source: "stripe", ID: "sub_test_1", CustomerID: "cus_b", Status: "active", Plan: "price_cus_b", Quantity: 1,
			Currency: "usd", Interval: "month", IntervalCount: 1, Amount: 99900, Start: tptr(utc("2025-01-05T12:00:00Z")), Test: true})
	put(t, db, "stripe", recs...)
	var evs []backend.Record
	n := 0
	ev := func(email, at string, k int) {
		for range k {
			n++
			evs = append(evs, &backend.Event{Source: "posthog", ID: fmt.Sprint(n), Name: "email_sent", DistinctID: email, Email: email, Time: utc(at)})
		}
	}
	ev("cy@cy.io", "2025-03-01T03:00:00Z", 1) // 28 February in New York
	ev("ann@acme.io", "2025-03-10T12:00:00Z", 300)
	ev("bo@beta.io", "2025-03-10T12:00:00Z", 1)
	ev("cy@cy.io", "2025-03-10T12:00:00Z", 1)
	put(t, db, "posthog", evs...)
	if _, err := db.SaveCostDriver(backend.CostDriver{Name: "E-mails", Unit: "e-mail", Source: backend.UsageEvents,
		Events: []string{"email_sent"}, UnitCost: "0.5"}); err != nil {
		t.Fatal(err)
	}
	ms := metricsJSON(t, db, "2024-12", "2025-03")
	// February: Cy 1 × 0.5 → 1. March: Ann 150, Bo 0.5 → 1, Cy 0.5 → 1:
	// 152 (rounding the month's 151 once would give 151).
	want(t, ms, "costs", "cost_to_serve", "0 0 1 152")
	// MRR 15000 from January (the test-mode 999.00 left out); none in December.
	want(t, ms, "costs", "margin", fmt.Sprintf("null 1 %v %v", float64(15000-1)/15000, float64(15000-152)/15000))
	// March: usages 300, 1, 1; median rank ⌈1.5⌉ = 2 → 1; 300 ≥ 100.
	want(t, ms, "costs", "power_users", "0 0 0 1")

	mar, _ := backend.ParseMonth("2025-03")
	s, err := figures.LoadReview(db, mar, mar)
	if err != nil {
		t.Fatal(err)
	}
	// Each plan's accounts at the end of March, their MRR and cost: Ann's
	// plan, Bo's, and Cy's none (largest MRR first, no plan last).
	got := ""
	for _, p := range s.CostPlans {
		got += fmt.Sprintf("%t:%d/%d/%d ", p.Plan != "", p.Accounts, p.MRR, p.Cost)
	}
	if exp := "true:1/10000/150 true:1/5000/1 false:1/0/1 "; got != exp {
		t.Errorf("cost per plan in March: %s, want %s", got, exp)
	}
}

// Product: signups in the month first seen (New York), activation within
// activation_days of signup, null until an activation event is picked.
func TestAuditProductSection(t *testing.T) {
	db := auditDB(t, "2025-04-20T16:00:00Z")
	put(t, db, "posthog",
		&backend.Event{Source: "posthog", ID: "1", Name: "login", DistinctID: "u1", Time: utc("2025-02-01T03:00:00Z")}, // 31 Jan
		&backend.Event{Source: "posthog", ID: "2", Name: "project_created", DistinctID: "u1", Time: utc("2025-02-14T02:00:00Z")},
		&backend.Event{Source: "posthog", ID: "3", Name: "login", DistinctID: "u2", Time: utc("2025-02-10T15:00:00Z")},
		&backend.Event{Source: "posthog", ID: "4", Name: "project_created", DistinctID: "u2", Time: utc("2025-02-25T16:00:00Z")}, // day 15
		&backend.Event{Source: "posthog", ID: "5", Name: "login", DistinctID: "u3", Time: utc("2025-02-12T15:00:00Z")})
	ms := metricsJSON(t, db, "2025-01", "2025-03")
	want(t, ms, "product", "signups", "1 2 0")
	want(t, ms, "product", "activation_rate", "null null null")
	if err := db.SetSetting(workspace.SettingActivationEvents, "project_created"); err != nil {
		t.Fatal(err)
	}
	ms = metricsJSON(t, db, "2025-01", "2025-03")
	want(t, ms, "product", "activation_rate", "1 0 null")
}

// A power user is one by its usage, whatever it costs: 250 API calls at
// 0.001 cents each cost 0.25 cents, rounded to 0, and are still 125 × the
// median (no billing: Ann, Bo, Cy and Dee only use the product). Usages 1,
// 2, 10, 250: the nearest-rank median is the 2nd, 2 (interpolated: 6, and
// 250 would fall short of 600).
func TestAuditPowerUserCostingNothing(t *testing.T) {
	db := auditDB(t, "2025-04-20T16:00:00Z")
	var evs []backend.Record
	n := 0
	for _, u := range []struct {
		email string
		k     int
	}{{"ann@acme.io", 250}, {"bo@beta.io", 1}, {"cy@cy.io", 2}, {"dee@dee.io", 10}} {
		for range u.k {
			n++
			evs = append(evs, &backend.Event{Source: "posthog", ID: fmt.Sprint(n), Name: "api_call", DistinctID: u.email, Email: u.email,
				Time: utc("2025-03-10T12:00:00Z")})
		}
	}
	put(t, db, "posthog", evs...)
	if _, err := db.SaveCostDriver(backend.CostDriver{Name: "API", Unit: "call", Source: backend.UsageEvents,
		Events: []string{"api_call"}, UnitCost: "0.001"}); err != nil {
		t.Fatal(err)
	}
	ms := metricsJSON(t, db, "2025-03", "2025-03")
	want(t, ms, "costs", "cost_to_serve", "0")
	want(t, ms, "costs", "margin", "null")
	want(t, ms, "costs", "power_users", "1")
}

// Test-mode rows are left out by default: a test customer with a test
// subscription in February and a test payment of another address in March
// are neither signups nor active accounts.
func TestAuditTestModeLeftOut(t *testing.T) {
	db := auditDB(t, "2025-04-20T16:00:00Z")
	recs := payer("cus_a", "ann@acme.io", 10000, "2025-01-05T12:00:00Z")
	recs = append(recs, &backend.Customer{Source: "stripe", ID: "cus_t", Email: "t@t.io", Name: "T", Created: tptr(utc("2025-02-05T12:00:00Z")), Test: true},
		&backend.Subscription{Source: "stripe", ID: "sub_t", CustomerID: "cus_t", Status: "active", Plan: "p", Quantity: 1,
			Currency: "usd", Interval: "month", IntervalCount: 1, Amount: 5000, Start: tptr(utc("2025-02-05T12:00:00Z")), Test: true},
		&backend.Payment{Source: "stripe", ID: "ch_test_1", RowKey: "ch_test_1", Created: utc("2025-03-05T12:00:00Z"), Amount: 1000,
			Currency: "usd", Status: "paid", CustomerID: "cus_u", CustomerEmail: "u@u.io", Test: true})
	put(t, db, "stripe", recs...)
	ms := metricsJSON(t, db, "2025-01", "2025-03")
	want(t, ms, "product", "signups", "1 0 0")
	want(t, ms, "support", "active_accounts", "1 1 1")
	want(t, ms, "revenue", "mrr", "10000 10000 10000")
}

// Support minutes are the account's tickets created in the month × the
// handling minutes per ticket; manual minutes the minutes logged for it in
// the month (METRICS.md, Costs), months in New York.
func TestAuditCostsOfSupportAndManualWork(t *testing.T) {
	db := auditDB(t, "2025-04-20T16:00:00Z")
	put(t, db, "stripe", append(payer("cus_a", "ann@acme.io", 10000, "2025-01-05T12:00:00Z"),
		payer("cus_b", "bo@beta.io", 5000, "2025-01-05T12:00:00Z")...)...)
	put(t, db, "zendesk",
		ticket("1", "ann@acme.io", "2025-03-01T03:00:00Z"), // 28 February in New York
		ticket("2", "ann@acme.io", "2025-03-12T15:00:00Z"),
		ticket("3", "bo@beta.io", "2025-03-13T15:00:00Z"))
	if _, err := db.AddManualWork(backend.ManualWork{At: utc("2025-03-10T15:00:00Z"), Account: "ann@acme.io", Type: "data_fix", Minutes: 15}); err != nil {
		t.Fatal(err)
	}
	if err := db.SetSetting(workspace.SettingTicketMinutes, "10"); err != nil {
		t.Fatal(err)
	}
	for _, d := range []backend.CostDriver{{Name: "Support", Unit: "minute", Source: backend.UsageSupport, UnitCost: "0.5"},
		{Name: "Manual", Unit: "minute", Source: backend.UsageManual, UnitCost: "2"}} {
		if _, err := db.SaveCostDriver(d); err != nil {
			t.Fatal(err)
		}
	}
	ms := metricsJSON(t, db, "2025-02", "2025-03")
	// February: Ann 1 ticket × 10 min × 0.5 = 5. March: Ann 10 × 0.5 + 15
	// × 2 = 35, Bo 10 × 0.5 = 5.
	want(t, ms, "costs", "cost_to_serve", "5 40")
	// March: support 10 and 10 (median 10), manual 15 (median 15).
	want(t, ms, "costs", "power_users", "0 0")
}
