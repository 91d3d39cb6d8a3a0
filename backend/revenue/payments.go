package revenue

import (
	"fmt"
	"strings"

	"keel/backend/workspace"
)

// payment is a succeeded payment of a customer without subscriptions.
type payment struct {
	key, cur   string
	amount, at int64
}

// fromPayments finds the recurring payments of the customers that have no
// subscription (in the export or on an invoice): runs of at least two
// succeeded payments of the same amount and currency a month (26–35 days)
// or a year (350–380 days) apart. Each run is a subscription paid through
// one period after its last payment.
func fromPayments(db *workspace.DB, covered map[string]bool, includeTest bool) ([]*timeline, error) {
	keys := make([]string, 0, len(covered))
	for k := range covered {
		keys = append(keys, k)
	}
	var out []*timeline
	var group []payment
	err := db.EachCustomerPayment(keys, includeTest, func(r workspace.PaidRow) {
		p := payment{key: r.Customer, cur: r.Currency, amount: r.Amount, at: r.Created}
		if len(group) > 0 && (group[0].key != p.key || group[0].cur != p.cur || group[0].amount != p.amount) {
			out = append(out, recurring(group)...)
			group = group[:0]
		}
		group = append(group, p)
	})
	if err != nil {
		return nil, err
	}
	return append(out, recurring(group)...), nil
}

// cadence names the interval that a gap between two payments fits.
func cadence(gap int64) string {
	days := gap / 86400
	switch {
	case days >= 26 && days <= 35:
		return "month"
	case days >= 350 && days <= 380:
		return "year"
	}
	return ""
}

// recurring splits one customer's payments of one amount (sorted by time)
// into runs of a steady cadence.
func recurring(ps []payment) []*timeline {
	var out []*timeline
	for i := 0; i < len(ps); {
		j, cad := i+1, ""
		for ; j < len(ps); j++ {
			c := cadence(ps[j].at - ps[j-1].at)
			if c == "" || cad != "" && c != cad {
				break
			}
			cad = c
		}
		if cad != "" {
			run := ps[i:j]
			first, last := run[0], run[len(run)-1]
			t := &timeline{id: fmt.Sprintf("payments:%s:%s:%d:%d", first.key, first.cur, first.amount, first.at),
				customer: first.key, email: strings.TrimPrefix(first.key, "email:"), currency: first.cur,
				interval: cad, count: 1, source: FromPayments}
			if !strings.HasPrefix(first.key, "email:") {
				t.email = ""
			}
			raw := []step{{from: first.at, mrr: monthly(first.amount, cad, 1), why: "payments"}}
			t.steps = shape(raw, window{end: addInterval(last.at, cad, 1)})
			out = append(out, t)
		}
		i = j
	}
	return out
}
