package feedback

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"keel/backend"
	"keel/backend/workspace"
)

// Change is what an edit did, for the screen: the sentence of the toast,
// the untriaged count for the sidebar badge, and the edit `u` undoes.
type Change struct {
	Message   string `json:"message"`
	Untriaged int    `json:"untriaged"`
	Undo      string `json:"undo"`
	// Cluster is the cluster the edit made or changed, when it did.
	Cluster string `json:"cluster,omitempty"`
}

func (s *Service) change(msg string) *Change {
	n := 0
	for _, it := range s.base.items {
		if t := s.st.triage[it.Key]; t == nil || t.Type == "" {
			n++
		}
	}
	return &Change{Message: msg, Untriaged: n, Undo: msg}
}

// Untriaged counts the items without a type (the sidebar badge).
func (s *Service) Untriaged(ctx context.Context) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.ensure(ctx); err != nil {
		return 0, err
	}
	return s.change("").Untriaged, nil
}

// checkItems refuses unknown keys and repeated ones.
func (s *Service) checkItems(keys []string) ([]string, error) {
	if len(keys) == 0 {
		return nil, backend.Errorf(backend.Invalid, "Pick at least one item.")
	}
	seen := map[string]bool{}
	out := make([]string, 0, len(keys))
	for _, k := range keys {
		if _, ok := s.base.byKey[k]; !ok {
			return nil, errNoItem(k)
		}
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out, nil
}

// what names the items of an edit: the title of one, else their number.
func (s *Service) what(keys []string) string {
	if len(keys) == 1 {
		return "‘" + cut(s.base.byKey[keys[0]].Title, 40) + "’"
	}
	return fmt.Sprintf("%d items", len(keys))
}

// SetType types the items; "" makes them untriaged again.
func (s *Service) SetType(ctx context.Context, keys []string, typ Type) (*Change, error) {
	if typ != "" && !typ.Valid() {
		return nil, backend.Errorf(backend.Invalid, "%q is not a feedback type (bug, friction, request, strategy, billing, confusion, account).", typ)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.ensure(ctx); err != nil {
		return nil, err
	}
	keys, err := s.checkItems(keys)
	if err != nil {
		return nil, err
	}
	msg := "Typed " + s.what(keys) + " as " + typ.Label()
	if typ == "" {
		msg = "Marked " + s.what(keys) + " untriaged"
	}
	_, err = s.edit(ctx, msg, func(e *workspace.FeedbackEditor) error {
		for _, k := range keys {
			if err := e.SetTriage(k, func(t *workspace.FeedbackTriage) { t.Type = string(typ) }); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.change(msg), nil
}

// SetArea puts the items in a product area; "" takes them out of theirs.
func (s *Service) SetArea(ctx context.Context, keys []string, area string) (*Change, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.ensure(ctx); err != nil {
		return nil, err
	}
	a, ok := s.st.area[area]
	if area != "" && !ok {
		return nil, backend.Errorf(backend.NotFound, "There is no product area %q.", area)
	}
	keys, err := s.checkItems(keys)
	if err != nil {
		return nil, err
	}
	msg := "Put " + s.what(keys) + " in " + a.Name
	if area == "" {
		msg = "Took " + s.what(keys) + " out of their area"
	}
	_, err = s.edit(ctx, msg, func(e *workspace.FeedbackEditor) error {
		for _, k := range keys {
			if err := e.SetTriage(k, func(t *workspace.FeedbackTriage) { t.Area = area }); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.change(msg), nil
}

// Detail is one item with its whole text.
type Detail struct {
	Row
	// Full is the item's whole text, cleaned (up to MaxText bytes).
	Full string `json:"full"`
}

// Item returns one item with its whole text.
func (s *Service) Item(ctx context.Context, key string) (*Detail, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sg, err := s.suggestLocked(ctx)
	if err != nil {
		return nil, err
	}
	it, ok := s.base.byKey[key]
	if !ok {
		return nil, errNoItem(key)
	}
	d := &Detail{Row: s.row(it, sg, maxKeptText)}
	d.Full = it.Text
	if it.TextLen > len(it.Text) {
		full, err := s.db.FeedbackText(ctx, key)
		if err != nil {
			return nil, err
		}
		if len(full) > MaxText {
			full = full[:MaxText]
		}
		d.Full = clean(full)
	}
	return d, nil
}

// NoteSources are where a note can come from.
var NoteSources = []string{"call", "email", "chat", "meeting", "social", "other"}

// NoteInput is a note the founder types or pastes.
type NoteInput struct {
	Date    string `json:"date"`    // YYYY-MM-DD (or an RFC 3339 time) it was said; "" for today
	Source  string `json:"source"`  // call, email, chat, meeting, social, other
	Email   string `json:"email"`   // the person's address
	Name    string `json:"name"`    // the person's name
	Account string `json:"account"` // an account id, when there is no address
	Title   string `json:"title"`
	Text    string `json:"text"`
}

func (s *Service) checkNote(in NoteInput) (workspace.FeedbackNote, error) {
	var n workspace.FeedbackNote
	if len(in.Text) > MaxText || len(in.Title) > MaxText {
		return n, backend.Errorf(backend.Invalid, "The note is longer than 1 MB (%.1f MB); paste the part that matters.", float64(len(in.Text))/(1<<20))
	}
	title, text := clean(in.Title), clean(in.Text)
	if title == "" && text == "" {
		return n, backend.Errorf(backend.Invalid, "The note is empty: write what was said.")
	}
	n.Title, n.Text = cut(title, 200), text
	n.Kind = strings.ToLower(strings.TrimSpace(in.Source))
	if n.Kind == "" {
		n.Kind = "other"
	}
	if !contains(NoteSources, n.Kind) {
		return n, backend.Errorf(backend.Invalid, "%q is not a source of notes (%s).", in.Source, strings.Join(NoteSources, ", "))
	}
	if e := strings.TrimSpace(in.Email); e != "" {
		n.Email = backend.NormalizeEmail(e)
		if n.Email == "" {
			return n, backend.Errorf(backend.Invalid, "%q is not an e-mail address.", cut(clean(e), 60))
		}
	}
	n.Name = cut(clean(in.Name), 120)
	if in.Account != "" {
		if _, ok := s.base.names[in.Account]; !ok {
			return n, backend.Errorf(backend.NotFound, "There is no account %q.", in.Account)
		}
		n.Account = in.Account
		if n.Email == "" {
			n.Email = s.base.contacts[in.Account]
		}
	}
	at := s.db.Now()
	if d := strings.TrimSpace(in.Date); d != "" {
		t, err := time.ParseInLocation("2006-01-02", d, s.base.loc)
		if err != nil {
			if t, err = time.Parse(time.RFC3339, d); err != nil {
				return n, errDate(d)
			}
		} else if y, m, dd := at.In(s.base.loc).Date(); t.Year() == y && t.Month() == m && t.Day() == dd {
			t = at // today: now
		} else {
			t = t.Add(12 * time.Hour)
		}
		if t.After(at.Add(24 * time.Hour)) {
			return n, backend.Errorf(backend.Invalid, "%s is in the future; a note records what was said.", d)
		}
		at = t
	}
	n.Created = at.Unix()
	return n, nil
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// AddNote records a note and returns it as an inbox row.
func (s *Service) AddNote(ctx context.Context, in NoteInput) (*Row, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.ensure(ctx); err != nil {
		return nil, err
	}
	n, err := s.checkNote(in)
	if err != nil {
		return nil, err
	}
	var id int64
	_, err = s.edit(ctx, "Added the note ‘"+cut(titleOf(n.Title, n.Text), 40)+"’", func(e *workspace.FeedbackEditor) error {
		id, err = e.AddNote(n)
		return err
	})
	if err != nil {
		return nil, err
	}
	n.ID = id
	it := s.base.item(n.Source())
	s.base.add(it, it.Suggested.Type)
	s.st.sugg = nil // the new item is placed
	return s.rowLocked(ctx, it.Key)
}

// EditNote replaces a note's words, person, source or date.
func (s *Service) EditNote(ctx context.Context, key string, in NoteInput) (*Row, error) {
	id, err := noteID(key)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.ensure(ctx); err != nil {
		return nil, err
	}
	n, err := s.checkNote(in)
	if err != nil {
		return nil, err
	}
	_, err = s.edit(ctx, "Edited the note ‘"+cut(titleOf(n.Title, n.Text), 40)+"’", func(e *workspace.FeedbackEditor) error {
		old, ok, err := e.NoteOf(id)
		if err != nil {
			return err
		}
		if !ok {
			return errNoItem(key)
		}
		n.ID, n.Added = id, old.Added
		return e.PutNote(n)
	})
	if err != nil {
		return nil, err
	}
	s.base = nil // its words changed: read the items again
	return s.rowLocked(ctx, key)
}

// DeleteNote deletes a note and its triage (undoable).
func (s *Service) DeleteNote(ctx context.Context, key string) (*Change, error) {
	id, err := noteID(key)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.ensure(ctx); err != nil {
		return nil, err
	}
	it, ok := s.base.byKey[key]
	if !ok {
		return nil, errNoItem(key)
	}
	msg := "Deleted the note ‘" + cut(it.Title, 40) + "’"
	_, err = s.edit(ctx, msg, func(e *workspace.FeedbackEditor) error {
		if err := e.DeleteNote(id); err != nil {
			return err
		}
		return e.SetTriage(key, func(t *workspace.FeedbackTriage) { *t = workspace.FeedbackTriage{} })
	})
	if err != nil {
		return nil, err
	}
	s.base = nil // one item fewer: read the items again
	if err := s.ensure(ctx); err != nil {
		return nil, err
	}
	return s.change(msg), nil
}

func noteID(key string) (int64, error) {
	if !strings.HasPrefix(key, "note:") {
		return 0, backend.Errorf(backend.Invalid, "Only notes can be edited or deleted here; %q came from an import.", key)
	}
	id, err := strconv.ParseInt(strings.TrimPrefix(key, "note:"), 10, 64)
	if err != nil {
		return 0, errNoItem(key)
	}
	return id, nil
}

// rowLocked reads the state again (a note changes the items) and returns
// one row.
func (s *Service) rowLocked(ctx context.Context, key string) (*Row, error) {
	sg, err := s.suggestLocked(ctx)
	if err != nil {
		return nil, err
	}
	it, ok := s.base.byKey[key]
	if !ok {
		return nil, errNoItem(key)
	}
	r := s.row(it, sg, rowText)
	return &r, nil
}
