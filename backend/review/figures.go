package review

import (
	"bytes"
	"encoding/json"
	"sort"

	"keel/backend"
)

// Figures are the monthly metrics of the months M−11..M, flattened to
// "section.field" keys ("revenue.mrr") so that every field of
// `keel metrics --json`, present or future, is compared and shown the same
// way. Money is in minor units of the base currency.
type Figures struct {
	BaseCurrency string
	Months       []string // oldest first; the last is the review month
	values       []map[string]*float64
	keys         []string
}

// metricsJSON is the shape of `keel metrics --json`, read loosely.
type metricsJSON struct {
	BaseCurrency string                       `json:"base_currency"`
	Months       []map[string]json.RawMessage `json:"months"`
}

// parseFigures reads a `keel metrics --json` object.
func parseFigures(raw []byte) (*Figures, error) {
	var mj metricsJSON
	if err := json.Unmarshal(raw, &mj); err != nil {
		return nil, backend.Errorf(backend.Internal, "read the metrics: %v", err)
	}
	f := &Figures{BaseCurrency: mj.BaseCurrency}
	seen := map[string]bool{}
	for _, m := range mj.Months {
		var month string
		if err := json.Unmarshal(m["month"], &month); err != nil {
			return nil, backend.Errorf(backend.Internal, "read the metrics: month: %v", err)
		}
		vals := map[string]*float64{}
		for section, body := range m {
			if section == "month" {
				continue
			}
			dec := json.NewDecoder(bytes.NewReader(body))
			dec.UseNumber()
			var fields map[string]any
			if err := dec.Decode(&fields); err != nil {
				continue // not an object of numbers: not a figure
			}
			for name, v := range fields {
				key := section + "." + name
				switch x := v.(type) {
				case nil:
					vals[key] = nil
				case json.Number:
					n, err := x.Float64()
					if err != nil {
						continue
					}
					vals[key] = &n
				default:
					continue
				}
				if !seen[key] {
					seen[key] = true
					f.keys = append(f.keys, key)
				}
			}
		}
		f.Months = append(f.Months, month)
		f.values = append(f.values, vals)
	}
	sort.Slice(f.keys, func(i, j int) bool { return keyOrder(f.keys[i]) < keyOrder(f.keys[j]) })
	return f, nil
}

// Len is the number of months.
func (f *Figures) Len() int { return len(f.Months) }

// Keys lists every figure, in the order of METRICS.md.
func (f *Figures) Keys() []string { return f.keys }

// Value is the figure key in month i (0 = oldest); nil when missing or
// out of range.
func (f *Figures) Value(key string, i int) *float64 {
	if i < 0 || i >= len(f.values) {
		return nil
	}
	return f.values[i][key]
}

// Last is the figure key in the review month.
func (f *Figures) Last(key string) *float64 { return f.Value(key, len(f.values)-1) }

// Series is the figure key over every month, oldest first.
func (f *Figures) Series(key string) []*float64 {
	out := make([]*float64, len(f.values))
	for i := range f.values {
		out[i] = f.values[i][key]
	}
	return out
}

// keyOrder sorts known figures in the order of the definitions, unknown
// ones after them by name.
func keyOrder(key string) string {
	if i, ok := fieldIndex[key]; ok {
		return string(rune('A'+i/26)) + string(rune('a'+i%26))
	}
	return "~" + key
}
