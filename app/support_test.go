package app

import (
	"context"
	"strings"
	"testing"

	"keel/backend/accounts"
	"keel/backend/support"
)

func TestSupportScreenOnTheDemo(t *testing.T) {
	s, _ := onDemo(t)
	ov, err := NewSupport(s).Overview("")
	if err != nil {
		t.Fatal(err)
	}
	if ov.Month.String() != "2026-02" || !ov.HasTickets || ov.Missing != nil || len(ov.Chart) == 0 || ov.First.String() > "2025-01" {
		t.Fatalf("overview = %+v", ov.Period)
	}
	db, _ := s.workspace()
	rep := loadSet(t, s, "2025-03", "2026-02")
	read := map[string]func(support.Figures) *float64{
		"tickets_per_active_account": func(m support.Figures) *float64 { return m.TicketsPerActiveAccount },
		"tickets":                    func(m support.Figures) *float64 { return i2f(m.Tickets) },
		"first_reply_minutes_p50":    func(m support.Figures) *float64 { return i2f(m.FirstReplyMinutesP50) },
		"resolution_minutes_p50":     func(m support.Figures) *float64 { return i2f(m.ResolutionMinutesP50) },
		"satisfaction":               func(m support.Figures) *float64 { return m.Satisfaction },
		"active_accounts":            func(m support.Figures) *float64 { return i2f(m.ActiveAccounts) },
	}
	if len(ov.Tiles) != len(read) {
		t.Fatalf("%d tiles", len(ov.Tiles))
	}
	for key, f := range read {
		tl := tileOf(t, ov.Tiles, key)
		for i, v := range tl.Values {
			if want := f(rep.Months[i].Support); !same(v, want) {
				t.Errorf("%s %s: tile %s, keel metrics %s", key, tl.Months[i], show(v), show(want))
			}
		}
		if tl.Value == nil || tl.Rule == "" || len(tl.Spark) == 0 {
			t.Errorf("tile %s = %+v", key, tl)
		}
	}
	feb := rep.Months[11].Support
	if n := tileOf(t, ov.Tiles, "first_reply_minutes_p50").Note; n == nil || !same(n.Value, i2f(feb.FirstReplyMinutesP90)) || n.Unit != "minutes" {
		t.Errorf("first reply p90 note = %+v", n)
	}
	if n := tileOf(t, ov.Tiles, "resolution_minutes_p50").Note; n == nil || !same(n.Value, i2f(feb.ResolutionMinutesP90)) {
		t.Errorf("resolution p90 note = %+v", n)
	}
	if tileOf(t, ov.Tiles, "tickets_per_active_account").Better != "down" {
		t.Error("more tickets per account is bad news")
	}
	if len(ov.Months) != 12 || ov.Months[0].Month.String() != "2026-02" || *ov.Months[0].Tickets != *feb.Tickets {
		t.Errorf("months table starts %+v", ov.Months[0])
	}

	// Tags and channels are February's, with January's next to them.
	only, err := support.Load(context.Background(), db, mo("2026-02"), mo("2026-02"))
	if err != nil {
		t.Fatal(err)
	}
	if len(ov.Tags) == 0 || len(ov.Tags) != len(only.Tags) || ov.Tags[0].Key != only.Tags[0].Key || ov.Tags[0].Tickets != only.Tags[0].Tickets {
		t.Errorf("tags = %+v, want %+v", ov.Tags, only.Tags)
	}
	var sum int64
	for _, c := range ov.Channels {
		sum += c.Tickets
	}
	if len(ov.Channels) == 0 || sum != *feb.Tickets {
		t.Errorf("channels add up to %d, not %d tickets", sum, *feb.Tickets)
	}
	// Every ticket of the month has a plan (or none) and a stage.
	for name, rows := range map[string][]BreakdownRow{"plan": ov.ByPlan, "stage": ov.ByStage} {
		var n int64
		for i, r := range rows {
			n += r.Tickets
			if r.Label == "" || len(r.Months) != 12 || r.Months[11] != r.Tickets || i > 0 && rows[i-1].Tickets < r.Tickets {
				t.Errorf("%s row %+v", name, r)
			}
		}
		if n != *feb.Tickets {
			t.Errorf("tickets by %s add up to %d, not %d", name, n, *feb.Tickets)
		}
	}
	un, _ := accounts.Unlinked(context.Background(), db)
	if ov.UnlinkedTotal != un.Tickets || ov.UnlinkedTotal == 0 || ov.Unlinked != ov.Months[0].Unlinked {
		t.Errorf("unlinked %d of %d (backend %d)", ov.Unlinked, ov.UnlinkedTotal, un.Tickets)
	}
	var stages []string
	for _, r := range ov.ByStage {
		stages = append(stages, r.Key)
	}
	if !strings.Contains(strings.Join(stages, ","), "unlinked") {
		t.Errorf("stages %v: the unlinked tickets are not counted", stages)
	}
}

func TestSupportScreenWithoutTickets(t *testing.T) {
	s := onEmpty(t)
	ov, err := NewSupport(s).Overview("2026-01")
	if err != nil {
		t.Fatal(err)
	}
	if ov.HasTickets || ov.Missing == nil || ov.Missing.Source != "zendesk" || ov.Chart != nil || len(ov.Tags) != 0 {
		t.Fatalf("overview = %+v", ov)
	}
	for _, tl := range ov.Tiles {
		// Active accounts come from billing and analytics, not the helpdesk.
		want := "helpdesk"
		if tl.Key == "active_accounts" {
			want = "active accounts are the accounts that pay or use the product"
		}
		if tl.Value != nil || !strings.Contains(tl.Missing, want) {
			t.Errorf("tile %s = %s, %q", tl.Key, show(tl.Value), tl.Missing)
		}
	}
}
