package feedback

import (
	"context"
	"fmt"
	"strings"
	"time"

	"keel/backend"
	"keel/backend/workspace"
)

// A product note records that a cluster changed a decision: the decision,
// why, who owns it and when it was made. Only when it did: most clusters
// never need one.

// ProductNote is one of a cluster's product notes.
type ProductNote struct {
	ID       int64  `json:"id"`
	Cluster  string `json:"cluster"`
	Decision string `json:"decision"`
	Why      string `json:"why"`
	Owner    string `json:"owner"`
	Date     string `json:"date"` // YYYY-MM-DD
}

// ProductNoteInput is what the founder writes.
type ProductNoteInput struct {
	Decision string `json:"decision"`
	Why      string `json:"why"`
	Owner    string `json:"owner"`
	Date     string `json:"date"` // YYYY-MM-DD; "" for today
}

func (s *Service) notes(cluster string) []ProductNote {
	out := []ProductNote{}
	for _, d := range s.st.decisions[cluster] {
		out = append(out, ProductNote{d.ID, d.Cluster, d.Decision, d.Why, d.Owner, d.Date})
	}
	return out
}

func (s *Service) checkProductNote(in ProductNoteInput) (workspace.FeedbackDecision, error) {
	d := workspace.FeedbackDecision{Decision: strings.TrimSpace(clean(in.Decision)), Why: strings.TrimSpace(clean(in.Why)),
		Owner: strings.Join(strings.Fields(clean(in.Owner)), " "), Date: strings.TrimSpace(in.Date)}
	switch {
	case d.Decision == "":
		return d, backend.Errorf(backend.Invalid, "Write the decision: what changes because of this cluster?")
	case d.Why == "":
		return d, backend.Errorf(backend.Invalid, "Write why: the evidence behind the decision.")
	case d.Owner == "":
		return d, backend.Errorf(backend.Invalid, "Name the owner of the decision.")
	case len(d.Decision) > 4000 || len(d.Why) > 20000 || len([]rune(d.Owner)) > 120:
		return d, backend.Errorf(backend.Invalid, "The product note is too long (decision up to 4,000 characters, why up to 20,000, owner up to 120).")
	}
	if d.Date == "" {
		d.Date = s.db.Now().In(s.base.loc).Format("2006-01-02")
	} else if _, err := time.Parse("2006-01-02", d.Date); err != nil {
		return d, errDate(d.Date)
	}
	return d, nil
}

// AddProductNote records that a cluster changed a decision.
func (s *Service) AddProductNote(ctx context.Context, cluster string, in ProductNoteInput) (*Change, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.ensure(ctx); err != nil {
		return nil, err
	}
	c, err := s.cluster(cluster)
	if err != nil {
		return nil, err
	}
	d, err := s.checkProductNote(in)
	if err != nil {
		return nil, err
	}
	d.Cluster = cluster
	msg := fmt.Sprintf("Added a product note to ‘%s’", c.Title)
	if _, err := s.edit(ctx, msg, func(e *workspace.FeedbackEditor) error {
		_, err := e.AddDecision(d)
		return err
	}); err != nil {
		return nil, err
	}
	ch := s.change(msg)
	ch.Cluster = cluster
	return ch, nil
}

// EditProductNote replaces a product note's words.
func (s *Service) EditProductNote(ctx context.Context, id int64, in ProductNoteInput) (*Change, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.ensure(ctx); err != nil {
		return nil, err
	}
	old, err := s.productNote(id)
	if err != nil {
		return nil, err
	}
	d, err := s.checkProductNote(in)
	if err != nil {
		return nil, err
	}
	d.ID, d.Cluster, d.Created = old.ID, old.Cluster, old.Created
	if _, err := s.edit(ctx, "Edited a product note", func(e *workspace.FeedbackEditor) error { return e.PutDecision(d) }); err != nil {
		return nil, err
	}
	ch := s.change("Edited a product note")
	ch.Cluster = d.Cluster
	return ch, nil
}

// DeleteProductNote deletes a product note (undoable).
func (s *Service) DeleteProductNote(ctx context.Context, id int64) (*Change, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.ensure(ctx); err != nil {
		return nil, err
	}
	old, err := s.productNote(id)
	if err != nil {
		return nil, err
	}
	if _, err := s.edit(ctx, "Deleted a product note", func(e *workspace.FeedbackEditor) error { return e.DeleteDecision(id) }); err != nil {
		return nil, err
	}
	ch := s.change("Deleted a product note")
	ch.Cluster = old.Cluster
	return ch, nil
}

func (s *Service) productNote(id int64) (workspace.FeedbackDecision, error) {
	for _, ds := range s.st.decisions {
		for _, d := range ds {
			if d.ID == id {
				return d, nil
			}
		}
	}
	return workspace.FeedbackDecision{}, backend.Errorf(backend.NotFound, "There is no product note %d.", id)
}
