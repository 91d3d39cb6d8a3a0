package report

import (
	"strings"

	"keel/backend/figures"
	"keel/backend/revenue"
)

// Definitions: the rules in force behind the numbers, and each metric's
// rule as applied (METRICS.md).

func (b *book) definitions() error {
	sh := SheetDefinitions
	if err := b.setup(sh, []float64{30, 34, 110}, 0); err != nil {
		return err
	}
	g := plain{b.f, sh}
	if err := g.row(1, txt("Definitions — how each number is computed", b.st.title)); err != nil {
		return err
	}
	rules := b.r.Rules
	row := 3
	if err := g.row(row, txt("Rules in force", b.st.section)); err != nil {
		return err
	}
	row++
	if err := g.row(row, txt("Rule", b.st.header), txt("Setting", b.st.header), txt("What it means", b.st.header)); err != nil {
		return err
	}
	row++
	churn := "A subscription ends at Ended At, else at its current period end when it cancels at period end."
	if rules.ChurnTiming == "cancellation" {
		churn = "A subscription ends when it is canceled (Canceled At)."
	}
	disc := "MRR is what is actually billed: invoice subtotal − discount, tax excluded."
	if rules.Discounts == "list" {
		disc = "MRR is the list price: plan amount × quantity; discounts are ignored."
	}
	ends, counts := "At period end", "What is billed"
	if rules.ChurnTiming == "cancellation" {
		ends = "When canceled"
	}
	if rules.Discounts == "list" {
		counts = "List price"
	}
	test := "Test-mode rows are left out."
	if rules.TestMode == "included" {
		test = "Test-mode rows are counted."
	}
	for _, r := range [][3]string{
		{"Base currency", strings.ToUpper(rules.BaseCurrency), "Every amount is in this currency, in its minor unit, converted at each month's rate from Stripe's converted amounts, else the exchange-rates table."},
		{"Time zone", rules.TimeZone, "Months are calendar months in this time zone."},
		{"A subscription ends", ends, churn},
		{"MRR counts", counts, disc},
		{"Test mode", rules.TestMode, test},
		{"Activation window", itoa(rules.ActivationDays) + " days", "A signup counts as activated when it performs the activation event within this many days."},
	} {
		if err := g.row(row, txt(r[0], b.st.text), txt(r[1], b.st.text), txt(r[2], b.st.wrap)); err != nil {
			return err
		}
		if err := b.height(sh, row, r[2], 110); err != nil {
			return err
		}
		row++
	}
	for _, x := range rules.Rates {
		note := "Typed in the exchange-rates table: 1 " + strings.ToUpper(x.Currency) + " = " + x.Rate + " " + strings.ToUpper(rules.BaseCurrency) + " in " + x.Month + "."
		if err := g.row(row, txt("Exchange rate", b.st.text), txt(strings.ToUpper(x.Currency)+" "+x.Month, b.st.text), txt(note, b.st.wrap)); err != nil {
			return err
		}
		row++
	}
	row++
	if err := g.row(row, txt("Metrics", b.st.section)); err != nil {
		return err
	}
	row++
	if err := g.row(row, txt("Number", b.st.header), txt("Part of the report", b.st.header), txt("Rule as applied", b.st.header)); err != nil {
		return err
	}
	row++
	for _, f := range figures.Fields() {
		if !b.s.Reads(f) {
			continue
		}
		rule := f.Rule(rules)
		if err := g.row(row, txt(f.Label, b.st.text), txt(sectionNames[f.Section()], b.st.text), txt(rule, b.st.wrap)); err != nil {
			return err
		}
		if err := b.height(sh, row, rule, 110); err != nil {
			return err
		}
		row++
	}
	row++
	if err := g.row(row, txt("Colours of the movements", b.st.section)); err != nil {
		return err
	}
	row++
	for _, k := range []revenue.Kind{revenue.New, revenue.Expansion, revenue.Reactivation, revenue.Contraction, revenue.Churn, revenue.FX} {
		if err := g.row(row, txt(k.Label(), b.st.kinds[string(k)])); err != nil {
			return err
		}
		row++
	}
	return b.f.SetPanes(sh, freezePanes(1, 0))
}

// sectionNames are the parts of the report, in a founder's words (the
// catalogue's sections are keys).
var sectionNames = map[string]string{"revenue": "Revenue", "sales": "Sales", "product": "Users and product",
	"operations": "Operations", "support": "Support load", "users": "Users", "feedback": "Feedback", "decisions": "Operations", "costs": "Operations", "releases": "Operations"}

// height makes a row tall enough for a wrapped text chars wide.
func (b *book) height(sheet string, row int, text string, chars float64) error {
	if n := lines(text, chars); n > 1 {
		return b.f.SetRowHeight(sheet, row, float64(n)*15+4)
	}
	return nil
}
