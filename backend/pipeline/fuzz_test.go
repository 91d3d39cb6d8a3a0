package pipeline

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"testing"

	"keel/backend"
	"keel/importers"
)

// FuzzLines: the line reader gives every line, with increasing numbers,
// none longer than maxLine, whatever the bytes and line ends.
func FuzzLines(f *testing.F) {
	for _, s := range []string{mixpanelLine(1) + mixpanelLine(2), "a\r\nb\n\nc", "", "\n\n\n", "\uFEFFx\ny", "no line end"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var lines int
		parse := func(line []byte) (backend.Record, error) {
			if bytes.IndexByte(line, '\n') >= 0 || len(line) > maxLine {
				t.Fatalf("line of %d bytes with a line end inside", len(line))
			}
			return importers.Duplicate, nil // counted as a row, never stored
		}
		lr := newLineReader(bufio.NewReaderSize(bytes.NewReader(data), importers.HeadSize), parse)
		last := 0
		for {
			it, err := lr.next()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			if it.line <= last {
				t.Fatalf("line %d after %d", it.line, last)
			}
			last = it.line
			lines++
		}
		if want := bytes.Count(data, []byte("\n")) + 1; lines > want {
			t.Fatalf("%d lines from %d line ends", lines, want-1)
		}
	})
}

// FuzzArchive: the archive reader opens plain, gzip and ZIP bytes, or says
// why not; reading every member stays within its limits (a tenth of them
// here, so that a bomb is caught within the fuzzer's memory) and every
// error is a sentence.
func FuzzArchive(f *testing.F) {
	var t0 testing.T
	f.Add([]byte("a,b\n1,2\n"))
	f.Add(gz(&t0, []byte(mixpanelLine(1))))
	f.Add(zipOf(&t0, zipMember{name: "a.csv", data: []byte("a\n1\n")}, zipMember{name: "b.jsonl.gz", data: gz(&t0, []byte(mixpanelLine(2)))},
		zipMember{name: "__MACOSX/._a.csv", data: []byte("x")}, zipMember{name: "dir", dir: true}))
	f.Add(zipOf(&t0, zipMember{name: "xl/workbook.xml", data: []byte("<x/>")}))
	f.Add([]byte("PK\x05\x06" + string(make([]byte, 18))))
	f.Add([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff})
	f.Fuzz(func(t *testing.T, data []byte) {
		defer func(a, b, c int64) { maxExpanded, maxRatio, ratioFree = a, b, c }(maxExpanded, maxRatio, ratioFree)
		maxExpanded, ratioFree = 8<<20, 1<<20
		rd := bytes.NewReader(data)
		inp, err := openInput(rd, &countingReader{r: rd}, int64(len(data)), "in", "")
		if err != nil {
			sentenceErr(t, err)
			return
		}
		defer inp.close()
		for n := 0; ; n++ {
			m, err := inp.nextMember()
			if err == io.EOF {
				break
			}
			if err != nil {
				sentenceErr(t, err)
				return
			}
			got, err := io.Copy(io.Discard, m.r)
			if err != nil {
				sentenceErr(t, err)
				return
			}
			if inp.total > maxExpanded || got > maxExpanded {
				t.Fatalf("%d bytes out of %d in", inp.total, len(data))
			}
			if n > maxMembers {
				t.Fatalf("%d members", n)
			}
		}
	})
}

func sentenceErr(t *testing.T, err error) {
	t.Helper()
	var be *backend.Error
	if !errors.As(err, &be) || be.Message == "" {
		t.Fatalf("not a sentence: %#v", err)
	}
}
