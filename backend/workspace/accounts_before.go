package workspace

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
)

// What the linking of one import changed in the accounts it shifted and
// an undo cannot take back from sums (migration 0016), for the undo of
// that import. One row (id namesBefore) keeps the event names' counts.

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

// namesBefore is the account_before row that keeps the event names' counts
// (no account has an empty id): names holds each name's events and dates.
const namesBefore = ""

// SaveNamesBefore keeps the event names' counts as they are now, before
// import imp whose linking brings the identities to generation gen.
func (t *LinkTx) SaveNamesBefore(ctx context.Context, gen, imp int64) error {
	stats, err := t.EventNameStats(ctx)
	if err != nil {
		return err
	}
	uses := make([]NameUse, 0, len(stats))
	for id, s := range stats {
		uses = append(uses, NameUse{Name: id, Events: s.Events, First: s.First, Last: s.Last})
	}
	slices.SortFunc(uses, func(a, b NameUse) int { return int(a.Name) - int(b.Name) })
	if _, err := t.tx.ExecContext(ctx, `INSERT OR REPLACE INTO account_before(id, gen, import_id, sources, names) VALUES(?, ?, ?, '', ?)`,
		namesBefore, gen, imp, EncodeNames(uses)); err != nil {
		return internal("keep the event names", err)
	}
	return nil
}

// NamesBefore reads the event names' counts kept before import imp by the
// linking to generation gen (nil: none kept).
func (t *LinkTx) NamesBefore(ctx context.Context, gen, imp int64) (map[int32]NameUse, error) {
	var b []byte
	err := t.tx.QueryRowContext(ctx, "SELECT names FROM account_before WHERE id = ? AND gen = ? AND import_id = ?", namesBefore, gen, imp).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	var uses []NameUse
	if err == nil {
		uses, err = DecodeNames(b, nil)
	}
	if err != nil {
		return nil, internal("read the event names kept", err)
	}
	out := make(map[int32]NameUse, len(uses))
	for _, u := range uses {
		out[u.Name] = u
	}
	return out, nil
}
