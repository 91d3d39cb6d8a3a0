package pipeline

import (
	"context"

	"keel/backend/workspace"
	"keel/importers"
)

// chunk is a run of parsed rows, read ahead of the writer.
type chunk struct {
	items []item
	pos   int64 // input position after the chunk, for progress
	err   error // io.EOF at the end, or the read error that stopped it
}

const chunkRows = 256

// prefetch parses rows (and makes them ready for storing in b) on a second
// goroutine while the caller stores the previous ones, so reading, parsing
// and SQLite work use both cores; it reads up to 32 chunks ahead so that
// the writer does not wait on the parser's hiccups. stop must be called
// (it waits for the reader to finish before src is closed).
//
// The caller hands each chunk's items back with reuse once stored, so a
// large file does not allocate a new block of items per chunk.
func prefetch(ctx context.Context, src *rows, b *workspace.Batch) (chunks <-chan chunk, reuse func([]item), stop func()) {
	ch := make(chan chunk, 32)
	free := make(chan []item, 34)
	done := make(chan struct{})
	prep := b.Preparer()
	go func() {
		defer close(ch)
		for {
			c := chunk{}
			select {
			case c.items = <-free:
			default:
				c.items = make([]item, 0, chunkRows)
			}
			for len(c.items) < chunkRows {
				it, err := src.next()
				if err != nil {
					c.err = err
					break
				}
				if _, multi := it.rec.(importers.Records); it.rec != nil && !multi && it.rec != importers.Duplicate {
					if row, err := prep.Prepare(it.rec); err == nil {
						it.row, it.ready = row, true
					}
				}
				c.items = append(c.items, it)
			}
			c.pos = src.pos()
			select {
			case ch <- c:
			case <-done:
				return
			case <-ctx.Done():
				return
			}
			if c.err != nil {
				return
			}
		}
	}()
	reuse = func(items []item) {
		clear(items) // let go of the stored rows
		select {
		case free <- items[:0]:
		default:
		}
	}
	return ch, reuse, func() {
		close(done)
		for range ch {
		}
	}
}
