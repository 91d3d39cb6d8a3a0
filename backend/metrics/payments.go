package metrics

import (
	"database/sql"
	"time"

	"keel/backend"
	"keel/backend/revenue"
	"keel/backend/workspace"
)

// BaseCurrency is the workspace's base currency (see revenue.BaseCurrency).
func BaseCurrency(db *workspace.DB) (string, error) { return revenue.BaseCurrency(db) }

// succeeded reports whether a payment status counts as money collected.
func succeeded(status string) bool { return status == "paid" || status == "refunded" }

// fillPayments sets collected, refunded, refunds, disputes, disputed and
// failed_payments from the payments table.
func fillPayments(db *workspace.DB, rep *Report, first time.Time, loc *time.Location, includeTest bool) error {
	var n int64
	if err := db.SQL().QueryRow("SELECT COUNT(*) FROM payments").Scan(&n); err != nil {
		return backend.Errorf(backend.Internal, "count payments: %v", err)
	}
	if n == 0 {
		return nil // no payments imported: the fields stay null
	}
	rt, err := revenue.LoadRates(db, rep.BaseCurrency, loc, includeTest)
	if err != nil {
		return err
	}
	months := len(rep.Months)
	for i := range rep.Months {
		rv := &rep.Months[i].Revenue
		rv.Collected, rv.Refunded, rv.Refunds, rv.Disputes, rv.Disputed, rv.FailedPayments = i64(0), i64(0), i64(0), i64(0), i64(0), i64(0)
	}
	// Only payments that can touch the months asked for: created, refunded
	// or disputed in them (SQLite filters; the loop below stays small on a
	// workspace with years of history).
	lo, hi := first.Unix(), first.AddDate(0, months, 0).Unix()
	rows, err := db.SQL().Query(`SELECT created, amount, refunded, currency, converted, converted_refunded, converted_currency,
		status, refunded_at, disputed_amount, disputed_at FROM payments WHERE id <> '' AND (test = 0 OR ?1)
		AND ((created >= ?2 AND created < ?3) OR (refunded_at >= ?2 AND refunded_at < ?3) OR (disputed_at >= ?2 AND disputed_at < ?3))`,
		includeTest, lo, hi)
	if err != nil {
		return backend.Errorf(backend.Internal, "read payments: %v", err)
	}
	defer rows.Close()
	for rows.Next() {
		var created, amount, refunded int64
		var cur, convCur, status string
		var conv, convRef, refAt, disAmt, disAt sql.NullInt64
		if err := rows.Scan(&created, &amount, &refunded, &cur, &conv, &convRef, &convCur, &status, &refAt, &disAmt, &disAt); err != nil {
			return backend.Errorf(backend.Internal, "read payments: %v", err)
		}
		ownRate := convCur == rep.BaseCurrency
		if i := monthIndex(created, first, months, loc); i >= 0 {
			rv := &rep.Months[i].Revenue
			switch {
			case succeeded(status):
				v := conv.Int64
				if !(ownRate && conv.Valid) {
					if v, err = rt.Convert(amount, cur, created); err != nil {
						return err
					}
				}
				*rv.Collected += v
			case status == "failed":
				*rv.FailedPayments++
			}
		}
		if refunded > 0 {
			// Refund date, else (older exports) the payment's own date.
			at := created
			if refAt.Valid {
				at = refAt.Int64
			}
			if i := monthIndex(at, first, months, loc); i >= 0 {
				v := convRef.Int64
				if !(ownRate && convRef.Valid) {
					if v, err = rt.Convert(refunded, cur, at); err != nil {
						return err
					}
				}
				*rep.Months[i].Revenue.Refunded += v
				*rep.Months[i].Revenue.Refunds++
			}
		}
		if disAt.Valid {
			if i := monthIndex(disAt.Int64, first, months, loc); i >= 0 {
				amt := amount
				if disAmt.Valid {
					amt = disAmt.Int64
				}
				v, err := rt.Convert(amt, cur, disAt.Int64)
				if err != nil {
					return err
				}
				*rep.Months[i].Revenue.Disputes++
				*rep.Months[i].Revenue.Disputed += v
			}
		}
	}
	return rows.Err()
}
