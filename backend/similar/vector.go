package similar

import (
	"math"
	"runtime"
	"sort"
	"strings"
	"sync"
)

// Doc is one feedback item as the engine reads it.
type Doc struct {
	Title, Text string
	Time        int64 // unix seconds
	// Kind keeps apart what reads alike but is not the same ask: a bug
	// report ("bug") and a request about the same feature. "" is a kind.
	Kind string
}

// vec is a sparse vector of unit length: term ids ascending, weights.
type vec struct {
	ids []int32
	w   []float32
}

func (v vec) dot(u vec) float64 {
	var s float64
	i, j := 0, 0
	for i < len(v.ids) && j < len(u.ids) {
		switch a, b := v.ids[i], u.ids[j]; {
		case a == b:
			s += float64(v.w[i]) * float64(u.w[j])
			i++
			j++
		case a < b:
			i++
		default:
			j++
		}
	}
	return s
}

// Corpus holds the documents' weighted vectors: words (stems and folded
// synonyms) and character trigrams of those words, each weighted by
// TF-IDF over the corpus and normalised, so that cosine is a dot product.
type Corpus struct {
	dict     map[string]int32
	df       []int32
	n        int
	word     []vec
	gram     []vec
	time     []int64
	incident []bool
	kind     []string
	marks    [][]mark
	// textWeight is how much a word of the text counts against one of
	// the title: titles say what is asked, texts add context and noise.
	textWeight float64
	sw, sg     map[int32]float32 // scratch counts of the document being read
	seen       map[string]bool
	gbuf, kbuf []byte
	spell      *speller
}

// see tells the speller the document's words and says whether it
// reports an outage.
func (c *Corpus) see(d Doc) (incident bool) {
	ws := words(d.Title+" . "+d.Text, maxWords)
	for _, w := range ws {
		c.spell.see(w)
	}
	return isIncident(ws)
}

// maxGrams caps the trigrams kept per document (the rarest ones).
const maxGrams = 48

// counts are a document's terms with their summed weights, by id.
type counts []termCount

type termCount struct {
	id int32
	n  float32
}

// NewCorpus weighs docs against each other.
func NewCorpus(docs []Doc, opt Options) *Corpus {
	c := &Corpus{dict: map[string]int32{}, textWeight: opt.TextWeight, spell: newSpeller()}
	for _, d := range docs {
		c.incident = append(c.incident, c.see(d))
	}
	// The words of each document, on every core (the speller is read
	// only now, each worker keeps its own corrections), then counted in
	// order.
	tt, xt := make([][]string, len(docs)), make([][]string, len(docs))
	workers := min(runtime.GOMAXPROCS(0), 8)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fix := c.spell.fixer()
			for i := w; i < len(docs); i += workers {
				tt[i], xt[i] = terms(docs[i].Title, fix), terms(docs[i].Text, fix)
			}
		}()
	}
	wg.Wait()
	wc := make([]counts, len(docs))
	gc := make([]counts, len(docs))
	for i, d := range docs {
		wc[i], gc[i] = c.count(d, tt[i], xt[i])
		tt[i], xt[i] = nil, nil
		for _, x := range wc[i] {
			c.df[x.id]++
		}
		for _, x := range gc[i] {
			c.df[x.id]++
		}
		c.time = append(c.time, d.Time)
		c.kind = append(c.kind, d.Kind)
	}
	c.n = len(docs)
	for i := range docs {
		c.word = append(c.word, c.weigh(wc[i], 0))
		c.gram = append(c.gram, c.weigh(gc[i], maxGrams))
		wc[i], gc[i] = nil, nil
	}
	return c
}

// Add weighs one more document against the corpus as it is (the others
// keep their weights, so that earlier decisions stand) and returns its
// index.
func (c *Corpus) Add(d Doc) int {
	incident := c.see(d)
	fix := c.spell.fixer()
	w, g := c.count(d, terms(d.Title, fix), terms(d.Text, fix))
	for _, x := range w {
		c.df[x.id]++
	}
	for _, x := range g {
		c.df[x.id]++
	}
	c.n++
	c.word = append(c.word, c.weigh(w, 0))
	c.gram = append(c.gram, c.weigh(g, maxGrams))
	c.time = append(c.time, d.Time)
	c.incident = append(c.incident, incident)
	c.kind = append(c.kind, d.Kind)
	return len(c.word) - 1
}

// Len is the number of documents.
func (c *Corpus) Len() int { return len(c.word) }

// Terms is how many distinct words and trigrams the documents hold.
func (c *Corpus) Terms() int { return len(c.dict) }

func (c *Corpus) id(term string) int32 {
	if id, ok := c.dict[term]; ok {
		return id
	}
	id := int32(len(c.df))
	c.dict[term] = id
	c.df = append(c.df, 0)
	return id
}

// count reads a document's words (of its title, tt, and of its text,
// xt) and their trigrams with their weights.
func (c *Corpus) count(d Doc, tt, xt []string) (counts, counts) {
	if c.sw == nil {
		c.sw, c.sg, c.seen = map[int32]float32{}, map[int32]float32{}, map[string]bool{}
	}
	w, g := c.sw, c.sg
	clear(w)
	clear(g)
	var ms []mark
	add := func(ts []string, weight float32, grams bool) {
		clear(c.seen)
		// The title's marks say what is asked; the text's only count
		// without them ("we don't use Slack, we're on Teams").
		if len(ms) == 0 {
			ms = marksOf(ts)
		}
		for _, t := range ts {
			w[c.id(t)] += weight
			if c.seen[t] {
				continue
			}
			c.seen[t] = true
			if !grams || len(t) < 3 || isDigit(t) {
				continue
			}
			b := append(c.gbuf[:0], '\x01', '#')
			b = append(b, t...)
			b = append(b, '#')
			c.gbuf = b
			// Trigrams of bytes; a letter outside ASCII spans several,
			// which only makes its trigrams rarer.
			for k := 1; k+3 <= len(b); k++ {
				key := append(c.kbuf[:0], '\x01')
				key = append(key, b[k:k+3]...)
				c.kbuf = key
				g[c.idBytes(key)] += weight
			}
		}
	}
	tw := float32(c.textWeight)
	if d.Title == "" {
		tw = 1
	}
	// Trigrams of the title only (of the text when there is no title):
	// the title names the ask, and a typo there is what hides a match.
	add(tt, 1, true)
	add(xt, tw, d.Title == "")
	c.marks = append(c.marks, ms)
	return toCounts(w), toCounts(g)
}

func toCounts(m map[int32]float32) counts {
	out := make(counts, 0, len(m))
	for id, n := range m {
		out = append(out, termCount{id, n})
	}
	return out
}

func (c *Corpus) idBytes(term []byte) int32 {
	if id, ok := c.dict[string(term)]; ok {
		return id
	}
	return c.id(string(term))
}

// weigh turns counts into a unit TF-IDF vector (sublinear tf), keeping
// the keep heaviest terms when keep > 0.
func (c *Corpus) weigh(tc counts, keep int) vec {
	v := vec{ids: make([]int32, 0, len(tc)), w: make([]float32, 0, len(tc))}
	type tw struct {
		id int32
		w  float64
	}
	all := make([]tw, 0, len(tc))
	for _, x := range tc {
		idf := math.Log(float64(c.n+1)/float64(c.df[x.id]+1)) + 1
		all = append(all, tw{x.id, math.Sqrt(float64(x.n)) * idf})
	}
	if keep > 0 && len(all) > keep {
		sort.Slice(all, func(i, j int) bool { return all[i].w > all[j].w || all[i].w == all[j].w && all[i].id < all[j].id })
		all = all[:keep]
	}
	sort.Slice(all, func(i, j int) bool { return all[i].id < all[j].id })
	var norm float64
	for _, x := range all {
		norm += x.w * x.w
	}
	norm = math.Sqrt(norm)
	for _, x := range all {
		v.ids = append(v.ids, x.id)
		v.w = append(v.w, float32(x.w/norm))
	}
	return v
}

// Similarity is the similarity of two documents, from 0 to 1 (the
// incident bonus aside).
func (c *Corpus) Similarity(i, j int, opt Options) float64 {
	s := opt.WordWeight*c.word[i].dot(c.word[j]) + (1-opt.WordWeight)*c.gram[i].dot(c.gram[j])
	if c.incident[i] && c.incident[j] && abs(c.time[i]-c.time[j]) <= opt.IncidentWindow {
		s += opt.IncidentBonus
	}
	if c.kind[i] != c.kind[j] {
		s -= opt.KindPenalty
	}
	return s
}

func abs(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}

// incidentWords are how people report that the product is down. Reports
// of one incident say it in different words but arrive together.
var incidentWords = set(`down outage 500 502 503 504 unavailable gateway unreachable blank`)

// notOutage are the words before "down" that make it a direction ("drill
// down to rows", "a drop down").
var notOutage = set(`drill drop scroll break narrow top upside slow write count`)

var incidentPhrases = []string{"not loading", "loading forever", "cant access", "can t access", "cannot access", "wont load", "doesnt load", "not working"}

// isIncident reports whether a document's words report an outage.
func isIncident(ws []string) bool {
	for i, w := range ws {
		if incidentWords[w] && !(w == "down" && i > 0 && notOutage[ws[i-1]]) {
			return true
		}
	}
	joined := " " + strings.Join(ws, " ") + " "
	for _, p := range incidentPhrases {
		if strings.Contains(joined, " "+p+" ") {
			return true
		}
	}
	return false
}
