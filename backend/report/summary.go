package report

import (
	"fmt"
	"strings"
	"time"

	"keel/backend/figures"
	"keel/backend/review"
)

// Summary: the headline numbers with their month-over-month change, the
// readings, warnings, stage, decisions, checklist, notes and — for a
// frozen review whose numbers moved since — the restatement.

// The Summary is narrow enough to print on one portrait page.
var summaryWidths = []float64{34, 17, 17, 15, 13, 56}

// textWidth is the width in characters of the merged text columns B:F.
var textWidth = func() (w float64) {
	for _, c := range summaryWidths[1:] {
		w += c
	}
	return w
}()

// headline lists the numbers of the Summary, by key (the review's own
// numbers: a frozen review's are frozen).
var headline = figures.MustFields(
	"revenue.mrr", "revenue.arr", "revenue.customers", "revenue.arpa", "revenue.new", "revenue.expansion",
	"revenue.reactivation", "revenue.contraction", "revenue.churn", "revenue.fx", "revenue.nrr", "revenue.logo_churn_rate",
	"revenue.quick_ratio", "revenue.collected", "revenue.refunded", "revenue.failed_payments",
	"support.tickets", "support.first_reply_minutes_p50", "support.resolution_minutes_p50", "support.satisfaction",
	"product.signups", "product.activation_rate",
)

func (b *book) summary() error {
	sh := SheetSummary
	if err := b.setup(sh, summaryWidths, 0); err != nil {
		return err
	}
	g := plain{b.f, sh}
	r := b.r
	row := 1
	if err := g.row(row, txt(r.Workspace+" — monthly review, "+r.Title, b.st.title)); err != nil {
		return err
	}
	row++
	if err := b.para(g, row, "", b.status(), b.st.subtitle); err != nil {
		return err
	}
	row += 2
	if err := g.row(row, txt("Headline numbers", b.st.section)); err != nil {
		return err
	}
	row++
	prev := ""
	if m := b.s.Back(1); m != nil {
		prev = m.Month.Title()
	}
	if err := g.row(row, txt("Number", b.st.header), txt(r.Title, b.st.headerRight), txt(prev, b.st.headerRight),
		txt("Change", b.st.headerRight), txt("Change %", b.st.headerRight), txt("What would fill a missing number", b.st.header)); err != nil {
		return err
	}
	row++
	byKey := map[string]review.Number{}
	for _, st := range r.Steps {
		for _, n := range st.Numbers {
			byKey[n.Key] = n
		}
	}
	for _, f := range headline {
		n, ok := byKey[f.Key]
		if !ok {
			continue
		}
		if err := g.row(row, txt(n.Label, b.st.text), b.num(n.Value, n.Unit), b.num(n.Prev, n.Unit), b.delta(n.Delta, n.Unit),
			b.rel(n.Change), txt(n.Missing, b.st.muted)); err != nil {
			return err
		}
		if err := b.merged(sh, row, summaryWidths, span{6, 6, n.Missing}); err != nil {
			return err
		}
		row++
	}
	row++
	if err := g.row(row, txt("What the numbers say", b.st.section)); err != nil {
		return err
	}
	row++
	for _, st := range r.Steps {
		text := st.Reading
		if st.Note != "" {
			text += "\nFounder's note: " + st.Note
		}
		if err := b.para(g, row, st.Title, text, b.st.wrap); err != nil {
			return err
		}
		row++
	}
	row++
	if row, err := b.summaryMap(g, row); err != nil {
		return err
	} else if row, err = b.summaryDecisions(g, row); err != nil {
		return err
	} else if row, err = b.summaryChecklist(g, row); err != nil {
		return err
	} else if row, err = b.summaryNotes(g, row); err != nil {
		return err
	} else if _, err = b.summaryRestatement(g, row); err != nil {
		return err
	}
	return b.f.SetPanes(sh, freezePanes(1, 0))
}

// status says whether the numbers are frozen, and in what currency.
func (b *book) status() string {
	r := b.r
	var s string
	switch {
	case r.FrozenAt != nil:
		s = fmt.Sprintf("Frozen on %s: every number below is the one frozen then.", r.FrozenAt.In(b.db.Location()).Format("2 Jan 2006 at 15:04 MST"))
	default:
		s = fmt.Sprintf("Draft, not frozen: numbers as of %s; they can still change.", b.db.Now().In(b.db.Location()).Format("2 Jan 2006 at 15:04 MST"))
	}
	s += fmt.Sprintf(" Amounts in %s; months in %s.", strings.ToUpper(b.cur), r.Rules.TimeZone)
	if b.anon != nil {
		s += " Names and emails from imported data are replaced by pseudonyms."
	}
	if r.Restatement != nil {
		s += " Some numbers changed since the freeze: see the restatement at the end."
	}
	return s
}

// para writes a label in column A and a text across B:F, tall enough to
// read it whole.
func (b *book) para(g plain, row int, label, text string, style int) error {
	// A reading, a warning or a note may name someone.
	text = b.anon.text(text)
	if label == "" { // the text spans A:F
		if err := g.row(row, txt(text, style)); err != nil {
			return err
		}
		return b.tall(g.sheet, row, 1, 6, text, textWidth+summaryWidths[0])
	}
	if err := g.row(row, txt(label, b.st.header), txt(text, style)); err != nil {
		return err
	}
	return b.tall(g.sheet, row, 2, 6, text, textWidth)
}

// tall merges columns from..to of row and sets the row's height for text.
func (b *book) tall(sheet string, row, from, to int, text string, chars float64) error {
	if err := b.f.MergeCell(sheet, cell(from, row), cell(to, row)); err != nil {
		return err
	}
	h := float64(lines(text, chars))*15 + 4
	if h < 18 {
		h = 18
	}
	return b.f.SetRowHeight(sheet, row, h)
}

func (b *book) summaryMap(g plain, row int) (int, error) {
	r := b.r
	if err := g.row(row, txt("Scaling map", b.st.section)); err != nil {
		return row, err
	}
	row++
	if err := b.para(g, row, "Stage: "+r.Stage.Name, r.Stage.Reason, b.st.wrap); err != nil {
		return row, err
	}
	row++
	if err := b.para(g, row, "Next review", r.NextReview.Text, b.st.wrap); err != nil {
		return row, err
	}
	row++
	if len(r.Warnings) == 0 {
		if err := b.para(g, row, "Warnings", "No warning fired this month.", b.st.wrap); err != nil {
			return row, err
		}
		row++
	}
	for _, w := range r.Warnings {
		if err := b.para(g, row, "⚠ "+w.Title, w.Detail, b.st.warning); err != nil {
			return row, err
		}
		row++
	}
	if len(r.Unavailable) > 0 {
		var parts []string
		for _, u := range r.Unavailable {
			parts = append(parts, u.Title+": "+strings.TrimSuffix(u.Needs, "."))
		}
		if err := b.para(g, row, "Not available yet", strings.Join(parts, ".\n")+".", b.st.muted); err != nil {
			return row, err
		}
		row++
	}
	return row + 1, nil
}

// summaryDecisions lists the review's decisions; without any, the
// Decisions reading above says so.
func (b *book) summaryDecisions(g plain, row int) (int, error) {
	if len(b.r.Decisions) == 0 {
		return row, nil
	}
	if err := g.row(row, txt("Decisions", b.st.section)); err != nil {
		return row, err
	}
	row++
	if err := g.row(row, txt("Decision", b.st.header), txt("What", b.st.header), c{nil, b.st.header}, c{nil, b.st.header},
		txt("Owner", b.st.header), txt("Due", b.st.header)); err != nil {
		return row, err
	}
	if err := b.f.MergeCell(g.sheet, cell(2, row), cell(4, row)); err != nil {
		return row, err
	}
	row++
	for _, d := range b.r.Decisions {
		due := c{d.Due, b.st.text}
		if t, err := time.Parse("2006-01-02", d.Due); err == nil {
			due = c{t, b.st.date}
		}
		kind := strings.ToUpper(d.Kind[:1]) + d.Kind[1:]
		if err := g.row(row, txt(kind, b.st.good), txt(b.anon.text(d.What), b.st.wrap), c{}, c{}, txt(b.anon.agent(d.Owner), b.st.wrap), due); err != nil {
			return row, err
		}
		if err := b.tall(g.sheet, row, 2, 4, d.What, 17+17+15); err != nil {
			return row, err
		}
		row++
	}
	return row + 1, nil
}

func (b *book) summaryChecklist(g plain, row int) (int, error) {
	if err := g.row(row, txt("Failure-mode checklist", b.st.section)); err != nil {
		return row, err
	}
	row++
	if err := g.row(row, txt("Failure mode", b.st.header), txt("Answer", b.st.header), txt("Note", b.st.header),
		c{nil, b.st.header}, c{nil, b.st.header}, txt("What the data says", b.st.header)); err != nil {
		return row, err
	}
	if err := b.f.MergeCell(g.sheet, cell(3, row), cell(5, row)); err != nil {
		return row, err
	}
	row++
	var silent []string // not answered, nothing in the data: one line below
	for _, it := range b.r.Checklist {
		q := it.Question
		if it.Late {
			q += " (late-process)"
		}
		if it.Answer == "" && it.Note == "" && it.Hint == "" {
			silent = append(silent, q)
			continue
		}
		ans, style := "not answered", b.st.muted
		switch it.Answer {
		case "yes":
			ans, style = "Yes", b.st.bad
		case "no":
			ans, style = "No", b.st.good
		case "unsure":
			ans, style = "Unsure", b.st.text
		}
		if err := g.row(row, txt(q, b.st.wrap), txt(ans, style), txt(b.anon.text(it.Note), b.st.wrap), c{}, c{}, txt(it.Hint, b.st.muted)); err != nil {
			return row, err
		}
		if err := b.f.MergeCell(g.sheet, cell(3, row), cell(5, row)); err != nil {
			return row, err
		}
		n := max(lines(q, 34), lines(it.Note, 45), lines(it.Hint, summaryWidths[5]))
		if err := b.f.SetRowHeight(g.sheet, row, float64(n)*15+4); err != nil {
			return row, err
		}
		row++
	}
	if len(silent) > 0 {
		if err := b.para(g, row, "Not answered, nothing in the data", strings.Join(silent, "; ")+".", b.st.muted); err != nil {
			return row, err
		}
		row++
	}
	return row + 1, nil
}

func (b *book) summaryNotes(g plain, row int) (int, error) {
	if err := g.row(row, txt("Notes", b.st.section)); err != nil {
		return row, err
	}
	row++
	notes := b.r.Notes
	style := b.st.wrap
	if notes == "" {
		notes, style = "No notes.", b.st.muted
	}
	if err := b.para(g, row, "", notes, style); err != nil {
		return row, err
	}
	return row + 2, nil
}

func (b *book) summaryRestatement(g plain, row int) (int, error) {
	rs := b.r.Restatement
	if rs == nil {
		return row, nil
	}
	if err := g.row(row, txt("Restatement since the freeze", b.st.section)); err != nil {
		return row, err
	}
	row++
	if err := b.para(g, row, "", rs.Text, b.st.warning); err != nil {
		return row, err
	}
	row++
	if len(rs.Changes) == 0 {
		return row + 1, nil
	}
	if err := g.row(row, txt("Number", b.st.header), txt("Month", b.st.header), txt("Frozen", b.st.headerRight),
		txt("Now", b.st.headerRight), txt("Change", b.st.headerRight), txt("Caused by", b.st.header)); err != nil {
		return row, err
	}
	row++
	causes := map[string]string{}
	for _, cs := range rs.Causes {
		causes[cs.ID] = cs.Text
	}
	for _, ch := range rs.Changes {
		var why []string
		for _, id := range ch.Causes {
			why = append(why, causes[id])
		}
		var d *float64
		if ch.Old != nil && ch.New != nil {
			x := *ch.New - *ch.Old
			d = &x
		}
		text := strings.Join(why, "; ")
		if err := g.row(row, txt(ch.Label, b.st.text), b.monthCell(ch.Month), b.num(ch.Old, ch.Unit), b.num(ch.New, ch.Unit),
			b.delta(d, ch.Unit), txt(text, b.st.wrap)); err != nil {
			return row, err
		}
		if n := lines(text, summaryWidths[5]); n > 1 {
			if err := b.f.SetRowHeight(g.sheet, row, float64(n)*15+4); err != nil {
				return row, err
			}
		}
		row++
	}
	return row + 1, nil
}
