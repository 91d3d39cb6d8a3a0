package report

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"keel/backend/feedback"
	"keel/backend/figures"
	"keel/backend/review"
)

// Feedback: the feedback figures by month, then the review month's digest
// (figures.Set.Feedback, frozen with the review): the top clusters by
// accounts and by MRR at asking (one table: the two lists mostly name the
// same clusters) with their quotes, the strategy signals,
// the clusters shipped or declined, the people told and the product notes.
// Names, addresses and quoted words come from imported data or the
// founder's notes: text cells, anonymized on request.

const feedbackHeader = 4

var feedbackCols = figures.MustFields("feedback.feedback_items", "feedback.untriaged", "feedback.strategy_signals", "feedback.loops_closed")

// feedbackWidths: the cluster or quote, then the numbers and names;
// narrow enough to print on one portrait page.
var feedbackWidths = []float64{34, 14, 10, 14, 17, 15, 17, 32}

func (b *book) feedback() error {
	sh := SheetFeedback
	if err := b.setup(sh, feedbackWidths, feedbackHeader); err != nil {
		return err
	}
	g := plain{b.f, sh}
	if err := g.row(1, txt("Feedback — "+b.r.Title, b.st.title)); err != nil {
		return err
	}
	var step review.Step
	for _, st := range b.r.Steps {
		if st.ID == review.StepFeedback {
			step = st
		}
	}
	if err := g.row(2, txt(step.Reading, b.st.subtitle)); err != nil {
		return err
	}
	if err := b.tall(sh, 2, 1, len(feedbackWidths), step.Reading, 150); err != nil {
		return err
	}
	head := []c{txt("Month", b.st.header)}
	for _, f := range feedbackCols {
		head = append(head, txt(f.Label, b.st.headerRight))
	}
	if err := g.row(feedbackHeader, head...); err != nil {
		return err
	}
	for m := range b.s.Months {
		cells := []c{b.monthCell(b.s.Months[m].Month)}
		for _, f := range feedbackCols {
			cells = append(cells, b.fig(f, m))
		}
		if err := g.row(feedbackHeader+1+m, cells...); err != nil {
			return err
		}
	}
	if err := b.f.SetPanes(sh, freezePanes(feedbackHeader, 1)); err != nil {
		return err
	}
	row := feedbackHeader + len(b.s.Months) + 2
	d := b.s.Feedback
	if d == nil {
		text := "No cluster confirmed, no strategy signal and no one told yet: triage the inbox on the Feedback screen."
		if b.s.Has&figures.Feedback == 0 {
			text = b.s.Missing(feedbackCols[0])
		}
		if err := g.row(row, txt(text, b.st.muted)); err != nil {
			return err
		}
		return b.tall(sh, row, 1, len(feedbackWidths), text, 150)
	}
	var err error
	if row, err = b.feedbackClusters(g, row, "Top clusters by accounts and by MRR at asking", top(d), "No open or planned cluster."); err != nil {
		return err
	}
	if row, err = b.feedbackClusters(g, row+1, "Shipped or declined in "+b.r.Title, d.Closed, "No cluster shipped or declined."); err != nil {
		return err
	}
	if row, err = b.feedbackQuotes(g, row+1, d); err != nil {
		return err
	}
	if row, err = b.feedbackSignals(g, row+1, d.Signals); err != nil {
		return err
	}
	if row, err = b.feedbackNotes(g, row+1, d.Notes); err != nil {
		return err
	}
	// Last: a month that closed a loop with many people prints a few of
	// them; the rest follow on screen.
	start := row + 1
	if _, err = b.feedbackTold(g, start, d.Told); err != nil {
		return err
	}
	if len(d.Told) <= printedTold {
		return nil
	}
	return b.printArea(sh, "H", start+1+printedTold)
}

// printedTold: how many people told the printed sheet lists.
const printedTold = 5

// top is the clusters by accounts, then those by MRR at asking not
// already among them.
func top(d *feedback.Digest) []feedback.DigestCluster {
	out := append([]feedback.DigestCluster(nil), d.ByAccounts...)
	for _, cl := range d.ByMRR {
		if !slices.ContainsFunc(out, func(o feedback.DigestCluster) bool { return o.ID == cl.ID }) {
			out = append(out, cl)
		}
	}
	return out
}

// section writes a section title and its header, or the line saying it is
// empty; it returns the next row.
func (b *book) section(g plain, row int, title string, head []c, empty string, n int) (int, error) {
	if err := g.row(row, txt(title, b.st.section)); err != nil {
		return row, err
	}
	row++
	if n == 0 {
		return row + 1, g.row(row, txt(empty, b.st.muted))
	}
	return row + 1, g.row(row, head...)
}

func (b *book) feedbackClusters(g plain, row int, title string, cs []feedback.DigestCluster, empty string) (int, error) {
	head := []c{txt("Cluster", b.st.header), txt("Status", b.st.header), txt("Accounts", b.st.headerRight), txt("New accounts", b.st.headerRight),
		txt("Items", b.st.headerRight), txt("MRR at asking", b.st.headerRight), txt("MRR at month end", b.st.headerRight), txt("Segments", b.st.header)}
	row, err := b.section(g, row, title, head, empty, len(cs))
	if err != nil {
		return row, err
	}
	for _, cl := range cs {
		var segs []string
		for _, s := range cl.Segments {
			segs = append(segs, s.Value+" "+itoa(s.Items))
		}
		status := statusWords[cl.Status]
		if cl.Release != "" && cl.Status == feedback.StatusShipped {
			status += " in " + cl.Release
		}
		if err := g.row(row, txt(b.anon.text(cl.Title), b.st.wrap), txt(status, b.st.text), c{int64(cl.Accounts), b.st.count},
			c{int64(cl.NewAccounts), b.st.count}, c{int64(cl.Items), b.st.count}, b.optMoney(cl.MRRAtAsk), b.optMoney(cl.MRRNow),
			txt(strings.Join(segs, ", "), b.st.text)); err != nil {
			return row, err
		}
		row++
	}
	return row, nil
}

// statusWords are the cluster statuses as the founder says them.
var statusWords = map[string]string{feedback.StatusOpen: "Open", feedback.StatusPlanned: "Planned",
	feedback.StatusShipped: "Shipped", feedback.StatusWontDo: "Won't do"}

func (b *book) optMoney(v *int64) c {
	if v == nil {
		return c{"—", b.st.dash}
	}
	return b.money(*v)
}

func (b *book) feedbackQuotes(g plain, row int, d *feedback.Digest) (int, error) {
	type quote struct {
		cluster string
		q       feedback.Quote
	}
	var qs []quote
	seen := map[string]bool{}
	for _, l := range [][]feedback.DigestCluster{d.ByAccounts, d.ByMRR, d.Closed} {
		for _, cl := range l {
			if seen[cl.ID] {
				continue
			}
			seen[cl.ID] = true
			for _, q := range cl.Quotes {
				qs = append(qs, quote{cl.Title, q})
			}
		}
	}
	head := []c{txt("Quote", b.st.header), txt("Cluster", b.st.header), c{}, txt("Date", b.st.header), txt("Plan then", b.st.header),
		txt("MRR then", b.st.headerRight), txt("Who", b.st.header)}
	row, err := b.section(g, row, "What they said", head, "No quote: the clusters' items have no words of their own.", len(qs))
	if err != nil {
		return row, err
	}
	for _, x := range qs {
		if err := b.quoteRow(g, row, x.q, x.cluster); err != nil {
			return row, err
		}
		row++
	}
	return row, nil
}

// quoteRow writes a quote: its words, the cluster (or nothing), the date,
// the plan and MRR then, and who said it.
func (b *book) quoteRow(g plain, row int, q feedback.Quote, cluster string) error {
	who := b.who(q.Who, q.Account)
	text, cluster := b.anon.text(q.Text), b.anon.text(cluster)
	if err := g.row(row, txt(text, b.st.wrap), txt(cluster, b.st.wrap), c{}, c{wall(q.Date, b.db.Location()), b.st.date},
		txt(q.Plan, b.st.text), b.optMoney(q.MRR), txt(who, b.st.wrap)); err != nil {
		return err
	}
	if cluster == "" { // a strategy signal: its words have columns A:C
		return b.merged(g.sheet, row, feedbackWidths, span{1, 3, text}, span{7, 8, ""})
	}
	return b.merged(g.sheet, row, feedbackWidths, span{1, 1, text}, span{2, 3, cluster}, span{7, 8, ""})
}

// who is a person (a name or an address) and their account, each once.
func (b *book) who(person, account string) string {
	out := b.anon.name(person)
	if strings.Contains(person, "@") {
		out = b.anon.email(person)
	}
	switch {
	case account == "" || account == person:
	case person == "":
		out = b.anon.org(account)
	default:
		out += " · " + b.anon.org(account)
	}
	return out
}

func (b *book) feedbackSignals(g plain, row int, qs []feedback.Quote) (int, error) {
	head := []c{txt("Strategy signal", b.st.header), c{}, c{}, txt("Date", b.st.header), txt("Plan then", b.st.header),
		txt("MRR then", b.st.headerRight), txt("Who", b.st.header)}
	row, err := b.section(g, row, "Strategy signals in "+b.r.Title, head, "No item typed as a strategy signal came in this month.", len(qs))
	if err != nil {
		return row, err
	}
	for _, q := range qs {
		if err := b.quoteRow(g, row, q, ""); err != nil {
			return row, err
		}
		row++
	}
	return row, nil
}

func (b *book) feedbackTold(g plain, row int, told []feedback.Told) (int, error) {
	head := []c{txt("Cluster", b.st.header), txt("Status", b.st.header), c{}, txt("Told on", b.st.header), c{}, c{}, txt("Who", b.st.header)}
	title := "People told in " + b.r.Title
	if len(told) > printedTold {
		title += fmt.Sprintf(" — %d; printed: the first %d, all of them follow on screen", len(told), printedTold)
	}
	row, err := b.section(g, row, title, head, "No one was marked told this month.", len(told))
	if err != nil {
		return row, err
	}
	for _, t := range told {
		who := b.who(t.Person, t.Account)
		cluster := b.anon.text(t.Cluster)
		if err := g.row(row, txt(cluster, b.st.wrap), txt(statusWords[t.Status], b.st.text), c{},
			c{wall(t.At, b.db.Location()), b.st.date}, c{}, c{}, txt(who, b.st.wrap)); err != nil {
			return row, err
		}
		if err := b.merged(g.sheet, row, feedbackWidths, span{1, 1, cluster}, span{2, 3, ""}, span{7, 8, ""}); err != nil {
			return row, err
		}
		row++
	}
	return row, nil
}

func (b *book) feedbackNotes(g plain, row int, notes []feedback.ProductNote) (int, error) {
	head := []c{txt("Decision", b.st.header), txt("Why", b.st.header), c{}, c{}, c{}, c{}, txt("Date", b.st.header), txt("Owner", b.st.header)}
	row, err := b.section(g, row, "Product notes in "+b.r.Title, head, "No product note was written this month.", len(notes))
	if err != nil {
		return row, err
	}
	for _, n := range notes {
		date := c{n.Date, b.st.text}
		if t, err := time.Parse("2006-01-02", n.Date); err == nil {
			date = c{t, b.st.date}
		}
		decision, why := b.anon.text(n.Decision), b.anon.text(n.Why)
		if err := g.row(row, txt(decision, b.st.wrap), txt(why, b.st.wrap), c{}, c{}, c{}, c{}, date, txt(b.anon.agent(n.Owner), b.st.text)); err != nil {
			return row, err
		}
		if err := b.merged(g.sheet, row, feedbackWidths, span{1, 1, decision}, span{2, 6, why}); err != nil {
			return row, err
		}
		row++
	}
	return row, nil
}
