package feedback

import (
	"context"
	"sort"
	"strings"
	"time"

	"keel/backend"
	"keel/backend/workspace"
)

type workspaceTriage = workspace.FeedbackTriage

func errDate(s string) error {
	return backend.Errorf(backend.Invalid, "%q is not a date; write it as YYYY-MM-DD.", s)
}

// Filter narrows the inbox. Empty fields do not filter.
type Filter struct {
	Status  string   `json:"status"`  // untriaged (default), triaged, all
	Types   []string `json:"types"`   // bug, friction, …
	Areas   []string `json:"areas"`   // area ids; "none" for items without one
	Plans   []string `json:"plans"`   // plan names at the time; "none" for no plan
	Stages  []string `json:"stages"`  // trial, new, established, churned, prospect
	Sources []string `json:"sources"` // zendesk, canny, call, …
	From    string   `json:"from"`    // YYYY-MM-DD, inclusive, in the workspace time zone
	To      string   `json:"to"`      // YYYY-MM-DD, inclusive
	Cluster string   `json:"cluster"` // a cluster id, "none" (in none), "any" (in one), "suggested" (a suggestion waits)
	Account string   `json:"account"` // an account id
	Query   string   `json:"query"`   // words of the title, text, person or account
	Oldest  bool     `json:"oldest"`  // oldest first (default newest first)
}

// Row is one item of the inbox as the list shows it.
type Row struct {
	Item
	Type    Type   `json:"type"`    // the founder's type, "" when untriaged
	Area    string `json:"area"`    // area id, "" for none
	Cluster *Ref   `json:"cluster"` // its confirmed cluster
	// Suggestion is the cluster Keel suggests for it: a suggested one
	// (with others) or a confirmed one it may join; nil for none.
	Suggestion *Ref `json:"suggestion"`
}

// Ref names a cluster.
type Ref struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Items     int    `json:"items"`
	Suggested bool   `json:"suggested"` // not confirmed yet
}

// Page is a slice of the inbox with what the screen shows around it.
type Page struct {
	Rows   []Row  `json:"rows"`
	Total  int    `json:"total"` // rows matching the filter
	Offset int    `json:"offset"`
	Counts Counts `json:"counts"`
	Facets Facets `json:"facets"`
	Areas  []Area `json:"areas"`
	// BaseCurrency is the currency of every MRR; MRRProblem says why an
	// MRR is missing when the revenue engine cannot tell.
	BaseCurrency string `json:"base_currency"`
	MRRProblem   string `json:"mrr_problem,omitempty"`
	// Undo names the edit `u` would take back, "" for none.
	Undo string `json:"undo"`
}

// Counts count every item, whatever the filter.
type Counts struct {
	Items     int            `json:"items"`
	Untriaged int            `json:"untriaged"`
	ByType    map[string]int `json:"by_type"`
}

// Facets list the values the filters can take, with how many items have
// each.
type Facets struct {
	Plans   []Facet `json:"plans"`
	Sources []Facet `json:"sources"`
	Stages  []Facet `json:"stages"`
}

// Facet is one value of a filter.
type Facet struct {
	Value string `json:"value"`
	Items int    `json:"items"`
}

// maxPage caps a page of the inbox.
const maxPage = 500

// rowText caps the text a row carries; the item's full text is Item().
const rowText = 2000

// List is a page of the inbox.
func (s *Service) List(ctx context.Context, f Filter, offset, limit int) (*Page, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sg, err := s.suggestLocked(ctx)
	if err != nil {
		return nil, err
	}
	if limit <= 0 || limit > maxPage {
		limit = maxPage
	}
	match, err := s.matcher(f)
	if err != nil {
		return nil, err
	}
	p := &Page{Offset: offset, Areas: s.st.areas, BaseCurrency: s.base.currency, MRRProblem: s.base.problem, Undo: s.st.ws.Undo}
	p.Counts.ByType = map[string]int{}
	plans, sources, stages := map[string]int{}, map[string]int{}, map[string]int{}
	var hits []*Item
	for _, it := range s.base.items {
		t := s.st.triage[it.Key]
		p.Counts.Items++
		if t == nil || t.Type == "" {
			p.Counts.Untriaged++
		} else {
			p.Counts.ByType[t.Type]++
		}
		plans[planKey(it.Plan)]++
		sources[it.Source]++
		stages[it.Stage]++
		if match(it, t, sg) {
			hits = append(hits, it)
		}
	}
	if f.Oldest {
		for i, j := 0, len(hits)-1; i < j; i, j = i+1, j-1 {
			hits[i], hits[j] = hits[j], hits[i]
		}
	}
	p.Total = len(hits)
	for i := offset; i < len(hits) && i < offset+limit; i++ {
		p.Rows = append(p.Rows, s.row(hits[i], sg, rowText))
	}
	if p.Rows == nil {
		p.Rows = []Row{}
	}
	p.Facets = Facets{Plans: facets(plans), Sources: facets(sources), Stages: facets(stages)}
	return p, nil
}

func planKey(p string) string {
	if p == "" {
		return "none"
	}
	return p
}

func facets(m map[string]int) []Facet {
	out := make([]Facet, 0, len(m))
	for v, n := range m {
		out = append(out, Facet{v, n})
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].Items > out[j].Items || out[i].Items == out[j].Items && out[i].Value < out[j].Value
	})
	return out
}

// row is an item as the inbox shows it, its text cut to n bytes.
func (s *Service) row(it *Item, sg *suggestions, n int) Row {
	r := Row{Item: *it}
	if len(r.Text) > n {
		r.Text = strings.ToValidUTF8(r.Text[:n], "") + "…"
	}
	if t := s.st.triage[it.Key]; t != nil {
		r.Type, r.Area = Type(t.Type), t.Area
		if _, ok := s.st.area[r.Area]; !ok {
			r.Area = ""
		}
	}
	if c := s.clusterOf(it.Key); c != "" {
		r.Cluster = s.ref(c, false)
	} else if c := sg.place[it.Key]; c != "" {
		if _, ok := s.st.clusters[c]; ok {
			if !s.st.rejects[it.Key]["cluster:"+c] {
				r.Suggestion = s.ref(c, false)
			}
		} else if len(sg.groups[c]) > 1 {
			r.Suggestion = s.ref(c, true)
		}
	}
	return r
}

// ref names a confirmed or suggested cluster.
func (s *Service) ref(id string, suggested bool) *Ref {
	if !suggested {
		c := s.st.clusters[id]
		if c == nil {
			return nil
		}
		return &Ref{ID: id, Title: c.Title, Items: len(s.st.members[id])}
	}
	keys := s.st.sugg.groups[id]
	title := ""
	if it := s.representative(keys); it != nil {
		title = it.Title
	}
	return &Ref{ID: id, Title: title, Items: len(keys), Suggested: true}
}

// matcher compiles a filter.
func (s *Service) matcher(f Filter) (func(*Item, *workspaceTriage, *suggestions) bool, error) {
	set := func(vs []string) map[string]bool {
		if len(vs) == 0 {
			return nil
		}
		m := map[string]bool{}
		for _, v := range vs {
			m[v] = true
		}
		return m
	}
	types, areas, plans, stages, sources := set(f.Types), set(f.Areas), set(f.Plans), set(f.Stages), set(f.Sources)
	from, to, err := s.dateRange(f.From, f.To)
	if err != nil {
		return nil, err
	}
	q := strings.Fields(strings.ToLower(f.Query))
	return func(it *Item, t *workspaceTriage, sg *suggestions) bool {
		typ, area, cl := "", "", ""
		if t != nil {
			typ, area = t.Type, t.Area
			if _, ok := s.st.area[area]; !ok {
				area = ""
			}
			cl = s.clusterOf(it.Key)
		}
		switch f.Status {
		case "", "untriaged":
			if typ != "" {
				return false
			}
		case "triaged":
			if typ == "" {
				return false
			}
		}
		if types != nil && !types[typ] || areas != nil && !areas[firstNonEmpty(area, "none")] ||
			plans != nil && !plans[planKey(it.Plan)] || stages != nil && !stages[it.Stage] ||
			sources != nil && !sources[it.Source] || f.Account != "" && it.Account != f.Account {
			return false
		}
		if from != 0 && it.Created.Unix() < from || to != 0 && it.Created.Unix() >= to {
			return false
		}
		switch f.Cluster {
		case "":
		case "none":
			if cl != "" {
				return false
			}
		case "any":
			if cl == "" {
				return false
			}
		case "suggested":
			c := sg.place[it.Key]
			if cl != "" || c == "" || len(sg.groups[c]) < 2 && s.st.clusters[c] == nil {
				return false
			}
		default:
			if cl != f.Cluster && sg.place[it.Key] != f.Cluster {
				return false
			}
		}
		for _, w := range q {
			if !containsFold(it.Title, w) && !containsFold(it.Text, w) && !containsFold(it.Email, w) &&
				!containsFold(it.Name, w) && !containsFold(it.AccountName, w) {
				return false
			}
		}
		return true
	}, nil
}

// searchText caps how much of a text a search reads.
const searchText = 1000

// containsFold reports whether s contains the lowercase word w, ignoring
// case, in its first searchText bytes.
func containsFold(s, w string) bool {
	if len(s) > searchText {
		s = s[:searchText]
	}
	return strings.Contains(strings.ToLower(s), w)
}

// dateRange reads YYYY-MM-DD bounds as unix seconds in the workspace
// time zone: [from, to+1 day); 0 for none.
func (s *Service) dateRange(from, to string) (int64, int64, error) {
	var a, b int64
	if from != "" {
		t, err := time.ParseInLocation("2006-01-02", from, s.base.loc)
		if err != nil {
			return 0, 0, errDate(from)
		}
		a = t.Unix()
	}
	if to != "" {
		t, err := time.ParseInLocation("2006-01-02", to, s.base.loc)
		if err != nil {
			return 0, 0, errDate(to)
		}
		b = t.AddDate(0, 0, 1).Unix()
	}
	return a, b, nil
}
