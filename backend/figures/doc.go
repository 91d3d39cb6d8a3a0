// Package figures is Keel's read model: every number a screen, the monthly
// review, the Excel report or `keel metrics --json` shows, computed once
// for a range of months (Load) as one typed Set. The app, the command
// line, the review and the report only choose figures and lay them out;
// the review freezes the whole Set, so a frozen month shows what it showed.
// The catalogue (Fields) says, for each figure, its key, label, unit, good
// direction, rule and what fills it when missing.
//
// How to add a figure (or an area's section):
//  1. The area's package computes its section for a month range as a typed
//     struct whose JSON names are METRICS.md's, like revenue.Figures. For
//     a new section, add Month's field (and metricsMonth's in contract.go);
//     releases and manual work fill the flat Operations fields.
//  2. Load (set.go) sets the section in every Month (a nil section is left
//     out of `keel metrics --json`) and, once the workspace has the area's
//     data, its Data bit in Set.Has; hints.go says what fills it otherwise.
//  3. Each figure is a Field in fields_<section>.go (decisions and
//     costs share fields_later.go): key "section.name", label, unit, better, Needs, Empty, the
//     rule in METRICS.md's words, the accessor. catalogue_test.go fails
//     until every JSON field of every section has one.
//  4. Pick where it shows, by key: review/numbers.go (steps 5 Releases,
//     6 Feedback, 8 Decisions, Operations), review/scaling.go (surfaces),
//     report/tracked.go (sheets), app (screens, with figureTile).
//  5. go test ./backend/cli -run Golden -update, and explain each change.
package figures
