package workspace

import (
	"bytes"
	"context"
	"database/sql"
	"slices"
	"strings"
)

// The queries with which backend/accounts finds the identities an import
// or an undo can affect: by key, by address or domain, by account.

// IdentLinksOf lists the identities with one of keys (live and test-mode
// rows, gone ones too), by key.
func (t *LinkTx) IdentLinksOf(ctx context.Context, keys []string) ([]IdentLink, error) {
	var out []IdentLink
	for _, chunk := range chunks(keys) {
		ls, err := identLinks(ctx, t.tx, "key IN ("+marks(len(chunk))+")", anys(chunk))
		if err != nil {
			return nil, err
		}
		out = append(out, ls...)
	}
	slices.SortFunc(out, func(a, b IdentLink) int {
		if c := strings.Compare(a.Key, b.Key); c != 0 {
			return c
		}
		return boolCompare(a.Test, b.Test)
	})
	return out, nil
}

func boolCompare(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// KeysWithAddresses lists the keys of the identities that carry one of
// emails, or an address at one of domains. It reads every identity's
// addresses (a narrow column, no sum).
func (t *LinkTx) KeysWithAddresses(ctx context.Context, emails, domains map[string]bool) ([]string, error) {
	if len(emails)+len(domains) == 0 {
		return nil, nil
	}
	rows, err := t.tx.QueryContext(ctx, "SELECT key, emails FROM link_idents WHERE emails <> ''")
	if err != nil {
		return nil, internal("read identities", err)
	}
	defer rows.Close()
	var out []string
	var key, list sql.RawBytes
	for rows.Next() {
		if err := rows.Scan(&key, &list); err != nil {
			return nil, internal("read identities", err)
		}
		for e := range bytes.FieldsSeq(list) {
			var d []byte // backend.EmailDomain
			if i := bytes.LastIndexByte(e, '@'); i >= 0 {
				d = e[i+1:]
			}
			if emails[string(e)] || domains[string(d)] {
				out = append(out, string(key))
				break
			}
		}
	}
	return out, rows.Err()
}

// AccountKeys lists the keys of the identities linked to one of accounts
// (gone ones too).
func (t *LinkTx) AccountKeys(ctx context.Context, accounts []string) ([]string, error) {
	var out []string
	for _, chunk := range chunks(accounts) {
		rows, err := t.tx.QueryContext(ctx, "SELECT key FROM link_accounts WHERE account IN ("+marks(len(chunk))+")", anys(chunk)...)
		if err != nil {
			return nil, internal("read identities", err)
		}
		for rows.Next() {
			var k string
			if err := rows.Scan(&k); err != nil {
				rows.Close()
				return nil, internal("read identities", err)
			}
			out = append(out, k)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, internal("read identities", err)
		}
	}
	return out, nil
}

// UsersLinked reports whether any analytics user has events, and whether
// any of those is linked to an account.
func (t *LinkTx) UsersLinked(ctx context.Context) (users, linked bool, err error) {
	err = t.tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM link_idents WHERE key >= ? AND key < ? AND rows > 0),
		EXISTS (SELECT 1 FROM link_idents i JOIN link_accounts a ON a.key = i.key AND a.test = i.test
			WHERE i.key >= ? AND i.key < ? AND i.rows > 0 AND a.account <> '')`,
		IdentUser, prefixEnd(IdentUser), IdentUser, prefixEnd(IdentUser)).Scan(&users, &linked)
	if err != nil {
		return false, false, internal("read identities", err)
	}
	return users, linked, nil
}

func chunks(xs []string) [][]string {
	var out [][]string
	for len(xs) > 0 {
		n := min(len(xs), keyChunk)
		out = append(out, xs[:n])
		xs = xs[n:]
	}
	return out
}

func anys(xs []string) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

// MembersInOrder hands the identities linked to each of accounts, with
// their sums, to f in key order: one pass over the identities beside one
// over their links, for when many accounts are summed again (thousands of
// IN (…) lookups jump about the file).
func (t *LinkTx) MembersInOrder(ctx context.Context, accounts []string, f func(account string, s IdentSummary) error) error {
	if _, err := t.tx.ExecContext(ctx, "CREATE TEMP TABLE IF NOT EXISTS link_sum(id TEXT PRIMARY KEY) WITHOUT ROWID; DELETE FROM temp.link_sum"); err != nil {
		return internal("read identities", err)
	}
	if err := valuesExec(ctx, t.tx, "INSERT OR IGNORE INTO temp.link_sum(id)", "", 1, anys(accounts)); err != nil {
		return internal("read identities", err)
	}
	rows, err := t.tx.QueryContext(ctx, `SELECT i.key, i.test, i.rows, i.emails, i.created, i.changed, a.account, a.org, i.data
		FROM link_idents i CROSS JOIN link_accounts a ON a.key = i.key AND a.test = i.test
		WHERE i.rows > 0 AND a.account IN (SELECT id FROM temp.link_sum)`)
	if err != nil {
		return internal("read identities", err)
	}
	defer rows.Close()
	for rows.Next() {
		var s IdentSummary
		var emails string
		var data []byte // the sum keeps pieces of it
		if err := rows.Scan(&s.Key, &s.Test, &s.Rows, &emails, &s.Created, &s.Changed, &s.Account, &s.Org, &data); err != nil {
			return internal("read identities", err)
		}
		s.Emails = strings.Fields(emails)
		id, err := decodeIdent(data)
		if err != nil {
			return internal("read identity "+s.Key, err)
		}
		s.Sum = *id
		if err := f(s.Account, s); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return internal("read identities", err)
	}
	rows.Close()
	if _, err := t.tx.ExecContext(ctx, "DELETE FROM temp.link_sum"); err != nil {
		return internal("read identities", err)
	}
	return nil
}

// AccountRowsOf reads accounts with their activity and event names.
func (t *LinkTx) AccountRowsOf(ctx context.Context, ids []string) (map[string]AccountRow, error) {
	out := make(map[string]AccountRow, len(ids))
	for _, chunk := range chunks(ids) {
		rows, err := t.tx.QueryContext(ctx, "SELECT "+accountRowCols+", activity, names FROM accounts WHERE id IN ("+marks(len(chunk))+")", anys(chunk)...)
		if err != nil {
			return nil, internal("read accounts", err)
		}
		for rows.Next() {
			var act, names []byte
			a, err := scanAccountRow(rows, &act, &names)
			a.Activity = act
			if err == nil {
				a.Names, err = DecodeNames(names, nil)
			}
			if err != nil {
				rows.Close()
				return nil, internal("read accounts", err)
			}
			out[a.ID] = a
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, internal("read accounts", err)
		}
	}
	return out, nil
}

// EventNameStats reads the event names' counts as the last linking stored
// them (names no user sends left out).
func (t *LinkTx) EventNameStats(ctx context.Context) (map[int32]*NameStat, error) {
	rows, err := t.tx.QueryContext(ctx, "SELECT id, events, users, accounts, first, last FROM event_names WHERE users > 0")
	if err != nil {
		return nil, internal("read event names", err)
	}
	defer rows.Close()
	out := map[int32]*NameStat{}
	for rows.Next() {
		var id int32
		s := &NameStat{}
		if err := rows.Scan(&id, &s.Events, &s.Users, &s.Accounts, &s.First, &s.Last); err != nil {
			return nil, internal("read event names", err)
		}
		out[id] = s
	}
	return out, rows.Err()
}
