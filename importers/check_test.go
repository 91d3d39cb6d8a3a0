package importers

import (
	"testing"
	"time"

	"keel/backend"
)

func TestCheck(t *testing.T) {
	today := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	at := func(s string) *time.Time { v, _ := time.Parse(time.DateOnly, s); return &v }
	i64 := func(v int64) *int64 { return &v }
	pay := func(created string, amount int64) *backend.Payment {
		return &backend.Payment{Created: *at(created), Amount: amount, Currency: "eur"}
	}
	w := NewWindow(today, false)
	for _, tt := range []struct {
		name string
		rec  backend.Record
		want string
	}{
		{"fine", pay("2026-02-01", 1000), ""},
		{"first day", pay("1990-01-01", 1000), ""},
		{"old", pay("1989-12-31", 1000), "the payment date 1989-12-31 is before 1990; " + allow},
		{"a year ahead", pay("2027-03-01", 1000), ""},
		{"further", pay("2027-03-02", 1000), "the payment date 2027-03-02 is more than a year after today; " + allow},
		{"zero", &backend.Payment{Amount: 5}, "the payment date is missing"},
		{"negative", pay("2026-02-01", -1250), "the amount is negative (-12.50 EUR): a payment is never negative, its refunds are in their own column"},
		{"negative refund", &backend.Payment{Created: *at("2026-02-01"), Amount: 100, Refunded: -1, Currency: "jpy"},
			"the amount is negative (-1 JPY): a payment is never negative, its refunds are in their own column"},
		{"huge", pay("2026-02-01", MaxAmount+1), "the amount 1000000000000001 (in cents or the currency's smallest unit) is larger than any Keel stores"},
		{"huge fee", &backend.Payment{Created: *at("2026-02-01"), Fee: i64(-MaxAmount - 1)}, "the amount -1000000000000001 (in cents or the currency's smallest unit) is larger than any Keel stores"},
		{"old refund", &backend.Payment{Created: *at("2026-02-01"), RefundedAt: at("1900-01-01")}, "the refund date 1900-01-01 is before 1990; " + allow},
		{"period ends in 3 years", &backend.Subscription{Created: at("2026-01-01"), CurrentPeriodEnd: at("2029-01-01")}, ""},
		{"trial end placeholder", &backend.Subscription{TrialEnd: at("1899-12-30")}, "its trial end 1899-12-30 is before 1990; " + allow},
		{"negative price", &backend.Subscription{Amount: -900, Currency: "usd"}, "the amount is negative (-9.00 USD): a subscription's price is never negative"},
		{"credit note", &backend.Invoice{Date: *at("2026-01-01"), Total: -500}, ""},
		{"ticket solved later", &backend.Ticket{Created: *at("2026-01-01"), Solved: at("2031-01-01")}, "its solved date 2031-01-01 is more than a year after today; " + allow},
		{"event", &backend.Event{Time: time.Unix(0, 0)}, "the event time 1970-01-01 is before 1990; " + allow},
		{"records", Records{pay("2026-02-01", 1), pay("1980-01-01", 1)}, "the payment date 1980-01-01 is before 1990; " + allow},
		{"balance refund", &backend.BalanceTxn{Created: *at("2026-01-01"), Amount: -8236}, ""},
	} {
		if got := Check(tt.rec, w); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
	// Confirmed by the founder: any real date; still never a missing one.
	ok := NewWindow(today, true)
	if got := Check(pay("1985-06-01", 1000), ok); got != "" {
		t.Errorf("allowed: %q", got)
	}
	if got := Check(&backend.Payment{Amount: 1}, ok); got != "the payment date is missing" {
		t.Errorf("allowed, zero date: %q", got)
	}
}
