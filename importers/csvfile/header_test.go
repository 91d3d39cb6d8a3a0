package csvfile

import "testing"

func TestHeaderIndex(t *testing.T) {
	h := &Header{Names: []string{"id", " Created date (UTC) ", "\uFEFFAmount", `"Currency"`, "Amount", "Customer Email"}}
	tests := []struct {
		aliases []string
		want    int
	}{
		{[]string{"id"}, 0},
		{[]string{"ID"}, 0},
		{[]string{"Created (UTC)", "created date (utc)"}, 1},
		{[]string{"amount"}, 2}, // first of duplicates, BOM ignored
		{[]string{"currency"}, 3},
		{[]string{" CUSTOMER EMAIL "}, 5},
		{[]string{"Email", "Customer Email"}, 5},
		{[]string{"missing"}, -1},
		{nil, -1},
	}
	for _, tt := range tests {
		if got := h.Index(tt.aliases...); got != tt.want {
			t.Errorf("Index(%q) = %d, want %d", tt.aliases, got, tt.want)
		}
	}
	if !h.Has("ID", "amount", "Currency") || h.Has("id", "nope") || !h.Has() {
		t.Error("Has")
	}
	var nilHeader *Header
	if nilHeader.Index("x") != -1 || nilHeader.Len() != 0 {
		t.Error("nil header")
	}
	if NewHeader(" a ", "\uFEFFb").Index("b") != 1 {
		t.Error("NewHeader does not clean names")
	}
}

func TestRowGet(t *testing.T) {
	h := NewHeader("a", "b", "c")
	r := NewRow(h, 7, "  x ", "", "\ty")
	tests := []struct {
		i    int
		want string
	}{{0, "x"}, {1, ""}, {2, "y"}, {3, ""}, {-1, ""}}
	for _, tt := range tests {
		if got := r.Get(tt.i); got != tt.want {
			t.Errorf("Get(%d) = %q, want %q", tt.i, got, tt.want)
		}
	}
	if r.Lookup("C") != "y" || r.Lookup("zz") != "" || r.Header() != h || r.Line != 7 {
		t.Error("Lookup/Header/Line")
	}
	if (Row{Fields: []string{"q"}}).Lookup("a") != "" {
		t.Error("Lookup without header")
	}
}

// TestAmbiguity: a lookup that finds a name held twice is remembered and
// refused; a name held twice that nothing looks up is not.
func TestAmbiguity(t *testing.T) {
	h := NewHeader("id", "Amount", "note", " amount ", "note")
	if h.Ambiguity() != nil {
		t.Fatal("ambiguous before any lookup")
	}
	if h.Index("id") != 0 || h.Ambiguity() != nil {
		t.Error("id is not ambiguous")
	}
	if h.Index("Total", "AMOUNT") != 1 {
		t.Error("the first Amount is returned")
	}
	err := h.Ambiguity()
	if err == nil || err.Error() != `the column "Amount" appears twice in the header (columns 2 and 4); Keel cannot tell which one is meant: rename or remove one of them and import the file again` {
		t.Errorf("%v", err)
	}
}
