package workspace

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
	"time"
)

// The usage summary: each analytics user's events per month and name,
// so that a month's usage is read from a few rows per user instead of
// the month's events (spread over the whole table when an export was
// not in time order). Derived data: EnsureUsage rebuilds it when the
// events or the time zone changed.

const usageStage = "usage"

// usageMark fingerprints what the summary is computed from.
func (db *DB) usageMark(ctx context.Context) (string, error) {
	var n, sum, maxID, maxRow int64
	err := db.sql.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(id), 0), COALESCE(MAX(id), 0),
		COALESCE((SELECT MAX(rowid) FROM events), 0)
		FROM imports i WHERE EXISTS (SELECT 1 FROM events e WHERE e.import_id = i.id)`).Scan(&n, &sum, &maxID, &maxRow)
	if err != nil {
		return "", internal("check the events", err)
	}
	tz, err := db.Setting(SettingTimeZone)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("v1 ev=%d/%d/%d/%d tz=%q", n, sum, maxID, maxRow, tz), nil
}

// EnsureUsage rebuilds the usage summary if the events or the time zone
// changed since it was built; cheap when nothing did.
func (db *DB) EnsureUsage(ctx context.Context) error {
	mark, err := db.usageMark(ctx)
	if err != nil {
		return err
	}
	var have string
	err = db.sql.QueryRowContext(ctx, "SELECT fingerprint FROM derived_state WHERE stage = ?", usageStage).Scan(&have)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return internal("read the usage summary's state", err)
	}
	if have == mark {
		return nil
	}
	return db.buildUsage(ctx, mark)
}

type usageKey struct {
	month int32
	user  int32
}

// buildUsage reads every event once and writes the summary.
func (db *DB) buildUsage(ctx context.Context, mark string) error {
	loc := db.Location()
	users, userIDs := []string{}, map[string]int32{}
	names, nameIDs := []string{}, map[string]int32{}
	counts := map[usageKey]map[int32]int64{}
	// The months met so far, as [from, to) in unix seconds: an export
	// spans a few dozen, so a scan beats converting every time.
	type span struct {
		from, to int64
		month    int32
	}
	var spans []span
	monthOf := func(t int64) int32 {
		for _, s := range spans {
			if t >= s.from && t < s.to {
				return s.month
			}
		}
		lt := time.Unix(t, 0).In(loc)
		start := time.Date(lt.Year(), lt.Month(), 1, 0, 0, 0, 0, loc)
		s := span{start.Unix(), start.AddDate(0, 1, 0).Unix(), int32(lt.Year()*12 + int(lt.Month()) - 1)}
		spans = append(spans, s)
		return s.month
	}
	rows, err := db.sql.QueryContext(ctx, "SELECT distinct_id, email, name, time FROM events")
	if err != nil {
		return internal("read the events", err)
	}
	var did, email, name sql.RawBytes
	var at int64
	for rows.Next() {
		if err := rows.Scan(&did, &email, &name, &at); err != nil {
			rows.Close()
			return internal("read the events", err)
		}
		user := did
		if len(user) == 0 {
			user = email
		}
		u, ok := userIDs[string(user)]
		if !ok {
			u = int32(len(users))
			users = append(users, string(user))
			userIDs[users[u]] = u
		}
		n, ok := nameIDs[string(name)]
		if !ok {
			n = int32(len(names))
			names = append(names, string(name))
			nameIDs[names[n]] = n
		}
		k := usageKey{monthOf(at), u}
		c := counts[k]
		if c == nil {
			c = map[int32]int64{}
			counts[k] = c
		}
		c[n]++
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return internal("read the events", err)
	}
	keys := make([]usageKey, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].month != keys[j].month {
			return keys[i].month < keys[j].month
		}
		return users[keys[i].user] < users[keys[j].user]
	})
	return db.inTx("save the usage summary", func(tx *sql.Tx) error {
		for _, q := range []string{"DELETE FROM usage_months", "DELETE FROM usage_names"} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		for i, n := range names {
			if _, err := tx.ExecContext(ctx, "INSERT INTO usage_names(id, name) VALUES(?, ?)", i, n); err != nil {
				return err
			}
		}
		ins, err := tx.PrepareContext(ctx, "INSERT INTO usage_months(month, user, events, names) VALUES(?, ?, ?, ?)")
		if err != nil {
			return err
		}
		defer ins.Close()
		var buf []byte
		for _, k := range keys {
			c := counts[k]
			ids := make([]int32, 0, len(c))
			var total int64
			for n, v := range c {
				ids = append(ids, n)
				total += v
			}
			sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
			buf = buf[:0]
			for _, n := range ids {
				buf = binary.AppendUvarint(buf, uint64(n))
				buf = binary.AppendUvarint(buf, uint64(c[n]))
			}
			if _, err := ins.ExecContext(ctx, k.month, users[k.user], total, buf); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO derived_state(stage, fingerprint, at) VALUES(?, ?, ?)
			ON CONFLICT(stage) DO UPDATE SET fingerprint = excluded.fingerprint, at = excluded.at`, usageStage, mark, db.Now().Unix())
		return err
	})
}

// UsageNames lists the event names of the summary by id.
func (db *DB) UsageNames(ctx context.Context) ([]string, error) {
	return db.namesByID(ctx, "usage_names", "read the usage summary")
}

// UsageMonth streams month's summary (year × 12 + month − 1): each user
// with its events and, through each, the (name id, count) pairs. The
// user bytes are valid only during the call to fn.
func (db *DB) UsageMonth(ctx context.Context, month int, fn func(user []byte, events int64, each func(func(name int32, n int64)))) error {
	rows, err := db.sql.QueryContext(ctx, "SELECT user, events, names FROM usage_months WHERE month = ?", month)
	if err != nil {
		return internal("read the usage summary", err)
	}
	defer rows.Close()
	var user, blob sql.RawBytes
	var events int64
	bad := false
	for rows.Next() {
		if err := rows.Scan(&user, &events, &blob); err != nil {
			return internal("read the usage summary", err)
		}
		fn(user, events, func(f func(int32, int64)) {
			b := blob
			for len(b) > 0 {
				n, k := binary.Uvarint(b)
				if k <= 0 {
					bad = true
					return
				}
				c, k2 := binary.Uvarint(b[k:])
				if k2 <= 0 {
					bad = true
					return
				}
				b = b[k+k2:]
				f(int32(n), int64(c))
			}
		})
	}
	if err := rows.Err(); err != nil {
		return internal("read the usage summary", err)
	}
	if bad {
		return internal("read the usage summary", errors.New("a damaged row"))
	}
	return nil
}

// DerivedMark is the fingerprint a derived stage (accounts' "links",
// say) was last computed from, "" before its first computation: a key
// for caching what is read from it.
func (db *DB) DerivedMark(stage string) (string, error) {
	var fp string
	err := db.sql.QueryRow("SELECT fingerprint FROM derived_state WHERE stage = ?", stage).Scan(&fp)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return "", internal("read the derived state", err)
	}
	return fp, nil
}
