-- Identities (backend/accounts, issue 11): who the rows of billing,
-- helpdesk and analytics exports are about, summed per import, so that an
-- import or an undo updates the accounts from what it changed instead of
-- re-reading every row (workspace/accounts_track.go). Identity keys:
-- customer:<source>:<id> (a billing customer, qualified by its tool: Lemon
-- Squeezy's and Paddle's plain-number ids never collide with another
-- tool's), guest:<address> (billing rows without a customer id),
-- requester:<address> (tickets; requester: for tickets without one) and
-- user:<distinct id> (analytics users).

-- What the rows of one import (those whose import_id it is) say about one
-- identity, for identities whose rows come from several imports. test:
-- the rows are test-mode billing rows.
CREATE TABLE link_parts (
    ident     TEXT    NOT NULL,
    test      INTEGER NOT NULL,
    import_id INTEGER NOT NULL,
    data      BLOB    NOT NULL,   -- workspace/accounts_ident.go
    PRIMARY KEY (ident, test, import_id)
) WITHOUT ROWID;
CREATE INDEX link_parts_import ON link_parts(import_id);

-- Each identity summed over its imports. An identity whose rows all come
-- from one import names it (import_id) and has no parts. Rows whose
-- identity is gone stay (rows = 0), for the account it had.
CREATE TABLE link_idents (
    key       TEXT    NOT NULL,
    test      INTEGER NOT NULL,
    rows      INTEGER NOT NULL,
    emails    TEXT    NOT NULL,   -- its addresses, most used first, space separated
    created   INTEGER NOT NULL,   -- a billing customer's creation (customers export), unix seconds; 0 unknown
    import_id INTEGER NOT NULL,   -- the one import its rows come from, else 0
    changed   INTEGER NOT NULL,   -- link_state.gen when its rows last changed
    data      BLOB    NOT NULL,
    PRIMARY KEY (key, test)
) WITHOUT ROWID;

-- What each identity is linked to (backend/accounts): its account, or the
-- domain of an item several accounts could claim (ambiguous). Kept when
-- the identity's rows go, so that it gets its account back.
CREATE TABLE link_accounts (
    key     TEXT    NOT NULL,
    test    INTEGER NOT NULL,
    account TEXT    NOT NULL,   -- '' when it has none
    org     TEXT    NOT NULL,
    PRIMARY KEY (key, test)
) WITHOUT ROWID;
CREATE INDEX link_accounts_account ON link_accounts(account);

-- gen counts the changes to link_idents; basis is the time zone and core
-- events the parts were summed under (days with events depend on them):
-- when it differs from the settings, the parts are summed again from
-- every row. '' makes the next linking do so (workspaces from before).
CREATE TABLE link_state (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    gen   INTEGER NOT NULL,
    basis TEXT    NOT NULL
);
INSERT INTO link_state(id, gen, basis) VALUES(1, 0, '');

-- The id that forgetting a merge or a split gives back (it was kept in
-- account_keys as 'rule:<seq>').
ALTER TABLE account_rules ADD COLUMN back TEXT NOT NULL DEFAULT '';
UPDATE account_rules SET back = COALESCE((SELECT account FROM account_keys WHERE key = 'rule:' || account_rules.seq), '');

-- Rules name billing customers by their qualified key.
UPDATE account_rules SET a = 'customer:' || COALESCE(
        (SELECT source FROM customers WHERE id = substr(account_rules.a, 10) LIMIT 1),
        (SELECT source FROM subscriptions WHERE customer_id = substr(account_rules.a, 10) LIMIT 1),
        (SELECT source FROM invoices WHERE customer_id = substr(account_rules.a, 10) LIMIT 1),
        (SELECT source FROM payments WHERE customer_id = substr(account_rules.a, 10) LIMIT 1),
        'stripe') || ':' || substr(account_rules.a, 10)
    WHERE a LIKE 'customer:%';
UPDATE account_rules SET b = 'customer:' || COALESCE(
        (SELECT source FROM customers WHERE id = substr(account_rules.b, 10) LIMIT 1),
        (SELECT source FROM subscriptions WHERE customer_id = substr(account_rules.b, 10) LIMIT 1),
        (SELECT source FROM invoices WHERE customer_id = substr(account_rules.b, 10) LIMIT 1),
        (SELECT source FROM payments WHERE customer_id = substr(account_rules.b, 10) LIMIT 1),
        'stripe') || ':' || substr(account_rules.b, 10)
    WHERE b LIKE 'customer:%';

-- The accounts are linked again under the new rule (every billing customer
-- its own account) on first use; analytics users are user: identities now.
DELETE FROM derived_state;
ALTER TABLE derived_state ADD COLUMN gen INTEGER NOT NULL DEFAULT 0; -- links: the link_state.gen linked
DROP TABLE analytics_users;
-- The key an account is known by in the founder's rules and its new id:
-- its first billing customer, else the domain or address of its people.
ALTER TABLE accounts ADD COLUMN anchor TEXT NOT NULL DEFAULT '';

-- Subscriptions and their invoices are grouped by tool too.
DROP INDEX invoices_subscription;
CREATE INDEX invoices_subscription ON invoices(subscription_id, source, subtotal, discount, status, test, period_start, date);
