// Package debt is Home's one list of operating debt: what is overdue
// across the areas — decisions past their review date, stale flags,
// shipped clusters whose people were not told, untriaged feedback older
// than 14 days, manual work growing faster than customers, known issues
// without a safe workaround. Each area fills the list through a Source;
// each entry says where it is fixed.
package debt

import (
	"sort"
	"time"
)

// Kinds of debt, in the order of DESIGN.md.
const (
	DecisionOverdue = "decision_overdue"
	StaleFlag       = "stale_flag"
	NotTold         = "not_told"
	Untriaged       = "untriaged"
	ManualGrowth    = "manual_growth"
	KnownIssue      = "known_issue"
)

// Entry is one item of debt.
type Entry struct {
	Kind   string `json:"kind"`
	Title  string `json:"title"`
	Detail string `json:"detail"`
	// Area is the screen where it is fixed (areas.ts ids: decisions,
	// releases, feedback, manual), Ref what to open there.
	Area string `json:"area"`
	Ref  string `json:"ref"`
	// Since is the day it became debt (YYYY-MM-DD), "" when it has no
	// single day.
	Since string `json:"since"`
}

// Source is one area's debt on a day.
type Source interface {
	Debt(today time.Time) ([]Entry, error)
}

// SourceFunc adapts a function to a Source.
type SourceFunc func(today time.Time) ([]Entry, error)

// Debt calls f.
func (f SourceFunc) Debt(today time.Time) ([]Entry, error) { return f(today) }

// Problem is a source that could not say: the list shows it instead of
// failing whole.
type Problem struct {
	Area    string `json:"area"`
	Message string `json:"message"`
}

// List is the debt of every source, oldest first.
type List struct {
	Entries  []Entry   `json:"entries"`
	Problems []Problem `json:"problems"`
}

// Collect asks every source (named by its area) and orders the entries:
// the oldest debt first, undated entries last, then by kind.
func Collect(today time.Time, sources map[string]Source, problem func(error) string) List {
	l := List{Entries: []Entry{}, Problems: []Problem{}}
	areas := make([]string, 0, len(sources))
	for a := range sources {
		areas = append(areas, a)
	}
	sort.Strings(areas)
	for _, a := range areas {
		es, err := sources[a].Debt(today)
		if err != nil {
			l.Problems = append(l.Problems, Problem{Area: a, Message: problem(err)})
			continue
		}
		l.Entries = append(l.Entries, es...)
	}
	rank := map[string]int{DecisionOverdue: 0, StaleFlag: 1, NotTold: 2, Untriaged: 3, ManualGrowth: 4, KnownIssue: 5}
	sort.SliceStable(l.Entries, func(i, j int) bool {
		a, b := l.Entries[i], l.Entries[j]
		if (a.Since == "") != (b.Since == "") {
			return b.Since == ""
		}
		if a.Since != b.Since {
			return a.Since < b.Since
		}
		return rank[a.Kind] < rank[b.Kind]
	})
	return l
}
