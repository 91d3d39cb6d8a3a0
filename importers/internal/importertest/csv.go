package importertest

import (
	"io"
	"os"
	"strings"
	"testing"

	"keel/importers/csvfile"
)

// ReadCSV opens a file with the shared reading layer and reads every row.
func ReadCSV(t *testing.T, path string) (*csvfile.Header, []csvfile.Row) {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	return ReadFrom(t, fh, path)
}

// ReadFrom reads every row of src; name is for messages.
func ReadFrom(t *testing.T, src io.Reader, name string) (*csvfile.Header, []csvfile.Row) {
	t.Helper()
	r, err := csvfile.Open(src)
	if err != nil {
		t.Fatalf("open %s: %v", name, err)
	}
	var rows []csvfile.Row
	for {
		row, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("read %s: %v", name, err)
		}
		rows = append(rows, row)
	}
	return r.Header(), rows
}

// OpenHeader reads the header of the file at path; a file the reading
// layer refuses is an error, one that cannot be opened fails the test.
func OpenHeader(t *testing.T, path string) (*csvfile.Header, error) {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	r, err := csvfile.Open(fh)
	if err != nil {
		return nil, err
	}
	return r.Header(), nil
}

// Header builds a header from a comma-separated list of names.
func Header(names string) *csvfile.Header {
	return csvfile.NewHeader(strings.Split(names, ",")...)
}
