package workspace

import (
	"context"
	"database/sql"
	"strings"
)

// What the linking of one import changed in the accounts it shifted and
// an undo cannot take back from sums (migration 0016), for the undo of
// that import.

// SaveAccountsBefore keeps the dates, names and tools of accounts ids as
// they are now, before import imp whose linking brings the identities to
// generation gen.
func (t *LinkTx) SaveAccountsBefore(ctx context.Context, ids []string, gen, imp int64) error {
	for _, chunk := range chunks(ids) {
		args := append([]any{gen, imp}, anys(chunk)...)
		if _, err := t.tx.ExecContext(ctx, `INSERT OR REPLACE INTO account_before(id, gen, import_id, sources, first_seen, last_activity, names)
			SELECT id, ?, ?, sources, first_seen, last_activity, names FROM accounts WHERE id IN (`+marks(len(chunk))+")", args...); err != nil {
			return internal("keep the accounts", err)
		}
	}
	return nil
}

// AccountsBefore reads what was kept of accounts ids before import imp by
// the linking to generation gen: ID, Sources, FirstSeen, LastActivity and
// Names.
func (t *LinkTx) AccountsBefore(ctx context.Context, ids []string, gen, imp int64) (map[string]AccountRow, error) {
	out := map[string]AccountRow{}
	for _, chunk := range chunks(ids) {
		args := append([]any{gen, imp}, anys(chunk)...)
		rows, err := t.tx.QueryContext(ctx, "SELECT id, sources, first_seen, last_activity, names FROM account_before WHERE gen = ? AND import_id = ? AND id IN ("+
			marks(len(chunk))+")", args...)
		if err != nil {
			return nil, internal("read the accounts kept", err)
		}
		for rows.Next() {
			var a AccountRow
			var sources string
			var first, last sql.NullInt64
			var names []byte
			err := rows.Scan(&a.ID, &sources, &first, &last, &names)
			if err == nil {
				a.Names, err = DecodeNames(names, nil)
			}
			if err != nil {
				rows.Close()
				return nil, internal("read the accounts kept", err)
			}
			a.Sources, a.FirstSeen, a.LastActivity = strings.Fields(sources), first.Int64, last.Int64
			out[a.ID] = a
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, internal("read the accounts kept", err)
		}
	}
	return out, nil
}

// ForgetAccountsBefore drops what was kept: a linking changed the accounts.
func (t *LinkTx) ForgetAccountsBefore(ctx context.Context) error {
	if _, err := t.tx.ExecContext(ctx, "DELETE FROM account_before"); err != nil {
		return internal("forget the accounts kept", err)
	}
	return nil
}
