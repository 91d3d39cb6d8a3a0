package workspace

import (
	"context"
	"fmt"
	"slices"
	"testing"
)

// The accounts' activity is read in two parts side by side and handed on
// in the table's order, every account once, whatever the gaps in rowids.
func TestAccountActivityReadsEveryAccountInOrder(t *testing.T) {
	db := MustCreate(t)
	if db.readers == "" {
		t.Fatal("a workspace file reads through extra connections")
	}
	ctx := context.Background()
	for i := range 9 {
		days := EncodeDays([]Day{{Day: int32(20000 + i), Events: int32(i + 1), Core: 1}})
		if _, err := db.sql.Exec(`INSERT INTO accounts(id, name, domain, email, customers, sources, emails, users, tickets, events,
			first_seen, last_activity, activity, names) VALUES(?, ?, '', '', '', '', 0, 0, 0, ?, ?, ?, ?, ?)`,
			fmt.Sprintf("acc_%d", 9-i), "A", i+1, 1000+i, 2000+i, days, EncodeNames(nil)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.sql.Exec("DELETE FROM accounts WHERE rowid IN (2, 3, 8)"); err != nil { // two odd rows gone
		t.Fatal(err)
	}
	var want []string
	rows, err := db.sql.Query("SELECT id FROM accounts ORDER BY rowid")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id string
		rows.Scan(&id)
		want = append(want, id)
	}
	rows.Close()
	var got []string
	err = db.AccountActivity(ctx, func(a Activity) error {
		got = append(got, a.ID)
		var i int
		fmt.Sscanf(a.ID, "acc_%d", &i)
		if len(a.Days) != 1 || a.Days[0].Events != int32(10-i) || a.FirstSeen != int64(1009-i) {
			t.Errorf("%s: days %+v, first seen %d", a.ID, a.Days, a.FirstSeen)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, want) {
		t.Errorf("accounts handed on %v, want the table's order %v", got, want)
	}
}
