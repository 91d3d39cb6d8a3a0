package importertest

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"

	"keel/backend"
)

// Totals counts and sums the records by the groups that matter for
// metrics, in minor units.
func Totals(recs []backend.Record) string {
	type sums struct {
		n int
		v []int64
	}
	groups := map[string]*sums{}
	add := func(key string, vals ...int64) {
		s := groups[key]
		if s == nil {
			s = &sums{v: make([]int64, len(vals))}
			groups[key] = s
		}
		s.n++
		for i, v := range vals {
			s.v[i] += v
		}
	}
	var header string
	test, attrsN := 0, 0
	for _, r := range recs {
		switch r := r.(type) {
		case *backend.Payment:
			header = "count amount refunded"
			add(fmt.Sprintf("%s %s", r.Currency, r.Status), r.Amount, r.Refunded)
			if r.Converted != nil {
				add(fmt.Sprintf("converted %s", r.ConvertedCurrency), *r.Converted, 0)
			}
			if r.Fee != nil {
				add("fee", *r.Fee, 0)
			}
			if r.DisputedAmount != nil {
				add("disputed "+r.DisputeStatus, *r.DisputedAmount, 0)
			}
			if r.Test {
				test++
			}
			if r.Attrs != nil {
				attrsN++
			}
		case *backend.Customer:
			header = "count"
			add(fmt.Sprintf("currency %q", r.Currency))
			if r.Test {
				test++
			}
			if r.Attrs != nil {
				attrsN++
			}
		case *backend.Subscription:
			header = "count amount quantity"
			add(fmt.Sprintf("%s %s %s/%d", r.Currency, r.Status, r.Interval, r.IntervalCount), r.Amount, r.Quantity)
			if r.Test {
				test++
			}
			if r.Attrs != nil {
				attrsN++
			}
		case *backend.Invoice:
			header = "count subtotal discount tax total due paid"
			add(fmt.Sprintf("%s %s", r.Currency, r.Status), r.Subtotal, r.Discount, r.Tax, r.Total, r.AmountDue, r.AmountPaid)
			if r.Test {
				test++
			}
			if r.Attrs != nil {
				attrsN++
			}
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "test records: %d\nrecords with attrs: %d\n", test, attrsN)
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if len(keys) > 0 {
		fmt.Fprintf(&b, "totals (%s):\n", header)
	}
	for _, k := range keys {
		s := groups[k]
		fmt.Fprintf(&b, "  %s: %d", k, s.n)
		for _, v := range s.v {
			fmt.Fprintf(&b, " %d", v)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// Render prints a record one field a line, leaving out empty strings,
// false, nil and zero times (integers are always shown).
func Render(rec backend.Record) string {
	var b strings.Builder
	fmt.Fprintf(&b, "  %s %s\n", rec.Kind(), rec.Key())
	v := reflect.ValueOf(rec).Elem()
	for i := range v.NumField() {
		if s, ok := value(v.Field(i)); ok {
			fmt.Fprintf(&b, "    %s: %s\n", v.Type().Field(i).Name, s)
		}
	}
	return b.String()
}

func value(f reflect.Value) (string, bool) {
	switch x := f.Interface().(type) {
	case time.Time:
		return x.Format(time.RFC3339), !x.IsZero()
	case backend.Attrs:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = k + "=" + strconv.Quote(x[k])
		}
		return strings.Join(parts, " "), len(x) > 0
	}
	switch f.Kind() {
	case reflect.Pointer:
		if f.IsNil() {
			return "", false
		}
		return value(f.Elem())
	case reflect.String:
		return strconv.Quote(f.String()), f.String() != ""
	case reflect.Bool:
		return "true", f.Bool()
	case reflect.Int64:
		return strconv.FormatInt(f.Int(), 10), true
	}
	return fmt.Sprint(f.Interface()), true
}
