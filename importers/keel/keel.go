// Package keel reads Keel's own CSV files, the ones a founder keeps by
// hand or exports from a spreadsheet:
//
//   - manual work, one intervention a row:
//     date,account,kind,minutes,note
//     2026-03-02,ops@acme.example,Refund by hand,15,Double charge in February
//     (account: an address, a domain, an account's name or id; kind: refund
//     by hand, data fix, onboarding call, billing change, account review,
//     other; an optional id column names each row);
//   - monthly costs, what a cost driver cost:
//     date,driver,amount,currency
//     2026-03-31,E-mails sent,412.80,USD
//     (amount in major units; without a currency column it is the
//     workspace's base currency, read with two decimals).
//
// Rows without an id are keyed by a digest of their values and their
// occurrence in the file, so re-importing the file is a no-op.
package keel

import (
	"strconv"

	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
	"keel/importers/internal/columns"
)

const source = "keel"

func init() {
	importers.Register(manualWork{})
	importers.Register(costLines{})
}

type manualWork struct{}

func (manualWork) Source() string { return source }
func (manualWork) Kind() string   { return "manual work" }
func (manualWork) Label() string  { return "Keel manual work log" }

func (manualWork) Detect(hh *csvfile.Header) float64 {
	h := columns.NewHeader(hh)
	if h.Has("Minutes", "Duration (minutes)") && h.Has("Kind", "Type of work") && h.Has("Account", "Customer") && h.Has("Date") {
		return 0.95
	}
	return 0
}

func (manualWork) Bind(hh *csvfile.Header, opt importers.Options) (importers.RowFunc, error) {
	h := columns.NewHeader(hh)
	var (
		id      = h.Find("Id", "Intervention id")
		date    = h.Find("Date")
		account = h.Find("Account", "Customer")
		kind    = h.Find("Kind", "Type of work")
		minutes = h.Find("Minutes", "Duration (minutes)")
		note    = h.Find("Note", "Notes", "What was done")
	)
	if err := columns.CheckRequired("Keel manual work log", []columns.Requirement{{date}, {kind}, {minutes}}...); err != nil {
		return nil, err
	}
	seen := map[string]int{}
	return func(row csvfile.Row) (backend.Record, error) {
		f := &columns.Fields{Row: row, Loc: opt.Location, Vendor: "Keel"}
		m := &backend.ManualWork{Source: source, At: f.RequiredTime(date), Account: f.Str(account), Note: f.Str(note)}
		k, ok := backend.ParseManualKind(f.Required(kind))
		if !ok && f.Err == nil {
			f.Fail("%s %q is not a kind of manual work (refund by hand, data fix, onboarding call, billing change, account review, other)", kind.Name, f.Str(kind))
		}
		m.Type = k
		m.Minutes = f.Integer(minutes, 0)
		if f.Err == nil && (m.Minutes <= 0 || m.Minutes > 24*60) {
			f.Fail("%s %q is not a number of minutes from 1 to 1440", minutes.Name, f.Str(minutes))
		}
		if f.Err != nil {
			return nil, f.Err
		}
		m.ID = f.Str(id)
		if m.ID == "" {
			m.ID = occurrence(seen, columns.RowHash(m.At.UTC().Format("2006-01-02T15:04:05"), m.Account, m.Type,
				strconv.FormatInt(m.Minutes, 10), m.Note))
		}
		return m, nil
	}, nil
}

type costLines struct{}

func (costLines) Source() string { return source }
func (costLines) Kind() string   { return "costs" }
func (costLines) Label() string  { return "Keel monthly costs" }

func (costLines) Detect(hh *csvfile.Header) float64 {
	h := columns.NewHeader(hh)
	if h.Has("Driver", "Cost driver") && h.Has("Amount", "Cost") && h.Has("Date", "Month") {
		return 0.9
	}
	return 0
}

func (costLines) Bind(hh *csvfile.Header, opt importers.Options) (importers.RowFunc, error) {
	h := columns.NewHeader(hh)
	var (
		id       = h.Find("Id")
		date     = h.Find("Date", "Month")
		driver   = h.Find("Driver", "Cost driver")
		amount   = h.Find("Amount", "Cost")
		currency = h.Find("Currency")
	)
	if err := columns.CheckRequired("Keel monthly costs", []columns.Requirement{{date}, {driver}, {amount}}...); err != nil {
		return nil, err
	}
	num := &columns.NumberStyle{}
	seen := map[string]int{}
	return func(row csvfile.Row) (backend.Record, error) {
		f := &columns.Fields{Row: row, Num: num, Loc: opt.Location, Vendor: "Keel"}
		c := &backend.CostLine{Source: source, Date: f.RequiredTime(date), Driver: f.Required(driver)}
		exp := 2
		if cur, e, ok := f.Currency(currency, false); ok {
			c.Currency, exp = cur, e
		}
		c.Amount = f.RequiredAmount(amount, exp)
		if f.Err == nil && c.Amount < 0 {
			f.Fail("%s %q is negative: a cost is what was paid", amount.Name, f.Str(amount))
		}
		if f.Err != nil {
			return nil, f.Err
		}
		c.ID = f.Str(id)
		if c.ID == "" {
			c.ID = occurrence(seen, columns.RowHash(c.Date.UTC().Format("2006-01-02"), c.Driver, strconv.FormatInt(c.Amount, 10), c.Currency))
		}
		return c, nil
	}, nil
}

// occurrence keys the n-th identical row of a file "digest#n".
func occurrence(seen map[string]int, sum string) string {
	seen[sum]++
	if n := seen[sum]; n > 1 {
		return sum[:32] + "#" + strconv.Itoa(n)
	}
	return sum[:32]
}
