package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"keel/importers"
)

// hostile is one bad or odd input and what Keel must say about it.
type hostile struct {
	name string
	file string                                // base name of the file written
	data func(t *testing.T, dir string) string // writes the input, returns its path (default: file with body)
	body string
	req  Request
	// Either the file is refused with err (and the workspace is unchanged),
	// or it imports with these counts and these rejected lines.
	err              string
	imported, reject int
	rejects          map[int]string
}

// TestHostileInputs runs the reading side's hostile inputs through
// RunAll, as `keel import` does: each refusal is a sentence naming the
// file and leaves every row of the workspace as it was; each accepted
// file imports what it can and lists every rejected row with its line.
// `go test -run TestHostileInputs -v` prints the table of messages.
func TestHostileInputs(t *testing.T) {
	good := payRow("ch_ok", "2026-01-05 10:00:00", "29.00", "usd", "Paid")
	utf16 := func(bom bool) string {
		enc := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
		if bom {
			enc = unicode.UTF16(unicode.LittleEndian, unicode.UseBOM)
		}
		s, _ := enc.NewEncoder().String(payHeader + good)
		return s
	}
	cp1252, _ := charmap.Windows1252.NewEncoder().String(payHeader + payRow("ch_w", "2026-01-05 10:00:00", "29.00", "usd", "Paid")[:0] +
		"ch_w,2026-01-05 10:00:00,29.00,0.00,usd,true,29.00,0.00,usd,,Café crème,0.50,,KEEL,Paid,Payment complete.,0.00,pm_1,cus_1,,a@example.com,in_1,\n")
	semicolon := strings.ReplaceAll(payHeader, ",", ";") +
		"ch_s;2026-01-05 10:00:00;1.234,56;0,00;eur;true;1.234,56;0,00;eur;;Sub;0,50;;KEEL;Paid;ok;0,00;pm_1;cus_1;;a@example.com;in_1;\n"
	var wideHeader strings.Builder
	wideHeader.WriteString(strings.TrimSuffix(payHeader, "\n"))
	for i := 0; i < 10000-23; i++ {
		fmt.Fprintf(&wideHeader, ",extra %d", i)
	}
	wideRow := strings.TrimSuffix(good, "\n") + strings.Repeat(",", 10000-23) + "\n"
	// A real first line, then 40 MB of blank lines: deflate packs the
	// run about a thousand to one, past Keel's 500.
	bomb := strings.Builder{}
	bomb.WriteString(mixpanelLine(1))
	bomb.WriteString(strings.Repeat("\n", 40<<20))
	cases := []hostile{
		{name: "empty", file: "empty.csv", err: "empty.csv: the file is empty"},
		{name: "BOM only", file: "bom.csv", body: "\uFEFF", err: "bom.csv: the file is empty"},
		{name: "header only", file: "header.csv", body: payHeader, err: "header.csv: the file has a header but no data rows"},
		{name: "binary", file: "data.csv", body: "\x00\x01\x02garbage\x00\xff", err: "data.csv: this is not a text file (it looks binary)"},
		{name: "PNG renamed", file: "logo.csv", body: "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + strings.Repeat("\x00\x01\x02\xc8", 400), err: "logo.csv: this is not a text file (it looks binary)"},
		{name: "NUL bytes in a field", file: "nul.csv", body: payHeader + strings.Replace(good, "Sub", "S\x00ub", 1), err: "nul.csv: this is not a text file (it looks binary)"},
		{name: "UTF-16 with BOM", file: "u16.csv", body: utf16(true), imported: 1},
		{name: "UTF-16 without BOM", file: "u16nobom.csv", body: utf16(false), imported: 1},
		{name: "Windows-1252", file: "cp1252.csv", body: cp1252, imported: 1},
		{name: "; and decimal commas", file: "excel.csv", body: semicolon, imported: 1},
		{name: "mixed line endings", file: "mixed.csv", body: strings.TrimSuffix(payHeader, "\n") + "\r\n" + strings.Replace(good, "\n", "\r", 1) +
			payRow("ch_2", "2026-01-06 10:00:00", "29.00", "usd", "Paid"), imported: 2},
		{name: "thousands separators", file: "thousands.csv", body: payHeader + strings.Replace(good, ",29.00,0.00,usd,true,29.00,", `,"1,234.56",0.00,usd,true,"1,234.56",`, 1), imported: 1},
		{name: "unterminated quote", file: "quote.csv", body: payHeader + good + strings.Replace(good, "Sub", `"Sub`, 1),
			err: `quote.csv: line 3: a quoted field starts here but its closing quote (") is missing; nothing was imported`},
		{name: "unknown currency", file: "cur.csv", body: payHeader + good + payRow("ch_x", "2026-01-05 10:00:00", "29.00", "xyz", "Paid"),
			imported: 1, reject: 1, rejects: map[int]string{3: `unknown currency "xyz"`}},
		{name: "impossible date", file: "feb30.csv", body: payHeader + good + payRow("ch_x", "2026-02-30 10:00:00", "29.00", "usd", "Paid"),
			imported: 1, reject: 1, rejects: map[int]string{3: `Created date (UTC) "2026-02-30 10:00:00" is not a date`}},
		{name: "placeholder date", file: "placeholder.csv", body: payHeader + good + payRow("ch_x", "1900-01-01 00:00:00", "29.00", "usd", "Paid"),
			imported: 1, reject: 1, rejects: map[int]string{3: `Created date (UTC) "1900-01-01 00:00:00" is a placeholder, not a date`}},
		{name: "date before 1990", file: "old.csv", body: payHeader + good + payRow("ch_x", "1989-12-31 10:00:00", "29.00", "usd", "Paid"),
			imported: 1, reject: 1, rejects: map[int]string{3: "the payment date 1989-12-31 is before 1990; if it is right, import again allowing old and future dates (keel import --allow-dates)"}},
		{name: "negative paid amount", file: "neg.csv", body: payHeader + good + payRow("ch_x", "2026-01-05 10:00:00", "-5.00", "usd", "Paid"),
			imported: 1, reject: 1, rejects: map[int]string{3: "the amount is negative (-5.00 USD): a payment is never negative, its refunds are in their own column"}},
		{name: "20 MB line", file: "long.csv", body: payHeader + good + strings.Replace(good, "Sub", strings.Repeat("y", 20<<20), 1),
			imported: 1, reject: 1, rejects: map[int]string{3: "a field is longer than 1 MiB (20.0 MiB)"}},
		{name: "17 MB row of fields under 1 MiB", file: "longrow.csv", body: payHeader + good + strings.Repeat(strings.Repeat("z", 1<<20-1)+",", 17) + "z\n",
			imported: 1, reject: 1, rejects: map[int]string{3: "the row is longer than 16 MiB"}},
		{name: "row far wider than its header", file: "wide.csv", body: payHeader + good + strings.Repeat("x,", 100000) + "x\n",
			imported: 1, reject: 1, rejects: map[int]string{3: "row has more than 87 fields but the header has 23"}},
		{name: "10,000 columns", file: "10k.csv", body: wideHeader.String() + "\n" + wideRow, imported: 1},
		{name: "20 MB of commas", file: "commas.csv", body: strings.Repeat(",", 20<<20), err: "commas.csv: the file is empty (it has only blank lines)"},
		{name: "a name twice in the header", file: "dup.csv", body: strings.Replace(payHeader, "Converted Amount Refunded", "Amount Refunded", 1) + good,
			err: `dup.csv: the column "Amount Refunded" appears twice in the header (columns 4 and 8); Keel cannot tell which one is meant: rename or remove one of them and import the file again`},
		{name: "JSON lines named .csv forced as Stripe", file: "mixpanel.csv", body: mixpanelLine(1), req: Request{Source: "stripe", Kind: "payments"},
			err: "mixpanel.csv: this file holds JSON, not a CSV table"},
		{name: "gzip bomb", file: "bomb.jsonl.gz", data: func(t *testing.T, dir string) string {
			return writeIn(t, dir, "bomb.jsonl.gz", gz(t, []byte(bomb.String())))
		}, err: "bomb.jsonl.gz: bomb.jsonl.gz expands to more than 500 times its compressed size, which only a zip bomb does (a file built to exhaust memory or disk); Keel stopped reading it; nothing was imported"},
		{name: "zip bomb", file: "bomb.zip", data: func(t *testing.T, dir string) string {
			return writeIn(t, dir, "bomb.zip", zipOf(t, zipMember{name: "events.jsonl", data: []byte(bomb.String())}))
		}, err: "bomb.zip: events.jsonl expands to more than 500 times its compressed size, which only a zip bomb does (a file built to exhaust memory or disk); Keel stopped reading it; nothing was imported"},
		{name: "path traversal in a ZIP", file: "traversal.zip", data: func(t *testing.T, dir string) string {
			return writeIn(t, dir, "traversal.zip", zipOf(t, zipMember{name: "../../../tmp/evil.csv", data: []byte(payHeader + good)}))
		}, imported: 1},
		{name: "Excel workbook", file: "book.xlsx", data: func(t *testing.T, dir string) string {
			return writeIn(t, dir, "book.xlsx", zipOf(t, zipMember{name: "xl/workbook.xml", data: []byte("<x/>")}))
		}, err: "book.xlsx: this is an Excel workbook, not an export Keel reads; save the sheet as CSV and import that"},
		{name: "symlink to an export", file: "link.csv", data: func(t *testing.T, dir string) string {
			target := writeIn(t, dir, "target.csv", []byte(payHeader+good))
			link := filepath.Join(dir, "link.csv")
			os.Symlink(target, link)
			return link
		}, imported: 1},
		{name: "symlink to a device", file: "zero.csv", data: func(t *testing.T, dir string) string {
			link := filepath.Join(dir, "zero.csv")
			os.Symlink("/dev/zero", link)
			return link
		}, err: "zero.csv: this is a device, not a file; save the export as a file and import that file"},
		{name: "folder", file: "exports", data: func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "exports")
			os.Mkdir(p, 0o700)
			return p
		}, err: "exports: this is a folder, not a file; import the export files in it"},
		{name: "FIFO", file: "fifo.csv", data: func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "fifo.csv")
			if err := syscall.Mkfifo(p, 0o600); err != nil {
				t.Fatal(err)
			}
			return p
		}, err: "fifo.csv: this is a pipe, not a file; save the export as a file and import that file"},
		{name: "missing file", file: "gone.csv", data: func(t *testing.T, dir string) string { return filepath.Join(dir, "gone.csv") },
			err: "gone.csv: the file does not exist (was it moved or deleted?)"},
		{name: "unknown --currency", file: "c.csv", body: payHeader + good, req: Request{Options: importers.Options{Currency: "dollars"}},
			err: `c.csv: "dollars" is not a currency code Keel knows (give an ISO code such as USD or EUR)`},
	}
	var table strings.Builder
	table.WriteString("| case | what Keel says |\n|---|---|\n")
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db := newDB(t)
			seed(t, db)
			before := dumpHash(t, db)
			dir := t.TempDir()
			path := filepath.Join(dir, c.file)
			if c.data != nil {
				path = c.data(t, dir)
			} else {
				writeIn(t, dir, c.file, []byte(c.body))
			}
			req := c.req
			req.Path = path
			reps := RunAll(context.Background(), db, []Request{req}, nil)
			if len(reps) != 1 {
				t.Fatalf("%d reports", len(reps))
			}
			rep := reps[0]
			if c.err != "" {
				if rep.Err == nil || !strings.HasPrefix(rep.Err.Error(), c.err) {
					t.Errorf("got %+v %v, want %q", rep.Counts, rep.Err, c.err)
				}
				if dumpHash(t, db) != before {
					t.Error("the workspace changed")
				}
				fmt.Fprintf(&table, "| %s | refused: %s |\n", c.name, rep.Err)
				return
			}
			if rep.Err != nil || rep.Imported != c.imported || rep.Rejected != c.reject {
				t.Fatalf("got %+v %v %v", rep.Counts, rep.Err, rep.Rejects)
			}
			var lines []string
			for _, r := range rep.Rejects {
				if c.rejects[r.Line] != r.Reason {
					t.Errorf("line %d: %q, want %q", r.Line, r.Reason, c.rejects[r.Line])
				}
				lines = append(lines, fmt.Sprintf("line %d: %s", r.Line, r.Reason))
			}
			fmt.Fprintf(&table, "| %s | imported %d, rejected %d %s |\n", c.name, rep.Imported, rep.Rejected, strings.Join(lines, "; "))
		})
	}
	if testing.Verbose() {
		fmt.Print(table.String())
	}
}

func writeIn(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}
