package report

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"keel/backend/figures"
	"keel/backend/revenue"
	"keel/backend/review"
	"keel/backend/workspace"
)

// export writes the report of month and opens it again.
func export(t testing.TB, db *workspace.DB, month string, opts Options) (*excelize.File, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(db, mo(month), &buf, opts); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatalf("the workbook does not open: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f, buf.Bytes()
}

// parts reads the workbook's zip parts by name.
func parts(t testing.TB, raw []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		out[f.Name] = string(b)
	}
	return out
}

// rows reads a sheet's cells as text.
func rows(t testing.TB, f *excelize.File, sheet string) [][]string {
	t.Helper()
	rs, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// text is the whole sheet as one string, for "contains" checks.
func text(t testing.TB, f *excelize.File, sheet string) string {
	var b strings.Builder
	for _, r := range rows(t, f, sheet) {
		b.WriteString(strings.Join(r, "\t"))
		b.WriteByte('\n')
	}
	return b.String()
}

// raw is a cell's unformatted value.
func raw(t testing.TB, f *excelize.File, sheet, ref string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func rowIndex(t testing.TB, rs [][]string, first string) int {
	t.Helper()
	for i, r := range rs {
		if len(r) > 0 && r[0] == first {
			return i
		}
	}
	t.Fatalf("no row starting with %q", first)
	return -1
}

func numFormat(t testing.TB, f *excelize.File, sheet, ref string) string {
	t.Helper()
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.CustomNumFmt == nil {
		return fmt.Sprintf("builtin %d", st.NumFmt)
	}
	return *st.CustomNumFmt
}

func TestDemoReportHasEverySheetAndItsContent(t *testing.T) {
	db := demoDB(t, demoNow)
	if err := review.SaveNotes(db, mo("2026-02"), "Hire a second support person before summer."); err != nil {
		t.Fatal(err)
	}
	if _, err := review.AddDecision(db, mo("2026-02"), review.Decision{Kind: "fix", What: "Onboarding email for Growth", Owner: "Sam", Due: "2026-03-31"}); err != nil {
		t.Fatal(err)
	}
	if err := review.Answer(db, mo("2026-02"), "support_one_person", "yes", "Maya covers weekends"); err != nil {
		t.Fatal(err)
	}
	r, err := review.Get(db, mo("2026-02"))
	if err != nil {
		t.Fatal(err)
	}
	fig := r.Figures
	f, rawBytes := export(t, db, "2026-02", Options{})

	if got := strings.Join(f.GetSheetList(), ","); got != strings.Join(Sheets, ",") {
		t.Fatalf("sheets %s, want %s", got, strings.Join(Sheets, ","))
	}

	t.Run("Summary", func(t *testing.T) {
		s := text(t, f, SheetSummary)
		for _, want := range []string{"Northwind Analytics (demo) — monthly review, February 2026", "Draft, not frozen",
			"Headline numbers", "MRR", "What the numbers say", r.Steps[1].Reading, r.Stage.Name, r.NextReview.Text,
			"Onboarding email for Growth", "Sam", "Support depends on one person", "Maya covers weekends",
			"Hire a second support person before summer.", "“Team plans: seats, roles and per-seat billing” changed billing, permissions and user data"} {
			if !strings.Contains(s, want) {
				t.Errorf("Summary lacks %q", want)
			}
		}
		rs := rows(t, f, SheetSummary)
		i := rowIndex(t, rs, "MRR")
		ref := fmt.Sprintf("B%d", i+1)
		if got, want := raw(t, f, SheetSummary, ref), fmt.Sprint(float64(*fig.Last().Revenue.MRR)/100); got != want {
			t.Errorf("MRR cell %s = %s, want %s (major units)", ref, got, want)
		}
		if got := numFormat(t, f, SheetSummary, ref); got != `"$"#,##0.00;-"$"#,##0.00` {
			t.Errorf("MRR format %q", got)
		}
		if got := numFormat(t, f, SheetSummary, fmt.Sprintf("E%d", i+1)); got != "+0.0%;-0.0%;0.0%" {
			t.Errorf("change format %q", got)
		}
		// A failure mode answered, or with something in the data, has its
		// row; those with neither share one line.
		var silent []string
		for _, it := range r.Checklist {
			if it.Answer == "" && it.Note == "" && it.Hint == "" {
				silent = append(silent, it.Question)
				continue
			}
			if !slices.ContainsFunc(rs, func(r []string) bool { return len(r) > 0 && strings.HasPrefix(r[0], it.Question) }) {
				t.Errorf("no row for %q", it.Question)
			}
		}
		if len(silent) == 0 {
			t.Fatal("the demo has no failure mode without an answer or data")
		}
		j := rowIndex(t, rs, "Not answered, nothing in the data")
		for _, q := range silent {
			if !strings.Contains(rs[j][1], q) {
				t.Errorf("the line of silent failure modes lacks %q: %q", q, rs[j][1])
			}
		}
	})

	t.Run("Revenue", func(t *testing.T) {
		rs := rows(t, f, SheetRevenue)
		head := rs[revenueHeader-1]
		if head[1] != "Mar 2025" || head[12] != "Feb 2026" {
			t.Errorf("month headers %v", head)
		}
		for _, rr := range revenueRows {
			if rr.f == nil {
				continue
			}
			row := rowIndex(t, rs, rr.label) + 1
			for m := range fig.Months {
				v := fig.Value(rr.f, m)
				ref, _ := excelize.CoordinatesToCellName(m+2, row)
				got := raw(t, f, SheetRevenue, ref)
				if v == nil {
					if got != "—" {
						t.Errorf("%s %s: %q, want —", rr.label, ref, got)
					}
					continue
				}
				want := *v
				if rr.f.Unit == figures.Money {
					want /= 100
				}
				if rr.kind == revenue.Contraction || rr.kind == revenue.Churn {
					want = -want
				}
				var x float64
				fmt.Sscan(got, &x)
				if math.Abs(x-want) > 1e-9*math.Max(1, math.Abs(want)) {
					t.Errorf("%s %s = %s, want %v", rr.label, ref, got, want)
				}
			}
		}
		// Net change equals MRR(M) − MRR(M−1): the movements add up.
		net, mrr := rowIndex(t, rs, "Net change")+1, rowIndex(t, rs, "MRR")+1
		for m := 1; m < len(fig.Months); m++ {
			var n, a, b float64
			fmt.Sscan(raw(t, f, SheetRevenue, cell(m+2, net)), &n)
			fmt.Sscan(raw(t, f, SheetRevenue, cell(m+2, mrr)), &a)
			fmt.Sscan(raw(t, f, SheetRevenue, cell(m+1, mrr)), &b)
			if math.Abs(n-(a-b)) > 0.005 {
				t.Errorf("month %d: net change %v ≠ %v − %v", m, n, a, b)
			}
		}
		if !strings.Contains(text(t, f, SheetRevenue), "Plan mix at the end of February 2026") {
			t.Error("no plan mix")
		}
		if p, err := f.GetPanes(SheetRevenue); err != nil || !p.Freeze || p.YSplit != revenueHeader || p.XSplit != 1 {
			t.Errorf("panes %+v %v", p, err)
		}
		if pl, err := f.GetPageLayout(SheetRevenue); err != nil || *pl.Orientation != "landscape" || *pl.FitToWidth != 1 {
			t.Errorf("page layout %+v %v", pl, err)
		}
	})

	t.Run("Charts", func(t *testing.T) {
		p := parts(t, rawBytes)
		var charts []string
		for name := range p {
			if strings.HasPrefix(name, "xl/charts/chart") {
				charts = append(charts, p[name])
			}
		}
		if len(charts) != 5 {
			t.Fatalf("%d charts, want 5 (MRR with movements, customers; tickets, reply times; signups)", len(charts))
		}
		var mrrChart string
		for _, c := range charts {
			if strings.Contains(c, "MRR and its monthly movements") {
				mrrChart = c
			}
		}
		if mrrChart == "" {
			t.Fatal("no MRR chart")
		}
		for _, want := range []string{`<grouping val="stacked">`, "<lineChart>", "Revenue&#39;!$B$", "$M$"} {
			if !strings.Contains(mrrChart, want) {
				t.Errorf("MRR chart lacks %s", want)
			}
		}
		for kind, colour := range MovementColours {
			if !strings.Contains(mrrChart, `val="`+colour+`"`) {
				t.Errorf("MRR chart lacks the %s colour %s", kind, colour)
			}
		}
		rels := p["xl/worksheets/_rels/sheet2.xml.rels"]
		if !strings.Contains(rels, "drawing") {
			t.Errorf("the Revenue sheet has no drawing: %s", rels)
		}
	})

	t.Run("Movements", func(t *testing.T) {
		rs := rows(t, f, SheetMovements)
		body := rs[movementsHeader:]
		// Every movement is on a line of its own, but a customer's small
		// FX-only revaluations, folded into one line per month.
		lines := foldFX(fig.Movements)
		if len(body) != len(lines) || len(lines) >= len(fig.Movements) {
			t.Fatalf("%d movement rows, want %d (%d movements)", len(body), len(lines), len(fig.Movements))
		}
		folds := 0
		for i, l := range lines {
			if got := rs[movementsHeader+i][2]; l.folded == 0 && got != l.Name {
				t.Errorf("row %d customer %q, want %q", movementsHeader+1+i, got, l.Name)
			}
			if l.folded > 0 {
				folds++
				if want := fmt.Sprintf("%d customers: exchange-rate changes under 5 %% of their MRR", l.folded); rs[movementsHeader+i][2] != want {
					t.Errorf("folded line %q, want %q", rs[movementsHeader+i][2], want)
				}
			}
		}
		if folds == 0 || folds > len(fig.Months) {
			t.Errorf("%d folded lines for %d months", folds, len(fig.Months))
		}
		// Printed, the sheet is February's lines (the first ones), and says so.
		feb := 0
		for feb < len(lines) && lines[feb].Month == mo("2026-02") {
			feb++
		}
		area := ""
		for _, d := range f.GetDefinedName() {
			if d.Name == "_xlnm.Print_Area" && d.Scope == SheetMovements {
				area = d.RefersTo
			}
		}
		if want := fmt.Sprintf("'%s'!$A$1:$I$%d", SheetMovements, movementsHeader+feb); feb == 0 || area != want {
			t.Errorf("print area %q, want %q", area, want)
		}
		if !strings.HasPrefix(rs[2][0], fmt.Sprintf("Printed: the %d lines of February 2026", feb)) {
			t.Errorf("row 3 %q", rs[2][0])
		}
		// The sheet's lines of each month add up to the month's totals.
		sum := map[string]float64{}
		for i := range lines {
			row := movementsHeader + 1 + i
			var x float64
			fmt.Sscan(raw(t, f, SheetMovements, cell(7, row)), &x)
			sum[rs[row-1][0]+" "+rs[row-1][1]] += x
		}
		for m := 1; m < len(fig.Months); m++ {
			for _, k := range revenue.Kinds {
				want := 0.0
				if v := fig.Months[m].Movement(k); v != nil {
					want = float64(k.Effect(*v)) / 100
				}
				got := sum[fig.Months[m].Month.Short()+" "+k.Label()]
				if math.Abs(got-want) > 0.005 {
					t.Errorf("%s %s: lines add up to %v, the month says %v", fig.Months[m].Month, k, got, want)
				}
			}
		}
		// Only FX-only revaluations under 5 % of the customer's MRR fold.
		other := map[string]bool{}
		for _, mv := range fig.Movements {
			if mv.Kind != revenue.FX {
				other[mv.Month.String()+mv.CustomerID] = true
			}
		}
		qualify, folded := 0, 0
		for _, mv := range fig.Movements {
			if mv.Kind == revenue.FX && !other[mv.Month.String()+mv.CustomerID] && abs(mv.Amount)*20 < abs(mv.From) {
				qualify++
			}
		}
		for _, l := range lines {
			folded += l.folded
		}
		if folded != qualify {
			t.Errorf("%d revaluations folded, %d are FX-only and under 5 %%", folded, qualify)
		}
		for _, l := range lines {
			if l.folded == 0 && l.Kind == revenue.FX && !other[l.Month.String()+l.CustomerID] && abs(l.Amount)*20 < abs(l.From) {
				t.Errorf("%s %s: a small FX-only revaluation on a line of its own", l.Month, l.Name)
			}
		}
		if got := numFormat(t, f, SheetMovements, "A5"); got != "mmm yyyy" {
			t.Errorf("month format %q", got)
		}
		if p, _ := f.GetPanes(SheetMovements); !p.Freeze || p.YSplit != movementsHeader {
			t.Errorf("panes %+v", p)
		}
	})

	t.Run("Cohorts", func(t *testing.T) {
		s := text(t, f, SheetCohorts)
		for _, want := range []string{"Share of customers still paying", "Share of starting MRR retained", "Share of signups using the product", "Month 0", "Month 11"} {
			if !strings.Contains(s, want) {
				t.Errorf("Cohorts lacks %q", want)
			}
		}
		cf, err := f.GetConditionalFormats(SheetCohorts)
		if err != nil || len(cf) != 3 {
			t.Fatalf("conditional formats %v %v, want three heatmaps (customers, MRR, product usage)", cf, err)
		}
		if len(fig.Usage) == 0 {
			t.Error("the demo has events: product retention cohorts expected")
		}
		for ref, opts := range cf {
			if opts[0].Type != "3_color_scale" {
				t.Errorf("%s: %+v", ref, opts[0])
			}
		}
		first := fig.Cohorts[0]
		if got := raw(t, f, SheetCohorts, "D6"); got != "1" || first.Customers == 0 {
			t.Errorf("month 0 of the first cohort: %s", got)
		}
	})

	t.Run("Support and tickets", func(t *testing.T) {
		s := text(t, f, SheetSupport)
		for _, want := range []string{"Support load", "First reply, median", "By channel, February 2026", "By assignee, February 2026"} {
			if !strings.Contains(s, want) {
				t.Errorf("Support lacks %q", want)
			}
		}
		tickets := float64(*fig.Last().Support.Tickets)
		if got := len(rows(t, f, SheetTickets)) - ticketsHeader; float64(got) != tickets {
			t.Errorf("%d tickets listed, February has %v", got, tickets)
		}
		if got := numFormat(t, f, SheetTickets, "B5"); got != "yyyy-mm-dd hh:mm" {
			t.Errorf("ticket date format %q", got)
		}
		// Durations read as people read them: "12 h 7 min", not "727 min".
		for _, sheet := range []string{SheetSupport, SheetTickets} {
			s := text(t, f, sheet)
			if long := regexp.MustCompile(`\b\d{3,} min`).FindString(s); long != "" {
				t.Errorf("%s writes a duration as %q", sheet, long)
			}
			if !regexp.MustCompile(`\b\d+ h \d+ min`).MatchString(s) {
				t.Errorf("%s has no duration in hours and minutes:\n%s", sheet, s[:min(len(s), 2000)])
			}
		}
	})

	t.Run("Users, feedback, releases, manual work", func(t *testing.T) {
		if s := text(t, f, SheetUsers); !strings.Contains(s, "People seen (events)") || !strings.Contains(s, "Most frequent events in February 2026") {
			t.Errorf("Users: %s", s)
		}
		for sheet, want := range map[string]string{SheetOperations: "Feb 2026\t2\t0\t0\t6.50\t52\t28 h 15 min\t0.25"} {
			if s := text(t, f, sheet); !strings.Contains(s, want) {
				t.Errorf("%s: %q lacks %q", sheet, s, want)
			}
		}
		// The demo has a triaged history: the sheet lists its figures,
		// its top clusters with their words, and the people told.
		d := fig.Feedback
		if d == nil || len(d.ByAccounts) == 0 || len(d.ByAccounts[0].Quotes) == 0 || fig.Last().Feedback == nil {
			t.Fatalf("the demo's February has no feedback digest with quotes: %+v", d)
		}
		s := text(t, f, SheetFeedback)
		wants := []string{"Feedback items", "Untriaged", "Top clusters by accounts and by MRR at asking",
			d.ByAccounts[0].Title, d.ByAccounts[0].Quotes[0].Text, "People told in February 2026", "Strategy signals in February 2026"}
		for _, cl := range d.ByMRR { // one table lists both tops
			wants = append(wants, cl.Title)
		}
		for _, want := range wants {
			if !strings.Contains(s, want) {
				t.Errorf("Feedback lacks %q:\n%s", want, s)
			}
		}
		if strings.Contains(s, "Not tracked yet") {
			t.Errorf("Feedback still says it is not tracked:\n%s", s)
		}
		// February's row: its items created, as the figures count them.
		if got, want := raw(t, f, SheetFeedback, cell(2, feedbackHeader+len(fig.Months))), fmt.Sprint(*fig.Last().Feedback.FeedbackItems); got != want {
			t.Errorf("February's feedback items %s, want %s", got, want)
		}
		// The demo's February: two releases went out, the one touching
		// billing, permissions and user data on hold (the call's day
		// with it); stale flags.
		s = text(t, f, SheetOperations)
		for _, want := range []string{"Releases that went out in February 2026", "Team plans: seats, roles and per-seat billing", "Hold on ",
			"Changes billing, permissions and user data in one release without a migration plan", "Dark mode",
			"Nothing was rolled back this month.", "Flags at the end of February 2026", "notion-embeds"} {
			if !strings.Contains(s, want) {
				t.Errorf("Releases lacks %q:\n%s", want, s)
			}
		}
	})

	t.Run("Definitions", func(t *testing.T) {
		s := text(t, f, SheetDefinitions)
		for _, fd := range figures.Fields() {
			if !fig.Reads(fd) {
				continue
			}
			if !strings.Contains(s, fd.Label) || !strings.Contains(s, fd.Rule(r.Rules)) {
				t.Errorf("Definitions lack %s", fd.Key)
			}
		}
		// The demo has MRR: revenue is read by it, not by orders.
		if strings.Contains(s, "Orders") {
			t.Error("Definitions of a workspace with MRR define sales.orders")
		}
		// Founder words, not keys, commands or colour codes.
		for _, dev := range []string{"revenue.mrr", "keel metrics", "period_end", "#"} {
			if strings.Contains(s, dev) {
				t.Errorf("Definitions say %q", dev)
			}
		}
		for _, want := range []string{"At period end", "What is billed", "USD", "UTC", "14 days"} {
			if !strings.Contains(s, want) {
				t.Errorf("Definitions lack the rule %q", want)
			}
		}
	})

	t.Run("Sources", func(t *testing.T) {
		s := text(t, f, SheetSources)
		hist, _ := db.History()
		for _, im := range hist {
			if !strings.Contains(s, im.File) || !strings.Contains(s, im.SHA256) {
				t.Errorf("Sources lack %s %s", im.File, im.SHA256)
			}
		}
		if got := numFormat(t, f, SheetSources, "K5"); got != "yyyy-mm-dd" {
			t.Errorf("date format %q", got)
		}
	})
}

func TestFrozenReportShowsFrozenNumbersAndRestatement(t *testing.T) {
	db := demoDB(t, demoNow)
	frozen, err := review.Freeze(db, mo("2026-02"))
	if err != nil {
		t.Fatal(err)
	}
	before := float64(*frozen.Figures.Last().Revenue.Collected)
	importLatePayment(t, db)
	f, _ := export(t, db, "2026-02", Options{})
	s := text(t, f, SheetSummary)
	for _, want := range []string{"Frozen on 14 Mar 2026", "Restatement since the freeze", "late_payments.csv"} {
		if !strings.Contains(s, want) {
			t.Errorf("Summary lacks %q", want)
		}
	}
	rs := rows(t, f, SheetSummary)
	i := rowIndex(t, rs, "Collected")
	if got := raw(t, f, SheetSummary, fmt.Sprintf("B%d", i+1)); got != fmt.Sprint(before/100) {
		t.Errorf("Collected shows %s, frozen was %v", got, before/100)
	}
	if src := text(t, f, SheetSources); !strings.Contains(src, "Since the freeze") || !strings.Contains(src, "imported after the freeze") {
		t.Errorf("Sources do not list the import after the freeze:\n%s", src)
	}
}
