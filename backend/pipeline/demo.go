package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"keel/backend"
	"keel/backend/demo"
	"keel/backend/feedback"
	"keel/backend/workspace"
)

// DemoName is the demo workspace's name.
const DemoName = "Northwind Analytics (demo)"

// CreateDemo writes the demo company's exports next to path and imports
// them into a new workspace at path through the normal pipeline, then
// runs finish (the founder's words, say: DemoWords). The
// workspace appears at path only once it is complete.
func CreateDemo(ctx context.Context, path string, now time.Time, step func(string), finish ...func(context.Context, *workspace.DB) error) error {
	if _, err := os.Stat(path); err == nil {
		return backend.Errorf(backend.Conflict, "%s already exists.", path)
	}
	if step == nil {
		step = func(string) {}
	}
	dir, err := os.MkdirTemp(filepath.Dir(path), ".keel-demo-")
	if err != nil {
		return backend.Errorf(backend.Internal, "make a folder for the demo exports: %v", err)
	}
	defer os.RemoveAll(dir)
	step("Writing the demo company's exports")
	files, err := demo.Write(dir, now)
	if err != nil {
		return backend.Errorf(backend.Internal, "write the demo exports: %v", err)
	}
	tmp := filepath.Join(dir, "demo.keel")
	db, err := workspace.Create(tmp, DemoName)
	if err != nil {
		return err
	}
	db.Now = func() time.Time { return now }
	for _, f := range files {
		step("Importing " + filepath.Base(f))
		rep := Run(ctx, db, Request{Path: f}, nil)
		if rep.Err != nil {
			db.Close()
			return rep.Err
		}
		if rep.Rejected > 0 {
			db.Close()
			return backend.Errorf(backend.Internal, "the demo file %s had %d rejected rows (first: %v)", rep.File, rep.Rejected, rep.Rejects[0])
		}
	}
	step("Adding the demo company's releases")
	if err := demo.SeedReleases(ctx, db, now); err != nil {
		db.Close()
		return backend.Errorf(backend.Internal, "write the demo releases: %v", err)
	}
	step("Writing the founder's feedback history")
	clusters, err := feedback.Seed(ctx, db, demo.FeedbackHistory(now))
	if err != nil {
		db.Close()
		return backend.Errorf(backend.Internal, "write the demo's feedback history: %v", backend.ErrorMessage(err))
	}
	// The releases answer the clusters the history just wrote.
	if err := demo.LinkClusters(db, clusters); err != nil {
		db.Close()
		return backend.Errorf(backend.Internal, "link the demo releases to their feedback clusters: %v", err)
	}
	for _, f := range finish {
		if err := f(ctx, db); err != nil {
			db.Close()
			return err
		}
	}
	// Fold the WAL into the file before moving it into place.
	if err := db.Checkpoint(); err != nil {
		db.Close()
		return err
	}
	db.Close()
	if err := os.Rename(tmp, path); err != nil {
		return backend.Errorf(backend.Internal, "move the demo workspace into place: %v", fmt.Errorf("%w", err))
	}
	return nil
}
