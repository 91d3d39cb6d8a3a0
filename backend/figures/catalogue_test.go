package figures

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// sections are Month's fields that are sections of `keel metrics --json`, and
// the sales the Revenue screen shows besides them.
var sections = []string{"Revenue", "Support", "Product", "Operations", "Feedback", "Decisions", "Costs", "Sales"}

// TestCatalogueCoversEverySection: every JSON field of every section has
// exactly one catalogue field, keyed "section.name", whose accessor reads
// that very field; and every catalogue field is such a field.
func TestCatalogueCoversEverySection(t *testing.T) {
	seen := map[string]bool{}
	mt := reflect.TypeOf(Month{})
	for _, name := range sections {
		sf, ok := mt.FieldByName(name)
		if !ok {
			t.Fatalf("Month has no %s", name)
		}
		section := strings.Split(sf.Tag.Get("json"), ",")[0]
		st := sf.Type
		if st.Kind() == reflect.Pointer {
			st = st.Elem()
		}
		for i := 0; i < st.NumField(); i++ {
			ff := st.Field(i)
			key := section + "." + strings.Split(ff.Tag.Get("json"), ",")[0]
			f, ok := FieldOf(key)
			if !ok {
				t.Errorf("%s (%s.%s) has no catalogue field", key, name, ff.Name)
				continue
			}
			seen[key] = true
			// A distinct value in that field alone; the accessor must read it.
			var m Month
			sec := reflect.ValueOf(&m).Elem().FieldByName(name)
			if sec.Kind() == reflect.Pointer {
				sec.Set(reflect.New(st))
				sec = sec.Elem()
			}
			v := reflect.New(ff.Type.Elem())
			switch ff.Type.Elem().Kind() {
			case reflect.Int64:
				v.Elem().SetInt(int64(1000 + i))
			case reflect.Float64:
				v.Elem().SetFloat(float64(1000+i) / 7)
			default:
				t.Fatalf("%s: a figure is *int64 or *float64, not %s", key, ff.Type)
			}
			sec.Field(i).Set(v)
			got := f.Of(&m)
			want := float64(1000 + i)
			if ff.Type.Elem().Kind() == reflect.Float64 {
				want /= 7
			}
			if got == nil || *got != want {
				t.Errorf("%s reads %v, not its own field (%v)", key, got, want)
			}
			if f.Label == "" || f.Rule(Rules{BaseCurrency: "usd", TimeZone: "UTC", ActivationDays: 14}) == "" || f.Unit == "" {
				t.Errorf("%s: label %q, unit %q, rule empty?", key, f.Label, f.Unit)
			}
			if f.Needs == 0 || Data(0).Lacks(f.Needs) == nil {
				t.Errorf("%s: says nothing of what fills it", key)
			}
		}
	}
	for _, f := range Fields() {
		if !seen[f.Key] {
			t.Errorf("catalogue field %s is no section's field", f.Key)
		}
	}
}

// TestCatalogueNamesMETRICS: every field name of METRICS.md's command-line
// contract is in the catalogue, in the section it names.
func TestCatalogueNamesMETRICS(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "METRICS.md"))
	if err != nil {
		t.Skip("METRICS.md is not next to the repository: ", err)
	}
	doc := string(raw)
	i := strings.Index(doc, "## Command-line contract")
	if i < 0 {
		t.Fatal("METRICS.md has no command-line contract")
	}
	contract := doc[i:]
	names := map[string]bool{}
	for _, f := range Fields() {
		names[f.Name()] = true
	}
	for _, m := range regexp.MustCompile("`([a-z][a-z0-9_]+)`").FindAllStringSubmatch(contract, -1) {
		n := m[1]
		switch n {
		case "base_currency", "rules", "months", "month", "null", "revenue", "support", "product", "operations", "feedback", "decisions", "costs":
			continue
		}
		if !names[n] {
			t.Errorf("METRICS.md names %s; the catalogue does not", n)
		}
	}
}

// TestEveryKeyInTheCodeIsInTheCatalogue: a figure key written in the
// review, the report or the app is one the catalogue knows.
func TestEveryKeyInTheCodeIsInTheCatalogue(t *testing.T) {
	key := regexp.MustCompile(`"((?:revenue|support|product|operations|feedback|decisions|costs|sales)\.[a-z0-9_]+)"`)
	n := 0
	for _, dir := range []string{"../review", "../report", "../../app"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, path := range files {
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range key.FindAllStringSubmatch(string(raw), -1) {
				n++
				if _, ok := FieldOf(m[1]); !ok {
					t.Errorf("%s: %s is not in the catalogue", path, m[1])
				}
			}
		}
	}
	if n < 50 {
		t.Errorf("only %d keys found: is the scan looking in the right place?", n)
	}
}

func TestCompare(t *testing.T) {
	p := func(x float64) *float64 { return &x }
	mrr, _ := FieldOf("revenue.mrr")
	churn, _ := FieldOf("revenue.logo_churn_rate")
	fx, _ := FieldOf("revenue.fx")
	for _, c := range []struct {
		name        string
		f           *Field
		value, prev *float64
		delta, rel  *float64
		good        *bool
	}{
		{"money up is good", mrr, p(110), p(100), p(10), p(0.1), func() *bool { b := true; return &b }()},
		{"a ratio changes in points only", churn, p(0.05), p(0.03), p(0.02), nil, func() *bool { b := false; return &b }()},
		{"from zero there is no relative change", mrr, p(100), p(0), p(100), nil, func() *bool { b := true; return &b }()},
		{"no change is neither good nor bad", mrr, p(100), p(100), p(0), p(0), nil},
		{"fx is neither", fx, p(10), p(5), p(5), p(1), nil},
		{"unknown month before", mrr, p(100), nil, nil, nil, nil},
	} {
		got := c.f.Compare(c.value, c.prev)
		eq := func(a, b *float64) bool {
			return a == nil && b == nil || a != nil && b != nil && *a-*b < 1e-12 && *b-*a < 1e-12
		}
		if !eq(got.Delta, c.delta) || !eq(got.Rel, c.rel) || (got.Good == nil) != (c.good == nil) || got.Good != nil && *got.Good != *c.good {
			t.Errorf("%s: %+v", c.name, got)
		}
	}
}

func TestMissingSaysWhatFillsIt(t *testing.T) {
	per, _ := FieldOf("support.tickets_per_active_account")
	rate, _ := FieldOf("product.activation_rate")
	mrr, _ := FieldOf("revenue.arpa")
	mrrField, _ := FieldOf("revenue.mrr")
	for _, c := range []struct {
		has  Data
		f    *Field
		want string
	}{
		{0, per, NeedHelpdesk.Text},                        // tickets first
		{Tickets, per, NeedAccounts.Text},                  // then the accounts
		{Tickets | Accounts, per, per.Empty},               // both there: nothing to divide by
		{Units | Events, rate, NeedActivation.Text},        // events, no activation event picked
		{Units | Activation, rate, NeedEvents.Text},        // customers, no events: nothing to pick from
		{0, rate, NeedEvents.Text},                         // nothing at all
		{Units | Events | Activation, rate, rate.Empty},    // no signups this month
		{Payments, mrr, NeedBilling.Text},                  // payments do not make MRR
		{Payments | Invoices, mrr, NeedSubscriptions.Text}, // never asks for the invoices it has
		{Billing, mrr, "No paying customers at the end of the month, so there is no average."},
		{Billing, mrrField, NoData}, // the data is there, not for this month
	} {
		if got := c.has.Missing(c.f); got != c.want {
			t.Errorf("%s with %b: %q, want %q", c.f.Key, c.has, got, c.want)
		}
	}
}
