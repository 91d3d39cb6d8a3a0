package workspace

import (
	"testing"
	"time"

	"keel/backend"
	"keel/importers/mapped"
)

func TestMappingsStore(t *testing.T) {
	db := MustCreate(t)
	m := mapped.Mapping{Name: "Our CRM", Kind: "events", Source: "crm", Header: []string{"Event", "User", "When"},
		Signature: mapped.HeaderSignature([]string{"Event", "User", "When"}),
		Columns:   map[string]string{"name": "Event", "user": "User", "time": "When"}, TimeZone: "Europe/Paris"}
	saved, err := db.SaveMapping(m)
	if err != nil {
		t.Fatal(err)
	}
	if saved.Signature != mapped.HeaderSignature(m.Header) || saved.Columns["time"] != "When" || saved.TimeZone != "Europe/Paris" || saved.Source != "crm" {
		t.Errorf("saved = %+v", saved)
	}
	got, ok, err := db.MappingFor(mapped.HeaderSignature([]string{"when", "user", "event"}))
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
	if _, ok, _ := db.MappingFor(mapped.HeaderSignature([]string{"other"})); ok {
		t.Error("found a mapping for another header")
	}
	if _, err := db.SaveMapping(mapped.Mapping{Name: " ", Header: []string{"a"}}); err == nil {
		t.Error("saved a mapping without a name")
	}
}
