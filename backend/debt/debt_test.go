package debt

import (
	"errors"
	"testing"
	"time"
)

func TestCollectOrdersOldestFirstAndKeepsGoing(t *testing.T) {
	today := time.Date(2026, 3, 14, 12, 0, 0, 0, time.UTC)
	l := Collect(today, map[string]Source{
		"decisions": SourceFunc(func(time.Time) ([]Entry, error) {
			return []Entry{{Kind: DecisionOverdue, Title: "b", Since: "2026-03-01"}, {Kind: DecisionOverdue, Title: "a", Since: "2026-01-10"}}, nil
		}),
		"manual": SourceFunc(func(time.Time) ([]Entry, error) {
			return []Entry{{Kind: ManualGrowth, Title: "m"}}, nil
		}),
		"releases": SourceFunc(func(time.Time) ([]Entry, error) {
			return []Entry{{Kind: StaleFlag, Title: "f", Since: "2026-03-01"}}, nil
		}),
		"feedback": SourceFunc(func(time.Time) ([]Entry, error) { return nil, errors.New("broken") }),
	}, func(err error) string { return err.Error() })
	var got string
	for _, e := range l.Entries {
		got += e.Title
	}
	if got != "abfm" {
		t.Errorf("order %q, want abfm (oldest first, decisions before flags on the same day, undated last)", got)
	}
	if len(l.Problems) != 1 || l.Problems[0].Area != "feedback" || l.Problems[0].Message != "broken" {
		t.Errorf("problems %+v", l.Problems)
	}
}
