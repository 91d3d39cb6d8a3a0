package chargebee

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"

	"keel/backend"
)

// Limits of Unzip: an export is a few CSV files; anything far bigger is
// refused rather than filling the disk (a zip bomb declares small sizes
// and inflates to gigabytes, so the bytes written are counted, not the
// sizes the archive declares).
// (Variables so that tests can lower them.)
var (
	maxMemberSize int64 = 2 << 30 // bytes of one extracted CSV
	maxTotalSize  int64 = 8 << 30 // bytes of all extracted CSVs
	maxMembers          = 1000    // CSV members
)

// Unzip extracts the CSV members of a Chargebee export ZIP (Customers.csv,
// Subscriptions.csv, Invoices.csv, Transactions.csv, …) into dir, which is
// created if needed, and returns their paths in archive order, so that
// each can be imported as its own file.
//
// Members are written under their base name only, so no name in the
// archive ("../x.csv", "/etc/x.csv", "a\..\x.csv") can place a file
// outside dir; two members with one base name get "-2", "-3", … suffixes,
// and an existing file in dir is never overwritten. Folders, non-CSV
// members, macOS resource forks ("__MACOSX/", "._x.csv") and links are
// skipped. A member over 2 GiB, a total over 8 GiB or more than 1000 CSVs
// is refused. On any error the files extracted so far
// are removed. Errors are *backend.Error sentences.
func Unzip(zipPath, dir string) ([]string, error) {
	zr, err := zip.OpenReader(zipPath)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, backend.Errorf(backend.NotFound, "the file %s does not exist", filepath.Base(zipPath))
		}
		return nil, backend.Errorf(backend.Invalid, "%s is not a ZIP archive Keel can read (%v)", filepath.Base(zipPath), err)
	}
	defer zr.Close()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, backend.Errorf(backend.Internal, "Keel could not create the folder to unpack %s into (%v)", filepath.Base(zipPath), err)
	}
	var (
		out   []string
		total int64
		used  = map[string]bool{}
	)
	fail := func(e error) ([]string, error) {
		for _, p := range out {
			os.Remove(p)
		}
		return nil, e
	}
	for _, m := range zr.File {
		name, ok := memberName(m)
		if !ok {
			continue
		}
		if len(out) == maxMembers {
			return fail(backend.Errorf(backend.Invalid, "%s holds more than %d CSV files; Keel expects a Chargebee export of a few", filepath.Base(zipPath), maxMembers))
		}
		if m.UncompressedSize64 > uint64(maxMemberSize) {
			return fail(tooBig(zipPath, m.Name))
		}
		dst, fh, err := create(dir, name, used)
		if err != nil {
			return fail(backend.Errorf(backend.Internal, "Keel could not write %s from %s (%v)", name, filepath.Base(zipPath), err))
		}
		out = append(out, dst)
		n, err := copyMember(fh, m, min(maxMemberSize, maxTotalSize-total))
		if cerr := fh.Close(); err == nil {
			err = cerr
		}
		total += n
		switch {
		case errors.Is(err, errTooBig) && total >= maxTotalSize:
			return fail(backend.Errorf(backend.Invalid, "%s unpacks to more than %s of CSV; Keel refuses it (is it really a Chargebee export?)", filepath.Base(zipPath), size(maxTotalSize)))
		case errors.Is(err, errTooBig):
			return fail(tooBig(zipPath, m.Name))
		case err != nil:
			return fail(backend.Errorf(backend.Invalid, "%s in %s could not be unpacked (%v)", m.Name, filepath.Base(zipPath), err))
		}
	}
	if len(out) == 0 {
		return nil, backend.Errorf(backend.Invalid, "%s holds no CSV file; a Chargebee export has Customers.csv, Subscriptions.csv, …", filepath.Base(zipPath))
	}
	return out, nil
}

var errTooBig = errors.New("member too big")

// size writes a byte count for a message: "2 GiB", "10 KiB".
func size(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

func tooBig(zipPath, member string) error {
	return backend.Errorf(backend.Invalid, "%s in %s unpacks to more than %s; Keel refuses it (is it really a Chargebee export?)",
		member, filepath.Base(zipPath), size(maxMemberSize))
}

// memberName is the base name to extract a member under; ok is false for
// members that are skipped.
func memberName(m *zip.File) (string, bool) {
	mode := m.Mode()
	if m.FileInfo().IsDir() || !mode.IsRegular() {
		return "", false
	}
	full := strings.ReplaceAll(m.Name, `\`, "/")
	if strings.HasPrefix(full, "__MACOSX/") || strings.Contains(full, "/__MACOSX/") {
		return "", false
	}
	base := path.Base(full)
	if base == "." || base == "/" || base == ".." || strings.HasPrefix(base, ".") ||
		!strings.EqualFold(path.Ext(base), ".csv") || strings.ContainsAny(base, "\x00:") {
		return "", false
	}
	return base, true
}

// create opens a new file for name in dir, adding a suffix when the name
// is taken (by an earlier member or an existing file).
func create(dir, name string, used map[string]bool) (string, *os.File, error) {
	ext := filepath.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	for i := 1; ; i++ {
		cand := name
		if i > 1 {
			cand = fmt.Sprintf("%s-%d%s", stem, i, ext)
		}
		if used[strings.ToLower(cand)] {
			continue
		}
		p := filepath.Join(dir, cand)
		fh, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, os.ErrExist) {
			if i > maxMembers {
				return "", nil, err
			}
			continue
		}
		if err != nil {
			return "", nil, err
		}
		used[strings.ToLower(cand)] = true
		return p, fh, nil
	}
}

// copyMember copies a member's bytes, at most limit of them (errTooBig
// past that).
func copyMember(w io.Writer, m *zip.File, limit int64) (int64, error) {
	rc, err := m.Open()
	if err != nil {
		return 0, err
	}
	defer rc.Close()
	n, err := io.Copy(w, io.LimitReader(rc, limit+1))
	if err != nil {
		return n, err
	}
	if n > limit {
		return n, errTooBig
	}
	return n, nil
}
