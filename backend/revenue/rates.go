package revenue

import (
	"fmt"
	"math/big"
	"strings"
	"time"

	"keel/backend"
	"keel/backend/money"
	"keel/backend/workspace"
)

// BaseCurrency is the workspace setting, else the most frequent Stripe
// Converted Currency (the settlement currency), else the currency with the
// most payments, else usd (METRICS.md, Base currency).
func BaseCurrency(db *workspace.DB) (string, error) {
	v, err := db.Memo("base_currency", func() (any, error) { return baseCurrency(db) })
	if err != nil {
		return "", err
	}
	return v.(string), nil
}

// baseCurrency works the base currency out from the payments counted by
// currency (each import's counts once kept, else a scan of every
// payment), hence the memo above.
func baseCurrency(db *workspace.DB) (string, error) {
	v, err := db.Setting(workspace.SettingBaseCurrency)
	if err != nil || v != "" {
		return v, err
	}
	counts, err := db.PaymentCurrencies()
	if err != nil {
		return "", err
	}
	for _, converted := range []bool{true, false} {
		n := map[string]int64{}
		for _, c := range counts {
			cur := c.Currency
			if converted {
				cur = c.Converted
			}
			if cur != "" {
				n[cur] += c.N
			}
		}
		best := "" // the most payments; of equal counts, the first name
		for cur, k := range n {
			if best == "" || k > n[best] || k == n[best] && cur < best {
				best = cur
			}
		}
		if best != "" {
			return best, nil
		}
	}
	return "usd", nil
}

// Rates is r(cur, M), base units per native unit (METRICS.md, Exchange
// rate): Σ Converted Amount / Σ Amount over succeeded Stripe payments of
// the month, else the latest earlier month's, else the user's
// exchange-rates table (carried forward the same way), else an error.
// Months are absolute (year*12 + month-1) in the workspace time zone.
type Rates struct {
	Base   string
	loc    *time.Location
	stripe map[string]map[int][2]int64 // Σ converted, Σ amount
	user   map[string]map[int]*big.Rat
	cache  map[rateKey]*Converter // not safe for concurrent use
}

type rateKey struct {
	cur   string
	month int
}

// AbsMonth is the absolute month of unix time sec in loc.
func AbsMonth(sec int64, loc *time.Location) int {
	t := time.Unix(sec, 0).In(loc)
	return t.Year()*12 + int(t.Month()) - 1
}

// LoadRates is the workspace's rates, read from the payments and the
// user's table once per change of the data (workspace.Memo): the revenue
// series, the payment figures and the sales each convert with them. Each
// caller gets its own conversion cache.
func LoadRates(db *workspace.DB, base string, loc *time.Location, includeTest bool) (*Rates, error) {
	key := fmt.Sprintf("revenue.rates:%s:%s:%t", base, loc, includeTest)
	v, err := db.Memo(key, func() (any, error) { return loadRates(db, base, loc, includeTest) })
	if err != nil {
		return nil, err
	}
	return v.(*Rates).fresh(), nil
}

func loadRates(db *workspace.DB, base string, loc *time.Location, includeTest bool) (*Rates, error) {
	r := &Rates{Base: base, loc: loc, stripe: map[string]map[int][2]int64{}, user: map[string]map[int]*big.Rat{},
		cache: map[rateKey]*Converter{}}
	err := db.EachConvertedPayment(base, includeTest, func(cur string, created, amount, conv int64) {
		if r.stripe[cur] == nil {
			r.stripe[cur] = map[int][2]int64{}
		}
		m := AbsMonth(created, loc)
		s := r.stripe[cur][m]
		r.stripe[cur][m] = [2]int64{s[0] + conv, s[1] + amount}
	})
	if err != nil {
		return nil, err
	}
	user, err := db.Rates()
	if err != nil {
		return nil, err
	}
	for _, u := range user {
		t, err1 := time.Parse("2006-01", u.Month)
		v, err2 := money.ParseRate(u.Rate)
		if err1 != nil || err2 != nil {
			continue // SetRate validates; a hand-edited bad row is skipped
		}
		if r.user[u.Currency] == nil {
			r.user[u.Currency] = map[int]*big.Rat{}
		}
		r.user[u.Currency][t.Year()*12+int(t.Month())-1] = v
	}
	return r, nil
}

// rate returns r(cur, m) as a fraction num/den of major units.
// fresh is a copy of r with its own conversion cache, for one series:
// the rates themselves are shared and only read.
func (r *Rates) fresh() *Rates {
	c := *r
	c.cache = map[rateKey]*Converter{}
	return &c
}

func (r *Rates) rate(cur string, m int) (*big.Rat, bool) {
	if s, ok := latest(r.stripe[cur], m); ok {
		ef, _ := money.Exponent(cur)
		et, _ := money.Exponent(r.Base)
		return money.RateOf(s[1], ef, s[0], et), true
	}
	if v, ok := latest(r.user[cur], m); ok {
		return v, true
	}
	return nil, false
}

// latest is the value of month m, else of the latest month before it.
func latest[V any](byMonth map[int]V, m int) (V, bool) {
	if v, ok := byMonth[m]; ok {
		return v, true
	}
	best, found := -1, false
	var out V
	for month, v := range byMonth {
		if month < m && (!found || month > best) {
			best, found, out = month, true, v
		}
	}
	return out, found
}

// Converter converts amounts of one currency in one month; it caches the
// rate so that hot loops do not look it up again.
type Converter struct {
	ef, et   int
	num, den int64    // the rate, when both fit in int64 (the usual case)
	rat      *big.Rat // else the rate
	same     bool
}

// For returns the converter for cur in absolute month m, or the error that
// names the currency and month and offers the rates table.
func (r *Rates) For(cur string, m int) (*Converter, error) {
	et, _ := money.Exponent(r.Base)
	if cur == r.Base {
		return &Converter{same: true, et: et, ef: et}, nil
	}
	ef, ok := money.Exponent(cur)
	if !ok {
		return nil, backend.Errorf(backend.Invalid, "%s is not a currency Keel knows, so its amounts cannot be converted to %s.", upper(cur), upper(r.Base))
	}
	v, ok := r.rate(cur, m)
	if !ok {
		month := time.Date(m/12, time.Month(m%12+1), 1, 0, 0, 0, 0, time.UTC).Format("January 2006")
		return nil, backend.Errorf(backend.Invalid,
			"Keel has no exchange rate from %s to %s for %s or earlier. Import Stripe payments in %s that have a Converted Amount, or add the %s rate for %s to the exchange-rates table.",
			upper(cur), upper(r.Base), month, upper(cur), upper(cur), month)
	}
	c := &Converter{ef: ef, et: et, rat: v}
	if v.Num().IsInt64() && v.Denom().IsInt64() {
		c.num, c.den, c.rat = v.Num().Int64(), v.Denom().Int64(), nil
	}
	return c, nil
}

// Convert is round(n / 10^e_native × r × 10^e_base), half away from zero.
func (c *Converter) Convert(n int64) int64 {
	switch {
	case c.same || n == 0:
		return n
	case c.rat == nil:
		return money.Convert(n, c.ef, c.num, c.den, c.et)
	}
	return money.ConvertRat(n, c.ef, c.rat, c.et)
}

// Convert values n minor units of cur at the rate of the month of sec.
func (r *Rates) Convert(n int64, cur string, sec int64) (int64, error) {
	if cur == r.Base || n == 0 {
		return n, nil
	}
	k := rateKey{cur, AbsMonth(sec, r.loc)}
	c := r.cache[k]
	if c == nil {
		var err error
		if c, err = r.For(k.cur, k.month); err != nil {
			return 0, err
		}
		r.cache[k] = c
	}
	return c.Convert(n), nil
}

func upper(s string) string { return strings.ToUpper(s) }

// value is what payments added up alike (workspace.PaymentSum) created at
// sec are worth in base: the money the export gives in base, else each
// payment's amount converted at r(cur, M) and rounded on its own (equal
// amounts: one rounding, N times).
func (r *Rates) value(s workspace.PaymentSum, sec int64) (int64, error) {
	if s.Value != nil {
		return *s.Value, nil
	}
	v, err := r.Convert(s.Each, s.Currency, sec)
	return v * s.N, err
}
