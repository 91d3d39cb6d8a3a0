package pipeline

import (
	"bytes"
	"io"
	"path/filepath"

	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
)

// Preview is what Keel shows about a file before importing it.
type Preview struct {
	Path, File string
	Size       int64
	Encoding   string
	Separator  string
	Header     []string
	Rows       [][]string
	Matches    []importers.Match // best first; empty when nothing recognises it
	Err        error
}

// PreviewRows is how many data rows a preview shows.
const PreviewRows = 5

// Look reads the header and first rows of a file and detects its kind.
func Look(path string) Preview {
	p := Preview{Path: path, File: filepath.Base(path)}
	f, st, err := openFile(path)
	if err != nil {
		p.Err = fileError(p.File, err)
		return p
	}
	defer f.Close()
	p.Size = st.Size()
	// Plain, gzipped or zipped (the first member is shown); CSV or lines.
	inp, err := openInput(f, &countingReader{r: f}, p.Size, p.File, "")
	if err != nil {
		p.Err = fileError(p.File, err)
		return p
	}
	defer inp.close()
	m, err := inp.nextMember()
	if err != nil {
		p.Err = fileError(p.File, err)
		return p
	}
	l := sniff(m)
	p.Matches = importers.DetectAll(l.header, l.head)
	if len(p.Matches) > 0 && (importers.ReadsItems(p.Matches[0].Importer, l.head) || importers.ReadsLines(p.Matches[0].Importer, l.head)) {
		p.Encoding, p.Header = "utf-8", []string{"line"}
		for _, line := range bytes.Split(l.head, []byte("\n")) {
			if line = bytes.TrimSpace(line); len(line) > 0 && len(p.Rows) < PreviewRows {
				p.Rows = append(p.Rows, []string{string(line)})
			}
		}
	} else {
		rd, err := csvfile.Open(m.r)
		if err != nil {
			p.Err = fileError(p.File, inMember(m, err))
			return p
		}
		p.Encoding = rd.Encoding()
		p.Separator = string(rd.Separator())
		p.Header = rd.Header().Names
		for len(p.Rows) < PreviewRows {
			row, err := rd.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				p.Err = fileError(p.File, readProblem(err))
				break
			}
			p.Rows = append(p.Rows, append([]string(nil), row.Fields...))
		}
		p.Matches = importers.DetectAll(rd.Header(), l.head)
	}
	if p.Err == nil && len(p.Rows) == 0 {
		p.Err = fileError(p.File, backend.Errorf(backend.Invalid, "the file has a header but no data rows"))
	}
	return p
}
