package feedback

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestSuggestType(t *testing.T) {
	for _, c := range []struct {
		title, text string
		want        Type
		why         string
	}{
		{"Export doesn't work", "I get an error 500", Bug, "mentions ‘doesnt work’, ‘500’, ‘error’"},
		{"Dashboard is really slow", "", Friction, "mentions ‘slow’"},
		{"Would love Slack notifications", "", Request, "mentions ‘would love’"},
		{"We switched from Metabase", "too expensive for what we use", Strategy, ""},
		{"Need a copy of last month's invoice", "", Billing, "mentions ‘invoice’"},
		{"How do I invite my team?", "", Confused, ""},
		{"Transfer ownership to a colleague", "", Account, ""},
		{"Dark mode", "", Request, "a short title that names a capability"},
		{"Is it possible?", "", Confused, "asks a question"},
		{"", "", "", ""},
		// Stems and typos: "crashed" is "crash", "dosnt" is "doesnt".
		{"App crashed twice today", "", Bug, ""},
		{"export dosnt work", "", Bug, "mentions ‘doesnt work’"},
		// Negation cancels a bug or friction phrase.
		{"Not a bug", "but I'd love a dark theme", Request, ""},
		{"No error", "but the page takes forever to open", Friction, ""},
		// Money that moved outranks a bug; a strategy signal outranks a plan.
		{"Charged twice", "the checkout page gave an error and I clicked again", Billing, ""},
		{"Cancelling our plan", "we moved to a cheaper tool", Strategy, ""},
		// A question in the title is confusion unless another type is named.
		{"Where is the export?", "", Confused, ""},
		{"Can I pay by bank transfer?", "", Billing, ""},
		// A title that starts with a verb asks for something.
		{"Show totals per week in the report", "", Request, "mentions ‘show …’"},
		// A short title alone names a capability; with a text that no rule
		// reads, Keel says nothing rather than guess.
		{"Gantt chart", "for our launch plans with dependencies", "", ""},
	} {
		got := SuggestType(c.title, c.text)
		if got.Type != c.want || c.why != "" && got.Text() != c.why {
			t.Errorf("%q %q: %s (%s), want %s (%s)", c.title, c.text, got.Type, got.Text(), c.want, c.why)
		}
	}
	// A huge text is read up to maxRuleText.
	if got := SuggestType("Note", strings.Repeat("word ", 1<<18)+"crash"); got.Type == Bug {
		t.Errorf("read past the cap: %+v", got)
	}
}

func TestClean(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"<p>Hello&nbsp;<b>world</b></p><script>x()</script>", "Hello\u00a0world"},
		{"a\x00b\x07c\u202ed", "abcd"},
		{"line1\r\n\r\n\r\n\r\nline2", "line1\n\nline2"}, // one blank line at most
		{"2 < 3 and 4 > 1", "2 < 3 and 4 > 1"},
		{"مرحبا 🚀", "مرحبا 🚀"},
		{"bad \xff utf8", "bad \uFFFD utf8"},
	} {
		if got := clean(c.in); got != c.want {
			t.Errorf("clean(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := titleOf("", "First line that is the title\nsecond"); got != "First line that is the title" {
		t.Errorf("title %q", got)
	}
}

// The page reads the reason in words from the JSON, as Text says it.
func TestSuggestionCarriesItsReason(t *testing.T) {
	s := SuggestType("Export doesn't work", "")
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Type   Type     `json:"type"`
		Why    []string `json:"why"`
		Reason string   `json:"reason"`
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if got.Type != Bug || got.Reason == "" || got.Reason != s.Text() || len(got.Why) == 0 {
		t.Errorf("%s", b)
	}
}
