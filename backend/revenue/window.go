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
	months := make([]int, len(secs))
	for i, s := range secs {
		months[i] = AbsMonth(s, loc)
	}
	convs := map[rateKey]*Converter{}
	conv := func(cur string, m int) (*Converter, error) {
		k := rateKey{cur, m}
		if c, ok := convs[k]; ok {
			return c, nil
		}
		c, err := rates.For(cur, m)
		convs[k] = c
		return c, err
	}
	// The timelines are sorted by customer: one customer at a time.
	var mrr [][]int64 // per timeline of the customer, native MRR at each instant
	var sums []curSum
	for lo := 0; lo < len(bs.tls); {
		hi := lo + 1
		for hi < len(bs.tls) && bs.tls[hi].customer == bs.tls[lo].customer {
			hi++
		}
		tls := bs.tls[lo:hi]
		lo = hi
		mrr = mrr[:0]
		var firstPaid int64 = -1
		moved := false
		for k, t := range tls {
			if k < cap(mrr) {
				mrr = mrr[:k+1] // the row of an earlier customer, overwritten below
			} else {
				mrr = append(mrr, make([]int64, len(secs)))
			}
			row := mrr[k][:len(secs)]
			for i, s := range secs {
				row[i] = nativeAt(t, s)
				moved = moved || i > 0 && row[i] != row[i-1]
			}
			for _, st := range t.steps {
				if st.mrr > 0 {
					if firstPaid < 0 || st.from < firstPaid {
						firstPaid = st.from
					}
					break
				}
			}
		}
		if !moved || firstPaid < 0 || firstPaid >= secs[len(secs)-1] {
			continue // no change between the instants, or never paid by then
		}
		for i := 0; i+1 < len(secs); i++ {
			var p, c int64
			sums = sums[:0]
			for k, t := range tls {
				j := 0
				for j < len(sums) && sums[j].cur != t.currency {
					j++
				}
				if j == len(sums) {
					sums = append(sums, curSum{cur: t.currency})
				}
				sums[j].p += mrr[k][i]
				sums[j].c += mrr[k][i+1]
			}
			if sameSums(sums) {
				continue
			}
			for _, sm := range sums {
				if sm.p == 0 && sm.c == 0 {
					continue
				}
				cv, err := conv(sm.cur, months[i+1])
				if err != nil {
					return nil, err
				}
				p += cv.Convert(sm.p)
				c += cv.Convert(sm.c)
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

// curSum is a customer's native MRR in one currency at two instants.
type curSum struct {
	cur  string
	p, c int64
}

// sameSums: no currency's MRR changed between the two instants.
func sameSums(sums []curSum) bool {
	for _, s := range sums {
		if s.p != s.c {
			return false
		}
	}
	return true
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
