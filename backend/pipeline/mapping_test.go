package pipeline

import (
	"context"
	"strings"
	"testing"

	"keel/importers/mapped"
)

// An export no importer knows is refused with a pointer to the mapper; once
// a mapping is saved for its header, the same export imports by itself, and
// `--mapping NAME` picks a mapping explicitly.
func TestSavedMappingIsUsedForItsHeader(t *testing.T) {
	db := newDB(t)
	csv := "Action,Who,When\nsignup,ann@acme.io,2026-01-02 10:00:00\nquery,ann@acme.io,2026-01-03 11:00:00\n"
	p := write(t, "tool.csv", []byte(csv))
	first := Run(context.Background(), db, Request{Path: p}, nil)
	if first.Err == nil || !strings.Contains(first.Err.Error(), "--mapping") {
		t.Fatalf("unknown export: %v", first.Err)
	}
	_, err := mapped.Save(db, mapped.Mapping{Name: "Our tool", Kind: "events", Source: "ourtool",
		Header: []string{"Action", "Who", "When"}, Columns: map[string]string{"name": "Action", "user": "Who", "time": "When"}})
	if err != nil {
		t.Fatal(err)
	}
	auto := Run(context.Background(), db, Request{Path: p}, nil)
	if auto.Err != nil || auto.Imported != 2 || auto.Kind != "events" {
		t.Fatalf("auto: %+v %v", auto.Counts, auto.Err)
	}
	named := Run(context.Background(), db, Request{Path: p, Mapping: "Our tool"}, nil)
	if named.Err != nil || named.Duplicates != 2 {
		t.Fatalf("named: %+v %v", named.Counts, named.Err)
	}
	if r := Run(context.Background(), db, Request{Path: p, Mapping: "Nope"}, nil); r.Err == nil {
		t.Error("an unknown mapping name was accepted")
	}
}
