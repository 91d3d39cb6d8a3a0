package workspace

import "database/sql"

// PaymentSum is the payments created in one period that the money
// figures value alike, added up: one status, description, currency and
// converted currency. Payments whose value in base is not the sum of
// their own columns (another currency, without a converted amount in
// base: each is converted and rounded on its own) are kept apart by
// amount, so that N equal payments are valued as one, N times.
type PaymentSum struct {
	Status, Description, Currency, ConvertedCurrency string
	HasConverted                                     bool
	N, Amount, Converted                             int64 // count, Σ amount, Σ converted amount
}

// PaymentSums adds up the payments created in each period [bounds[i],
// bounds[i+1]) (unix seconds) and hands the sums to fn with i. SQLite
// adds them up, so the rows of millions of payments never cross into Go.
func (db *DB) PaymentSums(bounds []int64, base string, includeTest bool, fn func(period int, s PaymentSum)) error {
	st, err := db.sql.Prepare(`SELECT status, description, currency, converted_currency, converted IS NOT NULL,
			count(*), sum(amount), coalesce(sum(converted), 0)
		FROM payments WHERE created >= ?1 AND created < ?2 AND id <> '' AND (test = 0 OR ?3)
		GROUP BY status, description, currency, converted_currency, converted IS NOT NULL,
			CASE WHEN currency = ?4 OR (converted_currency = ?4 AND converted IS NOT NULL) THEN NULL ELSE amount END`)
	if err != nil {
		return internal("read payments", err)
	}
	defer st.Close()
	for i := 0; i+1 < len(bounds); i++ {
		if err := eachSum(st, i, bounds[i], bounds[i+1], base, includeTest, fn); err != nil {
			return err
		}
	}
	return nil
}

func eachSum(st *sql.Stmt, i int, from, to int64, base string, includeTest bool, fn func(int, PaymentSum)) error {
	rows, err := st.Query(from, to, includeTest, base)
	if err != nil {
		return internal("read payments", err)
	}
	defer rows.Close()
	for rows.Next() {
		var s PaymentSum
		if err := rows.Scan(&s.Status, &s.Description, &s.Currency, &s.ConvertedCurrency, &s.HasConverted,
			&s.N, &s.Amount, &s.Converted); err != nil {
			return internal("read payments", err)
		}
		fn(i, s)
	}
	if err := rows.Err(); err != nil {
		return internal("read payments", err)
	}
	return nil
}
