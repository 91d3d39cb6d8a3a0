package csvfile

import (
	"bytes"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"

	"keel/backend"
)

// readAll opens text and reads every row.
func readAll(t *testing.T, r io.Reader) (*Reader, []Row) {
	t.Helper()
	rd, err := Open(r)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	var rows []Row
	for {
		row, err := rd.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("Next after %d rows: %v", len(rows), err)
		}
		rows = append(rows, row)
	}
	return rd, rows
}

type wantRow struct {
	line    int
	fields  []string
	problem string
}

func TestReaderRecords(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		sep    rune
		header []string
		rows   []wantRow
	}{
		{
			name:   "plain LF",
			in:     "a,b,c\n1,2,3\n4,5,6\n",
			sep:    ',',
			header: []string{"a", "b", "c"},
			rows:   []wantRow{{2, []string{"1", "2", "3"}, ""}, {3, []string{"4", "5", "6"}, ""}},
		},
		{
			name:   "CRLF and no final newline",
			in:     "a,b\r\n1,2\r\n3,4",
			sep:    ',',
			header: []string{"a", "b"},
			rows:   []wantRow{{2, []string{"1", "2"}, ""}, {3, []string{"3", "4"}, ""}},
		},
		{
			name:   "old Mac CR line ends",
			in:     "a,b\r1,2\r3,4\r",
			sep:    ',',
			header: []string{"a", "b"},
			rows:   []wantRow{{2, []string{"1", "2"}, ""}, {3, []string{"3", "4"}, ""}},
		},
		{
			name:   "blank lines skipped but counted",
			in:     "a,b\n\n1,2\r\n\r\n\r\n3,4\n\n",
			sep:    ',',
			header: []string{"a", "b"},
			rows:   []wantRow{{3, []string{"1", "2"}, ""}, {6, []string{"3", "4"}, ""}},
		},
		{
			name:   "blank lines before the header",
			in:     "\n\na,b\n1,2\n",
			sep:    ',',
			header: []string{"a", "b"},
			rows:   []wantRow{{4, []string{"1", "2"}, ""}},
		},
		{
			name:   "separator-only lines are empty spreadsheet rows",
			in:     "a,b,c\n1,2,3\n,,\n , ,\n4,5,6\n",
			sep:    ',',
			header: []string{"a", "b", "c"},
			rows:   []wantRow{{2, []string{"1", "2", "3"}, ""}, {5, []string{"4", "5", "6"}, ""}},
		},
		{
			name:   "quoted empty fields are data",
			in:     "a,b\n\"\",\"\"\n",
			sep:    ',',
			header: []string{"a", "b"},
			rows:   []wantRow{{2, []string{"", ""}, ""}},
		},
		{
			name:   "quoted multi-line fields keep line numbers",
			in:     "id,note,n\n1,\"first\nsecond\nthird\",x\n2,\"one\r\ntwo\",y\n3,plain,z\n",
			sep:    ',',
			header: []string{"id", "note", "n"},
			rows: []wantRow{
				{2, []string{"1", "first\nsecond\nthird", "x"}, ""},
				{5, []string{"2", "one\ntwo", "y"}, ""},
				{7, []string{"3", "plain", "z"}, ""},
			},
		},
		{
			name:   "doubled quotes and separators inside quotes",
			in:     "a,b\n\"say \"\"hi\"\", ok\",\"x;y\tz\"\n",
			sep:    ',',
			header: []string{"a", "b"},
			rows:   []wantRow{{2, []string{`say "hi", ok`, "x;y\tz"}, ""}},
		},
		{
			name:   "stray quotes read leniently",
			in:     "a,b\nsay \"hi\",\"quoted\"tail\n",
			sep:    ',',
			header: []string{"a", "b"},
			rows:   []wantRow{{2, []string{`say "hi"`, "quotedtail"}, ""}},
		},
		{
			name:   "semicolon separator",
			in:     "Name;Amount;Note\nAda;1.234,56;a, b\n",
			sep:    ';',
			header: []string{"Name", "Amount", "Note"},
			rows:   []wantRow{{2, []string{"Ada", "1.234,56", "a, b"}, ""}},
		},
		{
			name:   "tab separator",
			in:     "Name\tAmount, USD\tNote\nAda\t12\tx, y\nBob\t13\tz\n",
			sep:    '\t',
			header: []string{"Name", "Amount, USD", "Note"},
			rows:   []wantRow{{2, []string{"Ada", "12", "x, y"}, ""}, {3, []string{"Bob", "13", "z"}, ""}},
		},
		{
			name:   "quoted separators do not count when sniffing",
			in:     "\"a;b;c\",d\n1,2\n",
			sep:    ',',
			header: []string{"a;b;c", "d"},
			rows:   []wantRow{{2, []string{"1", "2"}, ""}},
		},
		{
			name:   "single column",
			in:     "email\nx@example.com\ny@example.com\n",
			sep:    ',',
			header: []string{"email"},
			rows:   []wantRow{{2, []string{"x@example.com"}, ""}, {3, []string{"y@example.com"}, ""}},
		},
		{
			name:   "ragged rows have a problem",
			in:     "a,b,c\n1,2\n1,2,3,4\nx\n",
			sep:    ',',
			header: []string{"a", "b", "c"},
			rows: []wantRow{
				{2, []string{"1", "2"}, "row has 2 fields but the header has 3"},
				{3, []string{"1", "2", "3", "4"}, "row has 4 fields but the header has 3"},
				{4, []string{"x"}, "row has 1 field but the header has 3"},
			},
		},
		{
			name:   "header names cleaned",
			in:     "\"Supporter Email\", Name ,\"\"\"Odd\"\"\"\nx, y,z\n",
			sep:    ',',
			header: []string{"Supporter Email", "Name", "Odd"},
			rows:   []wantRow{{2, []string{"x", " y", "z"}, ""}},
		},
		{
			name:   "GA4 comment preamble",
			in:     "# Report\n# Start date: 20250101\nPage,Views\n/,3\n",
			sep:    ',',
			header: []string{"# Report"},
			rows: []wantRow{
				{2, []string{"# Start date: 20250101"}, ""},
				{3, []string{"Page", "Views"}, "row has 2 fields but the header has 1"},
				{4, []string{"/", "3"}, "row has 2 fields but the header has 1"},
			},
		},
		{
			name:   "header only",
			in:     "a,b,c\n",
			sep:    ',',
			header: []string{"a", "b", "c"},
		},
		{
			name:   "header only without newline",
			in:     "a;b",
			sep:    ';',
			header: []string{"a", "b"},
		},
		{
			name:   "UTF-8 BOM stripped",
			in:     "\xEF\xBB\xBFid,Amount\n1,2\n",
			sep:    ',',
			header: []string{"id", "Amount"},
			rows:   []wantRow{{2, []string{"1", "2"}, ""}},
		},
		{
			name:   "non-ASCII UTF-8",
			in:     "desc,n\n1x Vigormax™ (50% OFF),José\n",
			sep:    ',',
			header: []string{"desc", "n"},
			rows:   []wantRow{{2, []string{"1x Vigormax™ (50% OFF)", "José"}, ""}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// One byte at a time too, to cross every buffer boundary.
			for _, mode := range []string{"whole", "onebyte"} {
				var src io.Reader = strings.NewReader(tt.in)
				if mode == "onebyte" {
					src = iotest.OneByteReader(src)
				}
				rd, rows := readAll(t, src)
				if rd.Separator() != tt.sep {
					t.Errorf("%s: separator %q, want %q", mode, rd.Separator(), tt.sep)
				}
				if !reflect.DeepEqual(rd.Header().Names, tt.header) {
					t.Errorf("%s: header %q, want %q", mode, rd.Header().Names, tt.header)
				}
				if len(rows) != len(tt.rows) {
					t.Fatalf("%s: %d rows, want %d: %+v", mode, len(rows), len(tt.rows), rows)
				}
				for i, w := range tt.rows {
					g := rows[i]
					if g.Line != w.line || !reflect.DeepEqual(g.Fields, w.fields) || g.Problem != w.problem {
						t.Errorf("%s: row %d = line %d %q problem %q, want line %d %q problem %q",
							mode, i, g.Line, g.Fields, g.Problem, w.line, w.fields, w.problem)
					}
				}
				if got, want := rd.BytesRead(), int64(len(tt.in)); got != want {
					t.Errorf("%s: BytesRead at the end = %d, want %d", mode, got, want)
				}
			}
		})
	}
}

func TestOpenErrors(t *testing.T) {
	zip := append([]byte("PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00"), bytes.Repeat([]byte{0, 1, 2, 0xff}, 100)...)
	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), bytes.Repeat([]byte{0x03, 0x10, 0x00, 0x7f}, 50)...)
	controls := bytes.Repeat([]byte("ab\x01\x02\x03,"), 100)
	tests := []struct {
		name string
		in   []byte
		code backend.Code
		msg  string
	}{
		{"empty", nil, backend.Invalid, "the file is empty"},
		{"BOM only", []byte("\xEF\xBB\xBF"), backend.Invalid, "the file is empty"},
		{"UTF-16 BOM only", []byte("\xFF\xFE"), backend.Invalid, "the file is empty"},
		{"blank lines only", []byte("\n\r\n  \n"), backend.Invalid, "the file is empty (it has only blank lines)"},
		{"zip (xlsx)", zip, backend.Invalid, "this is not a text file (it looks binary)"},
		{"png", png, backend.Invalid, "this is not a text file (it looks binary)"},
		{"control characters", controls, backend.Invalid, "this is not a text file (it looks binary)"},
		{"NUL in text", []byte("a,b\n1,\x002\n"), backend.Invalid, "this is not a text file (it looks binary)"},
		{"unterminated quote in header", []byte("a,\"b\n1,2\n"), backend.Invalid, `line 1: a quoted field starts here but its closing quote (") is missing`},
		{"huge header field", append([]byte("a,"), bytes.Repeat([]byte("x"), MaxField+10)...), backend.Invalid,
			"the first row has a field longer than 1 MiB, so it is not a header row (is this really a CSV export?)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rd, err := Open(bytes.NewReader(tt.in))
			if err == nil {
				t.Fatalf("Open succeeded (encoding %s), want error %q", rd.Encoding(), tt.msg)
			}
			var be *backend.Error
			if !errors.As(err, &be) {
				t.Fatalf("error %T %v is not a *backend.Error", err, err)
			}
			if be.Code != tt.code || be.Message != tt.msg {
				t.Errorf("error %s %q, want %s %q", be.Code, be.Message, tt.code, tt.msg)
			}
		})
	}
}

func TestMalformedQuoting(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		goodRows int
		msg      string
	}{
		{"unterminated quote", "a,b\n1,2\n3,\"open\n4,5\n6,7\n", 1, `line 3: a quoted field starts here but its closing quote (") is missing`},
		{"unterminated after multi-line", "a,b\n1,\"x\ny\"\n\n2,\"z", 1, `line 5: a quoted field starts here but its closing quote (") is missing`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rd, err := Open(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for {
				_, err = rd.Next()
				if err != nil {
					break
				}
				n++
			}
			if n != tt.goodRows {
				t.Errorf("read %d rows before the error, want %d", n, tt.goodRows)
			}
			if err == io.EOF || backend.ErrorCode(err) != backend.Invalid || err.Error() != tt.msg {
				t.Fatalf("error %v, want Invalid %q", err, tt.msg)
			}
			if _, err2 := rd.Next(); err2 != err {
				t.Errorf("error is not sticky: then %v", err2)
			}
		})
	}
}

// TestHugeField checks a 10 MiB field: the row is returned with a problem,
// the field is cut to MaxField, and the following rows are read normally.
func TestHugeField(t *testing.T) {
	big := strings.Repeat("x", 10<<20)
	for _, tt := range []struct{ name, field string }{
		{"unquoted", big},
		{"quoted", `"` + big + `"`},
		{"quoted with newlines", `"` + strings.Repeat("line of text\n", 10<<20/13) + `"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			in := "id,blob,n\n1," + tt.field + ",a\n2,small,b\n"
			_, rows := readAll(t, strings.NewReader(in))
			if len(rows) != 2 {
				t.Fatalf("%d rows, want 2", len(rows))
			}
			r := rows[0]
			if !strings.HasPrefix(r.Problem, "a field is longer than 1 MiB (") || !strings.HasSuffix(r.Problem, " MiB)") {
				t.Errorf("problem %q", r.Problem)
			}
			if len(r.Fields) != 3 || len(r.Fields[1]) != MaxField || r.Fields[2] != "a" {
				t.Errorf("fields: %d, len(blob) %d, last %q", len(r.Fields), len(r.Fields[1]), r.Fields[len(r.Fields)-1])
			}
			want := 2 + strings.Count(tt.field, "\n") + 1
			if rows[1].Line != want || rows[1].Problem != "" || rows[1].Get(1) != "small" {
				t.Errorf("next row: %+v, want line %d", rows[1], want)
			}
		})
	}
	t.Run("exact size", func(t *testing.T) {
		in := "id,blob\n1," + strings.Repeat("y", 10<<20) + "\n"
		_, rows := readAll(t, strings.NewReader(in))
		if got, want := rows[0].Problem, "a field is longer than 1 MiB (10.0 MiB)"; got != want {
			t.Errorf("problem %q, want %q", got, want)
		}
		in = "id,blob\n1," + strings.Repeat("y", MaxField) + "\n"
		_, rows = readAll(t, strings.NewReader(in))
		if rows[0].Problem != "" {
			t.Errorf("a field of exactly MaxField has problem %q", rows[0].Problem)
		}
	})
}

func TestRowsAreIndependent(t *testing.T) {
	_, rows := readAll(t, strings.NewReader("a,b\n1,2\n3,4\n"))
	if rows[0].Fields[0] != "1" || rows[1].Fields[0] != "3" {
		t.Errorf("rows share storage: %q %q", rows[0].Fields, rows[1].Fields)
	}
}

func TestBytesReadProgresses(t *testing.T) {
	var b strings.Builder
	b.WriteString("id,name,amount\n")
	for i := 0; i < 50000; i++ {
		b.WriteString("12345,some name here,12.34\n")
	}
	for _, enc := range []string{"utf-8", "utf-16le"} {
		in := []byte(b.String())
		if enc == "utf-16le" {
			in = utf16Bytes(b.String(), false, true)
		}
		rd, err := Open(bytes.NewReader(in))
		if err != nil {
			t.Fatal(err)
		}
		last := rd.BytesRead()
		if last < 0 || last > int64(len(in)) {
			t.Fatalf("%s: BytesRead after Open = %d", enc, last)
		}
		for n := 0; ; n++ {
			_, err := rd.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			got := rd.BytesRead()
			if got < last || got > int64(len(in)) {
				t.Fatalf("%s: BytesRead went from %d to %d (size %d)", enc, last, got, len(in))
			}
			last = got
			if half := int64(len(in)) / 2; n == 25000 && (got < half-half/10 || got > half+half/10) {
				t.Errorf("%s: halfway BytesRead = %d of %d", enc, got, len(in))
			}
		}
		if last != int64(len(in)) {
			t.Errorf("%s: BytesRead at the end = %d, want %d", enc, last, len(in))
		}
	}
}

// failingReader returns its data then an error.
type failingReader struct {
	data []byte
	err  error
}

func (f *failingReader) Read(p []byte) (int, error) {
	if len(f.data) == 0 {
		return 0, f.err
	}
	n := copy(p, f.data)
	f.data = f.data[n:]
	return n, nil
}

func TestReadError(t *testing.T) {
	body := "a,b\n" + strings.Repeat("1,2\n", 30000) // longer than the sniffed prefix
	rd, err := Open(&failingReader{data: []byte(body), err: errors.New("disk on fire")})
	if err != nil {
		t.Fatal(err)
	}
	for {
		_, err = rd.Next()
		if err != nil {
			break
		}
	}
	if err == io.EOF || !strings.Contains(err.Error(), "disk on fire") {
		t.Errorf("error %v, want the read error", err)
	}
}
