package workspace

import "time"

// dayClock numbers the local days of unix times, remembering the current
// stretch of constant UTC offset so that a sorted stream of times costs
// one comparison each.
type dayClock struct {
	loc    *time.Location
	lo, hi int64 // [lo, hi) has offset off
	off    int64
}

func newDayClock(loc *time.Location) *dayClock {
	if loc == nil {
		loc = time.UTC
	}
	return &dayClock{loc: loc, lo: 1, hi: 0}
}

// day is the local day number of unix second t.
func (c *dayClock) day(t int64) int32 {
	if t < c.lo || t >= c.hi {
		tt := time.Unix(t, 0).In(c.loc)
		_, off := tt.Zone()
		c.off = int64(off)
		start, end := tt.ZoneBounds()
		c.lo, c.hi = minInt64, maxInt64
		if !start.IsZero() {
			c.lo = start.Unix()
		}
		if !end.IsZero() {
			c.hi = end.Unix()
		}
	}
	return int32(floorDiv(t+c.off, 86400))
}

const (
	minInt64 = -1 << 63
	maxInt64 = 1<<63 - 1
)

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// LocalDay is the day number (from 1970-01-01) of unix second t in loc.
func LocalDay(t int64, loc *time.Location) int32 { return newDayClock(loc).day(t) }

// MonthOfDay is the absolute month (year×12 + month−1) of a day number:
// looked up for the days of 1970–2129 (the activity of every account is
// counted by month, millions of days a computation), else worked out.
func MonthOfDay(d int32) int {
	if d >= 0 && int(d) < len(dayMonths) {
		return monthsFrom + int(dayMonths[d])
	}
	y, m, _ := civil(int64(d))
	return y*12 + m - 1
}

// dayMonths holds the month of each day from 1970-01-01, as months since
// January 1970 (monthsFrom).
var dayMonths = func() []uint16 {
	const days = 58440 // 1970-01-01 … 2129-12-31
	out := make([]uint16, days)
	for d := range out {
		y, m, _ := civil(int64(d))
		out[d] = uint16(y*12 + m - 1 - monthsFrom)
	}
	return out
}()

const monthsFrom = 1970 * 12

// WeekOfDay is the day number of the Monday starting d's week.
func WeekOfDay(d int32) int32 {
	return d - int32((int64(d)%7+7+3)%7) // 1970-01-01 was a Thursday
}

// DayStart is the first instant of day d in loc.
func DayStart(d int32, loc *time.Location) time.Time {
	y, m, dd := civil(int64(d))
	return time.Date(y, time.Month(m), dd, 0, 0, 0, 0, loc)
}

// civil converts a day number to a date (Howard Hinnant's algorithm).
func civil(z int64) (y, m, d int) {
	z += 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	yy := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	dd := doy - (153*mp+2)/5 + 1
	mm := mp + 3
	if mm > 12 {
		mm -= 12
	}
	if mm <= 2 {
		yy++
	}
	return int(yy), int(mm), int(dd)
}
