package workspace

import "testing"

// row is a table's values with the named columns set, the others NULL.
func rowOf(t *testing.T, kind string, set map[string]any) []any {
	t.Helper()
	tb := tables[kind]
	vals := make([]any, len(tb.cols))
	for name, v := range set {
		i := -1
		for j, c := range tb.cols {
			if c == name {
				i = j
			}
		}
		if i < 0 {
			t.Fatalf("no column %s in %s", name, tb.name)
		}
		vals[i] = v
	}
	return vals
}

// compare (defect 10 of issue 16) says which of two states of one row is
// the newer by what the data says, and nothing when it does not say.
func TestCompareStates(t *testing.T) {
	type m = map[string]any
	for _, c := range []struct {
		name, kind string
		old, new   m
		want       int
	}{
		{"a refund does not un-happen", "payment",
			m{"source": "stripe", "refunded": int64(2900), "status": "refunded"}, m{"source": "stripe", "refunded": int64(0), "status": "paid"}, -1},
		{"a refund happens", "payment",
			m{"source": "stripe", "refunded": int64(0), "status": "paid"}, m{"source": "stripe", "refunded": int64(2900), "status": "refunded"}, 1},
		{"a dispute does not un-happen", "payment",
			m{"source": "stripe", "refunded": int64(0), "disputed_amount": int64(2900)}, m{"source": "stripe", "refunded": int64(0)}, -1},
		{"a description says nothing", "payment",
			m{"source": "stripe", "refunded": int64(0), "description": "a"}, m{"source": "stripe", "refunded": int64(0), "description": "b"}, 0},
		{"a refund in a migrated copy counts", "payment",
			m{"source": "gumroad", "refunded": int64(0)}, m{"source": "lemonsqueezy", "refunded": int64(500)}, 1},
		{"a migrated copy does not undo a refund", "payment",
			m{"source": "gumroad", "refunded": int64(500)}, m{"source": "lemonsqueezy", "refunded": int64(0)}, -1},
		{"a canceled subscription does not come back", "subscription",
			m{"source": "stripe", "status": "canceled", "canceled_at": int64(1700000000)}, m{"source": "stripe", "status": "active"}, -1},
		{"a trial becomes active", "subscription",
			m{"source": "stripe", "status": "trialing"}, m{"source": "stripe", "status": "active"}, 1},
		{"a later period end", "subscription",
			m{"source": "stripe", "status": "active", "current_period_end": int64(200)}, m{"source": "stripe", "status": "active", "current_period_end": int64(100)}, -1},
		{"a paid invoice does not reopen", "invoice",
			m{"source": "stripe", "status": "paid", "paid": true}, m{"source": "stripe", "status": "open", "paid": false}, -1},
		{"a solved ticket does not reopen by an older file", "ticket",
			m{"source": "zendesk", "status": "solved"}, m{"source": "zendesk", "status": "open"}, -1},
		{"a first reply once given stays", "ticket",
			m{"source": "zendesk", "status": "open", "first_reply_minutes": int64(30)}, m{"source": "zendesk", "status": "open"}, -1},
		{"two first replies say nothing", "ticket",
			m{"source": "zendesk", "status": "open", "first_reply_minutes": int64(30)}, m{"source": "zendesk", "status": "open", "first_reply_minutes": int64(20)}, 0},
		{"an update time decides before the status", "ticket",
			m{"source": "zendesk", "status": "solved", "attrs": `{"Updated at":"2026-01-02 10:00:00"}`},
			m{"source": "zendesk", "status": "open", "attrs": `{"Updated at":"2026-01-05 10:00:00"}`}, 1},
		{"an older update time", "customer",
			m{"source": "stripe", "attrs": `{"updated_at":"2026-01-05T10:00:00Z"}`}, m{"source": "stripe", "attrs": `{"updated_at":"2026-01-02T10:00:00Z"}`}, -1},
		{"an update time in one only says nothing", "customer",
			m{"source": "stripe", "attrs": `{"updated_at":"2026-01-05T10:00:00Z"}`}, m{"source": "stripe", "attrs": `{}`}, 0},
	} {
		got := compare(tables[c.kind].name, rowOf(t, c.kind, c.old), rowOf(t, c.kind, c.new))
		if got != c.want {
			t.Errorf("%s: %d, want %d", c.name, got, c.want)
		}
	}
}
