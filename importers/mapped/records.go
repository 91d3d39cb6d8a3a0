package mapped

import (
	"strings"
	"time"

	"keel/backend"
)

func (w *row) event() (backend.Record, error) {
	name, err := w.required("name")
	if err != nil {
		return nil, err
	}
	at, err := w.requiredTime("time")
	if err != nil {
		return nil, err
	}
	e := &backend.Event{Source: w.im.m.Source, ID: w.text("id"), Name: name, DistinctID: w.text("user"), Email: w.email("email"), Time: at}
	if e.Email == "" && strings.Contains(e.DistinctID, "@") {
		e.Email = strings.ToLower(e.DistinctID)
	}
	if e.ID == "" {
		e.ID = w.rowKey()
	}
	return e, nil
}

func (w *row) ticket() (backend.Record, error) {
	id, err := w.required("id")
	if err != nil {
		return nil, err
	}
	created, err := w.requiredTime("created")
	if err != nil {
		return nil, err
	}
	t := &backend.Ticket{
		Source: w.im.m.Source, ID: id, Created: created,
		RequesterID: w.text("requester_id"), RequesterEmail: w.email("requester_email"), Organization: w.text("organization"),
		Subject: w.text("subject"), Status: strings.ToLower(w.text("status")), Priority: strings.ToLower(w.text("priority")),
		Channel: w.text("channel"), Type: w.text("type"), Group: w.text("group"), Assignee: w.text("assignee"),
		Tags:         strings.FieldsFunc(w.text("tags"), func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '|' }),
		Satisfaction: satisfaction(w.text("satisfaction")),
	}
	if t.Solved, err = w.whenp("solved"); err != nil {
		return nil, err
	}
	if t.FirstReplyMinutes, err = w.minutes("first_reply_minutes"); err != nil {
		return nil, err
	}
	if t.ResolutionMinutes, err = w.minutes("resolution_minutes"); err != nil {
		return nil, err
	}
	return t, nil
}

// satisfaction reads a rating as good, bad, offered or "".
func satisfaction(s string) string {
	switch l := strings.ToLower(strings.TrimSpace(s)); l {
	case "good", "positive", "satisfied", "yes", "great", "happy", "👍", "4", "5":
		return "good"
	case "bad", "negative", "unsatisfied", "dissatisfied", "no", "poor", "unhappy", "👎", "1", "2", "3":
		return "bad"
	case "offered", "sent":
		return "offered"
	}
	return ""
}

// paymentStatus reads a status as Keel's: paid, failed, refunded, pending…
func paymentStatus(s string) string {
	switch l := strings.ToLower(strings.TrimSpace(s)); l {
	case "", "paid", "succeeded", "success", "successful", "complete", "completed", "settled", "captured", "approved":
		return "paid"
	case "failed", "failure", "declined", "error", "denied":
		return "failed"
	case "refunded", "fully refunded", "partially refunded":
		return "refunded"
	default:
		return l
	}
}

func (w *row) payment() (backend.Record, error) {
	created, err := w.requiredTime("created")
	if err != nil {
		return nil, err
	}
	cur, err := w.currency()
	if err != nil {
		return nil, err
	}
	amount, ok, err := w.amount("amount", cur)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, backend.Errorf(backend.Invalid, "%s is empty", w.column("amount"))
	}
	refunded, _, err := w.amount("refunded", cur)
	if err != nil {
		return nil, err
	}
	p := &backend.Payment{
		Source: w.im.m.Source, ID: w.text("id"), Created: created, Amount: amount, Refunded: refunded, Currency: cur,
		Status: paymentStatus(w.text("status")), Captured: true, Description: w.text("description"),
		CustomerID: w.text("customer_id"), CustomerEmail: w.email("customer_email"), InvoiceID: w.text("invoice_id"),
	}
	if p.Status == "failed" {
		p.Captured = false
	}
	p.RowKey = p.ID
	if p.RowKey == "" {
		p.RowKey = w.rowKey()
	}
	return p, nil
}

func (w *row) customer() (backend.Record, error) {
	id, err := w.required("id")
	if err != nil {
		return nil, err
	}
	c := &backend.Customer{Source: w.im.m.Source, ID: id, Email: w.email("email"), Name: w.text("name"), Currency: strings.ToLower(w.text("currency"))}
	if c.Created, err = w.whenp("created"); err != nil {
		return nil, err
	}
	return c, nil
}

// interval reads a billing interval as day, week, month or year with a count.
func interval(s string) (string, int64, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "month", "monthly", "months", "m", "mo":
		return "month", 1, true
	case "year", "yearly", "annual", "annually", "years", "y", "yr":
		return "year", 1, true
	case "quarter", "quarterly":
		return "month", 3, true
	case "week", "weekly", "weeks", "w":
		return "week", 1, true
	case "day", "daily", "days", "d":
		return "day", 1, true
	}
	return "", 0, false
}

func (w *row) subscription() (backend.Record, error) {
	id, err := w.required("id")
	if err != nil {
		return nil, err
	}
	status, err := w.required("status")
	if err != nil {
		return nil, err
	}
	cur, err := w.currency()
	if err != nil {
		return nil, err
	}
	amount, ok, err := w.amount("amount", cur)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, backend.Errorf(backend.Invalid, "%s is empty", w.column("amount"))
	}
	iv, count, ok := interval(w.text("interval"))
	if !ok {
		return nil, backend.Errorf(backend.Invalid, "%s %q is not a billing interval (month, year, week, day)", w.column("interval"), w.text("interval"))
	}
	if count, err = w.integer("interval_count", count); err != nil {
		return nil, err
	}
	qty, err := w.integer("quantity", 1)
	if err != nil {
		return nil, err
	}
	start, err := w.requiredTime("start")
	if err != nil {
		return nil, err
	}
	s := &backend.Subscription{
		Source: w.im.m.Source, ID: id, CustomerID: w.text("customer_id"), CustomerEmail: w.email("customer_email"),
		Status: strings.ReplaceAll(strings.ToLower(status), " ", "_"), Plan: w.text("plan"), Quantity: qty, Currency: cur,
		Interval: iv, IntervalCount: max(count, 1), Amount: amount, Created: &start, Start: &start,
	}
	for _, f := range []struct {
		field string
		dst   **time.Time
	}{{"trial_end", &s.TrialEnd}, {"canceled_at", &s.CanceledAt}, {"ended_at", &s.EndedAt}} {
		if *f.dst, err = w.whenp(f.field); err != nil {
			return nil, err
		}
	}
	if s.TrialEnd != nil {
		s.TrialStart = &start
	}
	return s, nil
}

// feedback reads a feedback-board or spreadsheet row: an id, a date and a
// title or a text.
func (w *row) feedback() (backend.Record, error) {
	id, err := w.required("id")
	if err != nil {
		return nil, err
	}
	created, err := w.requiredTime("created")
	if err != nil {
		return nil, err
	}
	f := &backend.Feedback{
		Source: w.im.m.Source, ID: id, Created: created, Email: w.email("email"), Name: w.text("name"),
		Title: w.text("title"), Text: w.text("text"), Board: w.text("board"), Status: w.text("status"),
		Tags: strings.FieldsFunc(w.text("tags"), func(r rune) bool { return r == ',' || r == ';' || r == '|' }),
	}
	if f.Title == "" && f.Text == "" {
		return nil, backend.Errorf(backend.Invalid, "the row has neither a title nor a text")
	}
	if w.text("votes") != "" {
		n, err := w.integer("votes", 0)
		if err != nil {
			return nil, err
		}
		f.Votes = &n
	}
	for i, t := range f.Tags {
		f.Tags[i] = strings.TrimSpace(t)
	}
	return f, nil
}
