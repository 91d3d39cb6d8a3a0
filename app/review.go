package app

import (
	"encoding/json"
	"io"
	"path/filepath"
	"strings"

	"keel/backend"
	"keel/backend/charts"
	"keel/backend/feedback"
	"keel/backend/figures"
	"keel/backend/releases"
	xlsx "keel/backend/report"
	"keel/backend/review"
	"keel/backend/workspace"
)

// Review is the bound API of Home's scaling map and of the Monthly review
// screen: the guided review of a month (saved at every step), its freeze
// and restatement, past reviews, and the Excel report for advisors.
//
// Saves that only the review screen shows (a note, an answer, a decision,
// the step the founder is on) send "review:saved"; starting and freezing a
// review change what Home and the sidebar show, so they send
// "workspace:changed".
type Review struct{ s *State }

// NewReview binds the review API to the state.
func NewReview(s *State) *Review { return &Review{s} }

// MapSurface is one of the four surfaces on Home: its headline numbers as
// KPI tiles, its warnings, the warnings Keel cannot check yet and why.
// Missing names the import that would fill it
// when none of its numbers has data.
type MapSurface struct {
	ID          string               `json:"id"`
	Name        string               `json:"name"`
	Tiles       []Tile               `json:"tiles"`
	Warnings    []review.Warning     `json:"warnings"`
	Unavailable []review.Unavailable `json:"unavailable"`
	NotTracked  []string             `json:"not_tracked"`
	Missing     *Hint                `json:"missing"`
	// Clusters are, on Users, the feedback clusters by segment.
	Clusters []feedback.SegmentClusters `json:"clusters"`
}

// ScalingMap is Home's scaling map for a month.
type ScalingMap struct {
	Period
	Title     string            `json:"title"`
	Currency  string            `json:"currency"`
	Surfaces  []MapSurface      `json:"surfaces"`
	Freshness review.Step       `json:"freshness"`
	Stage     review.Stage      `json:"stage"`
	Next      review.NextReview `json:"next_review"`
	// NextStatus is where the review of Next.Month stands: not_started,
	// in_progress (Home says "Continue review") or frozen.
	NextStatus review.Status `json:"next_status"`
	// Throughput is the month's decision throughput, as tiles.
	Throughput []Tile `json:"throughput"`
}

// Due is the review due next, for the sidebar's badge.
type Due struct {
	review.NextReview
	// IsDue is true once the month has ended (due or overdue).
	IsDue  bool          `json:"is_due"`
	Status review.Status `json:"status"`
}

// ReviewStep is one step of the review as the screen shows it: the step's
// numbers, reading, "Not tracked yet" list and note (review.Step), with its
// headline numbers as KPI tiles, its main chart, the scaling-map warnings
// of its surface, and what to import when its data is missing.
type ReviewStep struct {
	review.Step
	Tiles       []Tile               `json:"tiles"`
	Chart       json.RawMessage      `json:"chart"`
	ChartTitle  string               `json:"chart_title"`
	Warnings    []review.Warning     `json:"warnings"`
	Unavailable []review.Unavailable `json:"unavailable"`
	Needs       *Hint                `json:"needs"`
	// Feedback is, on the feedback step, the month's top clusters, strategy
	// signals, loops closed and product notes (nil without any).
	Feedback *feedback.Digest `json:"feedback"`
	// Releases is, for the Releases step, the month's release log (those
	// that went out, those rolled back, the flags at its end) from the
	// review's figures, frozen with them; absent when no release is recorded.
	Releases *releases.Month `json:"releases,omitempty"`
}

// ReviewView is one month's review for the screen. Every review.Review
// field is there (steps replaced by the screen's ReviewStep), with the month
// picker's range and the list of every review.
type ReviewView struct {
	review.Review
	Steps  []ReviewStep     `json:"steps"`
	Period Period           `json:"period"`
	Past   []review.Summary `json:"past"`
	// Kinds are the kinds of decision, in the order they are shown.
	Kinds []string `json:"decision_kinds"`
}

// stepSurface is the scaling-map surface whose warnings a step shows.
var stepSurface = map[string]string{
	review.StepRevenue:    "revenue",
	review.StepUsers:      "users",
	review.StepOperations: "operations",
	review.StepReleases:   "product",
}

// headline lists, per step, the numbers shown as tiles (the rest are in
// the step's table); a step not listed shows every number as a tile.
var headline = map[string][]*figures.Field{
	review.StepRevenue: figures.MustFields("revenue.mrr", "revenue.customers", "revenue.arpa", "revenue.nrr", "revenue.logo_churn_rate",
		"revenue.quick_ratio", "revenue.collected", "revenue.failed_payments"),
	review.StepOperations: figures.MustFields("support.tickets", "support.tickets_per_active_account", "support.first_reply_minutes_p50",
		"support.resolution_minutes_p50", "support.satisfaction", "operations.manual_interventions"),
}

// Map is Home's scaling map of month ("YYYY-MM"; "" for the last complete
// month): the four surfaces, the data freshness, the stage and the next
// review due.
func (rv *Review) Map(month string) (*ScalingMap, error) {
	db, err := rv.s.workspace()
	if err != nil {
		return nil, err
	}
	_, per, err := rv.s.pickMonth(db, month)
	if err != nil {
		return nil, err
	}
	m, err := review.Scaling(db, per.Month)
	if err != nil {
		return nil, err
	}
	out := &ScalingMap{Period: per, Title: m.Title, Currency: m.Rules.BaseCurrency, Surfaces: []MapSurface{},
		Freshness: m.Freshness, Stage: m.Stage, Next: m.NextReview, NextStatus: review.NotStarted}
	if out.Currency == "" {
		out.Currency, _ = db.Setting(workspace.SettingBaseCurrency)
	}
	for _, sf := range m.Surfaces {
		ms := MapSurface{ID: sf.ID, Name: sf.Name, Warnings: sf.Warnings, NotTracked: sf.NotTracked,
			Unavailable: []review.Unavailable{}, Clusters: sf.Clusters}
		if ms.Clusters == nil {
			ms.Clusters = []feedback.SegmentClusters{}
		}
		if ms.Tiles, err = numberTiles(sf.Numbers, nil, m.Months, m.Rules); err != nil {
			return nil, err
		}
		for _, u := range m.Unavailable {
			if u.Surface == sf.ID {
				ms.Unavailable = append(ms.Unavailable, u)
			}
		}
		ms.Missing = surfaceMissing(sf.ID, sf.Numbers, m.Figures.Has)
		out.Surfaces = append(out.Surfaces, ms)
	}
	if out.NextStatus, err = statusOf(db, m.NextReview.Month); err != nil {
		return nil, err
	}
	if out.Throughput, err = numberTiles(m.Throughput, nil, m.Months, m.Rules); err != nil {
		return nil, err
	}
	return out, nil
}

// Due is the review due next and where it stands.
func (rv *Review) Due() (*Due, error) {
	db, err := rv.s.workspace()
	if err != nil {
		return nil, err
	}
	n, err := review.Next(db)
	if err != nil {
		return nil, err
	}
	d := &Due{NextReview: n, IsDue: !rv.s.now().Before(n.Due)}
	if d.Status, err = statusOf(db, n.Month); err != nil {
		return nil, err
	}
	return d, nil
}

// Get is the review of month ("" for the last complete month): live
// numbers while it is open, the frozen ones (and any restatement) once
// frozen.
func (rv *Review) Get(month string) (*ReviewView, error) {
	db, err := rv.s.workspace()
	if err != nil {
		return nil, err
	}
	return rv.view(db, month)
}

// List lists every review, newest month first.
func (rv *Review) List() ([]review.Summary, error) {
	db, err := rv.s.workspace()
	if err != nil {
		return nil, err
	}
	return list(db)
}

// Start begins (or resumes) the review of month and returns it.
func (rv *Review) Start(month string) (*ReviewView, error) { return rv.start(month, review.Start) }

// StartEarly begins the review of a month that has not ended yet, on
// purpose (the page warns that its numbers will still move).
func (rv *Review) StartEarly(month string) (*ReviewView, error) {
	return rv.start(month, review.StartEarly)
}

func (rv *Review) start(month string, begin func(*workspace.DB, backend.Month) error) (*ReviewView, error) {
	db, err := rv.s.workspace()
	if err != nil {
		return nil, err
	}
	m, err := rv.month(db, month)
	if err != nil {
		return nil, err
	}
	if err := begin(db, m); err != nil {
		return nil, err
	}
	rv.s.emit("workspace:changed", map[string]any{"review": m})
	return rv.view(db, m.String())
}

// SetStep records the step the founder is on.
func (rv *Review) SetStep(month, step string) error {
	return rv.save(month, step, func(db *workspace.DB, m backend.Month) error { return review.SetStep(db, m, step) })
}

// SaveStep saves the founder's note on a step and whether it is done.
func (rv *Review) SaveStep(month, step, note string, done bool) error {
	return rv.save(month, step, func(db *workspace.DB, m backend.Month) error { return review.SaveStep(db, m, step, note, done) })
}

// Answer saves one answer of the failure-mode checklist: yes, no or
// unsure (empty clears it), with a note.
func (rv *Review) Answer(month, item, answer, note string) error {
	return rv.save(month, review.StepChecklist, func(db *workspace.DB, m backend.Month) error {
		return review.Answer(db, m, item, answer, note)
	})
}

// SaveNotes saves the review's notes.
func (rv *Review) SaveNotes(month, notes string) error {
	return rv.save(month, review.StepDecisions, func(db *workspace.DB, m backend.Month) error { return review.SaveNotes(db, m, notes) })
}

// AddDecision adds a decision (keep, change, fix or stop, with an owner and
// a date) and returns it with its id.
func (rv *Review) AddDecision(month string, d review.Decision) (review.Decision, error) {
	var out review.Decision
	err := rv.save(month, review.StepDecisions, func(db *workspace.DB, m backend.Month) error {
		var err error
		out, err = review.AddDecision(db, m, d)
		return err
	})
	return out, err
}

// UpdateDecision changes a decision.
func (rv *Review) UpdateDecision(month string, d review.Decision) error {
	return rv.save(month, review.StepDecisions, func(db *workspace.DB, m backend.Month) error { return review.UpdateDecision(db, m, d) })
}

// DeleteDecision removes a decision.
func (rv *Review) DeleteDecision(month string, id int64) error {
	return rv.save(month, review.StepDecisions, func(db *workspace.DB, m backend.Month) error { return review.DeleteDecision(db, m, id) })
}

// Freeze finishes the review of month: every number, the rules in force
// and the SHA-256 of every source file are stored and never change.
func (rv *Review) Freeze(month string) (*ReviewView, error) {
	db, err := rv.s.workspace()
	if err != nil {
		return nil, err
	}
	m, err := rv.month(db, month)
	if err != nil {
		return nil, err
	}
	if _, err := review.Freeze(db, m); err != nil {
		return nil, err
	}
	rv.s.emit("workspace:changed", map[string]any{"review": m})
	return rv.view(db, m.String())
}

// Export asks where to save the Excel report of month (the native save
// dialog, "Keel report YYYY-MM.xlsx"), writes it and returns its path; ""
// when the founder cancels the dialog.
func (rv *Review) Export(month string, anonymize bool) (string, error) {
	db, err := rv.s.workspace()
	if err != nil {
		return "", err
	}
	m, err := rv.month(db, month)
	if err != nil {
		return "", err
	}
	path, err := rv.s.rt.SaveFile("Save the report of "+m.Title(), ReportName(m), "*.xlsx")
	if err != nil || path == "" {
		return "", err
	}
	return rv.ExportTo(m.String(), path, anonymize)
}

// ReportName is the report's default file name: "Keel report 2026-02.xlsx".
func ReportName(m backend.Month) string { return "Keel report " + m.String() + ".xlsx" }

// ExportTo writes the Excel report of month to path (".xlsx" added when
// missing) and returns the path. The file appears whole or not at all
// (report.Save). (The page calls Export;
// ExportTo serves it and the browser tests, which cannot drive a native
// dialog.)
func (rv *Review) ExportTo(month, path string, anonymize bool) (string, error) {
	db, err := rv.s.workspace()
	if err != nil {
		return "", err
	}
	m, err := rv.month(db, month)
	if err != nil {
		return "", err
	}
	path = strings.TrimSpace(path)
	if path == "" {
		return "", backend.Errorf(backend.Invalid, "Choose where to save the report.")
	}
	if !strings.EqualFold(filepath.Ext(path), ".xlsx") {
		path += ".xlsx"
	}
	rv.s.emit("report:progress", map[string]any{"month": m, "path": path, "done": false})
	err = xlsx.Save(path, func(w io.Writer) error { return xlsx.Write(db, m, w, xlsx.Options{Anonymize: anonymize}) })
	rv.s.emit("report:progress", map[string]any{"month": m, "path": path, "done": true})
	if err != nil {
		return "", err
	}
	return path, nil
}

// ---- helpers ----

// month reads a month argument ("" for the last complete month).
func (rv *Review) month(db *workspace.DB, arg string) (backend.Month, error) {
	m, _, err := rv.s.pickMonth(db, arg)
	return m, err
}

// save runs one save of the review of month and tells the page.
func (rv *Review) save(month, step string, fn func(db *workspace.DB, m backend.Month) error) error {
	db, err := rv.s.workspace()
	if err != nil {
		return err
	}
	if strings.TrimSpace(month) == "" {
		return backend.Errorf(backend.Invalid, "Which month's review? Write it as YYYY-MM.")
	}
	m, err := backend.ParseMonth(month)
	if err != nil {
		return err
	}
	if err := fn(db, m); err != nil {
		return err
	}
	rv.s.emit("review:saved", map[string]any{"month": m, "step": step})
	return nil
}

func (rv *Review) view(db *workspace.DB, arg string) (*ReviewView, error) {
	_, per, err := rv.s.pickMonth(db, arg)
	if err != nil {
		return nil, err
	}
	r, err := review.Get(db, per.Month)
	if err != nil {
		return nil, err
	}
	past, err := list(db)
	if err != nil {
		return nil, err
	}
	for _, p := range past {
		if p.Month < per.First {
			per.First = p.Month
		}
	}
	v := &ReviewView{Review: *r, Period: per, Past: past, Kinds: review.DecisionKinds, Steps: []ReviewStep{}}
	f := r.Figures
	months := f.MonthList()
	for _, st := range r.Steps {
		s := ReviewStep{Step: st, Tiles: []Tile{}, Warnings: []review.Warning{}, Unavailable: []review.Unavailable{}}
		if s.Tiles, err = numberTiles(st.Numbers, headline[st.ID], months, r.Rules); err != nil {
			return nil, err
		}
		if sf, ok := stepSurface[st.ID]; ok {
			for _, w := range r.Warnings {
				if w.Surface == sf {
					s.Warnings = append(s.Warnings, w)
				}
			}
			for _, u := range r.Unavailable {
				if u.Surface == sf {
					s.Unavailable = append(s.Unavailable, u)
				}
			}
			s.Needs = surfaceMissing(sf, st.Numbers, f.Has)
		}
		if st.ID == review.StepFeedback {
			s.Feedback = f.Feedback
		}
		if st.ID == review.StepReleases && len(f.Months) > 0 {
			s.Releases = f.Last().ReleaseLog
		}
		if s.Chart, s.ChartTitle, err = stepChart(st.ID, f); err != nil {
			return nil, err
		}
		v.Steps = append(v.Steps, s)
	}
	return v, nil
}

func list(db *workspace.DB) ([]review.Summary, error) {
	ls, err := review.List(db)
	if ls == nil {
		ls = []review.Summary{}
	}
	return ls, err
}

// statusOf is where the review of month stands.
func statusOf(db *workspace.DB, month backend.Month) (review.Status, error) {
	ls, err := review.List(db)
	if err != nil {
		return "", err
	}
	for _, l := range ls {
		if l.Month == month {
			return l.Status, nil
		}
	}
	return review.NotStarted, nil
}

// numberTiles are KPI tiles of the review's numbers (only the figures in
// only, in that order, when only is set), with their sparklines over
// months: the review's own values, so a frozen review shows its frozen
// ones.
func numberTiles(ns []review.Number, only []*figures.Field, months []backend.Month, rules figures.Rules) ([]Tile, error) {
	pick := ns
	if len(only) > 0 {
		by := map[string]review.Number{}
		for _, n := range ns {
			by[n.Key] = n
		}
		pick = nil
		for _, f := range only {
			if n, ok := by[f.Key]; ok {
				pick = append(pick, n)
			}
		}
	}
	out := []Tile{}
	for _, n := range pick {
		f, ok := figures.FieldOf(n.Key)
		if !ok {
			return nil, backend.Errorf(backend.Internal, "the review has a number %s Keel does not know", n.Key)
		}
		t := Tile{Key: n.Key, Label: n.Label, Unit: string(n.Unit), Digits: n.Unit.Digits(), Better: f.Better,
			Rule: f.Rule(rules), Months: months, Values: n.Trend, Missing: n.Missing}
		if len(months) != len(n.Trend) {
			t.Months = []backend.Month{}
		}
		t.setChange(f.Compare(n.Value, n.Prev))
		t.Change = n.Change // the review's own (frozen) change
		var err error
		if t.Spark, err = charts.Sparkline(n.Trend, charts.Accent); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

// surfaceMissing is the import that fills a surface none of whose numbers
// has data; nil when some has, when the workspace has that data already
// (the month is outside it: nothing to import), or when nothing Keel
// imports would fill it.
func surfaceMissing(surface string, ns []review.Number, has figures.Data) *Hint {
	for _, n := range ns {
		if n.Value != nil {
			return nil
		}
	}
	switch surface {
	case "revenue":
		if has&figures.Payments != 0 {
			return nil // payments fill the sales figures
		}
		return has.Lacks(figures.Billing)
	case "users":
		return has.Lacks(figures.Units | figures.Events)
	case "operations":
		return has.Lacks(figures.Tickets)
	}
	return nil
}

// stepChart is the main chart of a step, drawn from the review's figures
// (so a frozen review shows its frozen months): MRR with its movements,
// signups and activation, support load against customers. Nil when the
// step has no chart or no data for it.
func stepChart(step string, s *figures.Set) (json.RawMessage, string, error) {
	has := func(get func(*figures.Month) bool) bool {
		for i := range s.Months {
			if get(&s.Months[i]) {
				return true
			}
		}
		return false
	}
	switch step {
	case review.StepRevenue:
		if !has(func(m *figures.Month) bool { return m.Revenue.MRR != nil }) {
			return nil, "", nil
		}
		c, err := charts.MRR(s.Months, s.BaseCurrency)
		return c, "MRR and its movements", err
	case review.StepUsers:
		if !has(func(m *figures.Month) bool { return m.Product.Signups != nil }) {
			return nil, "", nil
		}
		c, err := charts.Signups(s.Months)
		return c, "Signups and activation", err
	case review.StepOperations:
		if !has(func(m *figures.Month) bool { return m.Support.Tickets != nil }) {
			return nil, "", nil
		}
		c, err := charts.SupportLoad(s.Months)
		return c, "Tickets per active account against paying customers", err
	}
	return nil, "", nil
}
