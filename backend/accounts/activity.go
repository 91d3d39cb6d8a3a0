package accounts

import (
	"cmp"
	"encoding/binary"
	"errors"
	"slices"
	"time"
)

// Day is one calendar day in the workspace time zone, numbered from
// 1970-01-01, with the events of that day: all of them and the core ones
// (setting core_events).
type Day struct {
	Day    int32
	Events int32
	Core   int32
}

// NameUse is how often, first and last (unix seconds) one event name was
// sent. Name is the id of the name in Units.Names.
type NameUse struct {
	Name        int32
	Events      int64
	First, Last int64
}

var errBlob = errors.New("damaged activity summary")

// encodeDays packs days sorted by Day: the gap from the previous day, the
// events and the core events, as varints.
func encodeDays(days []Day) []byte {
	b := make([]byte, 0, 4*len(days))
	prev := int32(0)
	for _, d := range days {
		b = binary.AppendVarint(b, int64(d.Day-prev))
		b = binary.AppendUvarint(b, uint64(d.Events))
		b = binary.AppendUvarint(b, uint64(d.Core))
		prev = d.Day
	}
	return b
}

func decodeDays(b []byte, out []Day) ([]Day, error) {
	prev := int64(0)
	for len(b) > 0 {
		gap, n := binary.Varint(b)
		if n <= 0 {
			return out, errBlob
		}
		b = b[n:]
		ev, n := binary.Uvarint(b)
		if n <= 0 {
			return out, errBlob
		}
		b = b[n:]
		core, n := binary.Uvarint(b)
		if n <= 0 {
			return out, errBlob
		}
		b = b[n:]
		prev += gap
		out = append(out, Day{Day: int32(prev), Events: int32(ev), Core: int32(core)})
	}
	return out, nil
}

// encodeNames packs name uses sorted by Name.
func encodeNames(names []NameUse) []byte {
	b := make([]byte, 0, 12*len(names))
	for _, u := range names {
		b = binary.AppendUvarint(b, uint64(u.Name))
		b = binary.AppendUvarint(b, uint64(u.Events))
		b = binary.AppendVarint(b, u.First)
		b = binary.AppendUvarint(b, uint64(u.Last-u.First))
	}
	return b
}

func decodeNames(b []byte, out []NameUse) ([]NameUse, error) {
	for len(b) > 0 {
		var v [4]int64
		for i := range v {
			var n int
			if i == 2 {
				v[i], n = binary.Varint(b)
			} else {
				var u uint64
				u, n = binary.Uvarint(b)
				v[i] = int64(u)
			}
			if n <= 0 {
				return out, errBlob
			}
			b = b[n:]
		}
		out = append(out, NameUse{Name: int32(v[0]), Events: v[1], First: v[2], Last: v[2] + v[3]})
	}
	return out, nil
}

// sortDays sorts days and adds up repeated ones.
func sortDays(days []Day) []Day {
	if !slices.IsSortedFunc(days, func(a, b Day) int { return cmp.Compare(a.Day, b.Day) }) {
		slices.SortFunc(days, func(a, b Day) int { return cmp.Compare(a.Day, b.Day) })
	}
	out := days[:0]
	for _, d := range days {
		if n := len(out); n > 0 && out[n-1].Day == d.Day {
			out[n-1].Events += d.Events
			out[n-1].Core += d.Core
			continue
		}
		out = append(out, d)
	}
	return out
}

// sortNames sorts uses by name and combines repeated names.
func sortNames(names []NameUse) []NameUse {
	slices.SortFunc(names, func(a, b NameUse) int { return cmp.Compare(a.Name, b.Name) })
	out := names[:0]
	for _, u := range names {
		if n := len(out); n > 0 && out[n-1].Name == u.Name {
			p := &out[n-1]
			p.Events += u.Events
			p.First, p.Last = min(p.First, u.First), max(p.Last, u.Last)
			continue
		}
		out = append(out, u)
	}
	return out
}

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

// MonthOfDay is the absolute month (year×12 + month−1) of a day number,
// the numbering of revenue.AbsMonth.
func MonthOfDay(d int32) int {
	y, m, _ := civil(int64(d))
	return y*12 + m - 1
}

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
