package csvfile

import (
	"bytes"
	"io"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf16"

	"golang.org/x/text/encoding/charmap"
)

// utf16Bytes encodes s as UTF-16, with a byte order mark when bom.
func utf16Bytes(s string, bom, littleEndian bool) []byte {
	units := utf16.Encode([]rune(s))
	if bom {
		units = append([]uint16{0xFEFF}, units...)
	}
	out := make([]byte, 0, 2*len(units))
	for _, u := range units {
		if littleEndian {
			out = append(out, byte(u), byte(u>>8))
		} else {
			out = append(out, byte(u>>8), byte(u))
		}
	}
	return out
}

func cp1252Bytes(t *testing.T, s string) []byte {
	t.Helper()
	b, err := charmap.Windows1252.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestEncodings(t *testing.T) {
	// Excel "Unicode text" is UTF-16LE with a BOM and tabs.
	text := "Name\tCity\tAmount\r\nJosé\tKöln\t1.234,56\r\n\"Zoë\r\nand Ünal\"\tSão Paulo\t€5\r\n日本\t東京\t¥100\r\n"
	wantHeader := []string{"Name", "City", "Amount"}
	wantRows := []wantRow{
		{2, []string{"José", "Köln", "1.234,56"}, ""},
		{3, []string{"Zoë\nand Ünal", "São Paulo", "€5"}, ""},
		{5, []string{"日本", "東京", "¥100"}, ""},
	}
	latin := strings.Replace(text, "日本\t東京\t¥100\r\n", "Œuvre\t“Quoted” – ok\t¥100\r\n", 1)
	latinRows := append(append([]wantRow(nil), wantRows[:2]...), wantRow{5, []string{"Œuvre", "“Quoted” – ok", "¥100"}, ""})

	tests := []struct {
		name string
		in   []byte
		enc  string
		rows []wantRow
	}{
		{"utf-8", []byte(text), EncUTF8, wantRows},
		{"utf-8 with BOM", append([]byte("\xEF\xBB\xBF"), text...), EncUTF8BOM, wantRows},
		{"utf-16le with BOM", utf16Bytes(text, true, true), EncUTF16LE, wantRows},
		{"utf-16be with BOM", utf16Bytes(text, true, false), EncUTF16BE, wantRows},
		{"utf-16le without BOM", utf16Bytes(text, false, true), EncUTF16LE, wantRows},
		{"utf-16be without BOM", utf16Bytes(text, false, false), EncUTF16BE, wantRows},
		{"windows-1252", cp1252Bytes(t, latin), EncWindows1252, latinRows},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, oneByte := range []bool{false, true} {
				src := iotestReader(tt.in, oneByte)
				rd, rows := readAll(t, src)
				if rd.Encoding() != tt.enc {
					t.Errorf("encoding %q, want %q", rd.Encoding(), tt.enc)
				}
				if rd.Separator() != '\t' {
					t.Errorf("separator %q, want tab", rd.Separator())
				}
				if !reflect.DeepEqual(rd.Header().Names, wantHeader) {
					t.Errorf("header %q", rd.Header().Names)
				}
				if len(rows) != len(tt.rows) {
					t.Fatalf("%d rows, want %d", len(rows), len(tt.rows))
				}
				for i, w := range tt.rows {
					if rows[i].Line != w.line || !reflect.DeepEqual(rows[i].Fields, w.fields) || rows[i].Problem != "" {
						t.Errorf("row %d = %d %q %q, want %d %q", i, rows[i].Line, rows[i].Fields, rows[i].Problem, w.line, w.fields)
					}
				}
				if rd.BytesRead() != int64(len(tt.in)) {
					t.Errorf("BytesRead %d, want %d", rd.BytesRead(), len(tt.in))
				}
			}
		})
	}
}

func iotestReader(b []byte, oneByte bool) io.Reader {
	if oneByte {
		return iotest.OneByteReader(bytes.NewReader(b))
	}
	return bytes.NewReader(b)
}

// TestLargeTranscoded reads a UTF-16 and a Windows-1252 file far larger
// than the buffers, one byte per Read, and checks every row.
func TestLargeTranscoded(t *testing.T) {
	var b strings.Builder
	b.WriteString("id;name;amount\r\n")
	const n = 20000
	for i := 0; i < n; i++ {
		b.WriteString("1;Zoë Ünal;1.234,56\r\n")
	}
	for _, tt := range []struct {
		name string
		in   []byte
	}{
		{"utf-16le", utf16Bytes(b.String(), true, true)},
		{"utf-16be no BOM", utf16Bytes(b.String(), false, false)},
		{"windows-1252", cp1252Bytes(t, b.String())},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rd, rows := readAll(t, iotest.OneByteReader(bytes.NewReader(tt.in)))
			if rd.Separator() != ';' || !rd.DecimalComma() {
				t.Errorf("separator %q decimal comma %v", rd.Separator(), rd.DecimalComma())
			}
			if len(rows) != n {
				t.Fatalf("%d rows, want %d", len(rows), n)
			}
			for i, r := range rows {
				if r.Line != i+2 || r.Get(1) != "Zoë Ünal" || r.Problem != "" {
					t.Fatalf("row %d: %+v", i, r)
				}
			}
			if rd.BytesRead() != int64(len(tt.in)) {
				t.Errorf("BytesRead %d, want %d", rd.BytesRead(), len(tt.in))
			}
		})
	}
}

// TestLateLatin1Bytes: a file valid UTF-8 in its first 64 KiB with a
// Windows-1252 byte later keeps the text readable instead of passing
// invalid UTF-8 on.
func TestLateLatin1Bytes(t *testing.T) {
	in := "id,name\n" + strings.Repeat("1,plain\n", 10000) + "2,Caf\xe9 \x93ok\x94\n3,Café\n"
	_, rows := readAll(t, strings.NewReader(in))
	got := rows[len(rows)-2].Get(1)
	if got != "Café “ok”" {
		t.Errorf("got %q", got)
	}
	if got := rows[len(rows)-1].Get(1); got != "Café" {
		t.Errorf("valid UTF-8 after the repair: %q", got)
	}
}

func TestSniffEncoding(t *testing.T) {
	tests := []struct {
		name   string
		in     []byte
		atEOF  bool
		want   string
		binary bool
	}{
		{"ascii", []byte("a,b\n1,2\n"), true, EncUTF8, false},
		{"utf-8 cut mid-rune at the prefix end", []byte("a,b\nJos\xc3"), false, EncUTF8, false},
		{"utf-8 truncated at EOF is 1252", []byte("a,b\nJos\xc3"), true, EncWindows1252, false},
		{"latin-1 é", []byte("a,b\nJos\xe9,1\n"), true, EncWindows1252, false},
		{"one stray NUL", []byte("a,b\n1,\x002\n"), true, "", true},
		{"utf-32le is binary", []byte("a\x00\x00\x00,\x00\x00\x00b\x00\x00\x00\n\x00\x00\x00"), true, "", true},
		{"form feed and tabs are text", []byte("a\tb\f\n1\t2\v\n"), true, EncUTF8, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := sniffEncoding(tt.in, tt.atEOF)
			if got.binary != tt.binary || !tt.binary && got.name != tt.want {
				t.Errorf("got %+v, want %q binary=%v", got, tt.want, tt.binary)
			}
		})
	}
}

func TestSniffSeparator(t *testing.T) {
	tests := []struct {
		in   string
		want byte
	}{
		{"a,b,c\n1,2,3\n", ','},
		{"a;b;c\n1;2;3\n", ';'},
		{"a\tb\tc\n1\t2\t3\n", '\t'},
		{"a\n1\n", ','},
		{"Amount, USD\tDate\n1\t2\n3\t4\n", '\t'},
		{"a;b,c;d\n1;2,5;3\n4;5;6\n", ';'},
		{"\"x,y,z\";b\n1;2\n", ';'},
		{"# a, b, c\n#\nx;y\n1;2\n", ';'},
		{"\n\nx;y\n", ';'},
		{"a,b;c\n", ','}, // tie: prefer ','
	}
	for _, tt := range tests {
		if got := sniffSeparator([]byte(tt.in)); got != tt.want {
			t.Errorf("sniffSeparator(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
