package feedback

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"keel/backend"
	"keel/backend/money"
)

// Asker is one account behind a cluster, counted once however many of its
// items or people asked.
type Asker struct {
	Account    string    `json:"account"`
	Name       string    `json:"name"`
	FirstAsked time.Time `json:"first_asked"`
	Items      int       `json:"items"`
	PlanAtAsk  string    `json:"plan_at_ask"`
	StageAtAsk string    `json:"stage_at_ask"`
	Segment    string    `json:"segment"`
	Type       string    `json:"account_type"`
	// MRRAtAsk is its MRR at the end of the day of its first item in the
	// cluster; MRRNow at the end of the last complete month (nil: unknown).
	MRRAtAsk *int64 `json:"mrr_at_ask"`
	MRRNow   *int64 `json:"mrr_now"`
	PlanNow  string `json:"plan_now"`
	// Outcomes within 30 and 90 days of the first ask, and the MRR of the
	// movements behind them.
	Outcome30    string `json:"outcome_30"`
	Outcome30MRR int64  `json:"outcome_30_mrr"`
	Outcome90    string `json:"outcome_90"`
	Outcome90MRR int64  `json:"outcome_90_mrr"`
}

// Summary is one cluster in the list of clusters.
type Summary struct {
	ID        string    `json:"id"`
	Title     string    `json:"title"`
	Suggested bool      `json:"suggested"` // not confirmed yet
	Into      string    `json:"into,omitempty"`
	Status    string    `json:"status"` // open, planned, shipped, wont_do; "" for a suggestion
	Release   string    `json:"release"`
	Reason    string    `json:"reason"`
	Changelog string    `json:"changelog"`
	StatusAt  time.Time `json:"status_at"`
	Items     int       `json:"items"`
	Accounts  int       `json:"accounts"`
	Persons   int       `json:"persons"` // people who asked, each once
	// MRRAtAsk and MRRNow sum the accounts' (nil when billing is unknown).
	MRRAtAsk  *int64    `json:"mrr_at_ask"`
	MRRNow    *int64    `json:"mrr_now"`
	FirstSeen time.Time `json:"first_seen"`
	LastSeen  time.Time `json:"last_seen"`
	Area      string    `json:"area"`  // the most common area of its items
	Types     []Facet   `json:"types"` // its items by type
	Outcomes  []Outcome `json:"outcomes"`
	// Sentence says it in a founder's words.
	Sentence  string `json:"sentence"`
	Decisions int    `json:"decisions"`
	Told      int    `json:"told"`
}

// View is one cluster in full.
type View struct {
	Summary
	Rows      []Row          `json:"rows"` // its items, newest first
	Askers    []Asker        `json:"askers"`
	Timeline  []MonthCount   `json:"timeline"`
	Segments  []Facet        `json:"segments"`
	Plans     []Facet        `json:"plans"`
	Stages    []Facet        `json:"stages"`
	Quotes    []Quote        `json:"quotes"`
	Notes     []ProductNote  `json:"notes"`
	People    People         `json:"people"`
	Currency  string         `json:"base_currency"`
	Problem   string         `json:"mrr_problem,omitempty"`
	Candidate []string       `json:"candidates,omitempty"` // suggested items for a confirmed cluster
	Undo      string         `json:"undo"`
	Areas     map[string]int `json:"areas"`
}

// MonthCount is a month of a cluster's timeline.
type MonthCount struct {
	Month    string `json:"month"` // YYYY-MM
	Items    int    `json:"items"`
	Accounts int    `json:"accounts"` // accounts asking for the first time that month
}

// Quote is a representative item's words.
type Quote struct {
	Item    string    `json:"item"`
	Text    string    `json:"text"`
	Who     string    `json:"who"`
	Account string    `json:"account"`
	Plan    string    `json:"plan"`
	MRR     *int64    `json:"mrr"`
	Date    time.Time `json:"date"`
}

// group is a cluster's items, confirmed or suggested.
type group struct {
	id, into  string
	confirmed bool
	keys      []string // newest first
}

func (s *Service) groups(sg *suggestions) []group {
	var out []group
	members := map[string][]string{}
	for _, it := range s.base.items {
		if c := s.clusterOf(it.Key); c != "" {
			members[c] = append(members[c], it.Key)
		}
	}
	for id := range s.st.clusters {
		out = append(out, group{id: id, confirmed: true, keys: members[id]})
	}
	for id, keys := range sg.groups {
		newest := make([]string, len(keys))
		for i, k := range keys {
			newest[len(keys)-1-i] = k
		}
		out = append(out, group{id: id, keys: newest})
	}
	return out
}

// lastMonthEnd is the end of the last complete month (METRICS.md: MRR now).
func (s *Service) lastMonthEnd() int64 {
	now := s.now().In(s.base.loc)
	return time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, s.base.loc).Unix() - 1
}

// askers lists the accounts behind keys, each once, biggest MRR at ask first.
func (s *Service) askers(keys []string) []Asker {
	by := map[string]*Asker{}
	var order []string
	for i := len(keys) - 1; i >= 0; i-- { // oldest first
		it := s.base.byKey[keys[i]]
		if it.Account == "" {
			continue
		}
		a := by[it.Account]
		if a == nil {
			a = &Asker{Account: it.Account, Name: it.AccountName, FirstAsked: it.Created, PlanAtAsk: it.Plan, StageAtAsk: it.Stage,
				Segment: it.Segment, Type: it.AccountType, MRRAtAsk: s.base.mrrAt(it.Account, s.base.endOfDay(it.Created.Unix()))}
			by[it.Account] = a
			order = append(order, it.Account)
		}
		a.Items++
	}
	end, now := s.lastMonthEnd(), s.now().Unix()
	out := make([]Asker, 0, len(order))
	for _, id := range order {
		a := by[id]
		a.MRRNow = s.base.mrrAt(id, end)
		if s.base.billing != nil {
			plan, _ := s.base.billing.State(id, end)
			a.PlanNow = s.base.planName(plan)
		}
		a.Outcome30, a.Outcome30MRR = s.base.outcomeOf(id, a.FirstAsked.Unix(), 30, now)
		a.Outcome90, a.Outcome90MRR = s.base.outcomeOf(id, a.FirstAsked.Unix(), 90, now)
		out = append(out, *a)
	}
	sort.SliceStable(out, func(i, j int) bool { return val(out[i].MRRAtAsk) > val(out[j].MRRAtAsk) })
	return out
}

func val(p *int64) int64 {
	if p == nil {
		return -1
	}
	return *p
}

// summary sums a group up.
func (s *Service) summary(g group) (Summary, []Asker) {
	sm := Summary{ID: g.id, Suggested: !g.confirmed, Items: len(g.keys)}
	if c := s.st.clusters[g.id]; c != nil {
		sm.Title, sm.Status, sm.Release, sm.Reason, sm.Changelog = c.Title, c.Status, c.Release, c.Reason, c.Changelog
		sm.StatusAt = time.Unix(c.StatusAt, 0).UTC()
		sm.Decisions = len(s.st.decisions[g.id])
		sm.Told = len(s.st.told[g.id])
	} else if it := s.representative(reverse(g.keys)); it != nil {
		sm.Title = it.Title
	}
	askers := s.askers(g.keys)
	sm.Accounts = len(askers)
	people := map[string]bool{}
	areas, types := map[string]int{}, map[string]int{}
	for i, k := range g.keys {
		it := s.base.byKey[k]
		if i == 0 {
			sm.LastSeen = it.Created
		}
		sm.FirstSeen = it.Created
		if p := personKey(it); p != "" {
			people[p] = true
		}
		typ := ""
		if t := s.st.triage[k]; t != nil {
			typ = t.Type
			if _, ok := s.st.area[t.Area]; ok {
				areas[t.Area]++
			}
		}
		types[firstNonEmpty(typ, "untriaged")]++
	}
	sm.Persons = len(people)
	sm.Area = mostCommon(areas)
	sm.Types = facets(types)
	if s.base.billing != nil && s.base.rates != nil && s.base.billing.Series.HasData {
		var ask, now int64
		for _, a := range askers {
			ask += max(val(a.MRRAtAsk), 0)
			now += max(val(a.MRRNow), 0)
		}
		sm.MRRAtAsk, sm.MRRNow = &ask, &now
	}
	for _, d := range OutcomeDays {
		o := Outcome{Days: d}
		for _, a := range askers {
			if d == 30 {
				o.add(a.Outcome30, a.Outcome30MRR)
			} else {
				o.add(a.Outcome90, a.Outcome90MRR)
			}
		}
		sm.Outcomes = append(sm.Outcomes, o)
	}
	sm.Sentence = s.sentence(sm)
	return sm, askers
}

func reverse(keys []string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[len(keys)-1-i] = k
	}
	return out
}

func mostCommon(m map[string]int) string {
	best, n := "", 0
	for k, c := range m {
		if c > n || c == n && k < best {
			best, n = k, c
		}
	}
	return best
}

// sentence is "6 accounts asked for SSO; 2 of them churned within 90 days
// (−$412 MRR)".
func (s *Service) sentence(sm Summary) string {
	who := plural(sm.Accounts, "account")
	if sm.Accounts == 0 {
		who = plural(sm.Persons, "person")
	}
	out := fmt.Sprintf("%s asked for %s", who, sm.Title)
	if len(sm.Outcomes) == 2 && sm.Accounts > 0 {
		o := sm.Outcomes[1]
		var parts []string
		if o.Churned > 0 {
			parts = append(parts, fmt.Sprintf("%d of them churned within 90 days (−%s MRR)", o.Churned, s.money(o.ChurnedMRR)))
		}
		if o.Contracted > 0 {
			parts = append(parts, fmt.Sprintf("%d contracted (−%s MRR)", o.Contracted, s.money(o.ContractedMRR)))
		}
		if o.Expanded > 0 {
			parts = append(parts, fmt.Sprintf("%d expanded (+%s MRR)", o.Expanded, s.money(o.ExpandedMRR)))
		}
		if len(parts) > 0 {
			out += "; " + strings.Join(parts, ", ")
		}
	}
	return out
}

func (s *Service) money(n int64) string {
	if s.base.currency == "" {
		return fmt.Sprint(n)
	}
	return money.Format(n, s.base.currency)
}

func plural(n int, w string) string {
	if n == 1 {
		return "1 " + w
	}
	if w == "person" {
		return fmt.Sprintf("%d people", n)
	}
	return fmt.Sprintf("%d %ss", n, w)
}

// ClusterList is the list of clusters.
type ClusterList struct {
	Clusters []Summary `json:"clusters"`
	Currency string    `json:"base_currency"`
	Problem  string    `json:"mrr_problem,omitempty"`
	Undo     string    `json:"undo"`
}

// Clusters lists the confirmed clusters and the suggested ones, biggest
// first: by accounts (sort "accounts", default), by MRR at stake ("mrr"),
// newest ("recent").
func (s *Service) Clusters(ctx context.Context, sortBy string) (*ClusterList, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sg, err := s.suggestLocked(ctx)
	if err != nil {
		return nil, err
	}
	out := &ClusterList{Clusters: []Summary{}, Currency: s.base.currency, Problem: s.base.problem, Undo: s.st.ws.Undo}
	for _, g := range s.groups(sg) {
		sm, _ := s.summary(g)
		out.Clusters = append(out.Clusters, sm)
	}
	sortSummaries(out.Clusters, sortBy)
	return out, nil
}

func sortSummaries(cs []Summary, by string) {
	sort.SliceStable(cs, func(i, j int) bool {
		a, b := cs[i], cs[j]
		if a.Suggested != b.Suggested {
			return !a.Suggested
		}
		switch by {
		case "mrr":
			if val(a.MRRAtAsk) != val(b.MRRAtAsk) {
				return val(a.MRRAtAsk) > val(b.MRRAtAsk)
			}
		case "recent":
			if !a.LastSeen.Equal(b.LastSeen) {
				return a.LastSeen.After(b.LastSeen)
			}
		}
		if a.Accounts != b.Accounts {
			return a.Accounts > b.Accounts
		}
		if a.Items != b.Items {
			return a.Items > b.Items
		}
		return a.ID < b.ID
	})
}

// Cluster returns one cluster, confirmed or suggested, in full.
func (s *Service) Cluster(ctx context.Context, id string) (*View, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sg, err := s.suggestLocked(ctx)
	if err != nil {
		return nil, err
	}
	var g *group
	for _, x := range s.groups(sg) {
		if x.id == id {
			x := x
			g = &x
			break
		}
	}
	if g == nil {
		return nil, backend.Errorf(backend.NotFound, "There is no cluster %q (it may have been merged, deleted or accepted).", id)
	}
	sm, askers := s.summary(*g)
	v := &View{Summary: sm, Askers: askers, Currency: s.base.currency, Problem: s.base.problem, Undo: s.st.ws.Undo, Areas: map[string]int{}}
	for _, k := range g.keys {
		v.Rows = append(v.Rows, s.row(s.base.byKey[k], sg, 600))
		if r := v.Rows[len(v.Rows)-1]; r.Area != "" {
			v.Areas[r.Area]++
		}
	}
	if g.confirmed {
		for _, k := range sg.additions[id] {
			v.Candidate = append(v.Candidate, k)
		}
	}
	v.Timeline = s.timeline(g.keys)
	segments, plans, stages := map[string]int{}, map[string]int{}, map[string]int{}
	for _, a := range askers {
		segments[firstNonEmpty(a.Segment, "unknown")]++
		plans[planKey(a.PlanAtAsk)]++
		stages[a.StageAtAsk]++
	}
	v.Segments, v.Plans, v.Stages = facets(segments), facets(plans), facets(stages)
	v.Quotes = s.quotes(g.keys)
	v.Notes = s.notes(id)
	v.People = s.people(*g, askers)
	return v, nil
}

// timeline counts a cluster's items and new accounts by month, from its
// first month to its last.
func (s *Service) timeline(keys []string) []MonthCount {
	if len(keys) == 0 {
		return []MonthCount{}
	}
	items, accs := map[string]int{}, map[string]int{}
	seen := map[string]bool{}
	for i := len(keys) - 1; i >= 0; i-- {
		it := s.base.byKey[keys[i]]
		m := it.Created.In(s.base.loc).Format("2006-01")
		items[m]++
		if it.Account != "" && !seen[it.Account] {
			seen[it.Account] = true
			accs[m]++
		}
	}
	first := s.base.byKey[keys[len(keys)-1]].Created.In(s.base.loc)
	last := s.base.byKey[keys[0]].Created.In(s.base.loc)
	var out []MonthCount
	for d := time.Date(first.Year(), first.Month(), 1, 0, 0, 0, 0, s.base.loc); !d.After(last); d = d.AddDate(0, 1, 0) {
		m := d.Format("2006-01")
		out = append(out, MonthCount{Month: m, Items: items[m], Accounts: accs[m]})
	}
	return out
}

// quotes picks up to three items that say the cluster's ask best, from
// different accounts, in their own words.
func (s *Service) quotes(keys []string) []Quote {
	if len(keys) == 0 {
		return []Quote{}
	}
	ix := s.indexLocked()
	n := min(len(keys), 40)
	type scored struct {
		key string
		s   float64
	}
	var all []scored
	for i := 0; i < n; i++ {
		di, ok := ix.doc[keys[i]]
		if !ok {
			continue
		}
		sum := 0.0
		for j := 0; j < n; j++ {
			if dj, ok := ix.doc[keys[j]]; ok && i != j {
				sum += ix.corpus.Similarity(di, dj, clusterOptions)
			}
		}
		if it := s.base.byKey[keys[i]]; len(it.Text) > 20 {
			sum += 0.5 // words of their own say more than a title
		}
		all = append(all, scored{keys[i], sum})
	}
	// Scores equal to a millionth are a tie (items of the same words score
	// the same but for rounding): the newest item speaks, then the key.
	sort.Slice(all, func(i, j int) bool {
		a, b := math.Round(all[i].s*1e6), math.Round(all[j].s*1e6)
		if a != b {
			return a > b
		}
		ti, tj := s.base.byKey[all[i].key].Created, s.base.byKey[all[j].key].Created
		if !ti.Equal(tj) {
			return ti.After(tj)
		}
		return all[i].key < all[j].key
	})
	out := []Quote{}
	accounts, said := map[string]bool{}, map[string]bool{}
	for _, x := range all {
		it := s.base.byKey[x.key]
		q := s.quote(it)
		if it.Account != "" && accounts[it.Account] || said[strings.ToLower(q.Text)] {
			continue // another account, other words
		}
		accounts[it.Account], said[strings.ToLower(q.Text)] = true, true
		out = append(out, q)
		if len(out) == 3 {
			break
		}
	}
	return out
}
