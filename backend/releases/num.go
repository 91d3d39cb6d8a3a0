package releases

import (
	"bytes"
	"encoding/json"
	"strconv"
)

// Num is one value of a watch-window figure: an exact count or amount of
// minor units, or a rate (a fraction, activation). Counts and money are
// never floats; a rate keeps its own rule.
type Num struct {
	N    int64
	R    float64
	Rate bool
}

func count1(n int64) *Num { return &Num{N: n} }
func rate(r float64) *Num { return &Num{R: r, Rate: true} }
func (n Num) f() float64 {
	if n.Rate {
		return n.R
	}
	return float64(n.N)
}

// less compares two values of one figure.
func (n Num) less(o Num) bool {
	if n.Rate || o.Rate {
		return n.f() < o.f()
	}
	return n.N < o.N
}

// MarshalJSON writes a count or amount as an integer, a rate as a number
// with a fraction.
func (n Num) MarshalJSON() ([]byte, error) {
	if n.Rate {
		b := strconv.AppendFloat(nil, n.R, 'f', -1, 64)
		if !bytes.ContainsAny(b, ".e") {
			b = append(b, ".0"...)
		}
		return b, nil
	}
	return strconv.AppendInt(nil, n.N, 10), nil
}

// UnmarshalJSON reads what MarshalJSON wrote (frozen evidence read back).
func (n *Num) UnmarshalJSON(b []byte) error {
	if bytes.ContainsAny(b, ".eE") {
		n.Rate = true
		return json.Unmarshal(b, &n.R)
	}
	return json.Unmarshal(b, &n.N)
}
