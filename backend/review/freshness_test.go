package review

import (
	"strings"
	"testing"
	"time"

	"keel/backend/workspace"
)

func TestFreshness(t *testing.T) {
	feb := mo("2026-02")
	now := time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC)
	at := func(y int, m time.Month, d int) *time.Time { t := time.Date(y, m, d, 12, 0, 0, 0, time.UTC); return &t }
	stats := []workspace.SourceStat{
		{Source: "stripe", Kind: "payments", Rows: 10, To: at(2026, 2, 27)},
		{Source: "stripe", Kind: "customers", Rows: 10, To: at(2026, 1, 20), LastImport: at(2026, 3, 2)}, // quiet, exported in March
		{Source: "stripe", Kind: "invoices", Rows: 10, To: at(2026, 2, 10), LastImport: at(2026, 3, 2)},  // stops mid-month
		{Source: "zendesk", Kind: "tickets", Rows: 10, To: at(2026, 3, 1)},
		{Source: "stripe", Kind: "subscriptions", Rows: 3, To: nil}, // undated
	}
	st := freshness(stats, feb, time.UTC, now)
	var got []string
	for _, m := range st.Missing {
		got = append(got, m.Source+"/"+m.Kind)
	}
	if want := "stripe/invoices stripe/subscriptions analytics/events"; strings.Join(got, " ") != want {
		t.Errorf("missing %v, want %s", got, want)
	}
	if want := "Missing before you trust February: Stripe invoices (to 10 Feb 2026), Stripe subscriptions (undated) and analytics data."; st.Reading != want {
		t.Errorf("reading %q\n want %q", st.Reading, want)
	}
	if !strings.Contains(st.Missing[0].Text, "the newest record is from 10 Feb 2026; import an export made after 28 Feb 2026") {
		t.Errorf("text %q", st.Missing[0].Text)
	}
	all := freshness(stats[:2], feb, time.UTC, time.Date(2026, 2, 20, 0, 0, 0, 0, time.UTC))
	if !strings.HasPrefix(all.Reading, "February 2026 has not ended yet") {
		t.Errorf("reading of an open month: %q", all.Reading)
	}
	if len(st.NotTracked) != 2 { // feedback and manual work: releases are tracked
		t.Errorf("not tracked: %v", st.NotTracked)
	}
}
