package backend

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestMonthParseAndFormat(t *testing.T) {
	for _, c := range []struct {
		in                       string
		want, title, short, name string
		year                     int
		month                    time.Month
	}{
		{"2026-02", "2026-02", "February 2026", "Feb 2026", "February", 2026, time.February},
		{" 2025-12 ", "2025-12", "December 2025", "Dec 2025", "December", 2025, time.December},
		{"0001-01", "0001-01", "January 0001", "Jan 0001", "January", 1, time.January},
	} {
		m, err := ParseMonth(c.in)
		if err != nil {
			t.Fatalf("%q: %v", c.in, err)
		}
		y, mo := m.Date()
		if m.String() != c.want || m.Title() != c.title || m.Short() != c.short || m.Name() != c.name || y != c.year || mo != c.month {
			t.Errorf("%q: %s %s %s %s %d %s", c.in, m, m.Title(), m.Short(), m.Name(), y, mo)
		}
	}
	for _, bad := range []string{"", "2026", "2026-13", "26-02", "2026-02-01", "Feb 2026"} {
		_, err := ParseMonth(bad)
		if err == nil || ErrorCode(err) != Invalid || !strings.Contains(ErrorMessage(err), "is not a month; write it as YYYY-MM") {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

func TestMonthInAZone(t *testing.T) {
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Skip("no zoneinfo")
	}
	// 30 Nov 2026 20:00 UTC is already 1 December in Tokyo.
	at := time.Date(2026, 11, 30, 20, 0, 0, 0, time.UTC)
	if got := MonthOf(at, time.UTC).String(); got != "2026-11" {
		t.Errorf("UTC: %s", got)
	}
	if got := MonthOf(at, tokyo).String(); got != "2026-12" {
		t.Errorf("Tokyo: %s", got)
	}
	m, _ := ParseMonth("2026-12")
	if s := m.Start(tokyo); !s.Equal(time.Date(2026, 11, 30, 15, 0, 0, 0, time.UTC)) {
		t.Errorf("start in Tokyo: %s", s.UTC())
	}
	if e := m.End(time.UTC); !e.Equal(time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("end: %s", e)
	}
	if got := MonthOfUnix(at.Unix(), tokyo); got != m {
		t.Errorf("unix: %s", got)
	}
}

func TestLastComplete(t *testing.T) {
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Skip("no zoneinfo")
	}
	for _, c := range []struct {
		now  time.Time
		loc  *time.Location
		want string
	}{
		{time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC), time.UTC, "2026-11"},                     // on 7 December: November, never December
		{time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), time.UTC, "2026-11"},                      // November ended a moment ago
		{time.Date(2026, 11, 30, 23, 59, 59, 0, time.UTC), time.UTC, "2026-10"},                  // November has not ended
		{time.Date(2026, 11, 30, 20, 0, 0, 0, time.UTC), tokyo, "2026-11"},                       // it has in Tokyo
		{time.Date(2027, 1, 3, 0, 0, 0, 0, time.UTC), time.UTC, "2026-12"},                       // across a year
		{time.Date(2027, 1, 1, 2, 0, 0, 0, time.UTC), time.FixedZone("-05", -5*3600), "2026-11"}, // still 31 December there
	} {
		if got := LastComplete(c.now, c.loc).String(); got != c.want {
			t.Errorf("%s in %s: %s, want %s", c.now, c.loc, got, c.want)
		}
	}
}

func TestMonthArithmeticAndRanges(t *testing.T) {
	m, _ := ParseMonth("2025-11")
	if m.Add(2).String() != "2026-01" || m.Add(-11).String() != "2024-12" || m.Add(3).Since(m) != 3 {
		t.Errorf("add: %s %s", m.Add(2), m.Add(-11))
	}
	ms, err := Months(m, m.Add(3))
	if err != nil || len(ms) != 4 || ms[0] != m || ms[3].String() != "2026-02" {
		t.Errorf("range: %v %v", ms, err)
	}
	if _, err := Months(m, m.Add(-1)); err == nil || !strings.Contains(ErrorMessage(err), "The months run backwards: October 2025 is before November 2025.") {
		t.Errorf("backwards: %v", err)
	} else if strings.Contains(ErrorMessage(err), "--") {
		t.Errorf("a flag name in a message the window shows: %v", err)
	}
	if _, err := Months(m, m.Add(MaxMonths-1)); err != nil {
		t.Errorf("20 years: %v", err)
	}
	if _, err := Months(m, m.Add(MaxMonths)); err == nil {
		t.Errorf("more than 20 years is refused")
	}
}

func TestMonthJSON(t *testing.T) {
	var v struct {
		M Month            `json:"m"`
		K map[Month]string `json:"k"`
	}
	if err := json.Unmarshal([]byte(`{"m":"2026-02","k":{"2025-01":"x"}}`), &v); err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(v)
	if string(b) != `{"m":"2026-02","k":{"2025-01":"x"}}` {
		t.Errorf("%s", b)
	}
	if err := json.Unmarshal([]byte(`{"m":"2026-2"}`), &v); err == nil {
		t.Errorf("a bad month is refused")
	}
}
