package feedback

import (
	"context"
	"sync"
	"time"

	"keel/backend"
	"keel/backend/workspace"
)

// Service is the Feedback area of one open workspace. It keeps the items
// (with their tags and text vectors) and the founder's triage in memory
// between calls, so that triage keys answer at once; it reads them again
// when an import, an undo of one, an account merge or split, a setting or
// a note changes what they are computed from. Every edit is written to
// the workspace (one transaction) before the call returns.
type Service struct {
	db   *workspace.DB
	mu   sync.Mutex
	base *base
	st   *state
	// epoch counts the changes to what the suggestion engine is seeded
	// with (confirmed clusters, rejections, places dropped): an engine
	// built at another epoch is built again.
	epoch int
	// asOf, when set, is the unix second the views are as of (a month's
	// digest: the end of its month) instead of the workspace's clock.
	asOf int64
}

// New returns the Feedback area of db.
func New(db *workspace.DB) *Service { return &Service{db: db} }

// now is the clock the views read: the workspace's, or asOf.
func (s *Service) now() time.Time {
	if s.asOf != 0 {
		return time.Unix(s.asOf, 0)
	}
	return s.db.Now()
}

// state is the founder's decisions, as read from the workspace.
type state struct {
	ws        *workspace.FeedbackState // clusters, decisions, told, rejects, areas (not triage)
	triage    map[string]*workspace.FeedbackTriage
	clusters  map[string]*workspace.FeedbackCluster
	decisions map[string][]workspace.FeedbackDecision
	told      map[string]map[string]int64 // cluster → person → unix second
	rejects   map[string]map[string]bool  // item → groups turned down
	members   map[string][]string         // confirmed cluster → items
	areas     []Area
	area      map[string]Area   // by id
	stale     bool              // the small tables changed: read them again
	sugg      *suggestions      // the suggested clusters, nil when to compute
	placed    map[string]string // item → the cluster it was placed in (feedback_suggested), nil until read
}

// ensure reads the base and the state when missing or outdated. Callers
// hold s.mu.
func (s *Service) ensure(ctx context.Context) error {
	v, err := s.db.FeedbackVersion(ctx)
	if err != nil {
		return err
	}
	if s.base == nil || s.base.version != v {
		b, err := loadBase(ctx, s.db, v)
		if err != nil {
			return err
		}
		s.base = b
		if s.st != nil {
			s.st.sugg = nil
		}
	}
	if s.st == nil {
		ws, err := s.db.FeedbackState(ctx, true)
		if err != nil {
			return err
		}
		st := &state{triage: make(map[string]*workspace.FeedbackTriage, len(ws.Triage))}
		for i := range ws.Triage {
			t := ws.Triage[i]
			st.triage[t.Item] = &t
		}
		ws.Triage = nil
		st.setSmall(ws)
		s.st = st
	} else if s.st.stale {
		ws, err := s.db.FeedbackState(ctx, false)
		if err != nil {
			return err
		}
		s.st.setSmall(ws)
	}
	return nil
}

// stateLocked is ensure, returning the state.
func (s *Service) stateLocked(ctx context.Context) (*state, error) {
	if err := s.ensure(ctx); err != nil {
		return nil, err
	}
	return s.st, nil
}

func (st *state) setSmall(ws *workspace.FeedbackState) {
	st.ws, st.stale = ws, false
	st.clusters = map[string]*workspace.FeedbackCluster{}
	for i := range ws.Clusters {
		st.clusters[ws.Clusters[i].ID] = &ws.Clusters[i]
	}
	st.decisions = map[string][]workspace.FeedbackDecision{}
	for _, d := range ws.Decisions {
		st.decisions[d.Cluster] = append(st.decisions[d.Cluster], d)
	}
	st.told = map[string]map[string]int64{}
	for _, t := range ws.Told {
		if st.told[t.Cluster] == nil {
			st.told[t.Cluster] = map[string]int64{}
		}
		st.told[t.Cluster][t.Person] = t.At
	}
	st.rejects = map[string]map[string]bool{}
	for _, r := range ws.Rejects {
		if st.rejects[r.Item] == nil {
			st.rejects[r.Item] = map[string]bool{}
		}
		st.rejects[r.Item][r.Group] = true
	}
	st.areas = areasOf(ws)
	st.area = map[string]Area{}
	for _, a := range st.areas {
		st.area[a.ID] = a
	}
	st.indexMembers()
	st.sugg = nil
}

func (st *state) indexMembers() {
	st.members = map[string][]string{}
	for item, t := range st.triage {
		if t.Cluster != "" {
			st.members[t.Cluster] = append(st.members[t.Cluster], item)
		}
	}
}

// edit writes one founder edit and brings the state up to date.
func (s *Service) edit(ctx context.Context, label string, fn func(e *workspace.FeedbackEditor) error) (*workspace.FeedbackEditor, error) {
	e, err := s.db.FeedbackEdit(ctx, label, fn)
	if err != nil {
		return nil, err
	}
	s.apply(e)
	if s.st != nil && s.st.ws != nil {
		s.st.ws.Undo = label
	}
	return e, nil
}

// apply brings the in-memory state up to date after an edit.
func (s *Service) apply(e *workspace.FeedbackEditor) {
	if s.st == nil {
		return
	}
	moved := false
	for item, t := range e.Triage {
		old := s.st.triage[item]
		if t == nil {
			delete(s.st.triage, item)
		} else {
			s.st.triage[item] = t
		}
		oc, nc := "", ""
		if old != nil {
			oc = old.Cluster
		}
		if t != nil {
			nc = t.Cluster
		}
		moved = moved || oc != nc
	}
	if moved {
		s.st.indexMembers()
		s.st.sugg = nil
		s.epoch++
	}
	if e.Others {
		s.st.stale = true
		s.st.sugg = nil
	}
	if e.Groups {
		s.epoch++
	}
}

// Undo takes back the founder's last edit and says what it was; "" when
// there was nothing to undo.
func (s *Service) Undo(ctx context.Context) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	label, notes, err := s.db.FeedbackUndo(ctx)
	if err != nil {
		return "", err
	}
	s.st = nil // read everything again: an undo may touch any row
	s.epoch++
	if notes {
		s.base = nil // a note came back or went
	}
	return label, nil
}

// errNoItem is the error for an item key that does not exist.
func errNoItem(key string) error {
	return backend.Errorf(backend.NotFound, "There is no feedback item %q in this workspace (was its import undone?).", key)
}
