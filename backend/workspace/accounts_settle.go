package workspace

import (
	"context"
	"database/sql"
	"maps"
	"strings"
)

// change is what an import or an undo does to identities' parts: rows
// added to an import's part, and parts replaced (summed again from their
// import's rows, or gone). settle writes the identities it gives.
type change struct {
	imp   int64
	fresh bool // the import is new: it has no parts yet
	adds  map[identKey][]impPart
	sets  map[identKey]map[int64]*Ident // nil: the part is gone
}

// impPart is rows of one import to add to an identity.
type impPart struct {
	imp int64
	id  *Ident
}

func newChange(imp int64, fresh bool) *change {
	return &change{imp: imp, fresh: fresh, adds: map[identKey][]impPart{}, sets: map[identKey]map[int64]*Ident{}}
}

func (c *change) add(k identKey, imp int64, id *Ident) {
	for _, p := range c.adds[k] {
		if p.imp == imp {
			p.id.Add(id, imp)
			return
		}
	}
	c.adds[k] = append(c.adds[k], impPart{imp, id})
}

func (c *change) set(k identKey, imp int64, id *Ident) {
	if c.sets[k] == nil {
		c.sets[k] = map[int64]*Ident{}
	}
	if id != nil && id.Rows == 0 {
		id = nil
	}
	c.sets[k][imp] = id
}

// storedIdent is an identity as stored.
type storedIdent struct {
	sum    *Ident
	single int64 // the one import its rows come from, else 0
}

// settle writes every identity the change touches, as the sum of its
// parts (exists: some identity had rows before the change). An identity of one import keeps no part (its sum is that part);
// one of several keeps a part per import. Adding a new import's rows to an
// identity needs no part read; replacing or removing a part reads them.
func (c *change) settle(ctx context.Context, tx *sql.Tx, gen int64, exists bool, note *linkNote) error {
	w := &identWriter{gen: gen, note: note, st: newValuesStmts(tx)}
	defer w.st.close()
	return c.settleWith(ctx, tx, w, exists)
}

// settleWith is settle writing with w, whose last flush may still be
// writing beside when it returns (identWriter.beside).
func (c *change) settleWith(ctx context.Context, tx *sql.Tx, w *identWriter, exists bool) error {
	keys := make(map[identKey]bool, len(c.adds)+len(c.sets))
	for k := range c.adds {
		keys[k] = true
	}
	for k := range c.sets {
		keys[k] = true
	}
	// A few hundred identities at a time: what they were, their parts when
	// needed, what they are now, written, and let go.
	all := keysOf(keys)
	for len(all) > 0 {
		n := min(len(all), keyChunk)
		chunk := all[:n]
		all = all[n:]
		if err := c.settleChunk(ctx, tx, chunk, exists, w); err != nil {
			return err
		}
		for _, k := range chunk {
			delete(c.adds, k)
			delete(c.sets, k)
		}
		if err := w.flush(ctx); err != nil {
			return err
		}
	}
	return nil
}

func (c *change) settleChunk(ctx context.Context, tx *sql.Tx, chunk []identKey, exists bool, w *identWriter) error {
	stored := map[identKey]storedIdent{}
	if exists {
		if err := readStored(ctx, tx, chunk, func(k identKey, s storedIdent) { stored[k] = s }); err != nil {
			return err
		}
	}
	// The identities whose parts must be read: a part replaced, or rows
	// added to a part that may exist.
	var read []identKey
	for _, k := range chunk {
		st, ok := stored[k]
		if !ok || st.sum.Rows == 0 {
			continue
		}
		if c.sets[k] != nil || st.single == 0 && !(c.fresh && onlyImport(c.adds[k], c.imp)) {
			read = append(read, k)
		}
	}
	parts := map[identKey]map[int64]*Ident{}
	if len(read) > 0 {
		err := readParts(ctx, tx, read, func(k identKey, imp int64, id *Ident) {
			if parts[k] == nil {
				parts[k] = map[int64]*Ident{}
			}
			parts[k][imp] = id
		})
		if err != nil {
			return err
		}
	}
	for _, k := range chunk {
		st, had := stored[k]
		had = had && st.sum.Rows > 0
		before := inputs{} // read before any Add below changes st.sum
		var old []byte
		if had {
			before = inputsOf(k, st.sum)
			if w.note.wantsOld() {
				old = st.sum.encode()
			}
		}
		if had && st.single == 0 && c.fresh && onlyImport(c.adds[k], c.imp) && c.sets[k] == nil {
			// Rows of a new import added to an identity of several: its
			// part is written, the sum grows.
			part := c.adds[k][0].id
			w.part(k, c.imp, part)
			st.sum.Add(part, c.imp)
			w.note.saw(k, before, old, st.sum, w.ident(k, st.sum, 0))
			continue
		}
		if adds := c.adds[k]; !had && len(adds) == 1 && c.sets[k] == nil && len(parts[k]) == 0 {
			// A new identity of one import (every requester of a new
			// helpdesk export): its sum is its part, written without
			// the maps of parts below.
			sum := &Ident{}
			sum.Add(adds[0].id, adds[0].imp)
			w.note.saw(k, before, old, sum, w.ident(k, sum, adds[0].imp))
			continue
		}
		// A copy: parts[k] stays what is stored, to drop the parts p loses.
		p := maps.Clone(parts[k])
		if p == nil {
			p = map[int64]*Ident{}
		}
		if had && st.single != 0 {
			p[st.single] = st.sum
		}
		kept := maps.Clone(p)
		for imp, id := range c.sets[k] {
			if id == nil {
				delete(p, imp)
			} else {
				p[imp] = id
			}
		}
		for _, a := range c.adds[k] {
			imp, id := a.imp, a.id
			if prev := p[imp]; prev != nil {
				merged := *prev
				merged.Add(id, imp)
				p[imp] = &merged
			} else {
				p[imp] = id
			}
		}
		sum, single := &Ident{}, int64(0)
		for _, imp := range sortedImports(p) {
			sum.Add(p[imp], imp)
			single = imp
		}
		if len(p) != 1 {
			single = 0
		}
		w.note.saw(k, before, old, sum, w.ident(k, sum, single))
		// Parts are kept only for identities of several imports.
		switch {
		case len(p) <= 1:
			if len(parts[k]) > 0 {
				w.dropAll(k)
			}
		default:
			for imp, id := range p {
				if _, stored := parts[k][imp]; !stored || kept[imp] != id {
					w.part(k, imp, id)
				}
			}
			for imp := range parts[k] {
				if _, ok := p[imp]; !ok {
					w.drop(k, imp)
				}
			}
		}
	}
	return nil
}

// onlyImport reports whether adds are rows of import imp alone.
func onlyImport(adds []impPart, imp int64) bool {
	return len(adds) == 1 && adds[0].imp == imp
}

func readStored(ctx context.Context, q querier, ks []identKey, f func(identKey, storedIdent)) error {
	return readIdents(ctx, q, "SELECT key, test, import_id, data FROM link_idents WHERE key IN", ks, func(k identKey, single int64, id *Ident) {
		f(k, storedIdent{sum: id, single: single})
	})
}

func readParts(ctx context.Context, q querier, ks []identKey, f func(identKey, int64, *Ident)) error {
	return readIdents(ctx, q, "SELECT ident, test, import_id, data FROM link_parts WHERE ident IN", ks, f)
}

// readIdents runs sel (key, test, import id, data … WHERE key IN) for the
// keys of ks and calls f with the decoded identities of ks.
func readIdents(ctx context.Context, q querier, sel string, ks []identKey, f func(identKey, int64, *Ident)) error {
	want := map[identKey]bool{}
	for _, k := range ks {
		want[k] = true
	}
	marks, args := inList(ks)
	rows, err := q.QueryContext(ctx, sel+" ("+marks+")", args...)
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

// identWriter collects identity and part writes and runs them many at a
// time.
type identWriter struct {
	gen                         int64
	note                        *linkNote // nil: nothing noted
	st                          *valuesStmts
	idents, parts, drops, clear []any
	beside                      bool       // flush writes on a goroutine, one flush at a time (nothing else may use the transaction meanwhile)
	writing                     chan error // the flush being written beside, if any
}

// ident writes an identity's sum and returns it encoded.
func (w *identWriter) ident(k identKey, id *Ident, single int64) []byte {
	data := id.encode()
	w.idents = append(w.idents, k.key, k.test, id.Rows, identEmails(k, id), id.Created, single, w.gen, data)
	return data
}

func (w *identWriter) part(k identKey, imp int64, id *Ident) {
	w.parts = append(w.parts, k.key, k.test, imp, id.encode())
}

func (w *identWriter) drop(k identKey, imp int64) { w.drops = append(w.drops, k.key, k.test, imp) }

func (w *identWriter) dropAll(k identKey) { w.clear = append(w.clear, k.key, k.test) }

// flush writes what was collected: now, or beside the caller (the
// previous flush finished first), who calls wait before reading what it
// wrote or ending the transaction.
func (w *identWriter) flush(ctx context.Context) error {
	if err := w.wait(); err != nil {
		return err
	}
	out := *w
	*w = identWriter{gen: w.gen, note: w.note, st: w.st, beside: w.beside}
	if !w.beside {
		return out.write(ctx)
	}
	w.writing = make(chan error, 1)
	go func() { w.writing <- out.write(ctx) }()
	return nil
}

// wait waits for the flush written beside, if any.
func (w *identWriter) wait() error {
	if w.writing == nil {
		return nil
	}
	err := <-w.writing
	w.writing = nil
	return err
}

func (w *identWriter) write(ctx context.Context) error {
	steps := []struct {
		head, tail string
		n          int
		vals       []any
	}{
		{"INSERT INTO link_idents(key, test, rows, emails, created, import_id, changed, data)",
			`ON CONFLICT(key, test) DO UPDATE SET rows = excluded.rows, emails = excluded.emails, created = excluded.created,
			import_id = excluded.import_id, changed = excluded.changed, data = excluded.data`, 8, w.idents},
		{"INSERT INTO link_parts(ident, test, import_id, data)", "ON CONFLICT(ident, test, import_id) DO UPDATE SET data = excluded.data", 4, w.parts},
		{"DELETE FROM link_parts WHERE (ident, test, import_id) IN (", ")", 3, w.drops},
		{"DELETE FROM link_parts WHERE (ident, test) IN (", ")", 2, w.clear},
	}
	for _, s := range steps {
		if err := w.st.values(ctx, s.head, s.tail, s.n, s.vals); err != nil {
			return internal("write identities", err)
		}
	}
	return nil
}

// keyChunk is how many identities one IN (…) query names.
const keyChunk = 400

func sortKeys(ks []identKey) []identKey {
	m := make(map[identKey]bool, len(ks))
	for _, k := range ks {
		m[k] = true
	}
	return keysOf(m)
}

// untrack undoes import imp's identities inside the undo's transaction,
// before its rows go: its parts (and the identities of its rows alone)
// go, and the rows it had changed, which the undo gives back to the
// imports they came from, are added to those imports' parts.
func untrack(ctx context.Context, tx *sql.Tx, imp int64) (*linkNote, error) {
	t, err := track(ctx, tx, imp)
	if err != nil || t == nil {
		return nil, err
	}
	ch := newChange(imp, false)
	for _, q := range []string{"SELECT ident, test FROM link_parts WHERE import_id = ?", "SELECT key, test FROM link_idents WHERE import_id = ?"} {
		rows, err := tx.QueryContext(ctx, q, imp)
		if err != nil {
			return nil, internal("read identities", err)
		}
		for rows.Next() {
			var k identKey
			if err := rows.Scan(&k.key, &k.test); err != nil {
				rows.Close()
				return nil, internal("read identities", err)
			}
			ch.set(k, imp, nil)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, internal("read identities", err)
		}
	}
	// The versions this import replaced, by the import they go back to.
	for _, name := range linkOrder {
		lt := linkTables[name]
		rows, err := tx.QueryContext(ctx, "SELECT import_id, "+strings.Join(lt.cols, ", ")+" FROM "+name+"_versions WHERE by_import = ?", imp)
		if err != nil {
			return nil, internal("read "+name, err)
		}
		v := make([]any, len(lt.cols)+1)
		ptrs := make([]any, len(v))
		for i := range v {
			ptrs[i] = &v[i]
		}
		back := map[int64]*tallies{}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return nil, internal("read "+name, err)
			}
			from, _ := number(v[0])
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
			return nil, internal("read "+name, err)
		}
		for from, ts := range back {
			ts.each(func(k identKey, id *Ident) { ch.add(k, from, id) })
		}
	}
	if err := t.names.save(ctx, tx); err != nil {
		return nil, err
	}
	gen, err := nextGen(ctx, tx)
	if err != nil {
		return nil, err
	}
	note := newLinkNote()
	note.gen, note.imp, note.undo = gen, imp, true
	return note, ch.settle(ctx, tx, gen, true, note)
}

// anyIdents reports whether any identity has rows: when none does, an
// import's are all new and none is read back.
func anyIdents(ctx context.Context, tx *sql.Tx) (bool, error) {
	var exists bool
	if err := tx.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM link_idents WHERE rows > 0)").Scan(&exists); err != nil {
		return false, internal("read identities", err)
	}
	return exists, nil
}
