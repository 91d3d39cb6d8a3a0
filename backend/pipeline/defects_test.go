package pipeline

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"keel/backend/workspace"
	"keel/importers"
	hostilews "keel/internal/hostile"
)

// dumpHash is a digest of every row of every table of the workspace, to
// check that a refused file changed nothing at all.
func dumpHash(t *testing.T, db *workspace.DB) string { return hostilews.DumpHash(t, db.SQL()) }

// Defect 1 (issue 16): placeholder dates in a required date reject the row
// with its line; in an optional one they mean empty; dates before 1990 or
// more than a year after today are refused unless the founder confirms.
func TestPlaceholderAndOutOfRangeDates(t *testing.T) {
	db := newDB(t) // today is 2026-03-01
	content := payHeader +
		payRow("ch_1900", "1900-01-01 00:00:00", "10.00", "usd", "Paid") + // line 2
		payRow("ch_zero", "0000-00-00", "10.00", "usd", "Paid") + // line 3
		payRow("ch_null", "null", "10.00", "usd", "Paid") + // line 4
		payRow("ch_excel", "1899-12-30", "10.00", "usd", "Paid") + // line 5
		payRow("ch_1985", "1985-06-01 10:00:00", "10.00", "usd", "Paid") + // line 6
		payRow("ch_2027", "2027-06-01 10:00:00", "10.00", "usd", "Paid") + // line 7
		payRow("ch_ok", "2026-02-01 10:00:00", "10.00", "usd", "Paid") // line 8
	p := write(t, "dates.csv", []byte(content))
	rep := Run(context.Background(), db, Request{Path: p}, nil)
	if rep.Err != nil || rep.Imported != 1 || rep.Rejected != 6 {
		t.Fatalf("%+v %v %v", rep.Counts, rep.Err, rep.Rejects)
	}
	want := map[int]string{
		2: `Created date (UTC) "1900-01-01 00:00:00" is a placeholder, not a date`,
		3: `Created date (UTC) "0000-00-00" is a placeholder, not a date`,
		4: `Created date (UTC) "null" is a placeholder, not a date`,
		5: `Created date (UTC) "1899-12-30" is a placeholder, not a date`,
		6: `the payment date 1985-06-01 is before 1990; if it is right, import again allowing old and future dates (keel import --allow-dates)`,
		7: `the payment date 2027-06-01 is more than a year after today; if it is right, import again allowing old and future dates (keel import --allow-dates)`,
	}
	for _, r := range rep.Rejects {
		if want[r.Line] != r.Reason {
			t.Errorf("line %d: %q, want %q", r.Line, r.Reason, want[r.Line])
		}
	}
	var early int
	db.SQL().QueryRow("SELECT COUNT(*) FROM payments WHERE created < ?", time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC).Unix()).Scan(&early)
	if early != 0 {
		t.Errorf("%d payments stored before 1990", early)
	}
	// Confirmed: the old and future dates import; placeholders still do not.
	db = newDB(t)
	rep = Run(context.Background(), db, Request{Path: p, Options: importers.Options{AllowDates: true}}, nil)
	if rep.Err != nil || rep.Imported != 3 || rep.Rejected != 4 {
		t.Fatalf("allowed: %+v %v %v", rep.Counts, rep.Err, rep.Rejects)
	}
	// Optional: a Solved at placeholder is empty.
	db = newDB(t)
	zd := write(t, "tickets.csv", []byte("Id,Requester id,Status,Created at,Solved at,Via\n1,2,Open,2026-01-01 10:00:00,1900-01-01 00:00:00,Mail\n"))
	if rep := Run(context.Background(), db, Request{Path: zd}, nil); rep.Err != nil || rep.Imported != 1 {
		t.Fatalf("tickets: %+v %v", rep.Counts, rep.Err)
	}
	var solved sql.NullInt64
	db.SQL().QueryRow("SELECT solved FROM tickets").Scan(&solved)
	if solved.Valid {
		t.Errorf("Solved at 1900 stored as %d", solved.Int64)
	}
}

// Defect 3 (issue 16): a ZIP holding several kinds of export goes through
// the same zip-bomb limits as any archive, nothing is extracted to disk,
// and folders left by a Keel killed while extracting are removed.
func TestMixedZipBombAndLeftovers(t *testing.T) {
	defer func(a, b, c int64) { maxExpanded, maxRatio, ratioFree = a, b, c }(maxExpanded, maxRatio, ratioFree)
	maxRatio, ratioFree = 20, 1<<20
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	stale := filepath.Join(tmp, "keel-unzip-1234567")
	os.MkdirAll(stale, 0o700)
	os.WriteFile(filepath.Join(stale, "payments.csv"), []byte("left by a killed import"), 0o600)

	customers := "id,Description,Email,Name,Created (UTC),Delinquent,Plan,Status,Cancel At Period End,Account Balance,Currency,Total Spend\n" +
		"cus_1,,a@example.com,A,2026-01-01 10:00,false,,,,0,usd,0\n"
	var pay strings.Builder
	pay.WriteString(payHeader)
	for pay.Len() < 3<<20 {
		pay.WriteString(payRow("ch_same", "2026-01-05 10:00:00", "29.00", "usd", "Paid")) // compresses far beyond 20×
	}
	data := zipOf(t, zipMember{name: "customers.csv", data: []byte(customers)}, zipMember{name: "payments.csv", data: []byte(pay.String())})
	db := newDB(t)
	reps := RunAll(context.Background(), db, []Request{{Path: write(t, "export.zip", data)}}, nil)
	if len(reps) != 2 {
		t.Fatalf("%d reports", len(reps))
	}
	if reps[0].Err != nil || reps[0].Kind != "customers" || reps[0].Imported != 1 {
		t.Errorf("customers: %+v %v", reps[0].Counts, reps[0].Err)
	}
	if reps[1].Err == nil || reps[1].Err.Error() != "export.zip › payments.csv: payments.csv expands to more than 20 times its compressed size, which only a zip bomb does (a file built to exhaust memory or disk); Keel stopped reading it; nothing was imported" {
		t.Errorf("payments: %+v %v", reps[1].Counts, reps[1].Err)
	}
	left, _ := filepath.Glob(filepath.Join(tmp, "keel-unzip-*"))
	if len(left) != 0 {
		t.Errorf("left in the temp folder: %v", left)
	}
}

// Defect 4 (issue 16): a negative amount on a paid payment is rejected
// with its line, never stored.
func TestNegativePaidAmount(t *testing.T) {
	db := newDB(t)
	p := write(t, "neg.csv", []byte(payHeader+
		payRow("ch_ok", "2026-01-05 10:00:00", "29.00", "usd", "Paid")+ // line 2
		payRow("ch_neg", "2026-01-05 10:00:00", "-29.00", "usd", "Paid"))) // line 3
	rep := Run(context.Background(), db, Request{Path: p}, nil)
	if rep.Err != nil || rep.Imported != 1 || rep.Rejected != 1 || rep.Rejects[0].Line != 3 ||
		rep.Rejects[0].Reason != "the amount is negative (-29.00 USD): a payment is never negative, its refunds are in their own column" {
		t.Fatalf("%+v %v %v", rep.Counts, rep.Err, rep.Rejects)
	}
}

// Defect 5 (issue 16): a row far wider than its header is refused early
// with its line; a first row of millions of commas is not a header.
func TestWideRows(t *testing.T) {
	db := newDB(t)
	wide := strings.Repeat("x,", 2_000_000) + "x\n"
	p := write(t, "wide.csv", []byte(payHeader+payRow("ch_ok", "2026-01-05 10:00:00", "29.00", "usd", "Paid")+wide))
	rep := Run(context.Background(), db, Request{Path: p}, nil)
	if rep.Err != nil || rep.Imported != 1 || rep.Rejected != 1 || rep.Rejects[0].Line != 3 ||
		rep.Rejects[0].Reason != "row has more than 87 fields but the header has 23" {
		t.Fatalf("%+v %v %v", rep.Counts, rep.Err, rep.Rejects)
	}
	before := dumpHash(t, db)
	var cols strings.Builder
	for i := 0; cols.Len() < 20<<20; i++ {
		fmt.Fprintf(&cols, "c%d,", i)
	}
	for _, c := range []struct{ name, data, want string }{
		{"commas.csv", strings.Repeat(",", 20<<20), "commas.csv: the file is empty (it has only blank lines)"},
		{"columns.csv", cols.String() + "\n1,2\n", "columns.csv: the first row has more than 16384 columns, so it is not a header row (is this really a CSV export?)"},
	} {
		rep = Run(context.Background(), db, Request{Path: write(t, c.name, []byte(c.data))}, nil)
		if rep.Err == nil || rep.Err.Error() != c.want {
			t.Errorf("%s: %v", c.name, rep.Err)
		}
	}
	if dumpHash(t, db) != before {
		t.Error("the workspace changed")
	}
}

// Defect 8 (issue 16): a FIFO, a device or a folder is refused at once
// with a sentence, never read (a FIFO would wait forever for a writer).
func TestSpecialFilesRefused(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "export.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	folder := filepath.Join(dir, "folder.csv")
	os.Mkdir(folder, 0o700)
	for _, c := range []struct{ path, want string }{
		{fifo, "export.csv: this is a pipe, not a file; save the export as a file and import that file"},
		{folder, "folder.csv: this is a folder, not a file; import the export files in it"},
		{"/dev/null", "null: this is a device, not a file; save the export as a file and import that file"},
	} {
		db := newDB(t)
		before := dumpHash(t, db)
		done := make(chan []Report, 1)
		go func() { done <- RunAll(context.Background(), db, []Request{{Path: c.path}}, nil) }()
		select {
		case reps := <-done:
			if len(reps) != 1 || reps[0].Err == nil || reps[0].Err.Error() != c.want {
				t.Errorf("%s: %+v", c.path, reps)
			}
		case <-time.After(5 * time.Second):
			// Let the blocked open go: a writer on the FIFO.
			if w, err := os.OpenFile(fifo, os.O_WRONLY, 0); err == nil {
				w.Close()
			}
			t.Fatalf("%s: still waiting after 5 s", c.path)
		}
		if dumpHash(t, db) != before {
			t.Errorf("%s: the workspace changed", c.path)
		}
		lp := Look(c.path)
		if lp.Err == nil || lp.Err.Error() != c.want {
			t.Errorf("preview of %s: %v", c.path, lp.Err)
		}
	}
}

// Defect 9 (issue 16): a header naming one column twice is refused when
// the importer reads that column, naming the file and the column.
func TestDuplicateHeaderNames(t *testing.T) {
	db := newDB(t)
	seed(t, db)
	before := dumpHash(t, db)
	header := strings.Replace(payHeader, "Converted Amount Refunded", "Amount Refunded", 1)
	p := write(t, "dup.csv", []byte(header+payRow("ch_dup", "2026-01-05 10:00:00", "29.00", "usd", "Refunded")))
	rep := Run(context.Background(), db, Request{Path: p}, nil)
	if rep.Err == nil || rep.Err.Error() != `dup.csv: the column "Amount Refunded" appears twice in the header (columns 4 and 8); Keel cannot tell which one is meant: rename or remove one of them and import the file again` {
		t.Errorf("%+v %v", rep.Counts, rep.Err)
	}
	if dumpHash(t, db) != before {
		t.Error("the workspace changed")
	}
	// Two columns of one name that nothing reads are no reason to refuse.
	ok := strings.Replace(payHeader, "Transfer", "note", 1)
	ok = strings.Replace(ok, "Taxes On Fee", "note", 1)
	p = write(t, "notes.csv", []byte(ok+payRow("ch_notes", "2026-01-05 10:00:00", "29.00", "usd", "Paid")))
	if rep := Run(context.Background(), db, Request{Path: p}, nil); rep.Err != nil || rep.Imported != 1 {
		t.Errorf("unused duplicate: %+v %v", rep.Counts, rep.Err)
	}
}

// An archive of thousands of files is refused before its directory is
// read; its members' names never decide where anything is written, since
// nothing is (a "../" name imports like any other).
func TestArchiveMembersLimitAndNames(t *testing.T) {
	defer func(n int) { maxMembers = n }(maxMembers)
	maxMembers = 3
	var ms []zipMember
	for i := range 4 {
		ms = append(ms, zipMember{name: fmt.Sprintf("e%d.jsonl", i), data: []byte(mixpanelLine(i))})
	}
	db := newDB(t)
	before := dumpHash(t, db)
	rep := Run(context.Background(), db, Request{Path: write(t, "many.zip", zipOf(t, ms...))}, nil)
	if rep.Err == nil || rep.Err.Error() != "many.zip: this ZIP archive holds 4 files, more than the 3 of any export; Keel did not open it" {
		t.Errorf("%v", rep.Err)
	}
	if dumpHash(t, db) != before {
		t.Error("the workspace changed")
	}
	dir := t.TempDir()
	zp := filepath.Join(dir, "in", "traversal.zip")
	os.MkdirAll(filepath.Dir(zp), 0o700)
	os.WriteFile(zp, zipOf(t, zipMember{name: "../../evil.jsonl", data: []byte(mixpanelLine(1))}), 0o600)
	reps := RunAll(context.Background(), db, []Request{{Path: zp}}, nil)
	if len(reps) != 1 || reps[0].Err != nil || reps[0].Imported != 1 {
		t.Fatalf("%+v", reps)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "*")); len(left) != 1 {
		t.Errorf("written beside the archive: %v", left)
	}
}
