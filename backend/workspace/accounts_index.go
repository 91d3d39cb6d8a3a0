package workspace

import (
	"bytes"
	"hash/maphash"
	"slices"
	"strings"
)

// flatIndex numbers strings (0, 1, …) without holding them as Go strings:
// a hash to number map and the strings back to back in one array, which
// the collector does not look inside. An import of 500,000 tickets has
// 360,000 requesters; as a map of strings they were 30 MB the collector
// marked again at every cycle while the rows were stored.
type flatIndex struct {
	seed  maphash.Seed
	index map[uint64]int32 // hash → number
	clash map[string]int32 // strings whose hash an earlier one has (never seen in practice)
	text  []byte           // the strings, back to back
	at    []uint32         // where string i starts in text; its end is at[i+1] or len(text)
}

func newFlatIndex() *flatIndex {
	return &flatIndex{seed: maphash.MakeSeed(), index: map[uint64]int32{}}
}

func (x *flatIndex) len() int { return len(x.at) }

// get is s's number, added when new.
func (x *flatIndex) get(s string) (i int32, added bool) {
	h := maphash.String(x.seed, s)
	i, ok := x.index[h]
	if !ok {
		i = x.add(s)
		x.index[h] = i
		return i, true
	}
	if string(x.bytes(i)) == s {
		return i, false
	}
	if j, ok := x.clash[s]; ok {
		return j, false
	}
	if x.clash == nil {
		x.clash = map[string]int32{}
	}
	j := x.add(s)
	x.clash[strings.Clone(s)] = j
	return j, true
}

func (x *flatIndex) add(s string) int32 {
	x.at = append(x.at, uint32(len(x.text)))
	x.text = append(x.text, s...)
	return int32(len(x.at) - 1)
}

func (x *flatIndex) bytes(i int32) []byte {
	end := len(x.text)
	if int(i)+1 < len(x.at) {
		end = int(x.at[i+1])
	}
	return x.text[x.at[i]:end]
}

// sorted is every number, by its string.
func (x *flatIndex) sorted() []int32 {
	out := make([]int32, len(x.at))
	for i := range out {
		out[i] = int32(i)
	}
	slices.SortFunc(out, func(a, b int32) int { return bytes.Compare(x.bytes(a), x.bytes(b)) })
	return out
}
