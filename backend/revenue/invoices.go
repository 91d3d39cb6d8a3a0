package revenue

import (
	"database/sql"
	"sort"
	"strconv"
	"strings"
	"time"

	"keel/backend"
	"keel/backend/workspace"
)

// invoice is what the engine needs of one invoice: the rest is fetched by
// rowid for the few invoices that need it, because reading every column of
// millions of invoices would dominate the computation.
type invoice struct {
	rowid, start, amount int64 // amount per the discounts rule, native minor units
}

// loadInvoices returns the non-draft, non-void invoices of each
// subscription, sorted by start (period start, else date). amount is
// Subtotal − Total Discount Amount (net) or Subtotal (list; used only when
// the subscriptions export does not give the plan's amount).
func loadInvoices(db *workspace.DB, includeTest, list bool) (map[string][]invoice, error) {
	amount := "subtotal - discount"
	if list {
		amount = "subtotal"
	}
	out := map[string][]invoice{}
	err := scanInvoices(db, `SELECT rowid, subscription_id, COALESCE(period_start, date), `+amount+` FROM invoices
		WHERE subscription_id <> '' AND status NOT IN ('draft', 'void') AND (test = 0 OR `+boolSQL(includeTest)+`)`,
		func(rowid int64, sub string, start, amt int64) {
			out[sub] = append(out[sub], invoice{rowid, start, amt})
		})
	if err != nil {
		return nil, err
	}
	for _, list := range out {
		sort.Slice(list, func(i, j int) bool {
			if list[i].start != list[j].start {
				return list[i].start < list[j].start
			}
			return list[i].rowid < list[j].rowid
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

// scanInvoices runs q, whose columns are rowid, subscription id, start and
// amount, and calls fn for each row.
func scanInvoices(db *workspace.DB, q string, fn func(rowid int64, sub string, start, amt int64)) error {
	rows, err := db.SQL().Query(q)
	if err != nil {
		return backend.Errorf(backend.Internal, "read invoices: %v", err)
	}
	defer rows.Close()
	var rowid, start, amt int64
	var sub string
	for rows.Next() {
		if err := rows.Scan(&rowid, &sub, &start, &amt); err != nil {
			return backend.Errorf(backend.Internal, "read invoices: %v", err)
		}
		fn(rowid, sub, start, amt)
	}
	if err := rows.Err(); err != nil {
		return backend.Errorf(backend.Internal, "read invoices: %v", err)
	}
	return nil
}

// byRowid runs "SELECT rowid, <cols> FROM invoices WHERE rowid IN (…)" in
// chunks and hands each row to fn.
func byRowid(db *workspace.DB, cols string, rowids []int64, fn func(*sql.Rows) error) error {
	const chunk = 5000
	for len(rowids) > 0 {
		n := min(chunk, len(rowids))
		var b strings.Builder
		b.WriteString("SELECT rowid, " + cols + " FROM invoices WHERE rowid IN (")
		for i, r := range rowids[:n] {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.FormatInt(r, 10))
		}
		b.WriteByte(')')
		rowids = rowids[n:]
		rows, err := db.SQL().Query(b.String())
		if err != nil {
			return backend.Errorf(backend.Internal, "read invoices: %v", err)
		}
		for rows.Next() {
			if err := fn(rows); err != nil {
				rows.Close()
				return backend.Errorf(backend.Internal, "read invoices: %v", err)
			}
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return backend.Errorf(backend.Internal, "read invoices: %v", err)
		}
	}
	return nil
}

// invoiceIDs fills the ids of the invoices that set a step.
func invoiceIDs(db *workspace.DB, tls []*timeline) (map[int64]string, error) {
	var want []int64
	for _, t := range tls {
		for _, s := range t.steps {
			if s.inv != 0 {
				want = append(want, s.inv)
			}
		}
	}
	ids := make(map[int64]string, len(want))
	err := byRowid(db, "id", want, func(r *sql.Rows) error {
		var rowid int64
		var id string
		if err := r.Scan(&rowid, &id); err != nil {
			return err
		}
		ids[rowid] = id
		return nil
	})
	return ids, err
}

// fromInvoices builds the timelines of the subscriptions that have
// invoices: each invoice sets the MRR from its start until the next one or
// the subscription's end.
func fromInvoices(db *workspace.DB, invs map[string][]invoice, subs map[string]*subRow, rule string, list bool) ([]*timeline, error) {
	var orphans []string // subscriptions known only from their invoices
	var out []*timeline
	for id := range invs {
		if _, ok := subs[id]; !ok {
			orphans = append(orphans, id)
		}
	}
	extra, err := orphanRows(db, invs, orphans)
	if err != nil {
		return nil, err
	}
	for id, ins := range invs {
		s, known := subs[id]
		if !known {
			s = extra[id]
		}
		t := s.timeline(FromInvoices)
		out = append(out, t)
		if !counts(s.status) {
			t.steps = notCounted(s)
			continue
		}
		raw := make([]step, len(ins))
		for i, in := range ins {
			mrr := monthly(in.amount, s.interval, s.count)
			if list && known {
				mrr = s.listMRR()
			}
			raw[i] = step{from: in.start, mrr: max(mrr, 0), why: "invoice", inv: in.rowid}
		}
		// A canceled subscription without any end date ran until the
		// period of its last invoice ran out.
		paidThrough := addInterval(ins[len(ins)-1].start, s.interval, s.count)
		t.steps = shape(raw, s.window(rule, paidThrough))
	}
	return out, nil
}

// orphanRows describes the subscriptions that only invoices know: customer
// and currency from their invoices, the interval from the first invoice's
// period (else the gap to the second invoice, else a month), and an end at
// the last invoice's period end, since nothing says it was renewed.
func orphanRows(db *workspace.DB, invs map[string][]invoice, ids []string) (map[string]*subRow, error) {
	out := map[string]*subRow{}
	if len(ids) == 0 {
		return out, nil
	}
	type detail struct {
		customer, email, currency string
		ps, pe, date              sql.NullInt64
	}
	var want []int64
	for _, id := range ids {
		l := invs[id]
		want = append(want, l[0].rowid, l[len(l)-1].rowid)
	}
	details := map[int64]detail{}
	err := byRowid(db, "customer_id, customer_email, currency, period_start, period_end, date", want, func(r *sql.Rows) error {
		var rowid int64
		var d detail
		if err := r.Scan(&rowid, &d.customer, &d.email, &d.currency, &d.ps, &d.pe, &d.date); err != nil {
			return err
		}
		details[rowid] = d
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		l := invs[id]
		first, last := details[l[0].rowid], details[l[len(l)-1].rowid]
		s := &subRow{id: id, customer: first.customer, email: first.email, currency: first.currency, start: l[0].start}
		span := int64(0)
		if first.ps.Valid && first.pe.Valid {
			span = first.pe.Int64 - first.ps.Int64
		} else if len(l) > 1 {
			span = l[1].start - l[0].start
		}
		s.interval, s.count = guessInterval(span)
		s.periodEnd = addInterval(l[len(l)-1].start, s.interval, s.count)
		if last.pe.Valid && last.pe.Int64 > l[len(l)-1].start {
			s.periodEnd = last.pe.Int64
		}
		s.endedAt = s.periodEnd // nothing says it was renewed after that
		out[id] = s
	}
	return out, nil
}

// guessInterval reads a billing period's length in seconds as an interval.
func guessInterval(span int64) (string, int64) {
	days := float64(span) / 86400
	switch {
	case days <= 0:
		return "month", 1
	case days < 2:
		return "day", 1
	case days < 10:
		return "week", 1
	case days < 20:
		return "week", 2
	case days < 350:
		return "month", max(1, int64(days/30.4375+0.5))
	default:
		return "year", max(1, int64(days/365.25+0.5))
	}
}

// addInterval is sec plus count intervals, on the UTC calendar as Stripe bills.
func addInterval(sec int64, interval string, count int64) int64 {
	if count <= 0 {
		count = 1
	}
	t := time.Unix(sec, 0).UTC()
	k := int(count)
	switch interval {
	case "year":
		t = t.AddDate(k, 0, 0)
	case "week":
		t = t.AddDate(0, 0, 7*k)
	case "day":
		t = t.AddDate(0, 0, k)
	default:
		t = t.AddDate(0, k, 0)
	}
	return t.Unix()
}
