package csvfile

import "bytes"

// jsonText names the JSON a text starts with, "" when it does not look
// like JSON: a CSV header never starts with "{", and one starting with "["
// names a column ("[Date],Amount"), it is not "[" followed by an object,
// an array or its end. So Mixpanel's raw export saved under a .csv name is
// refused with a sentence rather than read as a ragged table.
func jsonText(text []byte) string {
	t := bytes.TrimLeft(text, " \t\r\n")
	if len(t) == 0 {
		return ""
	}
	switch t[0] {
	case '{':
		return "JSON"
	case '[':
		rest := bytes.TrimLeft(t[1:], " \t\r\n")
		if len(rest) == 0 || rest[0] == '{' || rest[0] == '[' || rest[0] == ']' {
			return "a JSON array"
		}
	}
	return ""
}
