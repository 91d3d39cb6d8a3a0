package accounts

import (
	"time"

	"keel/backend/workspace"
)

// Day is one local day with events (workspace.Day).
type Day = workspace.Day

// NameUse is how often, first and last one event name was sent; Name is
// its id in Units.Names (workspace.NameUse).
type NameUse = workspace.NameUse

// LocalDay is the day number (from 1970-01-01) of unix second t in loc.
func LocalDay(t int64, loc *time.Location) int32 { return workspace.LocalDay(t, loc) }

// MonthOfDay is the absolute month (year×12 + month−1) of a day number,
// the numbering of revenue.AbsMonth.
func MonthOfDay(d int32) int { return workspace.MonthOfDay(d) }

// WeekOfDay is the day number of the Monday starting d's week.
func WeekOfDay(d int32) int32 { return workspace.WeekOfDay(d) }

// DayStart is the first instant of day d in loc.
func DayStart(d int32, loc *time.Location) time.Time { return workspace.DayStart(d, loc) }
