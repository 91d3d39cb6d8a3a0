package workspace

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
)

// The queries of backend/accounts: identities and what they are linked to,
// the accounts, the founder's rules, and the state of the linking.

// IdentLink is an identity as the linking sees it.
type IdentLink struct {
	Key     string
	Test    bool
	Rows    int64    // 0: gone, kept for the account it had
	Emails  []string // normalised, most used first (a billing customer's own address first)
	Created int64    // a billing customer's creation date, unix seconds; 0 unknown
	Changed int64    // the link generation its rows last changed at
	Account string
	Org     string
	// Sum is its sum, read by LinkTx.IdentLinks for the identities that
	// changed since a generation; nil otherwise.
	Sum *Ident
}

// IdentSummary is an identity with what its rows say.
type IdentSummary struct {
	IdentLink
	Sum Ident
}

const identLinkCols = "key, test, rows, emails, created, changed, account, org"

// identView is every identity with what it is linked to.
const identView = `(SELECT i.key AS key, i.test AS test, i.rows AS rows, i.emails AS emails, i.created AS created, i.changed AS changed,
	COALESCE(a.account, '') AS account, COALESCE(a.org, '') AS org, i.data AS data
	FROM link_idents i LEFT JOIN link_accounts a ON a.key = i.key AND a.test = i.test)`

func scanIdentLink(sc interface{ Scan(...any) error }) (IdentLink, error) {
	var l IdentLink
	var emails string
	err := sc.Scan(&l.Key, &l.Test, &l.Rows, &emails, &l.Created, &l.Changed, &l.Account, &l.Org)
	l.Emails = strings.Fields(emails)
	return l, err
}

// LinkGen is the generation of the identities: it moves with every import,
// undo and full sum.
func (db *DB) LinkGen(ctx context.Context) (int64, error) { return linkGen(ctx, db.sql) }

func linkGen(ctx context.Context, q querier) (int64, error) {
	var gen int64
	if err := q.QueryRowContext(ctx, "SELECT gen FROM link_state WHERE id = 1").Scan(&gen); err != nil {
		return 0, internal("read the link state", err)
	}
	return gen, nil
}

// IdentLinks lists every identity (gone ones too), by key.
func (db *DB) IdentLinks(ctx context.Context) ([]IdentLink, error) {
	return identLinks(ctx, db.sql, "", nil)
}

func identLinks(ctx context.Context, q querier, where string, args []any) ([]IdentLink, error) {
	query := "SELECT " + identLinkCols + " FROM " + identView
	if where != "" {
		query += " WHERE " + where
	}
	rows, err := q.QueryContext(ctx, query+" ORDER BY key, test", args...)
	if err != nil {
		return nil, internal("read identities", err)
	}
	defer rows.Close()
	var out []IdentLink
	for rows.Next() {
		l, err := scanIdentLink(rows)
		if err != nil {
			return nil, internal("read identities", err)
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// AccountIdents lists the identities linked to an account.
func (db *DB) AccountIdents(ctx context.Context, id string) ([]IdentLink, error) {
	return identLinks(ctx, db.sql, "account = ? AND rows > 0", []any{id})
}

// IdentSummaries lists the identities whose key starts with prefix and
// that match where (on link_idents' columns), with their sums.
func (db *DB) IdentSummaries(ctx context.Context, prefix, where string, args ...any) ([]IdentSummary, error) {
	q := "SELECT " + identLinkCols + ", data FROM " + identView + " WHERE key >= ? AND key < ? AND rows > 0"
	if where != "" {
		q += " AND (" + where + ")"
	}
	rows, err := db.sql.QueryContext(ctx, q+" ORDER BY key, test", append([]any{prefix, prefixEnd(prefix)}, args...)...)
	if err != nil {
		return nil, internal("read identities", err)
	}
	defer rows.Close()
	var out []IdentSummary
	for rows.Next() {
		var s IdentSummary
		var emails string
		var data []byte
		if err := rows.Scan(&s.Key, &s.Test, &s.Rows, &emails, &s.Created, &s.Changed, &s.Account, &s.Org, &data); err != nil {
			return nil, internal("read identities", err)
		}
		s.Emails = strings.Fields(emails)
		id, err := decodeIdent(data)
		if err != nil {
			return nil, internal("read identity "+s.Key, err)
		}
		s.Sum = *id
		out = append(out, s)
	}
	return out, rows.Err()
}

// prefixEnd is the first string after every string starting with p (p
// ends in ':').
func prefixEnd(p string) string { return p[:len(p)-1] + ";" }

// IdentAccounts maps the keys of the identities whose key starts with one
// of prefixes to their accounts, for those that have one.
func (db *DB) IdentAccounts(ctx context.Context, prefixes ...string) (map[string]string, error) {
	out := map[string]string{}
	for _, p := range prefixes {
		rows, err := db.sql.QueryContext(ctx, `SELECT a.key, a.account FROM link_accounts a JOIN link_idents i ON i.key = a.key AND i.test = a.test
			WHERE a.key >= ? AND a.key < ? AND a.account <> '' AND i.rows > 0`, p, prefixEnd(p))
		if err != nil {
			return nil, internal("read identities", err)
		}
		for rows.Next() {
			var k, a string
			if err := rows.Scan(&k, &a); err != nil {
				rows.Close()
				return nil, internal("read identities", err)
			}
			out[k] = a
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, internal("read identities", err)
		}
	}
	return out, nil
}

// EmailAccounts maps every address an identity with an account carries to
// the accounts that have it (one, or several when the address is shared).
func (db *DB) EmailAccounts(ctx context.Context) (map[string][]string, error) {
	rows, err := db.sql.QueryContext(ctx, "SELECT DISTINCT emails, account FROM "+identView+" WHERE rows > 0 AND account <> '' AND emails <> ''")
	if err != nil {
		return nil, internal("read identities", err)
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var emails, a string
		if err := rows.Scan(&emails, &a); err != nil {
			return nil, internal("read identities", err)
		}
		for _, e := range strings.Fields(emails) {
			if !slices.Contains(out[e], a) {
				out[e] = append(out[e], a)
			}
		}
	}
	return out, rows.Err()
}

// UnlinkedCounts sums the identities whose key starts with prefix and
// that have no account: how many, their rows, and how many carry no
// address; ambiguous ones (linked to an organisation) apart.
func (db *DB) UnlinkedCounts(ctx context.Context, prefix string) (n, rows, noAddress, ambiguous, ambiguousRows int64, err error) {
	err = db.sql.QueryRowContext(ctx, `SELECT COALESCE(SUM(org = ''), 0), COALESCE(SUM(CASE WHEN org = '' THEN rows END), 0),
		COALESCE(SUM(org = '' AND emails = ''), 0), COALESCE(SUM(org <> ''), 0), COALESCE(SUM(CASE WHEN org <> '' THEN rows END), 0)
		FROM `+identView+` WHERE key >= ? AND key < ? AND rows > 0 AND account = ''`, prefix, prefixEnd(prefix)).
		Scan(&n, &rows, &noAddress, &ambiguous, &ambiguousRows)
	if err != nil {
		err = internal("read identities", err)
	}
	return
}

// LegacyAccountIDs is the account each key had before migration 0008
// (account_keys: customer:<id>, email:<address>, domain:<name>), so that
// accounts keep their ids through the upgrade.
func (t *LinkTx) LegacyAccountIDs(ctx context.Context) (map[string]string, error) {
	rows, err := t.tx.QueryContext(ctx, "SELECT key, account FROM account_keys WHERE key NOT LIKE 'rule:%'")
	if err != nil {
		return nil, internal("read account keys", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, a string
		if err := rows.Scan(&k, &a); err != nil {
			return nil, internal("read account keys", err)
		}
		out[k] = a
	}
	return out, rows.Err()
}

// AccountRule is one of the founder's merges or splits.
type AccountRule struct {
	Seq  int64
	Kind string // merge | split
	A, B string // identity keys; B is "" for a split
	At   int64  // unix seconds
	Back string // the id forgetting it gives back
}

// AccountRules lists the founder's rules, oldest first.
func (db *DB) AccountRules(ctx context.Context) ([]AccountRule, error) {
	return accountRules(ctx, db.sql)
}

func accountRules(ctx context.Context, q querier) ([]AccountRule, error) {
	rows, err := q.QueryContext(ctx, "SELECT seq, kind, a, b, at, back FROM account_rules ORDER BY seq")
	if err != nil {
		return nil, internal("read account rules", err)
	}
	defer rows.Close()
	var out []AccountRule
	for rows.Next() {
		var r AccountRule
		if err := rows.Scan(&r.Seq, &r.Kind, &r.A, &r.B, &r.At, &r.Back); err != nil {
			return nil, internal("read account rules", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// LinkedState is what the accounts were last linked from: a fingerprint of
// the rules and settings, the identities' generation, and the mode it gave.
func (db *DB) LinkedState(ctx context.Context) (fingerprint, mode string, gen int64, err error) {
	return linkedState(ctx, db.sql)
}

func linkedState(ctx context.Context, q querier) (fingerprint, mode string, gen int64, err error) {
	err = q.QueryRowContext(ctx, "SELECT fingerprint, mode, gen FROM derived_state WHERE stage = 'links'").Scan(&fingerprint, &mode, &gen)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", 0, nil
	}
	if err != nil {
		return "", "", 0, internal("read the accounts state", err)
	}
	return fingerprint, mode, gen, nil
}

// LinkedState is LinkedState inside the transaction.
func (t *LinkTx) LinkedState(ctx context.Context) (fingerprint, mode string, gen int64, err error) {
	return linkedState(ctx, t.tx)
}

// AccountRow is one account as stored.
type AccountRow struct {
	ID, Name, Domain, Email string
	Customers, Sources      []string
	Emails, Users           int
	Tickets, Events         int64
	FirstSeen, LastActivity int64  // unix seconds, 0 unknown
	Activity                []byte // days with events, packed (EncodeDays)
	Names                   []NameUse
	Anchor                  string // the key the founder's rules name it by
}

const accountRowCols = "id, name, domain, email, customers, sources, emails, users, tickets, events, first_seen, last_activity, anchor"

func scanAccountRow(sc interface{ Scan(...any) error }, extra ...any) (AccountRow, error) {
	var a AccountRow
	var customers, sources string
	var first, last sql.NullInt64
	err := sc.Scan(append([]any{&a.ID, &a.Name, &a.Domain, &a.Email, &customers, &sources, &a.Emails, &a.Users, &a.Tickets, &a.Events, &first, &last, &a.Anchor}, extra...)...)
	a.Customers, a.Sources = strings.Fields(customers), strings.Fields(sources)
	a.FirstSeen, a.LastActivity = first.Int64, last.Int64
	return a, err
}

// Accounts lists the accounts (without their activity) whose name, domain
// or contact address contains query (lowercase; "" for all).
func (db *DB) Accounts(ctx context.Context, query string) ([]AccountRow, error) {
	q := "SELECT " + accountRowCols + " FROM accounts"
	var args []any
	if query != "" {
		q += " WHERE instr(lower(name), ?) > 0 OR instr(domain, ?) > 0 OR instr(email, ?) > 0"
		args = append(args, query, query, query)
	}
	rows, err := db.sql.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, internal("read accounts", err)
	}
	defer rows.Close()
	var out []AccountRow
	for rows.Next() {
		a, err := scanAccountRow(rows)
		if err != nil {
			return nil, internal("read accounts", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// Account reads one account (without its activity); ok is false when there
// is none with that id.
func (db *DB) Account(ctx context.Context, id string) (a AccountRow, ok bool, err error) {
	a, err = scanAccountRow(db.sql.QueryRowContext(ctx, "SELECT "+accountRowCols+" FROM accounts WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return a, false, nil
	}
	if err != nil {
		return a, false, internal("read an account", err)
	}
	return a, true, nil
}

// AccountCount is how many accounts there are.
func (db *DB) AccountCount(ctx context.Context) (int, error) {
	var n int
	if err := db.sql.QueryRowContext(ctx, "SELECT COUNT(*) FROM accounts").Scan(&n); err != nil {
		return 0, internal("read accounts", err)
	}
	return n, nil
}

// Activity is one account's (or analytics user's) product activity.
type Activity struct {
	ID        string
	FirstSeen int64
	Days      []Day
	Names     []NameUse
}

// AccountActivity hands every account's activity to f, in the table's
// order. The table's odd and even rows are read and decoded side by side
// (inReaders; analytics users have far longer activity than billing
// customers, so halves by rowid would not be even): with events, the
// biggest read of the figures.
func (db *DB) AccountActivity(ctx context.Context, f func(Activity) error) error {
	type row struct {
		rowid int64
		a     Activity
	}
	var parts [2][]row
	err := db.inReaders(2, func(part int, conn *sql.DB) error {
		rows, err := conn.QueryContext(ctx, "SELECT rowid, id, COALESCE(first_seen, 0), activity, names FROM accounts WHERE rowid % 2 = ? ORDER BY rowid", part)
		if err != nil {
			return internal("read accounts", err)
		}
		defer rows.Close()
		var days, names sql.RawBytes
		for rows.Next() {
			var r row
			if err := rows.Scan(&r.rowid, &r.a.ID, &r.a.FirstSeen, &days, &names); err != nil {
				return internal("read accounts", err)
			}
			if r.a.Days, err = DecodeDays(days, nil); err != nil {
				return internal("read account "+r.a.ID, err)
			}
			if r.a.Names, err = DecodeNames(names, nil); err != nil {
				return internal("read account "+r.a.ID, err)
			}
			parts[part] = append(parts[part], r)
		}
		return rows.Err()
	})
	if err != nil {
		return err
	}
	even, odd := parts[0], parts[1]
	for len(even) > 0 || len(odd) > 0 {
		next := &even
		if len(even) == 0 || len(odd) > 0 && odd[0].rowid < even[0].rowid {
			next = &odd
		}
		if err := f((*next)[0].a); err != nil {
			return err
		}
		*next = (*next)[1:]
	}
	return nil
}

// EventNameList is the event names by id ("" for unused ids).
func (db *DB) EventNameList(ctx context.Context) ([]string, error) {
	return db.namesByID(ctx, "event_names", "read event names")
}

// namesByID reads a table of (id, name) into a list indexed by id, ""
// for unused ids.
func (db *DB) namesByID(ctx context.Context, table, what string) ([]string, error) {
	rows, err := db.sql.QueryContext(ctx, "SELECT id, name FROM "+table+" ORDER BY id")
	if err != nil {
		return nil, internal(what, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id int
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, internal(what, err)
		}
		for len(out) < id {
			out = append(out, "")
		}
		out = append(out, name)
	}
	return out, rows.Err()
}

// LinkTx is the transaction that links the accounts (or changes the
// founder's rules and links them again).
type LinkTx struct {
	tx *sql.Tx
	db *DB
}

// InLinkTx runs f in one transaction.
func (db *DB) InLinkTx(ctx context.Context, f func(*LinkTx) error) error {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return internal("start linking the accounts", err)
	}
	defer tx.Rollback()
	if err := f(&LinkTx{tx: tx, db: db}); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return internal("save the accounts", err)
	}
	return nil
}

// LinkGen is the identities' generation.
func (t *LinkTx) LinkGen(ctx context.Context) (int64, error) { return linkGen(ctx, t.tx) }

// IdentLinks lists every identity, by key, with the sums of those whose
// rows changed after generation since.
func (t *LinkTx) IdentLinks(ctx context.Context, since int64) ([]IdentLink, error) {
	// Sized once: grown by appending, the list of 360,000 identities was
	// copied a dozen times, the last time with the old one still held.
	var n int
	if err := t.tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM link_idents").Scan(&n); err != nil {
		return nil, internal("read identities", err)
	}
	out := make([]IdentLink, 0, n)
	rows, err := t.tx.QueryContext(ctx, "SELECT "+identLinkCols+", CASE WHEN changed > ? THEN data END FROM "+identView+" ORDER BY key, test", since)
	if err != nil {
		return nil, internal("read identities", err)
	}
	defer rows.Close()
	var key, emails, account, org sql.RawBytes
	var p packer
	for rows.Next() {
		var l IdentLink
		var data []byte
		if err := rows.Scan(&key, &l.Test, &l.Rows, &emails, &l.Created, &l.Changed, &account, &org, &data); err != nil {
			return nil, internal("read identities", err)
		}
		l.Key = p.str(key)
		l.Emails = p.emails(l.Key, emails)
		l.Account, l.Org = p.str(account), p.str(org)
		if data != nil {
			if l.Sum, err = decodeIdent(data); err != nil {
				return nil, internal("read identity "+l.Key, err)
			}
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// packer keeps the strings of many identities in a few large blocks
// instead of an object or two each: linking 360,000 requesters held as
// many small strings and lists, and the collector marked them over and
// over while the accounts were linked.
type packer struct {
	text  *strings.Builder // the current block: strings handed out stay as they are while it grows within its capacity
	lists []string         // the current block of email lists
}

const packBlock = 64 << 10

// str is b as a string inside the current block ("" takes no room).
func (p *packer) str(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if len(b) > packBlock/8 {
		return string(b)
	}
	if p.text == nil || p.text.Len()+len(b) > p.text.Cap() {
		p.text = &strings.Builder{}
		p.text.Grow(packBlock)
	}
	start := p.text.Len()
	p.text.Write(b)
	return p.text.String()[start:]
}

// emails splits an identity's addresses (space separated); an address
// its key ends with (requester:<address>, guest:<address>) is taken from
// the key.
func (p *packer) emails(key string, b []byte) []string {
	n := bytes.Count(b, []byte(" ")) + 1
	if len(bytes.TrimSpace(b)) == 0 {
		return nil
	}
	if len(p.lists)+n > cap(p.lists) {
		p.lists = make([]string, 0, max(n, 1024))
	}
	start := len(p.lists)
	for _, f := range bytes.Fields(b) {
		if strings.HasSuffix(key, string(f)) { // no allocation: the conversion is only compared
			p.lists = append(p.lists, key[len(key)-len(f):])
		} else {
			p.lists = append(p.lists, p.str(f))
		}
	}
	return p.lists[start:len(p.lists):len(p.lists)]
}

// AccountRules lists the founder's rules, oldest first.
func (t *LinkTx) AccountRules(ctx context.Context) ([]AccountRule, error) {
	return accountRules(ctx, t.tx)
}

// AddRule stores a rule and returns its seq.
func (t *LinkTx) AddRule(ctx context.Context, r AccountRule) (int64, error) {
	res, err := t.tx.ExecContext(ctx, "INSERT INTO account_rules(kind, a, b, at, back) VALUES(?,?,?,?,?)", r.Kind, r.A, r.B, r.At, r.Back)
	if err != nil {
		return 0, internal("save the rule", err)
	}
	return res.LastInsertId()
}

// DeleteRule removes a rule; ok is false when there is none with that seq.
func (t *LinkTx) DeleteRule(ctx context.Context, seq int64) (r AccountRule, ok bool, err error) {
	err = t.tx.QueryRowContext(ctx, "DELETE FROM account_rules WHERE seq = ? RETURNING seq, kind, a, b, at, back", seq).
		Scan(&r.Seq, &r.Kind, &r.A, &r.B, &r.At, &r.Back)
	if errors.Is(err, sql.ErrNoRows) {
		return r, false, nil
	}
	if err != nil {
		return r, false, internal("remove the rule", err)
	}
	return r, true, nil
}

// SetLinks stores what identities are linked to.
func (t *LinkTx) SetLinks(ctx context.Context, ls []IdentLink) error {
	vals := make([]any, 0, 4*len(ls))
	for _, l := range ls {
		vals = append(vals, l.Key, l.Test, l.Account, l.Org)
	}
	err := valuesExec(ctx, t.tx, "INSERT INTO link_accounts(key, test, account, org)",
		"ON CONFLICT(key, test) DO UPDATE SET account = excluded.account, org = excluded.org", 4, vals)
	if err != nil {
		return internal("link identities", err)
	}
	return nil
}

// Members hands the identities linked to each of accounts, with their
// sums, to f.
func (t *LinkTx) Members(ctx context.Context, accounts []string, f func(account string, s IdentSummary) error) error {
	for len(accounts) > 0 {
		n := min(len(accounts), keyChunk)
		args := make([]any, n)
		for i, a := range accounts[:n] {
			args[i] = a
		}
		accounts = accounts[n:]
		rows, err := t.tx.QueryContext(ctx, `SELECT i.key, i.test, i.rows, i.emails, i.created, i.changed, a.account, a.org, i.data
			FROM link_accounts a JOIN link_idents i ON i.key = a.key AND i.test = a.test WHERE a.account IN (`+
			strings.TrimSuffix(strings.Repeat("?,", n), ",")+") AND i.rows > 0 ORDER BY a.account, i.key, i.test", args...)
		if err != nil {
			return internal("read identities", err)
		}
		for rows.Next() {
			var s IdentSummary
			var emails string
			var data []byte
			if err := rows.Scan(&s.Key, &s.Test, &s.Rows, &emails, &s.Created, &s.Changed, &s.Account, &s.Org, &data); err != nil {
				rows.Close()
				return internal("read identities", err)
			}
			s.Emails = strings.Fields(emails)
			id, err := decodeIdent(data)
			if err != nil {
				rows.Close()
				return internal("read identity "+s.Key, err)
			}
			s.Sum = *id
			if err := f(s.Account, s); err != nil {
				rows.Close()
				return err
			}
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return internal("read identities", err)
		}
	}
	return nil
}

// PutAccounts writes accounts.
func (t *LinkTx) PutAccounts(ctx context.Context, as []AccountRow) error {
	vals := make([]any, 0, 15*len(as))
	for _, a := range as {
		vals = append(vals, a.ID, a.Name, a.Domain, a.Email, strings.Join(a.Customers, " "), strings.Join(a.Sources, " "), a.Emails, a.Users,
			a.Tickets, a.Events, nullUnix(a.FirstSeen), nullUnix(a.LastActivity), blob(a.Activity), EncodeNames(a.Names), a.Anchor)
	}
	err := valuesExec(ctx, t.tx, `INSERT INTO accounts(id, name, domain, email, customers, sources, emails, users, tickets, events,
		first_seen, last_activity, activity, names, anchor)`, `ON CONFLICT(id) DO UPDATE SET name = excluded.name, domain = excluded.domain,
		email = excluded.email, customers = excluded.customers, sources = excluded.sources, emails = excluded.emails, users = excluded.users,
		tickets = excluded.tickets, events = excluded.events, first_seen = excluded.first_seen, last_activity = excluded.last_activity,
		activity = excluded.activity, names = excluded.names, anchor = excluded.anchor`, 15, vals)
	if err != nil {
		return internal("write accounts", err)
	}
	return nil
}

// blob is b for a NOT NULL column: empty, not NULL, when b is nil.
func blob(b []byte) []byte {
	if b == nil {
		return []byte{}
	}
	return b
}

func nullUnix(t int64) any {
	if t == 0 {
		return nil
	}
	return t
}

// DeleteAccounts removes accounts.
func (t *LinkTx) DeleteAccounts(ctx context.Context, ids []string) error {
	vals := make([]any, len(ids))
	for i, id := range ids {
		vals[i] = id
	}
	if err := valuesExec(ctx, t.tx, "DELETE FROM accounts WHERE id IN (", ")", 1, vals); err != nil {
		return internal("remove accounts", err)
	}
	return nil
}

// AccountAnchors maps the ids of the accounts stored to their anchors.
func (t *LinkTx) AccountAnchors(ctx context.Context) (map[string]string, error) {
	rows, err := t.tx.QueryContext(ctx, "SELECT id, anchor FROM accounts")
	if err != nil {
		return nil, internal("read accounts", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var id, anchor string
		if err := rows.Scan(&id, &anchor); err != nil {
			return nil, internal("read accounts", err)
		}
		out[id] = anchor
	}
	return out, rows.Err()
}

// SetLinkedState records what the accounts were linked from.
func (t *LinkTx) SetLinkedState(ctx context.Context, fingerprint, mode string, gen int64) error {
	_, err := t.tx.ExecContext(ctx, `INSERT INTO derived_state(stage, fingerprint, at, mode, gen) VALUES('links',?,?,?,?)
		ON CONFLICT(stage) DO UPDATE SET fingerprint = excluded.fingerprint, at = excluded.at, mode = excluded.mode, gen = excluded.gen`,
		fingerprint, t.db.Now().Unix(), mode, gen)
	if err != nil {
		return internal("save the accounts state", err)
	}
	return nil
}

// NameStat is one event name's use over the analytics users.
type NameStat struct {
	Events, Users, Accounts int64
	First, Last             int64
}

// EventNameUses sums the event names over the analytics users and the
// accounts, for the event pickers.
func (t *LinkTx) EventNameUses(ctx context.Context) (map[int32]*NameStat, error) {
	out := map[int32]*NameStat{}
	stat := func(id int32) *NameStat {
		s := out[id]
		if s == nil {
			s = &NameStat{}
			out[id] = s
		}
		return s
	}
	rows, err := t.tx.QueryContext(ctx, "SELECT key, data FROM link_idents WHERE key >= ? AND key < ? AND rows > 0", IdentUser, prefixEnd(IdentUser))
	if err != nil {
		return nil, internal("read identities", err)
	}
	var k string
	var data sql.RawBytes
	var uses []NameUse
	for rows.Next() {
		if err := rows.Scan(&k, &data); err != nil {
			rows.Close()
			return nil, internal("read identities", err)
		}
		if uses, err = identNames(data, uses[:0]); err != nil {
			rows.Close()
			return nil, internal("read identity "+k, err)
		}
		for _, u := range uses {
			s := stat(u.Name)
			if s.Users == 0 {
				s.First, s.Last = u.First, u.Last
			}
			s.Events += u.Events
			s.Users++
			s.First, s.Last = min(s.First, u.First), max(s.Last, u.Last)
		}
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return nil, internal("read identities", err)
	}
	rows, err = t.tx.QueryContext(ctx, "SELECT names FROM accounts")
	if err != nil {
		return nil, internal("read accounts", err)
	}
	defer rows.Close()
	var names []NameUse
	for rows.Next() {
		var b []byte
		if err := rows.Scan(&b); err != nil {
			return nil, internal("read accounts", err)
		}
		if names, err = DecodeNames(b, names[:0]); err != nil {
			return nil, internal("read accounts", err)
		}
		for _, u := range names {
			stat(u.Name).Accounts++
		}
	}
	return out, rows.Err()
}

// SetEventNameUses stores the names' counts (names not in uses get 0).
func (t *LinkTx) SetEventNameUses(ctx context.Context, uses map[int32]*NameStat) error {
	if _, err := t.tx.ExecContext(ctx, "UPDATE event_names SET events = 0, users = 0, accounts = 0"); err != nil {
		return internal("write event names", err)
	}
	st, err := t.tx.PrepareContext(ctx, "UPDATE event_names SET events = ?, users = ?, accounts = ?, first = ?, last = ? WHERE id = ?")
	if err != nil {
		return internal("write event names", err)
	}
	defer st.Close()
	for id, s := range uses {
		if _, err := st.ExecContext(ctx, s.Events, s.Users, s.Accounts, s.First, s.Last, id); err != nil {
			return internal("write event names", err)
		}
	}
	return nil
}

// HasUserRows reports whether any analytics user has events.
func (db *DB) HasUserRows(ctx context.Context) (bool, error) {
	var ok bool
	err := db.sql.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM link_idents WHERE key >= ? AND key < ? AND rows > 0)", IdentUser, prefixEnd(IdentUser)).Scan(&ok)
	if err != nil {
		return false, internal("read identities", err)
	}
	return ok, nil
}
