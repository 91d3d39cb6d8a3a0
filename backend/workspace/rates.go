package workspace

import (
	"strings"

	"keel/backend"
	"keel/backend/money"
)

// Rate is one row of the user's exchange-rates table: how many units of
// the base currency one unit of Currency was worth in Month. The revenue
// engine uses it only for months its Stripe converted amounts cannot price.
type Rate struct {
	Currency string `json:"currency"` // lowercase ISO 4217
	Month    string `json:"month"`    // YYYY-MM
	Rate     string `json:"rate"`     // decimal, e.g. "1.0834"
}

// Rates lists the user's exchange rates by currency, then month.
func (db *DB) Rates() ([]Rate, error) {
	rows, err := db.sql.Query("SELECT currency, month, rate FROM exchange_rates ORDER BY currency, month")
	if err != nil {
		return nil, internal("read the exchange rates", err)
	}
	defer rows.Close()
	var out []Rate
	for rows.Next() {
		var r Rate
		if err := rows.Scan(&r.Currency, &r.Month, &r.Rate); err != nil {
			return nil, internal("read the exchange rates", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// SetRate validates and stores (or replaces) the rate of a currency for a
// month. The rate is a positive decimal; a decimal comma is accepted.
func (db *DB) SetRate(currency, month, rate string) error {
	cur, err := rateCurrency(currency)
	if err != nil {
		return err
	}
	m, err := rateMonth(month)
	if err != nil {
		return err
	}
	r, err := rateValue(rate, cur)
	if err != nil {
		return err
	}
	_, err = db.sql.Exec(`INSERT INTO exchange_rates(currency, month, rate) VALUES(?, ?, ?)
		ON CONFLICT(currency, month) DO UPDATE SET rate = excluded.rate`, cur, m, r)
	if err != nil {
		return internal("save the exchange rate", err)
	}
	db.forget()
	return nil
}

// DeleteRate removes the rate of a currency for a month.
func (db *DB) DeleteRate(currency, month string) error {
	cur, err := rateCurrency(currency)
	if err != nil {
		return err
	}
	m, err := rateMonth(month)
	if err != nil {
		return err
	}
	res, err := db.sql.Exec("DELETE FROM exchange_rates WHERE currency = ? AND month = ?", cur, m)
	if err != nil {
		return internal("delete the exchange rate", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return backend.Errorf(backend.NotFound, "There is no %s rate for %s in the exchange-rates table.", strings.ToUpper(cur), m)
	}
	db.forget()
	return nil
}

func rateCurrency(s string) (string, error) {
	cur := strings.ToLower(strings.TrimSpace(s))
	if !money.Known(cur) {
		return "", backend.Errorf(backend.Invalid, "%q is not a currency code Keel knows (use a code like EUR).", strings.TrimSpace(s))
	}
	return cur, nil
}

func rateMonth(s string) (string, error) {
	m, err := backend.ParseMonth(s)
	if err != nil {
		return "", err
	}
	return m.String(), nil
}

// rateValue accepts a plain positive decimal ("1.0834", "0,92", "150") and
// returns it with a decimal point; fractions and exponents are refused so
// that what is stored reads the way the user typed it.
func rateValue(s, cur string) (string, error) {
	t := strings.TrimSpace(s)
	if strings.Count(t, ",") == 1 && !strings.Contains(t, ".") {
		t = strings.Replace(t, ",", ".", 1)
	}
	digits, dots := 0, 0
	for _, c := range t {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == '.':
			dots++
		default:
			digits = -1 << 30
		}
	}
	if digits <= 0 || dots > 1 {
		return "", backend.Errorf(backend.Invalid,
			"%q is not an exchange rate: write how many units of the base currency one %s is worth, like 1.0834.", strings.TrimSpace(s), strings.ToUpper(cur))
	}
	if r, err := money.ParseRate(t); err != nil || r.Sign() <= 0 {
		return "", backend.Errorf(backend.Invalid, "The %s exchange rate must be more than zero, not %q.", strings.ToUpper(cur), strings.TrimSpace(s))
	}
	return t, nil
}
