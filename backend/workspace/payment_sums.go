package workspace

import (
	"database/sql"
	"fmt"
	"strings"
	"sync"
)

// SucceededStatuses are the payment statuses that count as money
// collected (Stripe's Paid and Refunded; METRICS.md, Revenue), and
// succeededSQL the same rule in a query.
var (
	SucceededStatuses = []string{"paid", "refunded"}
	succeededSQL      = "status IN ('" + strings.Join(SucceededStatuses, "', '") + "')"
)

// customerKey is a payment's customer in a query: its id qualified by its
// tool ("stripe:cus_…", "lemonsqueezy:123": plain-number ids of two tools
// never collide), else "email:" and its address, else ” (anonymous).
const customerKey = `CASE WHEN customer_id <> '' THEN source || ':' || customer_id WHEN trim(customer_email) <> '' THEN 'email:' || lower(trim(customer_email)) ELSE '' END`

// baseValue is a payment's money in the base currency (?4) as the export
// gives it (METRICS.md, Revenue): its own converted amount when that is
// in base, its amount when the payment is in base; NULL when it is to be
// converted at r(cur, M) (revenue.Rates), each payment on its own.
const baseValue = `(CASE WHEN converted_currency = ?4 AND converted IS NOT NULL THEN converted WHEN currency = ?4 THEN amount END)`

// PaymentSum is the payments created in one period with one status (and
// description, for PaymentSums) added up: their money in base (Value),
// or, for payments to convert (Value nil), one currency and amount each.
type PaymentSum struct {
	Status, Description string
	N                   int64
	Value               *int64 // Σ baseValue
	Currency            string // of payments to convert
	Each                int64  // the amount of each payment to convert
}

// PaymentSums adds up the payments created in each period [bounds[i],
// bounds[i+1]) (unix seconds) by status and description and hands the
// sums to fn with i. SQLite adds them up, so the rows of millions of
// payments never cross into Go.
func (db *DB) PaymentSums(bounds []int64, base string, includeTest bool, fn func(period int, s PaymentSum)) error {
	return db.eachPeriod(bounds, `SELECT status, description, count(*), sum(`+baseValue+`),
			CASE WHEN `+baseValue+` IS NULL THEN currency END AS cur, CASE WHEN `+baseValue+` IS NULL THEN amount END AS each
		FROM payments WHERE created >= ?1 AND created < ?2 AND id <> '' AND (test = 0 OR ?3)
		GROUP BY status, description, cur, each`, base, includeTest, nil, func(i int, rows *sql.Rows) error {
		var s PaymentSum
		var value, each sql.NullInt64
		var cur sql.NullString
		if err := rows.Scan(&s.Status, &s.Description, &s.N, &value, &cur, &each); err != nil {
			return err
		}
		s.Value, s.Currency, s.Each = intp(value), cur.String, each.Int64
		fn(i, s)
		return nil
	})
}

// PaymentTotals is PaymentSums for the statuses asked only, without
// descriptions, added up without sorting the payments (a third of the
// time); a period that has payments to convert is handed to fn as
// PaymentSums gives it.
func (db *DB) PaymentTotals(bounds []int64, base string, includeTest bool, statuses []string, fn func(period int, s PaymentSum)) error {
	var cols []string
	args := []any{}
	for i, st := range statuses {
		n := fmt.Sprintf("?%d", 5+i)
		cols = append(cols, "count(*) FILTER (WHERE status = "+n+")", "sum("+baseValue+") FILTER (WHERE status = "+n+")",
			"count(*) FILTER (WHERE status = "+n+" AND "+baseValue+" IS NULL)")
		args = append(args, st)
	}
	var convert []int // periods with payments to convert
	err := db.eachPeriod(bounds, `SELECT `+strings.Join(cols, ", ")+` FROM payments
		WHERE created >= ?1 AND created < ?2 AND id <> '' AND (test = 0 OR ?3)`, base, includeTest, args, func(i int, rows *sql.Rows) error {
		vals := make([]sql.NullInt64, 3*len(statuses))
		dest := make([]any, len(vals))
		for j := range vals {
			dest[j] = &vals[j]
		}
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		for j := range statuses {
			if vals[3*j+2].Int64 > 0 {
				convert = append(convert, i)
				return nil
			}
		}
		for j, st := range statuses {
			if n := vals[3*j].Int64; n > 0 {
				fn(i, PaymentSum{Status: st, N: n, Value: intp(vals[3*j+1])})
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, i := range convert {
		err := db.PaymentSums(bounds[i:i+2], base, includeTest, func(_ int, s PaymentSum) {
			for _, st := range statuses {
				if s.Status == st {
					fn(i, s)
				}
			}
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// eachPeriod runs query (?1, ?2: a period's bounds; ?3: include test
// mode; ?4: the base currency; then args) for each period and hands its
// rows to scan, one row at a time; the periods are read in two halves
// side by side (inReaders).
func (db *DB) eachPeriod(bounds []int64, query, base string, includeTest bool, args []any, scan func(int, *sql.Rows) error) error {
	n := len(bounds) - 1
	var mu sync.Mutex
	return db.inReaders(min(n, 2), func(half int, conn *sql.DB) error {
		st, err := conn.Prepare(query)
		if err != nil {
			return internal("read payments", err)
		}
		defer st.Close()
		for i := half * (n + 1) / 2; i < (half+1)*(n+1)/2 && i < n; i++ {
			rows, err := st.Query(append([]any{bounds[i], bounds[i+1], includeTest, base}, args...)...)
			if err != nil {
				return internal("read payments", err)
			}
			mu.Lock()
			for rows.Next() {
				if err = scan(i, rows); err != nil {
					break
				}
			}
			mu.Unlock()
			if err == nil {
				err = rows.Err()
			}
			rows.Close()
			if err != nil {
				return internal("read payments", err)
			}
		}
		return nil
	})
}
