package amplitude

import (
	"strings"
	"testing"
	"time"

	"keel/backend"
	"keel/importers"
	"keel/importers/internal/importertest"
)

func TestRegistered(t *testing.T) {
	if _, ok := importers.Find("amplitude", "events").(importers.LineImporter); !ok {
		t.Fatal("amplitude events is not a registered line importer")
	}
}

func TestExport(t *testing.T) {
	res := importertest.File(t, Events{}, "testdata/export.json", importers.Options{})
	importertest.Golden(t, "export.golden", importertest.Summary(res))
	if !res.Lines || res.Detect != 0.95 || len(res.Records) != 3 || len(res.Rejects) != 3 {
		t.Fatalf("%s", importertest.Summary(res))
	}
	want := map[int]string{4: "not valid JSON", 5: `"event_time" is missing`, 6: `"yesterday" is not a date`}
	for _, r := range res.Rejects {
		if !strings.Contains(r.Reason, want[r.Line]) {
			t.Errorf("line %d: %q, want it to say %q", r.Line, r.Reason, want[r.Line])
		}
	}
	m := map[string]*backend.Event{}
	for _, r := range res.Records {
		m[r.(*backend.Event).Name] = r.(*backend.Event)
	}
	s := m["Signed Up"]
	if s.ID != "5a2d1c7e-0000-4000-8000-000000000001" || s.DistinctID != "Ann@Example.com" || s.Email != "ann@example.com" ||
		!s.Time.Equal(time.Date(2024, 1, 5, 10, 0, 0, 123e6, time.UTC)) || s.Attrs["source"] != "ad" || s.Attrs["count"] != "3" ||
		s.Attrs["user.plan"] != "pro" || s.Attrs["$country"] != "Germany" || s.Attrs["$device_id"] != "dev-1" ||
		s.Attrs["$amplitude_id"] != "987654321" || s.Attrs["$data"] != `{"path":"/"}` || s.Attrs["$groups"] != "" ||
		s.Attrs["$version_name"] != "" || s.Attrs["$insert_id"] != "" {
		t.Errorf("Signed Up: %s", importertest.Event(s))
	}
	// Anonymous: the device id is the distinct id; the insert id is the id.
	if p := m["Page Viewed"]; p.DistinctID != "dev-2" || p.ID != "ins-2" || p.Attrs["path"] != "/pricing" {
		t.Errorf("Page Viewed: %s", importertest.Event(p))
	}
	if c := m["Clicked"]; !strings.HasPrefix(c.ID, "row-") || c.DistinctID != "u3" {
		t.Errorf("Clicked: %s", importertest.Event(c))
	}
}

func TestDetectLines(t *testing.T) {
	for head, want := range map[string]float64{
		`{"event_type":"a","event_time":"2024-01-01 00:00:00","user_id":"u"}` + "\n": 0.95,
		`{"event_type":"a","uuid":"x"}` + "\n":                                       0.9,
		`{"event_type":"a"}` + "\n":                                                  0,
		`{"event":"a","properties":{"time":1}}` + "\n":                               0,
		"event_type,user_id\n":                                                       0,
	} {
		if got := (Events{}).DetectLines([]byte(head)); got != want {
			t.Errorf("DetectLines(%q) = %v, want %v", head, got, want)
		}
	}
}

func TestCSVRefused(t *testing.T) {
	if (Events{}).Detect(nil) != 0 {
		t.Error("claims a CSV")
	}
	if _, err := (Events{}).Bind(nil, importers.Options{}); err == nil || !strings.Contains(err.Error(), "JSON lines") {
		t.Errorf("Bind = %v", err)
	}
}
