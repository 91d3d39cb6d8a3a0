package accounts

import (
	"context"
	"database/sql"
	"strings"

	"keel/backend"
)

// querier is a *sql.DB or a *sql.Tx.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// custIn is one billing customer as the exports know it.
type custIn struct {
	id, name string
	emails   []string // normalised; the customers export's first
	sources  []string
	created  int64 // 0 when unknown
	first    int64 // first billing date: subscription start, invoice, payment
	last     int64 // last invoice or payment
}

// billIn is an address billed without a customer id (guest payments,
// tools without ids).
type billIn struct {
	sources     []string
	first, last int64
}

// ticketIn is what one requester address sent to support.
type ticketIn struct {
	tickets     int64
	sources     []string
	first, last int64
}

// userIn is one analytics user as summarised by buildAnalytics.
type userIn struct {
	distinct    string
	email       string
	sources     string
	events      int64
	first, last int64
	activity    []byte
	names       []byte
}

// Rule is one of the founder's merges or splits.
type Rule struct {
	Seq  int64  `json:"seq"`
	Kind string `json:"kind"` // merge | split
	A    string `json:"a"`    // identity key: customer:<id>, email:<address>, domain:<name>
	B    string `json:"b"`    // merge: the other key; split: ""
	At   int64  `json:"at"`   // unix seconds
}

type inputs struct {
	customers map[string]*custIn
	billing   map[string]*billIn
	tickets   map[string]*ticketIn
	users     []userIn
	rules     []Rule
	memory    map[string]string // key → the account id it had
}

func loadInputs(ctx context.Context, q querier, includeTest bool) (*inputs, error) {
	in := &inputs{customers: map[string]*custIn{}, billing: map[string]*billIn{}, tickets: map[string]*ticketIn{}, memory: map[string]string{}}
	steps := []func(context.Context, querier, bool) error{
		in.loadCustomers, in.loadBilling, in.loadTickets, in.loadUsers, in.loadRules, in.loadMemory,
	}
	for _, step := range steps {
		if err := step(ctx, q, includeTest); err != nil {
			return nil, err
		}
	}
	return in, nil
}

func readErr(what string, err error) error {
	return backend.Errorf(backend.Internal, "read %s: %v", what, err)
}

func addSource(list []string, s string) []string {
	if s == "" {
		return list
	}
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

func addEmail(list []string, e string) []string {
	if e == "" {
		return list
	}
	for _, x := range list {
		if x == e {
			return list
		}
	}
	return append(list, e)
}

func (in *inputs) customer(id string) *custIn {
	c := in.customers[id]
	if c == nil {
		c = &custIn{id: id}
		in.customers[id] = c
	}
	return c
}

func (in *inputs) loadCustomers(ctx context.Context, q querier, includeTest bool) error {
	rows, err := q.QueryContext(ctx, `SELECT id, email, name, description, created, source FROM customers WHERE id <> '' AND (test = 0 OR ?) ORDER BY key`, includeTest)
	if err != nil {
		return readErr("customers", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, email, name, desc, source string
		var created sql.NullInt64
		if err := rows.Scan(&id, &email, &name, &desc, &created, &source); err != nil {
			return readErr("customers", err)
		}
		c := in.customer(id)
		if name == "" {
			name = desc
		}
		if c.name == "" {
			c.name = name
		}
		c.emails = addEmail(c.emails, NormalizeEmail(email))
		c.sources = addSource(c.sources, source)
		if created.Valid && (c.created == 0 || created.Int64 < c.created) {
			c.created = created.Int64
		}
	}
	return rows.Err()
}

// loadBilling reads the customer ids and addresses of subscriptions,
// invoices and payments, with their first and last dates.
func (in *inputs) loadBilling(ctx context.Context, q querier, includeTest bool) error {
	for _, src := range []struct{ table, first, last string }{
		{"subscriptions", "MIN(COALESCE(start, created))", "NULL"},
		{"invoices", "MIN(date)", "MAX(date)"},
		{"payments", "MIN(created)", "MAX(created)"},
	} {
		rows, err := q.QueryContext(ctx, `SELECT customer_id, customer_email, source, `+src.first+`, `+src.last+` FROM `+src.table+`
			WHERE (test = 0 OR ?) GROUP BY customer_id, customer_email, source`, includeTest)
		if err != nil {
			return readErr(src.table, err)
		}
		for rows.Next() {
			var id, email, source string
			var first, last sql.NullInt64
			if err := rows.Scan(&id, &email, &source, &first, &last); err != nil {
				rows.Close()
				return readErr(src.table, err)
			}
			e := NormalizeEmail(email)
			var f, l *int64
			switch {
			case id != "":
				c := in.customer(id)
				c.emails = addEmail(c.emails, e)
				c.sources = addSource(c.sources, source)
				f, l = &c.first, &c.last
			case e != "":
				b := in.billing[e]
				if b == nil {
					b = &billIn{}
					in.billing[e] = b
				}
				b.sources = addSource(b.sources, source)
				f, l = &b.first, &b.last
			default:
				continue
			}
			if first.Valid && (*f == 0 || first.Int64 < *f) {
				*f = first.Int64
			}
			if last.Valid && last.Int64 > *l {
				*l = last.Int64
			}
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return readErr(src.table, err)
		}
	}
	return nil
}

func (in *inputs) loadTickets(ctx context.Context, q querier, _ bool) error {
	rows, err := q.QueryContext(ctx, `SELECT requester_email, source, COUNT(*), MIN(created), MAX(created) FROM tickets
		WHERE requester_email <> '' GROUP BY requester_email, source`)
	if err != nil {
		return readErr("tickets", err)
	}
	defer rows.Close()
	for rows.Next() {
		var email, source string
		var n, first, last int64
		if err := rows.Scan(&email, &source, &n, &first, &last); err != nil {
			return readErr("tickets", err)
		}
		e := NormalizeEmail(email)
		if e == "" {
			continue
		}
		t := in.tickets[e]
		if t == nil {
			t = &ticketIn{first: first, last: last}
			in.tickets[e] = t
		}
		t.tickets += n
		t.sources = addSource(t.sources, source)
		t.first, t.last = min(t.first, first), max(t.last, last)
	}
	return rows.Err()
}

func (in *inputs) loadUsers(ctx context.Context, q querier, _ bool) error {
	rows, err := q.QueryContext(ctx, `SELECT distinct_id, email, sources, events, first, last, activity, names FROM analytics_users`)
	if err != nil {
		return readErr("analytics users", err)
	}
	defer rows.Close()
	for rows.Next() {
		var u userIn
		if err := rows.Scan(&u.distinct, &u.email, &u.sources, &u.events, &u.first, &u.last, &u.activity, &u.names); err != nil {
			return readErr("analytics users", err)
		}
		in.users = append(in.users, u)
	}
	return rows.Err()
}

func (in *inputs) loadRules(ctx context.Context, q querier, _ bool) error {
	rs, err := readRules(ctx, q)
	in.rules = rs
	return err
}

func readRules(ctx context.Context, q querier) ([]Rule, error) {
	rows, err := q.QueryContext(ctx, `SELECT seq, kind, a, b, at FROM account_rules ORDER BY seq`)
	if err != nil {
		return nil, readErr("account rules", err)
	}
	defer rows.Close()
	var out []Rule
	for rows.Next() {
		var r Rule
		if err := rows.Scan(&r.Seq, &r.Kind, &r.A, &r.B, &r.At); err != nil {
			return nil, readErr("account rules", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func (in *inputs) loadMemory(ctx context.Context, q querier, _ bool) error {
	rows, err := q.QueryContext(ctx, `SELECT key, account FROM account_keys`)
	if err != nil {
		return readErr("account keys", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k, a string
		if err := rows.Scan(&k, &a); err != nil {
			return readErr("account keys", err)
		}
		in.memory[k] = a
	}
	return rows.Err()
}

// splitSources splits a space-separated list.
func splitSources(s string) []string { return strings.Fields(s) }
