package accounts

import (
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"sort"
	"strconv"
)

// newID is the id an account made of anchor gets when none of its keys
// had one: derived from the anchor, so that two workspaces built from the
// same exports agree.
func newID(anchor string) string {
	sum := sha256.Sum256([]byte(anchor))
	return "acc_" + hex.EncodeToString(sum[:6])
}

// assignIDs gives each account (its keys, and its anchor) an id: the id
// most of its keys had (forced ids first), unless a bigger claim on that id
// came first; else a new one from its anchor. Each id goes to one account,
// and none to a reserved one (an account outside the part linked).
func assignIDs(keys [][]string, anchors []string, memory, forced map[string]string, reserved map[string]bool) []string {
	type vote struct {
		id string
		n  int
	}
	votes := make([][]vote, len(keys))
	for i, ks := range keys {
		count := map[string]int{}
		for _, k := range ks {
			if id, ok := forced[k]; ok {
				count[id] += 1 << 30 // the founder's choice outweighs any count
			} else if id, ok := memory[k]; ok {
				count[id]++
			}
		}
		for id, n := range count {
			votes[i] = append(votes[i], vote{id, n})
		}
		sort.Slice(votes[i], func(a, b int) bool {
			va, vb := votes[i][a], votes[i][b]
			return va.n > vb.n || va.n == vb.n && va.id < vb.id
		})
	}
	order := make([]int, len(keys))
	for i := range order {
		order[i] = i
	}
	top := func(i int) int {
		if len(votes[i]) == 0 {
			return 0
		}
		return votes[i][0].n
	}
	sort.SliceStable(order, func(a, b int) bool {
		ta, tb := top(order[a]), top(order[b])
		return ta > tb || ta == tb && anchors[order[a]] < anchors[order[b]]
	})
	ids := make([]string, len(keys))
	taken := maps.Clone(reserved)
	if taken == nil {
		taken = map[string]bool{}
	}
	for _, i := range order {
		for _, v := range votes[i] {
			if !taken[v.id] {
				ids[i] = v.id
				break
			}
		}
		if ids[i] == "" {
			id := newID(anchors[i])
			for k := 2; taken[id]; k++ {
				id = newID(anchors[i]) + "-" + strconv.Itoa(k)
			}
			ids[i] = id
		}
		taken[ids[i]] = true
	}
	return ids
}
