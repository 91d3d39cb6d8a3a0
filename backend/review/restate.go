package review

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"

	"keel/backend"
	"keel/backend/figures"
	"keel/backend/workspace"
)

// Restatement lists the numbers of a frozen review that the current data
// computes differently, and what changed since the freeze.
type Restatement struct {
	CheckedAt time.Time `json:"checked_at"`
	Text      string    `json:"text"`
	Changes   []Change  `json:"changes"` // the review month first, then the months before
	Causes    []Cause   `json:"causes"`
	// Error says why the current numbers could not be computed (for
	// example an exchange rate missing since a rule change).
	Error string `json:"error,omitempty"`
}

// Change is one number that moved since the freeze.
type Change struct {
	Month  backend.Month `json:"month"`
	Key    string        `json:"key"`
	Label  string        `json:"label"`
	Unit   figures.Unit  `json:"unit"`
	Old    *float64      `json:"old"`
	New    *float64      `json:"new"`
	Causes []string      `json:"causes"` // ids of Causes
	Text   string        `json:"text"`
}

// Cause is something that happened after the freeze.
type Cause struct {
	ID       string     `json:"id"`   // import:7, undo:3, rule:churn_timing, rates, unexplained
	Kind     string     `json:"kind"` // import | undo | rule | rates | triage | unexplained
	ImportID int64      `json:"import_id,omitempty"`
	File     string     `json:"file,omitempty"`
	SHA256   string     `json:"sha256,omitempty"`
	Source   string     `json:"source,omitempty"`
	Records  string     `json:"records,omitempty"` // the kind of records: payments, tickets, …
	At       *time.Time `json:"at,omitempty"`
	Text     string     `json:"text"`
}

// restate compares a frozen review's numbers with what the current data
// gives for the same months. It returns nil when nothing changed.
func restate(db *workspace.DB, m backend.Month, frozen *content, frozenAt time.Time) (*Restatement, error) {
	now := db.Now().UTC()
	old := frozen.Figures
	cur, err := figures.Load(db, m.Add(1-Window), m)
	if err != nil {
		if backend.ErrorCode(err) == backend.Internal {
			return nil, err
		}
		return &Restatement{CheckedAt: now, Error: backend.ErrorMessage(err), Changes: []Change{}, Causes: []Cause{},
			Text: "Keel cannot recompute this month with the current data: " + backend.ErrorMessage(err)}, nil
	}
	causes, err := causesSince(db, frozenAt, old.Rules, cur.Rules)
	if err != nil {
		return nil, err
	}
	var changes []Change
	unexplained := false
	for i := len(old.Months) - 1; i >= 0; i-- {
		month := old.Months[i].Month
		j := cur.Index(month)
		for _, f := range figures.Fields() {
			if f.Needs&figures.Feedback != 0 && frozen.Version < 3 {
				continue // frozen before Keel tracked feedback
			}
			a, b := old.Value(f, i), cur.Value(f, j)
			if same(a, b) {
				continue
			}
			ch := Change{Month: month, Key: f.Key, Label: f.Label, Unit: f.Unit, Old: a, New: b, Causes: []string{}}
			for _, c := range causes {
				if affects(c, f.Key) {
					ch.Causes = append(ch.Causes, c.ID)
				}
			}
			if len(ch.Causes) == 0 {
				ch.Causes, unexplained = []string{"unexplained"}, true
			}
			ch.Text = changeText(ch, causes, old.BaseCurrency)
			changes = append(changes, ch)
		}
	}
	if len(changes) == 0 {
		return nil, nil
	}
	if unexplained {
		causes = append(causes, Cause{ID: "unexplained", Kind: "unexplained",
			Text: "No import, undo or rule change since the freeze explains it: Keel's own computation changed."})
	}
	n := 0
	for _, c := range changes {
		if c.Month == m {
			n++
		}
	}
	text := fmt.Sprintf("Since the freeze on %s, %s of %s changed", day(frozenAt), plural(float64(n), "number", "numbers"), m.Title())
	if k := len(changes) - n; k > 0 {
		text += fmt.Sprintf(", and %s of the months before", plural(float64(k), "number", "numbers"))
	}
	text += "."
	return &Restatement{CheckedAt: now, Text: text, Changes: changes, Causes: nonNil(causes)}, nil
}

// causesSince lists the imports, undos and rule changes after the freeze.
func causesSince(db *workspace.DB, frozenAt time.Time, was, now figures.Rules) ([]Cause, error) {
	hist, err := db.History()
	if err != nil {
		return nil, err
	}
	var out []Cause
	for i := len(hist) - 1; i >= 0; i-- {
		im := hist[i]
		after := im.At.After(frozenAt)
		undoneAfter := im.UndoneAt != nil && im.UndoneAt.After(frozenAt)
		switch {
		case after && im.UndoneAt == nil:
			at := im.At
			out = append(out, Cause{ID: fmt.Sprintf("import:%d", im.ID), Kind: "import", ImportID: im.ID, File: im.File, SHA256: im.SHA256,
				Source: im.Source, Records: im.Kind, At: &at,
				Text: fmt.Sprintf("Import %d of %s (%s %s, %s) on %s", im.ID, im.File, sourceName(im.Source), im.Kind, short(im.SHA256), day(im.At))})
		case !after && undoneAfter:
			out = append(out, Cause{ID: fmt.Sprintf("undo:%d", im.ID), Kind: "undo", ImportID: im.ID, File: im.File, SHA256: im.SHA256,
				Source: im.Source, Records: im.Kind, At: im.UndoneAt,
				Text: fmt.Sprintf("Undo of import %d of %s (%s %s) on %s", im.ID, im.File, sourceName(im.Source), im.Kind, day(*im.UndoneAt))})
		}
	}
	for _, r := range []struct{ id, old, new string }{
		{"base_currency", was.BaseCurrency, now.BaseCurrency}, {"churn_timing", was.ChurnTiming, now.ChurnTiming},
		{"discounts", was.Discounts, now.Discounts}, {"time_zone", was.TimeZone, now.TimeZone},
		{"test_mode", was.TestMode, now.TestMode}, {"activation_days", fmt.Sprint(was.ActivationDays), fmt.Sprint(now.ActivationDays)},
		{"activation_events", strings.Join(was.ActivationEvents, ", "), strings.Join(now.ActivationEvents, ", ")},
	} {
		if r.old != r.new {
			out = append(out, Cause{ID: "rule:" + r.id, Kind: "rule", Text: fmt.Sprintf("Rule %s changed from %s to %s", r.id, r.old, r.new)})
		}
	}
	if !sameRates(was.Rates, now.Rates) {
		out = append(out, Cause{ID: "rates", Kind: "rates", Text: "The exchange-rates table changed"})
	}
	if at, err := db.FeedbackEditedAt(context.Background()); err != nil {
		return nil, err
	} else if t := time.Unix(at, 0).UTC(); at != 0 && t.After(frozenAt) {
		out = append(out, Cause{ID: "triage", Kind: "triage", At: &t,
			Text: "Feedback triage (types, notes, people told) until " + day(t)})
	}
	return out, nil
}

func short(sha string) string {
	if len(sha) > 12 {
		return "sha256 " + sha[:12] + "…"
	}
	return "sha256 " + sha
}

// affects says whether a cause can move the figure key: each kind of
// record feeds some sections of the metrics (METRICS.md).
func affects(c Cause, key string) bool {
	section := key[:strings.IndexByte(key, '.')+1]
	accounts := key == "support.active_accounts" || strings.HasSuffix(key, "_per_active_account") || strings.HasSuffix(key, "_per_account")
	switch c.Kind {
	case "import", "undo":
		if section == "product." || accounts {
			return true // accounts (and signups) come from every source
		}
		switch c.Records {
		case "payments": // payments also set the exchange rates
			return section == "revenue." || section == "sales."
		case "customers", "subscriptions", "invoices":
			return section == "revenue."
		case "tickets":
			return section == "support." || section == "feedback." || key == "operations.bugs_per_release"
		case "events":
			return false
		}
		return true
	case "rule":
		switch c.ID {
		case "rule:time_zone", "rule:test_mode":
			return true
		case "rule:activation_days", "rule:activation_events":
			return section == "product."
		}
		return section == "revenue." || accounts
	case "rates":
		return section == "revenue." || accounts
	case "triage": // bugs per release count the items typed bug
		return section == "feedback." || key == "operations.bugs_per_release"
	}
	return false
}

func changeText(ch Change, causes []Cause, cur string) string {
	val := func(v *float64) string {
		if v == nil {
			return "—"
		}
		return show(*v, ch.Unit, cur)
	}
	s := fmt.Sprintf("%s, %s: %s → %s", ch.Label, ch.Month.Title(), val(ch.Old), val(ch.New))
	var why []string
	for _, id := range ch.Causes {
		for _, c := range causes {
			if c.ID == id {
				why = append(why, strings.ToLower(c.Text[:1])+c.Text[1:])
			}
		}
	}
	if len(why) > 0 {
		s += ", after " + joinAnd(why)
	}
	return s + "."
}

func same(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return math.Abs(*a-*b) <= 1e-9*math.Max(1, math.Abs(*a))
}

func sameRates(a, b []workspace.Rate) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
