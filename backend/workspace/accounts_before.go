package workspace

import "context"

// The accounts as they were before the linking of one import shifted them
// (migration 0016), for the undo of that import.

const accountBeforeCols = accountRowCols + ", activity, names"

// SaveAccountsBefore keeps accounts ids as they are now, as before the
// import imp whose linking brings the identities to generation gen.
func (t *LinkTx) SaveAccountsBefore(ctx context.Context, ids []string, gen, imp int64) error {
	for _, chunk := range chunks(ids) {
		args := append([]any{gen, imp}, anys(chunk)...)
		if _, err := t.tx.ExecContext(ctx, "INSERT OR REPLACE INTO account_before(gen, import_id, "+accountBeforeCols+") SELECT ?, ?, "+
			accountBeforeCols+" FROM accounts WHERE id IN ("+marks(len(chunk))+")", args...); err != nil {
			return internal("keep the accounts", err)
		}
	}
	return nil
}

// AccountsBefore reads the accounts of ids kept before import imp by the
// linking to generation gen.
func (t *LinkTx) AccountsBefore(ctx context.Context, ids []string, gen, imp int64) (map[string]AccountRow, error) {
	out := map[string]AccountRow{}
	for _, chunk := range chunks(ids) {
		args := append([]any{gen, imp}, anys(chunk)...)
		rows, err := t.tx.QueryContext(ctx, "SELECT "+accountBeforeCols+" FROM account_before WHERE gen = ? AND import_id = ? AND id IN ("+
			marks(len(chunk))+")", args...)
		if err != nil {
			return nil, internal("read the accounts kept", err)
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
				return nil, internal("read the accounts kept", err)
			}
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

// ForgetAccountsBefore drops the accounts kept: a linking changed them.
func (t *LinkTx) ForgetAccountsBefore(ctx context.Context) error {
	if _, err := t.tx.ExecContext(ctx, "DELETE FROM account_before"); err != nil {
		return internal("forget the accounts kept", err)
	}
	return nil
}
