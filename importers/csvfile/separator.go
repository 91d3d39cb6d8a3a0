package csvfile

import "bytes"

// separators are the candidates, in order of preference on a tie.
var separators = [...]byte{',', ';', '\t'}

// sniffLines is how many records after the header are checked for a
// consistent separator count.
const sniffLines = 20

// sniffSeparator picks the separator of a file from the start of its text:
// the candidate that splits the header line (the first line that is not
// blank and not a `#` comment) most, preferring one whose count is the same
// on the following lines. Separators inside quotes do not count. A file
// with none of them is one column, read with `,`.
func sniffSeparator(text []byte) byte {
	start := headerStart(text)
	var counts [len(separators)][]int // per candidate: count on each record
	rest := text[start:]
	for n := 0; n <= sniffLines && len(rest) > 0; n++ {
		var c [len(separators)]int
		var complete bool
		c, rest, complete = countRecord(rest)
		if !complete && n > 0 {
			break // cut off by the end of the prefix: not representative
		}
		if n > 0 && c == ([len(separators)]int{}) {
			continue // blank line
		}
		for i := range separators {
			counts[i] = append(counts[i], c[i])
		}
	}
	best, bestScore, bestHeader := byte(','), -1, 0
	for i, sep := range separators {
		if len(counts[i]) == 0 || counts[i][0] == 0 {
			continue
		}
		h := counts[i][0]
		score := 0
		for _, c := range counts[i][1:] {
			if c == h {
				score++
			}
		}
		if score > bestScore || score == bestScore && h > bestHeader {
			best, bestScore, bestHeader = sep, score, h
		}
	}
	return best
}

// headerStart returns the offset of the first line that is neither blank
// nor a `#` comment (GA4 preambles), or 0 when there is none.
func headerStart(text []byte) int {
	for off := 0; off < len(text); {
		end := bytes.IndexByte(text[off:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += off
		}
		line := bytes.TrimSpace(text[off:end])
		if len(line) > 0 && line[0] != '#' {
			return off
		}
		off = end + 1
	}
	return 0
}

// countRecord counts the candidate separators outside quotes in the first
// record of text (which may span lines inside quotes) and returns the rest.
// complete is false when text ended before the record did.
func countRecord(text []byte) (c [len(separators)]int, rest []byte, complete bool) {
	inQuotes := false
	for i, b := range text {
		switch b {
		case '"':
			inQuotes = !inQuotes
		case '\n', '\r':
			if !inQuotes {
				j := i + 1
				if b == '\r' && j < len(text) && text[j] == '\n' {
					j++
				}
				return c, text[j:], true
			}
		default:
			if !inQuotes {
				for k, sep := range separators {
					if b == sep {
						c[k]++
					}
				}
			}
		}
	}
	return c, nil, false
}
