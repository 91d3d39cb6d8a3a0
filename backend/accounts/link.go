package accounts

import (
	"sort"
	"strings"
)

// linker builds the accounts from identity keys: customers and addresses
// that are the same person (strong links), people of one organisation
// domain, and the founder's rules.
type linker struct {
	keys   []string
	index  map[string]int32
	seed   []bool  // the node makes its group an account
	strong []int32 // union-find over strong links
}

func newLinker() *linker { return &linker{index: map[string]int32{}} }

// node returns the node of key, adding it; seed marks it as a seed.
func (l *linker) node(key string, seed bool) int32 {
	n, ok := l.index[key]
	if !ok {
		n = int32(len(l.keys))
		l.index[key] = n
		l.keys = append(l.keys, key)
		l.seed = append(l.seed, false)
		l.strong = append(l.strong, n)
	}
	if seed {
		l.seed[n] = true
	}
	return n
}

// same records that a and b are the same person (a customer and its address).
func (l *linker) same(a, b int32) { union(l.strong, a, b) }

func find(p []int32, x int32) int32 {
	for p[x] != x {
		p[x] = p[p[x]]
		x = p[x]
	}
	return x
}

// union joins the sets of a and b; the smaller node is the root, so the
// result does not depend on the order of the calls.
func union(p []int32, a, b int32) {
	ra, rb := find(p, a), find(p, b)
	switch {
	case ra < rb:
		p[rb] = ra
	case rb < ra:
		p[ra] = rb
	}
}

// group is one linked set of nodes.
type group struct {
	nodes  []int32 // ascending
	seeded bool
}

// link applies organisation domains and the rules and returns the groups
// (seeded or not) and each node's group index.
func (l *linker) link(rules []Rule) ([]group, []int32) {
	n := int32(len(l.keys))
	person := make([]int32, n)
	for i := range n {
		person[i] = find(l.strong, i)
	}
	// Organisation domains of the addresses.
	emailDomain := map[int32]int32{}
	byDomain := map[string][]int32{} // domain → address nodes, public ones too
	for i := range n {
		k := l.keys[i]
		if !strings.HasPrefix(k, emailPrefix) {
			continue
		}
		d := EmailDomain(k[len(emailPrefix):])
		byDomain[d] = append(byDomain[d], i)
		if !PublicDomain(d) {
			emailDomain[i] = l.node(domainPrefix+d, false)
		}
	}
	// Nodes added for domains extend the arrays.
	for i := n; i < int32(len(l.keys)); i++ {
		person = append(person, i)
	}
	n = int32(len(l.keys))

	// Splits: what each one sets apart, and the addresses cut from their
	// domain.
	type split struct {
		seq     int64
		members map[int32]bool // persons and the domain node
	}
	var splits []split
	cut := map[int32]bool{}
	for _, r := range rules {
		if r.Kind != "split" {
			continue
		}
		s := split{seq: r.Seq, members: map[int32]bool{}}
		switch {
		case strings.HasPrefix(r.A, emailPrefix):
			if e, ok := l.index[r.A]; ok {
				s.members[person[e]] = true
				cut[e] = true
			}
		case strings.HasPrefix(r.A, domainPrefix):
			if d, ok := l.index[r.A]; ok {
				s.members[d] = true
			}
			for _, e := range byDomain[r.A[len(domainPrefix):]] {
				s.members[person[e]] = true
			}
		}
		splits = append(splits, s)
	}

	acc := append([]int32(nil), l.strong...)
	for i := int32(len(acc)); i < n; i++ {
		acc = append(acc, i)
	}
	// Domain links, in node order so that the result is deterministic.
	emails := make([]int32, 0, len(emailDomain))
	for e := range emailDomain {
		emails = append(emails, e)
	}
	sort.Slice(emails, func(i, j int) bool { return emails[i] < emails[j] })
	for _, e := range emails {
		if !cut[e] {
			union(acc, e, emailDomain[e])
		}
	}
	// Merges, unless a later split sets one side apart.
	for _, r := range rules {
		if r.Kind != "merge" {
			continue
		}
		a, okA := l.index[r.A]
		b, okB := l.index[r.B]
		if !okA || !okB {
			continue // dormant until both exist
		}
		keep := true
		for _, s := range splits {
			if s.seq > r.Seq && s.members[person[a]] != s.members[person[b]] {
				keep = false
				break
			}
		}
		if keep {
			union(acc, a, b)
		}
	}

	at := map[int32]int32{}
	var groups []group
	of := make([]int32, n)
	for i := range n {
		r := find(acc, i)
		g, ok := at[r]
		if !ok {
			g = int32(len(groups))
			at[r] = g
			groups = append(groups, group{})
		}
		groups[g].nodes = append(groups[g].nodes, i)
		groups[g].seeded = groups[g].seeded || l.seed[i]
		of[i] = g
	}
	return groups, of
}

// keyRank orders keys for choosing an anchor: customers, then domains,
// then addresses, each alphabetically.
func keyRank(k string) int {
	switch {
	case strings.HasPrefix(k, customerPrefix):
		return 0
	case strings.HasPrefix(k, domainPrefix):
		return 1
	}
	return 2
}

// anchorOf is the key an account is known by in rules and new ids.
func anchorOf(keys []string) string {
	best := ""
	for _, k := range keys {
		if best == "" || keyRank(k) < keyRank(best) || keyRank(k) == keyRank(best) && k < best {
			best = k
		}
	}
	return best
}
