package pipeline

import (
	"os"

	"keel/backend"
)

// openFile opens an export: a regular file, or a link to one. A folder, a
// pipe, a device or a socket is refused before it is opened, with a
// sentence: opening a pipe would wait forever for a writer (holding the
// workspace), and a device or a folder is never an export. The file is
// checked again once open, in case it was swapped meanwhile.
func openFile(path string) (*os.File, os.FileInfo, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, nil, openProblem(err)
	}
	if err := regular(st); err != nil {
		return nil, nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, openProblem(err)
	}
	if st, err = f.Stat(); err != nil || regular(st) != nil {
		f.Close()
		if err == nil {
			err = regular(st)
		}
		return nil, nil, err
	}
	return f, st, nil
}

func regular(st os.FileInfo) error {
	m := st.Mode()
	what := ""
	switch {
	case m.IsRegular():
		return nil
	case m.IsDir():
		return backend.Errorf(backend.Invalid, "this is a folder, not a file; import the export files in it")
	case m&os.ModeNamedPipe != 0:
		what = "a pipe"
	case m&(os.ModeDevice|os.ModeCharDevice) != 0:
		what = "a device"
	case m&os.ModeSocket != 0:
		what = "a socket"
	default:
		what = "a special file"
	}
	return backend.Errorf(backend.Invalid, "this is %s, not a file; save the export as a file and import that file", what)
}
