package workspace

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
