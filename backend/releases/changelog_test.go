package releases_test

import (
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"keel/backend"
	"keel/backend/releases"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func read(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestParseChangelog(t *testing.T) {
	ps, err := releases.ParseChangelog("CHANGELOG.md", read(t, "CHANGELOG.md"), time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	type want struct {
		version, title, date, problem string
		kinds                         []string
	}
	wants := []want{
		{"Unreleased", "Slack notifications for alerts.", "", "", []string{"feature"}},
		{"2.4.1", "2.4.1: Invoices of annual plans showed the monthly price.", "2025-03-18", "", []string{"fix"}},
		{"2.4.0", "2.4.0: Usage-based billing for the Scale plan (#412).", "2025-03-11", "", []string{"feature"}},
		{"2.3.0", "2.3.0: Sessions expire after 12 hours of inactivity.", "2025-02-20", "", []string{"fix"}},
		{"2.2.0", "2.2.0: Dark mode.", "", "line 26: version 2.2.0 has no date", []string{"feature"}},
	}
	if len(ps) != len(wants) {
		t.Fatalf("%d proposals: %+v", len(ps), ps)
	}
	for i, w := range wants {
		p := ps[i]
		date := ""
		if p.Date != nil {
			date = p.Date.Format("2006-01-02")
		}
		if p.Version != w.version || p.Title != w.title || date != w.date || !slices.Equal(p.Kinds, w.kinds) ||
			w.problem == "" && p.Problem != "" || w.problem != "" && !strings.Contains(p.Problem, w.problem) {
			t.Errorf("proposal %d: %+v, want %+v", i, p, w)
		}
	}
	if got := ps[2].Sentence; got != "Usage-based billing for the Scale plan (#412). A seat counter on the billing page. Invoices list each seat on its own line." {
		t.Errorf("sentence %q", got)
	}
	if _, err := releases.ParseChangelog("notes.md", "# Notes\n\nJust text.\n", time.UTC); backend.ErrorCode(err) != backend.Invalid || !strings.Contains(err.Error(), "not a Keep a Changelog file") {
		t.Errorf("no headings: %v", err)
	}
}

func TestParseTags(t *testing.T) {
	ps, err := releases.ParseTags("tags.txt", read(t, "tags.txt"), time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	got := []string{}
	for _, p := range ps {
		d := "-"
		if p.Date != nil {
			d = p.Date.UTC().Format(time.RFC3339)
		}
		got = append(got, p.Version+" "+d)
	}
	want := []string{"v2.4.1 2025-03-18T15:02:11Z", "v2.4.0 2025-03-11T09:30:00Z", "v2.3.0 2025-02-20T09:12:45Z", "v2.2.0 2025-01-28T14:00:00Z", "v2.1.0 -"}
	if !slices.Equal(got, want) {
		t.Errorf("tags\n%v\nwant\n%v", got, want)
	}
	if !strings.Contains(ps[4].Problem, "line 5: tag v2.1.0 has no date") {
		t.Errorf("problem %q", ps[4].Problem)
	}
	if _, err := releases.ParseTags("tags.txt", "\n\n# nothing\n", time.UTC); backend.ErrorCode(err) != backend.Invalid {
		t.Errorf("empty: %v", err)
	}
}

func TestFromProposalAndExisting(t *testing.T) {
	ps, _ := releases.ParseChangelog("CHANGELOG.md", read(t, "CHANGELOG.md"), time.UTC)
	shippedRel, err := releases.FromProposal(ps[1], "changelog", now)
	if err != nil {
		t.Fatal(err)
	}
	if shippedRel.Status != releases.RollingOut || !shippedRel.ShippedAt.Equal(*ps[1].Date) || shippedRel.Origin != "changelog" || !releases.Has(shippedRel, "fix") {
		t.Errorf("from a dated version: %+v", shippedRel)
	}
	planned, _ := releases.FromProposal(ps[4], "changelog", now)
	if planned.Status != releases.Planned || planned.ShippedAt != nil {
		t.Errorf("from an undated version: %s %v", planned.Status, planned.ShippedAt)
	}
	releases.MarkExisting(ps, []backend.Release{shippedRel, planned}, time.UTC)
	if !ps[1].Exists || !ps[4].Exists || ps[2].Exists {
		t.Errorf("exists: %v %v %v", ps[1].Exists, ps[4].Exists, ps[2].Exists)
	}
}

func TestChangelogMarkdown(t *testing.T) {
	a := shipped(t, "Usage-based billing", time.Date(2025, 3, 11, 10, 0, 0, 0, time.UTC))
	a.Sentence, a.Clusters = "Scale accounts pay for what they use", []string{"cl_usage"}
	b := shipped(t, "Invoice *layout*", time.Date(2025, 3, 14, 9, 0, 0, 0, time.UTC))
	b.Calls = []backend.Call{{Call: releases.Rollback, At: time.Date(2025, 3, 16, 18, 0, 0, 0, time.UTC)}}
	c := releases.New("Not out", now)
	d := shipped(t, "Dark mode", time.Date(2025, 2, 2, 9, 0, 0, 0, time.UTC))
	d.Clusters = []string{"cl_dark"}
	del := shipped(t, "Deleted", time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC))
	del.DeletedAt = &now
	clusters := map[string]releases.Cluster{
		"cl_usage": {ID: "cl_usage", Title: "Pay per use", People: []releases.Person{{Name: "Ana", Email: "ana@acme.io", Paying: true}, {Name: "Bo", Email: "bo@beta.io"}}},
		"cl_dark":  {ID: "cl_dark", Title: "Dark mode", People: []releases.Person{{Name: "Ana again", Email: "ANA@acme.io"}}},
	}
	cl := releases.MakeChangelog([]backend.Release{d, a, c, b, del}, clusters, "Northwind", time.UTC)
	got := cl.Markdown
	golden := filepath.Join("testdata", "changelog.golden.md")
	if *update {
		os.WriteFile(golden, []byte(got), 0o644)
	}
	if want := read(t, "changelog.golden.md"); got != want {
		t.Errorf("markdown\n%s\nwant\n%s", got, want)
	}
	if len(cl.People) != 2 || cl.People[0].Email != "ana@acme.io" || cl.People[1].Email != "bo@beta.io" || cl.Note != "" {
		t.Errorf("people %+v note %q", cl.People, cl.Note)
	}
	// Without the feedback area, the changelog says where the people come from.
	if cl := releases.MakeChangelog([]backend.Release{a}, nil, "", time.UTC); cl.Note == "" || len(cl.People) != 0 || !strings.Contains(cl.Markdown, "Answers feedback: cl_usage.") {
		t.Errorf("without clusters: %+v", cl)
	}
}
