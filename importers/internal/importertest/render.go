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
