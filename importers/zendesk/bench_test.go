package zendesk

import (
	"bytes"
	"fmt"
	"io"
	"testing"
	"time"

	"keel/importers"
	"keel/importers/csvfile"
)

// BenchmarkRows reads a 20,000-ticket export through the CSV layer and the
// importer, without storing: the importer's own cost per row, which the
// pipeline's import benchmark hides under SQLite's.
func BenchmarkRows(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteString("Id,Requester,Requester id,Requester email,Assignee,Group,Subject,Tags,Status,Priority,Via,Ticket type,Created at,Updated at,Solved at,Satisfaction Score,Reopens,Replies,First reply time in minutes,First reply time in minutes within business hours,Full resolution time in minutes,Full resolution time in minutes within business hours\n")
	start := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 20000; i++ {
		created := start.Add(time.Duration(i) * 97 * time.Second)
		solved := created.Add(time.Duration(30+i%5000) * time.Minute)
		sat := []string{"Good", "Not Offered", "Offered", "Bad", "Good"}[i%5]
		fmt.Fprintf(&buf, "%d,Customer %d,%d,user%d@acme%d.io,Agent %d,Support,\"Cannot export report #%d, please help\",how_to billing,Solved,Normal,Mail,Question,%s,%s,%s,%s,%d,%d,%d,%d,%d,%d\n",
			100000+i, i%40000, 9000000+i%40000, i%40000, i%900, i%12, i, created.Format("2006-01-02 15:04:05"),
			solved.Format("2006-01-02 15:04:05"), solved.Format("2006-01-02 15:04:05"), sat, i%3, 1+i%7, 10+i%300, 5+i%200, 30+i%5000, 20+i%3000)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for range b.N {
		rd, err := csvfile.Open(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		parse, err := Tickets{}.Bind(rd.Header(), importers.Options{})
		if err != nil {
			b.Fatal(err)
		}
		for {
			row, err := rd.Next()
			if err == io.EOF {
				break
			}
			if _, err := parse(row); err != nil {
				b.Fatal(err)
			}
		}
	}
}
