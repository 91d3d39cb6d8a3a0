package review

import (
	"strings"
	"testing"

	"keel/backend/figures"
)

// churnHistory is six months of churn with the last one the highest.
func churnHistory(last any) []month {
	return series(nil, "revenue.churn", 2900, 1000, 0, 4000, 5800, last)
}

func TestRevenueReading(t *testing.T) {
	starter := []figures.Movement{
		{Kind: "churn", Plan: "Starter", Amount: 2900}, {Kind: "churn", Plan: "Starter", Amount: 2900},
		{Kind: "churn", Plan: "Starter", Amount: 2900}, {Kind: "expansion", Plan: "Growth", Amount: 5000},
	}
	mixed := []figures.Movement{
		{Kind: "churn", Plan: "Growth", Amount: 9900}, {Kind: "churn", Plan: "Starter", Amount: 2900},
		{Kind: "churn", Plan: "Growth", Amount: 9900},
	}
	cases := []struct {
		name  string
		cur   string
		ms    []month
		moves []figures.Movement
		want  string
	}{{
		name: "grew, driven by expansion, churn highest in 6 months",
		cur:  "usd",
		ms: func() []month {
			ms := churnHistory(8700)
			ms = series(ms, "revenue.mrr", nil, nil, nil, nil, 1000000, 1041000)
			ms = series(ms, "revenue.new", nil, nil, nil, nil, nil, 20000)
			ms = series(ms, "revenue.expansion", nil, nil, nil, nil, nil, 29700)
			ms = series(ms, "revenue.churned_customers", nil, nil, nil, nil, nil, 3)
			return ms
		}(),
		moves: starter,
		want:  "MRR grew 4.1 % to $10,410.00, driven by expansion; churn was the highest in 6 months: 3 accounts on Starter (−$87.00 MRR).",
	}, {
		name: "fell, driven by churn, several plans",
		cur:  "usd",
		ms: []month{
			{"revenue.mrr": 500000, "revenue.churn": 30000},
			{"revenue.mrr": 480000, "revenue.churn": 22700, "revenue.churned_customers": 3, "revenue.new": 2700,
				"revenue.refunds": 2, "revenue.refunded": 5800, "revenue.failed_payments": 1},
		},
		moves: mixed,
		want: "MRR fell 4.0 % to $4,800.00, driven by churn; churn: 3 accounts, 2 on Growth and 1 on Starter (−$227.00 MRR). " +
			"2 refunds (−$58.00) and 1 failed payment.",
	}, {
		name: "flat without churn, zero-decimal currency",
		cur:  "jpy",
		ms:   []month{{"revenue.mrr": 1200000, "revenue.churn": 0}, {"revenue.mrr": 1200300, "revenue.churn": 0, "revenue.churned_customers": 0}},
		want: "MRR was flat at ¥1,200,300; no customer churned.",
	}, {
		name: "contraction only",
		cur:  "eur",
		ms: []month{{"revenue.mrr": 100000}, {"revenue.mrr": 99000, "revenue.contraction": 1000, "revenue.churn": 0,
			"revenue.churned_customers": 0}},
		want: "MRR fell 1.0 % to €990.00, driven by contraction; no customer churned, and contraction took €10.00.",
	}, {
		name: "first month of revenue",
		cur:  "usd",
		ms:   []month{{"revenue.mrr": nil}, {"revenue.mrr": 9900, "revenue.new": 9900, "revenue.churn": 0}},
		want: "MRR was $99.00; no customer churned.",
	}, {
		name: "no billing data",
		cur:  "usd",
		ms:   []month{{"revenue.mrr": nil}, {"revenue.mrr": nil}},
		want: "No billing data for February 2026. " + figures.NeedBilling.Text,
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := revenueReading(figs(t, c.cur, c.ms...), mo("2026-02"), c.moves, c.cur)
			if got != c.want {
				t.Errorf("\n got %q\nwant %q", got, c.want)
			}
		})
	}
}

func TestUsersReading(t *testing.T) {
	cohorts := []figures.Cohort{
		{Month: mo("2025-11"), Customers: 4, Paying: []int64{4, 4, 3, 3}},
		{Month: mo("2025-12"), Customers: 2, Paying: []int64{2, 2, 2}},
		{Month: mo("2026-01"), Customers: 1, Paying: []int64{1, 1}},
		{Month: mo("2026-02"), Customers: 3, Paying: []int64{3}},
	}
	cases := []struct {
		name      string
		ms        []month
		usage     []figures.Cohort
		hasEvents bool
		want      string
	}{{
		name: "activation and retention",
		ms: []month{
			{"product.signups": 100, "product.activation_rate": 0.412, "revenue.customers": 50},
			{"product.signups": 112, "product.activation_rate": 0.38, "revenue.logo_churn_rate": 0.04, "revenue.churned_customers": 2},
		},
		usage: []figures.Cohort{{Month: mo("2025-10"), Customers: 9, Paying: []int64{9, 5, 4, 4, 3}}, {Month: mo("2025-11"), Customers: 40, Paying: []int64{40, 30, 25, 22}}},
		want: "112 signups (+12.0 %); 38.0 % activated within 14 days (was 41.2 %). Customer retention was 96.0 %: 2 of 50 paying customers left. " +
			"Of the 4 customers who started paying in Nov 2025, 3 still pay (75.0 %). Of the 40 signups first seen in Nov 2025, 55.0 % used the product three months later.",
	}, {
		name: "as many signups as the month before",
		ms:   []month{{"product.signups": 19}, {"product.signups": 19}},
		want: "19 signups (as many as the month before). Of the 4 customers who started paying in Nov 2025, 3 still pay (75.0 %).",
	}, {
		name:      "events without an activation event",
		ms:        []month{{}, {"product.signups": nil, "product.activation_rate": nil}},
		hasEvents: true,
		want:      "Signups and activation are not computed yet: pick the activation event on the Users screen. Of the 4 customers who started paying in Nov 2025, 3 still pay (75.0 %).",
	}, {
		name: "no analytics",
		ms:   []month{{}, {"product.signups": nil}},
		want: "Signups and activation need an analytics export (PostHog events). Of the 4 customers who started paying in Nov 2025, 3 still pay (75.0 %).",
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := usersReading(figs(t, "usd", c.ms...), cohorts, c.usage, c.hasEvents, 14)
			if got != c.want {
				t.Errorf("\n got %q\nwant %q", got, c.want)
			}
		})
	}
}

func TestOperationsReading(t *testing.T) {
	cases := []struct {
		name string
		ms   []month
		want string
	}{{
		name: "tickets per paying customer, reply times, satisfaction",
		ms: []month{
			{"support.tickets": 139, "support.first_reply_minutes_p50": 109},
			{"support.tickets": 130, "revenue.customers": 109, "support.first_reply_minutes_p50": 96, "support.satisfaction": 0.9027},
		},
		want: "Tickets fell 6.5 % to 130 (1.19 per paying customer); first replies took 1 h 36 min at the median (was 1 h 49 min); " +
			"90.3 % of rated tickets were good. Manual work is not tracked yet.",
	}, {
		name: "per active account and manual work",
		ms: []month{
			{"support.tickets": 100},
			{"support.tickets": 150, "support.tickets_per_active_account": 0.75, "operations.manual_interventions": 12, "operations.manual_minutes": 190},
		},
		want: "Tickets grew 50.0 % to 150 (0.75 per active account). 12 manual interventions (3 h 10 min).",
	}, {
		name: "no helpdesk",
		ms:   []month{{}, {"support.tickets": nil}},
		want: "No helpdesk data: support load is unknown. " + figures.NeedHelpdesk.Text + " Manual work is not tracked yet.",
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := operationsReading(figs(t, "usd", c.ms...)); got != c.want {
				t.Errorf("\n got %q\nwant %q", got, c.want)
			}
		})
	}
}

func TestReleasesChecklistDecisionsReadings(t *testing.T) {
	if got := releasesReading(figs(t, "usd", month{}, month{"operations.releases": nil})); !strings.HasPrefix(got, "No release recorded yet. Record your releases on the Releases screen") {
		t.Errorf("no release recorded: %q", got)
	}
	got := releasesReading(figs(t, "usd", month{}, month{"operations.releases": 3, "operations.rollbacks": 1, "operations.hotfixes": 1, "operations.bugs_per_release": 1.3333}))
	if want := "3 releases shipped, 1 rolled back, 1 hotfix; 1.33 bugs per release."; got != want {
		t.Errorf("releases: %q, want %q", got, want)
	}
	items := CheckItems()
	if got := checklistReading(items); got != "No failure mode answered yet." {
		t.Errorf("empty checklist: %q", got)
	}
	items[1].Answer, items[3].Answer, items[4].Answer = "yes", "no", "unsure"
	if got, want := checklistReading(items), "3 of 10 answered: 1 yes, 1 no, 1 unsure. Yes on: support depends on one person."; got != want {
		t.Errorf("checklist: %q, want %q", got, want)
	}
	if got := decisionsReading(nil); got != "No decisions yet." {
		t.Errorf("no decisions: %q", got)
	}
	ds := []Decision{{Kind: "stop"}, {Kind: "keep"}, {Kind: "stop"}}
	if got, want := decisionsReading(ds), "3 decisions: 1 keep, 2 stop; each has an owner and a date."; got != want {
		t.Errorf("decisions: %q, want %q", got, want)
	}
}

func TestFormatting(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{pct(0.0412), "4.1 %"}, {pct(-0.00001), "0.0 %"}, {signedPct(0.12), "+12.0 %"}, {signedPct(-0.1), "−10.0 %"},
		{duration(45), "45 min"}, {duration(96), "1 h 36 min"}, {duration(120), "2 h"}, {duration(4829), "3 d 8 h"},
		{count(12340), "12,340"}, {count(-5), "-5"}, {plural(1, "account", "accounts"), "1 account"},
		{amount(123456, "kwd"), "KWD 123.456"}, {joinAnd([]string{"a", "b", "c"}), "a, b and c"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
