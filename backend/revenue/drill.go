package revenue

import (
	"database/sql"
	"encoding/json"
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
type Invoice struct {
	ID          string     `json:"id"`
	Number      string     `json:"number"`
	Status      string     `json:"status"`
	Currency    string     `json:"currency"`
	Date        time.Time  `json:"date"`
	PeriodStart *time.Time `json:"period_start"`
	PeriodEnd   *time.Time `json:"period_end"`
	// Native minor units. Subtotal − Discount is what the net rule bills.
	Subtotal int64 `json:"subtotal"`
	Discount int64 `json:"discount"`
	Tax      int64 `json:"tax"`
	Total    int64 `json:"total"`
}

// Invoices reads the invoices with the given ids (Step.Invoice), by id.
func Invoices(db *workspace.DB, ids []string) (map[string]Invoice, error) {
	out := map[string]Invoice{}
	if len(ids) == 0 {
		return out, nil
	}
	list, _ := json.Marshal(ids)
	rows, err := db.SQL().Query(`SELECT i.id, i.number, i.status, i.currency, i.date, i.period_start, i.period_end,
		i.subtotal, i.discount, i.tax, i.total FROM invoices i WHERE i.id IN (SELECT value FROM json_each(?))`, string(list))
	if err != nil {
		return nil, backend.Errorf(backend.Internal, "read invoices: %v", err)
	}
	defer rows.Close()
	for rows.Next() {
		var in Invoice
		var date int64
		var ps, pe sql.NullInt64
		if err := rows.Scan(&in.ID, &in.Number, &in.Status, &in.Currency, &date, &ps, &pe,
			&in.Subtotal, &in.Discount, &in.Tax, &in.Total); err != nil {
			return nil, backend.Errorf(backend.Internal, "read invoices: %v", err)
		}
		in.Date = time.Unix(date, 0).UTC()
		in.PeriodStart, in.PeriodEnd = unixPtr(ps), unixPtr(pe)
		out[in.ID] = in
	}
	if err := rows.Err(); err != nil {
		return nil, backend.Errorf(backend.Internal, "read invoices: %v", err)
	}
	return out, nil
}

func unixPtr(n sql.NullInt64) *time.Time {
	if !n.Valid {
		return nil
	}
	t := time.Unix(n.Int64, 0).UTC()
	return &t
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
	rows, err := db.SQL().Query(`SELECT currency FROM subscriptions WHERE currency <> ''
		UNION SELECT currency FROM invoices WHERE currency <> ''
		UNION SELECT currency FROM payments WHERE currency <> '' ORDER BY 1`)
	if err != nil {
		return nil, backend.Errorf(backend.Internal, "read the currencies: %v", err)
	}
	defer rows.Close()
	out := []string{}
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, backend.Errorf(backend.Internal, "read the currencies: %v", err)
		}
		out = append(out, strings.ToLower(c))
	}
	return out, rows.Err()
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
