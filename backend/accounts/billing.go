package accounts

import (
	"context"
	"sort"
	"strings"
	"time"

	"keel/backend/revenue"
	"keel/backend/workspace"
)

// Billing is the revenue engine's view of the accounts: each account's
// subscription timelines (revenue.Series), to tell its MRR, plan and
// lifecycle stage at any instant.
type Billing struct {
	Series *revenue.Series
	subs   map[string][]*revenue.Subscription // by account id
	of     map[string]string                  // live customer and address keys → account
	loc    *time.Location
}

// LoadBilling runs the revenue engine for the months from..to and groups
// its subscriptions by account. Customers whose account is unknown (not
// linked yet) are left out.
func LoadBilling(ctx context.Context, db *workspace.DB, from, to time.Time) (*Billing, error) {
	if err := Ensure(ctx, db); err != nil {
		return nil, err
	}
	ser, err := revenue.Compute(db, from, to)
	if err != nil {
		return nil, err
	}
	of, err := billingKeys(ctx, db)
	if err != nil {
		return nil, err
	}
	b := &Billing{Series: ser, subs: map[string][]*revenue.Subscription{}, of: of, loc: db.Location()}
	for i := range ser.Subscriptions {
		s := &ser.Subscriptions[i]
		if id, ok := of[customerKey(s.CustomerID)]; ok {
			b.subs[id] = append(b.subs[id], s)
		}
	}
	return b, nil
}

// billingKeys maps the live customer and address keys to their accounts.
func billingKeys(ctx context.Context, db *workspace.DB) (map[string]string, error) {
	rows, err := db.SQL().QueryContext(ctx, `SELECT key, account FROM account_keys WHERE live = 1 AND (key >= 'customer:' AND key < 'customer;' OR key >= 'email:' AND key < 'email;')`)
	if err != nil {
		return nil, readErr("account keys", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, a string
		if err := rows.Scan(&k, &a); err != nil {
			return nil, readErr("account keys", err)
		}
		out[k] = a
	}
	return out, rows.Err()
}

// stepAt is the step of s in force at unix second t, or nil before its
// first step.
func stepAt(s *revenue.Subscription, t int64) *revenue.Step {
	var cur *revenue.Step
	for i := range s.Steps {
		if s.Steps[i].From.Unix() > t {
			break
		}
		cur = &s.Steps[i]
	}
	return cur
}

// Paying reports whether the account has MRR > 0 at unix second t.
func (b *Billing) Paying(account string, t int64) bool {
	for _, s := range b.subs[account] {
		if st := stepAt(s, t); st != nil && st.MRR > 0 {
			return true
		}
	}
	return false
}

// Stage names: where an account stands with billing at an instant.
const (
	StageTrial    = "trial"    // in a trial, no MRR yet
	StageNew      = "new"      // paying, for less than 30 days
	StagePaying   = "paying"   // paying
	StageChurned  = "churned"  // paid before, MRR 0 now
	StageFree     = "free"     // known, never paid so far
	StageUnlinked = "unlinked" // the ticket or event has no account
)

// State is an account's plan and lifecycle stage at unix second t: the
// plans with MRR > 0 then (joined with " + "), else the plan on trial.
func (b *Billing) State(account string, t int64) (plan, stage string) {
	var paying, trial []string
	firstPaid := int64(0)
	for _, s := range b.subs[account] {
		for i := range s.Steps {
			st := &s.Steps[i]
			if st.MRR > 0 {
				if f := st.From.Unix(); f <= t && (firstPaid == 0 || f < firstPaid) {
					firstPaid = f
				}
				break
			}
		}
		st := stepAt(s, t)
		switch {
		case st == nil:
		case st.MRR > 0:
			paying = append(paying, s.Plan)
		case st.Why == "trial" || st.Why == "status trialing":
			trial = append(trial, s.Plan)
		}
	}
	switch {
	case len(paying) > 0:
		stage = StagePaying
		if t-firstPaid < 30*86400 {
			stage = StageNew
		}
		return joinPlans(paying), stage
	case len(trial) > 0:
		return joinPlans(trial), StageTrial
	case firstPaid != 0:
		return "", StageChurned
	}
	return "", StageFree
}

func joinPlans(ps []string) string {
	sort.Strings(ps)
	return strings.Join(compact(ps), " + ")
}

// MRR is the account's MRR at unix second t in the base currency, each
// currency converted at the rate of t's month (METRICS.md, Conversion).
func (b *Billing) MRR(account string, t int64, rates *revenue.Rates) (int64, error) {
	native := map[string]int64{}
	for _, s := range b.subs[account] {
		if st := stepAt(s, t); st != nil && st.MRR > 0 {
			native[s.Currency] += st.MRR
		}
	}
	var sum int64
	m := revenue.AbsMonth(t, b.loc)
	for _, cur := range sortedKeys(native) {
		c, err := rates.For(cur, m)
		if err != nil {
			return 0, err
		}
		sum += c.Convert(native[cur])
	}
	return sum, nil
}

// AccountOf is the account of a billing customer as the revenue engine
// names it (its id, or "email:<address>"), "" when not linked.
func (b *Billing) AccountOf(customerID string) string { return b.of[customerKey(customerID)] }

// Accounts lists the accounts that have subscriptions.
func (b *Billing) Accounts() []string { return sortedKeys(b.subs) }
