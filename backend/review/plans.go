package review

import (
	"strings"

	"keel/backend"
	"keel/backend/workspace"
)

// planNames turns the plan ids of the billing export (Stripe price ids)
// into the product names a founder uses: price_1Swkv… → Starter.
type planNames struct{ byID map[string]string }

func planLabels(db *workspace.DB) (*planNames, error) {
	rows, err := db.SQL().Query(`SELECT plan, product, COUNT(*) AS n FROM subscriptions
		WHERE plan <> '' AND product <> '' GROUP BY plan, product ORDER BY plan, n DESC, product`)
	if err != nil {
		return nil, backend.Errorf(backend.Internal, "read plan names: %v", err)
	}
	defer rows.Close()
	p := &planNames{byID: map[string]string{}}
	for rows.Next() {
		var plan, product string
		var n int64
		if err := rows.Scan(&plan, &product, &n); err != nil {
			return nil, backend.Errorf(backend.Internal, "read plan names: %v", err)
		}
		if _, ok := p.byID[plan]; !ok { // the most common product of the plan
			p.byID[plan] = product
		}
	}
	return p, rows.Err()
}

// label names a plan, or a list of plans joined by ", ", once each.
func (p *planNames) label(plans string) string {
	if plans == "" {
		return ""
	}
	var out []string
	seen := map[string]bool{}
	for _, id := range strings.Split(plans, ", ") {
		name := id
		if n, ok := p.byID[id]; ok {
			name = n
		}
		if !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	}
	return strings.Join(out, ", ")
}
