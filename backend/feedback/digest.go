package feedback

import (
	"context"
	"sort"
	"strings"
	"time"

	"keel/backend"
	"keel/backend/workspace"
)

// Digest is a month's feedback as the monthly review, the scaling map and
// the report show it: the confirmed clusters as they stood at the end of
// the month (their items up to then, their askers' MRR then), the strategy
// signals that came in, the product notes written and the loops closed.
// A frozen review keeps it.
type Digest struct {
	Month    backend.Month `json:"month"`
	Currency string        `json:"base_currency"`
	Full     bool          `json:"full"` // with the clusters' quotes
	// ByAccounts and ByMRR are the top open and planned clusters, by the
	// accounts that asked and by the MRR they had when they asked.
	ByAccounts []DigestCluster `json:"by_accounts"`
	ByMRR      []DigestCluster `json:"by_mrr"`
	// Closed are the clusters shipped or declined in the month.
	Closed []DigestCluster `json:"closed"`
	// Signals are the strategy signals created in the month, newest first
	// (at most MaxSignals).
	Signals []Quote `json:"signals"`
	// Told are the people marked told in the month.
	Told []Told `json:"told"`
	// Notes are the product notes dated in the month.
	Notes []ProductNote `json:"notes"`
	// Planned counts the clusters planned by the end of the month and
	// still planned, PlannedNoted those of them with a product note.
	Planned      int `json:"planned"`
	PlannedNoted int `json:"planned_noted"`
	// Segments are the open and planned clusters by the segment of their
	// askers at the time they asked, the segments with most askers first.
	Segments []SegmentClusters `json:"segments"`
}

// DigestCluster is one cluster in a digest.
type DigestCluster struct {
	ID          string  `json:"id"`
	Title       string  `json:"title"`
	Status      string  `json:"status"`
	Release     string  `json:"release"`
	Items       int     `json:"items"`        // up to the end of the month
	NewItems    int     `json:"new_items"`    // in the month
	Accounts    int     `json:"accounts"`     // each once
	NewAccounts int     `json:"new_accounts"` // asking for the first time in the month
	MRRAtAsk    *int64  `json:"mrr_at_ask"`
	MRRNow      *int64  `json:"mrr_now"` // at the end of the month
	Segments    []Facet `json:"segments"`
	Quotes      []Quote `json:"quotes"` // with the full digest only
	Sentence    string  `json:"sentence"`
}

// Told is a person marked told in the month.
type Told struct {
	Cluster string    `json:"cluster"` // its title
	Status  string    `json:"status"`
	Person  string    `json:"person"`
	Account string    `json:"account"`
	At      time.Time `json:"at"`
}

// SegmentClusters are the clusters the askers of one segment asked for.
type SegmentClusters struct {
	Segment  string  `json:"segment"`  // none, small, mid, large, unknown
	Accounts int     `json:"accounts"` // askers of the segment, over its clusters
	Clusters []Facet `json:"clusters"` // cluster titles by accounts, at most MaxSegmentClusters
}

// How much a digest keeps.
const (
	MaxTop             = 5
	MaxSignals         = 12
	MaxSegmentClusters = 3
)

// MonthDigest builds the digest of month m; full adds the quotes of the
// top clusters (they read the text of every item, which the scaling map
// does not need). Nil when the workspace has no confirmed cluster, no
// strategy signal and no one told: nothing to digest.
func MonthDigest(ctx context.Context, db *workspace.DB, m backend.Month, full bool) (*Digest, error) {
	s := New(db)
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.ensure(ctx); err != nil {
		return nil, err
	}
	loc := s.base.loc
	start, end := m.Start(loc).Unix(), m.End(loc).Unix()
	s.asOf = end
	d := &Digest{Month: m, Currency: s.base.currency, Full: full, ByAccounts: []DigestCluster{}, ByMRR: []DigestCluster{}, Closed: []DigestCluster{},
		Signals: []Quote{}, Told: []Told{}, Notes: []ProductNote{}, Segments: []SegmentClusters{}}
	empty := len(s.st.clusters) == 0

	// Each confirmed cluster with its items up to the end of the month.
	members := map[string][]string{}
	for _, it := range s.base.items { // newest first
		if it.Created.Unix() >= end {
			continue
		}
		if c := s.clusterOf(it.Key); c != "" {
			members[c] = append(members[c], it.Key)
		}
		if t := s.st.triage[it.Key]; t != nil && Type(t.Type) == Strategy && it.Created.Unix() >= start {
			empty = false
			if len(d.Signals) < MaxSignals {
				d.Signals = append(d.Signals, s.quote(it))
			}
		}
	}
	var open []DigestCluster
	segments := map[string]map[string]int{} // segment → cluster title → accounts
	for id, c := range s.st.clusters {
		keys := members[id]
		if c.Status == StatusPlanned && c.StatusAt < end && len(keys) > 0 {
			d.Planned++
			if len(s.st.decisions[id]) > 0 {
				d.PlannedNoted++
			}
		}
		closedNow := (c.Status == StatusShipped || c.Status == StatusWontDo) && c.StatusAt >= start && c.StatusAt < end
		if len(keys) == 0 && !closedNow {
			continue
		}
		dc, askers := s.digestCluster(group{id: id, confirmed: true, keys: keys}, start)
		switch {
		case closedNow:
			d.Closed = append(d.Closed, dc)
		case c.Status == StatusOpen || c.Status == StatusPlanned:
			open = append(open, dc)
			for _, a := range askers {
				seg := firstNonEmpty(a.Segment, "unknown")
				if segments[seg] == nil {
					segments[seg] = map[string]int{}
				}
				segments[seg][dc.Title]++
			}
		}
		for person, at := range s.st.told[id] {
			if at >= start && at < end {
				empty = false
				d.Told = append(d.Told, s.told(c, person, at, keys))
			}
		}
		for _, n := range s.notes(id) {
			if t, err := time.ParseInLocation("2006-01-02", n.Date, loc); err == nil && t.Unix() >= start && t.Unix() < end {
				d.Notes = append(d.Notes, n)
			}
		}
	}
	if empty {
		return nil, nil
	}
	d.ByAccounts = top(open, func(a, b *DigestCluster) bool {
		if a.Accounts != b.Accounts {
			return a.Accounts > b.Accounts
		}
		return val(a.MRRAtAsk) > val(b.MRRAtAsk)
	})
	d.ByMRR = top(open, func(a, b *DigestCluster) bool {
		if val(a.MRRAtAsk) != val(b.MRRAtAsk) {
			return val(a.MRRAtAsk) > val(b.MRRAtAsk)
		}
		return a.Accounts > b.Accounts
	})
	if len(d.ByMRR) > 0 && d.ByMRR[0].MRRAtAsk == nil {
		d.ByMRR = []DigestCluster{} // no billing: nothing to rank by
	}
	sort.Slice(d.Closed, func(i, j int) bool {
		return d.Closed[i].Accounts > d.Closed[j].Accounts || d.Closed[i].Accounts == d.Closed[j].Accounts && d.Closed[i].ID < d.Closed[j].ID
	})
	if full {
		for _, l := range [][]DigestCluster{d.ByAccounts, d.ByMRR, d.Closed} {
			for i := range l {
				q := s.quotes(members[l[i].ID])
				l[i].Quotes = q[:min(len(q), 2)]
			}
		}
	}
	sort.Slice(d.Told, func(i, j int) bool {
		a, b := d.Told[i], d.Told[j]
		if !a.At.Equal(b.At) {
			return a.At.Before(b.At)
		}
		return a.Cluster+a.Person < b.Cluster+b.Person
	})
	sort.Slice(d.Notes, func(i, j int) bool {
		return d.Notes[i].Date < d.Notes[j].Date || d.Notes[i].Date == d.Notes[j].Date && d.Notes[i].ID < d.Notes[j].ID
	})
	for seg, cs := range segments {
		sc := SegmentClusters{Segment: seg, Clusters: facets(cs)}
		for _, f := range sc.Clusters {
			sc.Accounts += f.Items
		}
		sc.Clusters = sc.Clusters[:min(len(sc.Clusters), MaxSegmentClusters)]
		d.Segments = append(d.Segments, sc)
	}
	sort.Slice(d.Segments, func(i, j int) bool {
		a, b := d.Segments[i], d.Segments[j]
		return a.Accounts > b.Accounts || a.Accounts == b.Accounts && a.Segment < b.Segment
	})
	return d, nil
}

// digestCluster sums a cluster up as it stood at the end of the month
// that starts at start (s.asOf is its end).
func (s *Service) digestCluster(g group, start int64) (DigestCluster, []Asker) {
	sm, askers := s.summary(g)
	dc := DigestCluster{ID: sm.ID, Title: sm.Title, Status: sm.Status, Release: sm.Release, Items: sm.Items, Accounts: sm.Accounts,
		MRRAtAsk: sm.MRRAtAsk, MRRNow: sm.MRRNow, Sentence: sm.Sentence, Quotes: []Quote{}}
	for _, k := range g.keys {
		if s.base.byKey[k].Created.Unix() >= start {
			dc.NewItems++
		}
	}
	segs := map[string]int{}
	for _, a := range askers {
		segs[firstNonEmpty(a.Segment, "unknown")]++
		if a.FirstAsked.Unix() >= start {
			dc.NewAccounts++
		}
	}
	dc.Segments = facets(segs)
	return dc, askers
}

// told describes one person told about cluster c.
func (s *Service) told(c *workspace.FeedbackCluster, person string, at int64, keys []string) Told {
	t := Told{Cluster: c.Title, Status: c.Status, Person: person, At: time.Unix(at, 0).UTC()}
	for _, k := range keys {
		if it := s.base.byKey[k]; personKey(it) == person {
			t.Person, t.Account = firstNonEmpty(it.Name, it.Email, person), it.AccountName
			break
		}
	}
	if acc, ok := strings.CutPrefix(person, "account:"); ok && t.Account == "" {
		t.Account = firstNonEmpty(s.base.names[acc], acc)
	}
	return t
}

// quote is an item's words as a quote.
func (s *Service) quote(it *Item) Quote {
	text := it.Text
	if text == "" {
		text = it.Title
	}
	return Quote{Item: it.Key, Text: cut(strings.Join(strings.Fields(text), " "), 280), Who: firstNonEmpty(it.Name, it.Email), Account: it.AccountName,
		Plan: it.Plan, MRR: it.MRR, Date: it.Created}
}

// top is the first MaxTop of cs by less.
func top(cs []DigestCluster, less func(a, b *DigestCluster) bool) []DigestCluster {
	out := append([]DigestCluster(nil), cs...)
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	sort.SliceStable(out, func(i, j int) bool { return less(&out[i], &out[j]) })
	return out[:min(len(out), MaxTop)]
}
