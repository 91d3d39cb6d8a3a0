package metrics

import (
	"database/sql"
	"time"

	"keel/backend"
	"keel/backend/money"
	"keel/backend/workspace"
)

// BaseCurrency is the workspace setting, else the most frequent Stripe
// Converted Currency, else the currency with the most payments, else usd.
func BaseCurrency(db *workspace.DB) (string, error) {
	v, err := db.Setting(workspace.SettingBaseCurrency)
	if err != nil || v != "" {
		return v, err
	}
	for _, col := range []string{"converted_currency", "currency"} {
		var cur sql.NullString
		err := db.SQL().QueryRow(`SELECT ` + col + ` FROM payments WHERE ` + col + ` <> ''
			GROUP BY ` + col + ` ORDER BY COUNT(*) DESC, ` + col + ` LIMIT 1`).Scan(&cur)
		if err != nil && err != sql.ErrNoRows {
			return "", backend.Errorf(backend.Internal, "find the base currency: %v", err)
		}
		if cur.Valid {
			return cur.String, nil
		}
	}
	return "usd", nil
}

// succeeded reports whether a payment status counts as money collected.
func succeeded(status string) bool { return status == "paid" || status == "refunded" }

// rates holds r(cur, M) as the sums Σ Converted Amount / Σ Amount per
// currency and absolute month (year*12+month), over succeeded payments.
type rates struct {
	base string
	sums map[string]map[int][2]int64
	loc  *time.Location
}

func absMonth(sec int64, loc *time.Location) int {
	t := time.Unix(sec, 0).In(loc)
	return t.Year()*12 + int(t.Month()) - 1
}

func loadRates(db *workspace.DB, base string, loc *time.Location, includeTest bool) (*rates, error) {
	r := &rates{base: base, sums: map[string]map[int][2]int64{}, loc: loc}
	rows, err := db.SQL().Query(`SELECT currency, created, amount, converted FROM payments
		WHERE converted IS NOT NULL AND converted_currency = ? AND currency <> ? AND status IN ('paid','refunded') AND amount > 0
		AND (test = 0 OR ?)`, base, base, includeTest)
	if err != nil {
		return nil, backend.Errorf(backend.Internal, "read exchange rates: %v", err)
	}
	defer rows.Close()
	for rows.Next() {
		var cur string
		var created, amount, conv int64
		if err := rows.Scan(&cur, &created, &amount, &conv); err != nil {
			return nil, backend.Errorf(backend.Internal, "read exchange rates: %v", err)
		}
		if r.sums[cur] == nil {
			r.sums[cur] = map[int][2]int64{}
		}
		m := absMonth(created, loc)
		s := r.sums[cur][m]
		r.sums[cur][m] = [2]int64{s[0] + conv, s[1] + amount}
	}
	return r, rows.Err()
}

// convert values n minor units of cur at the rate of the month of sec.
func (r *rates) convert(n int64, cur string, sec int64) (int64, error) {
	if cur == r.base || n == 0 {
		return n, nil
	}
	m := absMonth(sec, r.loc)
	best, found := -1, [2]int64{}
	for month, s := range r.sums[cur] {
		if month <= m && month > best {
			best, found = month, s
		}
	}
	if best < 0 {
		t := time.Unix(sec, 0).In(r.loc)
		return 0, backend.Errorf(backend.Invalid,
			"Keel has no exchange rate from %s to %s for %s or earlier: import Stripe payments with Converted Amount for that currency, or add the rate to the rates table.",
			upper(cur), upper(r.base), t.Format("January 2006"))
	}
	ef, _ := money.Exponent(cur)
	et, _ := money.Exponent(r.base)
	// r = (Σconv / 10^et) / (Σamt / 10^ef) in major units.
	num, den := found[0]*pow10(ef), found[1]*pow10(et)
	return money.Convert(n, ef, num, den, et), nil
}

func pow10(e int) int64 {
	p := int64(1)
	for ; e > 0; e-- {
		p *= 10
	}
	return p
}

func upper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'a' && c <= 'z' {
			b[i] = c - 32
		}
	}
	return string(b)
}

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
	rt, err := loadRates(db, rep.BaseCurrency, loc, includeTest)
	if err != nil {
		return err
	}
	months := len(rep.Months)
	for i := range rep.Months {
		rv := &rep.Months[i].Revenue
		rv.Collected, rv.Refunded, rv.Refunds, rv.Disputes, rv.Disputed, rv.FailedPayments = i64(0), i64(0), i64(0), i64(0), i64(0), i64(0)
	}
	rows, err := db.SQL().Query(`SELECT created, amount, refunded, currency, converted, converted_refunded, converted_currency,
		status, refunded_at, disputed_amount, disputed_at FROM payments WHERE id <> '' AND (test = 0 OR ?)`, includeTest)
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
					if v, err = rt.convert(amount, cur, created); err != nil {
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
					if v, err = rt.convert(refunded, cur, at); err != nil {
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
				v, err := rt.convert(amt, cur, disAt.Int64)
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
