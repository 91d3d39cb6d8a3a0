package workspace

import (
	"context"
	"database/sql"
)

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

// PaymentsRefundedOrDisputed lists the payments refunded or disputed in
// [from, to) (unix seconds; a refund without a date at the payment's own
// date), test-mode ones only with includeTest: a few rows, read through
// their indexes.
func (db *DB) PaymentsRefundedOrDisputed(from, to int64, includeTest bool) ([]PaymentRow, error) {
	rows, err := db.sql.Query(`SELECT created, amount, refunded, currency, converted, converted_refunded, converted_currency,
		status, refunded_at, disputed_amount, disputed_at FROM payments WHERE id <> '' AND (test = 0 OR ?1)
		AND ((refunded_at >= ?2 AND refunded_at < ?3) OR (refunded > 0 AND refunded_at IS NULL AND created >= ?2 AND created < ?3)
			OR (disputed_at >= ?2 AND disputed_at < ?3))`,
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

// EachConvertedPayment calls fn with every succeeded payment in another
// currency than base that the export also gives in base (Stripe's
// Converted Amount): the exchange rates of METRICS.md are their sums.
func (db *DB) EachConvertedPayment(base string, includeTest bool, fn func(currency string, created, amount, converted int64)) error {
	rows, err := db.sql.Query(`SELECT currency, created, amount, converted FROM payments
		WHERE converted IS NOT NULL AND currency <> converted_currency -- the index payments_converted
			AND converted_currency = ? AND currency <> ? AND `+succeededSQL+` AND amount > 0
		AND id <> '' AND (test = 0 OR ?)`, base, base, includeTest)
	if err != nil {
		return internal("read exchange rates", err)
	}
	defer rows.Close()
	for rows.Next() {
		var cur string
		var created, amount, conv int64
		if err := rows.Scan(&cur, &created, &amount, &conv); err != nil {
			return internal("read exchange rates", err)
		}
		fn(cur, created, amount, conv)
	}
	if err := rows.Err(); err != nil {
		return internal("read exchange rates", err)
	}
	return nil
}

// CurrencyCount is how many payments have a converted currency (""
// without one) and a currency.
type CurrencyCount struct {
	Converted, Currency string
	N                   int64
}

// currencyCounts counts the payments matching where (of one import, for
// its paid parts) by converted currency and currency.
func currencyCounts(where string) string {
	return `SELECT converted_currency, currency, COUNT(*) FROM payments WHERE ` + where +
		` GROUP BY converted_currency, currency`
}

// PaymentCurrencies counts the payments by converted currency and
// currency: from each import's counts when the parts are of the payments
// as they are (paid.go), else from the payments.
func (db *DB) PaymentCurrencies() ([]CurrencyCount, error) {
	q := currencyCounts("1")
	if fresh, err := db.paidFresh(context.Background()); err != nil {
		return nil, err
	} else if fresh {
		q = `SELECT converted_currency, currency, SUM(n) FROM paid_currencies GROUP BY converted_currency, currency`
	}
	rows, err := db.sql.Query(q)
	if err != nil {
		return nil, internal("find the base currency", err)
	}
	defer rows.Close()
	var out []CurrencyCount
	for rows.Next() {
		var c CurrencyCount
		if err := rows.Scan(&c.Converted, &c.Currency, &c.N); err != nil {
			return nil, internal("find the base currency", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, internal("find the base currency", err)
	}
	return out, nil
}

// EachBuyer calls fn with the time and buyer of every succeeded payment
// created before to (unix seconds), oldest first: the sales figures need
// each buyer's first purchase, however old. The buyer is its customerKey
// ("" for an anonymous buyer).
func (db *DB) EachBuyer(to int64, includeTest bool, fn func(created int64, buyer string)) error {
	rows, err := db.sql.Query(`SELECT created, `+customerKey+`
		FROM payments WHERE id <> '' AND `+succeededSQL+` AND created < ? AND (test = 0 OR ?)
		ORDER BY created`, to, includeTest)
	if err != nil {
		return internal("read sales", err)
	}
	defer rows.Close()
	var created int64
	var buyer sql.RawBytes
	for rows.Next() {
		if err := rows.Scan(&created, &buyer); err != nil {
			return internal("read sales", err)
		}
		fn(created, string(buyer))
	}
	if err := rows.Err(); err != nil {
		return internal("read sales", err)
	}
	return nil
}

// PaymentSources lists the sources of the payments (stripe, gumroad, …).
func (db *DB) PaymentSources() ([]string, error) {
	rows, err := db.sql.Query(`SELECT DISTINCT source FROM payments ORDER BY source`)
	if err != nil {
		return nil, internal("read payments", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, internal("read payments", err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, internal("read payments", err)
	}
	return out, nil
}
