package pipeline

import (
	"archive/zip"
	"context"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"keel/backend/workspace"
	"keel/importers"
	"keel/importers/chargebee"
	"keel/importers/csvfile"
)

// kindOrder imports the objects a record may refer to first.
var kindOrder = map[string]int{"customers": 0, "subscriptions": 1, "invoices": 2, "payments": 3}

// Expand returns the files to import for path: a ZIP holding several kinds
// of export (Chargebee's download: one CSV per object) is extracted to a
// temporary folder and its members returned, customers first; anything
// else (including a ZIP of one kind, which imports as one) is returned as
// is. cleanup removes what was extracted.
func Expand(path string) (paths []string, cleanup func(), err error) {
	none := func() {}
	if !mixedZip(path) {
		return []string{path}, none, nil
	}
	dir, err := os.MkdirTemp("", "keel-unzip-")
	if err != nil {
		return nil, none, err
	}
	cleanup = func() { os.RemoveAll(dir) }
	// chargebee.Unzip extracts CSV members safely (no zip-slip, size caps);
	// nothing in it is Chargebee-specific.
	files, err := chargebee.Unzip(path, dir)
	if err != nil {
		cleanup()
		return nil, none, err
	}
	kinds := map[string]int{}
	for _, f := range files {
		kinds[f] = 99
		if k, ok := detectKind(f); ok {
			if o, ok := kindOrder[k[strings.IndexByte(k, '/')+1:]]; ok {
				kinds[f] = o
			}
		}
	}
	sort.SliceStable(files, func(i, j int) bool { return kinds[files[i]] < kinds[files[j]] })
	return files, cleanup, nil
}

// mixedZip reports whether path is a ZIP whose CSV members are detected as
// more than one kind of export.
func mixedZip(path string) bool {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return false
	}
	defer zr.Close()
	seen := map[string]bool{}
	for _, f := range zr.File {
		if f.FileInfo().IsDir() || skipMember(f) || !strings.EqualFold(filepath.Ext(f.Name), ".csv") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			continue
		}
		head, _ := io.ReadAll(io.LimitReader(rc, importers.HeadSize))
		rc.Close()
		if k, ok := detectHead(head); ok {
			seen[k] = true
		}
	}
	return len(seen) > 1
}

func detectKind(path string) (string, bool) {
	f, err := os.Open(path)
	if err != nil {
		return "", false
	}
	defer f.Close()
	head, _ := io.ReadAll(io.LimitReader(f, importers.HeadSize))
	return detectHead(head)
}

func detectHead(head []byte) (string, bool) {
	rd, err := csvfile.Open(strings.NewReader(string(head)))
	if err != nil {
		return "", false
	}
	ms := importers.DetectAll(rd.Header(), head)
	if len(ms) == 0 || ms[0].Confidence < minConfidence {
		return "", false
	}
	return ms[0].Importer.Source() + "/" + ms[0].Importer.Kind(), true
}

// RunAll imports each request in turn, expanding mixed ZIPs into one
// import per member (named "archive.zip › member.csv" in the reports).
func RunAll(ctx context.Context, db *workspace.DB, reqs []Request, progress func(Progress)) []Report {
	var out []Report
	for _, req := range reqs {
		paths, cleanup, err := Expand(req.Path)
		if err != nil {
			out = append(out, Report{Path: req.Path, File: filepath.Base(req.Path), Err: fileError(filepath.Base(req.Path), err)})
			continue
		}
		for _, p := range paths {
			r := req
			r.Path = p
			if p != req.Path {
				r.Name = filepath.Base(req.Path) + " › " + filepath.Base(p)
				r.Origin = absPath(req.Path) + " › " + filepath.Base(p)
			}
			out = append(out, Run(ctx, db, r, progress))
			if ctx.Err() != nil {
				break
			}
		}
		cleanup()
		if ctx.Err() != nil {
			break
		}
	}
	return out
}
