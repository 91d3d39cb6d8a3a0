package pipeline

// GCPercent and MemoryLimit are the garbage collector's settings
// (debug.SetGCPercent, debug.SetMemoryLimit) a command should run imports
// with; the pipeline does not set them, since they are the whole
// process's. Storing a row allocates about 1 KB that is garbage as soon as
// the row is stored, over a live heap of a few MB, so at Go's default
// (100) the collector runs hundreds of times per million rows and takes a
// fifth of the import's time; at 400 it runs a quarter as often. Linking
// a large import's accounts holds tens of MB for a moment, which at 400
// would let the heap grow to five times that: the soft limit makes the
// collector run more often near it, so that peak RSS stays under 150 MB
// (SQLite's page cache comes on top).
const (
	GCPercent   = 400
	MemoryLimit = 112 << 20
	// LinkMemoryLimit is MemoryLimit for the linking that follows the
	// rows: its garbage comes in bursts over a live heap of tens of MB
	// (the identities read, the accounts summed), and without the 64 MiB
	// of the window's libraries (main_cli.go) a lower limit keeps a small
	// import into a large workspace under 150 MB at no cost in time.
	LinkMemoryLimit = 96 << 20
)
