package revenue_test

import (
	"slices"
	"strings"
	"testing"

	"keel/backend"
	"keel/backend/revenue"
	"keel/backend/workspace"
)

func wantMRR(t *testing.T, ser *revenue.Series, want ...int64) {
	t.Helper()
	if got := mrr(ser); !slices.Equal(got, want) {
		t.Errorf("MRR by month = %v, want %v", got, want)
	}
}

func wantMoves(t *testing.T, ser *revenue.Series, m string, want ...string) {
	t.Helper()
	if got := moves(ser, m); !slices.Equal(got, want) {
		t.Errorf("%s movements = %q, want %q", m, got, want)
	}
}

// JPY has no minor unit and KWD three: conversion is round(n / 10^e × r ×
// 100) with r = Σ converted / Σ amount, half away from zero.
func TestZeroAndThreeDecimalCurrencies(t *testing.T) {
	db := newDB(t)
	set(t, db, workspace.SettingBaseCurrency, "usd")
	j, k := sub("sub_j", "cus_J", 1500, "2025-03-01"), sub("sub_k", "cus_K", 7250, "2025-03-01")
	j.Currency, k.Currency = "jpy", "kwd"
	put(t, db, j, k,
		pay("ch_j", "cus_J", "jpy", 1000, 667, "2025-03-03"),   // r = 0.00667 USD per yen
		pay("ch_k", "cus_K", "kwd", 12500, 4069, "2025-03-03")) // r = 40.69 / 12.5 USD per dinar
	ser := compute(t, db, "2025-02", "2025-04")
	// ¥1500 × 0.00667 = $10.005 → 1001 (half away from zero);
	// KWD 7.250 × 3.2552 = $23.6002 → 2360.
	wantMRR(t, ser, 0, 3361, 3361)
	wantMoves(t, ser, "2025-03", "new stripe:cus_J 1001", "new stripe:cus_K 2360")
	wantMoves(t, ser, "2025-04") // April has no payments: March's rate carries on, no fx
}

func TestSeveralSubscriptionsCancelingOneIsContraction(t *testing.T) {
	db := newDB(t)
	put(t, db, sub("sub_a1", "cus_A", 2900, "2025-01-10"),
		canceled(sub("sub_a2", "cus_A", 1000, "2025-02-05"), "2025-03-15", "2025-03-15", false))
	ser := compute(t, db, "2025-01", "2025-04")
	wantMRR(t, ser, 2900, 3900, 2900, 2900)
	wantMoves(t, ser, "2025-02", "expansion stripe:cus_A 1000")
	wantMoves(t, ser, "2025-03", "contraction stripe:cus_A 1000")
	mar := month(t, ser, "2025-03")
	if mv := ser.Movements("2025-03", revenue.Contraction); mar.ChurnedCustomers != 0 || mar.Customers != 1 || len(mv) != 1 || mv[0].Plan != "plan_sub_a2" {
		t.Errorf("March: %+v %+v", mar.Totals, mv)
	}
}

func TestTrialsCountZero(t *testing.T) {
	for _, rule := range []string{"net", "list"} {
		t.Run(rule, func(t *testing.T) {
			db := newDB(t)
			set(t, db, workspace.SettingDiscounts, rule)
			s1 := sub("sub_t1", "cus_T1", 4900, "2025-01-20")
			s1.TrialStart, s1.TrialEnd = ptr("2025-01-20"), ptr("2025-02-03")
			s2 := sub("sub_t2", "cus_T2", 4900, "2025-02-20") // still trialing: never counts
			s2.Status, s2.TrialStart, s2.TrialEnd = "trialing", ptr("2025-02-20"), ptr("2025-03-06")
			s3 := sub("sub_t3", "cus_T3", 4900, "2025-01-20") // invoices: a $0 trial invoice, then paid ones
			s3.TrialStart, s3.TrialEnd = ptr("2025-01-20"), ptr("2025-02-03")
			put(t, db, s1, s2, s3,
				inv("in_t3a", "sub_t3", "cus_T3", "usd", 0, 0, "2025-01-20"),
				inv("in_t3b", "sub_t3", "cus_T3", "usd", 4900, 0, "2025-02-03"),
				inv("in_t3c", "sub_t3", "cus_T3", "usd", 4900, 0, "2025-03-03"))
			ser := compute(t, db, "2025-01", "2025-04")
			wantMRR(t, ser, 0, 9800, 9800, 9800)
			wantMoves(t, ser, "2025-02", "new stripe:cus_T1 4900", "new stripe:cus_T3 4900")
		})
	}
}

func TestStatuses(t *testing.T) {
	db := newDB(t)
	pd, unpaid, incomplete := sub("sub_pd", "cus_PD", 2900, "2025-01-05"), sub("sub_u", "cus_U", 1000, "2025-01-05"), sub("sub_i", "cus_I", 500, "2025-01-05")
	pd.Status, unpaid.Status, incomplete.Status = "past_due", "unpaid", "incomplete"
	put(t, db, pd, unpaid, incomplete)
	ser := compute(t, db, "2025-01", "2025-02")
	wantMRR(t, ser, 2900, 2900)
}

func TestIntervalsNormaliseToAMonth(t *testing.T) {
	db := newDB(t)
	year := sub("sub_y", "cus_Y", 29000, "2025-01-05")
	year.Interval, year.Quantity = "year", 2 // 580.00 a year → 48.3333 → 4833
	quarter := sub("sub_q", "cus_Q", 7500, "2025-01-05")
	quarter.IntervalCount = 3 // 75.00 a quarter → 2500
	week := sub("sub_w", "cus_W", 500, "2025-01-05")
	week.Interval = "week" // 5.00 × 52 / 12 = 21.6667 → 2167
	day := sub("sub_d", "cus_D", 150, "2025-01-05")
	day.Interval = "day" // 1.50 × 365 / 12 = 45.625 → 4563 (half away from zero)
	// An annual plan billed by invoices keeps its MRR between the yearly invoices.
	annual := sub("sub_ai", "cus_AI", 29000, "2025-01-10")
	annual.Interval = "year" // 290.00 / 12 = 24.1667 → 2417
	put(t, db, year, quarter, week, day, annual,
		inv("in_ai1", "sub_ai", "cus_AI", "usd", 29000, 0, "2025-01-10"),
		inv("in_ai2", "sub_ai", "cus_AI", "usd", 29000, 0, "2026-01-10"))
	ser := compute(t, db, "2025-01", "2026-01")
	for i, m := range ser.Months {
		if m.MRR != 4833+2500+2167+4563+2417 {
			t.Errorf("%d %s: MRR %d", i, m.Month, m.MRR)
		}
	}
	wantMoves(t, ser, "2025-01", "new stripe:cus_AI 2417", "new stripe:cus_D 4563", "new stripe:cus_Q 2500", "new stripe:cus_W 2167", "new stripe:cus_Y 4833")
}

func TestCancelAtPeriodEndVersusImmediately(t *testing.T) {
	records := func() []backend.Record {
		atEnd := canceled(sub("sub_e", "cus_E", 2900, "2025-01-05"), "2025-03-10", "2025-04-05", true)
		now := canceled(sub("sub_i", "cus_I", 1900, "2025-01-05"), "2025-03-10", "2025-03-10", false)
		scheduled := sub("sub_s", "cus_S", 1000, "2025-01-12") // still active, ends with its period
		scheduled.CancelAtPeriodEnd, scheduled.CanceledAt, scheduled.CurrentPeriodEnd = true, ptr("2025-03-20"), ptr("2025-04-12")
		return []backend.Record{atEnd, now, scheduled}
	}
	cases := map[string][2][]string{
		"period_end":   {{"churn stripe:cus_I 1900"}, {"churn stripe:cus_E 2900", "churn stripe:cus_S 1000"}},
		"cancellation": {{"churn stripe:cus_E 2900", "churn stripe:cus_I 1900", "churn stripe:cus_S 1000"}, nil},
	}
	for rule, want := range cases {
		t.Run(rule, func(t *testing.T) {
			db := newDB(t)
			set(t, db, workspace.SettingChurnTiming, rule)
			put(t, db, records()...)
			ser := compute(t, db, "2025-03", "2025-04")
			wantMoves(t, ser, "2025-03", want[0]...)
			wantMoves(t, ser, "2025-04", want[1]...)
		})
	}
}

// A customer who comes back is a reactivation, even when they left before
// the months asked for.
func TestWinBackIsReactivation(t *testing.T) {
	db := newDB(t)
	put(t, db, canceled(sub("sub_w1", "cus_W", 2900, "2024-11-05"), "2025-01-20", "2025-01-20", false),
		sub("sub_w2", "cus_W", 3900, "2025-04-02"), sub("sub_n", "cus_N", 1000, "2025-04-03"))
	ser := compute(t, db, "2025-02", "2025-05")
	wantMRR(t, ser, 0, 0, 4900, 4900)
	wantMoves(t, ser, "2025-04", "new stripe:cus_N 1000", "reactivation stripe:cus_W 3900")
	apr := month(t, ser, "2025-04")
	if apr.ReactivatedCustomers != 1 || apr.NewCustomers != 1 {
		t.Errorf("April: %+v", apr.Totals)
	}
	wantMoves(t, compute(t, db, "2025-01", "2025-01"), "2025-01", "churn stripe:cus_W 2900")
}

func TestInAndOutWithinOneMonthLeavesNoMovement(t *testing.T) {
	db := newDB(t)
	put(t, db, canceled(sub("sub_x", "cus_X", 2900, "2025-03-03"), "2025-03-20", "2025-03-20", false))
	ser := compute(t, db, "2025-02", "2025-04")
	wantMRR(t, ser, 0, 0, 0)
	for _, m := range ser.Months {
		if len(ser.Movements(m.Month, "")) != 0 || m.Customers != 0 {
			t.Errorf("%s: %+v", m.Month, m)
		}
	}
	if !ser.HasData {
		t.Error("HasData is false with a subscription")
	}
}

func TestDiscountsNetVersusList(t *testing.T) {
	records := func() []backend.Record {
		s := sub("sub_d", "cus_D", 10000, "2025-01-05")
		in3 := inv("in_d3", "sub_d", "cus_D", "usd", 10000, 0, "2025-03-05") // the coupon ran out
		in1 := inv("in_d1", "sub_d", "cus_D", "usd", 10000, 2500, "2025-01-05")
		in1.Tax = 600 // tax never counts
		return []backend.Record{s, in1, inv("in_d2", "sub_d", "cus_D", "usd", 10000, 2500, "2025-02-05"), in3}
	}
	for rule, want := range map[string][]int64{"net": {7500, 7500, 10000}, "list": {10000, 10000, 10000}} {
		t.Run(rule, func(t *testing.T) {
			db := newDB(t)
			set(t, db, workspace.SettingDiscounts, rule)
			put(t, db, records()...)
			ser := compute(t, db, "2025-01", "2025-03")
			wantMRR(t, ser, want...)
			tl := ser.Customer("stripe:cus_D")
			if len(tl) != 1 || tl[0].Source != revenue.FromInvoices {
				t.Fatalf("timeline %+v", tl)
			}
			if rule == "net" {
				steps := tl[0].Steps
				if len(steps) != 2 || steps[0].Invoice != "in_d1" || steps[0].Invoices != 2 || steps[1].Invoice != "in_d3" || steps[1].MRR != 10000 {
					t.Errorf("steps %+v", steps)
				}
				wantMoves(t, ser, "2025-03", "expansion stripe:cus_D 2500")
			}
		})
	}
}

// A EUR customer whose MRR does not change while the euro moves is pure fx;
// one who upgrades gets expansion at this month's rate plus the fx on last
// month's MRR.
func TestExchangeRateMovesAreFX(t *testing.T) {
	db := newDB(t)
	set(t, db, workspace.SettingBaseCurrency, "usd")
	f := sub("sub_f", "cus_F", 5000, "2025-01-03")
	g := sub("sub_g", "cus_G", 5000, "2025-01-03")
	f.Currency, g.Currency = "eur", "eur"
	put(t, db, f, g,
		inv("in_g1", "sub_g", "cus_G", "eur", 5000, 0, "2025-01-03"),
		inv("in_g2", "sub_g", "cus_G", "eur", 6000, 0, "2025-02-03"),
		inv("in_g3", "sub_g", "cus_G", "eur", 6000, 0, "2025-03-03"),
		pay("ch_1", "cus_F", "eur", 5000, 5500, "2025-01-03"), // 1.10
		pay("ch_2", "cus_F", "eur", 5000, 6000, "2025-02-03"), // 1.20
		pay("ch_3", "cus_F", "eur", 5000, 5400, "2025-03-03")) // 1.08
	ser := compute(t, db, "2025-01", "2025-03")
	wantMRR(t, ser, 11000, 13200, 11880)
	wantMoves(t, ser, "2025-01", "new stripe:cus_F 5500", "new stripe:cus_G 5500")
	// G: 60 € at 1.20 − 50 € at 1.20 = 1200 expansion; 50 € × (1.20 − 1.10) = 500 fx.
	wantMoves(t, ser, "2025-02", "expansion stripe:cus_G 1200", "fx stripe:cus_F 500", "fx stripe:cus_G 500")
	wantMoves(t, ser, "2025-03", "fx stripe:cus_F -600", "fx stripe:cus_G -720")
}

func TestMissingRateNamesCurrencyAndMonth(t *testing.T) {
	db := newDB(t)
	set(t, db, workspace.SettingBaseCurrency, "usd")
	g := sub("sub_gbp", "cus_GBP", 2000, "2025-03-10")
	g.Currency = "gbp"
	put(t, db, g)
	_, err := revenue.Compute(db, at("2025-03-01"), at("2025-04-01"))
	msg := backend.ErrorMessage(err)
	if backend.ErrorCode(err) != backend.Invalid || !strings.Contains(msg, "GBP") || !strings.Contains(msg, "March 2025") ||
		!strings.Contains(msg, "exchange-rates table") {
		t.Fatalf("err = %v", err)
	}
	// The user's table fills the gap, carried forward to later months.
	if err := db.SetRate("GBP", "2025-03", "1,25"); err != nil {
		t.Fatal(err)
	}
	wantMRR(t, compute(t, db, "2025-03", "2025-04"), 2500, 2500)
	// Stripe's converted amounts come first: February's payments price March too.
	put(t, db, pay("ch_gbp", "cus_OTHER", "gbp", 1000, 1300, "2025-02-01"))
	wantMRR(t, compute(t, db, "2025-03", "2025-04"), 2600, 2600)
}

func TestSourcesInOrderOfPreference(t *testing.T) {
	db := newDB(t)
	orphan1 := inv("in_o1", "sub_o", "cus_O", "usd", 1200, 0, "2025-01-10")
	orphan1.PeriodEnd = ptr("2025-02-10")
	orphan2 := inv("in_o2", "sub_o", "cus_O", "usd", 1200, 0, "2025-02-10")
	orphan2.PeriodEnd = ptr("2025-03-10")
	put(t, db,
		sub("sub_x", "cus_X", 9900, "2025-01-01"), inv("in_x1", "sub_x", "cus_X", "usd", 2900, 0, "2025-01-01"),
		sub("sub_y", "cus_Y", 1900, "2025-01-01"),
		orphan1, orphan2, // invoices of a subscription missing from the export
		pay("py_p1", "cus_P", "usd", 1500, 1500, "2025-01-07"), pay("py_p2", "cus_P", "usd", 1500, 1500, "2025-02-07"),
		pay("py_p3", "cus_P", "usd", 1500, 1500, "2025-03-07"),
		pay("py_q1", "cus_Q", "usd", 7000, 7000, "2025-01-07"), // a one-off payment is not recurring
		pay("py_r1", "cus_R", "usd", 12000, 12000, "2024-02-01"), pay("py_r2", "cus_R", "usd", 12000, 12000, "2025-02-01"),
		pay("py_x", "cus_X", "usd", 2900, 2900, "2025-01-01"), pay("py_x2", "cus_X", "usd", 2900, 2900, "2025-02-01"))
	ser := compute(t, db, "2025-01", "2025-04")
	src := map[string]revenue.Source{}
	for _, s := range ser.Subscriptions {
		src[s.CustomerID] = s.Source
	}
	want := map[string]revenue.Source{"stripe:cus_X": "invoices", "stripe:cus_Y": "subscriptions", "stripe:cus_O": "invoices", "stripe:cus_P": "payments", "stripe:cus_R": "payments"}
	if !maps(src, want) {
		t.Errorf("sources = %v, want %v", src, want)
	}
	// X 2900 (its invoice, not the export's 9900) + Y 1900 + O 1200 + P 1500 + R 1000 (yearly ÷ 12).
	wantMRR(t, ser, 8500, 8500, 7300, 5800)
	wantMoves(t, ser, "2025-03", "churn stripe:cus_O 1200")
	wantMoves(t, ser, "2025-04", "churn stripe:cus_P 1500")
}

func maps(a, b map[string]revenue.Source) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestTestModeExcludedUnlessIncluded(t *testing.T) {
	db := newDB(t)
	s := sub("sub_test_1", "cus_T", 2900, "2025-01-05")
	s.Test = true
	put(t, db, s, sub("sub_live", "cus_L", 1000, "2025-01-05"))
	wantMRR(t, compute(t, db, "2025-01", "2025-01"), 1000)
	set(t, db, workspace.SettingIncludeTest, "true")
	wantMRR(t, compute(t, db, "2025-01", "2025-01"), 3900)
}

// Month ends are in the workspace time zone: 2025-04-01 02:00 UTC is still
// March 31 in New York.
func TestMonthEndsInWorkspaceTimeZone(t *testing.T) {
	for tz, churnMonth := range map[string]string{"UTC": "2025-04", "America/New_York": "2025-03"} {
		t.Run(tz, func(t *testing.T) {
			db := newDB(t)
			set(t, db, workspace.SettingTimeZone, tz)
			put(t, db, canceled(sub("sub_z", "cus_Z", 2900, "2025-01-15"), "2025-04-01 02:00", "2025-04-01 02:00", false))
			ser := compute(t, db, "2025-03", "2025-04")
			wantMoves(t, ser, churnMonth, "churn stripe:cus_Z 2900")
		})
	}
}

func TestPlanMix(t *testing.T) {
	db := newDB(t)
	put(t, db, sub("sub_1", "cus_1", 2900, "2025-01-05"), sub("sub_2", "cus_2", 2900, "2025-01-05"), sub("sub_3", "cus_3", 9900, "2025-01-05"))
	ser := compute(t, db, "2025-01", "2025-01")
	got := month(t, ser, "2025-01").Plans
	want := []revenue.PlanMRR{{Plan: "plan_sub_3", MRR: 9900, Subscriptions: 1}, {Plan: "plan_sub_1", MRR: 2900, Subscriptions: 1}, {Plan: "plan_sub_2", MRR: 2900, Subscriptions: 1}}
	if !slices.Equal(got, want) {
		t.Errorf("plans = %+v", got)
	}
}

func TestNothingToComputeWithoutSubscriptions(t *testing.T) {
	db := newDB(t)
	put(t, db, pay("ch_1", "cus_1", "usd", 1000, 1000, "2025-01-05"))
	ser := compute(t, db, "2025-01", "2025-02")
	if ser.HasData {
		t.Error("HasData with a single payment")
	}
}

// Invoices are read grouped by amount; a subscription that returns to an
// earlier amount, or whose paid and open invoices alternate, must still
// get its steps in time order.
func TestInvoicesReturningToAnEarlierAmount(t *testing.T) {
	db := newDB(t)
	open := inv("in_b5", "sub_b", "cus_B", "usd", 10000, 0, "2025-05-05")
	open.Status, open.Paid = "open", false
	void := inv("in_b6", "sub_b", "cus_B", "usd", 99900, 0, "2025-05-06")
	void.Status = "void"
	open2 := inv("in_c2", "sub_c", "cus_C", "usd", 5000, 0, "2025-02-05")
	open2.Status = "open"
	put(t, db, sub("sub_b", "cus_B", 10000, "2025-01-05"),
		inv("in_b1", "sub_b", "cus_B", "usd", 10000, 0, "2025-01-05"),
		inv("in_b2", "sub_b", "cus_B", "usd", 10000, 2500, "2025-02-05"),
		inv("in_b3", "sub_b", "cus_B", "usd", 10000, 0, "2025-03-05"),
		inv("in_b4", "sub_b", "cus_B", "usd", 10000, 0, "2025-04-05"), open, void,
		sub("sub_c", "cus_C", 5000, "2025-01-05"),
		inv("in_c1", "sub_c", "cus_C", "usd", 5000, 0, "2025-01-05"), open2,
		inv("in_c3", "sub_c", "cus_C", "usd", 5000, 0, "2025-03-05"))
	ser := compute(t, db, "2025-01", "2025-05")
	wantMRR(t, ser, 15000, 12500, 15000, 15000, 15000)
	type got struct {
		from    string
		mrr     int64
		invoice string
		count   int
	}
	steps := func(id string) (out []got) {
		for _, s := range ser.Customer(id)[0].Steps {
			out = append(out, got{s.From.Format("2006-01-02"), s.MRR, s.Invoice, s.Invoices})
		}
		return out
	}
	if g, w := steps("stripe:cus_B"), []got{{"2025-01-05", 10000, "in_b1", 1}, {"2025-02-05", 7500, "in_b2", 1}, {"2025-03-05", 10000, "in_b3", 3}}; !slices.Equal(g, w) {
		t.Errorf("cus_B steps = %v, want %v", g, w)
	}
	if g, w := steps("stripe:cus_C"), []got{{"2025-01-05", 5000, "in_c1", 3}}; !slices.Equal(g, w) {
		t.Errorf("cus_C steps = %v, want %v", g, w)
	}
}
