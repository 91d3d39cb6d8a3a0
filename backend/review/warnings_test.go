package review

import (
	"strings"
	"testing"
	"time"

	"keel/backend"
)

func ids(ws []Warning) string {
	var out []string
	for _, w := range ws {
		out = append(out, w.ID)
	}
	return strings.Join(out, " ")
}

func unavailableIDs(us []Unavailable) string {
	var out []string
	for _, u := range us {
		out = append(out, u.ID)
	}
	return strings.Join(out, " ")
}

func TestWarnings(t *testing.T) {
	steady := func() []month {
		ms := series(nil, "support.tickets", 100, 100, 100)
		ms = series(ms, "revenue.customers", 100, 100, 100)
		ms = series(ms, "revenue.failed_payments", 1, 1, 1)
		ms = series(ms, "revenue.refunds", 0, 0, 0)
		ms = series(ms, "revenue.disputes", 0, 0, 0)
		ms = series(ms, "revenue.logo_churn_rate", 0.02, 0.02, 0.02)
		ms = series(ms, "revenue.churned_customers", 2, 2, 2)
		ms = series(ms, "support.first_reply_minutes_p50", 60, 60, 60)
		return ms
	}
	cases := []struct {
		name       string
		edit       func([]month) []month
		fired      string
		detail     string // a part of the first warning's detail
		notComputd string
	}{{
		name:       "quiet month",
		edit:       func(ms []month) []month { return ms },
		notComputd: "activation_falling manual_work stale_flags risky_release",
	}, {
		name:  "tickets per paying customer rising, activation unknown",
		edit:  func(ms []month) []month { return series(ms, "support.tickets", 100, 115, 130) },
		fired: "support_load", detail: "Tickets per paying customer rose two months running: 1.00 → 1.15 → 1.30.",
	}, {
		name: "tickets per active account rising while activation flat",
		edit: func(ms []month) []month {
			ms = series(ms, "support.tickets_per_active_account", 0.5, 0.6, 0.7)
			return series(ms, "product.activation_rate", 0.40, 0.41, 0.405)
		},
		fired: "support_load", detail: "Activation did not improve (40.0 % → 40.5 %)",
	}, {
		name: "load rising but activation improving",
		edit: func(ms []month) []month {
			ms = series(ms, "support.tickets_per_active_account", 0.5, 0.6, 0.7)
			return series(ms, "product.activation_rate", 0.30, 0.35, 0.40)
		},
		fired: "",
	}, {
		name:  "failed payments climbing",
		edit:  func(ms []month) []month { return series(ms, "revenue.failed_payments", 1, 2, 4) },
		fired: "payments_climbing", detail: "Failed payments rose two months running: 1 → 2 → 4.",
	}, {
		name:  "rising but too few to matter",
		edit:  func(ms []month) []month { return series(ms, "revenue.refunds", 0, 1, 2) },
		fired: "",
	}, {
		name: "churn at its highest in six months",
		edit: func(ms []month) []month {
			ms = series(ms, "revenue.logo_churn_rate", 0.01, 0.012, 0.015, 0.02, 0.021, 0.05)
			return series(ms, "revenue.churned_customers", 1, 1, 1, 2, 2, 5)
		},
		fired: "churn_spike", detail: "Logo churn was 5.0 % (5 customers), the highest in 6 months.",
	}, {
		name:  "first replies slower",
		edit:  func(ms []month) []month { return series(ms, "support.first_reply_minutes_p50", 60, 70, 90) },
		fired: "reply_slower", detail: "1 h → 1 h 10 min → 1 h 30 min",
	}, {
		name: "manual work outgrowing customers",
		edit: func(ms []month) []month {
			ms = series(ms, "operations.manual_interventions", 10, 12, 15, 20)
			return series(ms, "revenue.customers", 100, 100, 105, 110)
		},
		fired: "manual_work", detail: "Manual interventions grew +100.0 % from Nov 2025 to Feb 2026 (10 → 20) while paying customers grew +10.0 % (100 → 110)",
	}, {
		name: "activation falling",
		edit: func(ms []month) []month {
			return series(ms, "product.activation_rate", 0.40, 0.42, 0.41, 0.30)
		},
		fired: "activation_falling", detail: "Activation was 30.0 %, 11.0 points below its average of the 3 months before (41.0 %).",
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ws, un := warnings(figs(t, "usd", c.edit(steady())...), "usd")
			if got := ids(ws); got != c.fired {
				t.Fatalf("fired %q, want %q (%+v)", got, c.fired, ws)
			}
			if c.detail != "" && !strings.Contains(ws[0].Detail, c.detail) {
				t.Errorf("detail %q should contain %q", ws[0].Detail, c.detail)
			}
			if c.notComputd != "" && unavailableIDs(un) != c.notComputd {
				t.Errorf("unavailable %q, want %q", unavailableIDs(un), c.notComputd)
			}
		})
	}
}

func TestWarningsWithoutData(t *testing.T) {
	_, un := warnings(figs(t, "usd", month{}, month{}, month{"revenue.mrr": nil}), "usd")
	want := "support_load payments_climbing churn_spike reply_slower activation_falling manual_work stale_flags risky_release"
	if got := unavailableIDs(un); got != want {
		t.Errorf("unavailable %q, want %q", got, want)
	}
	for _, u := range un {
		if u.Needs == "" || u.Surface == "" {
			t.Errorf("%s must say what it needs and where it shows", u.ID)
		}
	}
}

func TestStage(t *testing.T) {
	grown := func(customers, churn float64) []month {
		var ms []month
		for i := 0; i < 12; i++ {
			ms = append(ms, month{"revenue.mrr": 100000, "revenue.customers": customers, "revenue.logo_churn_rate": churn})
		}
		return ms
	}
	young := grown(20, 0.01)
	short := grown(80, 0.01)
	for i := 0; i < 8; i++ {
		short[i]["revenue.mrr"] = 0
	}
	cases := []struct {
		name   string
		ms     []month
		ws     []Warning
		stage  string
		reason string
	}{
		{"few customers", young, nil, StageLearning, "20 paying customers and 12 months of revenue: the job is to learn fast"},
		{"little history", short, nil, StageLearning, "80 paying customers and 4 months of revenue"},
		{"warnings", grown(120, 0.01), []Warning{{Surface: surfaceOperations, Title: "Support load rising while activation is flat"}},
			StageReliability, "120 paying customers, but support load rising while activation is flat: make the product"},
		{"high churn", grown(120, 0.045), nil, StageReliability, "logo churn averaged 4.5 % a month over three months"},
		{"steady", grown(120, 0.01), []Warning{{Surface: surfaceProduct, Title: "Flags past their cleanup date"}},
			StageLeverage, "120 paying customers, logo churn 1.0 % a month over three months and no warning"},
		{"no billing", []month{{"revenue.mrr": nil}}, nil, StageLearning, "No billing data yet"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := stage(figs(t, "usd", c.ms...), c.ws)
			if s.ID != c.stage || !strings.Contains(s.Reason, c.reason) {
				t.Errorf("stage %s: %q; want %s containing %q", s.ID, s.Reason, c.stage, c.reason)
			}
		})
	}
}

func TestNextReview(t *testing.T) {
	utc := time.UTC
	cases := []struct {
		last    string
		now     time.Time
		month   string
		overdue bool
		text    string
	}{
		{"", time.Date(2026, 3, 3, 9, 0, 0, 0, utc), "2026-02", false, "The review of February 2026 is due (since 1 Mar 2026)."},
		{"", time.Date(2026, 3, 14, 9, 0, 0, 0, utc), "2026-02", true, "The review of February 2026 is overdue: it was due on 1 Mar 2026."},
		{"2026-02", time.Date(2026, 3, 14, 9, 0, 0, 0, utc), "2026-03", false, "Next review: March 2026, due on 1 Apr 2026."},
		{"2025-11", time.Date(2026, 3, 14, 9, 0, 0, 0, utc), "2025-12", true, "The review of December 2025 is overdue: it was due on 1 Jan 2026."},
	}
	for _, c := range cases {
		var last *backend.Month
		if c.last != "" {
			m := mo(c.last)
			last = &m
		}
		n := nextReview(last, c.now, utc)
		if n.Month != mo(c.month) || n.Overdue != c.overdue || n.Text != c.text {
			t.Errorf("last %q at %v: %+v; want %s overdue=%v %q", c.last, c.now, n, c.month, c.overdue, c.text)
		}
	}
}
