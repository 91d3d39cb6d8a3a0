package pipeline

// GCPercent is the garbage collector target (debug.SetGCPercent) a
// command should run imports with; the pipeline does not set it, since it
// is the whole process's. An import allocates about 1 KB per row that is
// garbage as soon as the row is stored, over a live heap of a few MB, so
// at Go's default (100) the collector runs hundreds of times per million
// rows and takes a fifth of the import's time; at 400 the peak RSS of a
// large import stays well under 150 MB (800 saved a few per cent of the
// CPU for half as much memory again).
const GCPercent = 400
