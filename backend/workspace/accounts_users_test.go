package workspace

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"
)

// The flat user table sums events as a plain sum per user does: days in
// and out of order over many blocks, several addresses and sources, names
// with first and last times.
func TestUserTableSums(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	tab := newUserTable()
	clock := newDayClock(time.UTC)
	type ev struct {
		id, source, email string
		name              int32
		at                int64
	}
	var evs []ev
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	for i := range 20000 {
		u := r.IntN(50)
		at := start + int64(i)*3600 + int64(r.IntN(7200)) - 3600 // mostly in order
		if r.IntN(50) == 0 {
			at -= 40 * 86400 // now and then a late one
		}
		e := ev{id: fmt.Sprintf("u%d", u), source: "posthog", email: fmt.Sprintf("p%d@x.io", u), name: int32(r.IntN(7)), at: at}
		if r.IntN(30) == 0 {
			e.email = fmt.Sprintf("Other%d@X.io", u)
		}
		if r.IntN(40) == 0 {
			e.source = "mixpanel"
		}
		if r.IntN(20) == 0 {
			e.email = ""
		}
		evs = append(evs, e)
	}
	want := map[string]*Ident{}
	for _, e := range evs {
		tab.event(tab.user(e.id, e.at), e.source, e.email, e.name, e.at, clock.day(e.at), e.name == 3)
		w := want[e.id]
		if w == nil {
			w = &Ident{}
			want[e.id] = w
		}
		one := &Ident{Rows: 1, First: e.at, Last: e.at, Sources: []Count{{Value: e.source, N: 1}},
			Names: []NameUse{{Name: e.name, Events: 1, First: e.at, Last: e.at}}}
		core := int32(0)
		if e.name == 3 {
			core = 1
		}
		one.Activity = EncodeDays([]Day{{Day: clock.day(e.at), Events: 1, Core: core}})
		if e.email != "" {
			one.Emails = []Count{{Value: e.email, N: 1}}
		}
		if w.Rows == 0 {
			*w = *one
			w.Emails = nil
			w.Add(&Ident{Emails: one.Emails}, 0)
		} else {
			w.Add(one, 0)
		}
	}
	got := map[string]*Ident{}
	tab.each(func(id string, sum *Ident) { got[id] = sum })
	if len(got) != len(want) {
		t.Fatalf("%d users, want %d", len(got), len(want))
	}
	for id, w := range want {
		var emails []Count // as the table normalises them
		for _, c := range w.Emails {
			emails = addCounts(emails, []Count{{Value: lower(c.Value), N: c.N}})
		}
		w.Emails = emails
		sortCounts(w.Emails)
		sortCounts(w.Sources)
		if g := got[id]; !reflect.DeepEqual(norm(*g), norm(*w)) {
			t.Errorf("%s: %+v\nwant %+v", id, *g, *w)
		}
	}
}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 32
		}
	}
	return string(b)
}
