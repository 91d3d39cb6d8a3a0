package feedback

import (
	"context"
	"strings"

	"keel/backend/releases"
)

// The feedback area answers releases (releases.Feedback): the tickets in
// the clusters a release answers (its watch window) and the clusters'
// titles and people to tell (the changelog, the release detail).
type forReleases struct{ s *Service }

// ForReleases is s as the releases area asks it.
func ForReleases(s *Service) releases.Feedback { return forReleases{s} }

// members lists the items of the confirmed clusters in ids (all of them
// when ids is nil), newest first as the cluster view has them.
func (s *Service) members(ids []string) map[string][]string {
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	out := map[string][]string{}
	for _, it := range s.base.items {
		if c := s.clusterOf(it.Key); c != "" && (ids == nil || want[c]) {
			out[c] = append(out[c], it.Key)
		}
	}
	return out
}

// ClusterTickets is the set of ticket record keys that are items of the
// given clusters.
func (r forReleases) ClusterTickets(ctx context.Context, clusters []string) (map[string]bool, error) {
	s := r.s
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.ensure(ctx); err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, keys := range s.members(clusters) {
		for _, k := range keys {
			if t, ok := strings.CutPrefix(k, "ticket:"); ok {
				out[t] = true
			}
		}
	}
	return out, nil
}

// Clusters is what releases show of the confirmed clusters in ids (every
// confirmed cluster when ids is nil): the title and the people to tell,
// each marked told or not. Ids that are no confirmed cluster are left out.
func (r forReleases) Clusters(ctx context.Context, ids []string) (map[string]releases.Cluster, error) {
	s := r.s
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.ensure(ctx); err != nil {
		return nil, err
	}
	members := s.members(ids)
	out := map[string]releases.Cluster{}
	for id, c := range s.st.clusters {
		if ids != nil && !contains(ids, id) {
			continue
		}
		rc := releases.Cluster{ID: id, Title: c.Title, People: []releases.Person{}}
		for _, p := range s.people(group{id: id, confirmed: true, keys: members[id]}, nil).Tell {
			rc.People = append(rc.People, releases.Person{Name: p.Name, Email: p.Email, Plan: p.Plan, Paying: p.Paying,
				Told: p.Told != nil, Cluster: id})
		}
		out[id] = rc
	}
	return out, nil
}
