package csvfile

import (
	"bytes"
	"fmt"
	"io"
	"testing"
)

// benchCSV builds a Stripe-payments-like file of about size bytes.
func benchCSV(size int) []byte {
	var b bytes.Buffer
	b.WriteString("id,Created date (UTC),Amount,Amount Refunded,Currency,Captured,Converted Amount,Converted Amount Refunded,Converted Currency,Decline Reason,Description,Fee,Refunded date (UTC),Statement Descriptor,Status,Seller Message,Taxes On Fee,Card ID,Customer ID,Customer Description,Customer Email,Invoice ID,Transfer\n")
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "ch_3TKW33KSaqiJUYkj%07d,2026-04-10 03:48:02,%d.00,0.00,usd,true,8.00,0.00,usd,,\"Subscription update, monthly\",0.53,,SIMPLEAPPS,Paid,Payment complete.,0.00,pm_1Re5qXKSaqiJUYkjhrc1tgbq,cus_SZEJEri3njXg9D,,user_a01dfebc@example.com,in_1TKV6jKSaqiJUYkjhU90zj7h,\n", i, i%1000)
	}
	return b.Bytes()
}

// BenchmarkReader reads a generated ~20 MB CSV; the MB/s column is the
// throughput the importer pipeline can count on from this layer.
func BenchmarkReader(b *testing.B) {
	data := benchCSV(20 << 20)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rd, err := Open(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for {
			row, err := rd.Next()
			if err == io.EOF {
				break
			}
			if err != nil || row.Problem != "" {
				b.Fatal(err, row.Problem)
			}
			n++
		}
		if n < 70000 {
			b.Fatalf("only %d rows", n)
		}
	}
}
