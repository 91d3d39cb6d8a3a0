package accounts

import (
	"context"
	"database/sql"
	"errors"
	"maps"
	"strconv"
	"strings"

	"keel/backend"
	"keel/backend/workspace"
)

// Rules lists the founder's merges and splits, oldest first.
func Rules(ctx context.Context, db *workspace.DB) ([]Rule, error) {
	return readRules(ctx, db.SQL())
}

// Merge makes accounts a and b one account, which keeps a's id. The merge
// is stored and applied again after every import.
func Merge(ctx context.Context, db *workspace.DB, a, b string) (*Detail, error) {
	if a == b {
		return nil, backend.Errorf(backend.Invalid, "Pick two different accounts to merge.")
	}
	if err := Ensure(ctx, db); err != nil {
		return nil, err
	}
	anchorA, err := anchorKey(ctx, db.SQL(), a)
	if err != nil {
		return nil, err
	}
	anchorB, err := anchorKey(ctx, db.SQL(), b)
	if err != nil {
		return nil, err
	}
	err = changeRules(ctx, db, Rule{Kind: "merge", A: anchorA, B: anchorB}, b, func(l *linker, groups []group, of []int32) (map[string]string, error) {
		return groupIDs(l, groups, of, anchorA, a), nil
	})
	if err != nil {
		return nil, err
	}
	return Get(ctx, db, a)
}

// Attach adds an address or a domain (an unlinked requester, a second
// domain of the company) to an account. A public mail domain cannot be
// attached: attach the address.
func Attach(ctx context.Context, db *workspace.DB, accountID, emailOrDomain string) (*Detail, error) {
	key, ok := keyFor(emailOrDomain)
	if !ok {
		return nil, backend.Errorf(backend.Invalid, "%q is neither an email address nor a domain.", emailOrDomain)
	}
	if strings.HasPrefix(key, domainPrefix) && PublicDomain(key[len(domainPrefix):]) {
		return nil, backend.Errorf(backend.Invalid, "%s is a public mail domain shared by unrelated people; attach the address instead.", key[len(domainPrefix):])
	}
	if err := Ensure(ctx, db); err != nil {
		return nil, err
	}
	anchor, err := anchorKey(ctx, db.SQL(), accountID)
	if err != nil {
		return nil, err
	}
	// The account that holds the key now, if another, gets its id back on undo.
	other, err := liveAccount(ctx, db.SQL(), key)
	if err != nil {
		return nil, err
	}
	if other == accountID {
		other = ""
	}
	// When nothing carries the key yet, the rule waits for it.
	err = changeRules(ctx, db, Rule{Kind: "merge", A: anchor, B: key}, other, func(l *linker, groups []group, of []int32) (map[string]string, error) {
		return groupIDs(l, groups, of, anchor, accountID), nil
	})
	if err != nil {
		return nil, err
	}
	return Get(ctx, db, accountID)
}

// Split takes an address or a domain out of an account: that person (or
// everyone at that domain) becomes an account of its own (or unlinked, if
// they only wrote to support). It returns the account as it remains and
// the new one (nil when what was split off is not an account).
func Split(ctx context.Context, db *workspace.DB, accountID, emailOrDomain string) (kept, split *Detail, err error) {
	key, ok := keyFor(emailOrDomain)
	if !ok {
		return nil, nil, backend.Errorf(backend.Invalid, "%q is neither an email address nor a domain.", emailOrDomain)
	}
	if err := Ensure(ctx, db); err != nil {
		return nil, nil, err
	}
	keys, err := accountKeys(ctx, db.SQL(), accountID)
	if err != nil {
		return nil, nil, err
	}
	if !splitTouches(keys, key) {
		return nil, nil, backend.Errorf(backend.Invalid, "%s is not part of this account.", emailOrDomain)
	}
	var splitID string
	err = changeRules(ctx, db, Rule{Kind: "split", A: key}, accountID, func(l *linker, groups []group, of []int32) (map[string]string, error) {
		n, ok := l.index[key]
		if !ok { // a domain without its own node: a public one
			for _, k := range keys {
				if strings.HasPrefix(k, emailPrefix) && EmailDomain(k[len(emailPrefix):]) == key[len(domainPrefix):] {
					n = l.index[k]
					break
				}
			}
		}
		g := of[n]
		rest := false
		for _, k := range keys {
			if nk, ok := l.index[k]; ok && of[nk] != g {
				rest = true
				break
			}
		}
		if !rest {
			return nil, backend.Errorf(backend.Conflict, "%s cannot be split from this account: it is what holds the account together (its billing customer or its only domain).", emailOrDomain)
		}
		splitID = newID(key)
		forced := map[string]string{}
		for _, nd := range groups[g].nodes {
			forced[l.keys[nd]] = splitID
		}
		return forced, nil
	})
	if err != nil {
		return nil, nil, err
	}
	kept, err = Get(ctx, db, accountID)
	if err != nil {
		return nil, nil, err
	}
	split, err = Get(ctx, db, splitID)
	if backend.ErrorCode(err) == backend.NotFound {
		return kept, nil, nil
	}
	return kept, split, err
}

// Forget removes a merge or split; the accounts are recomputed without it,
// in the same transaction, and get back the ids they had before it: after
// undoing a merge both accounts keep their own ids, after undoing a split
// the account has its id again (else the side with more keys would win the
// id by vote and the other would get a new one).
func Forget(ctx context.Context, db *workspace.DB, seq int64) error {
	if err := Ensure(ctx, db); err != nil {
		return err
	}
	refreshMu.Lock()
	defer refreshMu.Unlock()
	p, err := readParams(db)
	if err != nil {
		return err
	}
	return inTx(ctx, db, func(tx *sql.Tx) error {
		var r Rule
		err := tx.QueryRowContext(ctx, "SELECT kind, a, b FROM account_rules WHERE seq = ?", seq).Scan(&r.Kind, &r.A, &r.B)
		if errors.Is(err, sql.ErrNoRows) {
			return backend.Errorf(backend.NotFound, "There is no account rule number %d.", seq)
		}
		if err != nil {
			return readErr("account rule", err)
		}
		var back string // the id the rule took away ("" for rules made before it was kept)
		if err := tx.QueryRowContext(ctx, "SELECT account FROM account_keys WHERE key = ?", undoKey(seq)).Scan(&back); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return readErr("account keys", err)
		}
		stays := "" // the merged account's id, which the first side keeps
		if r.Kind == "merge" {
			if stays, err = liveAccount(ctx, tx, r.A); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM account_rules WHERE seq = ?", seq); err != nil {
			return backend.Errorf(backend.Internal, "remove the rule: %v", err)
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM account_keys WHERE key = ?", undoKey(seq)); err != nil {
			return backend.Errorf(backend.Internal, "remove the rule: %v", err)
		}
		_, fpL, err := fingerprints(ctx, tx)
		if err != nil {
			return err
		}
		return relinkTx(ctx, tx, db, p, fpL, func(l *linker, groups []group, of []int32) (map[string]string, error) {
			forced := map[string]string{}
			switch r.Kind {
			case "merge":
				// The first side keeps the merged id, the other gets its own back.
				if stays != "" {
					maps.Copy(forced, groupIDs(l, groups, of, r.A, stays))
				}
				na, okA := l.index[r.A]
				nb, okB := l.index[r.B]
				if back != "" && okB && (!okA || of[na] != of[nb]) {
					maps.Copy(forced, groupIDs(l, groups, of, r.B, back))
				}
			case "split":
				if back != "" {
					maps.Copy(forced, groupIDs(l, groups, of, r.A, back))
				}
			}
			return forced, nil
		})
	})
}

// splitTouches reports whether key (an address or a domain) is in keys.
func splitTouches(keys []string, key string) bool {
	for _, k := range keys {
		if k == key {
			return true
		}
		if strings.HasPrefix(key, domainPrefix) && strings.HasPrefix(k, emailPrefix) &&
			EmailDomain(k[len(emailPrefix):]) == key[len(domainPrefix):] {
			return true
		}
	}
	return false
}

// groupIDs forces every key of the group holding anchor to id.
func groupIDs(l *linker, groups []group, of []int32, anchor, id string) map[string]string {
	n, ok := l.index[anchor]
	if !ok {
		return nil
	}
	forced := map[string]string{}
	for _, nd := range groups[of[n]].nodes {
		forced[l.keys[nd]] = id
	}
	return forced
}

// undoKey names the row of account_keys (live = 0, never an identity)
// that keeps the id forgetting rule seq gives back: the id the second
// account of a merge had, the id of the account a split was taken from.
func undoKey(seq int64) string { return "rule:" + strconv.FormatInt(seq, 10) }

// changeRules stores r and recomputes the accounts in one transaction;
// back ("" for none) is the id that forgetting r gives back (undoKey).
func changeRules(ctx context.Context, db *workspace.DB, r Rule, back string, force forceFunc) error {
	refreshMu.Lock()
	defer refreshMu.Unlock()
	p, err := readParams(db)
	if err != nil {
		return err
	}
	return inTx(ctx, db, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "INSERT INTO account_rules(kind, a, b, at) VALUES(?,?,?,?)", r.Kind, r.A, r.B, db.Now().Unix())
		if err != nil {
			return backend.Errorf(backend.Internal, "save the rule: %v", err)
		}
		if back != "" {
			seq, err := res.LastInsertId()
			if err == nil {
				_, err = tx.ExecContext(ctx, `INSERT INTO account_keys(key, account, live) VALUES(?,?,0)
					ON CONFLICT(key) DO UPDATE SET account = excluded.account, live = 0`, undoKey(seq), back)
			}
			if err != nil {
				return backend.Errorf(backend.Internal, "save the rule: %v", err)
			}
		}
		_, fpL, err := fingerprints(ctx, tx)
		if err != nil {
			return err
		}
		return relinkTx(ctx, tx, db, p, fpL, force)
	})
}

// accountKeys lists the live keys of an account.
func accountKeys(ctx context.Context, q querier, id string) ([]string, error) {
	rows, err := q.QueryContext(ctx, "SELECT key FROM account_keys WHERE account = ? AND live = 1 ORDER BY key", id)
	if err != nil {
		return nil, readErr("account keys", err)
	}
	defer rows.Close()
	var keys []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, readErr("account keys", err)
		}
		keys = append(keys, k)
	}
	if err := rows.Err(); err != nil {
		return nil, readErr("account keys", err)
	}
	if len(keys) == 0 {
		return nil, backend.Errorf(backend.NotFound, "There is no account %q (it may have been merged into another).", id)
	}
	return keys, nil
}

// liveAccount is the id of the account that holds key now, "" for none.
func liveAccount(ctx context.Context, q querier, key string) (string, error) {
	var id string
	err := q.QueryRowContext(ctx, "SELECT account FROM account_keys WHERE key = ? AND live = 1", key).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", readErr("account keys", err)
	}
	return id, nil
}

// anchorKey is the key that names an account in a rule.
func anchorKey(ctx context.Context, q querier, id string) (string, error) {
	keys, err := accountKeys(ctx, q, id)
	if err != nil {
		return "", err
	}
	return anchorOf(keys), nil
}
