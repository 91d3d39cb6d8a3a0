package workspace

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"keel/backend"
)

// MembersInOrder, which reads the identities on a goroutine beside the
// caller's summing, hands over what Members hands over: every member of
// every account asked for, with its sum, over several batches and a last
// part-filled one; and it stops calling f at f's first error, returning it.
func TestMembersInOrderIsMembers(t *testing.T) {
	db := MustCreate(t)
	ctx := context.Background()
	b, err := db.BeginImport(ctx, ImportMeta{File: "p.csv", Source: "stripe", Kind: "payments"})
	if err != nil {
		t.Fatal(err)
	}
	var rows []Row
	for i := range 700 {
		id := fmt.Sprintf("py_%d", i)
		r, err := b.NewRow(&backend.Payment{Source: "stripe", ID: id, RowKey: id, Amount: int64(100 + i), Currency: "usd", Status: "paid",
			Created: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%90), CustomerID: fmt.Sprintf("cus_%d", i%650)})
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, r)
	}
	if _, err := b.PutMany(rows); err != nil {
		t.Fatal(err)
	}
	if err := b.Commit(Counts{Read: len(rows)}); err != nil {
		t.Fatal(err)
	}
	type member struct {
		account, key string
		rows         int64
		sum          string
	}
	err = db.InLinkTx(ctx, func(tx *LinkTx) error {
		ls, err := tx.IdentLinks(ctx, 0)
		if err != nil {
			return err
		}
		if len(ls) != 650 {
			return fmt.Errorf("%d identities, want 650", len(ls))
		}
		accounts := map[string]bool{}
		for i := range ls {
			ls[i].Account = fmt.Sprintf("acc_%d", i%300) // some accounts with several members
			accounts[ls[i].Account] = true
		}
		if err := tx.SetLinks(ctx, ls); err != nil {
			return err
		}
		var ids []string
		for id := range accounts {
			if id != "acc_7" { // one account not asked for
				ids = append(ids, id)
			}
		}
		slices.Sort(ids)
		collect := func(read func(context.Context, []string, func(string, IdentSummary) error) error) []member {
			var out []member
			if err := read(ctx, ids, func(acc string, s IdentSummary) error {
				out = append(out, member{acc, s.Key, s.Rows, fmt.Sprintf("%+v", s.Sum)})
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			slices.SortFunc(out, func(a, b member) int { return strings.Compare(a.account+" "+a.key, b.account+" "+b.key) })
			return out
		}
		want, got := collect(tx.Members), collect(tx.MembersInOrder)
		if len(want) < 600 {
			t.Fatalf("Members handed over %d members: the case tests too little", len(want))
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("MembersInOrder handed over %d members, Members %d; first %v, %v", len(got), len(want), got[:1], want[:1])
		}
		stop := errors.New("stop")
		calls := 0
		err = tx.MembersInOrder(ctx, ids, func(string, IdentSummary) error {
			calls++
			if calls == 300 {
				return stop
			}
			return nil
		})
		if !errors.Is(err, stop) || calls != 300 {
			t.Fatalf("after f's error: %v, %d calls (want stop, 300)", err, calls)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
