package workspace

import "database/sql"

// Read queries over the subscriptions table.

// PlanProduct is one plan of the subscriptions export with a product and
// interval it is sold with, and how many subscriptions say so.
type PlanProduct struct {
	Plan, Product, Interval string
	IntervalCount           int64
}

// PlanProducts lists every plan with a product, by plan, the most common
// product and interval of each plan first.
func (db *DB) PlanProducts() ([]PlanProduct, error) {
	rows, err := db.sql.Query(`SELECT plan, product, interval, interval_count FROM subscriptions
		WHERE plan <> '' AND product <> '' GROUP BY plan, product, interval, interval_count ORDER BY plan, COUNT(*) DESC`)
	if err != nil {
		return nil, internal("read the plans", err)
	}
	defer rows.Close()
	var out []PlanProduct
	for rows.Next() {
		var p PlanProduct
		if err := rows.Scan(&p.Plan, &p.Product, &p.Interval, &p.IntervalCount); err != nil {
			return nil, internal("read the plans", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, internal("read the plans", err)
	}
	return out, nil
}

// SubscriptionRow is a subscription of the subscriptions export; times are
// unix seconds, 0 when absent.
type SubscriptionRow struct {
	Source, ID, Customer, Email, Status, Plan, Product, Currency, Interval string
	IntervalCount, Quantity, Amount                                        int64
	Created, Start, PeriodStart, PeriodEnd                                 int64
	TrialStart, TrialEnd, CanceledAt, EndedAt                              int64
	CancelAtPeriodEnd                                                      bool
}

// Subscriptions lists the subscriptions, test-mode ones only with
// includeTest.
func (db *DB) Subscriptions(includeTest bool) ([]SubscriptionRow, error) {
	rows, err := db.sql.Query(`SELECT source, id, customer_id, customer_email, status, plan, product, currency, interval,
		interval_count, quantity, amount, created, start, current_period_start, current_period_end,
		trial_start, trial_end, canceled_at, ended_at, cancel_at_period_end
		FROM subscriptions WHERE (test = 0 OR ?)`, includeTest)
	if err != nil {
		return nil, internal("read subscriptions", err)
	}
	defer rows.Close()
	var out []SubscriptionRow
	for rows.Next() {
		var s SubscriptionRow
		var t [8]sql.NullInt64
		if err := rows.Scan(&s.Source, &s.ID, &s.Customer, &s.Email, &s.Status, &s.Plan, &s.Product, &s.Currency, &s.Interval,
			&s.IntervalCount, &s.Quantity, &s.Amount, &t[0], &t[1], &t[2], &t[3], &t[4], &t[5], &t[6], &t[7], &s.CancelAtPeriodEnd); err != nil {
			return nil, internal("read subscriptions", err)
		}
		s.Created, s.Start, s.PeriodStart, s.PeriodEnd = t[0].Int64, t[1].Int64, t[2].Int64, t[3].Int64
		s.TrialStart, s.TrialEnd, s.CanceledAt, s.EndedAt = t[4].Int64, t[5].Int64, t[6].Int64, t[7].Int64
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, internal("read subscriptions", err)
	}
	return out, nil
}
