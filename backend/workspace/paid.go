package workspace

import (
	"context"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// The succeeded payments of each customer, the ones the revenue engine
// finds recurring payments among (every payment of a workspace of
// payments alone), kept per import in paid_parts (migration 0015): reading
// a million payments sorted by customer took a second; their parts take a
// tenth. EnsurePaid builds the part of each import whose payments changed
// (imports.Link runs it after every import and undo); until it has,
// EachCustomerPayment reads the payments themselves, so the parts are
// never stale, only slower to have.

const paidStage = "paid"

// PaidRow is a succeeded payment of a customer, keyed by the customer id
// qualified by its tool ("stripe:cus_…": plain-number ids of two tools
// never collide), else "email:" and the address.
type PaidRow struct {
	Customer, Currency string
	Amount, Created    int64
}

// paidQuery lists the succeeded payments of customers (where: more
// conditions on the payments), with their test flag, sorted by customer,
// currency, amount and time; the one place that says which payments
// these are and what their customer key is.
func paidQuery(where, kWhere string) string {
	return `SELECT k, currency, amount, created, test FROM (
			SELECT ` + customerKey + ` AS k,
				currency, amount, created, test FROM payments
			WHERE id <> '' AND ` + succeededSQL + ` AND amount > 0
				AND (customer_id <> '' OR trim(customer_email) <> '') AND ` + where + `)
		WHERE ` + kWhere + `
		ORDER BY k, currency, amount, created`
}

// paidMark fingerprints the payments: the imports that hold some and the
// newest row. Every import and undo that changes a payment changes it.
func paidMark(ctx context.Context, q querier) (string, error) {
	var n, sum, maxID, maxRow int64
	err := q.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(id), 0), COALESCE(MAX(id), 0),
		COALESCE((SELECT MAX(rowid) FROM payments), 0)
		FROM imports i WHERE EXISTS (SELECT 1 FROM payments p WHERE p.import_id = i.id)`).Scan(&n, &sum, &maxID, &maxRow)
	if err != nil {
		return "", internal("check the payments", err)
	}
	return fmt.Sprintf("v1 pay=%d/%d/%d/%d", n, sum, maxID, maxRow), nil
}

// paidFresh reports whether the parts are of the payments as they are.
func (db *DB) paidFresh(ctx context.Context) (bool, error) {
	mark, err := paidMark(ctx, db.sql)
	if err != nil {
		return false, err
	}
	have, err := db.DerivedMark(paidStage)
	return err == nil && have == mark, err
}

// EnsurePaid builds the parts of the imports whose payments changed since
// they were built (a new import, an import some of whose rows a later
// one replaced or an undo gave back) and drops those of imports gone;
// cheap when no payment changed.
func (db *DB) EnsurePaid(ctx context.Context) error {
	return db.PaidBeside(ctx)()
}

// PaidBeside is EnsurePaid in two steps: it reads the payments now on a
// read-only connection of its own, beside what the caller does meanwhile
// on the workspace's (the accounts' linking after an import: the parts of
// a million payments are a second of reading and sorting), and write
// waits for that and writes the parts. Nothing may change the payments
// before write; if something did, write reads them again.
func (db *DB) PaidBeside(ctx context.Context) (write func() error) {
	var plan *paidPlan
	done := make(chan struct{})
	fresh, err := db.paidFresh(ctx)
	if err != nil {
		return func() error { return err }
	}
	if fresh || db.readers == "" { // nothing to read, or a copy in memory: one connection
		close(done)
	} else {
		go func() {
			defer close(done)
			ro, err := sql.Open("sqlite3", db.readers)
			if err != nil {
				return // read below
			}
			defer ro.Close()
			// One snapshot: the mark is of the payments the parts are of.
			if rtx, err := ro.BeginTx(ctx, &sql.TxOptions{ReadOnly: true}); err == nil {
				plan, _ = readPaid(ctx, rtx) // nil on failure: read below
				rtx.Rollback()
			}
		}()
	}
	return func() error {
		<-done
		if plan == nil {
			if fresh, err := db.paidFresh(ctx); err != nil || fresh {
				return err
			}
		}
		return db.inTx("keep the payments by customer", func(tx *sql.Tx) error {
			mark, err := paidMark(ctx, tx)
			if err != nil {
				return err
			}
			if plan == nil || plan.mark != mark {
				if plan, err = readPaid(ctx, tx); err != nil {
					return err
				}
			}
			return db.writePaid(ctx, tx, plan)
		})
	}
}

// paidPlan is what EnsurePaid writes: the parts of the imports whose
// payments changed, read, and the imports whose parts go.
type paidPlan struct {
	mark  string
	drop  []int64
	build []paidImport
}

// paidImport is the parts of one import (rows payments): per customer key
// its payments (paidEntry.append), and its payments by converted currency
// and currency.
type paidImport struct {
	id, rows   int64
	keys       []string
	data       [][]byte
	currencies []CurrencyCount
}

func readPaid(ctx context.Context, q querier) (*paidPlan, error) {
	mark, err := paidMark(ctx, q)
	if err != nil {
		return nil, err
	}
	now, err := importCounts(ctx, q, "SELECT import_id, COUNT(*) FROM payments GROUP BY import_id")
	if err != nil {
		return nil, err
	}
	built, err := importCounts(ctx, q, "SELECT import_id, rows FROM paid_imports")
	if err != nil {
		return nil, err
	}
	plan := &paidPlan{mark: mark}
	for id, n := range built {
		if now[id] != n {
			plan.drop = append(plan.drop, id)
		}
	}
	for id, n := range now {
		if m, ok := built[id]; ok && m == n {
			continue
		}
		im, err := readPaidImport(ctx, q, id)
		if err != nil {
			return nil, err
		}
		im.rows = n
		plan.build = append(plan.build, im)
	}
	return plan, nil
}

func (db *DB) writePaid(ctx context.Context, tx *sql.Tx, plan *paidPlan) error {
	for _, id := range plan.drop {
		for _, q := range []string{"DELETE FROM paid_parts WHERE import_id = ?", "DELETE FROM paid_currencies WHERE import_id = ?",
			"DELETE FROM paid_imports WHERE import_id = ?"} {
			if _, err := tx.ExecContext(ctx, q, id); err != nil {
				return err
			}
		}
	}
	st := newValuesStmts(tx)
	defer st.close()
	for _, im := range plan.build {
		if err := writePaidImport(ctx, st, im); err != nil {
			return err
		}
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO derived_state(stage, fingerprint, at) VALUES(?, ?, ?)
		ON CONFLICT(stage) DO UPDATE SET fingerprint = excluded.fingerprint, at = excluded.at`, paidStage, plan.mark, db.Now().Unix())
	return err
}

func importCounts(ctx context.Context, q querier, query string) (map[int64]int64, error) {
	rows, err := q.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]int64{}
	for rows.Next() {
		var id, n int64
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		out[id] = n
	}
	return out, rows.Err()
}

// readPaidImport reads the parts of one import: per customer key, its
// payments' currency, amount, time and test flag, in paidQuery's order,
// and its payments counted by currencies.
func readPaidImport(ctx context.Context, q querier, imp int64) (paidImport, error) {
	im := paidImport{id: imp}
	rows, err := q.QueryContext(ctx, paidQuery("import_id = ?", "1"), imp)
	if err != nil {
		return im, err
	}
	defer rows.Close()
	var k, last string
	var data []byte
	for rows.Next() {
		var e paidEntry
		if err := rows.Scan(&k, &e.cur, &e.amount, &e.created, &e.test); err != nil {
			return im, err
		}
		if k != last && len(data) > 0 {
			im.keys, im.data = append(im.keys, last), append(im.data, data)
			data = nil
		}
		last = k
		data = e.append(data)
	}
	if err := rows.Err(); err != nil {
		return im, err
	}
	if len(data) > 0 {
		im.keys, im.data = append(im.keys, last), append(im.data, data)
	}
	rows.Close()
	cs, err := q.QueryContext(ctx, currencyCounts("import_id = ?"), imp)
	if err != nil {
		return im, err
	}
	defer cs.Close()
	for cs.Next() {
		var c CurrencyCount
		if err := cs.Scan(&c.Converted, &c.Currency, &c.N); err != nil {
			return im, err
		}
		im.currencies = append(im.currencies, c)
	}
	return im, cs.Err()
}

// paidEntry is one payment in a part.
type paidEntry struct {
	cur             string
	amount, created int64
	test            bool
}

func (e paidEntry) append(b []byte) []byte {
	b = binary.AppendUvarint(b, uint64(len(e.cur)))
	b = append(b, e.cur...)
	b = binary.AppendVarint(b, e.amount)
	b = binary.AppendVarint(b, e.created)
	if e.test {
		return append(b, 1)
	}
	return append(b, 0)
}

// decodePaid appends the entries of a part to es; curs interns the
// currencies (a handful among a million payments).
func decodePaid(b []byte, es []paidEntry, curs map[string]string) ([]paidEntry, error) {
	bad := errors.New("a damaged part of the payments by customer")
	for len(b) > 0 {
		n, w := binary.Uvarint(b)
		if w <= 0 || uint64(len(b)-w) < n {
			return nil, bad
		}
		c := b[w : w+int(n)]
		b = b[w+int(n):]
		cur, ok := curs[string(c)]
		if !ok {
			cur = string(c)
			curs[cur] = cur
		}
		amount, w1 := binary.Varint(b)
		if w1 <= 0 {
			return nil, bad
		}
		created, w2 := binary.Varint(b[w1:])
		if w2 <= 0 || len(b) < w1+w2+1 {
			return nil, bad
		}
		es = append(es, paidEntry{cur: cur, amount: amount, created: created, test: b[w1+w2] == 1})
		b = b[w1+w2+1:]
	}
	return es, nil
}

// EachCustomerPayment calls fn with the succeeded payments of every
// customer not in skip (keys as PaidRow.Customer), sorted by customer,
// currency, amount and time: from the parts when they are of the
// payments as they are, else from the payments (skipping in SQL, so that
// the payments of subscription customers never cross into Go).
func (db *DB) EachCustomerPayment(skip []string, includeTest bool, fn func(PaidRow)) error {
	ctx := context.Background()
	fresh, err := db.paidFresh(ctx)
	if err != nil {
		return err
	}
	if !fresh {
		return db.eachPaidRow(skip, includeTest, fn)
	}
	if err := db.eachPaidPart(ctx, skip, includeTest, fn); err != nil {
		return internal("read payments", err)
	}
	return nil
}

func (db *DB) eachPaidRow(skip []string, includeTest bool, fn func(PaidRow)) error {
	list, _ := json.Marshal(skip)
	if skip == nil {
		list = []byte("[]")
	}
	rows, err := db.sql.Query(paidQuery("(test = 0 OR ?)", "k NOT IN (SELECT value FROM json_each(?))"), includeTest, string(list))
	if err != nil {
		return internal("read payments", err)
	}
	defer rows.Close()
	for rows.Next() {
		var p PaidRow
		var test bool
		if err := rows.Scan(&p.Customer, &p.Currency, &p.Amount, &p.Created, &test); err != nil {
			return internal("read payments", err)
		}
		fn(p)
	}
	if err := rows.Err(); err != nil {
		return internal("read payments", err)
	}
	return nil
}

func (db *DB) eachPaidPart(ctx context.Context, skip []string, includeTest bool, fn func(PaidRow)) error {
	skipped := make(map[string]bool, len(skip))
	for _, k := range skip {
		skipped[k] = true
	}
	rows, err := db.sql.QueryContext(ctx, "SELECT k, data FROM paid_parts ORDER BY k")
	if err != nil {
		return err
	}
	defer rows.Close()
	curs := map[string]string{}
	var k, last string
	var parts int
	var es []paidEntry
	emit := func() {
		if parts > 1 { // several imports paid by one customer: their parts merged
			slices.SortStableFunc(es, comparePaid)
		}
		for _, e := range es {
			if includeTest || !e.test {
				fn(PaidRow{Customer: last, Currency: e.cur, Amount: e.amount, Created: e.created})
			}
		}
		es, parts = es[:0], 0
	}
	var data sql.RawBytes
	for rows.Next() {
		if err := rows.Scan(&k, &data); err != nil {
			return err
		}
		if k != last && parts > 0 {
			emit()
		}
		last = k
		if skipped[k] {
			continue
		}
		parts++
		if es, err = decodePaid(data, es, curs); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	emit()
	return nil
}

// comparePaid orders a customer's entries as paidQuery does: by currency,
// amount and time.
func comparePaid(a, b paidEntry) int {
	switch {
	case a.cur != b.cur:
		return strings.Compare(a.cur, b.cur)
	case a.amount != b.amount:
		return cmpInt(a.amount, b.amount)
	}
	return cmpInt(a.created, b.created)
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
