package demo

import (
	"context"
	"time"

	"keel/backend"
	"keel/backend/accounts"
	"keel/backend/costs"
	"keel/backend/decisions"
	"keel/backend/revenue"
	"keel/backend/workspace"
)

// Seed writes what the demo's founder typed into Keel once the exports
// are imported: the cost drivers with their unit costs, what each plan
// grants, the accounts on special terms, and a year of decisions, each
// judged from the company's own numbers (some validated, one
// invalidated, some overdue) by fig, the field catalogue. Like the
// exports, it depends on now only.
func Seed(ctx context.Context, db *workspace.DB, now time.Time, fig decisions.Figures) error {
	w := newWorld(Day(now)) // the world Write made for the same day
	cur, err := revenue.BaseCurrency(db)
	if err != nil {
		return err
	}
	if err := seedDrivers(db, cur); err != nil {
		return err
	}
	if err := seedPlans(db); err != nil {
		return err
	}
	look, err := accounts.LoadLookup(ctx, db)
	if err != nil {
		return err
	}
	if err := seedTerms(db, w, look); err != nil {
		return err
	}
	return seedDecisions(db, w, fig)
}

func seedDrivers(db *workspace.DB, cur string) error {
	for _, d := range []backend.CostDriver{
		{Name: "Queries run", Unit: "query", Source: backend.UsageEvents, Events: []string{"query_run"}, UnitCost: "0.35"},
		{Name: "Data exports", Unit: "export", Source: backend.UsageEvents, Events: []string{"export_csv"}, UnitCost: "14"},
		{Name: "Alerts", Unit: "alert", Source: backend.UsageEvents, Events: []string{"alert_created"}, UnitCost: "0.5"},
		// Mapped to no event yet: the screen names the events that would fill it.
		{Name: "Report e-mails", Unit: "e-mail", Source: backend.UsageEvents, UnitCost: "0.1"},
		{Name: "Support", Unit: "support minute", Source: backend.UsageSupport, UnitCost: "45"},
		{Name: "Manual work", Unit: "manual minute", Source: backend.UsageManual, UnitCost: "75"},
	} {
		if _, err := costs.SaveDriver(db, d, cur); err != nil {
			return err
		}
	}
	return nil
}

// seedPlans says what Starter, Growth and Scale grant, monthly and yearly
// alike.
func seedPlans(db *workspace.DB) error {
	limit := func(n int64) *int64 { return &n }
	type grant struct {
		tier tier
		e    backend.Entitlement
	}
	features := []struct {
		name, note string
		grants     []grant
	}{
		{"Dashboards", "Shared dashboards", []grant{
			{starter, backend.Entitlement{Access: backend.AccessUsageLimited, Limit: limit(3), LimitUnit: "dashboards"}},
			{growth, backend.Entitlement{Access: backend.AccessUsageLimited, Limit: limit(25), LimitUnit: "dashboards"}},
			{scale, backend.Entitlement{Access: backend.AccessPlan}}}},
		{"Scheduled exports", "CSV exports sent on a schedule", []grant{
			{growth, backend.Entitlement{Access: backend.AccessUsageLimited, Limit: limit(200), LimitUnit: "exports a month"}},
			{scale, backend.Entitlement{Access: backend.AccessPlan}}}},
		{"Alerts", "Threshold alerts by e-mail", []grant{
			{starter, backend.Entitlement{Access: backend.AccessBeta, Note: "the alerts beta"}},
			{growth, backend.Entitlement{Access: backend.AccessPlan}},
			{scale, backend.Entitlement{Access: backend.AccessPlan}}}},
		{"SSO", "SAML single sign-on", []grant{
			{scale, backend.Entitlement{Access: backend.AccessRole, Role: "admin"}}}},
		{"API access", "", []grant{
			{growth, backend.Entitlement{Access: backend.AccessGrandfathered, Note: "accounts from before March"}},
			{scale, backend.Entitlement{Access: backend.AccessPlan}}}},
		{"Seats", "", []grant{
			{starter, backend.Entitlement{Access: backend.AccessUsageLimited, Limit: limit(2), LimitUnit: "seats"}},
			{growth, backend.Entitlement{Access: backend.AccessUsageLimited, Limit: limit(10), LimitUnit: "seats"}},
			{scale, backend.Entitlement{Access: backend.AccessPlan, Note: "paid per seat"}}}},
	}
	for _, f := range features {
		feat, err := costs.SaveFeature(db, backend.Feature{Name: f.name, Note: f.note})
		if err != nil {
			return err
		}
		for _, g := range f.grants {
			for _, interval := range []string{"monthly", "yearly"} {
				e := g.e
				e.Plan, e.Feature = plans[g.tier].name+" · "+interval, feat.ID
				if err := costs.Grant(db, e); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// seedTerms marks two launch customers who kept the launch price and two
// agency partners on negotiated terms.
func seedTerms(db *workspace.DB, w *world, look *accounts.Lookup) error {
	var launch, partners int
	for _, c := range w.customers {
		if len(c.subs) == 0 {
			continue
		}
		s := c.subs[0]
		id, ok := look.Find(c.email)
		if !ok {
			continue
		}
		plan := plans[s.tier].name + " · monthly"
		if s.annual {
			plan = plans[s.tier].name + " · yearly"
		}
		switch {
		case s.coupon == launchCoupon && launch < 2 && s.endedAt.IsZero():
			launch++
			err := costs.SetTerms(db, backend.AccountTerms{Account: id, Terms: backend.TermsGrandfathered, Plan: plan,
				Note: "Kept the launch price (20 % off) and API access", Since: s.created.Format("2006-01-02")})
			if err != nil {
				return err
			}
		case s.coupon == partnerCoupon && partners < 2:
			partners++
			err := costs.SetTerms(db, backend.AccountTerms{Account: id, Terms: backend.TermsNegotiated, Plan: plan,
				Note: "Agency partner: 10 % off for life, invoices on request", Since: s.created.Format("2006-01-02")})
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// plannedDecision is one decision of the demo's year: made some months
// before now, reviewed some months later; closed ones are judged from
// the data on their review date (plus a few days).
type plannedDecision struct {
	made, review int // months before now's month (review may be negative: to come)
	d            backend.Decision
	ship         string // "" not shipped, "done"
	close        bool   // judged from the numbers when its review date has passed
	abandon      string
}

func threshold(x float64) *float64 { return &x }

var yearOfDecisions = []plannedDecision{
	{made: 12, review: 9, ship: "done", close: true, d: backend.Decision{Kind: "change", What: "Annual plans at ten months' price",
		Why: "Cash up front, and annual customers churn less", Owner: "Maya", Figure: "revenue.mrr", Expect: "up"}},
	{made: 11, review: 8, ship: "done", close: true, d: backend.Decision{Kind: "fix", What: "Make the CSV export finish on large projects",
		Why: "A third of the tickets in the autumn were export timeouts", Owner: "Sam", Figure: "revenue.customers", Expect: "up"}},
	{made: 10, review: 7, ship: "done", close: true, d: backend.Decision{Kind: "change", What: "Answer every ticket within the hour, in a shared inbox with macros",
		Why: "Slow first replies came up in every churn interview", Owner: "Priya", Figure: "support.first_reply_minutes_p50", Expect: "at_most", Threshold: threshold(60)}},
	{made: 9, review: 6, ship: "done", close: true, d: backend.Decision{Kind: "stop", What: "Stop the 20 % launch coupon",
		Why: "It was meant for the launch, not forever", Owner: "Maya", Figure: "revenue.arpa", Expect: "up"}, abandon: ""},
	{made: 8, review: 5, d: backend.Decision{Kind: "keep", What: "Keep onboarding every Scale account by hand",
		Why: "Scale accounts that had a call stay longer", Owner: "Priya", Figure: "revenue.logo_churn_rate", Expect: "at_most", Threshold: threshold(0.05)}, close: true},
	{made: 7, review: 4, abandon: "Superseded by the per-seat pricing", d: backend.Decision{Kind: "change", What: "Offer a cheaper Starter Lite plan",
		Why: "Prospects said $29 was too much for one person", Owner: "Maya", Figure: "revenue.new_customers", Expect: "up"}},
	{made: 6, review: 3, ship: "done", close: true, d: backend.Decision{Kind: "fix", What: "Retry failed cards on day 1, 3 and 7",
		Why: "Failed payments turned into churn without anyone noticing", Owner: "Sam", Figure: "revenue.mrr", Expect: "up"}},
	{made: 5, review: 2, ship: "done", d: backend.Decision{Kind: "change", What: "Price Scale per seat",
		Why: "Big teams paid the same as small ones", Owner: "Maya", Figure: "revenue.expansion", Expect: "up"}},
	{made: 4, review: 1, d: backend.Decision{Kind: "fix", What: "Let Scale accounts re-run their own imports",
		Why: "Data fixes by hand take hours every week", Owner: "Sam", Figure: "operations.manual_minutes", Expect: "down"}},
	{made: 3, review: -1, ship: "done", d: backend.Decision{Kind: "keep", What: "Keep the monthly review on the first Monday",
		Why: "It is the only hour the numbers get looked at", Owner: "Maya", Figure: "revenue.nrr", Expect: "at_least", Threshold: threshold(1)}},
	{made: 2, review: -2, d: backend.Decision{Kind: "change", What: "Cap scheduled exports on Growth at 200 a month",
		Why: "One account's exports cost more than its plan", Owner: "Sam", Figure: "support.tickets_per_active_account", Expect: "down"}},
	{made: 1, review: -3, d: backend.Decision{Kind: "stop", What: "Stop answering billing questions by e-mail",
		Why: "The billing page answers them", Owner: "Priya", Figure: "support.tickets", Expect: "down"}},
}

// seedDecisions writes the year of decisions; the review's decisions of
// the last complete month come from its step 8.
func seedDecisions(db *workspace.DB, w *world, cat decisions.Figures) error {
	loc := db.Location()
	today := w.now.In(loc)
	day := func(monthsBack, d int) string {
		t := time.Date(today.Year(), today.Month()-time.Month(monthsBack), min(d, 28), 12, 0, 0, 0, loc)
		return t.Format("2006-01-02")
	}
	var out []backend.Decision
	for i, p := range yearOfDecisions {
		d := p.d
		d.Made, d.ReviewOn = day(p.made, 3+2*i), day(p.review, 5+i)
		d.Status = backend.DecisionMade
		if i == len(yearOfDecisions)-1 {
			d.Origin, d.OriginRef = backend.OriginReview, day(p.made+1, 1)[:7]
		}
		if p.ship == "done" {
			d.Status, d.ShippedBy, d.ShippedOn = backend.DecisionShipped, "done", day(p.made-1, 10+i)
		}
		closed := day(p.review, 9+i)
		switch {
		case p.abandon != "" && closed < today.Format("2006-01-02"):
			d.Status, d.ClosedOn, d.Note = backend.DecisionAbandoned, closed, p.abandon
		case p.close && closed < today.Format("2006-01-02"):
			ev, err := decisions.Judge(d, cat)
			if err != nil {
				return err
			}
			if ev != nil && ev.Proposed != "" {
				d.Status, d.ClosedOn, d.Evidence = ev.Proposed, closed, ev
			}
		}
		out = append(out, d)
	}
	return db.SaveDecisions(out)
}
