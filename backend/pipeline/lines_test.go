package pipeline

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"keel/backend"
)

func gz(t *testing.T, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write(data)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

type zipMember struct {
	name string
	data []byte
	dir  bool
}

func zipOf(t *testing.T, ms ...zipMember) []byte {
	t.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for _, m := range ms {
		if m.dir {
			if _, err := w.Create(m.name + "/"); err != nil {
				t.Fatal(err)
			}
			continue
		}
		f, err := w.Create(m.name)
		if err != nil {
			t.Fatal(err)
		}
		f.Write(m.data)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func mixpanelLine(i int) string {
	return fmt.Sprintf(`{"event":"Viewed","properties":{"time":%d,"distinct_id":"u%d","$insert_id":"ins-%d"}}`+"\n", 1700000000+i, i%7, i)
}

func amplitudeLine(i int) string {
	return fmt.Sprintf(`{"event_type":"Clicked","event_time":"2024-01-05 10:%02d:00.000000","user_id":"u%d","device_id":"d%d","uuid":"uuid-%d","amplitude_id":%d}`+"\n",
		i%60, i%5, i%5, i, 1000+i)
}

// TestJSONLinesWithABrokenLine: the broken line in the middle is rejected
// with its number, the rest imported in one import.
func TestJSONLinesWithABrokenLine(t *testing.T) {
	db := newDB(t)
	var b strings.Builder
	for i := 1; i <= 10; i++ {
		if i == 7 {
			b.WriteString(`{"event":"Viewed","properties":{"time":17000` + "\n") // line 7
			continue
		}
		b.WriteString(mixpanelLine(i))
	}
	b.WriteString("\n") // a trailing blank line is not a row
	p := write(t, "export.jsonl", []byte(b.String()))
	rep := Run(context.Background(), db, Request{Path: p}, nil)
	if rep.Err != nil {
		t.Fatal(rep.Err)
	}
	if rep.Source != "mixpanel" || rep.Read != 10 || rep.Imported != 9 || rep.Rejected != 1 || len(rep.SHA256) != 64 {
		t.Fatalf("%s/%s %+v sha %q", rep.Source, rep.Kind, rep.Counts, rep.SHA256)
	}
	if len(rep.Rejects) != 1 || rep.Rejects[0].Line != 7 || !strings.HasPrefix(rep.Rejects[0].Reason, "not valid JSON: ") {
		t.Errorf("rejects %+v", rep.Rejects)
	}
	stored, _ := db.Rejects(rep.ImportID, 0)
	if len(stored) != 1 || stored[0].Line != 7 {
		t.Errorf("history rejects %+v", stored)
	}
	var n int
	db.SQL().QueryRow("SELECT COUNT(*) FROM events WHERE source = 'mixpanel'").Scan(&n)
	if n != 9 {
		t.Errorf("events = %d", n)
	}
	// The same file again: all duplicates.
	again := Run(context.Background(), db, Request{Path: p}, nil)
	if again.Err != nil || again.Duplicates != 9 || again.Imported != 0 || again.SHA256 != rep.SHA256 {
		t.Errorf("again: %+v %v", again.Counts, again.Err)
	}
	// Every line broken: refused, nothing imported.
	bad := write(t, "bad.jsonl", []byte(`{"event":"a","properties":{"time":1700000000}}`+"\n"+`{"event":`+"\n"))
	if r := Run(context.Background(), db, Request{Path: bad}, nil); r.Err != nil || r.Read != 2 || r.Rejected != 1 {
		t.Errorf("half broken: %+v %v", r.Counts, r.Err)
	}
	allBad := write(t, "allbad.jsonl", []byte(`{"event":"a","properties":{"time":1}`+"\n"+`{"event":"b","properties":{"tim`+"\n"))
	r := Run(context.Background(), db, Request{Path: allBad, Source: "mixpanel", Kind: "events"}, nil)
	if r.Err == nil || !strings.Contains(r.Err.Error(), "line 1: not valid JSON") {
		t.Errorf("all bad: %v", r.Err)
	}
}

// TestAmplitudeZipOfGzippedFiles imports every member of the archive in one
// import; a broken line names its member.
func TestAmplitudeZipOfGzippedFiles(t *testing.T) {
	db := newDB(t)
	seed(t, db)
	var day1, day2 strings.Builder
	for i := 0; i < 50; i++ {
		day1.WriteString(amplitudeLine(i))
	}
	for i := 50; i < 80; i++ {
		if i == 60 {
			day2.WriteString("{broken\n")
		}
		day2.WriteString(amplitudeLine(i))
	}
	data := zipOf(t,
		zipMember{name: "123", dir: true},
		zipMember{name: "123/123_2024-01-05_10#0.json.gz", data: gz(t, []byte(day1.String()))},
		zipMember{name: "__MACOSX/123/._123_2024-01-05_10#0.json.gz", data: []byte("junk")},
		zipMember{name: "123/.DS_Store", data: []byte{0, 1, 2}},
		zipMember{name: "123/123_2024-01-05_11#0.json.gz", data: gz(t, []byte(day2.String()))},
	)
	p := write(t, "amplitude.zip", data)
	var last Progress
	rep := Run(context.Background(), db, Request{Path: p}, func(pr Progress) { last = pr })
	if rep.Err != nil {
		t.Fatal(rep.Err)
	}
	if rep.Source != "amplitude" || rep.Read != 81 || rep.Imported != 80 || rep.Rejected != 1 {
		t.Fatalf("%s %+v", rep.Source, rep.Counts)
	}
	r := rep.Rejects[0]
	if r.Line != 11 || r.Reason != "123/123_2024-01-05_11#0.json.gz: not valid JSON: invalid character 'b' looking for beginning of object key string" {
		t.Errorf("reject %+v", r)
	}
	if !last.Done || last.Bytes != int64(len(data)) || last.Total != int64(len(data)) {
		t.Errorf("progress %+v", last)
	}
	if sum := sha256.Sum256(data); rep.SHA256 != hex.EncodeToString(sum[:]) {
		t.Errorf("sha256 %s is not the archive's", rep.SHA256)
	}
	var n int
	db.SQL().QueryRow("SELECT COUNT(*) FROM events WHERE source = 'amplitude'").Scan(&n)
	if n != 80 {
		t.Errorf("events = %d", n)
	}
	if err := db.Undo(rep.ImportID); err != nil {
		t.Fatal(err)
	}
	db.SQL().QueryRow("SELECT COUNT(*) FROM events").Scan(&n)
	if n != 0 {
		t.Errorf("events after undo = %d", n)
	}
}

func TestGzippedFiles(t *testing.T) {
	db := newDB(t)
	var b strings.Builder
	for i := 0; i < 5; i++ {
		b.WriteString(mixpanelLine(i))
	}
	p := write(t, "export.json.gz", gz(t, []byte(b.String())))
	rep := Run(context.Background(), db, Request{Path: p}, nil)
	if rep.Err != nil || rep.Source != "mixpanel" || rep.Imported != 5 {
		t.Fatalf("%+v %v", rep.Counts, rep.Err)
	}
	// A gzipped CSV; the report is named after the file inside.
	pages := "name,visitors,pageviews,bounce_rate,time_on_page\r\n/,4,3,67,30\r\n/signup,1,1,0,60\r\n"
	p = write(t, "pages.csv.gz", gz(t, []byte(pages)))
	rep = Run(context.Background(), db, Request{Path: p}, nil)
	if rep.Err != nil || rep.Source != "plausible" || rep.Read != 2 || rep.Imported != 2 {
		t.Fatalf("%+v %v", rep.Counts, rep.Err)
	}
	var n int
	db.SQL().QueryRow("SELECT COUNT(*) FROM traffic WHERE report = 'pages'").Scan(&n)
	if n != 8 {
		t.Errorf("traffic pages = %d", n)
	}
	// A corrupt gzip file changes nothing.
	data := gz(t, []byte(b.String()))
	data[len(data)-6] ^= 0xff // the CRC
	p = write(t, "corrupt.json.gz", data)
	if rep := Run(context.Background(), db, Request{Path: p}, nil); rep.Err == nil || !strings.Contains(rep.Err.Error(), "nothing was imported") {
		t.Errorf("corrupt gzip: %+v %v", rep.Counts, rep.Err)
	}
}

// TestPlausibleZip: the dashboard's ZIP imports whole, each file a report.
func TestPlausibleZip(t *testing.T) {
	db := newDB(t)
	data := zipOf(t,
		zipMember{name: "visitors.csv", data: []byte("date,visitors,pageviews,visits,views_per_visit,bounce_rate,visit_duration\r\n2021-10-19,2,2,2,1.0,50,30\r\n2021-10-20,1,2,1,2.0,0,\r\n")},
		zipMember{name: "sources.csv", data: []byte("name,visitors,bounce_rate,visit_duration\r\nGoogle,1,0,60\r\n")},
		zipMember{name: "countries.csv", data: []byte("name,visitors\r\nEstonia,2\r\n")},
	)
	p := write(t, "Plausible export example.com.zip", data)
	rep := Run(context.Background(), db, Request{Path: p}, nil)
	if rep.Err != nil || rep.Source != "plausible" || rep.Read != 4 || rep.Imported != 4 {
		t.Fatalf("%+v %v", rep.Counts, rep.Err)
	}
	rows, _ := db.SQL().Query("SELECT report, COUNT(*) FROM traffic GROUP BY report ORDER BY report")
	defer rows.Close()
	var got []string
	for rows.Next() {
		var r string
		var n int
		rows.Scan(&r, &n)
		got = append(got, fmt.Sprintf("%s=%d", r, n))
	}
	if strings.Join(got, " ") != "countries=1 sources=3 visitors=11" {
		t.Errorf("reports %v", got)
	}
}

func TestArchivesRefused(t *testing.T) {
	stripe := payHeader + payRow("ch_1", "2026-01-05 10:00:00", "29.00", "usd", "Paid")
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"mixed.zip", zipOf(t, zipMember{name: "events.jsonl", data: []byte(mixpanelLine(1))}, zipMember{name: "pay.csv", data: []byte(stripe)}),
			"pay.csv in the archive is Stripe payments, not Mixpanel events like the files before it"},
		{"book.xlsx", zipOf(t, zipMember{name: "[Content_Types].xml", data: []byte("<x/>")}, zipMember{name: "xl/workbook.xml", data: []byte("<x/>")}),
			"Excel workbook"},
		{"empty.zip", zipOf(t, zipMember{name: "__MACOSX/._x", data: []byte("x")}), "holds no files"},
		{"notgzip.gz", []byte{0x1f, 0x8b, 0, 0, 0}, "gzip"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db := newDB(t)
			seed(t, db)
			before := snapshot(t, db)
			rep := Run(context.Background(), db, Request{Path: write(t, c.name, c.data)}, nil)
			if rep.Err == nil || !strings.Contains(rep.Err.Error(), c.want) || backend.ErrorCode(rep.Err) != backend.Invalid {
				t.Fatalf("err = %v, want %q", rep.Err, c.want)
			}
			if after := snapshot(t, db); after != before {
				t.Errorf("workspace changed: %s -> %s", before, after)
			}
		})
	}
}

// TestZipBomb: decompression stops past the ratio or the total limit, with
// a clear message, and nothing is imported.
func TestZipBomb(t *testing.T) {
	defer func(a, b, c int64) { maxExpanded, maxRatio, ratioFree = a, b, c }(maxExpanded, maxRatio, ratioFree)
	ratioFree = 1 << 20
	var b strings.Builder
	for b.Len() < 3<<20 {
		b.WriteString(mixpanelLine(1)) // the same line: compresses very well
	}
	bomb := zipOf(t, zipMember{name: "events.jsonl", data: []byte(b.String())})
	gzBomb := gz(t, []byte(b.String()))
	for _, c := range []struct {
		name string
		data []byte
		set  func()
		want string
	}{
		{"ratio.zip", bomb, func() { maxRatio, maxExpanded = 20, 20<<30 }, "events.jsonl expands to more than 20 times its compressed size, which only a zip bomb does"},
		{"ratio.json.gz", gzBomb, func() { maxRatio, maxExpanded = 20, 20<<30 }, "ratio.json.gz expands to more than 20 times"},
		{"total.zip", bomb, func() { maxRatio, maxExpanded = 1<<40, 2<<20 }, "expands to more than 2 MiB when decompressed"},
	} {
		t.Run(c.name, func(t *testing.T) {
			c.set()
			db := newDB(t)
			seed(t, db)
			before := snapshot(t, db)
			rep := Run(context.Background(), db, Request{Path: write(t, c.name, c.data)}, nil)
			if rep.Err == nil || !strings.Contains(rep.Err.Error(), c.want) || !strings.Contains(rep.Err.Error(), "nothing was imported") {
				t.Fatalf("err = %v, want %q", rep.Err, c.want)
			}
			if after := snapshot(t, db); after != before {
				t.Errorf("workspace changed: %s -> %s", before, after)
			}
		})
	}
	// Under the limits the same archive imports.
	maxRatio, maxExpanded = 500, 20<<30
	db := newDB(t)
	if rep := Run(context.Background(), db, Request{Path: write(t, "fine.zip", bomb)}, nil); rep.Err != nil || rep.Duplicates == 0 {
		t.Errorf("fine: %+v %v", rep.Counts, rep.Err)
	}
}

// TestRealTrafficSamples runs the real GA4 and Plausible samples through
// the pipeline: rows and traffic records as counted by hand (see the
// importers' tests), and a second import is all duplicates.
func TestRealTrafficSamples(t *testing.T) {
	dir := "../../../shared/fixtures/real"
	if _, err := os.Stat(dir); err != nil {
		t.Skip(dir)
	}
	db := newDB(t)
	for _, c := range []struct {
		rel           string
		rows, records int
	}{
		{"ga4/Reports_snapshot.csv", 848, 1587},
		{"ga4/Events_Event_name.csv", 21, 84},
		{"ga4/Pages_and_screens_Page_path_and_screen_class.csv", 16, 112},
		{"plausible/30d/visitors.csv", 31, 158},
		{"plausible/30d/pages.csv", 3, 15},
		{"plausible/30d/sources.csv", 1, 3},
		{"plausible/30d/custom_props.csv", 2, 6},
		{"plausible/30d-filter-goal/conversions.csv", 1, 2},
	} {
		p := filepath.Join(dir, c.rel)
		before := 0
		db.SQL().QueryRow("SELECT COUNT(*) FROM traffic").Scan(&before)
		rep := Run(context.Background(), db, Request{Path: p}, nil)
		if rep.Err != nil || rep.Read != c.rows || rep.Imported != c.rows || rep.Rejected != 0 {
			t.Errorf("%s: %+v %v", c.rel, rep.Counts, rep.Err)
			continue
		}
		after := 0
		db.SQL().QueryRow("SELECT COUNT(*) FROM traffic").Scan(&after)
		if after-before != c.records {
			t.Errorf("%s: %d traffic records, want %d", c.rel, after-before, c.records)
		}
		if again := Run(context.Background(), db, Request{Path: p}, nil); again.Err != nil || again.Duplicates != c.rows {
			t.Errorf("%s again: %+v %v", c.rel, again.Counts, again.Err)
		}
	}
	srcs, err := db.Sources()
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, s := range srcs {
		if s.Kind == "reports" && s.Source == "ga4" && s.Rows == 1587+84+112 && s.From != nil && s.LastImport != nil {
			found = true
		}
	}
	if !found {
		t.Errorf("sources: %+v", srcs)
	}
}

// TestFrontMessagesOneTicketPerConversation: later rows of a conversation
// update its ticket within the import.
func TestFrontMessagesOneTicketPerConversation(t *testing.T) {
	db := newDB(t)
	data := "Message ID,Conversation ID,Direction,Status,Inbox,Message date,Response time,Contact handle,Subject,First response\n" +
		"m1,c1,Inbound,archived,Support,2025-01-05 09:00:00,,bob@acme.io,Help,false\n" +
		"m2,c1,Outbound,archived,Support,2025-01-05 09:30:00,1800,bob@acme.io,Re: Help,true\n" +
		"m3,c2,Inbound,open,Support,2025-01-06 09:00:00,,cy@x.org,Hi,false\n" +
		"m4,c1,Inbound,archived,Support,2025-01-05 10:00:00,,bob@acme.io,Re: Help,false\n"
	rep := Run(context.Background(), db, Request{Path: write(t, "front.csv", []byte(data))}, nil)
	if rep.Err != nil || rep.Source != "front" || rep.Read != 4 || rep.Imported != 2 || rep.Updated != 2 {
		t.Fatalf("%+v %v", rep.Counts, rep.Err)
	}
	var first, solved int64
	db.SQL().QueryRow("SELECT first_reply_minutes, solved FROM tickets WHERE id = 'c1'").Scan(&first, &solved)
	if first != 30 || solved != 1736071200 { // 2025-01-05 10:00 UTC
		t.Errorf("c1: first %d solved %d", first, solved)
	}
	var versions int
	db.SQL().QueryRow("SELECT COUNT(*) FROM tickets_versions").Scan(&versions)
	if versions != 0 {
		t.Errorf("versions within one import: %d", versions)
	}
}

func TestLookAtLinesAndArchives(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 8; i++ {
		b.WriteString(amplitudeLine(i))
	}
	for _, c := range []struct {
		name string
		data []byte
	}{
		{"events.json", []byte(b.String())},
		{"events.json.gz", gz(t, []byte(b.String()))},
		{"export.zip", zipOf(t, zipMember{name: "a/1.json.gz", data: gz(t, []byte(b.String()))})},
	} {
		pv := Look(write(t, c.name, c.data))
		if pv.Err != nil || len(pv.Matches) == 0 || pv.Matches[0].Importer.Source() != "amplitude" ||
			len(pv.Rows) != PreviewRows || !strings.HasPrefix(pv.Rows[0][0], `{"event_type":"Clicked"`) {
			t.Errorf("%s: %+v", c.name, pv)
		}
	}
	dir := "../../../shared/fixtures/real/ga4/Events_Event_name.csv"
	if _, err := os.Stat(dir); err == nil {
		pv := Look(dir)
		if pv.Err != nil || len(pv.Matches) != 1 || pv.Matches[0].Importer.Source() != "ga4" || pv.Rows[0][0] != "# ----------------------------------------" {
			t.Errorf("ga4: %+v", pv)
		}
	}
	// A CSV preview is as before.
	pv := Look(write(t, "p.csv", []byte(payHeader+payRow("ch_1", "2026-01-05 10:00:00", "29.00", "usd", "Paid"))))
	if pv.Err != nil || pv.Matches[0].Importer.Source() != "stripe" || pv.Header[0] != "id" || pv.Separator != "," {
		t.Errorf("csv: %+v", pv)
	}
}

// TestTrafficUpdateAndUndo: a later download of the same GA4 report with a
// changed number updates it in place, and undoing restores the old one.
func TestTrafficUpdateAndUndo(t *testing.T) {
	db := newDB(t)
	report := func(views string) []byte {
		return []byte("# ----\n# Pages and screens: Page path and screen class\n# Property: P\n# ----\n# Start date: 20250101\n# End date: 20250131\n" +
			"Page path and screen class,Views,Active users\n/,10,4\n/pricing," + views + ",2\n")
	}
	a := Run(context.Background(), db, Request{Path: write(t, "a.csv", report("5"))}, nil)
	b := Run(context.Background(), db, Request{Path: write(t, "b.csv", report("7"))}, nil)
	if a.Err != nil || b.Err != nil || a.Imported != 2 || b.Updated != 1 || b.Duplicates != 1 {
		t.Fatalf("a %+v %v b %+v %v", a.Counts, a.Err, b.Counts, b.Err)
	}
	views := func() string {
		var v string
		db.SQL().QueryRow("SELECT value FROM traffic WHERE item = '/pricing' AND metric = 'Views'").Scan(&v)
		return v
	}
	if views() != "7" {
		t.Fatalf("views = %q", views())
	}
	if err := db.Undo(b.ImportID); err != nil {
		t.Fatal(err)
	}
	if views() != "5" {
		t.Errorf("after undo views = %q", views())
	}
}
