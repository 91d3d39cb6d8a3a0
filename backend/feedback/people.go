package feedback

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"sort"
	"strings"
	"time"

	"keel/backend"
	"keel/backend/workspace"
)

// Closing the loop: when a cluster ships or is declined, the people who
// asked are told, and each is marked told with the date. Those whose
// account churned since asking are listed apart when it ships: they are
// the people to win back.

// Person is someone who asked for a cluster.
type Person struct {
	Key     string     `json:"key"` // their address, or account:<id> for an account known without one
	Name    string     `json:"name"`
	Email   string     `json:"email"`
	Account string     `json:"account"`
	Plan    string     `json:"plan"`    // the account's plan now
	Paying  bool       `json:"paying"`  // the account has MRR now
	Churned *time.Time `json:"churned"` // the month its account churned since asking, nil when it did not
	Asked   time.Time  `json:"asked"`   // their first item in the cluster
	Items   int        `json:"items"`
	Told    *time.Time `json:"told"` // when they were told, nil when not yet
}

// People are the people to tell about a cluster, and (once shipped) the
// churned ones to win back.
type People struct {
	Tell    []Person `json:"tell"`
	WinBack []Person `json:"win_back"`
}

// personKey is who asked: their address, else their account.
func personKey(it *Item) string {
	if it.Email != "" {
		return it.Email
	}
	if it.Account != "" {
		return "account:" + it.Account
	}
	return ""
}

func (s *Service) people(g group, askers []Asker) People {
	now := s.now().Unix()
	by := map[string]*Person{}
	var order []string
	for i := len(g.keys) - 1; i >= 0; i-- {
		it := s.base.byKey[g.keys[i]]
		k := personKey(it)
		if k == "" {
			continue
		}
		p := by[k]
		if p == nil {
			p = &Person{Key: k, Name: it.Name, Email: it.Email, Account: it.AccountName, Asked: it.Created}
			by[k] = p
			order = append(order, k)
			if it.Account != "" && s.base.billing != nil {
				plan, _ := s.base.billing.State(it.Account, now)
				p.Plan = s.base.planName(plan)
				p.Paying = s.base.billing.Paying(it.Account, now)
				p.Churned = s.churnedSince(it.Account, it.Created.Unix(), now)
			}
			if p.Email == "" {
				p.Email = s.base.contacts[it.Account]
			}
		}
		p.Items++
	}
	out := People{Tell: []Person{}, WinBack: []Person{}}
	shipped := s.st.clusters[g.id] != nil && s.st.clusters[g.id].Status == StatusShipped
	for _, k := range order {
		p := by[k]
		if at, ok := s.st.told[g.id][k]; ok {
			t := time.Unix(at, 0).UTC()
			p.Told = &t
		}
		if shipped && p.Churned != nil && !p.Paying {
			out.WinBack = append(out.WinBack, *p)
		} else {
			out.Tell = append(out.Tell, *p)
		}
	}
	return out
}

// churnedSince is the month an account last churned after t, when it is
// not paying now; nil otherwise.
func (s *Service) churnedSince(acc string, t, now int64) *time.Time {
	if s.base.billing.Paying(acc, now) {
		return nil
	}
	var last int64
	for _, m := range s.base.movesOf(acc) {
		if m.kind == "churn" && m.end >= t {
			last = m.start
		}
	}
	if last == 0 {
		return nil
	}
	at := time.Unix(last, 0).UTC()
	return &at
}

// MarkTold marks people told about a cluster on date (YYYY-MM-DD, ""
// for today); told false takes the mark back.
func (s *Service) MarkTold(ctx context.Context, cluster string, persons []string, date string, told bool) (*Change, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sg, err := s.suggestLocked(ctx)
	if err != nil {
		return nil, err
	}
	c, err := s.cluster(cluster)
	if err != nil {
		return nil, err
	}
	if len(persons) == 0 {
		return nil, backend.Errorf(backend.Invalid, "Pick at least one person.")
	}
	var g group
	for _, x := range s.groups(sg) {
		if x.id == cluster {
			g = x
		}
	}
	asked := map[string]bool{}
	for _, k := range g.keys {
		asked[personKey(s.base.byKey[k])] = true
	}
	for _, p := range persons {
		if !asked[p] {
			return nil, backend.Errorf(backend.NotFound, "%s did not ask for ‘%s’.", p, c.Title)
		}
	}
	at := s.db.Now()
	if date != "" {
		d, err := time.ParseInLocation("2006-01-02", date, s.base.loc)
		if err != nil {
			return nil, errDate(date)
		}
		if d.After(at) {
			return nil, backend.Errorf(backend.Invalid, "%s is in the future: mark people told once they are.", date)
		}
		at = d.Add(12 * time.Hour)
	}
	who := persons[0]
	if len(persons) > 1 {
		who = fmt.Sprintf("%d people", len(persons))
	}
	msg := fmt.Sprintf("Marked %s told about ‘%s’", who, c.Title)
	if !told {
		msg = fmt.Sprintf("Marked %s not told about ‘%s’", who, c.Title)
	}
	_, err = s.edit(ctx, msg, func(e *workspace.FeedbackEditor) error {
		for _, p := range persons {
			var err error
			if told {
				err = e.PutTold(workspace.FeedbackTold{Cluster: cluster, Person: p, At: at.Unix()})
			} else {
				err = e.DeleteTold(cluster, p)
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	ch := s.change(msg)
	ch.Cluster = cluster
	return ch, nil
}

// PeopleCSV is the people to tell about a cluster (and those to win
// back) as a CSV file for a mail tool.
func (s *Service) PeopleCSV(ctx context.Context, cluster string) ([]byte, error) {
	v, err := s.Cluster(ctx, cluster)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write([]string{"name", "email", "account", "plan", "still_paying", "churned_since", "asked_on", "told_on", "list"})
	write := func(ps []Person, list string) {
		for _, p := range ps {
			churned, told := "", ""
			if p.Churned != nil {
				churned = p.Churned.Format("2006-01")
			}
			if p.Told != nil {
				told = p.Told.Format("2006-01-02")
			}
			paying := "no"
			if p.Paying {
				paying = "yes"
			}
			w.Write([]string{safeCell(p.Name), p.Email, safeCell(p.Account), safeCell(p.Plan), paying, churned,
				p.Asked.Format("2006-01-02"), told, list})
		}
	}
	write(v.People.Tell, "tell")
	write(v.People.WinBack, "win back")
	w.Flush()
	return buf.Bytes(), w.Error()
}

// safeCell keeps a spreadsheet from reading a name as a formula.
func safeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// PeopleText is the people to tell as lines to paste into a mail's To:
// "Ana Lima <ana@acme.io>".
func (s *Service) PeopleText(ctx context.Context, cluster string, winBack bool) (string, error) {
	v, err := s.Cluster(ctx, cluster)
	if err != nil {
		return "", err
	}
	ps := v.People.Tell
	if winBack {
		ps = v.People.WinBack
	}
	var lines []string
	for _, p := range ps {
		if p.Email == "" {
			continue
		}
		if p.Name != "" {
			lines = append(lines, fmt.Sprintf("%s <%s>", strings.ReplaceAll(p.Name, "<", ""), p.Email))
		} else {
			lines = append(lines, p.Email)
		}
	}
	sort.Strings(lines)
	return strings.Join(lines, ",\n"), nil
}
