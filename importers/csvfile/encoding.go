package csvfile

import (
	"bytes"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Encoding names returned by Reader.Encoding.
const (
	EncUTF8        = "utf-8"
	EncUTF8BOM     = "utf-8-bom"
	EncUTF16LE     = "utf-16le"
	EncUTF16BE     = "utf-16be"
	EncWindows1252 = "windows-1252"
)

// sniffed is what the first bytes of a file say about its encoding.
type sniffed struct {
	name   string
	bomLen int  // bytes of byte order mark to skip
	binary bool // not a text file at all
}

// sniffEncoding looks at the start of a file (the whole file when atEOF).
func sniffEncoding(p []byte, atEOF bool) sniffed {
	switch {
	case bytes.HasPrefix(p, []byte{0xEF, 0xBB, 0xBF}):
		return sniffed{name: EncUTF8BOM, bomLen: 3}
	case bytes.HasPrefix(p, []byte{0xFF, 0xFE}):
		return sniffed{name: EncUTF16LE, bomLen: 2}
	case bytes.HasPrefix(p, []byte{0xFE, 0xFF}):
		return sniffed{name: EncUTF16BE, bomLen: 2}
	}
	if enc := utf16Pattern(p); enc != "" {
		return sniffed{name: enc}
	}
	if bytes.IndexByte(p, 0) >= 0 || tooManyControls(p) {
		return sniffed{binary: true}
	}
	if validUTF8Prefix(p, atEOF) {
		return sniffed{name: EncUTF8}
	}
	return sniffed{name: EncWindows1252}
}

// utf16Pattern recognises UTF-16 without a byte order mark by its NUL
// bytes: mostly-ASCII text in UTF-16LE has a NUL at every odd offset, in
// UTF-16BE at every even one, and almost never the other way round.
func utf16Pattern(p []byte) string {
	pairs := len(p) / 2
	if pairs == 0 {
		return ""
	}
	var even, odd int
	for i := 0; i+1 < len(p); i += 2 {
		if p[i] == 0 {
			even++
		}
		if p[i+1] == 0 {
			odd++
		}
	}
	// At least a quarter of the code units (and a few of them) have the
	// NUL on one side, almost none on the other.
	least := max(pairs/4, min(4, (pairs+1)/2))
	switch {
	case odd >= least && even*8 <= odd:
		return EncUTF16LE
	case even >= least && odd*8 <= even:
		return EncUTF16BE
	}
	return ""
}

// isControl reports C0 control bytes that do not occur in text files.
func isControl(b byte) bool {
	return b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != '\v' && b != 0x1A || b == 0x7F
}

// tooManyControls reports whether more than 2% of the bytes are control
// characters, the mark of a binary file.
func tooManyControls(p []byte) bool {
	n := 0
	for _, b := range p {
		if isControl(b) {
			n++
		}
	}
	return n > 0 && n*50 > len(p)
}

// tooManyControlRunes is tooManyControls for decoded text (UTF-16 input);
// NUL, C1 controls and invalid code units (U+FFFD) count too.
func tooManyControlRunes(s []byte) bool {
	n, total := 0, 0
	for _, r := range string(s) {
		total++
		if r < 0x80 && (r == 0 || isControl(byte(r))) || 0x80 <= r && r < 0xA0 || r == utf8.RuneError {
			n++
		}
	}
	return n > 0 && n*50 > total
}

// validUTF8Prefix reports whether p is valid UTF-8, ignoring a rune cut in
// two at the end of the prefix when more of the file follows.
func validUTF8Prefix(p []byte, atEOF bool) bool {
	if !atEOF {
		// Drop an incomplete rune at the very end (at most 3 bytes).
		for i := len(p) - 1; i >= 0 && i >= len(p)-utf8.UTFMax; i-- {
			if utf8.RuneStart(p[i]) {
				if !utf8.FullRune(p[i:]) {
					p = p[:i]
				}
				break
			}
		}
	}
	return utf8.Valid(p)
}

// decoder returns the transformer to UTF-8 for a non-UTF-8 encoding, nil for UTF-8.
func decoder(name string) *encoding.Decoder {
	switch name {
	case EncUTF16LE:
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewDecoder()
	case EncUTF16BE:
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewDecoder()
	case EncWindows1252:
		return charmap.Windows1252.NewDecoder()
	}
	return nil
}

// decodePrefix decodes the sniffed prefix (BOM already removed) to UTF-8 for
// separator sniffing; a trailing half code unit is dropped.
func decodePrefix(name string, p []byte) []byte {
	dec := decoder(name)
	if dec == nil {
		return p
	}
	if name == EncUTF16LE || name == EncUTF16BE {
		p = p[:len(p)&^1]
	}
	out, _, err := transform.Bytes(dec, p)
	if err != nil {
		return nil
	}
	return out
}

// cp1252 maps the bytes 0x80–0xFF of Windows-1252 to runes; it repairs
// stray non-UTF-8 bytes found after the sniffed prefix of a UTF-8 file.
var cp1252 = func() (t [128]rune) {
	for i := range t {
		t[i] = charmap.Windows1252.DecodeByte(byte(0x80 + i))
	}
	return t
}()

// repairUTF8 returns s with every byte that is not part of a valid UTF-8
// sequence read as Windows-1252 (files that were mostly UTF-8 but had a
// few lines pasted from another program).
func repairUTF8(s []byte) string {
	var b bytes.Buffer
	b.Grow(len(s) + 8)
	for len(s) > 0 {
		r, size := utf8.DecodeRune(s)
		if r == utf8.RuneError && size <= 1 {
			if s[0] >= 0x80 {
				b.WriteRune(cp1252[s[0]-0x80])
			} else {
				b.WriteByte(s[0])
			}
			s = s[1:]
			continue
		}
		b.Write(s[:size])
		s = s[size:]
	}
	return b.String()
}
