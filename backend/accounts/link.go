package accounts

import (
	"slices"
	"sort"
	"strings"

	"keel/backend"
	"keel/backend/workspace"
)

// Keys of the founder's rules besides identity keys.
const (
	emailPrefix  = "email:"  // an address
	domainPrefix = "domain:" // an organisation's mail domain
)

// structure is the accounts the rule makes of the identities: groups of
// identities (ident: indexes into the input), each with its anchor, and
// the organisation domain of each item several accounts could claim.
type structure struct {
	groups []group
	of     []int32  // each identity's group, -1 for none
	org    []string // each identity's organisation when ambiguous; nil when none is (orgOf)
	byKey  map[string]int32
}

type group struct {
	anchor string
	ident  []int // ascending
}

// linkInput is what the rule works on.
type linkInput struct {
	idents      []workspace.IdentLink
	rules       []workspace.AccountRule
	public      *PublicDomains
	includeTest bool
}

// node is one identity of the rule, its live and test-mode rows together:
// the identities first to first+n-1 of the input (nodes.at).
type node struct {
	key      string
	emails   []string
	created  int64 // a billing customer's creation; 0 unknown
	first, n int32
}

// has says whether input identity i is one of n's.
func (n node) has(i int) bool { return i >= int(n.first) && i < int(n.first+n.n) }

// before orders the customers of an account: the earliest created first
// (unknown last), then by key. The first names the account and is its
// anchor.
func before(a, b node) bool {
	ca, cb := strings.HasPrefix(a.key, workspace.IdentCustomer), strings.HasPrefix(b.key, workspace.IdentCustomer)
	if ca != cb {
		return ca
	}
	if (a.created == 0) != (b.created == 0) {
		return b.created == 0
	}
	return a.created < b.created || a.created == b.created && a.key < b.key
}

// link applies the rule (doc.go):
//
//  1. every billing customer is its own account, except that customers of
//     two billing tools with the same address are one (when each tool has
//     exactly one customer with it), and the founder's merges;
//  2. billing rows without a customer id (guest payers) join the account
//     that has their address, when exactly one does;
//  3. a ticket's requester or an analytics user links to the account that
//     has its address; failing that, by the address's domain to the one
//     account that has that domain, never for a public mail domain; when
//     several accounts could claim it, it is linked to the organisation
//     (the domain) and listed as ambiguous;
//  4. analytics users no account claims are accounts of their own: one per
//     organisation domain, or per address on a public mail domain;
//     requesters join those too, else stay unlinked;
//  5. the founder's attachments (an address or a domain to an account)
//     come before steps 2–4, and a split sets a key apart from every link
//     made automatically and from the founder's rules made before it (the
//     people of a domain split off an account are an account of their own).
func link(in linkInput) *structure {
	nodes := collect(in)
	s := &structure{of: make([]int32, len(in.idents)), byKey: map[string]int32{}}
	for i := range s.of {
		s.of[i] = -1
	}
	// The founder's rules: splits, then merges and attachments they leave.
	splitAt := map[string]int64{}
	for _, r := range in.rules {
		if r.Kind == "split" {
			splitAt[r.A] = r.Seq
		}
	}
	cut := func(key string, seq int64) bool { s, ok := splitAt[key]; return ok && s > seq }
	billing := func(k string) bool {
		return strings.HasPrefix(k, workspace.IdentCustomer) || strings.HasPrefix(k, workspace.IdentGuest)
	}
	var merges [][2]int           // billing nodes the founder merged
	attach := map[string]string{} // key → the anchor it is attached to
	for _, r := range in.rules {
		if r.Kind != "merge" || cut(r.A, r.Seq) || cut(r.B, r.Seq) {
			continue
		}
		a, b := r.A, r.B
		na, okA := nodes.find(a)
		nb, okB := nodes.find(b)
		switch {
		case billing(a) && billing(b):
			if okA && okB {
				merges = append(merges, [2]int{na, nb})
			}
		case billing(b) && !billing(a):
			attach[a] = b
		default:
			attach[b] = a
		}
	}

	// 1. Billing customers, joined across tools by address.
	uf := newUnion(nodes.len())
	customersOf := map[string][]int{} // address → customer nodes
	for i := range nodes.len() {
		if n := nodes.at(i); strings.HasPrefix(n.key, workspace.IdentCustomer) {
			for _, e := range n.emails {
				customersOf[e] = append(customersOf[e], i)
			}
		}
	}
	for _, e := range sortedKeys(customersOf) {
		cs := customersOf[e]
		if len(cs) < 2 || cut(emailPrefix+e, 0) {
			continue
		}
		perTool := map[string]int{}
		for _, c := range cs {
			perTool[toolOf(nodes.key(c))]++
		}
		one := len(perTool) >= 2
		for _, n := range perTool {
			one = one && n == 1
		}
		if !one {
			continue
		}
		for _, c := range cs[1:] {
			if !cut(nodes.key(c), 0) && !cut(nodes.key(cs[0]), 0) {
				uf.union(cs[0], c)
			}
		}
	}
	for _, m := range merges {
		uf.union(m[0], m[1])
	}
	// 2. Guest payers.
	for i := range nodes.len() {
		n := nodes.at(i)
		if !strings.HasPrefix(n.key, workspace.IdentGuest) || cut(n.key, 0) {
			continue
		}
		e := n.key[len(workspace.IdentGuest):]
		if cut(emailPrefix+e, 0) {
			continue
		}
		if _, ok := attach[n.key]; ok {
			continue
		}
		roots := map[int]bool{}
		for _, c := range customersOf[e] {
			roots[uf.find(c)] = true
		}
		if len(roots) == 1 {
			for r := range roots {
				uf.union(r, i)
			}
		}
	}
	// The billing accounts, in the order of their first node (nodes are by key).
	groupOfNode := make([]int32, nodes.len())
	for i := range groupOfNode {
		groupOfNode[i] = -1
	}
	for i := range nodes.len() {
		n := nodes.at(i)
		if !billing(n.key) {
			continue
		}
		r := uf.find(i)
		if groupOfNode[r] < 0 {
			groupOfNode[r] = int32(len(s.groups))
			s.groups = append(s.groups, group{anchor: n.key})
		}
		g := groupOfNode[r]
		groupOfNode[i] = g
		s.addNode(g, n)
		if a, _ := nodes.find(s.groups[g].anchor); before(n, nodes.at(a)) {
			s.groups[g].anchor = n.key
		}
	}
	// Who has each address and each domain.
	emailOwners, domainOwners := map[string][]int32{}, map[string][]int32{}
	for i := range nodes.len() {
		n := nodes.at(i)
		g := groupOfNode[i]
		if g < 0 {
			continue
		}
		for _, e := range n.emails {
			if !cut(emailPrefix+e, 0) {
				emailOwners[e] = addOwner(emailOwners[e], g)
			}
			if d := backend.EmailDomain(e); !in.public.Has(d) && !cut(domainPrefix+d, 0) {
				domainOwners[d] = addOwner(domainOwners[d], g)
			}
		}
	}
	// An attached key (an address, a domain, a billing node) names the
	// account of its anchor.
	var resolve func(key string, depth int) int32
	product := func(anchor string) int32 {
		if g, ok := s.byKey[anchor]; ok {
			return g
		}
		g := int32(len(s.groups))
		s.groups = append(s.groups, group{anchor: anchor})
		s.byKey[anchor] = g
		return g
	}
	resolve = func(key string, depth int) int32 {
		if depth > 8 {
			return -1
		}
		if a, ok := attach[key]; ok {
			return resolve(a, depth+1)
		}
		if n, ok := nodes.find(key); ok && billing(key) {
			return groupOfNode[n]
		}
		switch {
		case strings.HasPrefix(key, domainPrefix):
			if os := domainOwners[key[len(domainPrefix):]]; len(os) == 1 {
				return os[0]
			}
			return product(key)
		case strings.HasPrefix(key, emailPrefix):
			if os := emailOwners[key[len(emailPrefix):]]; len(os) == 1 {
				return os[0]
			}
			return product(key)
		}
		return -1
	}
	// Attached guests and customers of no group yet (a guest attached to
	// an account).
	for i := range nodes.len() {
		n := nodes.at(i)
		if _, ok := attach[n.key]; ok && billing(n.key) && strings.HasPrefix(n.key, workspace.IdentGuest) {
			if g := resolve(n.key, 0); g >= 0 && g != groupOfNode[i] {
				s.moveNode(groupOfNode[i], g, n)
			}
		}
	}
	// 3, 4. Analytics users, then requesters.
	for _, prefix := range []string{workspace.IdentUser, workspace.IdentRequester} {
		user := prefix == workspace.IdentUser
		for k := range nodes.len() {
			n := nodes.at(k)
			if !strings.HasPrefix(n.key, prefix) {
				continue
			}
			e := ""
			if len(n.emails) > 0 {
				e = n.emails[0]
			}
			g, org := int32(-1), ""
			d := backend.EmailDomain(e)
			switch {
			case attach[n.key] != "":
				g = resolve(n.key, 0)
			case e == "":
			case attach[emailPrefix+e] != "":
				g = resolve(emailPrefix+e, 0)
			case !cut(emailPrefix+e, 0) && len(emailOwners[e]) == 1:
				g = emailOwners[e][0]
			case !cut(emailPrefix+e, 0) && len(emailOwners[e]) > 1:
				org = d
			case attach[domainPrefix+d] != "":
				g = resolve(domainPrefix+d, 0)
			case in.public.Has(d) || cut(emailPrefix+e, 0):
				g = s.productFor(emailPrefix+e, user, product)
			case cut(domainPrefix+d, 0):
				g = s.productFor(domainPrefix+d, user, product)
			case len(domainOwners[d]) == 1:
				g = domainOwners[d][0]
			case len(domainOwners[d]) > 1:
				org = d
			default:
				g = s.productFor(domainPrefix+d, user, product)
			}
			if g >= 0 {
				s.addNode(g, n)
			} else {
				if org != "" && s.org == nil {
					s.org = make([]string, len(s.of))
				}
				for i := n.first; org != "" && i < n.first+n.n; i++ {
					s.org[i] = org
				}
			}
		}
	}
	// Groups made for attachments that nothing joined are no accounts.
	return s
}

// productFor is the account of analytics users no account claims, by
// their domain or address: made by a user, joined by a requester.
func (s *structure) productFor(anchor string, user bool, product func(string) int32) int32 {
	if user {
		return product(anchor)
	}
	if g, ok := s.byKey[anchor]; ok {
		return g
	}
	return -1
}

// orgOf is identity i's organisation when ambiguous.
func (s *structure) orgOf(i int) string {
	if s.org == nil {
		return ""
	}
	return s.org[i]
}

func (s *structure) addNode(g int32, n node) {
	for i := n.first; i < n.first+n.n; i++ {
		s.of[i] = g
		s.groups[g].ident = append(s.groups[g].ident, int(i))
	}
	s.byKey[n.key] = g
}

func (s *structure) moveNode(from, to int32, n node) {
	if from >= 0 {
		gr := &s.groups[from]
		keep := gr.ident[:0]
		for _, i := range gr.ident {
			if s.of[i] != from || !n.has(i) {
				keep = append(keep, i)
			}
		}
		gr.ident = keep
	}
	s.addNode(to, n)
}

// addOwner adds account g to the owners of an address or a domain; the
// rule only tells one owner from several, so two are kept.
func addOwner(os []int32, g int32) []int32 {
	if len(os) >= 2 || len(os) == 1 && os[0] == g {
		return os
	}
	return append(os, g)
}

// toolOf is the source of a customer key (customer:<source>:<id>).
func toolOf(key string) string {
	rest := key[len(workspace.IdentCustomer):]
	if i := strings.IndexByte(rest, ':'); i >= 0 {
		return rest[:i]
	}
	return rest
}

// collect makes the rule's nodes of the identities that count: with rows,
// and test-mode ones only when the workspace includes them. Nodes are in
// key order: the identities are (a caller's that are not is sorted here,
// in place), so a key's live and test-mode identities are next to each
// other and a node is a run of them.
func collect(in linkInput) *nodes {
	if !slices.IsSortedFunc(in.idents, byKey) {
		slices.SortStableFunc(in.idents, byKey)
	}
	// In bulk: 500,000 tickets make 360,000 nodes, held while the
	// accounts are linked, the collector marking them when the heap nears
	// its limit. A node is 16 bytes of one array, found by key with a
	// binary search; its key and addresses are its identities'.
	ns := &nodes{idents: in.idents, list: make([]slot, 0, len(in.idents)), emails: map[int32][]string{}}
	for i, id := range in.idents {
		if id.Rows == 0 || id.Test && !in.includeTest {
			continue
		}
		k := len(ns.list) - 1
		if k < 0 || in.idents[ns.list[k].first].Key != id.Key {
			ns.list = append(ns.list, slot{created: id.Created, first: int32(i), n: 1})
			continue
		}
		n := &ns.list[k]
		n.n = int32(i) - n.first + 1
		n.created = workspace.MinSet(n.created, id.Created)
		es, ok := ns.emails[int32(k)]
		if !ok {
			es = uniqueStrings(in.idents[n.first].Emails)
		}
		for _, e := range id.Emails {
			if !containsString(es, e) {
				es = append(es, e)
			}
		}
		ns.emails[int32(k)] = es
	}
	for k, n := range ns.list { // an identity listing an address twice
		if es := in.idents[n.first].Emails; len(es) > 1 {
			if _, ok := ns.emails[int32(k)]; !ok {
				ns.emails[int32(k)] = uniqueStrings(es)
			}
		}
	}
	return ns
}

// nodes are the rule's nodes in key order.
type nodes struct {
	idents []workspace.IdentLink
	list   []slot
	emails map[int32][]string // of a node whose addresses are not its first identity's
}

type slot struct {
	created  int64
	first, n int32
}

func (ns *nodes) len() int { return len(ns.list) }

func (ns *nodes) key(k int) string { return ns.idents[ns.list[k].first].Key }

// at is node k.
func (ns *nodes) at(k int) node {
	sl := ns.list[k]
	n := node{key: ns.key(k), created: sl.created, first: sl.first, n: sl.n}
	if es, ok := ns.emails[int32(k)]; ok {
		n.emails = es
	} else {
		n.emails = ns.idents[sl.first].Emails
	}
	return n
}

// find is the index of the node of key.
func (ns *nodes) find(key string) (int, bool) {
	return sort.Find(len(ns.list), func(k int) int { return strings.Compare(key, ns.key(k)) })
}

func uniqueStrings(xs []string) []string {
	var out []string
	for _, x := range xs {
		if !containsString(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// byKey orders identities by key, live before test mode.
func byKey(a, b workspace.IdentLink) int {
	if c := strings.Compare(a.Key, b.Key); c != 0 {
		return c
	}
	switch {
	case a.Test == b.Test:
		return 0
	case a.Test:
		return 1
	}
	return -1
}

func containsString(xs []string, x string) bool {
	for _, s := range xs {
		if s == x {
			return true
		}
	}
	return false
}

// union is a union-find whose roots are the smallest index of their set,
// so that the result does not depend on the order of the calls.
type union []int

func newUnion(n int) union {
	u := make(union, n)
	for i := range u {
		u[i] = i
	}
	return u
}

func (u union) find(x int) int {
	for u[x] != x {
		u[x] = u[u[x]]
		x = u[x]
	}
	return x
}

func (u union) union(a, b int) {
	ra, rb := u.find(a), u.find(b)
	switch {
	case ra < rb:
		u[rb] = ra
	case rb < ra:
		u[ra] = rb
	}
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
