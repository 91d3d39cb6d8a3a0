package csvfile

import (
	"testing"
	"time"

	"keel/backend"
)

func TestParseTime(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		ny = time.FixedZone("EST", -5*3600) // no tzdata: the test still runs
	}
	utc := time.UTC
	d := func(y int, m time.Month, day, h, mi, s, ns int, loc *time.Location) time.Time {
		return time.Date(y, m, day, h, mi, s, ns, loc)
	}
	tests := []struct {
		in   string
		loc  *time.Location
		want time.Time
	}{
		// ISO and friends
		{"2025-11-26 14:03:07", nil, d(2025, 11, 26, 14, 3, 7, 0, utc)},
		{"2025-11-26 14:03", nil, d(2025, 11, 26, 14, 3, 0, 0, utc)},
		{"2025-11-26", nil, d(2025, 11, 26, 0, 0, 0, 0, utc)},
		{"  2025-11-26  ", nil, d(2025, 11, 26, 0, 0, 0, 0, utc)},
		{"2025-11-26T14:03:07", nil, d(2025, 11, 26, 14, 3, 7, 0, utc)},
		{"2025-11-26T14:03:07Z", ny, d(2025, 11, 26, 14, 3, 7, 0, utc)},
		{"2025-11-26T14:03:07.5Z", nil, d(2025, 11, 26, 14, 3, 7, 500000000, utc)},
		{"2022-07-06T19:37:43.095295+00:00", nil, d(2022, 7, 6, 19, 37, 43, 95295000, utc)},
		{"2022-07-06T19:37:43.123456789123+02:00", nil, d(2022, 7, 6, 17, 37, 43, 123456789, utc)},
		{"2016-06-03 12:43:50 -0400", nil, d(2016, 6, 3, 16, 43, 50, 0, utc)},
		{"2016-06-03 12:43:50 +05:30", nil, d(2016, 6, 3, 7, 13, 50, 0, utc)},
		{"2016-06-03 12:43:50+02", nil, d(2016, 6, 3, 10, 43, 50, 0, utc)},
		{"2016-06-03 12:43:50 UTC", ny, d(2016, 6, 3, 12, 43, 50, 0, utc)},
		{"2016-06-03 12:43:50 GMT+1", nil, d(2016, 6, 3, 11, 43, 50, 0, utc)},
		{"2025-11-26 14:03:07.25 +0000 UTC", ny, d(2025, 11, 26, 14, 3, 7, 250000000, utc)},
		{"2025-11-26 09:03:07 -0500 EST", nil, d(2025, 11, 26, 14, 3, 7, 0, utc)},
		{"2025/11/26 14:03", nil, d(2025, 11, 26, 14, 3, 0, 0, utc)},
		{"2025-1-2 9:05", nil, d(2025, 1, 2, 9, 5, 0, 0, utc)},
		{"2024-02-29", nil, d(2024, 2, 29, 0, 0, 0, 0, utc)},
		// naive times are in loc
		{"2025-11-26 14:03:07", ny, d(2025, 11, 26, 14, 3, 7, 0, ny)},
		{"2025-07-01 09:00", ny, d(2025, 7, 1, 9, 0, 0, 0, ny)},
		// compact and unix
		{"20250101", nil, d(2025, 1, 1, 0, 0, 0, 0, utc)},
		{"20251231", ny, d(2025, 12, 31, 0, 0, 0, 0, ny)},
		{"20250101123456", nil, d(2025, 1, 1, 12, 34, 56, 0, utc)},
		{"1700000000", ny, d(2023, 11, 14, 22, 13, 20, 0, utc)},
		{"1700000000123", nil, d(2023, 11, 14, 22, 13, 20, 123000000, utc)},
		// spreadsheet dates
		{"26/11/2025 14:03", nil, d(2025, 11, 26, 14, 3, 0, 0, utc)},
		{"26/11/2025", nil, d(2025, 11, 26, 0, 0, 0, 0, utc)},
		{"26/11/2025 14:03:09", nil, d(2025, 11, 26, 14, 3, 9, 0, utc)},
		{"11/26/2025", nil, d(2025, 11, 26, 0, 0, 0, 0, utc)},
		{"11/26/2025 2:03 PM", nil, d(2025, 11, 26, 14, 3, 0, 0, utc)},
		{"11/26/2025 12:03 am", nil, d(2025, 11, 26, 0, 3, 0, 0, utc)},
		{"11/26/2025 12:03:04 PM", nil, d(2025, 11, 26, 12, 3, 4, 0, utc)},
		{"03/04/2025", nil, d(2025, 4, 3, 0, 0, 0, 0, utc)}, // ambiguous: day first
		{"3/4/25", nil, d(2025, 4, 3, 0, 0, 0, 0, utc)},
		{"31/12/99", nil, d(1999, 12, 31, 0, 0, 0, 0, utc)},
		{"31/12/70", nil, d(1970, 12, 31, 0, 0, 0, 0, utc)},
		{"31/12/69", nil, d(2069, 12, 31, 0, 0, 0, 0, utc)},
		{"26.11.2025 14:03", nil, d(2025, 11, 26, 14, 3, 0, 0, utc)},
		{"26-11-2025", nil, d(2025, 11, 26, 0, 0, 0, 0, utc)},
		{"26/11/2025 14:03", ny, d(2025, 11, 26, 14, 3, 0, 0, ny)},
		// month names
		{"26 Nov 2025", nil, d(2025, 11, 26, 0, 0, 0, 0, utc)},
		{"26-Nov-2025", nil, d(2025, 11, 26, 0, 0, 0, 0, utc)},
		{"26 November 2025 14:03", nil, d(2025, 11, 26, 14, 3, 0, 0, utc)},
		{"Nov 26, 2025", nil, d(2025, 11, 26, 0, 0, 0, 0, utc)},
		{"Sept. 3, 2025, 9:15 PM", nil, d(2025, 9, 3, 21, 15, 0, 0, utc)},
		{"Wed, 26 Nov 2025 14:03:00 +0000", ny, d(2025, 11, 26, 14, 3, 0, 0, utc)},
	}
	for _, tt := range tests {
		got, ok, err := ParseTime(tt.in, tt.loc)
		if err != nil || !ok || !got.Equal(tt.want) || got.Location().String() != tt.want.Location().String() && tt.want.Location() != utc {
			t.Errorf("ParseTime(%q) = %v, %v, %v; want %v", tt.in, got, ok, err, tt.want)
		}
	}
}

func TestParseTimeEmpty(t *testing.T) {
	for _, in := range []string{"", "   ", "1900-01-01 00:00:00", "1900-01-01", "1900-01-01 00:00", "0000-00-00 00:00:00", "0000-00-00", "NULL", "null", "30/12/1899"} {
		got, ok, err := ParseTime(in, nil)
		if ok || err != nil || !got.IsZero() {
			t.Errorf("ParseTime(%q) = %v, %v, %v; want no date, no error", in, got, ok, err)
		}
	}
	// A real time on 1900-01-01 is kept.
	if _, ok, err := ParseTime("1900-01-01 08:00:00", nil); !ok || err != nil {
		t.Errorf("1900-01-01 08:00:00: %v %v", ok, err)
	}
}

func TestParseTimeErrors(t *testing.T) {
	tests := []struct{ in, msg string }{
		{"soon", `"soon" is not a date`},
		{"2025-13-01", `"2025-13-01" is not a date`},
		{"2025-02-29", `"2025-02-29" is not a date`},
		{"2025-11-26 25:00", `"2025-11-26 25:00" is not a date`},
		{"2025-11-26 14:60", `"2025-11-26 14:60" is not a date`},
		{"2025-11-26 14:03 EST", `"2025-11-26 14:03 EST" is not a date`},
		{"2025-11-26 14:03 +2500", `"2025-11-26 14:03 +2500" is not a date`},
		{"2025-11-26 14:03 +0000 UTC x", `"2025-11-26 14:03 +0000 UTC x" is not a date`},
		{"2025-11-26 14:03 +0000 Z", `"2025-11-26 14:03 +0000 Z" is not a date`},
		{"2025-11-26 14:03:07.", `"2025-11-26 14:03:07." is not a date`},
		{"2025-11-26x", `"2025-11-26x" is not a date`},
		{"2025-11", `"2025-11" is not a date`},
		{"13/13/2025", `"13/13/2025" is not a date`},
		{"26/11/202", `"26/11/202" is not a date`},
		{"26/11-2025", `"26/11-2025" is not a date`},
		{"12345", `"12345" is not a date`},
		{"45678.5", `"45678.5" is not a date`},
		{"Foo 26, 2025", `"Foo 26, 2025" is not a date`},
		{"13:03 PM", `"13:03 PM" is not a date`},
		{"11/26/2025 13:03 PM", `"11/26/2025 13:03 PM" is not a date`},
		{"20251301", `"20251301" is not a date`},
		{"this is a very long text that is certainly not a date at all", `"this is a very long text that is certain…" is not a date`},
	}
	for _, tt := range tests {
		got, ok, err := ParseTime(tt.in, nil)
		if err == nil || ok || !got.IsZero() {
			t.Errorf("ParseTime(%q) = %v, %v, %v; want an error", tt.in, got, ok, err)
			continue
		}
		if backend.ErrorCode(err) != backend.Invalid || err.Error() != tt.msg {
			t.Errorf("ParseTime(%q) error %q (%s), want %q", tt.in, err, backend.ErrorCode(err), tt.msg)
		}
	}
}

func BenchmarkParseTime(b *testing.B) {
	for i := 0; i < b.N; i++ {
		ParseTime("2025-11-26 14:03:07", time.UTC)
	}
}
