package feedback

import (
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
)

// The type-labelled set (testdata/types.csv) is 478 feedback items written
// for this test the way people write to a SaaS: ticket subjects, board posts
// and call notes; lower case, typos, run-on sentences, polite bug reports
// ("could you please have a look…"), angry ones in capitals, "how do I"
// questions, price complaints, competitor names, manual work around the
// product ("we export every Monday and fix it by hand"). Each has its true
// type (the definitions: a strategy signal says why they chose us,
// what they compare us with, what they refuse to pay for or do by hand;
// account-specific is something done for one account — ownership, access,
// deletion, data) and a part, each balanced over the seven types:
//
//   - A (tuning, 140): exports, dashboards, login, notifications, Slack,
//     the mobile app; the rules' phrases and weights were chosen on it;
//   - B (development, 280): imports, CRM syncs, roles, tags, forms (140);
//     then a shop, wiki, payroll, video, helpdesk (70) and a developer
//     platform, accounting, courses, surveys (70). Each batch of 70 was
//     scored once as written, before its mistakes were read: 0.60 and
//     0.67, the rules' accuracy on topics they had not seen. Its mistakes
//     (-args -mistakes) were fixed by kind, not by item;
//   - C (held out, 128): written after the first 140 of B and before any
//     score, in topics absent from A and B (calendars, attachments,
//     templates, time tracking, comments, translations, kanban, SMS
//     reminders); its items were never read for mistakes. It is scored
//     only with -args -heldout; scored 3 times: with the rules of main
//     (0.484), after the first round (0.734), and at the end (0.766).
//
// An item where no rule matches gets no suggestion; it counts as wrong in
// the accuracy, and its share is printed apart.

var (
	heldout     = flag.Bool("heldout", false, "also score part C of testdata/types.csv (held out: keep the count in the comment above)")
	typeMistake = flag.Bool("mistakes", false, "list the items of A and B whose suggested type is wrong")
)

type typed struct {
	id, subject, text string
	want              Type
	part              string
}

// csvRows reads a whole CSV file of testdata, its header first.
func csvRows(t testing.TB, path string) [][]string {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func readTyped(t testing.TB) []typed {
	var out []typed
	for i, r := range csvRows(t, "testdata/types.csv")[1:] {
		it := typed{r[0], r[1], r[2], Type(r[3]), r[4]}
		if !it.want.Valid() || !strings.Contains("ABC", it.part) || it.part == "" {
			t.Fatalf("testdata/types.csv line %d: type %q, part %q", i+2, r[3], r[4])
		}
		out = append(out, it)
	}
	return out
}

// typeScore is how the suggestions of some items compare with their types.
type typeScore struct {
	n, right, none int
	table          map[Type]map[Type]int // true type → suggested type ("" none) → items
}

func scoreTypes(items []typed) typeScore {
	s := typeScore{table: map[Type]map[Type]int{}}
	for _, it := range items {
		got := SuggestType(it.subject, it.text).Type
		s.n++
		if got == it.want {
			s.right++
		}
		if got == "" {
			s.none++
		}
		if s.table[it.want] == nil {
			s.table[it.want] = map[Type]int{}
		}
		s.table[it.want][got]++
	}
	return s
}

func (s typeScore) accuracy() float64 { return float64(s.right) / float64(s.n) }

func (s typeScore) String() string {
	return fmt.Sprintf("%d items, accuracy %.3f, no suggestion %.3f, right when suggesting %.3f",
		s.n, s.accuracy(), float64(s.none)/float64(s.n), float64(s.right)/float64(s.n-s.none))
}

// confusion prints the table: a row per true type, a column per suggestion.
func (s typeScore) confusion() string {
	var b strings.Builder
	cols := append(append([]Type{}, Types...), "")
	fmt.Fprintf(&b, "%-10s", "true\\got")
	for _, c := range cols {
		name := string(c)
		if c == "" {
			name = "none"
		}
		fmt.Fprintf(&b, " %5.5s", name)
	}
	b.WriteString("\n")
	for _, r := range Types {
		fmt.Fprintf(&b, "%-10s", r)
		for _, c := range cols {
			fmt.Fprintf(&b, " %5d", s.table[r][c])
		}
		b.WriteString("\n")
	}
	return b.String()
}

func TestTypeAccuracy(t *testing.T) {
	all := readTyped(t)
	parts := map[string][]typed{}
	for _, it := range all {
		parts[it.part] = append(parts[it.part], it)
	}
	show := []string{"A", "B"}
	if *heldout {
		show = append(show, "C")
	}
	for _, p := range show {
		s := scoreTypes(parts[p])
		t.Logf("part %s: %s\n%s", p, s, s.confusion())
	}
	ab := scoreTypes(append(append([]typed{}, parts["A"]...), parts["B"]...))
	t.Logf("A+B: %s", ab)
	if *typeMistake {
		for _, it := range append(append([]typed{}, parts["A"]...), parts["B"]...) {
			if got := SuggestType(it.subject, it.text); got.Type != it.want {
				t.Logf("%s %s → %s (%s): %q %q", it.id, it.want, orNone(got.Type), got.Text(), it.subject, it.text)
			}
		}
	}
	// Floors a little under the measured values, so that a change to the
	// rules that loses items fails here.
	const minAccuracy, maxNone = 0.89, 0.05
	if a := ab.accuracy(); a < minAccuracy {
		t.Errorf("A+B accuracy %.3f, want at least %.2f", a, minAccuracy)
	}
	if n := float64(ab.none) / float64(ab.n); n > maxNone {
		t.Errorf("A+B share with no suggestion %.3f, want at most %.2f", n, maxNone)
	}
}

func orNone(t Type) Type {
	if t == "" {
		return "none"
	}
	return t
}
