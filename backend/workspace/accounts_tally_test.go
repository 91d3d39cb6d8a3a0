package workspace

import (
	"reflect"
	"testing"
	"time"

	"keel/backend"
)

// A requester's sum: its tickets, their first and last dates, and how many
// came from each tool (the tally keeps the first tool apart from the
// others).
func TestRequesterSums(t *testing.T) {
	db := MustCreate(t)
	at := func(d int) time.Time { return time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC).AddDate(0, 0, d) }
	tick := func(src, id, email string, d int) *backend.Ticket {
		return &backend.Ticket{Source: src, ID: id, RequesterEmail: email, Status: "open", Created: at(d)}
	}
	importRecs(t, db, []backend.Record{
		tick("zendesk", "1", "Bob@Acme.io", 6), tick("freshdesk", "2", "bob@acme.io", 2), tick("zendesk", "3", "bob@acme.io", 4),
		tick("freshdesk", "4", "bob@acme.io", 9), tick("zendesk", "5", "bob@acme.io", 3), tick("zendesk", "6", "cy@acme.io", 1),
	})
	got := takeSnapshot(t, db).idents
	want := map[string]Ident{
		"requester:bob@acme.io test=false": {Rows: 5, First: at(2).Unix(), Last: at(9).Unix(),
			Sources: []Count{{Value: "zendesk", N: 3}, {Value: "freshdesk", N: 2}}},
		"requester:cy@acme.io test=false": {Rows: 1, First: at(1).Unix(), Last: at(1).Unix(), Sources: []Count{{Value: "zendesk", N: 1}}},
	}
	for k, w := range want {
		if g := got[k]; !reflect.DeepEqual(norm(g), norm(w)) {
			t.Errorf("%s = %+v, want %+v", k, g, w)
		}
	}
}
