package similar

import (
	"math"
	"sort"
)

// Options tune the clustering. Defaults holds the values measured on the
// labelled set (similar_test.go).
type Options struct {
	// Threshold: a document joins its nearest cluster when their
	// similarity is at least this, else it starts its own.
	Threshold float64
	// MergeThreshold: then two clusters at least this similar are one.
	MergeThreshold float64
	// WordWeight is the share of the word cosine in the similarity; the
	// rest is the trigram cosine (typos, word forms the stemmer misses).
	WordWeight float64
	// TextWeight is how much a word of an item's text counts against a
	// word of its title.
	TextWeight float64
	// Reports of an outage within IncidentWindow seconds of a cluster's
	// last one get IncidentBonus added.
	IncidentWindow int64
	IncidentBonus  float64
	// IDFPower sharpens the inverse document frequency (1 = plain).
	IDFPower float64
	// Evidence a match needs besides its score (see evidence): shared
	// words that weigh at least Significance of their document's heaviest,
	// MinShared of them or MinCoverage of one side's weight. MinShared 0
	// turns the check off.
	MinShared    int
	MinCoverage  float64
	Significance float64
	// KindPenalty is taken off when a document's kind is not its
	// cluster's (the kind most of its documents have).
	KindPenalty float64
}

// Defaults are Keel's settings.
var Defaults = Options{Threshold: 0.5, MergeThreshold: 0.4, WordWeight: 0.8, TextWeight: 0.5, MinShared: 2, MinCoverage: 0.7,
	Significance: 0.5, IncidentWindow: 3 * 3600, IncidentBonus: 0.3, KindPenalty: 0.3}

// centroid is the sum of a cluster's unit vectors.
type centroid struct {
	v     vec
	norm2 float64
	max   float32 // the heaviest weight
}

func (c *centroid) add(u vec) (added []int32) {
	if c.v.ids == nil {
		c.v = u // shared with the document until a second one joins
		c.norm2 = u.dot(u)
		c.max = maxOf(u.w)
		return u.ids
	}
	ids := make([]int32, 0, len(c.v.ids)+len(u.ids))
	w := make([]float32, 0, cap(ids))
	i, j := 0, 0
	for i < len(c.v.ids) || j < len(u.ids) {
		switch {
		case j >= len(u.ids) || i < len(c.v.ids) && c.v.ids[i] < u.ids[j]:
			ids, w = append(ids, c.v.ids[i]), append(w, c.v.w[i])
			i++
		case i >= len(c.v.ids) || u.ids[j] < c.v.ids[i]:
			ids, w = append(ids, u.ids[j]), append(w, u.w[j])
			added = append(added, u.ids[j])
			j++
		default:
			ids, w = append(ids, c.v.ids[i]), append(w, c.v.w[i]+u.w[j])
			i++
			j++
		}
	}
	c.v = vec{ids, w}
	c.norm2 = c.v.dot(c.v)
	c.max = maxOf(w)
	return added
}

func maxOf(w []float32) float32 {
	var m float32
	for _, x := range w {
		m = max(m, x)
	}
	return m
}

// evidence reports whether a and b share enough words to be one request:
// at least minShared of the words that weigh in each (significance of its
// heaviest), or words that make up minCoverage of one of them. One shared
// word between two short titles ("Student plan", "Nonprofit plan") is not
// enough, however rare.
func evidence(a, b *centroid, o Options) bool {
	if o.MinShared == 0 {
		return true
	}
	sa, sb := float32(o.Significance)*a.max, float32(o.Significance)*b.max
	shared := 0
	var ca, cb float64
	i, j := 0, 0
	for i < len(a.v.ids) && j < len(b.v.ids) {
		switch x, y := a.v.ids[i], b.v.ids[j]; {
		case x == y:
			if a.v.w[i] >= sa && b.v.w[j] >= sb {
				shared++
				ca += float64(a.v.w[i]) * float64(a.v.w[i])
				cb += float64(b.v.w[j]) * float64(b.v.w[j])
			}
			i++
			j++
		case x < y:
			i++
		default:
			j++
		}
	}
	if shared >= o.MinShared {
		return true
	}
	return shared > 0 && (ca/a.norm2 >= o.MinCoverage || cb/b.norm2 >= o.MinCoverage)
}

// cos is the cosine of a unit vector u with the centroid.
func (c *centroid) cos(u vec) float64 {
	if c.norm2 == 0 {
		return 0
	}
	return u.dot(c.v) / math.Sqrt(c.norm2)
}

type cluster struct {
	id           string
	members      []int
	word, gram   centroid
	lastIncident int64 // time of the latest outage report in it, 0 for none
	kind         string         // its documents' most common kind
	kinds        map[string]int // how many documents of each kind
	marks        []mark // its documents' marks
}

// Clusters groups the documents of a corpus: each document placed joins
// the nearest cluster at or above the threshold, else starts one, and
// keeps its place, so cluster ids stay stable as documents arrive.
type Clusters struct {
	c        *Corpus
	opt      Options
	list     []*cluster
	byID     map[string]int
	of       []int32 // document → cluster index, -1 when not placed
	postings map[int32][]int32
	stamp    []uint32
	round    uint32
}

// maxPosting caps how many clusters a term names as candidates: a word in
// thousands of clusters says little, and the document's rarer words find
// its neighbours.
const maxPosting = 4000

// NewClusters starts with no cluster.
func NewClusters(c *Corpus, opt Options) *Clusters {
	cs := &Clusters{c: c, opt: opt, byID: map[string]int{}, postings: map[int32][]int32{}}
	cs.grow()
	return cs
}

func (cs *Clusters) grow() {
	for len(cs.of) < cs.c.Len() {
		cs.of = append(cs.of, -1)
	}
}

// Of is the id of the cluster doc is in, "" when it is not placed.
func (cs *Clusters) Of(doc int) string {
	cs.grow()
	if k := cs.of[doc]; k >= 0 {
		return cs.list[k].id
	}
	return ""
}

// Members lists the documents of a cluster in the order they joined.
func (cs *Clusters) Members(id string) []int {
	if k, ok := cs.byID[id]; ok {
		return cs.list[k].members
	}
	return nil
}

// IDs lists the clusters in the order they were started.
func (cs *Clusters) IDs() []string {
	out := make([]string, len(cs.list))
	for i, c := range cs.list {
		out[i] = c.id
	}
	return out
}

// Put places doc in the cluster id, starting it when it does not exist.
// A document already placed stays where it is.
func (cs *Clusters) Put(id string, doc int) {
	cs.grow()
	if cs.of[doc] >= 0 {
		return
	}
	k, ok := cs.byID[id]
	if !ok {
		k = len(cs.list)
		cs.list = append(cs.list, &cluster{id: id})
		cs.byID[id] = k
		cs.stamp = append(cs.stamp, 0)
	}
	cl := cs.list[k]
	if k := cs.c.kind[doc]; len(cl.members) == 0 {
		cl.kind, cl.kinds = k, map[string]int{k: 1}
	} else if cl.kinds[k]++; cl.kinds[k] > cl.kinds[cl.kind] {
		cl.kind = k
	}
	cl.members = append(cl.members, doc)
	cs.of[doc] = int32(k)
	for _, m := range cs.c.marks[doc] {
		if !hasMark(cl.marks, m) {
			cl.marks = append(cl.marks, m)
		}
	}
	for _, t := range cl.word.add(cs.c.word[doc]) {
		cs.postings[t] = append(cs.postings[t], int32(k))
	}
	for _, t := range cl.gram.add(cs.c.gram[doc]) {
		cs.postings[t] = append(cs.postings[t], int32(k))
	}
	if cs.c.incident[doc] && cs.c.time[doc] > cl.lastIncident {
		cl.lastIncident = cs.c.time[doc]
	}
}

// Nearest finds the most similar cluster doc may join (allowed nil means
// any) and their similarity; "" when no cluster shares a term with it.
func (cs *Clusters) Nearest(doc int, allowed func(id string) bool) (string, float64) {
	cs.grow()
	cs.round++
	if cs.round == 0 { // wrapped: clear the stamps
		clear(cs.stamp)
		cs.round = 1
	}
	best, bestScore := -1, 0.0
	try := func(t int32) {
		p := cs.postings[t]
		if len(p) > maxPosting {
			return
		}
		for _, k := range p {
			if cs.stamp[k] == cs.round {
				continue
			}
			cs.stamp[k] = cs.round
			cl := cs.list[k]
			if allowed != nil && !allowed(cl.id) || clash(cs.c.marks[doc], cl.marks) {
				continue
			}
			s := cs.score(doc, cl)
			if s > bestScore || s == bestScore && best >= 0 && k < int32(best) {
				best, bestScore = int(k), s
			}
		}
	}
	for _, t := range cs.c.word[doc].ids {
		try(t)
	}
	for _, t := range cs.c.gram[doc].ids {
		try(t)
	}
	if best < 0 {
		return "", 0
	}
	return cs.list[best].id, bestScore
}

func (cs *Clusters) score(doc int, cl *cluster) float64 {
	o := cs.opt
	incident := cs.c.incident[doc] && cl.lastIncident != 0 && abs(cs.c.time[doc]-cl.lastIncident) <= o.IncidentWindow
	d := centroid{v: cs.c.word[doc], norm2: 1, max: maxOf(cs.c.word[doc].w)}
	if !incident && !evidence(&d, &cl.word, o) {
		return 0
	}
	s := o.WordWeight*cl.word.cos(cs.c.word[doc]) + (1-o.WordWeight)*cl.gram.cos(cs.c.gram[doc])
	if incident {
		s += o.IncidentBonus
	}
	if cs.c.kind[doc] != cl.kind {
		s -= o.KindPenalty
	}
	return s
}

// Place puts doc in its nearest allowed cluster when they are similar
// enough, else in a new cluster named newID; it returns the cluster and
// the similarity that decided (0 for a new cluster).
func (cs *Clusters) Place(doc int, newID string, allowed func(id string) bool) (string, float64) {
	id, s := cs.Nearest(doc, allowed)
	if id == "" || s < cs.opt.Threshold {
		id, s = newID, 0
	}
	cs.Put(id, doc)
	return id, s
}

// Suggest places docs in the order given (oldest first), consolidates
// the clusters and returns each document's cluster, named by the first
// document in it ("0", "4", …).
func Suggest(docs []Doc, opt Options) []string {
	c := NewCorpus(docs, opt)
	cs := NewClusters(c, opt)
	for i := range docs {
		cs.Place(i, itoa(i), nil)
	}
	cs.Consolidate(nil, nil)
	out := make([]string, len(docs))
	for i := range docs {
		out[i] = cs.Of(i)
	}
	return out
}

// merge moves every document of cluster from into cluster into.
func (cs *Clusters) merge(from, into int) {
	a, b := cs.list[from], cs.list[into]
	for _, d := range a.members {
		cs.of[d] = -1
	}
	for _, d := range a.members {
		cs.Put(b.id, d)
	}
	a.members, a.marks, a.kinds = nil, nil, nil
	a.word, a.gram = centroid{}, centroid{}
	delete(cs.byID, a.id)
}

// Consolidate joins each of the clusters ids (all when nil), youngest
// first, into the most similar older cluster whose centroid is at least
// opt.MergeThreshold similar; the older keeps its id. Comparing clusters,
// not single documents, averages out the words only one document uses.
// It returns the ids that disappeared, each with the id it joined.
func (cs *Clusters) Consolidate(ids []string, allowed func(a, b string) bool) map[string]string {
	gone := map[string]string{}
	var ks []int
	if ids == nil {
		for k := range cs.list {
			ks = append(ks, k)
		}
	} else {
		for _, id := range ids {
			if k, ok := cs.byID[id]; ok {
				ks = append(ks, k)
			}
		}
		sort.Ints(ks)
	}
	for x := len(ks) - 1; x >= 0; x-- {
		k := ks[x]
		a := cs.list[k]
		if len(a.members) == 0 {
			continue
		}
		cs.round++
		if cs.round == 0 {
			clear(cs.stamp)
			cs.round = 1
		}
		best, bestS := -1, cs.opt.MergeThreshold
		try := func(t int32) {
			p := cs.postings[t]
			if len(p) > maxPosting {
				return
			}
			for _, j := range p {
				if int(j) >= k || cs.stamp[j] == cs.round {
					continue
				}
				cs.stamp[j] = cs.round
				b := cs.list[j]
				if len(b.members) == 0 || allowed != nil && !allowed(a.id, b.id) || clash(a.marks, b.marks) {
					continue
				}
				incident := a.lastIncident != 0 && b.lastIncident != 0 && abs(a.lastIncident-b.lastIncident) <= cs.opt.IncidentWindow
				if !incident && !evidence(&a.word, &b.word, cs.opt) {
					continue
				}
				s := cs.opt.WordWeight*cosSum(&a.word, &b.word) + (1-cs.opt.WordWeight)*cosSum(&a.gram, &b.gram)
				if a.kind != b.kind {
					s -= cs.opt.KindPenalty
				}
				if incident {
					s += cs.opt.IncidentBonus
				}
				if s >= bestS {
					best, bestS = int(j), s
				}
			}
		}
		for _, t := range a.word.v.ids {
			try(t)
		}
		if best >= 0 {
			gone[a.id] = cs.list[best].id
			cs.merge(k, best)
		}
	}
	for from, to := range gone {
		for gone[to] != "" {
			to = gone[to]
		}
		gone[from] = to
	}
	return gone
}

func cosSum(a, b *centroid) float64 {
	if a.norm2 == 0 || b.norm2 == 0 {
		return 0
	}
	return a.v.dot(b.v) / math.Sqrt(a.norm2*b.norm2)
}
