package decisions

import (
	"math"
	"strconv"
	"strings"

	"keel/backend/money"
)

// Field is one figure of the field catalogue a decision can be judged by.
type Field struct {
	Key    string `json:"key"`   // "revenue.nrr"
	Label  string `json:"label"` // "NRR (monthly)"
	Unit   string `json:"unit"`  // money | count | ratio | minutes | multiple
	Better string `json:"better"`
	// Missing says what import would fill the figure when it is null.
	Missing string `json:"missing"`
}

// Figures is the field catalogue with the values of its figures.
type Figures interface {
	// Fields lists the figures a decision can pick, in catalogue order.
	Fields() []Field
	// Values gives each figure's value in each month ("YYYY-MM"): nil
	// when its data is missing. Money is in minor units of Currency.
	Values(keys, months []string) (map[string]map[string]*float64, error)
	Currency() string
}

// fieldOf finds key in fs.
func fieldOf(fs []Field, key string) (Field, bool) {
	for _, f := range fs {
		if f.Key == key {
			return f, true
		}
	}
	return Field{}, false
}

// show writes v in unit for a sentence: "$1,234.56", "4.1 %", "1,234",
// "1 h 5 min", "1.19".
func show(unit string, v float64, cur string) string {
	switch unit {
	case "money":
		return money.Format(int64(math.Round(v)), cur)
	case "ratio":
		return strconv.FormatFloat(math.Round(v*1000)/10, 'f', 1, 64) + " %"
	case "count":
		return group(int64(math.Round(v)))
	case "minutes":
		n := int64(math.Round(v))
		if n < 60 {
			return strconv.FormatInt(n, 10) + " min"
		}
		return strconv.FormatInt(n/60, 10) + " h " + strconv.FormatInt(n%60, 10) + " min"
	}
	return strconv.FormatFloat(math.Round(v*100)/100, 'f', 2, 64)
}

// group writes n with thousands separators.
func group(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}
