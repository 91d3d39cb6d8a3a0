package workspace

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"keel/backend"
)

// Identities are kept in step with the rows (migration 0008): an import
// sums its new rows by identity into its own parts; a row it changes moves
// from the import that held it, whose part for that identity is summed
// again from that import's rows; an undo drops the import's parts and adds
// the rows it gives back to their imports' parts. Each identity is the sum
// of its parts, so an import or an undo reads only what it changed.

// querier is a *sql.Tx or a *sql.DB.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// linkBasis is what the parts are summed under: the time zone and the core
// events (they decide the days with events).
func linkBasis(ctx context.Context, q querier) (basis string, loc *time.Location, core []string, err error) {
	tz, err := settingIn(ctx, q, SettingTimeZone)
	if err != nil {
		return "", nil, nil, err
	}
	cv, err := settingIn(ctx, q, SettingCoreEvents)
	if err != nil {
		return "", nil, nil, err
	}
	if loc, err = time.LoadLocation(tz); err != nil {
		loc = time.UTC
	}
	if cv != "" {
		core = strings.Split(cv, ",")
	}
	return fmt.Sprintf("v1 tz=%q core=%q", tz, cv), loc, core, nil
}

func settingIn(ctx context.Context, q querier, key string) (string, error) {
	var v string
	err := q.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return settingDefaults[key], nil
	}
	if err != nil {
		return "", internal("read setting "+key, err)
	}
	return v, nil
}

// tracker keeps the identities of one import or undo. The import's rows
// are summed on a goroutine of their own, beside the one storing them.
type tracker struct {
	tx    *sql.Tx
	imp   int64
	loc   *time.Location
	core  []string
	names *eventNames
	cur   *tallies                    // the import's own rows
	dirty map[int64]map[identKey]bool // parts to sum again from their import's rows
	note  *linkNote                   // what commit changed, published once the import commits
	paid  *paidCollector              // the import's paid part, built as its payments are stored

	buf  []tracked
	rows chan []tracked // to the summing goroutine (run)
	done chan struct{}
}

// tracked is a row to sum: its table and values (never written again).
type tracked struct {
	table string
	vals  []any
}

const trackBatch = 1024

// run sums the rows handed over until the channel closes.
func (t *tracker) run() {
	defer close(t.done)
	var buf [8]any
	for batch := range t.rows {
		for _, r := range batch {
			t.cur.add(r.table, linkTables[r.table].values(r.vals, buf[:0]))
			if r.table == "payments" {
				t.paid.add(r.vals)
			}
		}
	}
}

// wait hands over the last rows and waits for them to be summed.
func (t *tracker) wait() {
	if t.rows == nil {
		return
	}
	if len(t.buf) > 0 {
		t.rows <- t.buf
		t.buf = nil
	}
	close(t.rows)
	<-t.done
	t.rows = nil
}

// track starts keeping the identities for import imp, or returns nil when
// they are summed under another time zone or core events than the
// settings' (the next linking sums every row again, see RebuildLinks).
func track(ctx context.Context, tx *sql.Tx, imp int64) (*tracker, error) {
	var have string
	if err := tx.QueryRowContext(ctx, "SELECT basis FROM link_state WHERE id = 1").Scan(&have); err != nil {
		return nil, internal("read the link state", err)
	}
	basis, loc, core, err := linkBasis(ctx, tx)
	if err != nil {
		return nil, err
	}
	if basis != have {
		// Nothing summed under the old basis: a new workspace, or one
		// whose imports were all undone, starts on the settings' basis.
		var others bool
		if err := tx.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM imports WHERE id <> ? AND undone_at IS NULL)", imp).Scan(&others); err != nil {
			return nil, internal("read the imports", err)
		}
		if others {
			return nil, nil
		}
		if _, err := tx.ExecContext(ctx, "UPDATE link_state SET basis = ? WHERE id = 1", basis); err != nil {
			return nil, internal("save the link state", err)
		}
	}
	names, err := loadEventNames(ctx, tx)
	if err != nil {
		return nil, err
	}
	return &tracker{tx: tx, imp: imp, loc: loc, core: core, names: names,
		cur: newTallies(imp, loc, core, names), dirty: map[int64]map[identKey]bool{}, paid: newPaidCollector()}, nil
}

// start sums the import's rows on a goroutine from now on.
func (t *tracker) start() {
	t.rows, t.done = make(chan []tracked, 8), make(chan struct{})
	go t.run()
}

// values picks a record's link columns out of its values (table.cols).
func (lt *linkTable) values(vals []any, buf []any) []any {
	buf = buf[:0]
	for _, i := range lt.at {
		buf = append(buf, vals[i])
	}
	return buf
}

// inserted sums a new row of table.
func (t *tracker) inserted(table string, vals []any) {
	if linkTables[table] == nil {
		return
	}
	if t.rows == nil {
		var buf [8]any
		t.cur.add(table, linkTables[table].values(vals, buf[:0]))
		if table == "payments" {
			t.paid.add(vals)
		}
		return
	}
	t.buf = append(t.buf, tracked{table, vals})
	if len(t.buf) == trackBatch {
		t.rows <- t.buf
		t.buf = make([]tracked, 0, trackBatch)
	}
}

// replaced notes that a row of table that import from held (old: its link
// columns) now belongs to this import with vals.
func (t *tracker) replaced(table string, from int64, old, vals []any) {
	if linkTables[table] == nil {
		return
	}
	if table == "payments" {
		t.paid.broken = true
	}
	if k, ok := identOf(table, old); ok {
		if t.dirty[from] == nil {
			t.dirty[from] = map[identKey]bool{}
		}
		t.dirty[from][k] = true
	}
	t.inserted(table, vals)
}

// identOf is the identity a row is about (values in linkTables order).
func identOf(table string, v []any) (identKey, bool) {
	switch table {
	case "customers":
		if id := str(v[1]); id != "" {
			return identKey{IdentCustomer + str(v[0]) + ":" + id, flag(v[6])}, true
		}
	case "subscriptions", "invoices", "payments":
		test := flag(v[len(v)-1])
		if id := str(v[1]); id != "" {
			return identKey{IdentCustomer + str(v[0]) + ":" + id, test}, true
		}
		if e := backend.NormalizeEmail(str(v[2])); e != "" {
			return identKey{IdentGuest + e, test}, true
		}
	case "tickets":
		return identKey{IdentRequester + backend.NormalizeEmail(str(v[1])), false}, true
	case "events":
		id := str(v[1])
		if id == "" {
			id = str(v[2])
		}
		return identKey{IdentUser + id, false}, true
	}
	return identKey{}, false
}

// commit writes the identities the import changed: its own rows' parts,
// and the parts of the imports its changed rows came from, summed again.
func (t *tracker) commit(ctx context.Context) error {
	t.wait()
	writePaid := t.paid.start(t.imp)
	t.paid = nil
	gen, err := nextGen(ctx, t.tx)
	if err != nil {
		return err
	}
	t.note = newLinkNote()
	t.note.gen, t.note.imp = gen, t.imp
	exists, err := anyIdents(ctx, t.tx)
	if err != nil {
		return err
	}
	// The parts summed again (rows this import changed came from them),
	// with this import's part of the same identities.
	moved := newChange(t.imp, true)
	for _, from := range sortedImports(t.dirty) {
		sums, err := t.sumAgain(ctx, from, t.dirty[from])
		if err != nil {
			return err
		}
		for k := range t.dirty[from] {
			moved.set(k, from, sums[k])
		}
	}
	// This import's rows, a few thousand identities at a time: a large
	// export's would not fit in memory all at once as sums.
	batch := newChange(t.imp, true)
	// Into a workspace without identities nothing is read back while they
	// are written: a chunk's writes run beside the summing of the next and
	// the tallies' walk (SQLite on one core, the sums on the other).
	w := &identWriter{gen: gen, note: t.note, st: newValuesStmts(t.tx), beside: !exists}
	defer w.st.close()
	defer w.wait()
	t.cur.each(func(k identKey, id *Ident) {
		if err != nil {
			return
		}
		if sets, ok := moved.sets[k]; ok {
			if _, again := sets[t.imp]; !again { // else summed again whole
				moved.add(k, t.imp, id)
			}
			return
		}
		batch.add(k, t.imp, id)
		if len(batch.adds) == 4096 {
			err = batch.settleWith(ctx, t.tx, w, exists)
			batch = newChange(t.imp, true)
		}
	})
	t.cur = nil
	if err != nil {
		return err
	}
	if err := batch.settleWith(ctx, t.tx, w, exists); err != nil {
		return err
	}
	if err := w.wait(); err != nil {
		return err
	}
	if err := writePaid(ctx, t.tx); err != nil {
		return err
	}
	if err := t.names.save(ctx, t.tx); err != nil {
		return err
	}
	return moved.settle(ctx, t.tx, gen, true, t.note)
}

// nextGen moves the identities' generation on, for an import or an undo.
func nextGen(ctx context.Context, tx *sql.Tx) (int64, error) {
	var gen int64
	if err := tx.QueryRowContext(ctx, "UPDATE link_state SET gen = gen + 1 WHERE id = 1 RETURNING gen").Scan(&gen); err != nil {
		return 0, internal("write identities", err)
	}
	return gen, nil
}

func sortedImports[V any](m map[int64]V) []int64 {
	out := make([]int64, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// sumAgain sums the identities keys over the rows import from holds now.
func (t *tracker) sumAgain(ctx context.Context, from int64, keys map[identKey]bool) (map[identKey]*Ident, error) {
	ts := newTallies(from, t.loc, t.core, t.names)
	ts.only = keys
	if err := sumRows(ctx, t.tx, "import_id = ?", []any{from}, ts); err != nil {
		return nil, err
	}
	out := map[identKey]*Ident{}
	ts.each(func(k identKey, id *Ident) { out[k] = id })
	return out, nil
}

// sumRows adds the rows of every linked table matching where to ts.
func sumRows(ctx context.Context, q querier, where string, args []any, ts *tallies) error {
	for _, name := range linkOrder {
		lt := linkTables[name]
		rows, err := q.QueryContext(ctx, "SELECT "+strings.Join(lt.cols, ", ")+" FROM "+name+" WHERE "+where, args...)
		if err != nil {
			return internal("read "+name, err)
		}
		v := make([]any, len(lt.cols))
		ptrs := make([]any, len(v))
		for i := range v {
			ptrs[i] = &v[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return internal("read "+name, err)
			}
			ts.add(name, v)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return internal("read "+name, err)
		}
	}
	return nil
}

func keysOf[V any](m map[identKey]V) []identKey {
	out := make([]identKey, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.SortFunc(out, func(a, b identKey) int { return strings.Compare(a.key, b.key) })
	return out
}

func eachChunk(ks []identKey, f func([]identKey) error) error {
	for len(ks) > 0 {
		n := min(len(ks), keyChunk)
		if err := f(ks[:n]); err != nil {
			return err
		}
		ks = ks[n:]
	}
	return nil
}

func inList(ks []identKey) (string, []any) {
	args := make([]any, len(ks))
	for i, k := range ks {
		args[i] = k.key
	}
	return strings.TrimSuffix(strings.Repeat("?,", len(ks)), ","), args
}

// eventNames numbers event names (event_names.id) for the parts.
type eventNames struct {
	ids   map[string]int32
	next  int32
	added []string
}

func loadEventNames(ctx context.Context, q querier) (*eventNames, error) {
	n := &eventNames{ids: map[string]int32{}}
	rows, err := q.QueryContext(ctx, "SELECT id, name FROM event_names")
	if err != nil {
		return nil, internal("read event names", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int32
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, internal("read event names", err)
		}
		n.ids[name] = id
		n.next = max(n.next, id+1)
	}
	return n, rows.Err()
}

func (n *eventNames) id(name string) int32 {
	if id, ok := n.ids[name]; ok {
		return id
	}
	id := n.next
	n.next++
	name = strings.Clone(name) // it points into the file's read buffer
	n.ids[name] = id
	n.added = append(n.added, name)
	return id
}

// save adds the names seen for the first time (counts are the linking's).
func (n *eventNames) save(ctx context.Context, tx *sql.Tx) error {
	for _, name := range n.added {
		if _, err := tx.ExecContext(ctx, "INSERT INTO event_names(id, name, events, users, accounts, first, last) VALUES(?,?,0,0,0,0,0)", n.ids[name], name); err != nil {
			return internal("write event names", err)
		}
	}
	n.added = nil
	return nil
}
