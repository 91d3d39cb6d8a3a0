package similar

import (
	"math"
	"slices"
	"sort"
)

func slicesSearch(s []int32, t int32) (int, bool) { return slices.BinarySearch(s, t) }

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
	Significance: 0.5, IncidentWindow: 3 * 3600, IncidentBonus: 0.5, KindPenalty: 0.2}

// centroid is the sum of a cluster's unit vectors.
type centroid struct {
	v     vec
	norm2 float64
	max   float32 // the heaviest weight
	own   bool    // v's arrays are the centroid's, not a document's
}

// maxTerms caps a centroid's terms: past it, the lightest go (they hardly
// move a cosine), which keeps joining a large cluster cheap.
const maxTerms = 256

func (c *centroid) add(u vec) {
	if c.v.ids == nil {
		c.v = u // shared with the document until a second one joins
		c.norm2 = u.dot(u)
		c.max = maxOf(u.w)
		c.own = false
		return
	}
	fresh := 0
	for _, t := range u.ids {
		if _, ok := slicesSearch(c.v.ids, t); !ok {
			fresh++
		}
	}
	n, m := len(c.v.ids), len(c.v.ids)+fresh
	ids, w := c.v.ids, c.v.w
	if !c.own || cap(ids) < m {
		// A new array, with room to grow: joining a cluster is amortised.
		ids, w = make([]int32, n, m+m/2+4), make([]float32, n, m+m/2+4)
		copy(ids, c.v.ids)
		copy(w, c.v.w)
		c.own = true
	}
	ids, w = ids[:m], w[:m]
	// Merge from the back, in place.
	i, j, k := n-1, len(u.ids)-1, m-1
	for j >= 0 {
		switch {
		case i >= 0 && ids[i] > u.ids[j]:
			ids[k], w[k] = ids[i], w[i]
			i--
		case i >= 0 && ids[i] == u.ids[j]:
			ids[k], w[k] = ids[i], w[i]+u.w[j]
			i--
			j--
		default:
			ids[k], w[k] = u.ids[j], u.w[j]
			j--
		}
		k--
	}
	if len(ids) > 2*maxTerms {
		ids, w = heaviest(ids, w, maxTerms)
	}
	c.v = vec{ids, w}
	c.norm2 = c.v.dot(c.v)
	c.max = maxOf(w)
}

// heaviest keeps the n heaviest terms, in id order.
func heaviest(ids []int32, w []float32, n int) ([]int32, []float32) {
	ws := append([]float32(nil), w...)
	slices.Sort(ws)
	cut := ws[len(ws)-n]
	outI, outW := make([]int32, 0, n+len(ids)/4), make([]float32, 0, n+len(ids)/4)
	for i := range ids {
		if w[i] >= cut && len(outI) < n {
			outI, outW = append(outI, ids[i]), append(outW, w[i])
		}
	}
	return outI, outW
}

func maxOf(w []float32) float32 {
	var m float32
	for _, x := range w {
		m = max(m, x)
	}
	return m
}

// weight is the centroid's weight of term t, 0 when absent.
func (v vec) weight(t int32) float32 {
	i, ok := slicesSearch(v.ids, t)
	if !ok {
		return 0
	}
	return v.w[i]
}

// dotAny is v·u, walking the shorter and looking terms up in the longer.
func dotAny(v, u vec) float64 {
	if len(v.ids) > len(u.ids) {
		v, u = u, v
	}
	if len(u.ids) < 4*len(v.ids) {
		return v.dot(u)
	}
	var s float64
	for i, t := range v.ids {
		s += float64(v.w[i]) * float64(u.weight(t))
	}
	return s
}

// cos is the cosine of two centroids.
func cos(a, b *centroid) float64 {
	if a.norm2 == 0 || b.norm2 == 0 {
		return 0
	}
	return dotAny(a.v, b.v) / math.Sqrt(a.norm2*b.norm2)
}

// significant lists the terms that weigh at least f of the heaviest.
func (c *centroid) significant(f float64) []int32 { return c.appendSignificant(nil, f) }

func (c *centroid) appendSignificant(out []int32, f float64) []int32 {
	min := float32(f) * c.max
	for i, w := range c.v.w {
		if w >= min {
			out = append(out, c.v.ids[i])
		}
	}
	return out
}

// dominant is the word making up at least f of the centroid's squared
// weight, -1 for none (f > 0.5: at most one).
func (c *centroid) dominant(f float64) int32 {
	for i, w := range c.v.w {
		if float64(w)*float64(w) >= f*c.norm2 {
			return c.v.ids[i]
		}
	}
	return -1
}

// evidence reports whether a and b share enough words to be one request:
// at least MinShared of the words that weigh in both (Significance of
// their side's heaviest), or such words making up MinCoverage of one
// side's weight. One shared word between two short titles ("Student
// plan", "Nonprofit plan") is not enough, however rare.
func evidence(a, b *centroid, o Options) bool {
	if o.MinShared == 0 {
		return true
	}
	if len(a.v.ids) > len(b.v.ids) {
		a, b = b, a
	}
	sa, sb := float32(o.Significance)*a.max, float32(o.Significance)*b.max
	shared := 0
	var ca, cb float64
	for i, t := range a.v.ids {
		wa := a.v.w[i]
		if wa < sa {
			continue
		}
		if wb := b.v.weight(t); wb >= sb && wb > 0 {
			shared++
			ca += float64(wa) * float64(wa)
			cb += float64(wb) * float64(wb)
		}
	}
	if shared >= o.MinShared {
		return true
	}
	return shared > 0 && (ca/a.norm2 >= o.MinCoverage || cb/b.norm2 >= o.MinCoverage)
}

type cluster struct {
	id           string
	members      []int
	word, gram   centroid
	lastIncident int64          // time of the latest outage report in it, 0 for none
	kind         string         // its documents' most common kind
	kinds        map[string]int // how many documents of each kind
	marks        []mark         // its documents' marks
	indexed      []int32        // the terms the postings name it under, ascending
	dominant     int32          // a word making up MinCoverage of its weight, -1 for none
}

// Clusters groups the documents of a corpus: each document placed joins
// the nearest cluster at or above the threshold, else starts one, and
// keeps its place, so cluster ids stay stable as documents arrive.
type Clusters struct {
	c    *Corpus
	opt  Options
	list []*cluster
	byID map[string]int
	of   []int32 // document → cluster index, -1 when not placed
	// postings name, for each term, the clusters in which it weighs
	// (Significance of the heaviest): a match needs such a shared word.
	postings  [][]int32 // by term id
	incidents []int32   // clusters with an outage report
	stamp     []uint32
	seen, sig []int32  // scratch of candidates
	shared    []uint16 // per cluster, weighing words shared in this round
	last      []int32  // per cluster, the last of them
	round     uint32
}

// called marks, in shared, a cluster already passed to the caller.
const called = math.MaxUint16

// maxPosting caps how many clusters a term names as candidates: a word
// that weighs in thousands of clusters says little, and the document's
// rarer words find its neighbours.
const maxPosting = 2000

// NewClusters starts with no cluster.
func NewClusters(c *Corpus, opt Options) *Clusters {
	cs := &Clusters{c: c, opt: opt, byID: map[string]int{}}
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

// IDs lists the clusters that hold documents, in the order they started.
func (cs *Clusters) IDs() []string {
	var out []string
	for _, c := range cs.list {
		if len(c.members) > 0 {
			out = append(out, c.id)
		}
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
		cs.list = append(cs.list, &cluster{id: id, dominant: -1})
		cs.byID[id] = k
		cs.stamp = append(cs.stamp, 0)
		cs.shared = append(cs.shared, 0)
		cs.last = append(cs.last, 0)
	}
	cl := cs.list[k]
	if kd := cs.c.kind[doc]; len(cl.members) == 0 {
		cl.kind, cl.kinds = kd, map[string]int{kd: 1}
	} else if cl.kinds[kd]++; cl.kinds[kd] > cl.kinds[cl.kind] {
		cl.kind = kd
	}
	cl.members = append(cl.members, doc)
	cs.of[doc] = int32(k)
	for _, m := range cs.c.marks[doc] {
		if !hasMark(cl.marks, m) {
			cl.marks = append(cl.marks, m)
		}
	}
	cl.word.add(cs.c.word[doc])
	cl.gram.add(cs.c.gram[doc])
	cs.index(k)
	if cs.c.incident[doc] {
		if cl.lastIncident == 0 {
			cs.incidents = append(cs.incidents, int32(k))
		}
		cl.lastIncident = max(cl.lastIncident, cs.c.time[doc])
	}
}

// index adds cluster k to the postings of its words that weigh now and
// finds its dominant word.
func (cs *Clusters) index(k int) {
	cl := cs.list[k]
	cl.dominant = cl.word.dominant(cs.opt.MinCoverage)
	for _, t := range cl.word.significant(cs.opt.Significance) {
		i, ok := slicesSearch(cl.indexed, t)
		if ok {
			continue
		}
		cl.indexed = append(cl.indexed, 0)
		copy(cl.indexed[i+1:], cl.indexed[i:])
		cl.indexed[i] = t
		for int(t) >= len(cs.postings) {
			cs.postings = append(cs.postings, nil)
		}
		cs.postings[t] = append(cs.postings[t], int32(k))
	}
}

// candidates calls f once for every cluster that may match the centroid
// c: one that shares MinShared of its weighing words, or one that is
// dominant on either side, or (for an outage report at time incidentAt)
// one that reported an outage close to it. Clusters at index below and
// after are skipped when below >= 0.
func (cs *Clusters) candidates(c *centroid, incidentAt int64, below int, f func(k int)) {
	cs.round++
	if cs.round == 0 { // wrapped: clear the stamps
		clear(cs.stamp)
		cs.round = 1
	}
	seen := cs.seen[:0]
	cs.sig = c.appendSignificant(cs.sig[:0], cs.opt.Significance)
	for _, t := range cs.sig {
		if int(t) >= len(cs.postings) {
			continue
		}
		p := cs.postings[t]
		if len(p) > maxPosting {
			continue
		}
		for _, k := range p {
			if below >= 0 && int(k) >= below {
				continue
			}
			if cs.stamp[k] != cs.round {
				cs.stamp[k] = cs.round
				cs.shared[k] = 0
				seen = append(seen, k)
			}
			cs.shared[k]++
			cs.last[k] = t
		}
	}
	cs.seen = seen
	dom := c.dominant(cs.opt.MinCoverage)
	need := max(cs.opt.MinShared, 1)
	for _, k := range seen {
		cl := cs.list[k]
		if len(cl.members) == 0 {
			continue
		}
		if int(cs.shared[k]) >= need || cs.last[k] == dom || cs.last[k] == cl.dominant || cs.opt.MinShared == 0 {
			cs.shared[k] = called
			f(int(k))
		}
	}
	if incidentAt != 0 {
		// An outage report close in time is a candidate whatever words
		// it shares (one shared word is no reason to leave it out).
		for _, k := range cs.incidents {
			if below >= 0 && int(k) >= below || cs.stamp[k] == cs.round && cs.shared[k] == called {
				continue
			}
			if cl := cs.list[k]; len(cl.members) > 0 && abs(cl.lastIncident-incidentAt) <= cs.opt.IncidentWindow {
				cs.stamp[k], cs.shared[k] = cs.round, called
				f(int(k))
			}
		}
	}
}

// Nearest finds the most similar cluster doc may join (allowed nil means
// any) and their similarity; "" when none shares a weighing word with it.
func (cs *Clusters) Nearest(doc int, allowed func(id string) bool) (string, float64) {
	cs.grow()
	d := docCentroid(cs.c, doc)
	var at int64
	if cs.c.incident[doc] {
		at = cs.c.time[doc]
	}
	best, bestScore := -1, 0.0
	cs.candidates(&d, at, -1, func(k int) {
		cl := cs.list[k]
		if allowed != nil && !allowed(cl.id) || clash(cs.c.marks[doc], cl.marks) {
			return
		}
		s := cs.score(doc, &d, cl)
		if s > bestScore || s == bestScore && best >= 0 && k < best {
			best, bestScore = k, s
		}
	})
	if best < 0 {
		return "", 0
	}
	return cs.list[best].id, bestScore
}

func docCentroid(c *Corpus, doc int) centroid {
	return centroid{v: c.word[doc], norm2: 1, max: maxOf(c.word[doc].w)}
}

func (cs *Clusters) score(doc int, d *centroid, cl *cluster) float64 {
	o := cs.opt
	incident := cs.c.incident[doc] && cl.lastIncident != 0 && abs(cs.c.time[doc]-cl.lastIncident) <= o.IncidentWindow
	if !incident && !evidence(d, &cl.word, o) {
		return 0
	}
	g := centroid{v: cs.c.gram[doc], norm2: 1}
	s := o.WordWeight*cos(d, &cl.word) + (1-o.WordWeight)*cos(&g, &cl.gram)
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

// merge moves every document of cluster from into cluster into, adding
// the centroids (not each document again).
func (cs *Clusters) merge(from, into int) {
	a, b := cs.list[from], cs.list[into]
	for _, d := range a.members {
		cs.of[d] = int32(into)
	}
	b.members = append(b.members, a.members...)
	b.word.add(a.word.v)
	b.gram.add(a.gram.v)
	for _, m := range a.marks {
		if !hasMark(b.marks, m) {
			b.marks = append(b.marks, m)
		}
	}
	for k, n := range a.kinds {
		b.kinds[k] += n
		if b.kinds[k] > b.kinds[b.kind] {
			b.kind = k
		}
	}
	if a.lastIncident > b.lastIncident {
		if b.lastIncident == 0 {
			cs.incidents = append(cs.incidents, int32(into))
		}
		b.lastIncident = a.lastIncident
	}
	cs.index(into)
	a.members, a.marks, a.kinds, a.indexed = nil, nil, nil, nil
	a.word, a.gram = centroid{}, centroid{}
	delete(cs.byID, a.id)
}

// Consolidate joins each of the clusters ids (all when nil), youngest
// first, into the most similar older cluster whose centroid is at least
// MergeThreshold similar; the older keeps its id. Comparing clusters, not
// single documents, averages out the words only one document uses. It
// returns the ids that disappeared, each with the id it joined.
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
	o := cs.opt
	for x := len(ks) - 1; x >= 0; x-- {
		k := ks[x]
		a := cs.list[k]
		if len(a.members) == 0 {
			continue
		}
		best, bestS := -1, o.MergeThreshold
		cs.candidates(&a.word, a.lastIncident, k, func(j int) {
			b := cs.list[j]
			if allowed != nil && !allowed(a.id, b.id) || clash(a.marks, b.marks) {
				return
			}
			incident := a.lastIncident != 0 && b.lastIncident != 0 && abs(a.lastIncident-b.lastIncident) <= o.IncidentWindow
			if !incident && !evidence(&a.word, &b.word, o) {
				return
			}
			s := o.WordWeight*cos(&a.word, &b.word) + (1-o.WordWeight)*cos(&a.gram, &b.gram)
			if a.kind != b.kind {
				s -= o.KindPenalty
			}
			if incident {
				s += o.IncidentBonus
			}
			if s >= bestS {
				best, bestS = j, s
			}
		})
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
