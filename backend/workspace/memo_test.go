package workspace

import (
	"context"
	"testing"

	"keel/backend"
)

// A memoised value is computed once, then again after an import, an undo
// or a setting change.
func TestMemoForgetsOnChanges(t *testing.T) {
	db := MustCreate(t)
	calls := 0
	get := func() int {
		v, err := db.Memo("n", func() (any, error) { calls++; return calls, nil })
		if err != nil {
			t.Fatal(err)
		}
		return v.(int)
	}
	if get() != 1 || get() != 1 {
		t.Fatal("not cached")
	}
	b, err := db.BeginImport(context.Background(), ImportMeta{File: "f.csv", Source: "stripe", Kind: "customers"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Put(&backend.Customer{Source: "stripe", ID: "cus_1", Email: "a@b.co"}); err != nil {
		t.Fatal(err)
	}
	if err := b.Commit(Counts{Read: 1, Imported: 1}); err != nil {
		t.Fatal(err)
	}
	if get() != 2 {
		t.Error("an import did not refresh the memo")
	}
	if err := db.Undo(b.ID()); err != nil {
		t.Fatal(err)
	}
	if get() != 3 {
		t.Error("an undo did not refresh the memo")
	}
	db.SetSetting(SettingBaseCurrency, "eur")
	if get() != 4 || get() != 4 {
		t.Error("a setting change did not refresh the memo")
	}
}
