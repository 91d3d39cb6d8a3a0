package review

import (
	"fmt"
	"math"
	"strings"

	"keel/backend/figures"
)

// The scaling-map warnings of DESIGN.md, computed from the trend of the
// numbers. Each warning either fires, stays quiet, or is unavailable
// because the data behind it is not tracked yet.

const (
	surfaceProduct    = "product"
	surfaceUsers      = "users"
	surfaceOperations = "operations"
	surfaceRevenue    = "revenue"
)

// warnings evaluates every warning for the review month.
func warnings(f *figures.Set, cur string) ([]Warning, []Unavailable) {
	var ws []Warning
	var un []Unavailable
	for _, check := range []func(*figures.Set, string) (*Warning, *Unavailable){
		supportLoad, paymentsClimbing, churnSpike, replySlower, activationFalling, manualWork, staleFlags, riskyRelease,
	} {
		w, u := check(f, cur)
		if w != nil {
			ws = append(ws, *w)
		}
		if u != nil {
			un = append(un, *u)
		}
	}
	return ws, un
}

// rising2 reports whether xs (oldest first, three values) rose two months
// running.
func rising2(xs [3]float64) bool { return xs[0] < xs[1] && xs[1] < xs[2] }

// last3 is a figure over the months M−2, M−1 and M.
func last3(f *figures.Set, key string) ([3]float64, bool) {
	var xs [3]float64
	for i := 0; i < 3; i++ {
		v, ok := at(f, key, 2-i)
		if !ok {
			return xs, false
		}
		xs[i] = v
	}
	return xs, true
}

func arrow(xs [3]float64, show func(float64) string) string {
	return show(xs[0]) + " → " + show(xs[1]) + " → " + show(xs[2])
}

// supportLoad: tickets per active account rising while activation is
// flat — the product is getting harder to operate.
func supportLoad(f *figures.Set, _ string) (*Warning, *Unavailable) {
	const id, title = "support_load", "Support load rising while activation is flat"
	load, ok := last3(f, "support.tickets_per_active_account")
	per := "active account"
	if !ok {
		for i := range load {
			m := f.Back(2 - i)
			if m == nil || m.TicketsPerCustomer() == nil {
				return nil, &Unavailable{id, surfaceOperations, title, "Needs three months of helpdesk and billing data."}
			}
			load[i] = *m.TicketsPerCustomer()
		}
		per = "paying customer"
	}
	if !rising2(load) || load[2] < 1.1*load[0] {
		return nil, nil
	}
	detail := fmt.Sprintf("Tickets per %s rose two months running: %s.", per, arrow(load, decimal))
	if act, ok := last3(f, "product.activation_rate"); ok {
		if act[2]-act[0] >= 0.02 {
			return nil, nil // activation improving: more new users, more questions
		}
		detail += fmt.Sprintf(" Activation did not improve (%s → %s): the product is getting harder to operate.", pct(act[0]), pct(act[2]))
	} else {
		detail += " Activation is not tracked, so Keel cannot tell whether new users get value faster: treat it as the product getting harder to operate until it is."
	}
	return &Warning{id, surfaceOperations, title, detail}, nil
}

// paymentsClimbing: refunds, failed payments or disputes rising.
func paymentsClimbing(f *figures.Set, _ string) (*Warning, *Unavailable) {
	const id, title = "payments_climbing", "Refunds or failed payments climbing"
	var parts []string
	seen := false
	for _, k := range []struct{ key, words string }{
		{"revenue.refunds", "Refunds"}, {"revenue.failed_payments", "Failed payments"}, {"revenue.disputes", "Disputes"},
	} {
		xs, ok := last3(f, k.key)
		if !ok {
			continue
		}
		seen = true
		if rising2(xs) && xs[2] >= 3 {
			parts = append(parts, fmt.Sprintf("%s rose two months running: %s.", k.words, arrow(xs, count)))
		}
	}
	if !seen {
		return nil, &Unavailable{id, surfaceRevenue, title, "Needs three months of the Stripe payments export."}
	}
	if len(parts) == 0 {
		return nil, nil
	}
	return &Warning{id, surfaceRevenue, title, strings.Join(parts, " ")}, nil
}

// churnSpike: logo churn at its highest of the window.
func churnSpike(f *figures.Set, _ string) (*Warning, *Unavailable) {
	const id, title = "churn_spike", "Churn at its highest"
	r, ok := at(f, "revenue.logo_churn_rate", 0)
	if !ok {
		return nil, &Unavailable{id, surfaceRevenue, title, "Needs billing data."}
	}
	n, _ := at(f, "revenue.churned_customers", 0)
	k := highestFor(f, "revenue.logo_churn_rate")
	if k < 6 || n < 2 {
		return nil, nil
	}
	return &Warning{id, surfaceRevenue, title, fmt.Sprintf("Logo churn was %s (%s), the highest in %d months.",
		pct(r), plural(n, "customer", "customers"), k)}, nil
}

// replySlower: first replies getting slower.
func replySlower(f *figures.Set, _ string) (*Warning, *Unavailable) {
	const id, title = "reply_slower", "First replies getting slower"
	xs, ok := last3(f, "support.first_reply_minutes_p50")
	if !ok {
		return nil, &Unavailable{id, surfaceOperations, title, "Needs three months of helpdesk data with first-reply times."}
	}
	if !rising2(xs) || xs[2] < 1.25*xs[0] {
		return nil, nil
	}
	return &Warning{id, surfaceOperations, title, fmt.Sprintf("The median first reply rose two months running: %s.", arrow(xs, duration))}, nil
}

// activationFalling: activation below its recent average.
func activationFalling(f *figures.Set, _ string) (*Warning, *Unavailable) {
	const id, title = "activation_falling", "Activation falling"
	a, ok := at(f, "product.activation_rate", 0)
	if !ok {
		return nil, &Unavailable{id, surfaceUsers, title, "Needs analytics events and an activation event picked on the Users screen."}
	}
	sum, n := 0.0, 0
	for back := 1; back <= 3; back++ {
		if v, ok := at(f, "product.activation_rate", back); ok {
			sum += v
			n++
		}
	}
	if n == 0 || a > sum/float64(n)-0.05 {
		return nil, nil
	}
	return &Warning{id, surfaceUsers, title, fmt.Sprintf("Activation was %s, %s below its average of the %d months before (%s).",
		pct(a), pts(sum/float64(n)-a), n, pct(sum/float64(n)))}, nil
}

// manualWork: manual interventions growing faster than customers —
// scaling hidden labour.
func manualWork(f *figures.Set, _ string) (*Warning, *Unavailable) {
	const id, title = "manual_work", "Manual work growing faster than customers"
	m0, ok0 := at(f, "operations.manual_interventions", 3)
	m3, ok3 := at(f, "operations.manual_interventions", 0)
	c0, okC0 := at(f, "revenue.customers", 3)
	c3, okC3 := at(f, "revenue.customers", 0)
	if !ok0 || !ok3 {
		return nil, &Unavailable{id, surfaceOperations, title, "Needs the manual work log (not tracked yet)."}
	}
	if !okC0 || !okC3 || m0 == 0 || c0 == 0 {
		return nil, nil
	}
	gm, gc := m3/m0-1, c3/c0-1
	if gm <= gc || m3 < 5 {
		return nil, nil
	}
	return &Warning{id, surfaceOperations, title, fmt.Sprintf("Manual interventions grew %s in three months while paying customers grew %s: hidden labour is scaling with each customer.",
		signedPct(gm), signedPct(gc))}, nil
}

// staleFlags: flags past their cleanup date, or left at 0 or 100 % — a
// museum of past guesses.
func staleFlags(f *figures.Set, _ string) (*Warning, *Unavailable) {
	const id, title = "stale_flags", "Stale flags"
	log := f.Last().ReleaseLog
	if log == nil || log.Flags == nil {
		return nil, &Unavailable{id, surfaceProduct, title, "Needs a flag list: import it from LaunchDarkly, Unleash, GrowthBook or PostHog, or add flags on the Releases screen."}
	}
	if log.Flags.Stale == 0 {
		return nil, nil
	}
	keys := log.Flags.Keys
	more := ""
	if len(keys) > 4 {
		more = fmt.Sprintf(" and %d more", len(keys)-4)
		keys = keys[:4]
	}
	return &Warning{id, surfaceProduct, title, fmt.Sprintf("%s of %s flags are stale (%s%s): past their cleanup date, left at 0 or 100 %%, or of a release reviewed long ago.",
		count(float64(log.Flags.Stale)), count(float64(log.Flags.Total)), strings.Join(keys, ", "), more)}, nil
}

// riskyRelease: a release of the month changed billing, permissions and
// user data at once.
func riskyRelease(f *figures.Set, _ string) (*Warning, *Unavailable) {
	const id, title = "risky_release", "A release touching billing, permissions and data at once"
	log := f.Last().ReleaseLog
	if f.Has&figures.Releases == 0 || log == nil {
		return nil, &Unavailable{id, surfaceProduct, title, "Needs release records: record releases on the Releases screen."}
	}
	var titles []string
	for _, r := range log.Shipped {
		if r.Risky {
			titles = append(titles, "“"+r.Title+"”")
		}
	}
	if len(titles) == 0 {
		return nil, nil
	}
	return &Warning{id, surfaceProduct, title, fmt.Sprintf("%s changed billing, permissions and user data in one release: one of them breaking takes the others down with it, and it is hard to roll back.",
		strings.Join(titles, ", "))}, nil
}

// avg is the mean of a figure over the months back 0..n−1 that have it.
func avg(f *figures.Set, key string, n int) (float64, bool) {
	sum, k := 0.0, 0
	for back := 0; back < n; back++ {
		if v, ok := at(f, key, back); ok && !math.IsNaN(v) {
			sum += v
			k++
		}
	}
	if k == 0 {
		return 0, false
	}
	return sum / float64(k), true
}
