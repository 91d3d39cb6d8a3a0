package feedback

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
	"keel/importers/internal/importertest"
)

func records(t *testing.T, res importertest.Result) map[string]*backend.Feedback {
	t.Helper()
	m := map[string]*backend.Feedback{}
	for _, r := range res.Records {
		f := r.(*backend.Feedback)
		if f.Kind() != "feedback" || f.Key() != f.Source+":"+f.ID {
			t.Errorf("record %+v: kind %q key %q", f, f.Kind(), f.Key())
		}
		m[f.ID] = f
	}
	return m
}

func TestRegistered(t *testing.T) {
	for _, s := range []string{"csv", "canny", "featurebase", "fider"} {
		if im := importers.Find(s, "feedback"); im == nil {
			t.Errorf("%s/feedback not registered", s)
		}
	}
}

// The layout the reviewers' labelled requests come in: id, created_at,
// email, subject, text. Bad rows are rejected with their line and reason.
func TestSheet(t *testing.T) {
	res := importertest.File(t, sheet, "testdata/sheet.csv", importers.Options{})
	if res.Detect < 0.5 {
		t.Fatalf("detect %.2f", res.Detect)
	}
	m := records(t, res)
	if len(m) != 5 || len(res.Rejects) != 3 {
		t.Fatalf("%s", importertest.Summary(res))
	}
	want := []struct {
		line   int
		reason string
	}{{5, "id is empty"}, {6, `"tomorrow" is not a date`}, {7, "neither a title nor a text"}}
	for i, w := range want {
		if res.Rejects[i].Line != w.line || !strings.Contains(res.Rejects[i].Reason, w.reason) {
			t.Errorf("reject %d = %+v, want line %d %q", i, res.Rejects[i], w.line, w.reason)
		}
	}
	a := m["101"]
	if a.Source != "csv" || a.Email != "ana@acme.io" || a.Title != "Export to PDF" || !strings.Contains(a.Text, "PDF") ||
		!a.Created.Equal(time.Date(2025, 3, 2, 10, 15, 0, 0, time.UTC)) {
		t.Errorf("101: %+v", a)
	}
	// Not an address: kept in Attrs, the item stays without a person.
	if c := m["103"]; c.Email != "" || c.Attrs["email"] != "not-an-address" || c.Title != "" || c.Text != "dark mode pls 🌙" {
		t.Errorf("103: %+v", c)
	}
	// HTML and right-to-left text are kept as exported; the Feedback area
	// cleans them for display.
	if g := m["107"]; g.Title != "<b>Slack</b> alerts" || g.Email != "لينا@example.com" {
		t.Errorf("107: %+v", g)
	}
}

func TestFider(t *testing.T) {
	res := importertest.File(t, fider, "testdata/fider.csv", importers.Options{})
	if res.Detect != 0.9 || len(res.Rejects) != 0 {
		t.Fatalf("%s", importertest.Summary(res))
	}
	m := records(t, res)
	a := m["10"]
	if a == nil || a.Source != "fider" || a.Name != "Faceless" || a.Title != "Go is fast" || a.Text != "Very tiny description" ||
		a.Votes == nil || *a.Votes != 4 || a.Status != "declined" || strings.Join(a.Tags, " ") != "easy ignored" ||
		a.Attrs["response"] != "Nothing we need to do" {
		t.Errorf("10: %+v", a)
	}
	if b := m["15"]; b == nil || b.Text != "" || b.Title != "Go is great" {
		t.Errorf("15: %+v", b)
	}
}

func TestCannyAndFeaturebase(t *testing.T) {
	res := importertest.File(t, canny, "testdata/canny.csv", importers.Options{})
	if res.Detect < 0.8 || len(res.Records) != 2 {
		t.Fatalf("%s", importertest.Summary(res))
	}
	m := records(t, res)
	if a := m["5f1a"]; a.Email != "mia@wong.co" || a.Board != "Feature Requests" || *a.Votes != 12 || a.Name != "Mia Wong" ||
		!strings.HasPrefix(a.URL, "https://") || a.Attrs["Category"] != "Integrations" {
		t.Errorf("5f1a: %+v", a)
	}
	res = importertest.File(t, featurebase, "testdata/featurebase.csv", importers.Options{})
	if res.Detect < 0.8 || len(res.Records) != 1 {
		t.Fatalf("%s", importertest.Summary(res))
	}
	if f := records(t, res)["fb_01"]; f.Text != "We want dashboards.ourcompany.com" || *f.Votes != 8 || f.Email != "kim@lee.dev" {
		t.Errorf("fb_01: %+v", f)
	}
}

// Among every registered importer, each layout goes to its own.
func TestDetectAmongAll(t *testing.T) {
	for file, want := range map[string]string{"sheet.csv": "csv", "fider.csv": "fider", "canny.csv": "canny", "featurebase.csv": "featurebase"} {
		h := header(t, filepath.Join("testdata", file))
		ms := importers.Detect(h)
		if len(ms) == 0 || ms[0].Importer.Source() != want || ms[0].Importer.Kind() != "feedback" || ms[0].Confidence < 0.5 {
			t.Errorf("%s: detected %+v, want %s/feedback", file, ms, want)
		}
	}
	// The minimal header of the issue.
	ms := importers.Detect(csvfile.NewHeader("id", "created_at", "email", "subject", "text"))
	if len(ms) == 0 || ms[0].Importer.Kind() != "feedback" {
		t.Errorf("id, created_at, email, subject, text: %+v", ms)
	}
	// A helpdesk-looking export is not claimed with confidence.
	if c := sheet.Detect(csvfile.NewHeader("id", "created_at", "email", "subject", "assignee", "priority")); c >= 0.5 {
		t.Errorf("helpdesk header claimed at %.2f", c)
	}
}

// None of the feedback layouts claims another tool's export: the real
// samples and every importer's own test files.
func TestClaimsNoOtherExport(t *testing.T) {
	var files []string
	for _, dir := range []string{importertest.RealDir, ".."} {
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".csv") && !strings.Contains(p, "importers/feedback/") &&
				!strings.Contains(filepath.ToSlash(p), "../feedback/") {
				files = append(files, p)
			}
			return nil
		})
	}
	if len(files) < 20 {
		t.Fatalf("only %d files", len(files))
	}
	t.Logf("%d files", len(files))
	for _, p := range files {
		h := header(t, p)
		for _, im := range []Importer{fider, canny, featurebase, sheet} {
			if c := im.Detect(h); c >= 0.5 {
				t.Errorf("%s claims %s at %.2f", im.Label(), p, c)
			}
		}
	}
}

func header(t *testing.T, path string) *csvfile.Header {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rd, err := csvfile.Open(f)
	if err != nil {
		return nil
	}
	return rd.Header()
}
