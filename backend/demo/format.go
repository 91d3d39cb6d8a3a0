package demo

import (
	"bufio"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"keel/backend"
)

// Layouts of the timestamps as each tool exports them.
const (
	stripeMinute  = "2006-01-02 15:04"                 // customers, invoices, subscriptions
	stripeSecond  = "2006-01-02 15:04:05"              // payments
	zendeskLayout = "2006-01-02 15:04:05"              // tickets
	posthogLayout = "2006-01-02T15:04:05.000000-07:00" // events
)

// money formats minor units as Stripe does: "15.00", "-3.50".
func money(n int64) string {
	neg := n < 0
	if neg {
		n = -n
	}
	frac := n % 100
	s := strconv.FormatInt(n/100, 10) + "."
	if frac < 10 {
		s += "0"
	}
	s += strconv.FormatInt(frac, 10)
	if neg {
		s = "-" + s
	}
	return s
}

// stamp formats t with layout, or "" for the zero time.
func stamp(t time.Time, layout string) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(layout)
}

func boolText(b bool) string { return strconv.FormatBool(b) }

func itoa(n int) string { return strconv.Itoa(n) }

// writeCSV streams one export file: rows go through a large buffer, and the
// file is complete only when fill returns without error.
func writeCSV(dir, name string, crlf bool, header []string, fill func(w *csv.Writer) error) (string, error) {
	path := filepath.Join(dir, name)
	f, err := os.Create(path)
	if err != nil {
		return "", backend.Errorf(backend.Internal, "Keel could not create the demo file %s: %v", name, err)
	}
	b := bufio.NewWriterSize(f, 1<<16)
	w := csv.NewWriter(b)
	w.UseCRLF = crlf
	err = w.Write(header)
	if err == nil {
		err = fill(w)
	}
	if err == nil {
		w.Flush()
		err = w.Error()
	}
	if err == nil {
		err = b.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", backend.Errorf(backend.Internal, "Keel could not write the demo file %s: %v", name, err)
	}
	return path, nil
}
