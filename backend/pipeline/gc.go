package pipeline

import (
	"runtime/debug"
	"sync"
)

// importGCPercent is the garbage collector's target while a file is
// imported. An import allocates about 1 KB per row that is garbage as
// soon as the row is stored, over a live heap of a few MB, so at Go's
// default (100) the collector runs hundreds of times per million rows and
// takes a fifth of the import's time; at 400 peak RSS stays under 100 MiB
// (800 saved a few per cent of the CPU for half as much again).
const importGCPercent = 400

var gc struct {
	sync.Mutex
	users, prev int
}

// lessGC raises the collector's target until the returned func is called;
// overlapping imports share one raise.
func lessGC() (restore func()) {
	gc.Lock()
	if gc.users == 0 {
		gc.prev = debug.SetGCPercent(importGCPercent)
	}
	gc.users++
	gc.Unlock()
	return func() {
		gc.Lock()
		gc.users--
		if gc.users == 0 {
			debug.SetGCPercent(gc.prev)
		}
		gc.Unlock()
	}
}
