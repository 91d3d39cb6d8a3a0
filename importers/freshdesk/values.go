package freshdesk

import (
	"math/big"
	"strconv"
	"strings"
)

// status maps Freshdesk's statuses to Keel's: Resolved is solved, Waiting
// on Customer is pending (waiting on the requester) and Waiting on Third
// Party is hold, as in Zendesk. Other (custom) statuses are lowercased.
func status(s string) string {
	l := strings.ToLower(strings.Join(strings.Fields(s), " "))
	switch l {
	case "resolved":
		return "solved"
	case "waiting on customer":
		return "pending"
	case "waiting on third party":
		return "hold"
	}
	return l
}

// satisfaction maps Survey results to good or bad: Freshdesk's happy
// answers (Awesome, Happy, Very/Extremely happy) are good; neutral and
// unhappy answers (Just Okay, Neutral, Not Good, …) are bad, since only the
// positive share counts as satisfied. ok is false for a value it does not
// know.
func satisfaction(s string) (v string, ok bool) {
	l := strings.ToLower(strings.Join(strings.Fields(s), " "))
	switch l {
	case "":
		return "", true
	case "awesome", "happy", "very happy", "extremely happy", "satisfied", "very satisfied", "good":
		return "good", true
	case "just okay", "neutral", "not good", "unhappy", "very unhappy", "extremely unhappy",
		"dissatisfied", "very dissatisfied", "bad":
		return "bad", true
	}
	return "", false
}

// hoursToMinutes reads a Freshdesk "(in hrs)" value, decimal hours ("1.5")
// or a duration ("HH:MM:SS", "HH:MM"; hours may exceed 24), as whole
// minutes with halves rounded up.
func hoursToMinutes(s string) (int64, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	if strings.Contains(s, ":") {
		parts := strings.Split(s, ":")
		if len(parts) < 2 || len(parts) > 3 {
			return 0, false
		}
		var n [3]int64
		for i, p := range parts {
			if p == "" || strings.ContainsAny(p, "+-") {
				return 0, false
			}
			v, err := strconv.ParseInt(p, 10, 64)
			if err != nil || v < 0 || v > 1<<40 || (i > 0 && v > 59) {
				return 0, false
			}
			n[i] = v
		}
		secs := n[0]*3600 + n[1]*60 + n[2]
		return (secs + 30) / 60, true
	}
	if strings.ContainsAny(s, "/eE+-") {
		return 0, false
	}
	x, ok := new(big.Rat).SetString(s)
	if !ok {
		return 0, false
	}
	x.Mul(x, big.NewRat(60, 1))
	// floor(x + 1/2), x >= 0
	x.Add(x, big.NewRat(1, 2))
	q := new(big.Int).Quo(x.Num(), x.Denom())
	if !q.IsInt64() {
		return 0, false
	}
	return q.Int64(), true
}

// tags splits Freshdesk's comma-separated tags.
func tags(s string) []string {
	var out []string
	for _, t := range strings.Split(s, ",") {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	return out
}
