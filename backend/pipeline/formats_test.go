package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"keel/backend/workspace"
	"keel/importers"
)

// TestGumroadThenLemonSqueezy imports the real Gumroad sales and the real
// Lemon Squeezy orders into one workspace: 80 Gumroad purchases and 500
// orders, 74 of which were migrated from Gumroad (counted over the raw
// files by a separate script), give 506 payments, each migrated sale
// once; the same buyer has the same address in both. Either order.
func TestGumroadThenLemonSqueezy(t *testing.T) {
	if _, err := os.Stat(realDir); err != nil {
		t.Skip("no real fixtures beside the repository")
	}
	gumroad := filepath.Join(realDir, "gumroad/sales_csv_2023_2024/gumroad.csv")
	lemon := filepath.Join(realDir, "lemonsqueezy/orders_export/lemonsqueezy.csv")
	for _, order := range [][]string{{gumroad, lemon}, {lemon, gumroad}} {
		db := newDB(t)
		for _, p := range order {
			if rep := Run(context.Background(), db, Request{Path: p}, nil); rep.Err != nil {
				t.Fatalf("%s: %v", p, rep.Err)
			}
		}
		var n, gum, lem, sameBuyer int
		db.SQL().QueryRow(`SELECT COUNT(*), SUM(key LIKE 'gumroad:%'), SUM(key LIKE 'lemonsqueezy:%') FROM payments`).Scan(&n, &gum, &lem)
		// Buyers of the migrated sales, with the address the other file gives.
		db.SQL().QueryRow(`SELECT COUNT(DISTINCT lower(customer_email)) FROM payments WHERE key LIKE 'gumroad:%'
			AND lower(customer_email) IN (SELECT lower(customer_email) FROM payments WHERE key LIKE 'lemonsqueezy:%')`).Scan(&sameBuyer)
		if n != 506 || gum != 80 || lem != 426 {
			t.Errorf("%s first: %d payments, %d Gumroad keys, %d Lemon Squeezy keys; want 506, 80, 426", filepath.Base(order[0]), n, gum, lem)
		}
		// Two Gumroad buyers bought again on Lemon Squeezy after the move
		// (user_30d77004 and user_407eeaf3, found by the same script): the
		// accounts join them by that address.
		if sameBuyer != 2 {
			t.Errorf("%d Gumroad buyers found among the Lemon Squeezy orders, want 2", sameBuyer)
		}
	}
}

// TestIntercomJSON imports conversations saved from Intercom's API (the
// importer's own test file): 5 conversations, one without created_at
// rejected with the line it starts on; importing it again adds nothing.
func TestIntercomJSON(t *testing.T) {
	db := newDB(t)
	path := filepath.Join("..", "..", "importers", "intercom", "testdata", "conversations_api.json")
	rep := Run(context.Background(), db, Request{Path: path}, nil)
	if rep.Err != nil || rep.Source != "intercom" || rep.Read != 5 || rep.Imported != 4 || rep.Rejected != 1 ||
		rep.Rejects[0].Line != 158 {
		t.Fatalf("%+v %v", rep.Counts, rep.Err)
	}
	var n int
	db.SQL().QueryRow("SELECT COUNT(*) FROM tickets WHERE source = 'intercom'").Scan(&n)
	if n != 4 {
		t.Errorf("%d tickets stored", n)
	}
	again := Run(context.Background(), db, Request{Path: path}, nil)
	if again.Err != nil || again.Duplicates != 4 || again.Imported+again.Updated != 0 {
		t.Errorf("again: %+v %v", again.Counts, again.Err)
	}
	// Cut short: nothing imported, a sentence with the line.
	cut := write(t, "cut.json", []byte(`[{"type":"conversation","id":"1","created_at":1740819600},{"type":"conversation","id":"2",`))
	rep = Run(context.Background(), db, Request{Path: cut}, nil)
	if rep.Err == nil || !strings.Contains(rep.Err.Error(), "cut.json: the file ends where Keel expected") {
		t.Errorf("cut file: %v", rep.Err)
	}
}

// TestCurrencyAssumed: a Stripe payments file without Currency is read in
// the currency asked for, else the workspace's base currency, and the
// report says so; an unknown currency is refused before reading.
func TestCurrencyAssumed(t *testing.T) {
	path := write(t, "unified_payments.csv", []byte("id,Created date (UTC),Amount,Converted Amount,Statement Descriptor,PaymentIntent ID\n"+
		"ch_1,2025-06-09 04:36:18,12.50,12.50,SHOP,pi_1\n"))
	for _, tt := range []struct {
		name, currency, base, want string
	}{
		{"base", "", "gbp", "gbp"},
		{"asked", "EUR", "gbp", "eur"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			db := newDB(t)
			if err := db.SetSetting(workspace.SettingBaseCurrency, tt.base); err != nil {
				t.Fatal(err)
			}
			rep := Run(context.Background(), db, Request{Path: path, Options: importers.Options{Currency: tt.currency}}, nil)
			if rep.Err != nil || rep.Imported != 1 {
				t.Fatalf("%+v %v", rep.Counts, rep.Err)
			}
			var cur string
			var amount int64
			db.SQL().QueryRow("SELECT currency, amount FROM payments").Scan(&cur, &amount)
			if cur != tt.want || amount != 1250 {
				t.Errorf("stored %d %s", amount, cur)
			}
			if len(rep.Notes) != 2 || !strings.Contains(rep.Notes[0], "read in "+strings.ToUpper(tt.want)) {
				t.Errorf("notes %q", rep.Notes)
			}
		})
	}
	db := newDB(t)
	rep := Run(context.Background(), db, Request{Path: path, Options: importers.Options{Currency: "EURO"}}, nil)
	if rep.Err == nil || rep.Err.Error() != `unified_payments.csv: "EURO" is not a currency code Keel knows (give an ISO code such as USD or EUR)` {
		t.Errorf("%v", rep.Err)
	}
}
