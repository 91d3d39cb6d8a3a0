package flags

// splitter cuts the list of a flag tool's JSON response into its elements
// as the lines arrive, so that every flag is a row of the import with the
// number of the line it ends on: the pipeline reads files line by line,
// and these responses are one JSON document, pretty-printed over many
// lines or minified on one.
//
// The list is the array under key in the top-level object ("items",
// "features", "results"), or the top-level array itself when key is "".
type splitter struct {
	key     string
	depth   int
	inStr   bool
	esc     bool
	str     []byte // the string being read at depth 1: a key of the top object
	lastKey string
	list    int  // depth of the list array once inside it, else 0
	inElem  bool // inside one of its elements
	elem    []byte
	found   bool // the list was seen
}

// feed reads one line and returns the elements that end on it.
func (s *splitter) feed(line []byte) [][]byte {
	var out [][]byte
	for _, c := range line {
		if s.inElem {
			s.elem = append(s.elem, c)
		}
		if s.inStr {
			switch {
			case s.esc:
				s.esc = false
			case c == '\\':
				s.esc = true
			case c == '"':
				s.inStr = false
				if s.depth == 1 && s.list == 0 {
					s.lastKey = string(s.str)
				}
			default:
				if s.depth == 1 && s.list == 0 {
					s.str = append(s.str, c)
				}
			}
			continue
		}
		switch c {
		case '"':
			s.inStr, s.str = true, s.str[:0]
		case '{', '[':
			s.depth++
			if !s.found && c == '[' && (s.key == "" && s.depth == 1 || s.key != "" && s.depth == 2 && s.lastKey == s.key) {
				s.list, s.found = s.depth, true
				continue
			}
			if s.list > 0 && s.depth == s.list+1 && !s.inElem {
				s.inElem, s.elem = true, append(s.elem[:0], c)
			}
		case '}', ']':
			if s.list > 0 && s.depth == s.list+1 && s.inElem {
				out = append(out, append([]byte(nil), s.elem...))
				s.inElem = false
			} else if s.list > 0 && s.depth == s.list {
				s.list = 0
			}
			s.depth--
		}
	}
	if s.inElem {
		s.elem = append(s.elem, '\n')
	}
	return out
}
