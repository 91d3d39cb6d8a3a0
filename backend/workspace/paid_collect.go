package workspace

import (
	"context"
	"database/sql"
	"slices"
	"strings"
)

// paidCollector builds an import's paid part (paid.go) from its payments as
// the import stores them, so that the linking after a large import does not
// read them back sorted by customer (a million payments: 1.5 s of CPU beside
// the linking). It gives up when the import replaces a stored payment: the
// part is then read from the payments after the import (readPaid), as it is
// for every import whose payments a later one changed.
type paidCollector struct {
	rows   int64            // the import's payments, every one
	at     map[string]int32 // customer key → its entries in parts
	keys   []string
	parts  [][]byte // per customer, entries in the order stored (paidEntry.append)
	curs   map[CurrencyCount]int64
	cc     CurrencyCount // the currencies of the rows last added, ccN of them, not yet in curs
	ccN    int64
	key    []byte // the key being built, reused
	broken bool
}

// The payments columns the collector reads, in table.cols order.
var paidCol = func() (c struct{ source, id, amount, currency, convCur, status, customer, email, test, created int }) {
	cols := tables["payment"].cols
	c.source, c.id, c.amount, c.currency = indexOf(cols, "source"), indexOf(cols, "id"), indexOf(cols, "amount"), indexOf(cols, "currency")
	c.convCur, c.status, c.customer = indexOf(cols, "converted_currency"), indexOf(cols, "status"), indexOf(cols, "customer_id")
	c.email, c.test, c.created = indexOf(cols, "customer_email"), indexOf(cols, "test"), indexOf(cols, "created")
	return c
}()

func newPaidCollector() *paidCollector {
	return &paidCollector{at: map[string]int32{}, curs: map[CurrencyCount]int64{}}
}

// add takes a payment the import inserted (its values in table.cols order).
// The rule is paidQuery's and customerKey's, in Go: a succeeded payment with
// an id, a positive amount and a customer id or an address; keyed by the
// customer id qualified by its tool, else by the address trimmed of spaces
// and lowered in ASCII (SQLite's trim and lower).
func (c *paidCollector) add(v []any) {
	c.rows++
	if cc := (CurrencyCount{Converted: str(v[paidCol.convCur]), Currency: str(v[paidCol.currency])}); cc == c.cc {
		c.ccN++ // a file's rows mostly repeat the row before's currencies: no map
	} else {
		c.flushCurrencies()
		c.cc, c.ccN = cc, 1
	}
	amount, _ := v[paidCol.amount].(int64)
	if str(v[paidCol.id]) == "" || amount <= 0 || !slices.Contains(SucceededStatuses, str(v[paidCol.status])) {
		return
	}
	k := c.key[:0]
	if id := str(v[paidCol.customer]); id != "" {
		k = append(append(append(k, str(v[paidCol.source])...), ':'), id...)
	} else if e := strings.Trim(str(v[paidCol.email]), " "); e != "" {
		k = append(k, "email:"...)
		for i := 0; i < len(e); i++ {
			b := e[i]
			if 'A' <= b && b <= 'Z' {
				b += 'a' - 'A'
			}
			k = append(k, b)
		}
	} else {
		return
	}
	c.key = k
	i, ok := c.at[string(k)]
	if !ok {
		i = int32(len(c.parts))
		ks := string(k)
		c.at[ks] = i
		c.keys = append(c.keys, ks)
		c.parts = append(c.parts, nil)
	}
	created, _ := v[paidCol.created].(int64)
	test, _ := v[paidCol.test].(bool)
	c.parts[i] = paidEntry{cur: str(v[paidCol.currency]), amount: amount, created: created, test: test}.append(c.parts[i])
}

func (c *paidCollector) flushCurrencies() {
	if c.ccN > 0 {
		c.curs[c.cc] += c.ccN
		c.ccN = 0
	}
}

// part is the import's part, each customer's entries in paidQuery's order;
// ok is false when the collector gave up.
func (c *paidCollector) part(imp int64) (im paidImport, ok bool, err error) {
	if c.broken {
		return im, false, nil
	}
	im = paidImport{id: imp, rows: c.rows, keys: c.keys, data: c.parts}
	curs := map[string]string{}
	var es []paidEntry
	for i, b := range c.parts {
		if es, err = decodePaid(b, es[:0], curs); err != nil {
			return im, false, err
		}
		slices.SortStableFunc(es, comparePaid)
		b = b[:0]
		for _, e := range es {
			b = e.append(b)
		}
		c.parts[i] = b
	}
	c.flushCurrencies()
	for cc, n := range c.curs {
		cc.N = n
		im.currencies = append(im.currencies, cc)
	}
	return im, true, nil
}

// writePaidImport writes the part of one import.
func writePaidImport(ctx context.Context, st *valuesStmts, im paidImport) error {
	vals := make([]any, 0, 3*len(im.keys))
	for i, k := range im.keys {
		vals = append(vals, im.id, k, im.data[i])
	}
	if err := st.values(ctx, "INSERT INTO paid_parts(import_id, k, data)", "", 3, vals); err != nil {
		return err
	}
	vals = vals[:0]
	for _, c := range im.currencies {
		vals = append(vals, im.id, c.Converted, c.Currency, c.N)
	}
	if err := st.values(ctx, "INSERT INTO paid_currencies(import_id, converted_currency, currency, n)", "", 4, vals); err != nil {
		return err
	}
	_, err := st.tx.ExecContext(ctx, "INSERT INTO paid_imports(import_id, rows) VALUES(?, ?)", im.id, im.rows)
	return err
}

// start sorts the import's part on a goroutine (beside the writing of the
// import's identities); write then writes it, if the collector kept it.
func (c *paidCollector) start(imp int64) (write func(context.Context, *sql.Tx) error) {
	if c.rows == 0 {
		return func(context.Context, *sql.Tx) error { return nil }
	}
	type result struct {
		im  paidImport
		ok  bool
		err error
	}
	done := make(chan result, 1)
	go func() {
		im, ok, err := c.part(imp)
		done <- result{im, ok, err}
	}()
	return func(ctx context.Context, tx *sql.Tx) error {
		r := <-done
		if r.err != nil || !r.ok {
			return r.err
		}
		st := newValuesStmts(tx)
		defer st.close()
		if err := writePaidImport(ctx, st, r.im); err != nil {
			return internal("keep the payments by customer", err)
		}
		return nil
	}
}
