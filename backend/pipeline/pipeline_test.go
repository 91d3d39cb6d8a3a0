package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"keel/backend"
	"keel/backend/workspace"
	"keel/importers"
	_ "keel/importers/all"
)

func newDB(t *testing.T) *workspace.DB {
	t.Helper()
	db, err := workspace.Create(filepath.Join(t.TempDir(), "t.keel"), "T")
	if err != nil {
		t.Fatal(err)
	}
	db.Now = func() time.Time { return time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC) }
	t.Cleanup(func() { db.Close() })
	return db
}

func write(t *testing.T, name string, content []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, content, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// snapshot is a fingerprint of everything a user could lose.
func snapshot(t *testing.T, db *workspace.DB) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []string{
		"SELECT COUNT(*), COALESCE(SUM(amount),0) FROM payments",
		"SELECT COUNT(*) FROM imports",
		"SELECT COUNT(*) FROM import_rejects",
		"SELECT COUNT(*) FROM payments_versions",
		"SELECT COUNT(*) FROM tickets",
	} {
		var a, c int64
		row := db.SQL().QueryRow(q)
		if strings.Contains(q, "SUM") {
			row.Scan(&a, &c)
		} else {
			row.Scan(&a)
		}
		fmt.Fprintf(&b, "%d/%d ", a, c)
	}
	return b.String()
}

const payHeader = "id,Created date (UTC),Amount,Amount Refunded,Currency,Captured,Converted Amount,Converted Amount Refunded,Converted Currency,Decline Reason,Description,Fee,Refunded date (UTC),Statement Descriptor,Status,Seller Message,Taxes On Fee,Card ID,Customer ID,Customer Description,Customer Email,Invoice ID,Transfer\n"

func payRow(id, created, amount, cur, status string) string {
	return fmt.Sprintf("%s,%s,%s,0.00,%s,true,%s,0.00,usd,,Sub,0.50,,KEEL,%s,Payment complete.,0.00,pm_1,cus_1,,a@example.com,in_1,\n",
		id, created, amount, cur, amount, status)
}

// seed imports one good file so that "unchanged" means something.
func seed(t *testing.T, db *workspace.DB) {
	t.Helper()
	p := write(t, "seed.csv", []byte(payHeader+payRow("ch_seed1", "2026-01-05 10:00:00", "29.00", "usd", "Paid")))
	if rep := Run(context.Background(), db, Request{Path: p}, nil); rep.Err != nil || rep.Imported != 1 {
		t.Fatalf("seed: %+v", rep)
	}
}

func TestBadFilesAreRefusedAndChangeNothing(t *testing.T) {
	zendesk := "Id,Requester id,Status,Created at,Solved at,Satisfaction Score,Via\n1,2,Solved,2026-01-01 10:00:00,2026-01-02 10:00:00,Good,Mail\n"
	cases := []struct {
		name    string
		file    string
		content []byte
		req     Request
		want    string
	}{
		{"empty", "empty.csv", nil, Request{}, "empty"},
		{"header only", "header.csv", []byte(payHeader), Request{}, "no data rows"},
		{"binary", "logo.png", append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), bytes.Repeat([]byte{0, 1, 2, 200}, 500)...), Request{}, "binary"},
		{"zendesk offered as stripe", "tickets.csv", []byte(zendesk), Request{Source: "stripe", Kind: "payments"}, "Amount"},
		{"unknown export", "notes.csv", []byte("colour,shape\nred,round\n"), Request{}, "does not recognise"},
		{"every row bad", "bad.csv", []byte(payHeader + payRow("ch_x", "soon", "1.00", "usd", "Paid")), Request{}, "none of its 1 rows"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db := newDB(t)
			seed(t, db)
			before := snapshot(t, db)
			c.req.Path = write(t, c.file, c.content)
			rep := Run(context.Background(), db, c.req, nil)
			if rep.Err == nil {
				t.Fatalf("imported: %+v", rep)
			}
			msg := backend.ErrorMessage(rep.Err)
			if !strings.HasPrefix(msg, c.file+": ") || !strings.Contains(msg, c.want) {
				t.Errorf("message %q should name %s and say %q", msg, c.file, c.want)
			}
			if backend.ErrorCode(rep.Err) != backend.Invalid {
				t.Errorf("code = %s", backend.ErrorCode(rep.Err))
			}
			if after := snapshot(t, db); after != before {
				t.Errorf("workspace changed: %s -> %s", before, after)
			}
		})
	}
}

func TestRejectedRowsAreListedWithLines(t *testing.T) {
	db := newDB(t)
	big := strings.Repeat("x", 10<<20)
	content := payHeader +
		payRow("ch_ok1", "2026-01-05 10:00:00", "29.00", "usd", "Paid") + // line 2
		payRow("ch_bad_date", "next tuesday", "29.00", "usd", "Paid") + // line 3
		payRow("ch_bad_amount", "2026-01-05 10:00:00", `"12,3x"`, "usd", "Paid") + // line 4
		payRow("ch_bad_cur", "2026-01-05 10:00:00", "29.00", "xyz", "Paid") + // line 5
		"ch_ragged,2026-01-05 10:00:00,29.00,usd\n" + // line 6
		payRow("ch_big", "2026-01-05 10:00:00", "29.00", "usd", big) + // line 7
		payRow("ch_ok2", "2026-01-06 10:00:00", "99.00", "usd", "Paid") // line 8
	p := write(t, "mixed.csv", []byte(content))
	rep := Run(context.Background(), db, Request{Path: p}, nil)
	if rep.Err != nil {
		t.Fatal(rep.Err)
	}
	if rep.Read != 7 || rep.Imported != 2 || rep.Rejected != 5 {
		t.Fatalf("counts: %+v", rep.Counts)
	}
	want := map[int]string{3: "next tuesday", 4: "12,3x", 5: "xyz", 6: "fields", 7: "1 MiB"}
	for _, r := range rep.Rejects {
		w, ok := want[r.Line]
		if !ok || !strings.Contains(r.Reason, w) {
			t.Errorf("line %d: %q (want it to mention %q)", r.Line, r.Reason, w)
		}
		delete(want, r.Line)
	}
	if len(want) > 0 {
		t.Errorf("not rejected: %v", want)
	}
	stored, _ := db.Rejects(rep.ImportID, 0)
	if len(stored) != 5 {
		t.Errorf("history keeps %d rejects, want 5", len(stored))
	}
}

func TestSameFileTwiceIsAllDuplicates(t *testing.T) {
	db := newDB(t)
	p := write(t, "p.csv", []byte(payHeader+payRow("ch_1", "2026-01-05 10:00:00", "29.00", "usd", "Paid")+payRow("ch_2", "2026-02-05 10:00:00", "29.00", "usd", "Paid")))
	first := Run(context.Background(), db, Request{Path: p}, nil)
	second := Run(context.Background(), db, Request{Path: p}, nil)
	if first.Err != nil || second.Err != nil {
		t.Fatal(first.Err, second.Err)
	}
	if first.Imported != 2 || second.Imported != 0 || second.Duplicates != 2 || second.Updated != 0 {
		t.Fatalf("first %+v second %+v", first.Counts, second.Counts)
	}
	if first.SHA256 != second.SHA256 || len(first.SHA256) != 64 {
		t.Errorf("sha256 %q vs %q", first.SHA256, second.SHA256)
	}
	var n int
	db.SQL().QueryRow("SELECT COUNT(*) FROM payments").Scan(&n)
	if n != 2 {
		t.Errorf("payments = %d", n)
	}
}

func TestOverlappingExportUpdatesAndUndoRestores(t *testing.T) {
	db := newDB(t)
	old := write(t, "jan.csv", []byte(payHeader+payRow("ch_1", "2026-01-05 10:00:00", "29.00", "usd", "Paid")))
	// A later export: ch_1 was refunded since, ch_2 is new.
	refunded := strings.Replace(payRow("ch_1", "2026-01-05 10:00:00", "29.00", "usd", "Refunded"), ",29.00,0.00,usd", ",29.00,29.00,usd", 1)
	later := write(t, "feb.csv", []byte(payHeader+refunded+payRow("ch_2", "2026-02-05 10:00:00", "99.00", "usd", "Paid")))
	a := Run(context.Background(), db, Request{Path: old}, nil)
	b := Run(context.Background(), db, Request{Path: later}, nil)
	if a.Err != nil || b.Err != nil || b.Updated != 1 || b.Imported != 1 {
		t.Fatalf("a %+v %v b %+v %v", a.Counts, a.Err, b.Counts, b.Err)
	}
	status := func(id string) string {
		var s string
		db.SQL().QueryRow("SELECT status FROM payments WHERE id = ?", id).Scan(&s)
		return s
	}
	if status("ch_1") != "refunded" {
		t.Fatalf("ch_1 = %q after the later export", status("ch_1"))
	}
	// Undoing the first import while the later one changed its row is refused.
	if err := db.Undo(a.ImportID); backend.ErrorCode(err) != backend.Conflict {
		t.Fatalf("undo earlier: %v", err)
	}
	if err := db.Undo(b.ImportID); err != nil {
		t.Fatal(err)
	}
	if status("ch_1") != "paid" || status("ch_2") != "" {
		t.Fatalf("after undo: ch_1=%q ch_2=%q", status("ch_1"), status("ch_2"))
	}
	if err := db.Undo(b.ImportID); backend.ErrorCode(err) != backend.Conflict {
		t.Fatalf("second undo: %v", err)
	}
	if err := db.Undo(a.ImportID); err != nil {
		t.Fatal(err)
	}
	var n int
	db.SQL().QueryRow("SELECT COUNT(*) FROM payments").Scan(&n)
	if n != 0 {
		t.Fatalf("payments after undoing everything = %d", n)
	}
}

// failingReader stands for a file that disappears (or a disk that fails)
// half-way through.
type failingReader struct {
	r     io.Reader
	after int
}

func (f *failingReader) Read(p []byte) (int, error) {
	if f.after <= 0 {
		return 0, errors.New("input/output error")
	}
	if len(p) > f.after {
		p = p[:f.after]
	}
	n, err := f.r.Read(p)
	f.after -= n
	return n, err
}

func TestFileVanishingMidImportChangesNothing(t *testing.T) {
	db := newDB(t)
	seed(t, db)
	before := snapshot(t, db)
	var b strings.Builder
	b.WriteString(payHeader)
	for i := 0; i < 5000; i++ {
		b.WriteString(payRow(fmt.Sprintf("ch_%d", i), "2026-01-05 10:00:00", "29.00", "usd", "Paid"))
	}
	rep := Report{File: "big.csv", Size: int64(b.Len())}
	err := run(context.Background(), db, Request{Path: "big.csv"}, &failingReader{strings.NewReader(b.String()), b.Len() / 2}, &rep, nil)
	if err == nil || !strings.Contains(backend.ErrorMessage(err), "input/output error); nothing was imported") {
		t.Fatalf("err = %v", err)
	}
	if after := snapshot(t, db); after != before {
		t.Errorf("workspace changed: %s -> %s", before, after)
	}
	// And a file that is gone before we start:
	gone := Run(context.Background(), db, Request{Path: filepath.Join(t.TempDir(), "gone.csv")}, nil)
	if backend.ErrorCode(gone.Err) != backend.NotFound || !strings.Contains(gone.Err.Error(), "gone.csv: ") {
		t.Errorf("gone: %v", gone.Err)
	}
}

func TestCancelledImportChangesNothing(t *testing.T) {
	db := newDB(t)
	var b strings.Builder
	b.WriteString(payHeader)
	for i := 0; i < 5000; i++ {
		b.WriteString(payRow(fmt.Sprintf("ch_%d", i), "2026-01-05 10:00:00", "29.00", "usd", "Paid"))
	}
	p := write(t, "big.csv", []byte(b.String()))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rep := Run(ctx, db, Request{Path: p}, nil)
	if rep.Err == nil || !strings.Contains(rep.Err.Error(), "cancelled") {
		t.Fatalf("err = %v", rep.Err)
	}
	var n int
	db.SQL().QueryRow("SELECT COUNT(*) FROM imports").Scan(&n)
	if n != 0 {
		t.Errorf("imports = %d", n)
	}
}

func TestProgressIsReported(t *testing.T) {
	db := newDB(t)
	var b strings.Builder
	b.WriteString(payHeader)
	for i := 0; i < 20000; i++ {
		b.WriteString(payRow(fmt.Sprintf("ch_%d", i), "2026-01-05 10:00:00", "29.00", "usd", "Paid"))
	}
	p := write(t, "big.csv", []byte(b.String()))
	var last Progress
	rep := Run(context.Background(), db, Request{Path: p}, func(pr Progress) { last = pr })
	if rep.Err != nil {
		t.Fatal(rep.Err)
	}
	if !last.Done || last.Rows != 20000 || last.Bytes != last.Total || last.Total != int64(b.Len()) {
		t.Errorf("last progress = %+v", last)
	}
}

func TestRegistryHasTheFoundationImporters(t *testing.T) {
	if importers.Find("stripe", "payments") == nil {
		t.Fatal("stripe payments importer not registered")
	}
}
