package feedback

import (
	"context"
	"sort"
	"time"
)

// Export is the Feedback area as `keel feedback --json` prints it: every
// cluster, confirmed or suggested, with the source ids of its items (as in
// the export they came from), its accounts with their MRR at the time of
// asking and now, what happened to them, the people told and the product
// notes; and the items counted by type.
type Export struct {
	GeneratedAt  time.Time       `json:"generated_at"`
	BaseCurrency string          `json:"base_currency"`
	MRRProblem   string          `json:"mrr_problem,omitempty"`
	Items        ExportCounts    `json:"items"`
	Clusters     []ExportCluster `json:"clusters"`
}

// ExportCounts counts every item.
type ExportCounts struct {
	Total     int            `json:"total"`
	Untriaged int            `json:"untriaged"`
	ByType    map[string]int `json:"by_type"`
	BySource  map[string]int `json:"by_source"`
}

// ExportCluster is one cluster.
type ExportCluster struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Suggested bool   `json:"suggested"`
	Status    string `json:"status"` // "" for a suggestion
	Release   string `json:"release,omitempty"`
	Reason    string `json:"reason,omitempty"`
	Changelog string `json:"changelog,omitempty"`
	// ItemIDs are the items' ids in their sources, oldest first; Items
	// says which source each comes from.
	ItemIDs   []string        `json:"item_ids"`
	Items     []ExportItem    `json:"items"`
	Suggests  []ExportItem    `json:"suggested_items,omitempty"` // items Keel suggests adding
	Accounts  []ExportAccount `json:"accounts"`
	MRRAtAsk  *int64          `json:"mrr_at_ask"`
	MRRNow    *int64          `json:"mrr_now"`
	FirstSeen time.Time       `json:"first_seen"`
	LastSeen  time.Time       `json:"last_seen"`
	Outcomes  []Outcome       `json:"outcomes"`
	Sentence  string          `json:"sentence"`
	Told      []ExportTold    `json:"people_told"`
	Notes     []ProductNote   `json:"product_notes"`
}

// ExportItem names an item.
type ExportItem struct {
	Key    string `json:"key"`
	Source string `json:"source"`
	ID     string `json:"id"`
}

// ExportAccount is one account behind a cluster.
type ExportAccount struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	MRRAtAsk  *int64 `json:"mrr_at_ask"`
	MRRNow    *int64 `json:"mrr_now"`
	Outcome30 string `json:"outcome_30"`
	Outcome90 string `json:"outcome_90"`
}

// ExportTold is one person marked told.
type ExportTold struct {
	Person string    `json:"person"`
	At     time.Time `json:"at"`
}

// Export computes the export (suggesting clusters for new items first).
func (s *Service) Export(ctx context.Context) (*Export, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sg, err := s.suggestLocked(ctx)
	if err != nil {
		return nil, err
	}
	out := &Export{GeneratedAt: s.db.Now().UTC(), BaseCurrency: s.base.currency, MRRProblem: s.base.problem,
		Items: ExportCounts{ByType: map[string]int{}, BySource: map[string]int{}}, Clusters: []ExportCluster{}}
	for _, it := range s.base.items {
		out.Items.Total++
		out.Items.BySource[it.Source]++
		if t := s.st.triage[it.Key]; t != nil && t.Type != "" {
			out.Items.ByType[t.Type]++
		} else {
			out.Items.Untriaged++
		}
	}
	var sums []Summary
	groups := map[string]group{}
	askersOf := map[string][]Asker{}
	for _, g := range s.groups(sg) {
		sm, askers := s.summary(g)
		sums = append(sums, sm)
		groups[g.id], askersOf[g.id] = g, askers
	}
	sortSummaries(sums, "accounts")
	for _, sm := range sums {
		g := groups[sm.ID]
		c := ExportCluster{ID: sm.ID, Title: sm.Title, Suggested: sm.Suggested, Status: sm.Status, Release: sm.Release,
			Reason: sm.Reason, Changelog: sm.Changelog, MRRAtAsk: sm.MRRAtAsk, MRRNow: sm.MRRNow, FirstSeen: sm.FirstSeen,
			LastSeen: sm.LastSeen, Outcomes: sm.Outcomes, Sentence: sm.Sentence, ItemIDs: []string{}, Items: []ExportItem{},
			Accounts: []ExportAccount{}, Told: []ExportTold{}, Notes: s.notes(sm.ID)}
		for i := len(g.keys) - 1; i >= 0; i-- {
			it := s.base.byKey[g.keys[i]]
			c.ItemIDs = append(c.ItemIDs, it.SourceID)
			c.Items = append(c.Items, ExportItem{it.Key, it.Source, it.SourceID})
		}
		for _, k := range sg.additions[sm.ID] {
			it := s.base.byKey[k]
			c.Suggests = append(c.Suggests, ExportItem{it.Key, it.Source, it.SourceID})
		}
		for _, a := range askersOf[sm.ID] {
			c.Accounts = append(c.Accounts, ExportAccount{a.Account, a.Name, a.MRRAtAsk, a.MRRNow, a.Outcome30, a.Outcome90})
		}
		var people []string
		for p := range s.st.told[sm.ID] {
			people = append(people, p)
		}
		sort.Strings(people)
		for _, p := range people {
			c.Told = append(c.Told, ExportTold{p, time.Unix(s.st.told[sm.ID][p], 0).UTC()})
		}
		out.Clusters = append(out.Clusters, c)
	}
	return out, nil
}
