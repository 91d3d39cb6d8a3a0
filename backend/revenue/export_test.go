package revenue

// ParallelFrom lets tests read even a small workspace in parallel.
var ParallelFrom = &parallelFrom
