package workspace

import "database/sql"

// Read queries over the payments table.

// PaymentRow is a payment as the money figures read it: what was charged,
// refunded and disputed, and when.
type PaymentRow struct {
	Created           int64
	Amount, Refunded  int64
	Currency          string
	Converted         *int64 // in ConvertedCurrency, when the export has it
	ConvertedRefunded *int64
	ConvertedCurrency string
	Status            string
	RefundedAt        *int64
	DisputedAmount    *int64
	DisputedAt        *int64
}

// HasPayments reports whether any payment is imported.
func (db *DB) HasPayments() (bool, error) { return db.hasRows("payments") }

// PaymentsTouching lists the payments created, refunded or disputed in
// [from, to) (unix seconds), test-mode ones only with includeTest.
func (db *DB) PaymentsTouching(from, to int64, includeTest bool) ([]PaymentRow, error) {
	rows, err := db.sql.Query(`SELECT created, amount, refunded, currency, converted, converted_refunded, converted_currency,
		status, refunded_at, disputed_amount, disputed_at FROM payments WHERE id <> '' AND (test = 0 OR ?1)
		AND ((created >= ?2 AND created < ?3) OR (refunded_at >= ?2 AND refunded_at < ?3) OR (disputed_at >= ?2 AND disputed_at < ?3))`,
		includeTest, from, to)
	if err != nil {
		return nil, internal("read payments", err)
	}
	defer rows.Close()
	var out []PaymentRow
	for rows.Next() {
		var p PaymentRow
		var conv, convRef, refAt, disAmt, disAt sql.NullInt64
		if err := rows.Scan(&p.Created, &p.Amount, &p.Refunded, &p.Currency, &conv, &convRef, &p.ConvertedCurrency,
			&p.Status, &refAt, &disAmt, &disAt); err != nil {
			return nil, internal("read payments", err)
		}
		p.Converted, p.ConvertedRefunded, p.RefundedAt = intp(conv), intp(convRef), intp(refAt)
		p.DisputedAmount, p.DisputedAt = intp(disAmt), intp(disAt)
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, internal("read payments", err)
	}
	return out, nil
}

// hasRows reports whether a record table holds any row.
func (db *DB) hasRows(table string) (bool, error) {
	tableByName(table) // panics on a name that is not a record table
	var n int
	if err := db.sql.QueryRow("SELECT EXISTS(SELECT 1 FROM " + table + ")").Scan(&n); err != nil {
		return false, internal("read the "+table, err)
	}
	return n == 1, nil
}

func intp(n sql.NullInt64) *int64 {
	if !n.Valid {
		return nil
	}
	v := n.Int64
	return &v
}
