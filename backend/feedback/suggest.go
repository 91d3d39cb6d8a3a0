package feedback

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strconv"

	"keel/backend/similar"
	"keel/backend/workspace"
)

// Keel suggests clusters locally (backend/similar). Each item is placed
// once, oldest first: it joins the nearest cluster (suggested or
// confirmed) above the threshold, else starts its own, and the clusters
// that grew are then compared with the older ones and joined when alike.
// Places are kept in the workspace, so suggested cluster ids stay stable
// as items arrive; only new items, and items the founder took out of a
// cluster or turned down, are placed again.

// clusterOptions are the similarity engine's settings for feedback,
// chosen on the tuning part of the labelled set (quality_test.go).
var clusterOptions = similar.Defaults

// docFor is an item as the similarity engine reads it: a bug report is
// kept apart from a request that uses the same words. typ is the
// founder's type, else Keel's suggestion from the words.
func docFor(title, text string, created int64, typ Type) similar.Doc {
	if typ == "" {
		typ = SuggestType(title, text).Type
	}
	return docTyped(title, text, created, typ)
}

// docTyped is docFor with the type known ("" for none).
func docTyped(title, text string, created int64, typ Type) similar.Doc {
	d := similar.Doc{Title: title, Text: text, Time: created}
	if typ == Bug {
		d.Kind = string(Bug)
	}
	return d
}

// suggestDocs places docs (oldest first) as Keel does and returns each
// one's cluster (the quality test's path).
func suggestDocs(docs []similar.Doc, opt similar.Options) []string {
	return similar.Suggest(docs, opt)
}

// index is the engine's view of the items: one document per item, oldest
// first. Built on first need, once per base.
type index struct {
	corpus *similar.Corpus
	doc    map[string]int
	key    []string
}

func (s *Service) indexLocked() *index {
	b := s.base
	if b.ix != nil {
		return b.ix
	}
	ix := &index{doc: make(map[string]int, len(b.items)), key: make([]string, len(b.items))}
	docs := make([]similar.Doc, len(b.items))
	for i := range b.items {
		it := b.items[len(b.items)-1-i] // oldest first
		typ := Type("")
		if t := s.st.triage[it.Key]; t != nil {
			typ = Type(t.Type)
		}
		if typ == "" {
			typ = it.Suggested.Type
		}
		docs[i] = docTyped(it.Title, it.Text, it.Created.Unix(), typ)
		ix.doc[it.Key], ix.key[i] = i, it.Key
	}
	ix.corpus = similar.NewCorpus(docs, clusterOptions)
	b.ix = ix
	return ix
}

// suggestions are the places of the items and what they make.
type suggestions struct {
	place     map[string]string   // item → cluster (suggested s-…, or confirmed)
	groups    map[string][]string // suggested cluster → its items not in a confirmed cluster
	additions map[string][]string // confirmed cluster → items suggested to join it
}

// newID names the cluster an item starts.
func newID(item string) string {
	h := sha256.Sum256([]byte(item))
	return "s-" + hex.EncodeToString(h[:5])
}

// suggestLocked places the items that have no place yet and returns the
// suggestions. Callers hold s.mu.
func (s *Service) suggestLocked(ctx context.Context) (*suggestions, error) {
	if err := s.ensure(ctx); err != nil {
		return nil, err
	}
	st := s.st
	if st.sugg != nil {
		return st.sugg, nil
	}
	if st.placed == nil {
		stored, err := s.db.FeedbackSuggestions(ctx)
		if err != nil {
			return nil, err
		}
		st.placed = make(map[string]string, len(stored))
		for _, p := range stored {
			st.placed[p.Item] = p.Cluster
		}
	}
	place := st.placed
	var fresh []string
	for i := len(s.base.items) - 1; i >= 0; i-- { // oldest first
		it := s.base.items[i]
		if place[it.Key] == "" && s.clusterOf(it.Key) == "" {
			fresh = append(fresh, it.Key)
		}
	}
	if len(fresh) > 0 {
		if err := s.placeLocked(ctx, place, fresh); err != nil {
			return nil, err
		}
	}
	sg := &suggestions{place: place, groups: map[string][]string{}, additions: map[string][]string{}}
	for i := len(s.base.items) - 1; i >= 0; i-- {
		key := s.base.items[i].Key
		c := place[key]
		if c == "" || s.clusterOf(key) != "" {
			continue
		}
		if _, ok := st.clusters[c]; ok {
			if !st.rejects[key]["cluster:"+c] {
				sg.additions[c] = append(sg.additions[c], key)
			}
			continue
		}
		sg.groups[c] = append(sg.groups[c], key)
	}
	for id, items := range sg.groups {
		if len(items) < 2 {
			delete(sg.groups, id)
		}
	}
	st.sugg = sg
	return sg, nil
}

// clusterOf is the confirmed cluster of an item, "" for none.
func (s *Service) clusterOf(item string) string {
	if t := s.st.triage[item]; t != nil {
		if _, ok := s.st.clusters[t.Cluster]; ok {
			return t.Cluster
		}
	}
	return ""
}

// engine is the clusters as last placed, at an epoch of the service.
type engine struct {
	cs    *similar.Clusters
	epoch int
}

// placeLocked places the fresh items and stores their places. The engine
// is seeded with the items' places and the confirmed clusters, or reused
// when nothing it was seeded with changed since (then placing one new
// item takes milliseconds).
func (s *Service) placeLocked(ctx context.Context, place map[string]string, fresh []string) error {
	st := s.st
	ix := s.indexLocked()
	var cs *similar.Clusters
	if e := s.base.engine; e != nil && e.epoch == s.epoch {
		cs = e.cs
	} else {
		cs = similar.NewClusters(ix.corpus, clusterOptions)
		for d, key := range ix.key {
			if c := s.clusterOf(key); c != "" {
				cs.Put(c, d)
			} else if c := place[key]; c != "" {
				cs.Put(c, d)
			}
		}
		s.base.engine = &engine{cs: cs, epoch: s.epoch}
	}
	touched := map[string]bool{}
	var add []workspace.FeedbackSuggested
	for _, key := range fresh {
		d := ix.doc[key]
		id := newID(key)
		for n := 2; len(cs.Members(id)) > 0; n++ {
			id = newID(key) + "-" + strconv.Itoa(n)
		}
		allowed := func(c string) bool { return s.mayJoin(cs, ix, key, c) }
		got, score := cs.Place(d, id, allowed)
		place[key] = got
		touched[got] = true
		add = append(add, workspace.FeedbackSuggested{Item: key, Cluster: got, Score: score})
	}
	ids := make([]string, 0, len(touched))
	for id := range touched {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	gone := cs.Consolidate(ids, func(a, b string) bool {
		if _, confirmed := st.clusters[a]; confirmed {
			return false // a confirmed cluster never disappears by itself
		}
		for _, d := range cs.Members(a) {
			if !s.mayJoin(cs, ix, ix.key[d], b) {
				return false
			}
		}
		return true
	})
	// Items of a cluster that joined an older one take its id.
	for key, c := range place {
		if to, ok := gone[c]; ok {
			place[key] = to
			add = append(add, workspace.FeedbackSuggested{Item: key, Cluster: to})
		}
	}
	return s.db.SaveFeedbackSuggestions(ctx, dedupe(add), nil)
}

// dedupe keeps the last place of each item.
func dedupe(in []workspace.FeedbackSuggested) []workspace.FeedbackSuggested {
	seen := map[string]int{}
	var out []workspace.FeedbackSuggested
	for _, s := range in {
		if i, ok := seen[s.Item]; ok {
			out[i] = s
			continue
		}
		seen[s.Item] = len(out)
		out = append(out, s)
	}
	return out
}

// mayJoin reports whether item may be suggested for cluster c: the
// founder did not turn the item down for it, nor turn it down together
// with one of c's items.
func (s *Service) mayJoin(cs *similar.Clusters, ix *index, item, c string) bool {
	rj := s.st.rejects[item]
	if len(rj) == 0 {
		return true
	}
	if rj[c] || rj["cluster:"+c] {
		return false
	}
	for _, d := range cs.Members(c) {
		for g := range s.st.rejects[ix.key[d]] {
			if rj[g] {
				return false
			}
		}
	}
	return true
}

// representative is the item of keys whose title is most like the
// others' (among the first 40), to name a suggested cluster.
func (s *Service) representative(keys []string) *Item {
	if len(keys) == 0 {
		return nil
	}
	ix := s.indexLocked()
	n := min(len(keys), 40)
	best, bestS := 0, -1.0
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
		if sum > bestS {
			best, bestS = i, sum
		}
	}
	return s.base.byKey[keys[best]]
}
