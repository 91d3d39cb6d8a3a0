package demo

import (
	"fmt"
	"math/rand/v2"
	"time"
)

const base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// accountTag is the fixed middle part Stripe puts in every object id of one
// account (in_1TKV6j<KSaqiJUYkj>hU90zj7h).
const accountTag = "NwRt7aLqKc"

// idMaker makes Stripe-looking ids, never the same twice.
type idMaker struct {
	r    *rand.Rand
	seen map[string]bool
}

func newIDMaker() *idMaker {
	return &idMaker{r: newRand(streamIDs), seen: map[string]bool{}}
}

func (m *idMaker) chars(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = base62[m.r.IntN(len(base62))]
	}
	return string(b)
}

func (m *idMaker) unique(make func() string) string {
	for {
		id := make()
		if !m.seen[id] {
			m.seen[id] = true
			return id
		}
	}
}

// object returns prefix_<lead><time><account><random>, the shape of
// in_, sub_, ch_, py_, pm_, po_ and price_ ids; the time part grows with t
// like Stripe's does.
func (m *idMaker) object(prefix string, lead byte, t time.Time) string {
	v := t.Unix() - 1_300_000_000
	if v < 0 {
		v = 0
	}
	var ts [5]byte
	for i := 4; i >= 0; i-- {
		ts[i] = base62[v%62]
		v /= 62
	}
	return m.unique(func() string {
		return prefix + "_" + string(lead) + string(ts[:]) + accountTag + m.chars(8)
	})
}

// customer returns a cus_ id (14 random characters).
func (m *idMaker) customer() string {
	return m.unique(func() string { return "cus_" + m.chars(14) })
}

// invoicePrefix returns the per-customer prefix of invoice numbers
// (779AAC63 in 779AAC63-0001).
func (m *idMaker) invoicePrefix() string {
	return m.unique(func() string { return fmt.Sprintf("%08X", m.r.Uint32()) })
}
