package app

import (
	"context"
	"path/filepath"
	"strings"
	"time"

	"keel/backend/revenue"
	"keel/backend/workspace"
	"keel/importers"
)

// Workspace is the bound API for opening workspaces and the Home screen.
type Workspace struct{ s *State }

// NewWorkspace binds the workspace API to the state.
func NewWorkspace(s *State) *Workspace { return &Workspace{s} }

// Info describes the open workspace.
type Info struct {
	Path         string `json:"path"`
	Name         string `json:"name"`
	BaseCurrency string `json:"base_currency"`
	TimeZone     string `json:"time_zone"`
}

func info(db *workspace.DB) *Info {
	name, _ := db.Setting(workspace.SettingName)
	cur, _ := revenue.BaseCurrency(db)
	tz, _ := db.Setting(workspace.SettingTimeZone)
	return &Info{Path: db.Path(), Name: name, BaseCurrency: cur, TimeZone: tz}
}

// Current is the open workspace, or null. It waits for start-up (which
// may be building the demo on first run).
func (w *Workspace) Current() (*Info, error) {
	<-w.s.ready
	db, err := w.s.workspace()
	if err != nil {
		return nil, nil
	}
	return info(db), nil
}

// Recent lists recently opened workspaces, newest first.
func (w *Workspace) Recent() ([]Recent, error) {
	rs, err := w.s.recent()
	if rs == nil {
		rs = []Recent{}
	}
	return rs, err
}

// Open opens the workspace at path.
func (w *Workspace) Open(path string) (*Info, error) {
	db, err := w.s.open(path)
	if err != nil {
		return nil, err
	}
	return info(db), nil
}

// OpenDialog asks for a workspace file and opens it; null when cancelled.
func (w *Workspace) OpenDialog() (*Info, error) {
	path, err := w.s.rt.OpenFile("Open a Keel workspace", "*.keel")
	if err != nil || path == "" {
		return nil, err
	}
	return w.Open(path)
}

// CreateDialog asks where to save a new workspace named name and opens it.
func (w *Workspace) CreateDialog(name string) (*Info, error) {
	if strings.TrimSpace(name) == "" {
		name = "My company"
	}
	path, err := w.s.rt.SaveFile("Create a Keel workspace", name+workspace.Ext, "*.keel")
	if err != nil || path == "" {
		return nil, err
	}
	return w.Create(path, name)
}

// Create makes a new workspace at path and opens it.
func (w *Workspace) Create(path, name string) (*Info, error) {
	if filepath.Ext(path) != workspace.Ext {
		path += workspace.Ext
	}
	db, err := workspace.Create(path, name)
	if err != nil {
		return nil, err
	}
	w.s.swap(db)
	w.s.remember(db)
	return info(db), nil
}

// OpenDemo opens the demo workspace, building it on first use.
func (w *Workspace) OpenDemo() (*Info, error) {
	db, err := w.s.openDemo(context.Background())
	if err != nil {
		return nil, err
	}
	return info(db), nil
}

// Close closes the open workspace.
func (w *Workspace) Close() error {
	w.s.Close()
	w.s.emit("workspace:changed", map[string]any{})
	return nil
}

// SetSetting changes one workspace setting (name, base_currency, time_zone, rules).
func (w *Workspace) SetSetting(key, value string) (*Info, error) {
	db, err := w.s.workspace()
	if err != nil {
		return nil, err
	}
	if err := db.SetSetting(key, value); err != nil {
		return nil, err
	}
	w.s.emit("workspace:changed", map[string]any{})
	return info(db), nil
}

// SourceStat is one source on Home.
type SourceStat struct {
	Source       string     `json:"source"`
	Kind         string     `json:"kind"`
	Label        string     `json:"label"`
	Rows         int64      `json:"rows"`
	From         *time.Time `json:"from"`
	To           *time.Time `json:"to"`
	LastImportAt *time.Time `json:"last_import_at"`
	Stale        bool       `json:"stale"`
}

// NextStep is a suggestion of what to import next.
type NextStep struct {
	Source string `json:"source"`
	Kind   string `json:"kind"`
	Label  string `json:"label"`
	Why    string `json:"why"`
}

// Summary is the Home screen.
type Summary struct {
	Info
	Sources      []SourceStat `json:"sources"`
	Next         []NextStep   `json:"next"`
	Imports      int          `json:"imports"`
	LastImportAt *time.Time   `json:"last_import_at"`
}

// staleAfter is how old a source's newest record may be before Home says so.
const staleAfter = 35 * 24 * time.Hour

// Summary gathers what Home shows.
func (w *Workspace) Summary() (*Summary, error) {
	db, err := w.s.workspace()
	if err != nil {
		return nil, err
	}
	stats, err := db.Sources()
	if err != nil {
		return nil, err
	}
	hist, err := db.History()
	if err != nil {
		return nil, err
	}
	sum := &Summary{Info: *info(db), Sources: []SourceStat{}, Next: []NextStep{}}
	have := map[string]bool{}
	for _, st := range stats {
		have[st.Kind] = true
		s := SourceStat{Source: st.Source, Kind: st.Kind, Label: label(st.Source, st.Kind), Rows: st.Rows,
			From: st.From, To: st.To, LastImportAt: st.LastImport}
		s.Stale = st.To != nil && w.s.now().Sub(*st.To) > staleAfter
		sum.Sources = append(sum.Sources, s)
	}
	for _, im := range hist {
		if im.UndoneAt == nil {
			sum.Imports++
			if sum.LastImportAt == nil {
				at := im.At
				sum.LastImportAt = &at
			}
		}
	}
	sum.Next = nextSteps(have)
	return sum, nil
}

func label(source, kind string) string {
	if im := importers.Find(source, kind); im != nil {
		return im.Label()
	}
	return source + " " + kind
}

// nextSteps suggests the exports that would fill what is missing.
func nextSteps(have map[string]bool) []NextStep {
	steps := []NextStep{}
	add := func(source, kind, why string) {
		steps = append(steps, NextStep{Source: source, Kind: kind, Label: label(source, kind), Why: why})
	}
	if !have["payments"] {
		add("stripe", "payments", "Collected revenue, refunds, disputes and failed payments come from it. Stripe: Payments → Export.")
	}
	if !have["subscriptions"] && !have["invoices"] {
		add("stripe", "subscriptions", "MRR and its movements need subscriptions or invoices. Stripe: Billing → Subscriptions → Export.")
	}
	if !have["customers"] {
		add("stripe", "customers", "Names and emails tie billing to support tickets and product usage. Stripe: Customers → Export.")
	}
	if !have["tickets"] {
		add("zendesk", "tickets", "Support load, reply and resolution times. Zendesk: Reports → Export tickets (CSV).")
	}
	if !have["events"] {
		add("posthog", "events", "Signups, activation and retention. PostHog: Activity → Events → Export CSV.")
	}
	return steps
}
