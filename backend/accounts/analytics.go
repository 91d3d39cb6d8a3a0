package accounts

import (
	"bytes"
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
// counted apart) and names with first and last time. Reading (SQLite) and
// summing (Go) run side by side, handing rows over in batches.
func buildAnalytics(ctx context.Context, tx *sql.Tx, loc *time.Location, core []string) error {
	agg := newAggregator(loc, core)
	full, free := make(chan *eventBatch, 2), make(chan *eventBatch, 3)
	for range 3 {
		free <- &eventBatch{}
	}
	var aggErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		for b := range full {
			if aggErr == nil {
				aggErr = agg.addBatch(b)
			}
			free <- b
		}
	}()
	err := readEvents(ctx, tx, full, free)
	close(full)
	<-done
	if err != nil {
		return err
	}
	if aggErr != nil {
		return aggErr
	}
	return writeAnalytics(ctx, tx, agg.users, agg.nameList)
}

// eventBatch is rows of buildAnalytics' query: each line is "distinct id,
// name, source, email" joined by unit separators, ending at ends[i] in buf.
type eventBatch struct {
	buf   []byte
	ends  []int
	times []int64
}

const batchRows = 8192

// readEvents streams the events into batches.
func readEvents(ctx context.Context, tx *sql.Tx, full, free chan *eventBatch) error {
	// One text column per row costs a quarter of the driver calls of four.
	rows, err := tx.QueryContext(ctx, `SELECT distinct_id || x'1f' || name || x'1f' || source || x'1f' || email, time FROM events`)
	if err != nil {
		return backend.Errorf(backend.Internal, "read events: %v", err)
	}
	defer rows.Close()
	b := <-free
	b.buf, b.ends, b.times = b.buf[:0], b.ends[:0], b.times[:0]
	var line sql.RawBytes
	var t int64
	for rows.Next() {
		if err := rows.Scan(&line, &t); err != nil {
			return backend.Errorf(backend.Internal, "read events: %v", err)
		}
		b.buf = append(b.buf, line...)
		b.ends = append(b.ends, len(b.buf))
		b.times = append(b.times, t)
		if len(b.ends) == batchRows {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			full <- b
			b = <-free
			b.buf, b.ends, b.times = b.buf[:0], b.ends[:0], b.times[:0]
		}
	}
	if err := rows.Err(); err != nil {
		return backend.Errorf(backend.Internal, "read events: %v", err)
	}
	full <- b
	return nil
}

// aggregator sums events per distinct id and per name.
type aggregator struct {
	byID     map[string]int32
	users    []*userAgg
	names    map[string]int32
	nameList []*nameAgg
	coreSet  map[string]bool
	isCore   []bool
	clock    *dayClock
}

func newAggregator(loc *time.Location, core []string) *aggregator {
	a := &aggregator{byID: map[string]int32{}, names: map[string]int32{}, coreSet: map[string]bool{}, clock: newDayClock(loc)}
	for _, c := range core {
		a.coreSet[c] = true
	}
	return a
}

func (a *aggregator) addBatch(b *eventBatch) error {
	from := 0
	for i, end := range b.ends {
		if err := a.add(b.buf[from:end], b.times[i]); err != nil {
			return err
		}
		from = end
	}
	return nil
}

func (a *aggregator) add(line []byte, t int64) error {
	did, name, source, email, ok := splitEvent(line)
	if !ok {
		return backend.Errorf(backend.Internal, "read events: an event has a unit separator in its distinct id, name or source")
	}
	id := did
	if len(id) == 0 {
		id = email
	}
	ui, ok := a.byID[string(id)]
	if !ok {
		ui = int32(len(a.users))
		a.byID[string(id)] = ui
		a.users = append(a.users, &userAgg{id: string(id), first: t, last: t})
	}
	u := a.users[ui]
	ni, ok := a.names[string(name)]
	if !ok {
		ni = int32(len(a.nameList))
		a.names[string(name)] = ni
		a.nameList = append(a.nameList, &nameAgg{name: string(name), first: t, last: t})
		a.isCore = append(a.isCore, a.coreSet[string(name)])
	}
	na := a.nameList[ni]
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
	d := a.clock.day(t)
	c := int32(0)
	if a.isCore[ni] {
		c = 1
	}
	if k := len(u.days) - 1; k >= 0 && u.days[k].Day == d {
		u.days[k].Events++
		u.days[k].Core += c
	} else {
		u.days = append(u.days, Day{Day: d, Events: 1, Core: c})
	}
	u.addName(ni, t)
	return nil
}

// splitEvent cuts a row of buildAnalytics' query into its fields.
func splitEvent(line []byte) (did, name, source, email []byte, ok bool) {
	var f [3][]byte
	for i := range f {
		j := bytes.IndexByte(line, 0x1f)
		if j < 0 {
			return nil, nil, nil, nil, false
		}
		f[i], line = line[:j], line[j+1:]
	}
	return f[0], f[1], f[2], line, true
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
	for _, na := range nameList {
		na.users = 0
	}
	for _, u := range aggs {
		for _, nu := range u.names {
			nameList[nu.Name].users++
		}
	}
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
