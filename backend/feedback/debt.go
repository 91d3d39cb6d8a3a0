package feedback

import (
	"context"
	"fmt"
	"time"

	"keel/backend/debt"
)

// UntriagedDays is how old an item without a type may be before it is
// operating debt (DESIGN.md, Home).
const UntriagedDays = 14

// Debt is the feedback area's operating debt on today: the items still
// untriaged UntriagedDays after they were written (one entry, opening the
// inbox), and each shipped cluster whose askers are not all marked told
// (opening the cluster).
func (s *Service) Debt(today time.Time) ([]debt.Entry, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.ensure(context.Background()); err != nil {
		return nil, err
	}
	loc := s.base.loc
	out := []debt.Entry{}
	limit := today.AddDate(0, 0, -UntriagedDays)
	var old int
	var oldest time.Time
	members := map[string][]string{}
	for _, it := range s.base.items {
		if t := s.st.triage[it.Key]; (t == nil || t.Type == "") && it.Created.Before(limit) {
			if old == 0 || it.Created.Before(oldest) {
				oldest = it.Created
			}
			old++
		}
		if c := s.clusterOf(it.Key); c != "" {
			members[c] = append(members[c], it.Key)
		}
	}
	if old > 0 {
		out = append(out, debt.Entry{Kind: debt.Untriaged, Area: "feedback", Ref: "untriaged",
			Since:  oldest.AddDate(0, 0, UntriagedDays).In(loc).Format("2006-01-02"),
			Title:  fmt.Sprintf("Triage %s waiting more than %d days", count(old, "feedback item", "feedback items"), UntriagedDays),
			Detail: fmt.Sprintf("The oldest was written on %s; give each a type in the inbox.", oldest.In(loc).Format("2 January 2006"))})
	}
	for id, c := range s.st.clusters {
		if c.Status != StatusShipped {
			continue
		}
		var untold int
		for _, p := range s.people(group{id: id, confirmed: true, keys: members[id]}, nil).Tell {
			if p.Told == nil {
				untold++
			}
		}
		if untold == 0 {
			continue
		}
		shipped := time.Unix(c.StatusAt, 0).In(loc)
		out = append(out, debt.Entry{Kind: debt.NotTold, Area: "feedback", Ref: id, Since: shipped.Format("2006-01-02"),
			Title:  fmt.Sprintf("Tell the people who asked for “%s” that it shipped", c.Title),
			Detail: fmt.Sprintf("It shipped on %s; %s not marked told yet.", shipped.Format("2 January 2006"), count(untold, "person who asked is", "people who asked are"))})
	}
	return out, nil
}

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
