package similar

// People misspell the words of a request ("zappier", "exprot",
// "calender"). A rare word one edit away (a letter dropped, added,
// changed, or two swapped) from a word the corpus uses much more often is
// read as that word. The character trigrams catch what this misses.

// typoMinLen is the shortest word corrected: short words are too often
// one edit from another real word ("form" and "from").
const typoMinLen = 5

// typoRatio: the correct word is used at least this many times as often.
const typoRatio = 3

type speller struct {
	count   map[string]int
	deletes map[string][]string // a word with one letter deleted → the words
}

func newSpeller() *speller {
	return &speller{count: map[string]int{}, deletes: map[string][]string{}}
}

// fixer returns fix with its own memory of the words it corrected, for
// one goroutine (the speller is only read meanwhile).
func (s *speller) fixer() func(string) string {
	fixed := map[string]string{}
	return func(w string) string {
		if f, ok := fixed[w]; ok {
			return f
		}
		f := s.fix(w)
		fixed[w] = f
		return f
	}
}

// see counts a word of the corpus; a word seen typoRatio times becomes a
// word others may be read as (only those need indexing: a correction goes
// from a rare word to a frequent one).
func (s *speller) see(w string) {
	s.count[w]++
	if s.count[w] != typoRatio || len(w) < typoMinLen-1 || !isASCII(w) {
		return
	}
	s.deletes[w] = append(s.deletes[w], w)
	for i := range len(w) {
		d := w[:i] + w[i+1:]
		s.deletes[d] = append(s.deletes[d], w)
	}
}

// fix returns the word w was probably meant to be, or w.
func (s *speller) fix(w string) string {
	if len(w) < typoMinLen || !isASCII(w) || isDigit(w) || stopwords[w] {
		return w
	}
	n := s.count[w]
	best, bestN := w, n*typoRatio-1
	try := func(key string) {
		for _, v := range s.deletes[key] {
			// An inflection ("teams", "team") is not a typo: the stemmer
			// reads both, and a phrase may need the form written.
			if v != w && s.count[v] > bestN && oneEdit(w, v) && stem(v) != stem(w) {
				best, bestN = v, s.count[v]
			}
		}
	}
	try(w)
	for i := range len(w) {
		try(w[:i] + w[i+1:])
	}
	return best
}

// oneEdit reports whether a and b are one typing slip apart: two
// neighbours swapped ("exprot"), a letter doubled or not ("zappier",
// "adress"), or one vowel for another ("calender"). Other one-letter
// differences are too often two real words ("changed", "charged").
func oneEdit(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	switch len(b) - len(a) {
	case 0:
		diff := []int{}
		for i := range len(a) {
			if a[i] != b[i] {
				diff = append(diff, i)
				if len(diff) > 2 {
					return false
				}
			}
		}
		switch len(diff) {
		case 1:
			return vowel(a[diff[0]]) && vowel(b[diff[0]])
		case 2:
			i, j := diff[0], diff[1]
			return j == i+1 && a[i] == b[j] && a[j] == b[i]
		}
		return false
	case 1:
		i := 0
		for i < len(a) && a[i] == b[i] {
			i++
		}
		doubled := i > 0 && b[i] == b[i-1] || i+1 < len(b) && b[i] == b[i+1]
		return doubled && a[i:] == b[i+1:]
	}
	return false
}

func vowel(c byte) bool { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y' }
