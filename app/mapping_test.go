package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"keel/backend"
	"keel/importers/mapped"
)

const toolCSV = "Action,Who,When,Browser\n" +
	"signed_up,ann@acme.io,2026-01-02 10:00:00,Firefox\n" +
	"report_created,ann@acme.io,2026-01-03 11:00:00,Firefox\n" +
	"report_created,bob@acme.io,yesterday,Safari\n"

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestMapperSaveAndReuseThroughImports(t *testing.T) {
	s := onEmpty(t)
	m, im := NewMapper(s), NewImports(s)
	file := writeFile(t, "tool-export (2).csv", toolCSV)

	// Keel does not recognise the file: the preview has no kind, and an
	// import without one is refused with a pointer to the mapper.
	pv := im.Preview([]string{file})[0]
	if pv.Source != "" || pv.Mapping != "" || len(pv.Header) != 4 {
		t.Fatalf("preview of an unknown export = %+v", pv)
	}
	reps, _ := im.Run([]Item{{Path: file}})
	if reps[0].Error == nil || !strings.Contains(reps[0].Error.Message, "Map columns") {
		t.Fatalf("unknown export: %+v", reps[0].Error)
	}

	kinds, err := m.Kinds()
	if err != nil || len(kinds) != 6 || kinds[0].Kind != "events" || kinds[5].Kind != "flags" || len(kinds[0].Fields) == 0 || !kinds[0].Fields[0].Required {
		t.Fatalf("kinds = %+v, %v", kinds, err)
	}
	f, err := m.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	if f.Name != "tool-export" || f.Kind != "events" || len(f.Rows) != 3 || f.Existing != nil || f.Guesses["events"]["name"] != "Action" {
		t.Fatalf("open = %+v", f)
	}

	// The live preview: a required field without a column is a problem to
	// fix, not an error; then each row parses or says why not.
	mp := mapped.Mapping{Name: "Our tool", Kind: "events", Columns: map[string]string{"name": "Action", "user": "Who"}}
	p, err := m.Preview(file, mp)
	if err != nil || p.Problem == "" || !strings.Contains(strings.ToLower(p.Problem), "time") || len(p.Rows) != 0 {
		t.Fatalf("preview without time = %+v, %v", p, err)
	}
	mp.Columns["time"] = "When"
	p, err = m.Preview(file, mp)
	if err != nil || p.Problem != "" || len(p.Rows) != 3 || p.Good != 2 {
		t.Fatalf("preview = %+v, %v", p, err)
	}
	r0 := p.Rows[0]
	if r0.Line != 2 || r0.Values["name"] != "signed_up" || r0.Values["time"] != "2026-01-02T10:00:00Z" || r0.Values["email"] != "ann@acme.io" {
		t.Errorf("first row = %+v", r0)
	}
	if bad := p.Rows[2]; bad.Line != 4 || !strings.Contains(bad.Problem, "yesterday") {
		t.Errorf("bad row = %+v", bad)
	}

	if _, err := m.Save(file, mapped.Mapping{Name: "", Kind: "events", Columns: mp.Columns}); backend.ErrorCode(err) != backend.Invalid {
		t.Errorf("a mapping without a name: %v", err)
	}
	mp.Columns["email"] = "" // an unset select: no column
	saved, err := m.Save(file, mp)
	if err != nil {
		t.Fatal(err)
	}
	if saved.Source != "our-tool" || len(saved.Header) != 4 || saved.Signature == "" || saved.Columns["email"] != "" {
		t.Errorf("saved = %+v", saved)
	}

	// The next preview of the file knows its mapping, and Run uses it.
	pv = im.Preview([]string{file})[0]
	if pv.Mapping != "Our tool" || pv.Kind != "events" || pv.Confidence != 1 || !strings.Contains(pv.Label, "Our tool") {
		t.Fatalf("preview with a saved mapping = %+v", pv)
	}
	reps, err = im.Run([]Item{{Path: file, Mapping: pv.Mapping}})
	if err != nil || reps[0].Error != nil || reps[0].Imported != 2 || reps[0].Rejected != 1 || reps[0].RejectedRows[0].Line != 4 {
		t.Fatalf("import with the mapping: %+v %v", reps, err)
	}
	// Another export of the same tool, columns in another order: detected.
	second := writeFile(t, "tool-march.csv", "When,Who,Action,Browser\n2026-03-01 09:00:00,carl@acme.io,signed_up,Edge\n")
	reps, _ = im.Run([]Item{{Path: second}})
	if reps[0].Error != nil || reps[0].Imported != 1 || reps[0].Source != "our-tool" {
		t.Fatalf("reuse by header: %+v", reps[0])
	}
	ev, err := NewUsers(s).Events()
	if err != nil || len(ev) != 2 {
		t.Errorf("events after the mapped imports = %+v, %v", ev, err)
	}
	if f2, _ := m.Open(second); f2.Existing == nil || f2.Existing.Name != "Our tool" || f2.Name != "Our tool" {
		t.Errorf("reopening a mapped file: %+v", f2.Existing)
	}

	list, err := m.List()
	if err != nil || len(list) != 1 || list[0].Name != "Our tool" || list[0].KindLabel != "Product events" || list[0].Fields != 3 {
		t.Fatalf("list = %+v, %v", list, err)
	}
	if err := m.Delete("Our tool"); err != nil {
		t.Fatal(err)
	}
	if list, _ := m.List(); len(list) != 0 {
		t.Errorf("after delete: %+v", list)
	}
	if err := m.Delete("Our tool"); backend.ErrorCode(err) != backend.NotFound {
		t.Errorf("deleting twice: %v", err)
	}
	if pv := im.Preview([]string{file})[0]; pv.Mapping != "" {
		t.Errorf("a deleted mapping is still offered: %+v", pv)
	}
}

func TestMapperRefusesWhatItCannotRead(t *testing.T) {
	s := onEmpty(t)
	m := NewMapper(s)
	if _, err := m.Open(filepath.Join(t.TempDir(), "missing.csv")); backend.ErrorCode(err) != backend.NotFound {
		t.Errorf("missing file: %v", err)
	}
	pay := writeFile(t, "orders.csv", "Order,Total,Date\nA1,12.50,2026-01-02\n")
	f, err := m.Open(pay)
	if err != nil || f.Kind != "payments" {
		t.Fatalf("open orders = %+v, %v", f, err)
	}
	// Payments need a currency: a column or one for the whole file.
	p, err := m.Preview(pay, mapped.Mapping{Kind: "payments", Columns: f.Guesses["payments"]})
	if err != nil || !strings.Contains(p.Problem, "currency") {
		t.Fatalf("preview without a currency = %+v, %v", p, err)
	}
	p, err = m.Preview(pay, mapped.Mapping{Kind: "payments", Columns: f.Guesses["payments"], Currency: "eur"})
	if err != nil || p.Good != 1 || p.Rows[0].Values["amount"] != int64(1250) || p.Rows[0].Values["currency"] != "eur" {
		t.Fatalf("preview = %+v, %v", p, err)
	}
}
