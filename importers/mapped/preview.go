package mapped

import (
	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
)

// Parsed is one preview row: what the mapping makes of it, or why the
// row would be rejected.
type Parsed struct {
	Line    int            `json:"line"`
	Record  backend.Record `json:"record"`
	Problem string         `json:"problem,omitempty"`
}

// Preview runs a mapping (saved or not) over a few rows of a file, for the
// live preview of the column-mapping step: header and rows as
// pipeline.Look returns them. A mapping that cannot import at all is an
// error saying what to fix.
func Preview(m Mapping, header []string, rows [][]string, opt importers.Options) ([]Parsed, error) {
	if len(m.Header) == 0 {
		m.Header = header
	}
	im, err := New(m)
	if err != nil {
		return nil, err
	}
	h := csvfile.NewHeader(header...)
	parse, err := im.Bind(h, opt)
	if err != nil {
		return nil, err
	}
	out := make([]Parsed, 0, len(rows))
	for i, fields := range rows {
		p := Parsed{Line: i + 2}
		rec, err := parse(csvfile.NewRow(h, p.Line, fields...))
		if err != nil {
			p.Problem = err.Error()
		}
		p.Record = rec
		out = append(out, p)
	}
	return out, nil
}
