package feedback

import (
	"context"
	"sort"
	"strconv"
	"time"

	"keel/backend"
	"keel/backend/demo"
	"keel/backend/workspace"
)

// Seed writes the demo company's feedback history through the Feedback
// area, each step on the clock of the day it happened (so that clusters,
// statuses, product notes and people told carry their own dates), and
// leaves nothing to undo. The items must be imported already. It returns
// the id of each history cluster written, by its key.
func Seed(ctx context.Context, db *workspace.DB, h *demo.History) (map[string]string, error) {
	now := db.Now
	defer func() { db.Now = now }()
	at := func(t time.Time) { db.Now = func() time.Time { return t } }
	end := now()
	s := New(db)
	in := make([]Area, len(h.Areas))
	for i, n := range h.Areas {
		in[i] = Area{Name: n}
	}
	areas, err := s.SetAreas(ctx, in)
	if err != nil {
		return nil, err
	}
	areaID := map[string]string{}
	for _, a := range areas {
		areaID[a.Name] = a.ID
	}
	noteKeys, err := s.seedNotes(ctx, h.Notes)
	if err != nil {
		return nil, err
	}
	types, area := map[string]string{}, map[string]string{}
	for k, t := range h.Types {
		types[k], area[k] = t, areaID[h.AreaOf[k]]
	}
	for i, n := range h.Notes {
		if n.At.Before(end.Add(-7 * 24 * time.Hour)) {
			types[noteKeys[i]], area[noteKeys[i]] = n.Type, areaID[n.Area]
		}
	}
	if err := s.seedTriage(ctx, types, area); err != nil {
		return nil, err
	}
	// Every cluster first, then what came of them: the items still
	// untriaged are placed (as suggestions) once all clusters exist.
	ids := make([]string, len(h.Clusters))
	for i, c := range h.Clusters {
		items := append([]string(nil), c.Items...)
		for _, n := range c.Notes {
			if h.Notes[n].At.Before(end.Add(-7 * 24 * time.Hour)) {
				items = append(items, noteKeys[n])
			}
		}
		if len(items) == 0 {
			continue
		}
		at(c.Made)
		ch, err := s.Create(ctx, c.Title, items)
		if err != nil {
			return nil, err
		}
		ids[i] = ch.Cluster
		for _, d := range c.Decisions {
			at(d.Date)
			if _, err := s.AddProductNote(ctx, ch.Cluster, ProductNoteInput{Decision: d.Decision, Why: d.Why, Owner: d.Owner,
				Date: d.Date.Format("2006-01-02")}); err != nil {
				return nil, err
			}
		}
	}
	for i, c := range h.Clusters {
		if ids[i] == "" || c.Status == StatusOpen {
			continue
		}
		at(c.StatusAt)
		if _, err := s.SetStatus(ctx, ids[i], c.Status, c.Release, c.Reason); err != nil {
			return nil, err
		}
		if c.Told == 0 || c.ToldAt.After(end) {
			continue
		}
		at(end)
		v, err := s.Cluster(ctx, ids[i])
		if err != nil {
			return nil, err
		}
		var people []string
		for _, p := range append(v.People.Tell, v.People.WinBack...) {
			if !p.Asked.After(c.ToldAt) {
				people = append(people, p.Key)
			}
		}
		sort.Strings(people)
		people = people[:int(float64(len(people))*c.Told)]
		if len(people) > 0 {
			if _, err := s.MarkTold(ctx, ids[i], people, c.ToldAt.In(db.Location()).Format("2006-01-02"), true); err != nil {
				return nil, err
			}
		}
	}
	at(end)
	if err := db.ClearFeedbackUndo(ctx); err != nil {
		return nil, err
	}
	// Place the items now, so that the demo opens with its suggestions.
	if _, err = s.Export(ctx); err != nil {
		return nil, err
	}
	byKey := map[string]string{}
	for i, c := range h.Clusters {
		if ids[i] != "" {
			byKey[c.Key] = ids[i]
		}
	}
	return byKey, nil
}

// seedNotes adds notes in one edit and returns their keys.
func (s *Service) seedNotes(ctx context.Context, notes []demo.HistoryNote) ([]string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.ensure(ctx); err != nil {
		return nil, err
	}
	var ns []workspace.FeedbackNote
	for _, n := range notes {
		fn, err := s.checkNote(NoteInput{Date: n.At.Format(time.RFC3339), Source: n.Source, Email: n.Email, Name: n.Name, Title: n.Title, Text: n.Text})
		if err != nil {
			return nil, backend.Errorf(backend.Internal, "demo note %q: %v", n.Title, err)
		}
		ns = append(ns, fn)
	}
	keys := make([]string, len(ns))
	_, err := s.edit(ctx, "Added the demo's notes", func(e *workspace.FeedbackEditor) error {
		for i, n := range ns {
			id, err := e.AddNote(n)
			if err != nil {
				return err
			}
			keys[i] = "note:" + strconv.FormatInt(id, 10)
		}
		return nil
	})
	s.base = nil // read the items again, the notes with them
	return keys, err
}

// seedTriage types items and puts them in areas in one edit, each typed a
// day after it arrived.
func (s *Service) seedTriage(ctx context.Context, types, areas map[string]string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.ensure(ctx); err != nil {
		return err
	}
	keys := make([]string, 0, len(types))
	for k := range types {
		if s.base.byKey[k] == nil {
			return backend.Errorf(backend.Internal, "the demo's history names %s, which was not imported", k)
		}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	_, err := s.edit(ctx, "Triaged the demo's items", func(e *workspace.FeedbackEditor) error {
		for _, k := range keys {
			typed := s.base.byKey[k].Created.Add(24 * time.Hour).Unix()
			err := e.SetTriage(k, func(t *workspace.FeedbackTriage) {
				t.Type, t.Area, t.TypedAt = types[k], areas[k], &typed
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	return err
}
