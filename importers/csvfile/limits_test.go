package csvfile

import (
	"strings"
	"testing"
)

// TestWidthLimits: a row with more fields than its header beyond the slack
// is refused with its line and what follows reads normally; so is a row
// over MaxRecord bytes; a header of more than MaxColumns names is not one.
func TestWidthLimits(t *testing.T) {
	field := strings.Repeat("y", MaxField-1)
	long := strings.Repeat(field+",", 17) + "z" // 17 MiB in fields each under MaxField
	in := "a,b,c\n" +
		"1,2,3\n" + // line 2
		strings.Repeat("x,", 3+FieldSlack-1) + "x\n" + // line 3: header + slack fields: ragged
		strings.Repeat("x,", 3+FieldSlack) + "x\n" + // line 4: one more
		long + "\n" + // line 5
		"4,5,6\n" // line 6
	_, rows := readAll(t, strings.NewReader(in))
	want := []struct {
		line    int
		problem string
	}{
		{2, ""},
		{3, "row has 67 fields but the header has 3"},
		{4, "row has more than 67 fields but the header has 3"},
		{5, "the row is longer than 16 MiB"},
		{6, ""},
	}
	if len(rows) != len(want) {
		t.Fatalf("%d rows", len(rows))
	}
	for i, w := range want {
		if rows[i].Line != w.line || rows[i].Problem != w.problem {
			t.Errorf("row %d: line %d %q, want line %d %q", i, rows[i].Line, rows[i].Problem, w.line, w.problem)
		}
		if len(rows[i].Fields) > 3+FieldSlack {
			t.Errorf("line %d keeps %d fields", rows[i].Line, len(rows[i].Fields))
		}
	}
	if rows[4].Get(2) != "6" {
		t.Errorf("after the wide rows: %q", rows[4].Fields)
	}

	// Within the field limit but over MaxRecord bytes.
	wideHeader := strings.Repeat("h,", 29) + "h\n"
	_, rows = readAll(t, strings.NewReader(wideHeader+long+"\n1\n"))
	if rows[0].Problem != "the row is longer than 16 MiB" || len(rows) != 2 {
		t.Errorf("long row: %q", rows[0].Problem)
	}

	_, err := Open(strings.NewReader(strings.Repeat("c,", MaxColumns) + "c\n1\n"))
	if err == nil || err.Error() != "the first row has more than 16384 columns, so it is not a header row (is this really a CSV export?)" {
		t.Errorf("wide header: %v", err)
	}
	if rd, err := Open(strings.NewReader(strings.Repeat("c,", MaxColumns-1) + "c\n1\n")); err != nil || len(rd.Header().Names) != MaxColumns {
		t.Errorf("header of MaxColumns names: %v", err)
	}
}
