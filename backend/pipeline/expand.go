package pipeline

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"keel/backend/workspace"
	"keel/importers"
)

// kindOrder imports the objects a record may refer to first.
var kindOrder = map[string]int{"customers": 0, "subscriptions": 1, "invoices": 2, "payments": 3}

// expand returns what to import for a request: for a ZIP holding several
// kinds of export (Chargebee's download: one CSV per object), one request
// per member, customers first, each read from the archive in place (with
// the archive reader's limits, nothing written to disk); anything else,
// including a ZIP of one kind (which imports as one), is the request
// itself.
func expand(req Request) ([]Request, error) {
	if req.Member != "" {
		return []Request{req}, nil
	}
	f, st, err := openFile(req.Path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	inp, err := openInput(f, &countingReader{r: f}, st.Size(), filepath.Base(req.Path), "")
	if err != nil || inp.format != "zip" {
		return []Request{req}, nil // Run says what is wrong with it
	}
	inp.probe = true
	defer inp.close()
	type found struct {
		path string
		kind string // "source/kind", "" when not recognised
	}
	var ms []found
	kinds := map[string]bool{}
	for {
		m, err := inp.nextMember()
		if err == io.EOF {
			break
		}
		if err != nil {
			return []Request{req}, nil // Run reads it again and says why
		}
		l := sniff(m)
		k := ""
		if ds := importers.DetectAll(l.header, l.head); len(ds) > 0 && ds[0].Confidence >= minConfidence {
			k = ds[0].Importer.Source() + "/" + ds[0].Importer.Kind()
			kinds[k] = true
		}
		ms = append(ms, found{m.path, k})
	}
	if len(kinds) < 2 {
		return []Request{req}, nil
	}
	order := func(k string) int {
		if o, ok := kindOrder[k[strings.IndexByte(k, '/')+1:]]; ok && k != "" {
			return o
		}
		return 99
	}
	sort.SliceStable(ms, func(i, j int) bool { return order(ms[i].kind) < order(ms[j].kind) })
	out := make([]Request, 0, len(ms))
	for _, m := range ms {
		r := req
		r.Member = m.path
		r.Name = filepath.Base(req.Path) + " › " + filepath.Base(m.path)
		r.Origin = absPath(req.Path) + " › " + m.path
		out = append(out, r)
	}
	return out, nil
}

// removeLeftovers deletes the folders that Keel versions before this one
// extracted mixed ZIPs into, when such a Keel was killed mid-import;
// nothing is extracted any more, so every one of them is stale.
func removeLeftovers() {
	dirs, _ := filepath.Glob(filepath.Join(os.TempDir(), "keel-unzip-*"))
	for _, d := range dirs {
		os.RemoveAll(d)
	}
}

// RunAll imports each request in turn, expanding mixed ZIPs into one
// import per member (named "archive.zip › member.csv" in the reports).
func RunAll(ctx context.Context, db *workspace.DB, reqs []Request, progress func(Progress)) []Report {
	removeLeftovers()
	var out []Report
	for _, req := range reqs {
		members, err := expand(req)
		if err != nil {
			name := filepath.Base(req.Path)
			out = append(out, Report{Path: req.Path, File: name, Err: fileError(name, err)})
			continue
		}
		for _, r := range members {
			out = append(out, Run(ctx, db, r, progress))
			if ctx.Err() != nil {
				break
			}
		}
		if ctx.Err() != nil {
			break
		}
	}
	return out
}
