package releases_test

import (
	"strings"
	"testing"
	"time"

	"keel/backend"
	"keel/backend/releases"
	"keel/backend/workspace"
)

// T is when the test release went out (the window before it, 7 tickets,
// is above the usual range on purpose: it must not count in it); its 7-day windows start at
// T + k·7d for k = −9 … 0.
var T = time.Date(2025, 6, 10, 12, 0, 0, 0, time.UTC)

const week = 7 * 24 * time.Hour

func win(k int) time.Time { return T.Add(time.Duration(k) * week) }

// company: Acme on Growth and Beta on Scale (Beta churns 3 days after
// T), tickets with a known count in every window, a refund and two failed
// payments after T, data from T−100d to T+30d.
func company(t *testing.T) *workspace.DB {
	db := newDB(t)
	start := T.Add(-300 * 24 * time.Hour)
	recs := []backend.Record{
		&backend.Customer{Source: "stripe", ID: "cus_a", Email: "alice@acme.io", Name: "Acme", Created: tp(start)},
		&backend.Customer{Source: "stripe", ID: "cus_b", Email: "bob@beta.io", Name: "Beta", Created: tp(start)},
		&backend.Subscription{Source: "stripe", ID: "sub_a", CustomerID: "cus_a", Status: "active", Plan: "price_growth", Product: "Growth",
			Quantity: 1, Currency: "usd", Interval: "month", IntervalCount: 1, Amount: 9900, Start: tp(start), Created: tp(start)},
		&backend.Subscription{Source: "stripe", ID: "sub_b", CustomerID: "cus_b", Status: "canceled", Plan: "price_scale", Product: "Scale",
			Quantity: 1, Currency: "usd", Interval: "month", IntervalCount: 1, Amount: 29900, Start: tp(start), Created: tp(start),
			CanceledAt: tp(T.Add(72 * time.Hour)), EndedAt: tp(T.Add(72 * time.Hour))},
	}
	for d := start; d.Before(T.Add(30 * 24 * time.Hour)); d = d.AddDate(0, 1, 0) {
		recs = append(recs, payment("cus_a", "alice@acme.io", d, 9900, "paid"))
		if d.Before(T) {
			recs = append(recs, payment("cus_b", "bob@beta.io", d, 29900, "paid"))
		}
	}
	refund := payment("cus_b", "bob@beta.io", T.Add(-5*24*time.Hour), 29900, "refunded")
	refund.Refunded, refund.ConvertedRefunded, refund.RefundedAt = 29900, i64(29900), tp(T.Add(26*time.Hour))
	recs = append(recs, refund, payment("cus_a", "alice@acme.io", T.Add(25*24*time.Hour), 9900, "paid"),
		payment("cus_a", "alice@acme.io", T.Add(40*time.Hour), 9900, "failed"),
		payment("cus_a", "alice@acme.io", T.Add(90*time.Hour), 9900, "failed"))
	// Tickets: the data starts 100 days before and ends 30 days after.
	recs = append(recs, ticket("alice@acme.io", T.Add(-100*24*time.Hour)), ticket("alice@acme.io", T.Add(30*24*time.Hour)))
	for k, n := range []int{3, 4, 5, 3, 4, 6, 5, 4, 7} { // k = 0 … 8: windows −9 … −1
		for j := 0; j < n; j++ {
			tags := []string{"how_to"}
			if k == 8 && j == 0 {
				tags = []string{"invoices"}
			}
			recs = append(recs, ticket("alice@acme.io", win(k-9).Add(24*time.Hour+time.Duration(j)*time.Hour), tags...))
		}
	}
	for j := 0; j < 8; j++ {
		recs = append(recs, ticket("bob@beta.io", T.Add(time.Duration(2+5*j)*time.Hour), "invoices", "bug"))
	}
	for j := 0; j < 4; j++ {
		recs = append(recs, ticket("alice@acme.io", T.Add(time.Duration(100+10*j)*time.Hour), "how_to"))
	}
	put(t, db, recs...)
	return db
}

func TestWatchWindowAgainstUsualRange(t *testing.T) {
	db := company(t)
	r := shipped(t, "New invoice layout", T)
	r.Window = "7d"
	r.Segment.Plans = []string{"Scale"}
	w, err := releases.WatchWindow(ctx, db, r, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if !w.Start.Equal(T) || !w.End.Equal(T.Add(week)) || !w.Earliest.Equal(win(-9)) {
		t.Errorf("windows %v … %v from %v", w.Start, w.End, w.Earliest)
	}
	tk := figure(t, w, "tickets")
	if n(tk.After) != "12" || n(tk.Before) != "7" || n(tk.Change) != "5" {
		t.Errorf("tickets after %s before %s change %s", n(tk.After), n(tk.Before), n(tk.Change))
	}
	if tk.Usual == nil || tk.Usual.Min.N != 3 || tk.Usual.Max.N != 6 || tk.Usual.Windows != 8 {
		t.Fatalf("usual range %+v", tk.Usual)
	}
	if tk.Outside != "above" || !tk.Alarm {
		t.Errorf("outside %q alarm %v", tk.Outside, tk.Alarm)
	}
	if want := "Tickets +71 % (12 against 7), more than in any of the last 8 weeks."; tk.Reading != want {
		t.Errorf("reading %q, want %q", tk.Reading, want)
	}
	var series []string
	for _, v := range tk.Series {
		series = append(series, n(v))
	}
	if got := strings.Join(series, " "); got != "3 4 5 3 4 6 5 4 7 12" {
		t.Errorf("series %s", got)
	}
	// Split by plan at the time of each ticket, and by the segment.
	if len(tk.ByPlan) != 2 || tk.ByPlan[0].Label != "Scale · monthly" || n(tk.ByPlan[0].After) != "8" || tk.ByPlan[1].Label != "Growth · monthly" || n(tk.ByPlan[1].After) != "4" {
		t.Errorf("by plan %+v", tk.ByPlan)
	}
	if len(tk.Segment) != 2 || n(tk.Segment[0].After) != "8" || n(tk.Segment[1].After) != "4" || n(tk.Segment[0].Before) != "0" {
		t.Errorf("segment %+v", tk.Segment)
	}
	tag := figure(t, w, "tag:invoices")
	if n(tag.After) != "8" || n(tag.Before) != "1" || w.Tags[0].Key != "tag:invoices" {
		t.Errorf("tag invoices after %s before %s; first tag %s", n(tag.After), n(tag.Before), w.Tags[0].Key)
	}
	// Billing: one refund of $299 after, none in any earlier window.
	rf := figure(t, w, "refunds")
	if n(rf.After) != "1" || n(rf.Before) != "0" || rf.Usual.Max.N != 0 || !rf.Alarm {
		t.Errorf("refunds %+v", rf.Cell)
	}
	if want := "Refunds 1 against none before, more than in any of the last 8 weeks."; rf.Reading != want {
		t.Errorf("reading %q", rf.Reading)
	}
	if m := figure(t, w, "refunded"); n(m.After) != "29900" || !strings.Contains(m.Reading, "$299.00") {
		t.Errorf("refunded %s: %q", n(m.After), m.Reading)
	}
	if f := figure(t, w, "failed_payments"); n(f.After) != "2" || f.ByPlan[0].Label != "Growth · monthly" {
		t.Errorf("failed %s %+v", n(f.After), f.ByPlan)
	}
	// Revenue: Beta's $299 churned in the window, on Scale.
	ch := figure(t, w, "mrr_churn")
	if n(ch.After) != "29900" || n(ch.Before) != "0" || len(ch.ByPlan) != 1 || ch.ByPlan[0].Label != "Scale · monthly" || n(ch.Segment[0].After) != "29900" {
		t.Errorf("churn after %s by plan %+v segment %+v", n(ch.After), ch.ByPlan, ch.Segment)
	}
	// Activation needs an activation event: no value, a sentence instead.
	if a := figure(t, w, "activation_rate"); a.After != nil || !strings.Contains(a.Missing, "activation event") {
		t.Errorf("activation %s %q", n(a.After), a.Missing)
	}
	if len(w.Alarms) == 0 || !strings.Contains(w.Summary, "tickets") {
		t.Errorf("summary %q alarms %v", w.Summary, w.Alarms)
	}
}

// A window that reaches past the data says which import would fill it and
// shows no value, never 0.
func TestWatchWindowPastTheData(t *testing.T) {
	db := company(t)
	r := shipped(t, "Late release", time.Date(2025, 7, 8, 12, 0, 0, 0, time.UTC))
	w, err := releases.WatchWindow(ctx, db, r, "7d", nil)
	if err != nil {
		t.Fatal(err)
	}
	tk := figure(t, w, "tickets")
	if tk.After != nil || tk.Alarm {
		t.Fatalf("tickets after the data: %s", n(tk.After))
	}
	if want := "Your tickets end on 10 Jul 2025; import tickets created up to 15 Jul 2025 to fill this window."; tk.Missing != want {
		t.Errorf("missing %q, want %q", tk.Missing, want)
	}
	if n(tk.Before) == "nil" {
		t.Errorf("the window before is covered: %s", n(tk.Before))
	}
	for _, p := range tk.ByPlan {
		if p.After != nil {
			t.Errorf("plan %s after %s, want nothing", p.Label, n(p.After))
		}
	}
}

func TestWatchWindowNeedsADate(t *testing.T) {
	db := company(t)
	r := releases.New("Not out yet", now)
	_, err := releases.WatchWindow(ctx, db, r, "72h", nil)
	if backend.ErrorCode(err) != backend.Invalid || !strings.Contains(err.Error(), "has no date yet") {
		t.Fatalf("err %v", err)
	}
	r = shipped(t, "Out", T)
	if _, err := releases.WatchWindow(ctx, db, r, "3d", nil); backend.ErrorCode(err) != backend.Invalid {
		t.Fatalf("3d window: %v", err)
	}
}

// Without tickets or payments imported, the figures say which import
// fills them.
func TestWatchWindowEmptyWorkspace(t *testing.T) {
	db := newDB(t)
	r := shipped(t, "First", T)
	w, err := releases.WatchWindow(ctx, db, r, "24h", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range w.Figures {
		if f.After != nil || f.Missing == "" {
			t.Errorf("%s: after %s missing %q", f.Key, n(f.After), f.Missing)
		}
	}
	if !strings.Contains(figure(t, w, "tickets").Missing, "Import your helpdesk tickets") {
		t.Errorf("tickets: %q", figure(t, w, "tickets").Missing)
	}
}
