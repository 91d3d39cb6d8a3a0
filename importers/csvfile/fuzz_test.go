package csvfile

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"keel/backend"
)

// seedReal adds every real export (the first 8 KiB of each) to the
// corpus, and a few hand-made oddities.
func seedReal(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(realFixtures, "*", "*.csv"))
	more, _ := filepath.Glob(filepath.Join(realFixtures, "*", "*", "*.csv"))
	for _, p := range append(files, more...) {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		f.Add(b[:min(len(b), 8<<10)])
	}
	for _, s := range []string{
		"", "\uFEFF", "a,b\n1,2\n", "a;b\r\n1,5;2\r\n", "a\tb\n\"x\ny\"\t2\n", "\"a\"\"b\",c\n\"unterminated\n",
		"\xff\xfea\x00,\x00b\x00\n\x001\x00,\x002\x00\n\x00", "caf\xe9,cr\xe8me\n1,2\n", "\r\r\n\n,,,\n  ,\t\n",
	} {
		f.Add([]byte(s))
	}
}

// FuzzReader: any bytes either fail to open with a sentence or read to the
// end, every row within the width limits and on a line after the last.
func FuzzReader(f *testing.F) {
	seedReal(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		rd, err := Open(bytes.NewReader(data))
		if err != nil {
			plainError(t, err)
			return
		}
		if n := len(rd.Header().Names); n == 0 || n > MaxColumns {
			t.Fatalf("header of %d names", n)
		}
		line := 0
		for rows := 0; ; rows++ {
			row, err := rd.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				plainError(t, err)
				return
			}
			if row.Line <= line {
				t.Fatalf("row on line %d after line %d", row.Line, line)
			}
			line = row.Line
			if len(row.Fields) > len(rd.Header().Names)+FieldSlack {
				t.Fatalf("line %d keeps %d fields", row.Line, len(row.Fields))
			}
			total := 0
			for _, fl := range row.Fields {
				total += len(fl)
				if len(fl) > utf8.UTFMax*MaxField { // Windows-1252 repair widens a byte to at most 3
					t.Fatalf("line %d: a field of %d bytes", row.Line, len(fl))
				}
			}
			if rows > len(data)+1 {
				t.Fatalf("%d rows from %d bytes", rows, len(data))
			}
		}
		if rd.BytesRead() > int64(len(data)) {
			t.Fatalf("read %d of %d bytes", rd.BytesRead(), len(data))
		}
	})
}

// FuzzSniff: encoding and separator sniffing never panic and name only
// what they know.
func FuzzSniff(f *testing.F) {
	seedReal(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, atEOF := range []bool{true, false} {
			sn := sniffEncoding(data, atEOF)
			switch sn.name {
			case EncUTF8, EncUTF8BOM, EncUTF16LE, EncUTF16BE, EncWindows1252:
			case "":
				if !sn.binary {
					t.Fatalf("no encoding and not binary")
				}
			default:
				t.Fatalf("encoding %q", sn.name)
			}
			if sn.binary || sn.bomLen > len(data) {
				continue
			}
			text := decodePrefix(sn.name, data[sn.bomLen:])
			if sep := sniffSeparator(text); sep != ',' && sep != ';' && sep != '\t' {
				t.Fatalf("separator %q", sep)
			}
			if jsonText(text) == "" && len(bytes.TrimLeft(text, " \t\r\n")) > 0 && bytes.TrimLeft(text, " \t\r\n")[0] == '{' {
				t.Fatal("JSON not recognised")
			}
		}
	})
}

// FuzzParseTime: a date is read to a real time, or refused with a
// sentence; "no date" is only for empty text and placeholders.
func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"2025-11-26 14:03:07", "2025-11-26T14:03:07.123+07:00", "26/11/2025 2:03 PM", "Nov 26, 2025",
		"Wed, 26 Nov 2025 14:03:00 +0000", "20251126", "1764165787", "1764165787123", "1900-01-01 00:00:00", "0000-00-00",
		"null", "2025-02-30", "24:00", "2025-11-26 14:03:07 -0400 EST", "99/99/99", "", "  "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tm, ok, err := ParseTime(s, time.UTC)
		switch {
		case err != nil:
			plainError(t, err)
			if ok {
				t.Fatal("ok with an error")
			}
		case ok:
			if y := tm.Year(); y < 1 || y > 10000 {
				t.Fatalf("%q: year %d", s, y)
			}
		default:
			if t0 := strings.TrimSpace(s); t0 != "" && !strings.EqualFold(t0, "null") && !strings.HasPrefix(t0, "0000-00-00") {
				if _, good := parseTime(t0, time.UTC); !good {
					t.Fatalf("%q: no date and no error", s)
				}
			}
		}
	})
}

// plainError checks that err is a sentence Keel can show.
func plainError(t *testing.T, err error) {
	t.Helper()
	var be *backend.Error
	if !errors.As(err, &be) || be.Message == "" {
		t.Fatalf("not a sentence: %#v", err)
	}
}
