package similar

import (
	"slices"
	"strings"
	"testing"
)

func TestTerms(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Please add a dark theme!", "darkmod"},
		{"Single sign-on with Okta", "sso okta sso"},
		{"Doesn't work on my iPhone", "work iphon mobil"},
		{"<b>Export</b> to PDF &amp; CSV", "export pdf amp csv"},
		{"2FA / MFA for admins", "2fa 2fa admin"},
		{"مرحبا بالعالم", "مرحبا بالعالم"},
		{"Rate-limited: 429 Too Many Requests", "ratelimit ratelimit ratelimit"},
		{"Download graphs, notify the team by alert", "export chart notif notif"},
		{"Public URL (shareable) for the sample docs", "public link share exampl doc"},
	} {
		if got := strings.Join(terms(c.in, nil), " "); got != c.want {
			t.Errorf("terms(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	// A 1 MB text is read up to maxWords words.
	if n := len(words(strings.Repeat("export dashboards ", 1<<16), maxWords)); n > maxWords+1 {
		t.Errorf("words of a huge text: %d", n)
	}
}

func TestTypos(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"exprot", "export", true}, {"zappier", "zapier", true}, {"calender", "calendar", true},
		{"changed", "charged", false}, {"teams", "team", false}, {"adress", "address", true}, {"export", "import", false},
	} {
		if got := oneEdit(c.a, c.b); got != c.want {
			t.Errorf("oneEdit(%q, %q) = %v", c.a, c.b, got)
		}
	}
	s := newSpeller()
	for _, w := range []string{"zapier", "zapier", "zapier", "zappier", "teams", "team", "team", "team"} {
		s.see(w)
	}
	if s.fix("zappier") != "zapier" || s.fix("teams") != "teams" || s.fix("zapier") != "zapier" {
		t.Errorf("fix: %q %q", s.fix("zappier"), s.fix("teams"))
	}
}

func TestMarksKeepToolsApart(t *testing.T) {
	got := Suggest([]Doc{
		{Title: "Slack notifications", Time: 1}, {Title: "Send notifications to Slack", Time: 2},
		{Title: "Send notifications to MS Teams", Text: "We don't use Slack", Time: 3},
		{Title: "Export dashboards to PDF", Time: 4}, {Title: "Export dashboards to Excel", Time: 5},
		{Title: "Import dashboards from Excel", Time: 6},
	}, Defaults)
	if got[0] != got[1] {
		t.Errorf("the two Slack requests are apart: %v", got)
	}
	for _, p := range [][2]int{{1, 2}, {3, 4}, {4, 5}} {
		if got[p[0]] == got[p[1]] {
			t.Errorf("%d and %d are together: %v", p[0], p[1], got)
		}
	}
}

// Reports of one outage share few words but arrive together; the same
// words a week later are another matter.
func TestIncident(t *testing.T) {
	h := int64(3600)
	got := Suggest([]Doc{
		{Title: "Site down?", Time: 10 * h}, {Title: "Getting 502 bad gateway", Time: 10*h + 600},
		{Title: "Is there an outage?", Text: "nothing loads", Time: 11 * h},
		{Title: "Getting 502 errors", Time: 200 * h},
	}, Defaults)
	if got[0] != got[1] || got[1] != got[2] || got[3] == got[0] {
		t.Errorf("incident: %v", got)
	}
	// A report sharing one word with the outage's cluster is still one.
	got = Suggest([]Doc{
		{Title: "Site down?", Time: 10 * h}, {Title: "Is there an outage?", Time: 10*h + 300},
		{Title: "Site unreachable from Europe", Time: 10*h + 600},
	}, Defaults)
	if got[0] != got[1] || got[1] != got[2] {
		t.Errorf("incident sharing one word: %v", got)
	}
	// "down" as a direction is no outage.
	for text, want := range map[string]bool{"Site down?": true, "Drill down from a chart to rows": false, "a drop down for status": false} {
		if isIncident(words(text, maxWords)) != want {
			t.Errorf("isIncident(%q) != %v", text, want)
		}
	}
}

// Placing more documents never moves the earlier ones: cluster ids are
// stable as items arrive.
func TestStableAsDocumentsArrive(t *testing.T) {
	docs := []Doc{
		{Title: "Dark mode", Time: 1}, {Title: "Please add a dark theme", Time: 2}, {Title: "SSO with Okta", Time: 3},
		{Title: "SAML single sign-on", Time: 4}, {Title: "Export to PDF", Time: 5},
	}
	c := NewCorpus(docs, Defaults)
	cs := NewClusters(c, Defaults)
	for i := range docs {
		cs.Place(i, itoa(i), nil)
	}
	before := []string{cs.Of(0), cs.Of(1), cs.Of(2), cs.Of(3), cs.Of(4)}
	if before[0] != before[1] || before[2] != before[3] || before[0] == before[2] {
		t.Fatalf("first pass: %v", before)
	}
	more := []Doc{{Title: "night mode for the app", Time: 6}, {Title: "Okta SSO login", Time: 7}, {Title: "dark UI", Time: 8}}
	for _, d := range more {
		i := c.Add(d)
		cs.Place(i, itoa(i), nil)
	}
	after := []string{cs.Of(0), cs.Of(1), cs.Of(2), cs.Of(3), cs.Of(4)}
	if !slices.Equal(before, after) {
		t.Errorf("earlier documents moved: %v → %v", before, after)
	}
	if cs.Of(5) != before[0] || cs.Of(6) != before[2] || cs.Of(7) != before[0] {
		t.Errorf("new documents: %q %q %q", cs.Of(5), cs.Of(6), cs.Of(7))
	}
}

// A document is never placed in a cluster the caller refuses.
func TestAllowed(t *testing.T) {
	docs := []Doc{{Title: "Dark mode", Time: 1}, {Title: "Dark mode please", Time: 2}}
	c := NewCorpus(docs, Defaults)
	cs := NewClusters(c, Defaults)
	cs.Place(0, "a", nil)
	if id, _ := cs.Place(1, "b", func(id string) bool { return id != "a" }); id != "b" {
		t.Errorf("placed in %q", id)
	}
}
