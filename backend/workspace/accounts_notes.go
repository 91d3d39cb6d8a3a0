package workspace

import (
	"strings"
	"sync"
)

// Notes of what each import or undo changed in the identities, kept in
// memory for the linking that follows it in the same process (accounts
// link only around what changed). The addresses an identity had before
// are known only while its sum is rewritten, so they are noted then. A
// generation without a note (another process, a full sum, a crash between
// the import and its linking) makes the linking read every identity.

// linkNote is what one generation of the identities changed.
type linkNote struct {
	gen   int64
	imp   int64 // the import stored or undone
	undo  bool
	sums  map[identKey]bool   // identities whose sums changed
	moved map[identKey]string // whose link inputs changed (rows appearing or gone, addresses, creation): their addresses before
	// sums before and after (encoded) of the identities whose link
	// inputs did not change, while they fit in maxDeltaBytes; nil after.
	deltas     map[identKey][2][]byte
	deltaBytes int
	// whole: more identities moved than a part of the linking may hold
	// (maxMovedNoted); the note keeps nothing and the linking reads every
	// identity, as it would anyway.
	whole bool
}

// maxMovedNoted is how many moved identities a note keeps: the accounts
// link every identity past 20,000 of them (accounts.maxMoved), so a
// larger note (an import of 500,000 tickets from 360,000 new requesters)
// would only hold tens of MB while the rows are stored.
var maxMovedNoted = 20_000

// maxDeltaBytes bounds the sums a note keeps: past it (a large import)
// the accounts are summed again from their members.
const maxDeltaBytes = 8 << 20

func newLinkNote() *linkNote {
	return &linkNote{sums: map[identKey]bool{}, moved: map[identKey]string{}, deltas: map[identKey][2][]byte{}}
}

// inputs is what the linking reads of an identity: whether it has rows,
// its addresses and its creation.
type inputs struct {
	has     bool
	emails  string
	created int64
}

func inputsOf(k identKey, id *Ident) inputs {
	if id == nil || id.Rows == 0 {
		return inputs{}
	}
	return inputs{true, identEmails(k, id), id.Created}
}

// saw notes identity k rewritten from before (its sum old, encoded) to
// now (encoded: written).
func (n *linkNote) saw(k identKey, before inputs, old []byte, now *Ident, written []byte) {
	if n == nil || n.whole {
		return
	}
	n.sums[k] = true
	if inputsOf(k, now) != before {
		if _, ok := n.moved[k]; !ok {
			n.moved[k] = before.emails
		}
		if len(n.moved) > maxMovedNoted {
			*n = linkNote{gen: n.gen, whole: true}
		}
		return
	}
	if n.deltas == nil {
		return
	}
	if d, ok := n.deltas[k]; ok {
		old = d[0] // rewritten twice in one change: from the first
	}
	n.deltas[k] = [2][]byte{old, written}
	if n.deltaBytes += len(old) + len(written); n.deltaBytes > maxDeltaBytes {
		n.deltas = nil
	}
}

// wantsOld reports whether saw needs the sum before.
func (n *linkNote) wantsOld() bool { return n != nil && !n.whole && n.deltas != nil }

// linkNotes are the notes of the generations not linked yet.
type linkNotes struct {
	mu  sync.Mutex
	gen map[int64]*linkNote
}

// publish keeps n once its transaction committed.
func (db *DB) publish(n *linkNote) {
	if n == nil || n.gen == 0 {
		return
	}
	db.notes.mu.Lock()
	defer db.notes.mu.Unlock()
	if db.notes.gen == nil {
		db.notes.gen = map[int64]*linkNote{}
	}
	db.notes.gen[n.gen] = n
}

// IdentChange is what the identities' generations after a linked one
// changed: the keys whose sums changed, and those whose link inputs
// changed with the addresses they had before.
type IdentChange struct {
	Sums  []string
	Moved map[string][]string // key → addresses before (of its live and test-mode rows)
	// Deltas are the sums before and after of identities whose link
	// inputs did not change; nil when a note kept none (too many).
	Deltas map[IdentRef]Delta
	// One is the one import or undo of Import (Undo) when the change is
	// one generation, else nil.
	One *OneChange
}

// OneChange is one import, or the undo of one.
type OneChange struct {
	Import int64
	Undo   bool
}

// IdentRef names one identity's live or test-mode rows.
type IdentRef struct {
	Key  string
	Test bool
}

// Delta is an identity's sum before and after a change.
type Delta struct{ Old, New *Ident }

// ChangesSince gathers the notes of generations (linked, gen]; ok is false
// when one is missing. Notes up to linked are dropped.
func (t *LinkTx) ChangesSince(linked, gen int64) (c IdentChange, ok bool) {
	db := t.db
	db.notes.mu.Lock()
	defer db.notes.mu.Unlock()
	for g := range db.notes.gen {
		if g <= linked {
			delete(db.notes.gen, g)
		}
	}
	if linked <= 0 || gen < linked {
		return c, false
	}
	sums := map[string]bool{}
	c.Moved = map[string][]string{}
	raw := map[identKey][2][]byte{}
	for g := linked + 1; g <= gen; g++ {
		n := db.notes.gen[g]
		if n == nil || n.whole {
			return IdentChange{}, false
		}
		if n.deltas == nil {
			raw = nil
		}
		for k, d := range n.deltas {
			if raw == nil {
				break
			}
			if prev, ok := raw[k]; ok {
				d[0] = prev[0]
			}
			raw[k] = d
		}
		for k := range n.sums {
			sums[k.key] = true
		}
		for k, before := range n.moved {
			c.Moved[k.key] = append(c.Moved[k.key], strings.Fields(before)...)
		}
	}
	for k := range sums {
		c.Sums = append(c.Sums, k)
	}
	if n := db.notes.gen[gen]; gen == linked+1 && n.imp > 0 {
		c.One = &OneChange{Import: n.imp, Undo: n.undo}
	}
	if raw != nil {
		c.Deltas = make(map[IdentRef]Delta, len(raw))
		for k, d := range raw {
			if _, moved := c.Moved[k.key]; moved {
				continue // moved in another generation
			}
			o, err1 := decodeIdent(d[0])
			n, err2 := decodeIdent(d[1])
			if err1 != nil || err2 != nil {
				c.Deltas = nil
				break
			}
			c.Deltas[IdentRef{k.key, k.test}] = Delta{o, n}
		}
	}
	return c, true
}
