package workspace

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Older is the outcome of a record whose stored row is newer than it: the
// row is kept as it is (an older export imported after a newer one).
const Older Outcome = Duplicate + 1

// Which state of a row is the newer is what its data says, asked in this
// order; the first answer decides, and without one the file imported last
// wins, as before:
//
//  1. an update time the export gives (Updated at, updated_at, …) in both;
//  2. what only moves forward, per kind (signals below): a refund or a
//     dispute that happened does not un-happen, a status moves along its
//     order (paid → refunded, trialing → active → canceled, draft → open
//     → paid, unsolved → solved → closed), a period ends later.
//
// Which tool wrote the row decides nothing: a copy of a row in another
// tool (Lemon Squeezy's orders migrated from Gumroad, stored under the
// Gumroad key) may be the newer state (refunded there after the move).
//
// An import keeps the rows it wrote itself as the file gives them: a
// file may list a row twice (the later line wins), as before.

// signal compares one thing of a stored row (old) and an incoming one
// (new): +1 when the incoming is newer, -1 older, 0 when it does not say.
type signal func(old, new []any) int

// signals are each table's, built from its columns' names.
var signals = map[string][]signal{}

func init() {
	for _, t := range tables {
		c := func(name string) int {
			for i, n := range t.cols {
				if n == name {
					return i
				}
			}
			panic("workspace: no column " + name + " in " + t.name)
		}
		var s []signal
		switch t.name {
		case "payments":
			s = []signal{more(c("refunded")), more(c("converted_refunded")), later(c("refunded_at")), more(c("disputed_amount")),
				later(c("disputed_at")), more(c("captured")), rank(c("status"), paymentStatus)}
		case "subscriptions":
			s = []signal{rank(c("status"), subscriptionStatus), later(c("ended_at")), later(c("canceled_at")), later(c("current_period_end"))}
		case "invoices":
			s = []signal{rank(c("status"), invoiceStatus), more(c("amount_paid")), more(c("paid"))}
		case "tickets":
			s = []signal{rank(c("status"), ticketStatus), set(c("first_reply_minutes")), rank(c("satisfaction"), satisfaction)}
		case "payouts":
			s = []signal{rank(c("status"), payoutStatus)}
		}
		signals[t.name] = append([]signal{updated(c("attrs"))}, s...)
	}
}

// olderThanStored reports whether r is older than the row stored under its
// key (newer.go's rule).
func (b *Batch) olderThanStored(t *table, r Row) (bool, error) {
	st, ok := b.current[t.name]
	if !ok {
		var err error
		if st, err = b.tx.Prepare(fmt.Sprintf("SELECT %s FROM %s WHERE key = ?", strings.Join(t.cols, ", "), t.name)); err != nil {
			return false, internal("prepare "+t.name, err)
		}
		if b.current == nil {
			b.current = map[string]*sql.Stmt{}
		}
		b.current[t.name] = st
	}
	old := make([]any, len(t.cols))
	ptrs := make([]any, len(t.cols))
	for i := range old {
		ptrs[i] = &old[i]
	}
	if err := st.QueryRow(r.Key).Scan(ptrs...); err != nil {
		return false, internal("look up a "+r.Kind, err)
	}
	return compare(t.name, old, r.Vals) < 0, nil
}

// compare is newer.go's rule for one row: +1 when new is the newer state,
// -1 when old is, 0 when the data does not say.
func compare(table string, old, new []any) int {
	for _, s := range signals[table] {
		if v := s(old, new); v != 0 {
			return v
		}
	}
	return 0
}

// updated is rule 1: the update times the exports give, when both do.
func updated(attrs int) signal {
	return func(old, new []any) int {
		a, okA := updateTime(text(old[attrs]))
		b, okB := updateTime(text(new[attrs]))
		if !okA || !okB {
			return 0
		}
		return cmp(b, a)
	}
}

// updateKeys are the attribute names of an update time, folded (lower
// case, letters only).
var updateKeys = map[string]bool{"updatedat": true, "updated": true, "updatedtime": true, "updatedon": true, "lastupdated": true,
	"lastupdatedat": true, "lastupdatedtime": true, "modified": true, "modifiedat": true, "lastmodified": true, "datemodified": true}

// updateTime reads the update time in a row's attributes, as unix seconds
// (a time without a zone taken as UTC: both rows of a key come from the
// same tool, in the same zone).
func updateTime(attrs string) (int64, bool) {
	if !strings.Contains(strings.ToLower(attrs), "updated") && !strings.Contains(strings.ToLower(attrs), "modified") {
		return 0, false
	}
	var m map[string]any
	if json.Unmarshal([]byte(attrs), &m) != nil {
		return 0, false
	}
	for k, v := range m {
		if !updateKeys[fold(k)] {
			continue
		}
		s := strings.TrimSpace(fmt.Sprint(v))
		if n, err := strconv.ParseInt(s, 10, 64); err == nil && n > 0 {
			if n > 1e12 { // milliseconds
				n /= 1000
			}
			return n, true
		}
		for _, layout := range []string{time.RFC3339Nano, "2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02 15:04", "2006-01-02 15:04:05 -0700", "2006-01-02"} {
			if t, err := time.Parse(layout, s); err == nil {
				return t.Unix(), true
			}
		}
	}
	return 0, false
}

func fold(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// more says the larger value (or the set one) is newer: an amount refunded,
// a flag that is only ever set.
func more(col int) signal {
	return func(old, new []any) int {
		a, okA := number(old[col])
		b, okB := number(new[col])
		switch {
		case okA && okB:
			return cmp(b, a)
		case okA && a != 0:
			return -1
		case okB && b != 0:
			return 1
		}
		return 0
	}
}

// later says a time that is set, or later, is newer.
func later(col int) signal { return more(col) }

// set says only that a value set once (a first reply) is newer than none:
// two values set say nothing.
func set(col int) signal {
	return func(old, new []any) int {
		_, okA := number(old[col])
		_, okB := number(new[col])
		switch {
		case okA && !okB:
			return -1
		case okB && !okA:
			return 1
		}
		return 0
	}
}

// rank says the status further along its order is newer; a status the
// order does not know says nothing.
func rank(col int, order map[string]int) signal {
	return func(old, new []any) int {
		a, okA := order[strings.ToLower(text(old[col]))]
		b, okB := order[strings.ToLower(text(new[col]))]
		if !okA || !okB {
			return 0
		}
		return cmp(int64(b), int64(a))
	}
}

var (
	paymentStatus = statusOrder(
		"pending processing requires_payment_method requires_action requires_confirmation requires_capture incomplete authorized authorization open draft",
		"paid succeeded success successful completed complete failed failure declined canceled cancelled void voided",
		"refunded partially_refunded partial_refund disputed chargeback charged_back reversed")
	subscriptionStatus = statusOrder(
		"incomplete trialing trial in_trial future pending",
		"active past_due unpaid paused non_renewing",
		"canceled cancelled ended expired incomplete_expired")
	invoiceStatus = statusOrder("draft", "open posted pending payment_due not_paid", "uncollectible", "paid void voided")
	// Tickets: whether it is solved, not which unsolved state it is in
	// (a pending ticket opens again when the customer replies).
	ticketStatus = statusOrder("new", "open pending hold on-hold waiting", "solved resolved", "closed")
	satisfaction = statusOrder("", "offered", "good bad")
	payoutStatus = statusOrder("pending in_transit", "paid failed canceled cancelled")
)

// statusOrder maps each status to its place: the statuses of one string
// share it.
func statusOrder(steps ...string) map[string]int {
	m := map[string]int{}
	for i, s := range steps {
		for _, st := range strings.Fields(s) {
			m[st] = i
		}
		if s == "" {
			m[""] = i
		}
	}
	return m
}

func cmp(a, b int64) int {
	switch {
	case a > b:
		return 1
	case a < b:
		return -1
	}
	return 0
}

// number reads an integer column's value (a flag is 0 or 1); false for
// NULL.
func number(v any) (int64, bool) {
	switch x := v.(type) {
	case int64:
		return x, true
	case bool:
		if x {
			return 1, true
		}
		return 0, true
	case float64:
		return int64(x), true
	}
	return 0, false
}

// text reads a text column's value.
func text(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []byte:
		return string(x)
	}
	return ""
}
