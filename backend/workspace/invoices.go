package workspace

import (
	"database/sql"
	"encoding/json"
	"strconv"
	"time"
)

// Read queries over the invoices table. The revenue engine reads millions
// of invoices as few rows: runs of a subscription's invoices with the same
// amount (InvoiceGroups), and the single invoices it needs after that by
// rowid.

// InvoiceAmount is the SQL of an invoice's amount for MRR: net of
// discounts, or the subtotal at list price (METRICS.md, discounts rule).
func invoiceAmount(list bool) (amount, group string) {
	if list {
		return "subtotal", "subtotal"
	}
	return "subtotal - discount", "subtotal, discount"
}

// countedInvoices are the invoices that can set MRR: of a subscription,
// neither draft nor void, test-mode ones only with includeTest.
func countedInvoices(includeTest bool) string {
	test := "0"
	if includeTest {
		test = "1"
	}
	return `subscription_id <> '' AND status NOT IN ('draft', 'void') AND (test = 0 OR ` + test + `)`
}

// InvoiceGroup is one subscription's invoices of one amount, status and
// test flag: how many, and the first and last by start (period start, else
// date; ties by rowid).
type InvoiceGroup struct {
	Source, Subscription string // the subscription is the tool's id
	Amount               int64  // per the discounts rule, native minor units
	Status               string
	Test                 bool
	Count                int64
	FirstStart, FirstRow int64
	LastStart, LastRow   int64
}

// PackShift packs an invoice's start and rowid into one integer, so that a
// single MIN() or MAX() finds the first or last invoice of a group and its
// rowid at once: start·2^26 + rowid, exact for rowids below 2^26 (67
// million invoices; above that InvoiceGroups is not asked) and any date
// between the years −2385 and 6325, typos included.
const PackShift = 26

// MaxInvoiceRowid is the largest invoice rowid, 0 without invoices.
func (db *DB) MaxInvoiceRowid() (int64, error) {
	var n sql.NullInt64
	if err := db.sql.QueryRow("SELECT MAX(rowid) FROM invoices").Scan(&n); err != nil {
		return 0, internal("read invoices", err)
	}
	return n.Int64, nil
}

// InvoiceGroups lists every subscription's invoice groups (list: amounts
// at list price). splits cut the subscription ids into ranges
// [“”, splits[0]), [splits[0], splits[1]), … [splits[n-1], ∞) read side by
// side (see inParallel). Groups of draft, void or (without includeTest)
// test invoices are not left out: SQLite streams the grouping from the
// invoices_subscription index with no per-row filter, and the caller drops
// them.
func (db *DB) InvoiceGroups(list bool, splits []string) ([]InvoiceGroup, error) {
	amount, group := invoiceAmount(list)
	pack := strconv.Itoa(1 << PackShift)
	q := `SELECT subscription_id, source, ` + amount + `, status, test, COUNT(*),
			MIN(COALESCE(period_start, date) * ` + pack + ` + rowid), MAX(COALESCE(period_start, date) * ` + pack + ` + rowid)
		FROM invoices WHERE subscription_id >= ? AND (subscription_id < ? OR ?) GROUP BY subscription_id, source, ` + group + `, status, test`
	parts := make([][]InvoiceGroup, len(splits)+1)
	err := db.inParallel(splits, func(i int, conn *sql.DB, from, to string, last bool) error {
		rows, err := conn.Query(q, from, to, last)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var g InvoiceGroup
			var first, last int64
			if err := rows.Scan(&g.Subscription, &g.Source, &g.Amount, &g.Status, &g.Test, &g.Count, &first, &last); err != nil {
				return err
			}
			g.FirstStart, g.FirstRow = unpack(first)
			g.LastStart, g.LastRow = unpack(last)
			parts[i] = append(parts[i], g)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, internal("read invoices", err)
	}
	var out []InvoiceGroup
	for _, p := range parts {
		out = append(out, p...)
	}
	return out, nil
}

func unpack(p int64) (start, rowid int64) {
	return p >> PackShift, p & (1<<PackShift - 1)
}

// inParallel runs read over the subscription-id ranges that splits cut,
// side by side (inReaders): it halves the biggest query of a large
// workspace on two cores. An import committing in between can at worst
// show up in some ranges only until the next computation.
func (db *DB) inParallel(splits []string, read func(i int, conn *sql.DB, from, to string, last bool) error) error {
	bounds := append(append([]string{""}, splits...), "")
	return db.inReaders(len(bounds)-1, func(i int, conn *sql.DB) error {
		return read(i, conn, bounds[i], bounds[i+1], i == len(bounds)-2)
	})
}

// InvoiceRow is one invoice that can set MRR, for reading them one by one.
type InvoiceRow struct {
	Rowid        int64
	Subscription string // qualified by its tool: "source:id"
	Start        int64  // period start, else date
	Amount       int64  // per the discounts rule
}

// CountedInvoices lists the invoices that can set MRR (list: at list
// price), of the given subscriptions ("source:id") only when subs is not
// nil.
func (db *DB) CountedInvoices(list, includeTest bool, subs []string) ([]InvoiceRow, error) {
	amount, _ := invoiceAmount(list)
	q := `SELECT rowid, source || ':' || subscription_id, COALESCE(period_start, date), ` + amount + ` FROM invoices WHERE ` + countedInvoices(includeTest)
	var rows *sql.Rows
	var err error
	if subs != nil {
		ids, _ := json.Marshal(subs)
		rows, err = db.sql.Query(q+` AND source || ':' || subscription_id IN (SELECT value FROM json_each(?))`, string(ids))
	} else {
		rows, err = db.sql.Query(q)
	}
	if err != nil {
		return nil, internal("read invoices", err)
	}
	defer rows.Close()
	var out []InvoiceRow
	for rows.Next() {
		var r InvoiceRow
		if err := rows.Scan(&r.Rowid, &r.Subscription, &r.Start, &r.Amount); err != nil {
			return nil, internal("read invoices", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, internal("read invoices", err)
	}
	return out, nil
}

// InvoiceDetail is what an invoice says of its subscription.
type InvoiceDetail struct {
	ID                     string
	Source, Subscription   string // the subscription is the tool's id
	Customer, Email        string
	Currency               string
	PeriodStart, PeriodEnd *int64
	Date                   int64
}

// InvoicesByRowid reads the invoices with the given rowids, by rowid.
func (db *DB) InvoicesByRowid(rowids []int64) (map[int64]InvoiceDetail, error) {
	out := make(map[int64]InvoiceDetail, len(rowids))
	if len(rowids) == 0 {
		return out, nil
	}
	list, _ := json.Marshal(rowids)
	rows, err := db.sql.Query(`SELECT i.rowid, i.id, i.source, i.subscription_id, i.customer_id, i.customer_email, i.currency, i.period_start, i.period_end, i.date
		FROM json_each(?) j JOIN invoices i ON i.rowid = j.value`, string(list))
	if err != nil {
		return nil, internal("read invoices", err)
	}
	defer rows.Close()
	for rows.Next() {
		var rowid int64
		var d InvoiceDetail
		var ps, pe sql.NullInt64
		if err := rows.Scan(&rowid, &d.ID, &d.Source, &d.Subscription, &d.Customer, &d.Email, &d.Currency, &ps, &pe, &d.Date); err != nil {
			return nil, internal("read invoices", err)
		}
		d.PeriodStart, d.PeriodEnd = intp(ps), intp(pe)
		out[rowid] = d
	}
	if err := rows.Err(); err != nil {
		return nil, internal("read invoices", err)
	}
	return out, nil
}

// Invoice is an invoice as the customer page shows it.
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

// InvoicesByID reads the invoices with the given ids, by id.
func (db *DB) InvoicesByID(ids []string) (map[string]Invoice, error) {
	out := map[string]Invoice{}
	if len(ids) == 0 {
		return out, nil
	}
	list, _ := json.Marshal(ids)
	rows, err := db.sql.Query(`SELECT i.id, i.number, i.status, i.currency, i.date, i.period_start, i.period_end,
		i.subtotal, i.discount, i.tax, i.total FROM invoices i WHERE i.id IN (SELECT value FROM json_each(?))`, string(list))
	if err != nil {
		return nil, internal("read invoices", err)
	}
	defer rows.Close()
	for rows.Next() {
		var in Invoice
		var date int64
		var ps, pe sql.NullInt64
		if err := rows.Scan(&in.ID, &in.Number, &in.Status, &in.Currency, &date, &ps, &pe,
			&in.Subtotal, &in.Discount, &in.Tax, &in.Total); err != nil {
			return nil, internal("read invoices", err)
		}
		in.Date = time.Unix(date, 0).UTC()
		in.PeriodStart, in.PeriodEnd = timep(ps), timep(pe)
		out[in.ID] = in
	}
	if err := rows.Err(); err != nil {
		return nil, internal("read invoices", err)
	}
	return out, nil
}

// InvoiceDiscounts counts the invoices dated in [from, to) that are
// neither draft nor void, and how many of them carry a discount.
func (db *DB) InvoiceDiscounts(from, to int64) (invoices, discounted int64, err error) {
	err = db.sql.QueryRow(`SELECT COUNT(*), COALESCE(SUM(discount > 0), 0) FROM invoices
		WHERE date >= ? AND date < ? AND status NOT IN ('draft', 'void')`, from, to).Scan(&invoices, &discounted)
	if err != nil {
		return 0, 0, internal("read invoice discounts", err)
	}
	return invoices, discounted, nil
}

// BillingCurrencies lists the currencies billing is in (subscriptions,
// invoices and payments), as stored, sorted.
func (db *DB) BillingCurrencies() ([]string, error) {
	rows, err := db.sql.Query(`SELECT currency FROM subscriptions WHERE currency <> ''
		UNION SELECT currency FROM invoices WHERE currency <> ''
		UNION SELECT currency FROM payments WHERE currency <> '' ORDER BY 1`)
	if err != nil {
		return nil, internal("read the currencies", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, internal("read the currencies", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, internal("read the currencies", err)
	}
	return out, nil
}
