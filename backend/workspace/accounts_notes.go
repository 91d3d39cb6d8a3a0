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
	sums  map[identKey]bool   // identities whose sums changed
	moved map[identKey]string // whose link inputs changed (rows appearing or gone, addresses, creation): their addresses before
}

func newLinkNote() *linkNote {
	return &linkNote{sums: map[identKey]bool{}, moved: map[identKey]string{}}
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

// saw notes identity k rewritten from before to now.
func (n *linkNote) saw(k identKey, before inputs, now *Ident) {
	if n == nil {
		return
	}
	n.sums[k] = true
	if inputsOf(k, now) != before {
		if _, ok := n.moved[k]; !ok {
			n.moved[k] = before.emails
		}
	}
}

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
}

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
	for g := linked + 1; g <= gen; g++ {
		n := db.notes.gen[g]
		if n == nil {
			return IdentChange{}, false
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
	return c, true
}
