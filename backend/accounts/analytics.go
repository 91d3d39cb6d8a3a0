package accounts

import (
	"context"
	"database/sql"
	"sort"
	"strings"
	"time"

	"keel/backend"
)

// userAgg is what one analytics distinct id did.
type userAgg struct {
	id          string
	emails      []emailCount
	sources     []string
	events      int64
	first, last int64
	days        []Day
	names       []NameUse
}

type emailCount struct {
	email string
	n     int64
}

// nameAgg is one event name across all users.
type nameAgg struct {
	name        string
	events      int64
	users       int64
	first, last int64
}

// buildAnalytics reads every event once and rewrites analytics_users and
// event_names: per distinct id its email, days with events (core ones
// counted apart) and names with first and last time.
func buildAnalytics(ctx context.Context, tx *sql.Tx, loc *time.Location, core []string) error {
	rows, err := tx.QueryContext(ctx, `SELECT distinct_id, email, name, time, source FROM events`)
	if err != nil {
		return backend.Errorf(backend.Internal, "read events: %v", err)
	}
	users := map[string]int32{}
	var aggs []*userAgg
	names := map[string]int32{}
	var nameList []*nameAgg
	coreSet := map[string]bool{}
	for _, c := range core {
		coreSet[c] = true
	}
	var isCore []bool
	clock := newDayClock(loc)
	var did, email, name, source sql.RawBytes
	var t int64
	n := 0
	for rows.Next() {
		if err := rows.Scan(&did, &email, &name, &t, &source); err != nil {
			rows.Close()
			return backend.Errorf(backend.Internal, "read events: %v", err)
		}
		if n++; n%65536 == 0 && ctx.Err() != nil {
			rows.Close()
			return ctx.Err()
		}
		id := did
		if len(id) == 0 {
			id = email
		}
		ui, ok := users[string(id)]
		if !ok {
			ui = int32(len(aggs))
			users[string(id)] = ui
			aggs = append(aggs, &userAgg{id: string(id), first: t, last: t})
		}
		u := aggs[ui]
		ni, ok := names[string(name)]
		if !ok {
			ni = int32(len(nameList))
			names[string(name)] = ni
			nameList = append(nameList, &nameAgg{name: string(name), first: t, last: t})
			isCore = append(isCore, coreSet[string(name)])
		}
		na := nameList[ni]
		na.events++
		na.first, na.last = min(na.first, t), max(na.last, t)

		u.events++
		u.first, u.last = min(u.first, t), max(u.last, t)
		if len(email) > 0 {
			u.addEmail(email)
		}
		if len(u.sources) == 0 || u.sources[len(u.sources)-1] != string(source) {
			u.addSource(source)
		}
		d := clock.day(t)
		c := int32(0)
		if isCore[ni] {
			c = 1
		}
		if k := len(u.days) - 1; k >= 0 && u.days[k].Day == d {
			u.days[k].Events++
			u.days[k].Core += c
		} else {
			u.days = append(u.days, Day{Day: d, Events: 1, Core: c})
		}
		u.addName(ni, t)
	}
	if err := rows.Err(); err != nil {
		return backend.Errorf(backend.Internal, "read events: %v", err)
	}
	rows.Close()
	for _, u := range aggs {
		for _, nu := range u.names {
			nameList[nu.Name].users++
		}
	}
	return writeAnalytics(ctx, tx, aggs, nameList)
}

func (u *userAgg) addEmail(raw []byte) {
	for i := range u.emails {
		if u.emails[i].email == string(raw) {
			u.emails[i].n++
			return
		}
	}
	u.emails = append(u.emails, emailCount{string(raw), 1})
}

func (u *userAgg) addSource(raw []byte) {
	for _, s := range u.sources {
		if s == string(raw) {
			return
		}
	}
	u.sources = append(u.sources, string(raw))
}

func (u *userAgg) addName(ni int32, t int64) {
	for i := len(u.names) - 1; i >= 0; i-- {
		if p := &u.names[i]; p.Name == ni {
			p.Events++
			p.First, p.Last = min(p.First, t), max(p.Last, t)
			return
		}
	}
	u.names = append(u.names, NameUse{Name: ni, Events: 1, First: t, Last: t})
}

// email is the address its events carry most often (the smallest on a
// tie), or the distinct id itself when it is an address; "" when
// anonymous.
func (u *userAgg) email() string {
	best, bestN := "", int64(0)
	for _, e := range u.emails {
		norm := NormalizeEmail(e.email)
		if norm == "" {
			continue
		}
		if e.n > bestN || e.n == bestN && norm < best {
			best, bestN = norm, e.n
		}
	}
	if best == "" {
		best = NormalizeEmail(u.id)
	}
	return best
}

func writeAnalytics(ctx context.Context, tx *sql.Tx, aggs []*userAgg, nameList []*nameAgg) error {
	for _, q := range []string{"DELETE FROM analytics_users", "DELETE FROM event_names"} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return backend.Errorf(backend.Internal, "clear the analytics summary: %v", err)
		}
	}
	ins, err := tx.PrepareContext(ctx, `INSERT INTO event_names(id, name, events, users, accounts, first, last) VALUES(?,?,?,?,0,?,?)`)
	if err != nil {
		return backend.Errorf(backend.Internal, "write event names: %v", err)
	}
	for i, na := range nameList {
		if _, err := ins.ExecContext(ctx, i, na.name, na.events, na.users, na.first, na.last); err != nil {
			ins.Close()
			return backend.Errorf(backend.Internal, "write event names: %v", err)
		}
	}
	ins.Close()
	ins, err = tx.PrepareContext(ctx, `INSERT INTO analytics_users(distinct_id, email, sources, events, first, last, activity, names) VALUES(?,?,?,?,?,?,?,?)`)
	if err != nil {
		return backend.Errorf(backend.Internal, "write analytics users: %v", err)
	}
	defer ins.Close()
	for i, u := range aggs {
		if i%16384 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		u.days = sortDays(u.days)
		u.names = sortNames(u.names)
		sort.Strings(u.sources)
		_, err := ins.ExecContext(ctx, u.id, u.email(), strings.Join(u.sources, " "), u.events, u.first, u.last,
			encodeDays(u.days), encodeNames(u.names))
		if err != nil {
			return backend.Errorf(backend.Internal, "write analytics users: %v", err)
		}
		aggs[i] = nil // let the collector have it
	}
	return nil
}
