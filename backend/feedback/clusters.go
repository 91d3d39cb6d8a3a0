package feedback

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"

	"keel/backend"
	"keel/backend/workspace"
)

// Statuses of a confirmed cluster.
const (
	StatusOpen    = "open"
	StatusPlanned = "planned"
	StatusShipped = "shipped"
	StatusWontDo  = "wont_do"
)

var statuses = []string{StatusOpen, StatusPlanned, StatusShipped, StatusWontDo}

// maxTitle caps a cluster's title.
const maxTitle = 120

func checkTitle(t string) (string, error) {
	t = strings.Join(strings.Fields(clean(t)), " ")
	if t == "" {
		return "", backend.Errorf(backend.Invalid, "Give the cluster a title: what do these people ask for?")
	}
	if len([]rune(t)) > maxTitle {
		return "", backend.Errorf(backend.Invalid, "The title is longer than %d characters; keep the ask, put the rest in a product note.", maxTitle)
	}
	return t, nil
}

// confirmedID names a new confirmed cluster from seed, unused so far.
func (s *Service) confirmedID(seed string) string {
	h := sha256.Sum256([]byte(seed))
	id := "c-" + hex.EncodeToString(h[:5])
	for n := 2; s.st.clusters[id] != nil; n++ {
		id = "c-" + hex.EncodeToString(h[:5]) + "-" + strconv.Itoa(n)
	}
	return id
}

func (s *Service) cluster(id string) (*workspace.FeedbackCluster, error) {
	c := s.st.clusters[id]
	if c == nil {
		return nil, backend.Errorf(backend.NotFound, "There is no cluster %q (was it merged or deleted?).", id)
	}
	return c, nil
}

// Accept confirms a suggestion: a suggested cluster becomes a confirmed
// one, or the items suggested for a confirmed cluster join it. items are
// those the founder kept (nil: all); the others are not suggested for it
// again. title names a new cluster ("" keeps Keel's).
func (s *Service) Accept(ctx context.Context, id string, items []string, title string) (*Change, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sg, err := s.suggestLocked(ctx)
	if err != nil {
		return nil, err
	}
	if c := s.st.clusters[id]; c != nil {
		all := sg.additions[id]
		keep, drop, err := s.pick(all, items)
		if err != nil {
			return nil, err
		}
		msg := fmt.Sprintf("Added %s to ‘%s’", s.what(keep), c.Title)
		_, err = s.edit(ctx, msg, func(e *workspace.FeedbackEditor) error {
			return s.move(e, keep, id, drop)
		})
		if err != nil {
			return nil, err
		}
		ch := s.change(msg)
		ch.Cluster = id
		return ch, nil
	}
	all := sg.groups[id]
	if len(all) == 0 {
		return nil, backend.Errorf(backend.NotFound, "There is no suggested cluster %q any more; it may have been accepted or turned down.", id)
	}
	keep, drop, err := s.pick(all, items)
	if err != nil {
		return nil, err
	}
	if title == "" {
		title = s.representative(keep).Title
	}
	if title, err = checkTitle(title); err != nil {
		return nil, err
	}
	cid := s.confirmedID(id)
	msg := fmt.Sprintf("Made the cluster ‘%s’ of %s", title, s.what(keep))
	now := s.db.Now().Unix()
	_, err = s.edit(ctx, msg, func(e *workspace.FeedbackEditor) error {
		if err := e.PutCluster(workspace.FeedbackCluster{ID: cid, Title: title, Status: StatusOpen, Created: now, StatusAt: now}); err != nil {
			return err
		}
		return s.move(e, keep, cid, drop)
	})
	if err != nil {
		return nil, err
	}
	ch := s.change(msg)
	ch.Cluster = cid
	return ch, nil
}

// pick splits all into the items kept (those of items, or all when nil)
// and the others; an item not in all is an error.
func (s *Service) pick(all, items []string) (keep, drop []string, err error) {
	if items == nil {
		return all, nil, nil
	}
	in := map[string]bool{}
	for _, k := range all {
		in[k] = true
	}
	chosen := map[string]bool{}
	for _, k := range items {
		if !in[k] {
			if _, ok := s.base.byKey[k]; !ok {
				return nil, nil, errNoItem(k)
			}
			return nil, nil, backend.Errorf(backend.Invalid, "‘%s’ is not part of this suggestion.", cut(s.base.byKey[k].Title, 40))
		}
		if !chosen[k] {
			chosen[k] = true
			keep = append(keep, k)
		}
	}
	if len(keep) == 0 {
		return nil, nil, backend.Errorf(backend.Invalid, "Keep at least one item, or turn the suggestion down.")
	}
	for _, k := range all {
		if !chosen[k] {
			drop = append(drop, k)
		}
	}
	return keep, drop, nil
}

// move puts items in cluster and marks drop as not to be suggested for it.
func (s *Service) move(e *workspace.FeedbackEditor, items []string, cluster string, drop []string) error {
	for _, k := range items {
		if err := e.SetTriage(k, func(t *workspace.FeedbackTriage) { t.Cluster = cluster }); err != nil {
			return err
		}
		if err := e.DeleteReject(k, "cluster:"+cluster); err != nil {
			return err
		}
	}
	for _, k := range drop {
		if err := e.PutReject(k, "cluster:"+cluster); err != nil {
			return err
		}
	}
	return nil
}

// Reject turns a suggestion down: its items (those of items, nil for all)
// are not suggested together, or for that confirmed cluster, again.
func (s *Service) Reject(ctx context.Context, id string, items []string) (*Change, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sg, err := s.suggestLocked(ctx)
	if err != nil {
		return nil, err
	}
	grp, all := id, sg.groups[id]
	if c := s.st.clusters[id]; c != nil {
		grp, all = "cluster:"+id, sg.additions[id]
	}
	if len(all) == 0 {
		return nil, backend.Errorf(backend.NotFound, "There is no suggestion %q any more.", id)
	}
	keep, _, err := s.pick(all, items)
	if err != nil {
		return nil, err
	}
	msg := "Turned down the suggestion for " + s.what(keep)
	_, err = s.edit(ctx, msg, func(e *workspace.FeedbackEditor) error {
		for _, k := range keep {
			if err := e.PutReject(k, grp); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Their places are Keel's: they are placed again, elsewhere.
	if err := s.db.SaveFeedbackSuggestions(ctx, nil, keep); err != nil {
		return nil, err
	}
	s.forgetPlaces(keep)
	return s.change(msg), nil
}

// Create makes a confirmed cluster of items (they leave any other).
func (s *Service) Create(ctx context.Context, title string, items []string) (*Change, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.ensure(ctx); err != nil {
		return nil, err
	}
	items, err := s.checkItems(items)
	if err != nil {
		return nil, err
	}
	if title, err = checkTitle(title); err != nil {
		return nil, err
	}
	now := s.db.Now().Unix()
	cid := s.confirmedID(fmt.Sprint(now, items[0], title))
	msg := fmt.Sprintf("Made the cluster ‘%s’ of %s", title, s.what(items))
	_, err = s.edit(ctx, msg, func(e *workspace.FeedbackEditor) error {
		if err := e.PutCluster(workspace.FeedbackCluster{ID: cid, Title: title, Status: StatusOpen, Created: now, StatusAt: now}); err != nil {
			return err
		}
		return s.move(e, items, cid, nil)
	})
	if err != nil {
		return nil, err
	}
	ch := s.change(msg)
	ch.Cluster = cid
	return ch, nil
}

// AddItems moves items into a confirmed cluster.
func (s *Service) AddItems(ctx context.Context, cluster string, items []string) (*Change, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.ensure(ctx); err != nil {
		return nil, err
	}
	c, err := s.cluster(cluster)
	if err != nil {
		return nil, err
	}
	if items, err = s.checkItems(items); err != nil {
		return nil, err
	}
	msg := fmt.Sprintf("Added %s to ‘%s’", s.what(items), c.Title)
	_, err = s.edit(ctx, msg, func(e *workspace.FeedbackEditor) error { return s.move(e, items, cluster, nil) })
	if err != nil {
		return nil, err
	}
	ch := s.change(msg)
	ch.Cluster = cluster
	return ch, nil
}

// RemoveItems takes items out of their clusters; Keel will not suggest
// them for those clusters again.
func (s *Service) RemoveItems(ctx context.Context, items []string) (*Change, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.ensure(ctx); err != nil {
		return nil, err
	}
	items, err := s.checkItems(items)
	if err != nil {
		return nil, err
	}
	msg := "Took " + s.what(items) + " out of their cluster"
	_, err = s.edit(ctx, msg, func(e *workspace.FeedbackEditor) error {
		for _, k := range items {
			c := s.clusterOf(k)
			if c == "" {
				continue
			}
			if err := e.SetTriage(k, func(t *workspace.FeedbackTriage) { t.Cluster = "" }); err != nil {
				return err
			}
			if err := e.PutReject(k, "cluster:"+c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := s.db.SaveFeedbackSuggestions(ctx, nil, items); err != nil {
		return nil, err
	}
	s.forgetPlaces(items)
	return s.change(msg), nil
}

// Merge moves every item, product note and person told of cluster from
// into cluster into, and deletes from. A person told of both stays told
// once, on the earlier date.
func (s *Service) Merge(ctx context.Context, into, from string) (*Change, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.ensure(ctx); err != nil {
		return nil, err
	}
	if into == from {
		return nil, backend.Errorf(backend.Invalid, "A cluster cannot be merged into itself.")
	}
	a, err := s.cluster(into)
	if err != nil {
		return nil, err
	}
	b, err := s.cluster(from)
	if err != nil {
		return nil, err
	}
	msg := fmt.Sprintf("Merged ‘%s’ into ‘%s’", b.Title, a.Title)
	_, err = s.edit(ctx, msg, func(e *workspace.FeedbackEditor) error {
		items, err := e.Members(from)
		if err != nil {
			return err
		}
		if err := s.move(e, items, into, nil); err != nil {
			return err
		}
		ds, err := e.Decisions(from)
		if err != nil {
			return err
		}
		for _, d := range ds {
			d.Cluster = into
			if err := e.PutDecision(d); err != nil {
				return err
			}
		}
		told, err := e.Told(from)
		if err != nil {
			return err
		}
		had, err := e.Told(into)
		if err != nil {
			return err
		}
		at := map[string]int64{}
		for _, t := range had {
			at[t.Person] = t.At
		}
		for _, t := range told {
			if err := e.DeleteTold(from, t.Person); err != nil {
				return err
			}
			if old, ok := at[t.Person]; !ok || t.At < old {
				if err := e.PutTold(workspace.FeedbackTold{Cluster: into, Person: t.Person, At: t.At}); err != nil {
					return err
				}
			}
		}
		rj, err := e.RejectsOf("cluster:" + from)
		if err != nil {
			return err
		}
		for _, k := range rj {
			if err := e.DeleteReject(k, "cluster:"+from); err != nil {
				return err
			}
			if err := e.PutReject(k, "cluster:"+into); err != nil {
				return err
			}
		}
		return e.DeleteCluster(from)
	})
	if err != nil {
		return nil, err
	}
	ch := s.change(msg)
	ch.Cluster = into
	return ch, nil
}

// Split makes a new open cluster of some of a cluster's items.
func (s *Service) Split(ctx context.Context, cluster string, items []string, title string) (*Change, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.ensure(ctx); err != nil {
		return nil, err
	}
	c, err := s.cluster(cluster)
	if err != nil {
		return nil, err
	}
	if items, err = s.checkItems(items); err != nil {
		return nil, err
	}
	for _, k := range items {
		if s.clusterOf(k) != cluster {
			return nil, backend.Errorf(backend.Invalid, "‘%s’ is not in ‘%s’.", cut(s.base.byKey[k].Title, 40), c.Title)
		}
	}
	if len(items) == len(s.st.members[cluster]) {
		return nil, backend.Errorf(backend.Invalid, "Leave at least one item in ‘%s’ (or rename it instead).", c.Title)
	}
	if title, err = checkTitle(title); err != nil {
		return nil, err
	}
	now := s.db.Now().Unix()
	cid := s.confirmedID(fmt.Sprint(now, cluster, title))
	msg := fmt.Sprintf("Split %s out of ‘%s’ into ‘%s’", s.what(items), c.Title, title)
	_, err = s.edit(ctx, msg, func(e *workspace.FeedbackEditor) error {
		if err := e.PutCluster(workspace.FeedbackCluster{ID: cid, Title: title, Status: StatusOpen, Created: now, StatusAt: now}); err != nil {
			return err
		}
		return s.move(e, items, cid, nil)
	})
	if err != nil {
		return nil, err
	}
	ch := s.change(msg)
	ch.Cluster = cid
	return ch, nil
}

// Delete deletes a confirmed cluster with its product notes and people
// told. Its items stay, with their types and areas, in no cluster.
func (s *Service) Delete(ctx context.Context, cluster string) (*Change, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.ensure(ctx); err != nil {
		return nil, err
	}
	c, err := s.cluster(cluster)
	if err != nil {
		return nil, err
	}
	msg := fmt.Sprintf("Deleted the cluster ‘%s’ (its %d items stay in the inbox)", c.Title, len(s.st.members[cluster]))
	_, err = s.edit(ctx, msg, func(e *workspace.FeedbackEditor) error {
		items, err := e.Members(cluster)
		if err != nil {
			return err
		}
		for _, k := range items {
			if err := e.SetTriage(k, func(t *workspace.FeedbackTriage) { t.Cluster = "" }); err != nil {
				return err
			}
		}
		ds, err := e.Decisions(cluster)
		if err != nil {
			return err
		}
		for _, d := range ds {
			if err := e.DeleteDecision(d.ID); err != nil {
				return err
			}
		}
		told, err := e.Told(cluster)
		if err != nil {
			return err
		}
		for _, t := range told {
			if err := e.DeleteTold(cluster, t.Person); err != nil {
				return err
			}
		}
		return e.DeleteCluster(cluster)
	})
	if err != nil {
		return nil, err
	}
	return s.change(msg), nil
}

// updateCluster changes a confirmed cluster's row with fn.
func (s *Service) updateCluster(ctx context.Context, cluster, msg string, fn func(c *workspace.FeedbackCluster) error) (*Change, error) {
	c, err := s.cluster(cluster)
	if err != nil {
		return nil, err
	}
	next := *c
	if err := fn(&next); err != nil {
		return nil, err
	}
	_, err = s.edit(ctx, msg, func(e *workspace.FeedbackEditor) error { return e.PutCluster(next) })
	if err != nil {
		return nil, err
	}
	ch := s.change(msg)
	ch.Cluster = cluster
	return ch, nil
}

// Rename retitles a confirmed cluster.
func (s *Service) Rename(ctx context.Context, cluster, title string) (*Change, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.ensure(ctx); err != nil {
		return nil, err
	}
	title, err := checkTitle(title)
	if err != nil {
		return nil, err
	}
	return s.updateCluster(ctx, cluster, "Renamed a cluster ‘"+title+"’", func(c *workspace.FeedbackCluster) error {
		c.Title = title
		return nil
	})
}

// SetStatus closes the loop of a cluster: open, planned, shipped (in a
// release, named in free text) or won't do (with the reason).
func (s *Service) SetStatus(ctx context.Context, cluster, status, release, reason string) (*Change, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.ensure(ctx); err != nil {
		return nil, err
	}
	if !contains(statuses, status) {
		return nil, backend.Errorf(backend.Invalid, "%q is not a cluster status (open, planned, shipped, wont_do).", status)
	}
	release, reason = cut(strings.TrimSpace(clean(release)), 120), strings.TrimSpace(clean(reason))
	switch {
	case status == StatusShipped && release == "":
		return nil, backend.Errorf(backend.Invalid, "Name the release it shipped in (free text, such as “v2.4” or “March release”).")
	case status == StatusWontDo && reason == "":
		return nil, backend.Errorf(backend.Invalid, "Say why not: the people who asked will want to know.")
	case len(reason) > 4000:
		return nil, backend.Errorf(backend.Invalid, "The reason is longer than 4,000 characters.")
	}
	c, err := s.cluster(cluster)
	if err != nil {
		return nil, err
	}
	msg := fmt.Sprintf("Marked ‘%s’ %s", c.Title, statusWords(status, release))
	now := s.db.Now().Unix()
	return s.updateCluster(ctx, cluster, msg, func(c *workspace.FeedbackCluster) error {
		if c.Status != status {
			c.StatusAt = now
		}
		c.Status, c.Release, c.Reason = status, "", ""
		switch status {
		case StatusShipped:
			c.Release = release
			if c.Changelog == "" {
				c.Changelog = draftChangelog(c.Title, release)
			}
		case StatusWontDo:
			c.Reason = reason
		}
		return nil
	})
}

func statusWords(status, release string) string {
	switch status {
	case StatusPlanned:
		return "planned"
	case StatusShipped:
		return "shipped in " + release
	case StatusWontDo:
		return "won't do"
	}
	return "open"
}

// SetChangelog replaces a cluster's changelog sentence.
func (s *Service) SetChangelog(ctx context.Context, cluster, text string) (*Change, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.ensure(ctx); err != nil {
		return nil, err
	}
	text = strings.TrimSpace(clean(text))
	if len(text) > 4000 {
		return nil, backend.Errorf(backend.Invalid, "A changelog entry longer than 4,000 characters is an article; keep one or two sentences.")
	}
	return s.updateCluster(ctx, cluster, "Edited the changelog entry", func(c *workspace.FeedbackCluster) error {
		c.Changelog = text
		return nil
	})
}

// draftChangelog is the user-facing sentence of a shipped cluster, for
// the founder to edit.
func draftChangelog(title, release string) string {
	t := strings.TrimRight(title, ".!? ")
	return fmt.Sprintf("New in %s: %s. You asked for it, and it is here — thank you for telling us.", release, lowerFirst(t))
}

func lowerFirst(s string) string {
	r := []rune(s)
	if len(r) > 1 && r[0] >= 'A' && r[0] <= 'Z' && !(r[1] >= 'A' && r[1] <= 'Z') {
		r[0] += 'a' - 'A'
	}
	return string(r)
}

// forgetPlaces drops the places of items (stored already): they are
// placed again, and the engine that held them is built again.
func (s *Service) forgetPlaces(items []string) {
	if s.st == nil {
		return
	}
	for _, k := range items {
		delete(s.st.placed, k)
	}
	s.st.sugg = nil
	s.epoch++
}
