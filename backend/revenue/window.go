package revenue

import (
	"sort"
	"strings"
	"time"

	"keel/backend"
	"keel/backend/workspace"
)

// Move is one customer's MRR movement between two instants (a release's
// watch window) rather than two month ends: the same kinds by the same
// rules as the monthly movements, with both ends valued at the rate of the
// later instant's month, so that a change of rate is never a movement.
// Reactivation needs MRR > 0 at any time before the first instant.
type Move struct {
	CustomerID string `json:"customer_id"`
	Kind       Kind   `json:"kind"`
	Amount     int64  `json:"amount"` // positive
	Plan       string `json:"plan"`   // the plans whose MRR changed
	From       int64  `json:"from"`
	To         int64  `json:"to"`
}

// Moves returns the movements of every customer between consecutive
// instants: out[i] are those of [at[i], at[i+1]), by customer id. The
// instants must ascend. It reads the revenue engine's timelines as kept
// for the workspace (see basis), so it costs no evaluation of months.
func Moves(db *workspace.DB, at []time.Time) ([][]Move, error) {
	for i := 1; i < len(at); i++ {
		if !at[i].After(at[i-1]) {
			return nil, backend.Errorf(backend.Internal, "revenue.Moves: instants out of order")
		}
	}
	loc := db.Location()
	bs, err := basisOf(db, loc)
	if err != nil {
		return nil, err
	}
	rates := bs.rates.fresh()
	out := make([][]Move, max(len(at)-1, 0))
	if len(at) < 2 {
		return out, nil
	}
	secs := make([]int64, len(at))
	for i, t := range at {
		secs[i] = t.Unix()
	}
	// The timelines are sorted by customer: one customer at a time.
	mrr := make([][]int64, 0, 4) // per timeline of the customer, native MRR at each instant
	for lo := 0; lo < len(bs.tls); {
		hi := lo + 1
		for hi < len(bs.tls) && bs.tls[hi].customer == bs.tls[lo].customer {
			hi++
		}
		tls := bs.tls[lo:hi]
		lo = hi
		mrr = mrr[:0]
		var firstPaid int64 = -1
		for _, t := range tls {
			row := make([]int64, len(secs))
			for i, s := range secs {
				row[i] = nativeAt(t, s)
			}
			mrr = append(mrr, row)
			for _, st := range t.steps {
				if st.mrr > 0 {
					if firstPaid < 0 || st.from < firstPaid {
						firstPaid = st.from
					}
					break
				}
			}
		}
		if firstPaid < 0 || firstPaid >= secs[len(secs)-1] {
			continue // never paid inside or before the instants
		}
		for i := 0; i+1 < len(secs); i++ {
			p, c, err := valueAt(tls, mrr, i, rates, AbsMonth(secs[i+1], loc))
			if err != nil {
				return nil, err
			}
			if p == c {
				continue
			}
			m := Move{CustomerID: tls[0].customer, From: p, To: c}
			switch {
			case p == 0 && firstPaid < secs[i]:
				m.Kind, m.Amount = Reactivation, c
			case p == 0:
				m.Kind, m.Amount = New, c
			case c == 0:
				m.Kind, m.Amount = Churn, p
			case c > p:
				m.Kind, m.Amount = Expansion, c-p
			default:
				m.Kind, m.Amount = Contraction, p-c
			}
			m.Plan = plansChanged(tls, mrr, i)
			out[i] = append(out[i], m)
		}
	}
	for i := range out {
		sort.Slice(out[i], func(a, b int) bool { return out[i][a].CustomerID < out[i][b].CustomerID })
	}
	return out, nil
}

// nativeAt is a timeline's native MRR at unix second s.
func nativeAt(t *timeline, s int64) int64 {
	j := sort.Search(len(t.steps), func(k int) bool { return t.steps[k].from > s })
	if j == 0 {
		return 0
	}
	return t.steps[j-1].mrr
}

// valueAt values a customer's MRR at instants i and i+1 in the base
// currency at the rate of month m, each currency converted once.
func valueAt(tls []*timeline, mrr [][]int64, i int, rates *Rates, m int) (p, c int64, err error) {
	var curs []string
	pn, cn := map[string]int64{}, map[string]int64{}
	for k, t := range tls {
		if _, ok := pn[t.currency]; !ok {
			curs = append(curs, t.currency)
		}
		pn[t.currency] += mrr[k][i]
		cn[t.currency] += mrr[k][i+1]
	}
	for _, cur := range curs {
		if pn[cur] == 0 && cn[cur] == 0 {
			continue
		}
		conv, err := rates.For(cur, m)
		if err != nil {
			return 0, 0, err
		}
		p += conv.Convert(pn[cur])
		c += conv.Convert(cn[cur])
	}
	return p, c, nil
}

// plansChanged names the plans whose MRR changed between instants i and
// i+1.
func plansChanged(tls []*timeline, mrr [][]int64, i int) string {
	var changed []string
	for k, t := range tls {
		if mrr[k][i] != mrr[k][i+1] {
			changed = appendUnique(changed, planLabel(t))
		}
	}
	return strings.Join(changed, ", ")
}

// WorkspaceRates are the workspace's exchange rates as the revenue engine
// keeps them for its timelines: loaded once per change of the data, with a
// conversion cache of their own for the caller.
func WorkspaceRates(db *workspace.DB) (*Rates, error) {
	bs, err := basisOf(db, db.Location())
	if err != nil {
		return nil, err
	}
	return bs.rates.fresh(), nil
}
