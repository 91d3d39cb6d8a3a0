// Package accounts ties every customer, ticket and product event to one
// account per customer (METRICS.md, Support: accounts).
//
// The rule (issue 11), in order:
//
//  1. every billing customer is its own account unless the founder merges
//     it; billing customers of two billing tools with the same address are
//     one account (Gumroad to Lemon Squeezy, Paddle Classic to Stripe), and
//     guest payments join the account with their address. Customer and
//     subscription ids are qualified by their tool (customer:stripe:cus_…,
//     lemonsqueezy:1234) so plain-number ids of two tools never collide;
//  2. a ticket or an event links by its address to the account that has
//     it; failing that, by its domain, only when exactly one account has an
//     address there. When several do, it is linked to the organisation (the
//     domain) and listed by Ambiguities ("ambiguous: 3 accounts at
//     acme.example"), never given to one of them; the founder's choice is
//     an Attach;
//  3. public mail domains (gmail.com, yahoo.*, …; the workspace setting
//     public_domains replaces Keel's list, SetPublicDomains) never link by
//     domain;
//  4. the founder's Merge, Attach and Split are rules stored in the
//     workspace and applied on every linking, so they survive re-imports,
//     new imports and undos; a later rule wins over an earlier one.
//
// An account exists for every billing customer and for every identified
// product user (an analytics user with an address) that joins none.
// People who only wrote to support and anonymous analytics users are not
// accounts: their tickets and events are unlinked, counted by Unlinked and
// listed, and they link by themselves once a customer or an address for
// them appears.
//
// Account ids are stable: an account keeps its id while any of its
// identities (customer ids, addresses, domains) remains in it, across
// recomputations, undos and re-imports; Merge keeps the first account's id,
// and forgetting a merge or a split gives each account its id back.
//
// Links are derived data kept in the workspace: every import and undo sums
// the identities it touched (link_idents) and notes, for the linking that
// follows it in the same process, which ones and the addresses they had.
// That linking links only the part of the workspace the change can affect
// (scope.go: the identities sharing an address, a non-public domain, an
// account or a founder's rule with a changed one) and brings the other
// accounts whose members' sums changed in step from those sums before and
// after (delta.go), summing an account again from its members only when a
// date it showed may have gone. Without the notes (another process, a full
// sum) it reads every identity's links (one narrow row each) and sums
// again the accounts whose members changed. Ensure links again when the
// identities, the rules or the settings changed; Refresh links everything
// now.
package accounts
