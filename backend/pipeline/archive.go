package pipeline

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"io"
	"path"
	"strings"

	"keel/backend"
	"keel/importers"
)

// Decompression. A file is recognised by its first bytes, not its name:
//
//   - gzip (1f 8b): its content is the file;
//   - ZIP (PK 03 04): every member is a file of the same import, read in
//     archive order in the same transaction (an Amplitude download is a ZIP
//     of gzipped JSON-lines files); a gzipped member is decompressed too.
//     Folders, macOS resource forks and hidden files are skipped;
//   - anything else is read as it is.
//
// Zip bombs: the decompressed bytes are counted as they come out (the
// sizes an archive declares can lie) and reading stops with a clear error
// past maxExpanded in all, or when one stream has given more than ratioFree
// bytes and over maxRatio times its compressed size. Nothing is written to
// disk. This is the one archive reader of every import: a ZIP of several
// kinds of export is imported member by member through it too (expand.go).
// (Variables so that tests can lower them.)
var (
	maxMembers        = 10000    // files in one archive (its directory is read into memory)
	maxExpanded int64 = 20 << 30 // decompressed bytes of one import
	maxRatio    int64 = 500      // decompressed bytes per compressed byte (deflate alone tops out near 1,032)
	ratioFree   int64 = 16 << 20 // bytes a stream may give before the ratio is checked
)

// input is the file being imported seen through its compression, as a
// sequence of members.
type input struct {
	name    string        // the file's base name
	raw     *bufio.Reader // the file's bytes (plain and gzip)
	counter *countingReader
	format  string // "", "gzip" or "zip"
	zipped  []*zip.File
	probe   bool      // only looking at the members: the file is not read through for its digest
	digest  hash.Hash // of the one member imported (Request.Member), nil otherwise
	next    int       // next member index (zip), or 1 once the single member was given
	total   int64     // decompressed bytes so far, all members
	// ZIP progress: compressed bytes of the finished members, and the
	// current member's deflated bytes read so far.
	done    int64
	current *countingReader
	closer  io.Closer
}

// member is one text stream of the input.
type member struct {
	name string        // base name, for importers.Options.File ("pages.csv")
	path string        // path inside a ZIP archive, "" otherwise
	r    *bufio.Reader // the decompressed text, HeadSize buffered for sniffing
}

// openInput looks at the first bytes of the file read through counter (in
// is the same file, for random access to a ZIP archive). size is the file's
// size. only, when not empty, is the one member of a ZIP archive to read
// (a member of a ZIP of several kinds, imported on its own); its digest is
// then the member's.
func openInput(in io.Reader, counter *countingReader, size int64, name, only string) (*input, error) {
	inp := &input{name: name, counter: counter, raw: bufio.NewReaderSize(counter, importers.HeadSize)}
	magic, _ := inp.raw.Peek(4)
	switch {
	case bytes.HasPrefix(magic, []byte("PK\x03\x04")) || bytes.HasPrefix(magic, []byte("PK\x05\x06")):
		inp.format = "zip"
		ra, ok := in.(io.ReaderAt)
		if !ok {
			return nil, backend.Errorf(backend.Internal, "a ZIP archive can only be read from a file")
		}
		// The members are read by random access; the file is read through
		// once more after the last one, for its SHA-256 and size check.
		if n := zipEntries(ra, size); n > uint64(maxMembers) {
			return nil, backend.Errorf(backend.Invalid, "this ZIP archive holds %d files, more than the %d of any export; Keel did not open it", n, maxMembers)
		}
		zr, err := zip.NewReader(ra, size)
		if err != nil {
			return nil, backend.Errorf(backend.Invalid, "this ZIP archive cannot be read (%v)", err)
		}
		for _, f := range zr.File {
			if f.Name == "xl/workbook.xml" {
				return nil, backend.Errorf(backend.Invalid, "this is an Excel workbook, not an export Keel reads; save the sheet as CSV and import that")
			}
			if !skipMember(f) && (only == "" || f.Name == only) {
				inp.zipped = append(inp.zipped, f)
			}
		}
		switch {
		case len(inp.zipped) == 0 && only != "":
			return nil, backend.Errorf(backend.NotFound, "%s is no longer in the archive", only)
		case len(inp.zipped) == 0:
			return nil, backend.Errorf(backend.Invalid, "this ZIP archive holds no files")
		case only != "":
			inp.digest = sha256.New()
		}
	case only != "":
		return nil, backend.Errorf(backend.Invalid, "this is no longer a ZIP archive")
	case len(magic) >= 2 && magic[0] == 0x1f && magic[1] == 0x8b:
		inp.format = "gzip"
	}
	return inp, nil
}

// skipMember reports members that are not data: folders, links, macOS
// resource forks (__MACOSX/, ._x) and hidden files (.DS_Store).
func skipMember(f *zip.File) bool {
	if f.FileInfo().IsDir() || !f.Mode().IsRegular() {
		return true
	}
	name := strings.ReplaceAll(f.Name, `\`, "/")
	return strings.HasPrefix(name, "__MACOSX/") || strings.HasPrefix(path.Base(name), ".")
}

// nextMember opens the next member, io.EOF after the last one.
func (inp *input) nextMember() (*member, error) {
	if inp.format != "zip" {
		if inp.next > 0 {
			return nil, io.EOF
		}
		inp.next = 1
		if inp.format == "" {
			return &member{name: inp.name, r: inp.raw}, nil
		}
		zr, err := gzip.NewReader(inp.raw)
		if err != nil {
			return nil, backend.Errorf(backend.Invalid, "this gzip file cannot be read (%v)", err)
		}
		g := &guard{r: zr, what: inp.name, total: &inp.total, compressed: func() int64 { return inp.counter.n }}
		return &member{name: strings.TrimSuffix(inp.name, ".gz"), r: bufio.NewReaderSize(&drainer{g, inp.raw}, importers.HeadSize)}, nil
	}
	if inp.closer != nil {
		inp.closer.Close()
		inp.closer = nil
		inp.done += int64(inp.zipped[inp.next-1].CompressedSize64)
		inp.current = nil
	}
	if inp.next >= len(inp.zipped) {
		if inp.probe {
			return nil, io.EOF
		}
		if _, err := io.Copy(io.Discard, inp.raw); err != nil {
			return nil, readError(err)
		}
		return nil, io.EOF
	}
	f := inp.zipped[inp.next]
	inp.next++
	rc, err := f.Open()
	if err != nil {
		return nil, backend.Errorf(backend.Invalid, "%s in the ZIP archive cannot be read (%v)", f.Name, err)
	}
	inp.closer = rc
	inp.current = &countingReader{r: rc}
	csize := int64(f.CompressedSize64)
	name := path.Base(strings.ReplaceAll(f.Name, `\`, "/"))
	var text io.Reader = bufio.NewReaderSize(inp.current, importers.HeadSize)
	if magic, _ := text.(*bufio.Reader).Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(text)
		if err != nil {
			return nil, backend.Errorf(backend.Invalid, "%s in the ZIP archive is not a valid gzip file (%v)", f.Name, err)
		}
		text = zr
		name = strings.TrimSuffix(name, ".gz")
	}
	// The ratio is checked on what comes out of every layer against the
	// member's bytes in the archive.
	var g io.Reader = &guard{r: text, what: f.Name, total: &inp.total, compressed: func() int64 { return csize }}
	if inp.digest != nil {
		g = io.TeeReader(g, inp.digest)
	}
	return &member{name: name, path: f.Name, r: bufio.NewReaderSize(g, importers.HeadSize)}, nil
}

// pos is how far into the file the import is, in file bytes, for progress.
func (inp *input) pos() int64 {
	if inp.format != "zip" {
		return inp.counter.n
	}
	p := inp.done
	if inp.current != nil {
		f := inp.zipped[inp.next-1]
		if size := int64(f.UncompressedSize64); size > 0 && inp.current.n < size {
			p += int64(f.CompressedSize64) * inp.current.n / size
		} else {
			p += int64(f.CompressedSize64)
		}
	}
	return p
}

// close releases the current ZIP member.
func (inp *input) close() {
	if inp.closer != nil {
		inp.closer.Close()
		inp.closer = nil
	}
}

// guard counts the bytes coming out of a decompressor and stops a zip bomb.
type guard struct {
	r          io.Reader
	what       string // file or member name, for messages
	total      *int64 // decompressed bytes of the whole import
	compressed func() int64
	n          int64 // bytes given by this stream
}

func (g *guard) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	if err != nil && err != io.EOF {
		var be *backend.Error
		if !errors.As(err, &be) {
			err = backend.Errorf(backend.Invalid, "%s is damaged or cut short (%v); download it again", g.what, err)
		}
	}
	g.n += int64(n)
	*g.total += int64(n)
	if *g.total > maxExpanded {
		return n, backend.Errorf(backend.Invalid,
			"%s expands to more than %s when decompressed, more than Keel reads in one import; split the export into smaller files",
			g.what, sizeText(maxExpanded))
	}
	if c := g.compressed(); g.n > ratioFree && g.n > maxRatio*max(c, 1) {
		return n, backend.Errorf(backend.Invalid,
			"%s expands to more than %d times its compressed size, which only a zip bomb does (a file built to exhaust memory or disk); Keel stopped reading it",
			g.what, maxRatio)
	}
	return n, err
}

// drainer reads the rest of raw once r is at its end, so that bytes after
// a gzip stream are part of the file's digest and size check.
type drainer struct {
	r, raw io.Reader
}

func (d *drainer) Read(p []byte) (int, error) {
	n, err := d.r.Read(p)
	if err == io.EOF {
		if _, derr := io.Copy(io.Discard, d.raw); derr != nil {
			return n, derr
		}
	}
	return n, err
}

func sizeText(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// readError is an unreadable file (a failing disk, a vanished file).
func readError(err error) error {
	var be *backend.Error
	if errors.As(err, &be) {
		return be
	}
	return backend.Errorf(backend.Invalid, "the file could not be read (%v)", err)
}

// zipEntries is the number of files a ZIP archive's end record declares,
// read before its directory is loaded (a directory of millions of empty
// files would fill memory); 0 when the record is not found (the ZIP
// reader then says what is wrong).
func zipEntries(ra io.ReaderAt, size int64) uint64 {
	const eocd = 22 // end of central directory record, without its comment
	n := min(size, eocd+65535)
	buf := make([]byte, n)
	if _, err := ra.ReadAt(buf, size-n); err != nil && err != io.EOF {
		return 0
	}
	i := bytes.LastIndex(buf, []byte("PK\x05\x06"))
	if i < 0 || len(buf)-i < eocd {
		return 0
	}
	entries := uint64(binary.LittleEndian.Uint16(buf[i+10:]))
	// ZIP64: the count is in the ZIP64 end record, which its locator
	// (20 bytes before) points to.
	if entries == 0xffff && i >= 20 && bytes.Equal(buf[i-20:i-16], []byte("PK\x06\x07")) {
		off := int64(binary.LittleEndian.Uint64(buf[i-12:]))
		rec := make([]byte, 56)
		if off >= 0 && off < size {
			if _, err := ra.ReadAt(rec, off); err == nil && bytes.HasPrefix(rec, []byte("PK\x06\x06")) {
				entries = binary.LittleEndian.Uint64(rec[32:])
			}
		}
	}
	return entries
}
