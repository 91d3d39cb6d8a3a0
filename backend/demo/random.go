package demo

import (
	"math"
	"math/rand/v2"
	"time"
)

// seed fixes every random draw: the same now gives byte-identical files.
const seed = 0x4e6f727468776e64 // "Northwnd"

// Each part of the company draws from its own stream, so a change in one
// file's generator does not reshuffle the others.
const (
	streamBilling uint64 = iota + 1
	streamIDs
	streamPeople
	streamTickets
	streamEvents
	streamEventIDs
	streamOperations
	streamCosts
	streamPowerUser
)

func newRand(stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed, stream))
}

// chance is true with probability p.
func chance(r *rand.Rand, p float64) bool { return r.Float64() < p }

// pick returns a random element of xs.
func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// weighted returns an index drawn with the given weights.
func weighted(r *rand.Rand, ws ...float64) int {
	total := 0.0
	for _, w := range ws {
		total += w
	}
	x := r.Float64() * total
	for i, w := range ws {
		if x < w {
			return i
		}
		x -= w
	}
	return len(ws) - 1
}

// between returns a uniform instant in [a, b).
func between(r *rand.Rand, a, b time.Time) time.Time {
	d := b.Sub(a)
	if d <= 0 {
		return a
	}
	return a.Add(time.Duration(r.Int64N(int64(d))))
}

// jitter returns a uniform duration in [lo, hi).
func jitter(r *rand.Rand, lo, hi time.Duration) time.Duration {
	if hi <= lo {
		return lo
	}
	return lo + time.Duration(r.Int64N(int64(hi-lo)))
}

// lognormal draws a skewed positive value with the given median.
func lognormal(r *rand.Rand, median, sigma float64) float64 {
	return median * math.Exp(sigma*r.NormFloat64())
}

const day = 24 * time.Hour

// sinTurn is sin(2πx).
func sinTurn(x float64) float64 { return math.Sin(2 * math.Pi * x) }

// uuid7 returns a version 7 UUID for instant t, the kind PostHog uses for
// event and anonymous ids.
func uuid7(r *rand.Rand, t time.Time) string {
	var b [16]byte
	ms := uint64(t.UnixMilli())
	for i := 0; i < 6; i++ {
		b[i] = byte(ms >> (40 - 8*i))
	}
	x, y := r.Uint64(), r.Uint64()
	for i := 6; i < 16; i++ {
		if i < 8 {
			b[i] = byte(x >> (8 * (i - 6)))
		} else {
			b[i] = byte(y >> (8 * (i - 8)))
		}
	}
	b[6] = b[6]&0x0f | 0x70
	b[8] = b[8]&0x3f | 0x80
	const hex = "0123456789abcdef"
	out := make([]byte, 0, 36)
	for i, v := range b {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			out = append(out, '-')
		}
		out = append(out, hex[v>>4], hex[v&0x0f])
	}
	return string(out)
}
