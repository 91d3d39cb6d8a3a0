package helpdesk

import (
	"testing"
	"time"
)

func TestMinutes(t *testing.T) {
	tests := []struct {
		in   string
		unit time.Duration
		want int64 // -1: nil
		err  bool
	}{
		{"", time.Second, -1, false},
		{"-", time.Second, -1, false},
		{"01:30:20", 0, 90, false},
		{"1:30", 0, 90, false},
		{"00:00:30", 0, 1, false}, // half a minute rounds up
		{"00:00:29", 0, 0, false},
		{"26:00:00", 0, 1560, false},
		{"2h 5m", 0, 125, false},
		{"1d 2h", 0, 1560, false},
		{"3 hours 15 minutes", 0, 195, false},
		{"45s", 0, 1, false},
		{"290", time.Second, 5, false},
		{"1.5", time.Hour, 90, false},
		{"12", time.Minute, 12, false},
		{"95", 0, -1, true}, // no unit: ErrNoUnit
		{"soon", time.Second, -1, true},
		{"-5", time.Second, -1, true},
		{"2h soon", 0, -1, true},
		// Plain numbers are read exactly, halves rounded up.
		{"1604", time.Minute, 1604, false},
		{" 42 ", time.Minute, 42, false},
		{"12.5", time.Minute, 13, false},
		{"12.4", time.Minute, 12, false},
		{"0.5", time.Hour, 30, false},
		{"0.175", time.Hour, 11, false}, // 10.5 minutes, which a float would round down
		{"10.49", time.Minute, 10, false},
		{".5", time.Minute, 1, false},
		{"5256000", time.Minute, 5256000, false},    // ten years
		{"5256001", time.Minute, -1, true},          // more: a typo, refused
		{"1234567890123456", time.Minute, -1, true}, // past int64 once in seconds
		{"1e3", time.Minute, -1, true},
		{"1/2", time.Minute, -1, true},
		{"-2.5", time.Minute, -1, true},
	}
	for _, tt := range tests {
		got, err := Minutes(tt.in, tt.unit)
		if (err != nil) != tt.err {
			t.Errorf("Minutes(%q) error %v", tt.in, err)
			continue
		}
		if tt.want < 0 && got != nil || tt.want >= 0 && (got == nil || *got != tt.want) {
			t.Errorf("Minutes(%q, %v) = %v, want %d", tt.in, tt.unit, got, tt.want)
		}
	}
	if _, err := Minutes("95", 0); err != ErrNoUnit {
		t.Errorf("no unit: %v", err)
	}
}

func TestUnitOf(t *testing.T) {
	for name, want := range map[string]time.Duration{
		"First response time (seconds)": time.Second,
		"First reply time in minutes":   time.Minute,
		"Resolution time (in hrs)":      time.Hour,
		"Resolution Time (hours)":       time.Hour,
		"First Response Time":           0,
		"Time to close (days)":          24 * time.Hour,
	} {
		if got := UnitOf(name, 0); got != want {
			t.Errorf("UnitOf(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestTags(t *testing.T) {
	if got := Tags(" billing, bug report ,, VIP"); len(got) != 3 || got[0] != "billing" || got[1] != "bug_report" || got[2] != "VIP" {
		t.Errorf("Tags = %q", got)
	}
}

func TestFivePoint(t *testing.T) {
	for s, want := range map[string]string{"5": "good", " 4 ": "good", "3": "bad", "1": "bad", "0": "", "6": "", "4.5": "", "good": ""} {
		v, ok := FivePoint(s)
		if v != want || ok != (want != "") {
			t.Errorf("FivePoint(%q) = %q, %v", s, v, ok)
		}
	}
}
