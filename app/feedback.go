package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"

	"keel/backend"
	"keel/backend/feedback"
)

// Feedback is the bound API of the Feedback area: the triage inbox, the
// clusters (suggested and confirmed), product notes, statuses and the
// people to tell. Every edit is saved before the call returns; each can be
// undone with Undo. The area's state lives in a feedback.Service per open
// workspace.
type Feedback struct{ s *State }

// NewFeedback binds the Feedback API to the state.
func NewFeedback(s *State) *Feedback { return &Feedback{s: s} }

func (f *Feedback) service() (*feedback.Service, error) {
	db, err := f.s.workspace()
	if err != nil {
		return nil, err
	}
	// The one service of the workspace, shared with Home and Releases
	// (releases_feedback.go): its items are read once.
	return feedbackOf(db), nil
}

var bg = context.Background()

// Types lists the seven types with their keys (1–7).
func (f *Feedback) Types() []feedback.TypeInfo { return feedback.TypeInfos() }

// NoteSources lists where a note can come from.
func (f *Feedback) NoteSources() []string { return feedback.NoteSources }

// List is a page of the inbox (limit 0: 500).
func (f *Feedback) List(filter feedback.Filter, offset, limit int) (*feedback.Page, error) {
	s, err := f.service()
	if err != nil {
		return nil, err
	}
	return s.List(bg, filter, offset, limit)
}

// Badge is the number of untriaged items (the sidebar badge).
func (f *Feedback) Badge() (int, error) {
	s, err := f.service()
	if err != nil {
		return 0, err
	}
	return s.Untriaged(bg)
}

// Item is one item with its whole text.
func (f *Feedback) Item(key string) (*feedback.Detail, error) {
	s, err := f.service()
	if err != nil {
		return nil, err
	}
	return s.Item(bg, key)
}

// SetType types items ("" makes them untriaged).
func (f *Feedback) SetType(keys []string, typ string) (*feedback.Change, error) {
	s, err := f.service()
	if err != nil {
		return nil, err
	}
	return s.SetType(bg, keys, feedback.Type(typ))
}

// SetArea puts items in an area ("" takes them out).
func (f *Feedback) SetArea(keys []string, area string) (*feedback.Change, error) {
	s, err := f.service()
	if err != nil {
		return nil, err
	}
	return s.SetArea(bg, keys, area)
}

// Undo takes back the last edit and says what it was ("" for none).
func (f *Feedback) Undo() (string, error) {
	s, err := f.service()
	if err != nil {
		return "", err
	}
	return s.Undo(bg)
}

// SetAreas replaces the founder's product areas.
func (f *Feedback) SetAreas(areas []feedback.Area) ([]feedback.Area, error) {
	s, err := f.service()
	if err != nil {
		return nil, err
	}
	return s.SetAreas(bg, areas)
}

// AddNote records a note the founder typed or pasted.
func (f *Feedback) AddNote(in feedback.NoteInput) (*feedback.Row, error) {
	s, err := f.service()
	if err != nil {
		return nil, err
	}
	return s.AddNote(bg, in)
}

// EditNote replaces a note.
func (f *Feedback) EditNote(key string, in feedback.NoteInput) (*feedback.Row, error) {
	s, err := f.service()
	if err != nil {
		return nil, err
	}
	return s.EditNote(bg, key, in)
}

// DeleteNote deletes a note (undoable).
func (f *Feedback) DeleteNote(key string) (*feedback.Change, error) {
	s, err := f.service()
	if err != nil {
		return nil, err
	}
	return s.DeleteNote(bg, key)
}

// Clusters lists the clusters, confirmed first: sort accounts, mrr or recent.
func (f *Feedback) Clusters(sort string) (*feedback.ClusterList, error) {
	s, err := f.service()
	if err != nil {
		return nil, err
	}
	return s.Clusters(bg, sort)
}

// Cluster is one cluster in full.
func (f *Feedback) Cluster(id string) (*feedback.View, error) {
	s, err := f.service()
	if err != nil {
		return nil, err
	}
	return s.Cluster(bg, id)
}

// Accept confirms a suggestion with the items kept (null: all).
func (f *Feedback) Accept(id string, items []string, title string) (*feedback.Change, error) {
	s, err := f.service()
	if err != nil {
		return nil, err
	}
	return s.Accept(bg, id, items, title)
}

// Reject turns a suggestion down (items null: all of it).
func (f *Feedback) Reject(id string, items []string) (*feedback.Change, error) {
	s, err := f.service()
	if err != nil {
		return nil, err
	}
	return s.Reject(bg, id, items)
}

// Create makes a cluster of items.
func (f *Feedback) Create(title string, items []string) (*feedback.Change, error) {
	s, err := f.service()
	if err != nil {
		return nil, err
	}
	return s.Create(bg, title, items)
}

// AddItems moves items into a cluster.
func (f *Feedback) AddItems(cluster string, items []string) (*feedback.Change, error) {
	s, err := f.service()
	if err != nil {
		return nil, err
	}
	return s.AddItems(bg, cluster, items)
}

// RemoveItems takes items out of their clusters.
func (f *Feedback) RemoveItems(items []string) (*feedback.Change, error) {
	s, err := f.service()
	if err != nil {
		return nil, err
	}
	return s.RemoveItems(bg, items)
}

// Merge moves cluster from into cluster into.
func (f *Feedback) Merge(into, from string) (*feedback.Change, error) {
	s, err := f.service()
	if err != nil {
		return nil, err
	}
	return s.Merge(bg, into, from)
}

// Split makes a new cluster of some of a cluster's items.
func (f *Feedback) Split(cluster string, items []string, title string) (*feedback.Change, error) {
	s, err := f.service()
	if err != nil {
		return nil, err
	}
	return s.Split(bg, cluster, items, title)
}

// Delete deletes a cluster; its items stay.
func (f *Feedback) Delete(cluster string) (*feedback.Change, error) {
	s, err := f.service()
	if err != nil {
		return nil, err
	}
	return s.Delete(bg, cluster)
}

// Rename retitles a cluster.
func (f *Feedback) Rename(cluster, title string) (*feedback.Change, error) {
	s, err := f.service()
	if err != nil {
		return nil, err
	}
	return s.Rename(bg, cluster, title)
}

// SetStatus sets a cluster's status: open, planned, shipped (with the
// release) or wont_do (with the reason).
func (f *Feedback) SetStatus(cluster, status, release, reason string) (*feedback.Change, error) {
	s, err := f.service()
	if err != nil {
		return nil, err
	}
	return s.SetStatus(bg, cluster, status, release, reason)
}

// SetChangelog replaces a cluster's changelog sentence.
func (f *Feedback) SetChangelog(cluster, text string) (*feedback.Change, error) {
	s, err := f.service()
	if err != nil {
		return nil, err
	}
	return s.SetChangelog(bg, cluster, text)
}

// AddProductNote records that a cluster changed a decision.
func (f *Feedback) AddProductNote(cluster string, in feedback.ProductNoteInput) (*feedback.Change, error) {
	s, err := f.service()
	if err != nil {
		return nil, err
	}
	return s.AddProductNote(bg, cluster, in)
}

// EditProductNote replaces a product note.
func (f *Feedback) EditProductNote(id int64, in feedback.ProductNoteInput) (*feedback.Change, error) {
	s, err := f.service()
	if err != nil {
		return nil, err
	}
	return s.EditProductNote(bg, id, in)
}

// DeleteProductNote deletes a product note.
func (f *Feedback) DeleteProductNote(id int64) (*feedback.Change, error) {
	s, err := f.service()
	if err != nil {
		return nil, err
	}
	return s.DeleteProductNote(bg, id)
}

// MarkTold marks people told (or, told false, not told) on date ("" today).
func (f *Feedback) MarkTold(cluster string, persons []string, date string, told bool) (*feedback.Change, error) {
	s, err := f.service()
	if err != nil {
		return nil, err
	}
	return s.MarkTold(bg, cluster, persons, date, told)
}

// PeopleText is the people to tell (or to win back) as lines for a mail's To:.
func (f *Feedback) PeopleText(cluster string, winBack bool) (string, error) {
	s, err := f.service()
	if err != nil {
		return "", err
	}
	return s.PeopleText(bg, cluster, winBack)
}

// ExportPeople asks where to save the people to tell as CSV (the native
// save dialog), writes the file and returns its path; "" when cancelled.
func (f *Feedback) ExportPeople(cluster string) (string, error) {
	if _, err := f.service(); err != nil {
		return "", err
	}
	path, err := f.s.rt.SaveFile("Save the people to tell", "People to tell.csv", "*.csv")
	if err != nil || path == "" {
		return "", err
	}
	return f.ExportPeopleTo(cluster, path)
}

// ExportPeopleTo writes the people to tell of a cluster as CSV at path
// (".csv" added when missing). The file appears whole or not at all. (The
// page calls ExportPeople; this serves it and the browser tests, which
// cannot drive a native dialog.)
func (f *Feedback) ExportPeopleTo(cluster, path string) (string, error) {
	s, err := f.service()
	if err != nil {
		return "", err
	}
	path = strings.TrimSpace(path)
	if path == "" {
		return "", backend.Errorf(backend.Invalid, "Choose where to save the list.")
	}
	if !strings.EqualFold(filepath.Ext(path), ".csv") {
		path += ".csv"
	}
	data, err := s.PeopleCSV(bg, cluster)
	if err != nil {
		return "", err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".keel-people-*.csv")
	if err != nil {
		return "", backend.Errorf(backend.Invalid, "Keel cannot write in %s: %v", filepath.Dir(path), err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return "", backend.Errorf(backend.Internal, "write %s: %v", path, err)
	}
	if err := tmp.Close(); err != nil {
		return "", backend.Errorf(backend.Internal, "write %s: %v", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return "", backend.Errorf(backend.Invalid, "Keel cannot save %s: %v", path, err)
	}
	return path, nil
}
