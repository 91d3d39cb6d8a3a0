package accounts_test

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"sort"
	"testing"
	"time"

	"keel/backend"
	"keel/backend/accounts"
	"keel/backend/product"
	"keel/backend/workspace"
)

// Linking only the part of the workspace that imports and undos can affect
// gives what linking every identity gives: the same links (account ids,
// ambiguous organisations), the same accounts with the same sums, the same
// ambiguous list and mode, over random imports (new, overlapping and
// changed rows, addresses that move between domains, test-mode customers,
// guest payers), undos, merges, attachments, splits and forgotten rules.
// One workspace links after each step as the app does (Ensure), the other
// links everything (Refresh); both see the same steps.
func TestPartLinkingEqualsFullLinking(t *testing.T) {
	before, back, names := *accounts.PartLinks, *accounts.PutBack, *accounts.NamesBack
	for seed := range 40 {
		t.Run(fmt.Sprint(seed), func(t *testing.T) { partAgainstFull(t, uint64(seed)) })
		if t.Failed() {
			return
		}
	}
	if *accounts.PartLinks-before < 200 {
		t.Errorf("the part was linked %d times: the test does not exercise it", *accounts.PartLinks-before)
	}
	if *accounts.PutBack == back {
		t.Errorf("no undo put an account back as it was: the test does not exercise it")
	}
	if *accounts.NamesBack == names {
		t.Errorf("no undo put the event names' dates back: the test does not exercise it")
	}
}

var (
	pool = []string{"ann@acme.io", "bob@acme.io", "dee@beta.io", "Eve@Beta.io", "fay@gmail.com", "gus@gmail.com",
		"hal@gamma.io", "ivy@gamma.io", "jo@delta.io", "kim@delta.io", "lu@eps.io", "mo@eps.io", "ned@zeta.io", "oz@zeta.io", ""}
	domainsToAttach = []string{"acme.io", "beta.io", "gamma.io", "delta.io", "eps.io", "zeta.io"}
)

func partAgainstFull(t *testing.T, seed uint64) {
	r := rand.New(rand.NewPCG(seed, 11))
	part, full := newDB(t), newDB(t)
	var imports []int64
	undone := map[int64]bool{}
	pick := func(xs []string) string { return xs[r.IntN(len(xs))] }
	follow, undoNext := 0, false
	for step := range 25 {
		what := ""
		n := r.IntN(20)
		if undoNext {
			n, undoNext = 13, false
		}
		switch {
		case n < 2 && len(imports) > 0:
			// Later events of users that may be there, without an
			// address: only their sums change (and a name may come), so
			// that the undo right after takes the event names' counts
			// back and puts their dates back.
			var recs []backend.Record
			for range 1 + r.IntN(4) {
				follow++
				recs = append(recs, &backend.Event{Source: "posthog", ID: fmt.Sprintf("f%d", follow), Name: pick([]string{"signed_up", "$pageview", "exported"}),
					DistinctID: fmt.Sprintf("u%d", r.IntN(8)), Time: day(40 + r.IntN(10))})
			}
			what = fmt.Sprintf("later events %d", len(recs))
			a, b := put(t, part, recs...), put(t, full, recs...)
			if a != b {
				t.Fatalf("import ids %d and %d", a, b)
			}
			imports = append(imports, a)
			undoNext = r.IntN(2) == 0
		case n < 11 || len(imports) == 0:
			recs := randomRecords(r, pick)
			what = fmt.Sprintf("import of %d rows", len(recs))
			a, b := put(t, part, recs...), put(t, full, recs...)
			if a != b {
				t.Fatalf("import ids %d and %d", a, b)
			}
			imports = append(imports, a)
		case n < 14:
			id := imports[len(imports)-1] // right after its import: the accounts it shifted are put back
			if n < 13 {
				id = imports[r.IntN(len(imports))]
			}
			if undone[id] {
				continue
			}
			what = fmt.Sprintf("undo of import %d", id)
			ea, eb := part.Undo(id), full.Undo(id)
			if (ea == nil) != (eb == nil) {
				t.Fatalf("%s: %v and %v", what, ea, eb)
			}
			undone[id] = ea == nil
		default:
			what = founderStep(t, r, part, full, pick)
			if what == "" {
				continue
			}
		}
		// The part's accounts are summed in one pass over the identities,
		// the others' by looking their members up.
		many := *accounts.ManyAccounts
		*accounts.ManyAccounts = 0
		err := accounts.Ensure(ctx, part)
		*accounts.ManyAccounts = many
		if err != nil {
			t.Fatal(err)
		}
		if err := accounts.Refresh(ctx, full); err != nil {
			t.Fatal(err)
		}
		a, b := linkState(t, part), linkState(t, full)
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("seed %d, step %d (%s): linking the part differs from linking everything:\npart %s\nfull %s", seed, step, what, diff(a, b), diff(b, a))
		}
	}
}

// randomRecords is one export's worth of rows about a small world, so that
// imports overlap: the same ids with other addresses, names and dates.
func randomRecords(r *rand.Rand, pick func([]string) string) []backend.Record {
	var recs []backend.Record
	for range 1 + r.IntN(8) {
		d := r.IntN(60)
		switch r.IntN(5) {
		case 0:
			src, id := "stripe", fmt.Sprintf("cus_%d", r.IntN(6))
			if r.IntN(3) == 0 {
				src, id = "lemonsqueezy", fmt.Sprint(r.IntN(4))
			}
			// Mostly the same address per customer, so that a re-import
			// changes its name, creation or rows and not its links.
			email := pool[(len(src)+len(id)+int(id[len(id)-1]))%len(pool)]
			if r.IntN(4) == 0 {
				email = pick(pool)
			}
			c := customerOf(src, id, email, pick([]string{"", "Acme", "Beta Ltd", "Gus"}), day(r.IntN(30)))
			c.Test = r.IntN(6) == 0
			recs = append(recs, c)
		case 1:
			cust := ""
			if r.IntN(2) == 0 {
				cust = fmt.Sprintf("cus_%d", r.IntN(6))
			}
			email := pick(pool)
			if cust != "" && r.IntN(2) == 0 {
				email = ""
			}
			recs = append(recs, pay(fmt.Sprintf("py_%d", r.IntN(12)), cust, email, d))
		case 2:
			recs = append(recs, &backend.Ticket{Source: "zendesk", ID: fmt.Sprint(r.IntN(15)), RequesterEmail: pick(pool), Status: "open", Created: day(d)})
		default:
			distinct := fmt.Sprintf("u%d", r.IntN(8))
			if r.IntN(4) == 0 {
				distinct = pick(pool)
			}
			recs = append(recs, &backend.Event{Source: "posthog", ID: fmt.Sprintf("e%d", r.IntN(30)), Name: pick([]string{"signed_up", "$pageview", "report_shared"}),
				DistinctID: distinct, Email: pick(pool), Time: day(d).Add(time.Duration(r.IntN(20)) * time.Hour)})
		}
	}
	return recs
}

// founderStep merges, attaches, splits or forgets in both workspaces (the
// same account ids in both, or the test has failed already), and says what.
func founderStep(t *testing.T, r *rand.Rand, part, full *workspace.DB, pick func([]string) string) string {
	t.Helper()
	as, err := part.Accounts(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(as, func(i, j int) bool { return as[i].ID < as[j].ID })
	if len(as) < 2 {
		return ""
	}
	a, b := as[r.IntN(len(as))], as[r.IntN(len(as))]
	var what string
	var do func(db *workspace.DB) error
	switch r.IntN(4) {
	case 0:
		if a.ID == b.ID {
			return ""
		}
		what = "merge " + a.ID + " " + b.ID
		do = func(db *workspace.DB) error { _, err := accounts.Merge(ctx, db, a.ID, b.ID); return err }
	case 1:
		key := pick(pool)
		if r.IntN(2) == 0 {
			key = pick(domainsToAttach)
		}
		if key == "" {
			return ""
		}
		what = "attach " + key + " to " + a.ID
		do = func(db *workspace.DB) error { _, err := accounts.Attach(ctx, db, a.ID, key); return err }
	case 2:
		opts := append([]string{a.Email, a.Domain}, a.Customers...)
		key := pick(opts)
		if key == "" {
			return ""
		}
		what = "split " + key + " off " + a.ID
		do = func(db *workspace.DB) error { _, _, err := accounts.Split(ctx, db, a.ID, key); return err }
	default:
		rules, err := part.AccountRules(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(rules) == 0 {
			return ""
		}
		seq := rules[r.IntN(len(rules))].Seq
		what = fmt.Sprint("forget rule ", seq)
		do = func(db *workspace.DB) error { return accounts.Forget(ctx, db, seq) }
	}
	ea, eb := do(part), do(full)
	if (ea == nil) != (eb == nil) {
		t.Fatalf("%s: %v and %v", what, ea, eb)
	}
	return what
}

// state is what the linking gives, as the screens read it.
type state struct {
	Links     map[string]string // key/test → account | org
	Accounts  map[string]workspace.AccountRow
	Activity  map[string]workspace.Activity
	Ambiguous []accounts.Ambiguity
	Mode      string
	Events    []product.EventName
}

func linkState(t *testing.T, db *workspace.DB) state {
	t.Helper()
	s := state{Links: map[string]string{}, Accounts: map[string]workspace.AccountRow{}, Activity: map[string]workspace.Activity{}}
	ids, err := db.IdentLinks(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		s.Links[fmt.Sprintf("%s/%v rows=%d", id.Key, id.Test, id.Rows)] = id.Account + " | " + id.Org
	}
	as, err := db.Accounts(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range as {
		s.Accounts[a.ID] = a
	}
	err = db.AccountActivity(ctx, func(a workspace.Activity) error { s.Activity[a.ID] = a; return nil })
	if err != nil {
		t.Fatal(err)
	}
	if s.Ambiguous, err = accounts.Ambiguities(ctx, db); err != nil {
		t.Fatal(err)
	}
	if _, s.Mode, _, err = db.LinkedState(ctx); err != nil {
		t.Fatal(err)
	}
	if s.Events, err = product.Events(ctx, db); err != nil {
		t.Fatal(err)
	}
	return s
}

// diff prints what a has that b has not.
func diff(a, b state) string {
	out := ""
	for k, v := range a.Links {
		if b.Links[k] != v {
			out += fmt.Sprintf("\n  link %s → %q", k, v)
		}
	}
	for k, v := range a.Accounts {
		if !reflect.DeepEqual(b.Accounts[k], v) {
			out += fmt.Sprintf("\n  account %+v", v)
		}
	}
	for k, v := range a.Activity {
		if !reflect.DeepEqual(b.Activity[k], v) {
			out += fmt.Sprintf("\n  activity %+v", v)
		}
	}
	if !reflect.DeepEqual(a.Ambiguous, b.Ambiguous) {
		out += fmt.Sprintf("\n  ambiguous %+v", a.Ambiguous)
	}
	if !reflect.DeepEqual(a.Events, b.Events) {
		out += fmt.Sprintf("\n  events %+v", a.Events)
	}
	if a.Mode != b.Mode {
		out += "\n  mode " + a.Mode
	}
	return out
}
