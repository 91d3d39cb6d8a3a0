// Package accounts ties every customer, ticket and product event to one
// account per customer (METRICS.md, Support: accounts).
//
// Links, in order:
//
//  1. by email: a billing customer's email, a ticket's requester email, an
//     analytics user's email (its events' email property, or a distinct id
//     that is an address) are the same person when the address is the same;
//  2. by email domain: people of one organisation domain are one account
//     (a B2B customer's colleagues), never for public mail domains
//     (PublicDomain: gmail.com, outlook.com, yahoo.*, …);
//  3. by the founder: Merge joins two accounts, Attach adds an address or a
//     domain to one, Split takes an address or a domain out of one. These
//     rules are stored in the workspace and applied again on every
//     recomputation, so they survive re-imports; a rule made later wins over
//     an earlier one.
//
// An account exists for every billing customer and for every identified
// product user (an analytics user with an email), grouped as above. People
// who only wrote to support and anonymous analytics users are not accounts:
// their tickets and events are unlinked, counted by Unlinked and listed,
// and they link by themselves once a customer or an email for them appears.
//
// Account ids are stable: an account keeps its id while any of its
// identities (customer ids, addresses, domains) remains in it, across
// recomputations, undos and re-imports; Merge keeps the first account's id,
// and forgetting a merge or a split gives each account its id back.
//
// Links are derived data kept in the workspace (migration 0004). Ensure
// recomputes them when the imports, the rules or the settings they depend
// on changed; Refresh recomputes them now. Events are read once per change
// of the events table and summarised per analytics user (days with events,
// names with first and last time), so that linking 5,000,000 events takes
// seconds and the product metrics read a few rows per account.
package accounts
