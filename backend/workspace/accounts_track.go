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

// tracker keeps the identities of one import or undo.
type tracker struct {
	tx    *sql.Tx
	imp   int64
	loc   *time.Location
	core  []string
	names *eventNames
	cur   *tallies                    // the import's own rows
	dirty map[int64]map[identKey]bool // parts to sum again from their import's rows
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
	if err != nil || basis != have {
		return nil, err
	}
	names, err := loadEventNames(ctx, tx)
	if err != nil {
		return nil, err
	}
	return &tracker{tx: tx, imp: imp, loc: loc, core: core, names: names,
		cur: newTallies(imp, loc, core, names), dirty: map[int64]map[identKey]bool{}}, nil
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
	if lt := linkTables[table]; lt != nil {
		var buf [8]any
		t.cur.add(table, lt.values(vals, buf[:0]))
	}
}

// replaced notes that a row of table that import from held (old: its link
// columns) now belongs to this import with vals.
func (t *tracker) replaced(table string, from int64, old, vals []any) {
	if linkTables[table] == nil {
		return
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

// commit writes the import's parts, the parts its changes moved rows from,
// and the identities they add up to.
func (t *tracker) commit(ctx context.Context) error {
	parts := map[identKey]*Ident{}
	t.cur.each(func(k identKey, id *Ident) { parts[k] = id })
	t.cur = nil
	other := map[int64]map[identKey]*Ident{}
	for _, from := range sortedImports(t.dirty) {
		sums, err := t.sumAgain(ctx, from, t.dirty[from])
		if err != nil {
			return err
		}
		if from == t.imp {
			for k := range t.dirty[from] {
				delete(parts, k)
			}
			for k, id := range sums {
				parts[k] = id
			}
			continue
		}
		other[from] = sums
	}
	if err := t.names.save(ctx, t.tx); err != nil {
		return err
	}
	w, err := newPartWriter(ctx, t.tx)
	if err != nil {
		return err
	}
	defer w.close()
	for k, id := range parts {
		if err := w.put(ctx, k, t.imp, id); err != nil {
			return err
		}
	}
	again := map[identKey]bool{} // identities summed again from all their parts
	for from, keys := range t.dirty {
		for k := range keys {
			again[k] = true
			if from == t.imp {
				continue
			}
			if id := other[from][k]; id != nil {
				err = w.put(ctx, k, from, id)
			} else {
				err = w.drop(ctx, k, from)
			}
			if err != nil {
				return err
			}
		}
	}
	added := map[identKey]*Ident{}
	for k, id := range parts {
		if !again[k] {
			added[k] = id
		}
	}
	return updateIdents(ctx, t.tx, added, t.imp, again)
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

// partWriter writes and drops parts.
type partWriter struct {
	put1, drop1 *sql.Stmt
}

func newPartWriter(ctx context.Context, tx *sql.Tx) (*partWriter, error) {
	w := &partWriter{}
	var err error
	if w.put1, err = tx.PrepareContext(ctx, `INSERT INTO link_parts(ident, test, import_id, data) VALUES(?,?,?,?)
		ON CONFLICT(ident, test, import_id) DO UPDATE SET data = excluded.data`); err != nil {
		return nil, internal("write identities", err)
	}
	if w.drop1, err = tx.PrepareContext(ctx, `DELETE FROM link_parts WHERE ident = ? AND test = ? AND import_id = ?`); err != nil {
		w.put1.Close()
		return nil, internal("write identities", err)
	}
	return w, nil
}

func (w *partWriter) put(ctx context.Context, k identKey, imp int64, id *Ident) error {
	if _, err := w.put1.ExecContext(ctx, k.key, k.test, imp, id.encode()); err != nil {
		return internal("write identities", err)
	}
	return nil
}

func (w *partWriter) drop(ctx context.Context, k identKey, imp int64) error {
	if _, err := w.drop1.ExecContext(ctx, k.key, k.test, imp); err != nil {
		return internal("write identities", err)
	}
	return nil
}

func (w *partWriter) close() {
	w.put1.Close()
	w.drop1.Close()
}

// keyChunk is how many identities one IN (…) query names.
const keyChunk = 400

// updateIdents writes the identities that changed: added ones (new parts
// of import imp, summed onto what they were) and those summed again from
// all their parts; each gets the next generation.
func updateIdents(ctx context.Context, tx *sql.Tx, added map[identKey]*Ident, imp int64, again map[identKey]bool) error {
	var gen int64
	if err := tx.QueryRowContext(ctx, "UPDATE link_state SET gen = gen + 1 WHERE id = 1 RETURNING gen").Scan(&gen); err != nil {
		return internal("write identities", err)
	}
	sums := map[identKey]*Ident{}
	var exists bool
	if err := tx.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM link_idents)").Scan(&exists); err != nil {
		return internal("read identities", err)
	}
	if exists && len(added) > 0 {
		err := eachChunk(keysOf(added), func(ks []identKey) error {
			return readIdents(ctx, tx, ks, func(k identKey, id *Ident) { sums[k] = id })
		})
		if err != nil {
			return err
		}
	}
	for k, part := range added {
		if s := sums[k]; s != nil {
			s.Add(part, imp)
		} else {
			sums[k] = part
		}
	}
	err := eachChunk(keysOf(again), func(ks []identKey) error {
		for _, k := range ks {
			sums[k] = &Ident{}
		}
		return readParts(ctx, tx, ks, func(k identKey, imp int64, id *Ident) { sums[k].Add(id, imp) })
	})
	if err != nil {
		return err
	}
	return writeIdents(ctx, tx, sums, gen)
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

func readIdents(ctx context.Context, q querier, ks []identKey, f func(identKey, *Ident)) error {
	want := map[identKey]bool{}
	for _, k := range ks {
		want[k] = true
	}
	marks, args := inList(ks)
	rows, err := q.QueryContext(ctx, "SELECT key, test, data FROM link_idents WHERE key IN ("+marks+")", args...)
	if err != nil {
		return internal("read identities", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k identKey
		var data []byte
		if err := rows.Scan(&k.key, &k.test, &data); err != nil {
			return internal("read identities", err)
		}
		if !want[k] {
			continue
		}
		id, err := decodeIdent(data)
		if err != nil {
			return internal("read identity "+k.key, err)
		}
		f(k, id)
	}
	return rows.Err()
}

func readParts(ctx context.Context, q querier, ks []identKey, f func(identKey, int64, *Ident)) error {
	want := map[identKey]bool{}
	for _, k := range ks {
		want[k] = true
	}
	marks, args := inList(ks)
	rows, err := q.QueryContext(ctx, "SELECT ident, test, import_id, data FROM link_parts WHERE ident IN ("+marks+") ORDER BY ident, test, import_id", args...)
	if err != nil {
		return internal("read identities", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k identKey
		var imp int64
		var data []byte
		if err := rows.Scan(&k.key, &k.test, &imp, &data); err != nil {
			return internal("read identities", err)
		}
		if !want[k] {
			continue
		}
		id, err := decodeIdent(data)
		if err != nil {
			return internal("read identity "+k.key, err)
		}
		f(k, imp, id)
	}
	return rows.Err()
}

// writeIdents stores identities with their generation, keeping what they
// are linked to.
func writeIdents(ctx context.Context, tx *sql.Tx, sums map[identKey]*Ident, gen int64) error {
	st, err := tx.PrepareContext(ctx, `INSERT INTO link_idents(key, test, rows, emails, created, data, changed, account, org) VALUES(?,?,?,?,?,?,?,'','')
		ON CONFLICT(key, test) DO UPDATE SET rows = excluded.rows, emails = excluded.emails, created = excluded.created,
		data = excluded.data, changed = excluded.changed`)
	if err != nil {
		return internal("write identities", err)
	}
	defer st.Close()
	for _, k := range keysOf(sums) {
		id := sums[k]
		if _, err := st.ExecContext(ctx, k.key, k.test, id.Rows, identEmails(k, id), id.Created, id.encode(), gen); err != nil {
			return internal("write identities", err)
		}
	}
	return nil
}

// untrack undoes import imp's identities inside the undo's transaction,
// before its rows go: its parts go, and the rows it had changed, which the
// undo gives back to the imports they came from, are added to those
// imports' parts.
func untrack(ctx context.Context, tx *sql.Tx, imp int64) error {
	t, err := track(ctx, tx, imp)
	if err != nil || t == nil {
		return err
	}
	again := map[identKey]bool{}
	rows, err := tx.QueryContext(ctx, "SELECT ident, test FROM link_parts WHERE import_id = ?", imp)
	if err != nil {
		return internal("read identities", err)
	}
	for rows.Next() {
		var k identKey
		if err := rows.Scan(&k.key, &k.test); err != nil {
			rows.Close()
			return internal("read identities", err)
		}
		again[k] = true
	}
	rows.Close()
	if _, err := tx.ExecContext(ctx, "DELETE FROM link_parts WHERE import_id = ?", imp); err != nil {
		return internal("undo identities", err)
	}
	// The versions this import replaced, by the import they go back to.
	back := map[int64]*tallies{}
	for _, name := range linkOrder {
		lt := linkTables[name]
		rows, err := tx.QueryContext(ctx, "SELECT import_id, "+strings.Join(lt.cols, ", ")+" FROM "+name+"_versions WHERE by_import = ?", imp)
		if err != nil {
			return internal("read "+name, err)
		}
		v := make([]any, len(lt.cols)+1)
		ptrs := make([]any, len(v))
		for i := range v {
			ptrs[i] = &v[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return internal("read "+name, err)
			}
			from, _ := num(v[0])
			ts := back[from]
			if ts == nil {
				ts = newTallies(from, t.loc, t.core, t.names)
				back[from] = ts
			}
			ts.add(name, v[1:])
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return internal("read "+name, err)
		}
	}
	if len(back) > 0 {
		if err := t.names.save(ctx, tx); err != nil {
			return err
		}
		w, err := newPartWriter(ctx, tx)
		if err != nil {
			return err
		}
		defer w.close()
		for _, from := range sortedImports(back) {
			adds := map[identKey]*Ident{}
			back[from].each(func(k identKey, id *Ident) { adds[k] = id })
			ks := keysOf(adds)
			err := eachChunk(ks, func(ks []identKey) error {
				return readParts(ctx, tx, ks, func(k identKey, imp int64, id *Ident) {
					if imp == from {
						id.Add(adds[k], from)
						adds[k] = id
					}
				})
			})
			if err != nil {
				return err
			}
			for _, k := range ks {
				if err := w.put(ctx, k, from, adds[k]); err != nil {
					return err
				}
				again[k] = true
			}
		}
	}
	return updateIdents(ctx, tx, nil, imp, again)
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
