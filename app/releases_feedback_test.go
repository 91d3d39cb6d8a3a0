package app

import (
	"strings"
	"testing"
)

// The demo's releases answer real feedback clusters: the release detail
// shows each cluster's title and people to tell, the watch window counts
// the clusters' tickets, the changelog lists the people, and the picker
// offers the confirmed clusters.
func TestReleasesAnswerFeedbackClusters(t *testing.T) {
	s, _ := demoState(t)
	x := NewReleases(s)
	choices, err := x.ClusterChoices()
	if err != nil {
		t.Fatal(err)
	}
	title := map[string]string{}
	for _, c := range choices {
		if !strings.HasPrefix(c.ID, "c-") || c.Title == "" {
			t.Errorf("choice %+v", c)
		}
		title[c.ID] = c.Title
	}
	for id, want := range map[string]string{"rel_demo_slack": "Slack notifications for alerts", "rel_demo_csv": "CSV export is missing rows"} {
		v, err := x.Get(id)
		if err != nil {
			t.Fatal(err)
		}
		if len(v.Clusters) != 1 || title[v.Clusters[0]] != want || len(v.Answers) != 1 || v.Answers[0].Title != want || len(v.Answers[0].People) == 0 {
			t.Fatalf("%s answers %v %+v, want the cluster %q with its people", id, v.Clusters, v.Answers, want)
		}
		told := 0
		for _, p := range v.Answers[0].People {
			if p.Told {
				told++
			}
		}
		if told == 0 || told == len(v.Answers[0].People) {
			t.Errorf("%s: %d of %d people told; the demo told some", id, told, len(v.Answers[0].People))
		}
	}
	w, err := x.Watch("rel_demo_csv", "")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range w.Figures {
		if f.Key == "tickets_clusters" {
			found = true
			if f.Missing != "" || f.Before == nil || f.After == nil || f.Before.N+f.After.N <= 0 {
				t.Errorf("tickets in the linked clusters %+v (missing %q)", f.Cell, f.Missing)
			}
		}
	}
	if !found {
		t.Error("the watch window has no tickets_clusters figure")
	}
	cl, err := x.Changelog()
	if err != nil {
		t.Fatal(err)
	}
	if len(cl.People) == 0 || cl.Note != "" {
		t.Errorf("changelog people %d, note %q", len(cl.People), cl.Note)
	}
}
