package accounts

import (
	"reflect"
	"testing"

	"keel/backend/workspace"
)

// The rule's nodes are runs of identities in key order: a caller's list
// out of order is sorted first, a key's live and test-mode identities are
// one node with the addresses of both, each once, and find finds it.
func TestNodesAreRunsOfOneKey(t *testing.T) {
	idents := []workspace.IdentLink{
		{Key: "requester:b@acme.io", Test: true, Rows: 1, Emails: []string{"b@acme.io", "b2@acme.io"}},
		{Key: "requester:c@acme.io", Rows: 0, Emails: []string{"c@acme.io"}}, // gone: no node
		{Key: "customer:stripe:cus_1", Rows: 2, Emails: []string{"a@acme.io"}, Created: 50},
		{Key: "requester:b@acme.io", Rows: 3, Emails: []string{"b@acme.io", "b@acme.io"}},
		{Key: "customer:stripe:cus_1", Test: true, Rows: 1, Emails: []string{"a@acme.io"}, Created: 40},
	}
	ns := collect(linkInput{idents: idents, includeTest: true})
	type got struct {
		key     string
		emails  []string
		created int64
		idents  []int
	}
	var gs []got
	for k := range ns.len() {
		n := ns.at(k)
		gs = append(gs, got{n.key, n.emails, n.created, identsOf(n)})
		for _, i := range identsOf(n) {
			if idents[i].Key != n.key {
				t.Errorf("node %s holds identity %d (%s)", n.key, i, idents[i].Key)
			}
		}
		if f, ok := ns.find(n.key); !ok || f != k {
			t.Errorf("find(%s) = %d, %v, want %d", n.key, f, ok, k)
		}
	}
	want := []got{
		{"customer:stripe:cus_1", []string{"a@acme.io"}, 40, []int{0, 1}},
		{"requester:b@acme.io", []string{"b@acme.io", "b2@acme.io"}, 0, []int{2, 3}},
	}
	if !reflect.DeepEqual(gs, want) {
		t.Errorf("nodes = %+v\nwant    %+v", gs, want)
	}
	if _, ok := ns.find("requester:c@acme.io"); ok {
		t.Error("an identity without rows has a node")
	}
	// Without test-mode rows, a key's live identity alone.
	ns = collect(linkInput{idents: idents})
	if n := ns.at(1); !reflect.DeepEqual(identsOf(n), []int{2}) || !reflect.DeepEqual(n.emails, []string{"b@acme.io"}) {
		t.Errorf("live only: %+v", n)
	}
}

// identsOf lists the input identities of n.
func identsOf(n node) []int {
	var xs []int
	for i := int(n.first); n.has(i); i++ {
		xs = append(xs, i)
	}
	return xs
}
