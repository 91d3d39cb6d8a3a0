package keel

import (
	"strings"
	"testing"
	"time"

	"keel/backend"
	"keel/importers"
	"keel/importers/internal/importertest"
)

func TestDetect(t *testing.T) {
	cases := []struct {
		im     importers.Importer
		header string
		want   float64
	}{
		{manualWork{}, "date,account,kind,minutes,note", 0.95},
		{manualWork{}, "Date,Customer,Type of work,Duration (minutes)", 0.95},
		{manualWork{}, "date,account,minutes,note", 0},
		{costLines{}, "date,driver,amount,currency", 0.9},
		{costLines{}, "Month,Cost driver,Cost", 0.9},
		{costLines{}, "date,amount,currency", 0},
		{manualWork{}, "date,driver,amount", 0},
	}
	for _, c := range cases {
		if got := c.im.Detect(importertest.Header(c.header)); got != c.want {
			t.Errorf("%s %q: %v, want %v", c.im.Kind(), c.header, got, c.want)
		}
	}
}

func TestManualWork(t *testing.T) {
	file := "date,account,kind,minutes,note\n" +
		"2026-03-02,ops@acme.example,Refund by hand,15,Double charge\n" +
		"2026-03-02,ops@acme.example,Refund by hand,15,Double charge\n" + // the same again: a second refund
		"2026-03-05,Acme,onboarding_call,45,\n" +
		"2026-03-06,Acme,chat,10,\n" +
		"2026-03-07,Acme,data fix,0,\n" +
		"2026-03-08,,other,5,Tidied the tags\n" +
		"soon,Acme,other,5,\n"
	res := importertest.Bytes(t, manualWork{}, []byte(file), importers.Options{})
	if len(res.Records) != 4 {
		t.Fatalf("records %d, rejects %+v", len(res.Records), res.Rejects)
	}
	first := res.Records[0].(*backend.ManualWork)
	if first.Type != "refund" || first.Minutes != 15 || first.Account != "ops@acme.example" || first.Note != "Double charge" ||
		!first.At.Equal(time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("first %+v", first)
	}
	if res.Records[0].Key() == res.Records[1].Key() || !strings.HasSuffix(res.Records[1].Key(), "#2") {
		t.Errorf("two identical rows share a key: %s %s", res.Records[0].Key(), res.Records[1].Key())
	}
	want := []string{"not a kind of manual work", "not a number of minutes from 1 to 1440", "soon"}
	if len(res.Rejects) != 3 {
		t.Fatalf("rejects %+v", res.Rejects)
	}
	for i, w := range want {
		if !strings.Contains(res.Rejects[i].Reason, w) {
			t.Errorf("reject %d: %q, want %q", i, res.Rejects[i].Reason, w)
		}
	}
	again := importertest.Bytes(t, manualWork{}, []byte(file), importers.Options{})
	if again.Records[2].Key() != res.Records[2].Key() {
		t.Error("keys change between two reads of the same file")
	}
}

func TestCostLines(t *testing.T) {
	res := importertest.Bytes(t, costLines{}, []byte("date,driver,amount,currency\n2026-03-31,E-mails sent,412.80,USD\n2026-03-31,AI calls,1200,JPY\n2026-03-31,Storage,-5,USD\n"), importers.Options{})
	if len(res.Records) != 2 || len(res.Rejects) != 1 || !strings.Contains(res.Rejects[0].Reason, "negative") {
		t.Fatalf("records %+v rejects %+v", res.Records, res.Rejects)
	}
	if c := res.Records[0].(*backend.CostLine); c.Amount != 41280 || c.Currency != "usd" || c.Driver != "E-mails sent" {
		t.Errorf("usd line %+v", c)
	}
	if c := res.Records[1].(*backend.CostLine); c.Amount != 1200 || c.Currency != "jpy" {
		t.Errorf("jpy line %+v", c)
	}
	res = importertest.Bytes(t, costLines{}, []byte("month,driver,cost\n2026-03-01,Storage,12.5\n"), importers.Options{})
	if c := res.Records[0].(*backend.CostLine); c.Amount != 1250 || c.Currency != "" {
		t.Errorf("no currency: %+v", c)
	}
}
