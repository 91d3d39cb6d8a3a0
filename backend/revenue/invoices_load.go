package revenue

import (
	"database/sql"
	"encoding/json"
	"sort"
	"strconv"
	"sync"

	"keel/backend"
	"keel/backend/workspace"
)

// invoice is a run of a subscription's invoices with the same amount, in
// time order: its first invoice (rowid, start) set the MRR and count-1 more
// renewed it, the last at lastStart. Only this crosses from SQLite into Go:
// a workspace can hold millions of invoices but few changes of amount.
type invoice struct {
	start, rowid, amount int64 // amount per the discounts rule, native minor units
	count                int64
	lastStart, lastRowid int64
}

// packShift packs an invoice's start and rowid into one integer, so that a
// single MIN() or MAX() finds the first or last invoice of a group and its
// rowid at once: start·2^26 + rowid, exact for rowids below 2^26 (67
// million invoices; above that invoices are read one by one) and any date
// between the years −2385 and 6325, typos included.
const packShift = 26

// loadInvoices returns the non-draft, non-void invoices of each
// subscription as runs sorted by start (period start, else date). amount is
// Subtotal − Total Discount Amount (net) or Subtotal (list; used only when
// the subscriptions export does not give the plan's amount). splits are
// subscription ids that cut the work into ranges read in parallel.
func loadInvoices(db *workspace.DB, includeTest, list bool, splits []string) (map[string][]invoice, error) {
	amount, group := "subtotal - discount", "subtotal, discount"
	if list {
		amount, group = "subtotal", "subtotal"
	}
	where := `subscription_id <> '' AND status NOT IN ('draft', 'void') AND (test = 0 OR ` + boolSQL(includeTest) + `)`
	var maxRowid sql.NullInt64
	if err := db.SQL().QueryRow("SELECT MAX(rowid) FROM invoices").Scan(&maxRowid); err != nil {
		return nil, backend.Errorf(backend.Internal, "read invoices: %v", err)
	}
	if maxRowid.Int64 >= 1<<packShift {
		return loadEachInvoice(db, amount, where, "")
	}
	if maxRowid.Int64 < parallelFrom {
		splits = nil
	}
	// The invoices_subscription index hands SQLite the rows in (subscription,
	// amount, status, test) order, so this grouping streams with no sort and
	// no per-row filter; the groups to leave out are dropped here.
	pack := strconv.Itoa(1 << packShift)
	q := `SELECT subscription_id, source, ` + amount + `, status, test, COUNT(*),
			MIN(COALESCE(period_start, date) * ` + pack + ` + rowid), MAX(COALESCE(period_start, date) * ` + pack + ` + rowid)
		FROM invoices WHERE subscription_id >= ? AND (subscription_id < ? OR ?) GROUP BY subscription_id, source, ` + group + `, status, test`
	out := map[string][]invoice{}
	var mu sync.Mutex // guards out while parallel parts merge into it
	err := inParallel(db, splits, func(conn *sql.DB, from, to string, last bool) error {
		rows, err := conn.Query(q, from, to, last)
		if err != nil {
			return err
		}
		defer rows.Close()
		part := map[string][]invoice{}
		var sub, source, status string
		for rows.Next() {
			var in invoice
			var test bool
			var first, last int64
			if err := rows.Scan(&sub, &source, &in.amount, &status, &test, &in.count, &first, &last); err != nil {
				return err
			}
			if sub == "" || status == "draft" || status == "void" || test && !includeTest {
				continue
			}
			in.start, in.rowid = unpack(first)
			in.lastStart, in.lastRowid = unpack(last)
			k := source + ":" + sub // the subscription qualified by its tool, as subRow.key
			part[k] = append(part[k], in)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		mu.Lock()
		for k, v := range part {
			out[k] = v
		}
		mu.Unlock()
		return nil
	})
	if err != nil {
		return nil, backend.Errorf(backend.Internal, "read invoices: %v", err)
	}
	// Groups of one amount form a run only if no other amount was billed in
	// between; the subscriptions that went back to an earlier amount are
	// read invoice by invoice.
	var again []string
	for sub, groups := range out {
		runs, ok := merge(groups)
		if !ok {
			again = append(again, sub)
		}
		out[sub] = runs
	}
	if len(again) > 0 {
		ids, _ := json.Marshal(again)
		each, err := loadEachInvoice(db, amount, where+` AND source || ':' || subscription_id IN (SELECT value FROM json_each(?))`, string(ids))
		if err != nil {
			return nil, err
		}
		for sub, l := range each {
			out[sub] = l
		}
	}
	return out, nil
}

// merge sorts a subscription's groups by first invoice and joins
// neighbours of the same amount (paid and open invoices group apart). It
// fails when a run of one amount overlaps the next amount's first invoice.
func merge(groups []invoice) ([]invoice, bool) {
	sort.Slice(groups, func(i, j int) bool { return groups[i].start < groups[j].start })
	runs := []invoice{groups[0]}
	for _, g := range groups[1:] {
		r := &runs[len(runs)-1]
		if g.amount == r.amount {
			r.count += g.count
			if g.lastStart > r.lastStart || g.lastStart == r.lastStart && g.lastRowid > r.lastRowid {
				r.lastStart, r.lastRowid = g.lastStart, g.lastRowid
			}
			continue
		}
		if r.lastStart >= g.start {
			return groups, false
		}
		runs = append(runs, g)
	}
	return runs, true
}

func unpack(p int64) (start, rowid int64) {
	return p >> packShift, p & (1<<packShift - 1)
}

// loadEachInvoice reads invoices one by one, each its own run.
func loadEachInvoice(db *workspace.DB, amount, where string, arg string) (map[string][]invoice, error) {
	q := `SELECT rowid, source || ':' || subscription_id, COALESCE(period_start, date), ` + amount + ` FROM invoices WHERE ` + where
	var rows *sql.Rows
	var err error
	if arg != "" {
		rows, err = db.SQL().Query(q, arg)
	} else {
		rows, err = db.SQL().Query(q)
	}
	if err != nil {
		return nil, backend.Errorf(backend.Internal, "read invoices: %v", err)
	}
	defer rows.Close()
	out := map[string][]invoice{}
	for rows.Next() {
		var sub string
		in := invoice{count: 1}
		if err := rows.Scan(&in.rowid, &sub, &in.start, &in.amount); err != nil {
			return nil, backend.Errorf(backend.Internal, "read invoices: %v", err)
		}
		in.lastStart, in.lastRowid = in.start, in.rowid
		out[sub] = append(out[sub], in)
	}
	if err := rows.Err(); err != nil {
		return nil, backend.Errorf(backend.Internal, "read invoices: %v", err)
	}
	for _, l := range out {
		sort.Slice(l, func(i, j int) bool {
			if l[i].start != l[j].start {
				return l[i].start < l[j].start
			}
			return l[i].rowid < l[j].rowid
		})
	}
	return out, nil
}

func boolSQL(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// byRowid runs "SELECT rowid, <cols>" over the invoices with the given
// rowids and hands each row to fn.
func byRowid(db *workspace.DB, cols string, rowids []int64, fn func(*sql.Rows) error) error {
	if len(rowids) == 0 {
		return nil
	}
	list, _ := json.Marshal(rowids)
	rows, err := db.SQL().Query(`SELECT i.rowid, `+cols+` FROM json_each(?) j JOIN invoices i ON i.rowid = j.value`, string(list))
	if err != nil {
		return backend.Errorf(backend.Internal, "read invoices: %v", err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return backend.Errorf(backend.Internal, "read invoices: %v", err)
		}
	}
	if err := rows.Err(); err != nil {
		return backend.Errorf(backend.Internal, "read invoices: %v", err)
	}
	return nil
}
