package app

import (
	"context"
	"sort"
	"sync"

	"keel/backend/feedback"
	"keel/backend/releases"
	"keel/backend/workspace"
)

// The feedback area as releases and Home ask it: one feedback.Service per
// open workspace, so its items are read once, not on every call.
var fbShared struct {
	mu  sync.Mutex
	db  *workspace.DB
	svc *feedback.Service
}

func feedbackOf(db *workspace.DB) *feedback.Service {
	fbShared.mu.Lock()
	defer fbShared.mu.Unlock()
	if fbShared.db != db {
		fbShared.db, fbShared.svc = db, feedback.New(db)
	}
	return fbShared.svc
}

// answers fills v.Answers: the clusters r answers, with their people.
func answers(db *workspace.DB, v *releases.View) error {
	if len(v.Clusters) == 0 {
		return nil
	}
	known, err := feedback.ForReleases(feedbackOf(db)).Clusters(context.Background(), v.Clusters)
	if err != nil {
		return err
	}
	for _, id := range v.Clusters {
		c, ok := known[id]
		if !ok {
			c = releases.Cluster{ID: id, People: []releases.Person{}}
		}
		v.Answers = append(v.Answers, c)
	}
	return nil
}

// ClusterChoice is a confirmed feedback cluster a release can answer.
type ClusterChoice struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	People int    `json:"people"`
}

// ClusterChoices lists the confirmed feedback clusters, by title, for the
// release detail's picker.
func (x *Releases) ClusterChoices() ([]ClusterChoice, error) {
	db, err := x.s.workspace()
	if err != nil {
		return nil, err
	}
	cs, err := feedback.ForReleases(feedbackOf(db)).Clusters(context.Background(), nil)
	if err != nil {
		return nil, err
	}
	out := make([]ClusterChoice, 0, len(cs))
	for _, c := range cs {
		out = append(out, ClusterChoice{ID: c.ID, Title: c.Title, People: len(c.People)})
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].Title < out[j].Title || out[i].Title == out[j].Title && out[i].ID < out[j].ID
	})
	return out, nil
}
