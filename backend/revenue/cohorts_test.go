package revenue_test

import (
	"math"
	"slices"
	"testing"

	"keel/backend/revenue"
)

func TestCohortsFollowFirstPaidMonth(t *testing.T) {
	db := newDB(t)
	put(t, db,
		// January: A and B start; A adds a second subscription in March and
		// leaves in April, B stays.
		canceled(sub("sub_a1", "cus_A", 10000, "2025-01-10"), "2025-04-10", "2025-04-10", false),
		canceled(sub("sub_a2", "cus_A", 5000, "2025-03-05"), "2025-04-10", "2025-04-10", false),
		sub("sub_b", "cus_B", 5000, "2025-01-20"),
		// February: C starts, leaves in March and comes back in May.
		canceled(sub("sub_c1", "cus_C", 20000, "2025-02-03"), "2025-03-20", "2025-03-20", false),
		sub("sub_c2", "cus_C", 20000, "2025-05-02"),
		// D has paid since December 2024.
		sub("sub_d", "cus_D", 900, "2024-12-01"))

	type want struct {
		month     string
		customers int64
		start     int64
		mrr       []int64
		paying    []int64
		retained  []float64
	}
	for _, tc := range []struct {
		name, from string
		want       []want
	}{
		{"from January: D paid before, so no cohort", "2025-01", []want{
			{"2025-01", 2, 15000, []int64{15000, 15000, 20000, 5000, 5000}, []int64{2, 2, 2, 1, 1}, []float64{1, 1, 4.0 / 3, 1.0 / 3, 1.0 / 3}},
			{"2025-02", 1, 20000, []int64{20000, 0, 0, 20000}, []int64{1, 0, 0, 1}, []float64{1, 0, 0, 1}},
		}},
		{"from the first paid month: D's December cohort", "2024-12", []want{
			{"2024-12", 1, 900, []int64{900, 900, 900, 900, 900, 900}, []int64{1, 1, 1, 1, 1, 1}, []float64{1, 1, 1, 1, 1, 1}},
			{"2025-01", 2, 15000, []int64{15000, 15000, 20000, 5000, 5000}, []int64{2, 2, 2, 1, 1}, []float64{1, 1, 4.0 / 3, 1.0 / 3, 1.0 / 3}},
			{"2025-02", 1, 20000, []int64{20000, 0, 0, 20000}, []int64{1, 0, 0, 1}, []float64{1, 0, 0, 1}},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ser := compute(t, db, tc.from, "2025-05")
			got := ser.Cohorts()
			if len(got) != len(tc.want) {
				t.Fatalf("cohorts = %+v", got)
			}
			for i, w := range tc.want {
				g := got[i]
				if g.Month != w.month || g.Customers != w.customers || g.Start != w.start ||
					!slices.Equal(g.MRR, w.mrr) || !slices.Equal(g.Paying, w.paying) || !near(g.Retained, w.retained) {
					t.Errorf("cohort %d = %+v, want %+v", i, g, w)
				}
			}
		})
	}
	// The first paid month is where a full cohort table starts.
	ser := compute(t, db, "2025-05", "2025-05")
	if first, ok := ser.FirstPaid(db.Location()); !ok || first.Format("2006-01") != "2024-12" {
		t.Errorf("first paid = %v %v", first, ok)
	}
	if got := ser.Cohorts(); len(got) != 0 {
		t.Errorf("a one-month series without new customers has cohorts %+v", got)
	}
}

func TestCohortsOfAnEmptyWorkspace(t *testing.T) {
	ser := compute(t, newDB(t), "2025-01", "2025-03")
	if got := ser.Cohorts(); got == nil || len(got) != 0 {
		t.Errorf("cohorts = %#v", got)
	}
	if _, ok := ser.FirstPaid(newDB(t).Location()); ok {
		t.Error("first paid month in an empty workspace")
	}
}

func TestCustomerMovesAndInvoices(t *testing.T) {
	db := newDB(t)
	put(t, db, sub("sub_x", "cus_X", 2900, "2025-01-05"),
		inv("in_1", "sub_x", "cus_X", "usd", 2900, 0, "2025-01-05"),
		inv("in_2", "sub_x", "cus_X", "usd", 2900, 0, "2025-02-05"),
		inv("in_3", "sub_x", "cus_X", "usd", 9900, 1000, "2025-03-05"))
	ser := compute(t, db, "2025-01", "2025-03")
	moves := ser.CustomerMoves("stripe:cus_X")
	if len(moves) != 2 || moves[0].Month != "2025-01" || moves[0].Kind != revenue.New || moves[0].Amount != 2900 ||
		moves[1].Month != "2025-03" || moves[1].Kind != revenue.Expansion || moves[1].Amount != 6000 || moves[1].To != 8900 {
		t.Errorf("moves = %+v", moves)
	}
	if got := ser.CustomerMoves("cus_nobody"); got == nil || len(got) != 0 {
		t.Errorf("moves of nobody = %#v", got)
	}
	subs := ser.Customer("stripe:cus_X")
	if len(subs) != 1 || subs[0].Source != revenue.FromInvoices {
		t.Fatalf("subscriptions = %+v", subs)
	}
	var ids []string
	for _, st := range subs[0].Steps {
		if st.Invoice != "" {
			ids = append(ids, st.Invoice)
		}
	}
	if !slices.Equal(ids, []string{"in_1", "in_3"}) {
		t.Fatalf("invoices that set a step = %v (steps %+v)", ids, subs[0].Steps)
	}
	invs, err := revenue.Invoices(db, ids)
	if err != nil {
		t.Fatal(err)
	}
	if in := invs["in_3"]; in.Subtotal != 9900 || in.Discount != 1000 || in.Total != 8900 || in.Date.Format("2006-01-02") != "2025-03-05" {
		t.Errorf("in_3 = %+v", in)
	}
	if _, email := ser.Who("cus_X"); email != "" {
		t.Errorf("email of a customer without one = %q", email)
	}
}

func TestIsMissingRate(t *testing.T) {
	db := newDB(t)
	s := sub("sub_e", "cus_E", 1000, "2025-01-05")
	s.Currency = "eur"
	put(t, db, s)
	_, err := revenue.Compute(db, at("2025-01-01"), at("2025-02-01"))
	if !revenue.IsMissingRate(err) {
		t.Fatalf("error = %v", err)
	}
	if cur, month, ok := revenue.MissingRate(err); !ok || cur != "eur" || month != "2025-01" {
		t.Errorf("missing rate = %q %q %v", cur, month, ok)
	}
	if revenue.IsMissingRate(nil) {
		t.Error("nil is a missing rate")
	}
	if err := db.SetRate("eur", "2025-01", "1.1"); err != nil {
		t.Fatal(err)
	}
	if _, err := revenue.Compute(db, at("2025-01-01"), at("2025-02-01")); err != nil {
		t.Errorf("with a rate: %v", err)
	}
}

func TestPlanNames(t *testing.T) {
	db := newDB(t)
	a, b, c, d := sub("sub_a", "cus_A", 2900, "2025-01-05"), sub("sub_b", "cus_B", 29000, "2025-01-05"),
		sub("sub_c", "cus_C", 9000, "2025-01-05"), sub("sub_d", "cus_D", 100, "2025-01-05")
	a.Plan, a.Product = "price_1", "Starter"
	b.Plan, b.Product, b.Interval = "price_2", "Starter", "year"
	c.Plan, c.Product, c.IntervalCount = "price_3", "Team", 3
	d.Plan = "price_4" // no product: keeps its id
	put(t, db, a, b, c, d)
	names, err := revenue.LoadPlanNames(db)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"price_1": "Starter · monthly", "price_2": "Starter · yearly", "price_3": "Team · every 3 months"}
	if len(names) != len(want) {
		t.Errorf("names = %v", names)
	}
	for k, v := range want {
		if names[k] != v {
			t.Errorf("%s = %q, want %q", k, names[k], v)
		}
	}
	cur, err := revenue.Currencies(db)
	if err != nil || !slices.Equal(cur, []string{"usd"}) {
		t.Errorf("currencies = %v %v", cur, err)
	}
	// Lists of plans: a movement's (", "), an account's (" + ", with a
	// plan on trial marked), each name once.
	for in, want := range map[string]string{
		"":                          "",
		"price_1":                   "Starter · monthly",
		"price_1, price_3":          "Starter · monthly, Team · every 3 months",
		"price_1, price_1":          "Starter · monthly",
		"price_2 + price_4":         "Starter · yearly + price_4",
		"price_3 (trial)":           "Team · every 3 months (trial)",
		"(no plan)":                 "(no plan)",
		"price_1 + price_2 (trial)": "Starter · monthly + Starter · yearly (trial)",
	} {
		if got := names.Of(in); got != want {
			t.Errorf("Of(%q) = %q, want %q", in, got, want)
		}
	}
	// Two prices of one plan are one row of a plan mix, largest first.
	names["price_5"] = "Starter · monthly"
	got := names.Group([]revenue.PlanMRR{{Plan: "price_3", MRR: 900, Subscriptions: 1}, {Plan: "price_1", MRR: 500, Subscriptions: 2},
		{Plan: "price_5", MRR: 600, Subscriptions: 1}, {Plan: "price_4", MRR: 900, Subscriptions: 1}})
	want2 := []revenue.PlanMRR{{Plan: "Starter · monthly", MRR: 1100, Subscriptions: 3}, {Plan: "Team · every 3 months", MRR: 900, Subscriptions: 1},
		{Plan: "price_4", MRR: 900, Subscriptions: 1}}
	if !slices.Equal(got, want2) {
		t.Errorf("group = %v, want %v", got, want2)
	}
}

func near(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Abs(a[i]-b[i]) > 1e-12 {
			return false
		}
	}
	return true
}
