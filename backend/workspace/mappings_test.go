package workspace

import (
	"testing"
	"time"

	"keel/backend"
)

func TestHeaderSignature(t *testing.T) {
	base := HeaderSignature([]string{"Event", "User ID", "When"})
	for _, same := range [][]string{
		{"event", "user id", "when"},
		{"When", "\uFEFFEvent", "  User   ID "},
		{`"Event"`, "User ID", "When"},
	} {
		if got := HeaderSignature(same); got != base {
			t.Errorf("%q: %s, want %s", same, got, base)
		}
	}
	for _, other := range [][]string{
		{"Event", "User ID"},
		{"Event", "User ID", "When", "Extra"},
		{"Event", "UserID", "When"},
	} {
		if HeaderSignature(other) == base {
			t.Errorf("%q has the same signature", other)
		}
	}
}

func TestMappingsStore(t *testing.T) {
	db := MustCreate(t)
	m := Mapping{Name: "Our CRM", Kind: "events", Source: "crm", Header: []string{"Event", "User", "When"},
		Columns: map[string]string{"name": "Event", "user": "User", "time": "When"}, TimeZone: "Europe/Paris"}
	saved, err := db.SaveMapping(m)
	if err != nil {
		t.Fatal(err)
	}
	if saved.Signature != HeaderSignature(m.Header) || saved.Columns["time"] != "When" || saved.TimeZone != "Europe/Paris" || saved.Source != "crm" {
		t.Errorf("saved = %+v", saved)
	}
	got, ok, err := db.MappingFor(HeaderSignature([]string{"when", "user", "event"}))
	if err != nil || !ok || got.Name != "Our CRM" {
		t.Fatalf("MappingFor = %+v, %v, %v", got, ok, err)
	}
	// A newer mapping for the same header wins.
	db.Now = func() time.Time { return time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC) }
	m2 := m
	m2.Name = "CRM v2"
	if _, err := db.SaveMapping(m2); err != nil {
		t.Fatal(err)
	}
	if got, _, _ := db.MappingFor(saved.Signature); got.Name != "CRM v2" {
		t.Errorf("newest = %q", got.Name)
	}
	// Saving under an existing name replaces it.
	m.Columns["time"] = "User"
	if _, err := db.SaveMapping(m); err != nil {
		t.Fatal(err)
	}
	all, err := db.Mappings()
	if err != nil || len(all) != 2 || all[0].Name != "CRM v2" || all[1].Columns["time"] != "User" {
		t.Errorf("mappings = %+v, %v", all, err)
	}
	if err := db.DeleteMapping("CRM v2"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Mapping("CRM v2"); backend.ErrorCode(err) != backend.NotFound {
		t.Errorf("after delete: %v", err)
	}
	if err := db.DeleteMapping("nope"); backend.ErrorCode(err) != backend.NotFound {
		t.Errorf("delete unknown: %v", err)
	}
	if _, ok, _ := db.MappingFor(HeaderSignature([]string{"other"})); ok {
		t.Error("found a mapping for another header")
	}
	if _, err := db.SaveMapping(Mapping{Name: " ", Header: []string{"a"}}); backend.ErrorCode(err) != backend.Invalid {
		t.Errorf("no name: %v", err)
	}
}
