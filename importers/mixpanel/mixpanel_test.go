package mixpanel

import (
	"strings"
	"testing"
	"time"

	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
	"keel/importers/internal/importertest"
)

func TestRegistered(t *testing.T) {
	if _, ok := importers.Find("mixpanel", "events").(importers.LineImporter); !ok {
		t.Fatal("mixpanel events is not a registered line importer")
	}
}

func events(res importertest.Result) map[string]*backend.Event {
	m := map[string]*backend.Event{}
	for _, r := range res.Records {
		e := r.(*backend.Event)
		m[e.Name] = e
	}
	return m
}

func TestJSONLines(t *testing.T) {
	res := importertest.File(t, Events{}, "testdata/export.jsonl", importers.Options{})
	importertest.Golden(t, "export.golden", importertest.Summary(res))
	if !res.Lines || res.Detect != 0.95 || len(res.Records) != 4 || len(res.Rejects) != 3 {
		t.Fatalf("%s", importertest.Summary(res))
	}
	want := map[int]string{5: "not valid JSON", 6: `"properties.time" is missing`, 7: "not a JSON object"}
	for _, r := range res.Rejects {
		if !strings.Contains(r.Reason, want[r.Line]) {
			t.Errorf("line %d: %q, want it to say %q", r.Line, r.Reason, want[r.Line])
		}
	}
	m := events(res)
	s := m["Signed Up"]
	if s.ID != "hpuDqcvpltpCjBsebtxwadtEBDnFAdycabFb" || s.DistinctID != "user123" || s.Email != "ann@example.com" ||
		!s.Time.Equal(time.Unix(1602611311, 0)) || s.Attrs["plan"] != "pro" || s.Attrs["mp_processing_time_ms"] != "1602625711874" ||
		s.Attrs["$browser"] != "Chrome" || s.Attrs["time"] != "" {
		t.Errorf("Signed Up: %s", importertest.Event(s))
	}
	if p := m["Purchase"]; p.Attrs["amount"] != "29.5" || p.Attrs["items"] != `["a","b"]` || p.Attrs["coupon"] != "" || p.Email != "" {
		t.Errorf("Purchase: %s", importertest.Event(p))
	}
	// Milliseconds, no insert id (a hash), distinct id an e-mail.
	if v := m["Page View"]; !v.Time.Equal(time.UnixMilli(1602787121512)) || !strings.HasPrefix(v.ID, "row-") || v.Email != "bob@shop.io" {
		t.Errorf("Page View: %s", importertest.Event(v))
	}
	if f := m["Float time"]; !f.Time.Equal(time.Unix(1602787121, 250e6)) {
		t.Errorf("Float time: %s", importertest.Event(f))
	}
	// The same line gives the same id.
	again := importertest.File(t, Events{}, "testdata/export.jsonl", importers.Options{})
	if events(again)["Page View"].ID != m["Page View"].ID {
		t.Error("hash id is not stable")
	}
}

func TestCSV(t *testing.T) {
	res := importertest.File(t, Events{}, "testdata/events.csv", importers.Options{})
	importertest.Golden(t, "events_csv.golden", importertest.Summary(res))
	if res.Lines || res.Detect != 0.9 || len(res.Records) != 3 || len(res.Rejects) != 1 || res.Rejects[0].Line != 5 {
		t.Fatalf("%s", importertest.Summary(res))
	}
	m := events(res)
	if s := m["Signed Up"]; s.ID != "ins-1" || !s.Time.Equal(time.Unix(1602611311, 0)) || s.Attrs["$browser"] != "Chrome" || s.Attrs["plan"] != "pro" {
		t.Errorf("Signed Up: %s", importertest.Event(s))
	}
	if p := m["Purchase"]; !p.Time.Equal(time.Date(2020, 10, 15, 18, 38, 41, 0, time.UTC)) {
		t.Errorf("Purchase: %s", importertest.Event(p))
	}
	if v := m["Page View"]; !v.Time.Equal(time.UnixMilli(1602787121512)) || v.Email != "carol@example.com" || !strings.HasPrefix(v.ID, "row-") {
		t.Errorf("Page View: %s", importertest.Event(v))
	}
}

func TestDetect(t *testing.T) {
	for hdr, want := range map[string]float64{
		"event,distinct_id,time":                                                   0.85,
		"event,distinct_id,time,$insert_id":                                        0.9,
		"Event Name,Distinct ID,Time,$os":                                          0.9,
		"event,distinct_id,timestamp":                                              0, // PostHog
		"id,distinct_id,properties.$browser,event,timestamp,person,elements_chain": 0,
	} {
		if got := (Events{}).Detect(csvfile.NewHeader(strings.Split(hdr, ",")...)); got != want {
			t.Errorf("Detect(%s) = %v, want %v", hdr, got, want)
		}
	}
	for head, want := range map[string]float64{
		`{"event":"a","properties":{"time":1,"distinct_id":"x"}}` + "\n": 0.95,
		"\n\n" + `{"event":"a","properties":{}}` + "\n":                  0.8,
		`{"event_type":"a","event_time":"2024-01-01 00:00:00"}` + "\n":   0,
		`{"event":"a"}` + "\n":     0,
		"event,distinct_id,time\n": 0,
	} {
		if got := (Events{}).DetectLines([]byte(head)); got != want {
			t.Errorf("DetectLines(%q) = %v, want %v", head, got, want)
		}
	}
}

// TestRealRawExport reads the real raw export saved under a .csv name
// (shared/fixtures/real/mixpanel). The figures were counted over the raw
// file with a separate script: 500 lines, 2 of them repeat an event of a
// few lines before (same event, distinct_id, time and $insert_id), 498
// events: 391 data-event, 88 PaymentPage, 19 $identify, from 98 distinct
// ids, between unix times 1665450723 and 1665658229.
func TestRealRawExport(t *testing.T) {
	importertest.NeedReal(t)
	res := importertest.File(t, Events{}, importertest.RealDir+"/mixpanel/raw_export_jsonl_named_csv/mixpanel.csv", importers.Options{})
	if !res.Lines || res.Detect < 0.9 || len(res.Rejects) != 0 || res.Duplicates != 2 || len(res.Records) != 498 {
		t.Fatalf("lines %v detect %.2f rejects %v duplicates %d records %d", res.Lines, res.Detect, res.Rejects, res.Duplicates, len(res.Records))
	}
	names := map[string]int{}
	users := map[string]bool{}
	keys := map[string]bool{}
	first, last := time.Unix(1665450723, 0), time.Unix(1665658229, 0)
	for _, r := range res.Records {
		e := r.(*backend.Event)
		names[e.Name]++
		users[e.DistinctID] = true
		keys[e.Key()] = true
		if e.Time.Before(first) || e.Time.After(last) {
			t.Errorf("%s at %s, outside the file's times", e.ID, e.Time)
		}
	}
	if names["data-event"] != 391 || names["PaymentPage"] != 88 || names["$identify"] != 19 || len(names) != 3 {
		t.Errorf("events by name %v", names)
	}
	if len(users) != 98 || len(keys) != 498 {
		t.Errorf("%d distinct ids, %d keys", len(users), len(keys))
	}
}
