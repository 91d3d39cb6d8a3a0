package review

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"keel/backend"
	"keel/backend/figures"
	"keel/backend/releases"
	"keel/backend/revenue"
)

// The readings: a sentence or two per step, generated from the numbers
// only, so the same numbers always read the same.

// flat is the relative change below which a number "was flat".
const flat = 0.0005

// revenueReading reads the revenue step: how MRR moved and why, and who
// churned. moves are the review month's movements.
func revenueReading(f *figures.Set, month backend.Month, moves []figures.Movement, cur string) string {
	mrr, ok := at(f, "revenue.mrr", 0)
	if !ok && onlySales(f) {
		return salesReading(f, cur)
	}
	if !ok {
		return fmt.Sprintf("No billing data for %s. %s", month.Title(), f.Missing(figures.MustFields("revenue.mrr")[0]))
	}
	first := "MRR was " + amount(mrr, cur)
	if prev, ok := at(f, "revenue.mrr", 1); ok && prev != 0 {
		ch := (mrr - prev) / math.Abs(prev)
		switch {
		case math.Abs(ch) < flat:
			first = "MRR was flat at " + amount(mrr, cur)
		case ch > 0:
			first = fmt.Sprintf("MRR grew %s to %s", pct(ch), amount(mrr, cur))
		default:
			first = fmt.Sprintf("MRR fell %s to %s", pct(-ch), amount(mrr, cur))
		}
		if d := driver(f, ch > 0); d != "" && math.Abs(ch) >= flat {
			first += ", driven by " + d
		}
	}
	out := sentence(first + "; " + churnClause(f, moves, cur))
	if p := paymentsClause(f, cur); p != "" {
		out += " " + sentence(p)
	}
	return out
}

// salesReading reads a month of payments without MRR: what came in, from
// how many orders and buyers, and what went back.
func salesReading(f *figures.Set, cur string) string {
	c, _ := at(f, "revenue.collected", 0)
	orders, _ := at(f, "sales.orders", 0)
	buyers, _ := at(f, "sales.buyers", 0)
	repeat, _ := at(f, "sales.repeat_buyers", 0)
	first := fmt.Sprintf("%s collected from %s by %s", amount(c, cur), plural(orders, "order", "orders"), plural(buyers, "buyer", "buyers"))
	if repeat > 0 {
		first += fmt.Sprintf(", %s of them returning", count(repeat))
	}
	out := sentence(first)
	if p := paymentsClause(f, cur); p != "" {
		out += " " + sentence(p)
	}
	return out + " There is no MRR: no customer pays the same amount every month or year."
}

// driver names the largest movement in the direction MRR moved.
func driver(f *figures.Set, up bool) string {
	type cand struct {
		key, words string
		sign       float64
	}
	cands := []cand{{"revenue.churn", "churn", 1}, {"revenue.contraction", "contraction", 1}, {"revenue.fx", "exchange rates", -1}}
	if up {
		cands = []cand{{"revenue.new", "new customers", 1}, {"revenue.expansion", "expansion", 1},
			{"revenue.reactivation", "reactivations", 1}, {"revenue.fx", "exchange rates", 1}}
	}
	best, words := 0.0, ""
	for _, c := range cands {
		if v, ok := at(f, c.key, 0); ok && v*c.sign > best {
			best, words = v*c.sign, c.words
		}
	}
	return words
}

// churnClause says who churned, and whether it was unusual.
func churnClause(f *figures.Set, moves []figures.Movement, cur string) string {
	churn, _ := at(f, "revenue.churn", 0)
	if churn == 0 {
		if c, ok := at(f, "revenue.contraction", 0); ok && c > 0 {
			return fmt.Sprintf("no customer churned, and contraction took %s", amount(c, cur))
		}
		return "no customer churned"
	}
	lead := "churn: "
	if k := highestFor(f, "revenue.churn"); k >= 3 {
		lead = fmt.Sprintf("churn was the highest in %d months: ", k)
	}
	n, _ := at(f, "revenue.churned_customers", 0)
	return lead + whoChurned(n, moves) + fmt.Sprintf(" (−%s MRR)", amount(churn, cur))
}

// highestFor is how many months, counting the review month, the figure
// has been above every earlier month without a break; 1 when it is not
// above the month before.
func highestFor(f *figures.Set, key string) int {
	v, ok := at(f, key, 0)
	if !ok {
		return 0
	}
	k := 1
	for back := 1; back < len(f.Months); back++ {
		p, ok := at(f, key, back)
		if !ok || p >= v {
			break
		}
		k++
	}
	return k
}

// whoChurned is "3 accounts on Starter" or "3 accounts, 2 on Starter and
// 1 on Growth", from the churn movements.
func whoChurned(n float64, moves []figures.Movement) string {
	byPlan := map[string]int{}
	var plans []string
	for _, m := range moves {
		if m.Kind != revenue.Churn {
			continue
		}
		p := m.Plan
		if p == "" {
			p = "an unknown plan"
		}
		if byPlan[p] == 0 {
			plans = append(plans, p)
		}
		byPlan[p]++
	}
	who := plural(n, "account", "accounts")
	switch {
	case len(plans) == 1:
		return who + " on " + plans[0]
	case len(plans) > 1:
		sort.SliceStable(plans, func(i, j int) bool {
			if byPlan[plans[i]] != byPlan[plans[j]] {
				return byPlan[plans[i]] > byPlan[plans[j]]
			}
			return plans[i] < plans[j]
		})
		var parts []string
		for _, p := range plans {
			parts = append(parts, fmt.Sprintf("%d on %s", byPlan[p], p))
		}
		return who + ", " + joinAnd(parts)
	}
	return who
}

// paymentsClause mentions refunds, failed payments and disputes when
// there were any.
func paymentsClause(f *figures.Set, cur string) string {
	var parts []string
	if n, ok := at(f, "revenue.refunds", 0); ok && n > 0 {
		r, _ := at(f, "revenue.refunded", 0)
		parts = append(parts, fmt.Sprintf("%s (−%s)", plural(n, "refund", "refunds"), amount(r, cur)))
	}
	if n, ok := at(f, "revenue.failed_payments", 0); ok && n > 0 {
		parts = append(parts, plural(n, "failed payment", "failed payments"))
	}
	if n, ok := at(f, "revenue.disputes", 0); ok && n > 0 {
		d, _ := at(f, "revenue.disputed", 0)
		parts = append(parts, fmt.Sprintf("%s (%s)", plural(n, "dispute", "disputes"), amount(d, cur)))
	}
	return joinAnd(parts)
}

// usersReading reads signups, activation and retention.
func usersReading(f *figures.Set, cohorts, usage []figures.Cohort, hasEvents bool, activationDays int) string {
	var out []string
	signups, okS := at(f, "product.signups", 0)
	act, okA := at(f, "product.activation_rate", 0)
	switch {
	case !okS && !okA && hasEvents:
		out = append(out, "Signups and activation are not computed yet: pick the activation event on the Users screen.")
	case !okS && !okA:
		out = append(out, "Signups and activation need an analytics export (PostHog events).")
	default:
		var parts []string
		if okS {
			s := plural(signups, "signup", "signups")
			if p, ok := at(f, "product.signups", 1); ok && p != 0 {
				if ch := (signups - p) / p; round1(ch*100) == 0 {
					s += " (as many as the month before)"
				} else {
					s += fmt.Sprintf(" (%s)", signedPct(ch))
				}
			}
			parts = append(parts, s)
		}
		if okA {
			s := fmt.Sprintf("%s activated within %d days", pct(act), activationDays)
			if p, ok := at(f, "product.activation_rate", 1); ok {
				s += " (was " + pct(p) + ")"
			}
			parts = append(parts, s)
		}
		out = append(out, sentence(strings.Join(parts, "; ")))
	}
	if r, ok := at(f, "revenue.logo_churn_rate", 0); ok {
		n, _ := at(f, "revenue.churned_customers", 0)
		prev, _ := at(f, "revenue.customers", 1)
		out = append(out, fmt.Sprintf("Customer retention was %s: %s of %s paying customers left.", pct(1-r), count(n), count(prev)))
	}
	if c := cohortBack(cohorts, 3); c != nil {
		out = append(out, fmt.Sprintf("Of the %s who started paying in %s, %s still %s (%s).",
			plural(float64(c.Customers), "customer", "customers"), c.Month.Short(), count(float64(c.Paying[3])),
			verb(c.Paying[3], "pays", "pay"), pct(float64(c.Paying[3])/float64(c.Customers))))
	}
	if c := usageBack(usage, 3); c != nil {
		out = append(out, fmt.Sprintf("Of the %s first seen in %s, %s used the product three months later.",
			plural(float64(c.Customers), "signup", "signups"), c.Month.Short(), pct(float64(c.Paying[3])/float64(c.Customers))))
	}
	return strings.Join(out, " ")
}

// cohortBack is the cohort that started k months before the last month,
// when it had customers.
func cohortBack(cs []figures.Cohort, k int) *figures.Cohort {
	i := len(cs) - 1 - k
	if i < 0 || cs[i].Customers == 0 || len(cs[i].Paying) <= k {
		return nil
	}
	return &cs[i]
}

// usageBack is the usage cohort that started k months before the review
// month: the one followed for exactly k+1 months.
func usageBack(cs []figures.Cohort, k int) *figures.Cohort {
	for i := range cs {
		if len(cs[i].Paying) == k+1 && cs[i].Customers > 0 {
			return &cs[i]
		}
	}
	return nil
}

func verb(n int64, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// signedPct is "+4.1 %" or "−2.0 %".
func signedPct(x float64) string {
	if round1(x*100) < 0 {
		return "−" + pct(-x)
	}
	return "+" + pct(x)
}

// operationsReading reads support load and manual work.
func operationsReading(f *figures.Set) string {
	var out []string
	t, ok := at(f, "support.tickets", 0)
	if !ok {
		out = append(out, "No helpdesk data: support load is unknown. "+figures.NeedHelpdesk.Text)
	} else {
		first := plural(t, "ticket", "tickets")
		if p, ok := at(f, "support.tickets", 1); ok && p != 0 {
			ch := (t - p) / p
			switch {
			case math.Abs(ch) < flat:
				first = fmt.Sprintf("Tickets were flat at %s", count(t))
			case ch > 0:
				first = fmt.Sprintf("Tickets grew %s to %s", pct(ch), count(t))
			default:
				first = fmt.Sprintf("Tickets fell %s to %s", pct(-ch), count(t))
			}
		}
		if tpa, ok := at(f, "support.tickets_per_active_account", 0); ok {
			first += fmt.Sprintf(" (%s per active account)", decimal(tpa))
		} else if per := f.Last().TicketsPerCustomer(); per != nil {
			first += fmt.Sprintf(" (%s per paying customer)", decimal(*per))
		}
		parts := []string{first}
		if r, ok := at(f, "support.first_reply_minutes_p50", 0); ok {
			s := "first replies took " + duration(r) + " at the median"
			if p, ok := at(f, "support.first_reply_minutes_p50", 1); ok {
				s += " (was " + duration(p) + ")"
			}
			parts = append(parts, s)
		}
		if s, ok := at(f, "support.satisfaction", 0); ok {
			parts = append(parts, pct(s)+" of rated tickets were good")
		}
		out = append(out, sentence(strings.Join(parts, "; ")))
	}
	if n, ok := at(f, "operations.manual_interventions", 0); ok {
		s := plural(n, "manual intervention", "manual interventions")
		if m, ok := at(f, "operations.manual_minutes", 0); ok {
			s += " (" + duration(m) + ")"
		}
		out = append(out, sentence(s))
	}
	return strings.Join(out, " ")
}

// releasesReading reads the releases of the month: how many went out,
// which were rolled back, hotfixes, bugs per release and stale flags.
func releasesReading(f *figures.Set) string {
	n, ok := at(f, "operations.releases", 0)
	if !ok {
		if h := f.Has.Lacks(figures.Releases); h != nil {
			return "No release recorded yet. " + h.Text
		}
		return "No release shipped."
	}
	rb, _ := at(f, "operations.rollbacks", 0)
	hf, _ := at(f, "operations.hotfixes", 0)
	log := f.Last().ReleaseLog
	titles := func(rs []releases.Shipped) string {
		if len(rs) == 0 {
			return ""
		}
		var ts []string
		for i, r := range rs {
			if i == 3 {
				ts[2] += fmt.Sprintf(" and %d more", len(rs)-3)
				break
			}
			ts = append(ts, "“"+r.Title+"”")
		}
		return " (" + strings.Join(ts, ", ") + ")"
	}
	s := plural(n, "release", "releases") + " shipped"
	if log != nil {
		s += titles(log.Shipped)
	}
	s += ", " + count(rb) + " rolled back"
	if log != nil {
		s += titles(log.RolledBack)
	}
	s += ", " + plural(hf, "hotfix", "hotfixes")
	if b, ok := at(f, "operations.bugs_per_release", 0); ok {
		s += "; " + decimal(b) + " bugs per release"
	}
	if log != nil && log.Flags != nil {
		s += fmt.Sprintf("; %s of %s stale", count(float64(log.Flags.Stale)), plural(float64(log.Flags.Total), "flag", "flags"))
	}
	return sentence(s)
}

// feedbackReading reads the feedback of the month: what came in, what is
// asked most (by accounts, and by MRR at asking), the loops closed.
func feedbackReading(f *figures.Set, cur string) string {
	n, ok := at(f, "feedback.feedback_items", 0)
	if !ok {
		return "No feedback yet. " + figures.NeedFeedback.Text
	}
	first := plural(n, "feedback item", "feedback items") + " came in"
	if u, _ := at(f, "feedback.untriaged", 0); u > 0 {
		first += ", " + count(u) + " untriaged at the end of the month"
	}
	if sg, _ := at(f, "feedback.strategy_signals", 0); sg > 0 {
		first += "; " + plural(sg, "strategy signal", "strategy signals")
	}
	out := []string{sentence(first)}
	d := f.Feedback
	if d != nil && len(d.ByAccounts) > 0 {
		c := d.ByAccounts[0]
		s := fmt.Sprintf("most asked for: %s (%s", c.Title, plural(float64(c.Accounts), "account", "accounts"))
		if c.MRRAtAsk != nil {
			s += ", " + amount(float64(*c.MRRAtAsk), cur) + " MRR at asking"
		}
		s += ")"
		if len(d.ByMRR) > 0 && d.ByMRR[0].ID != c.ID && d.ByMRR[0].MRRAtAsk != nil {
			m := d.ByMRR[0]
			s += fmt.Sprintf("; most MRR at stake: %s (%s from %s)", m.Title, amount(float64(*m.MRRAtAsk), cur),
				plural(float64(m.Accounts), "account", "accounts"))
		}
		out = append(out, sentence(s))
	}
	var loop []string
	if l, _ := at(f, "feedback.loops_closed", 0); l > 0 {
		loop = append(loop, plural(l, "person", "people")+" told")
	}
	if d != nil {
		var shipped, declined []string
		for _, c := range d.Closed {
			if c.Status == "shipped" {
				shipped = append(shipped, c.Title)
			} else {
				declined = append(declined, c.Title)
			}
		}
		if len(shipped) > 0 {
			loop = append(loop, "shipped: "+joinAnd(shipped))
		}
		if len(declined) > 0 {
			loop = append(loop, "declined: "+joinAnd(declined))
		}
	}
	if len(loop) > 0 {
		out = append(out, sentence(strings.Join(loop, "; ")))
	}
	return strings.Join(out, " ")
}

// checklistReading counts the answers.
func checklistReading(items []CheckItem) string {
	var yes []string
	n, no, unsure := 0, 0, 0
	for _, it := range items {
		switch it.Answer {
		case "yes":
			yes = append(yes, strings.ToLower(it.Question[:1])+it.Question[1:])
		case "no":
			no++
		case "unsure":
			unsure++
		default:
			continue
		}
		n++
	}
	if n == 0 {
		return "No failure mode answered yet."
	}
	s := fmt.Sprintf("%d of %d answered: %d yes, %d no, %d unsure.", n, len(items), len(yes), no, unsure)
	if len(yes) > 0 {
		s += " Yes on: " + strings.Join(yes, "; ") + "."
	}
	return s
}

// decisionsReading counts the decisions by kind.
func decisionsReading(ds []Decision) string {
	if len(ds) == 0 {
		return "No decisions yet."
	}
	by := map[string]int{}
	for _, d := range ds {
		by[d.Kind]++
	}
	var parts []string
	for _, k := range DecisionKinds {
		if by[k] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", by[k], k))
		}
	}
	return fmt.Sprintf("%s: %s; each has an owner and a date.", plural(float64(len(ds)), "decision", "decisions"), strings.Join(parts, ", "))
}
