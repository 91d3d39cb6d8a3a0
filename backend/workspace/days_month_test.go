package workspace

import (
	"testing"
	"time"
)

// The month of a day, looked up or worked out, is the calendar's, on
// both sides of the looked-up years.
func TestMonthOfDay(t *testing.T) {
	for _, d := range []int32{-800, -1, 0, 1, 30, 31, 59, 10_000, 20_000, 58_439, 58_440, 70_000} {
		at := time.Unix(int64(d)*86400, 0).UTC()
		if got, want := MonthOfDay(d), at.Year()*12+int(at.Month())-1; got != want {
			t.Errorf("MonthOfDay(%d) = %d, want %d (%s)", d, got, want, at.Format("2006-01-02"))
		}
	}
	for d := int32(0); d < int32(len(dayMonths)); d++ {
		y, m, _ := civil(int64(d))
		if MonthOfDay(d) != y*12+m-1 {
			t.Fatalf("day %d: %d, want %d", d, MonthOfDay(d), y*12+m-1)
		}
	}
}
