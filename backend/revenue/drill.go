package revenue

import (
	"regexp"
	"strings"
	"time"

	"keel/backend"
	"keel/backend/workspace"
)

// What the Revenue screen's drill-downs need besides the totals: who a
// customer is, their movements month by month, the invoices behind their
// MRR steps, and where the data starts.

// Who is a customer's name and email: from the customers export, else the
// first email their subscriptions carry.
func (s *Series) Who(id string) (string, string) {
	l := s.ledger
	if l == nil {
		return "", ""
	}
	w := l.names[id]
	if w.email == "" {
		for i, t := range l.tls {
			if t.customer == id {
				w.email = email(l.tls[i:], id)
				break
			}
		}
	}
	return w.name, w.email
}

// CustomerMove is one of a customer's movements, with its month.
type CustomerMove struct {
	Month  string `json:"month"` // YYYY-MM
	Kind   Kind   `json:"kind"`
	Amount int64  `json:"amount"` // positive but for fx, as in Movement
	Plan   string `json:"plan"`
	From   int64  `json:"from"`
	To     int64  `json:"to"`
}

// CustomerMoves lists one customer's movements over the series' months,
// oldest first, without building every customer's.
func (s *Series) CustomerMoves(id string) []CustomerMove {
	out := []CustomerMove{}
	l := s.ledger
	if l == nil {
		return out
	}
	for k := range s.Months {
		for kd, b := range l.moves[k] {
			for _, m := range b {
				t := l.tls[m.tl]
				if t.customer != id {
					continue
				}
				plan := planLabel(t)
				if m.plan >= 0 {
					plan = l.planNames[m.plan]
				}
				out = append(out, CustomerMove{Month: s.Months[k].Month, Kind: kindOrder[kd], Amount: m.amount,
					Plan: plan, From: m.p, To: m.c})
			}
		}
	}
	return out
}

// FirstPaid is the month (in loc) of the earliest instant any subscription
// had MRR > 0, and false when none ever had.
func (s *Series) FirstPaid(loc *time.Location) (time.Time, bool) {
	var first time.Time
	found := false
	for _, sub := range s.Subscriptions {
		for _, st := range sub.Steps {
			if st.MRR > 0 {
				if !found || st.From.Before(first) {
					first, found = st.From, true
				}
				break
			}
		}
	}
	if !found {
		return time.Time{}, false
	}
	t := first.In(loc)
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, loc), true
}

// Invoice is an invoice that set a step of a subscription's MRR.
type Invoice = workspace.Invoice

// Invoices reads the invoices with the given ids (Step.Invoice), by id.
func Invoices(db *workspace.DB, ids []string) (map[string]Invoice, error) {
	return db.InvoicesByID(ids)
}

// IsMissingRate tells the error Compute returns when a currency has no
// exchange rate for a month (see Rates.For), so that the screen can offer
// the exchange-rates table next to the message.
func IsMissingRate(err error) bool {
	return err != nil && backend.ErrorCode(err) == backend.Invalid &&
		strings.HasPrefix(backend.ErrorMessage(err), "Keel has no exchange rate from ")
}

// Currencies lists the currencies billing is in (subscriptions, invoices
// and payments), lowercase and sorted, for the exchange-rates table.
func Currencies(db *workspace.DB) ([]string, error) {
	cur, err := db.BillingCurrencies()
	if err != nil {
		return nil, err
	}
	out := []string{}
	for _, c := range cur {
		out = append(out, strings.ToLower(c))
	}
	return out, nil
}

var missingRate = regexp.MustCompile(`^Keel has no exchange rate from ([A-Z]{3}) to [A-Z]{3} for ([A-Z][a-z]+ \d{4}) or earlier\.`)

// MissingRate reads the currency (lowercase) and month (YYYY-MM) out of a
// missing-rate error, so that the rates table can offer that very row.
func MissingRate(err error) (currency, month string, ok bool) {
	if !IsMissingRate(err) {
		return "", "", false
	}
	m := missingRate.FindStringSubmatch(backend.ErrorMessage(err))
	if m == nil {
		return "", "", false
	}
	t, e := time.Parse("January 2006", m[2])
	if e != nil {
		return "", "", false
	}
	return strings.ToLower(m[1]), t.Format("2006-01"), true
}
