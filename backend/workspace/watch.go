package workspace

import (
	"database/sql"
	"time"
)

// What a release's watch window counts (backend/releases), read by time
// range from the imported records. Ranges are [from, to) in unix seconds.

// TicketStamp is a ticket created in the range.
type TicketStamp struct {
	Key     string // the record key, as feedback items point at tickets
	Created int64
	Email   string // requester
	Tags    string // space separated
}

// TicketStamps lists the tickets created in [from, to).
func (db *DB) TicketStamps(from, to int64) ([]TicketStamp, error) {
	rows, err := db.sql.Query(`SELECT key, created, requester_email, tags FROM tickets WHERE created >= ? AND created < ?`, from, to)
	if err != nil {
		return nil, internal("read the tickets of the watch window", err)
	}
	defer rows.Close()
	var out []TicketStamp
	for rows.Next() {
		var t TicketStamp
		if err := rows.Scan(&t.Key, &t.Created, &t.Email, &t.Tags); err != nil {
			return nil, internal("read the tickets of the watch window", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// PaymentStamp is a refund, a failed payment or a dispute in the range.
// Amount is in Currency; Converted, when the export has it, in
// ConvertedCurrency.
type PaymentStamp struct {
	At                int64
	CustomerID, Email string // the customer id qualified by its tool ("stripe:cus_…"), "" without one
	Amount            int64
	Currency          string
	Converted         *int64
	ConvertedCurrency string
}

// qualifiedCustomer is a payment's customer id qualified by its tool, as
// the revenue engine names customers; "" without an id.
const qualifiedCustomer = `CASE WHEN customer_id <> '' THEN source || ':' || customer_id ELSE '' END`

// RefundStamps lists the refunds dated in [from, to): by their refund date,
// or (exports without one) the payment's (METRICS.md, refunded). Two
// queries, so that each reads its own index.
func (db *DB) RefundStamps(from, to int64, includeTest bool) ([]PaymentStamp, error) {
	dated, err := db.paymentStamps(`SELECT refunded_at, `+qualifiedCustomer+`, customer_email, refunded, currency,
		converted_refunded, converted_currency FROM payments
		WHERE refunded_at >= ?1 AND refunded_at < ?2 AND refunded > 0 AND id <> '' AND (test = 0 OR ?3)`, from, to, includeTest)
	if err != nil {
		return nil, err
	}
	undated, err := db.paymentStamps(`SELECT created, `+qualifiedCustomer+`, customer_email, refunded, currency,
		converted_refunded, converted_currency FROM payments
		WHERE refunded > 0 AND refunded_at IS NULL AND created >= ?1 AND created < ?2 AND id <> '' AND (test = 0 OR ?3)`, from, to, includeTest)
	return append(dated, undated...), err
}

// FailedPaymentStamps lists the failed payments created in [from, to).
func (db *DB) FailedPaymentStamps(from, to int64, includeTest bool) ([]PaymentStamp, error) {
	return db.paymentStamps(`SELECT created, `+qualifiedCustomer+`, customer_email, amount, currency, converted, converted_currency
		FROM payments WHERE status = 'failed' AND created >= ?1 AND created < ?2 AND id <> '' AND (test = 0 OR ?3)`,
		from, to, includeTest)
}

// DisputeStamps lists the disputes opened in [from, to), with the disputed
// amount (the payment's when the export does not say).
func (db *DB) DisputeStamps(from, to int64, includeTest bool) ([]PaymentStamp, error) {
	return db.paymentStamps(`SELECT disputed_at, `+qualifiedCustomer+`, customer_email, COALESCE(disputed_amount, amount), currency,
		NULL, converted_currency FROM payments
		WHERE disputed_at >= ?1 AND disputed_at < ?2 AND id <> '' AND (test = 0 OR ?3)`, from, to, includeTest)
}

func (db *DB) paymentStamps(q string, from, to int64, includeTest bool) ([]PaymentStamp, error) {
	rows, err := db.sql.Query(q, from, to, includeTest)
	if err != nil {
		return nil, internal("read the payments of the watch window", err)
	}
	defer rows.Close()
	var out []PaymentStamp
	for rows.Next() {
		var p PaymentStamp
		var conv sql.NullInt64
		if err := rows.Scan(&p.At, &p.CustomerID, &p.Email, &p.Amount, &p.Currency, &conv, &p.ConvertedCurrency); err != nil {
			return nil, internal("read the payments of the watch window", err)
		}
		if conv.Valid {
			p.Converted = &conv.Int64
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// Span is the time a table's records cover: from its oldest to its newest
// record's date. OK is false for an empty table.
type Span struct {
	From, To time.Time
	OK       bool
}

// spanCols are the tables whose span the watch window asks, with the
// column that dates their records.
var spanCols = map[string]string{"tickets": "created", "payments": "created", "events": "time", "invoices": "date"}

// Span returns the span of tickets, payments, events or invoices (kept
// until the data changes: invoices.date has no index).
func (db *DB) Span(table string) (Span, error) {
	col, ok := spanCols[table]
	if !ok {
		return Span{}, internal("span", sql.ErrNoRows)
	}
	v, err := db.Memo("span."+table, func() (any, error) { return db.span(table, col) })
	if err != nil {
		return Span{}, err
	}
	return v.(Span), nil
}

func (db *DB) span(table, col string) (Span, error) {
	var lo, hi sql.NullInt64
	// Two subqueries: SQLite finds a lone MIN or MAX through the column's
	// index, both in one SELECT by reading every row.
	if err := db.sql.QueryRow("SELECT (SELECT MIN("+col+") FROM "+table+"), (SELECT MAX("+col+") FROM "+table+")").Scan(&lo, &hi); err != nil {
		return Span{}, internal("read the dates of "+table, err)
	}
	if !lo.Valid {
		return Span{}, nil
	}
	return Span{From: time.Unix(lo.Int64, 0).UTC(), To: time.Unix(hi.Int64, 0).UTC(), OK: true}, nil
}
