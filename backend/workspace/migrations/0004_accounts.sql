-- Accounts (backend/accounts): one account per customer across billing,
-- helpdesk and analytics. Identity keys are `customer:<billing id>`,
-- `email:<address>` and `domain:<organisation domain>`.

-- The founder's merges and splits, in the order they were made. They are
-- the founder's words: re-imports and recomputation never touch them.
CREATE TABLE account_rules (
    seq  INTEGER PRIMARY KEY,
    kind TEXT    NOT NULL,   -- merge | split
    a    TEXT    NOT NULL,   -- identity key
    b    TEXT    NOT NULL,   -- merge: the other identity key; split: ''
    at   INTEGER NOT NULL    -- unix seconds
);

-- Which account each identity belongs to (live = 1), and the ids identities
-- had before (live = 0), so that an account keeps its id across
-- recomputations, undos and re-imports.
CREATE TABLE account_keys (
    key     TEXT PRIMARY KEY,
    account TEXT    NOT NULL,
    live    INTEGER NOT NULL
);
CREATE INDEX account_keys_account ON account_keys(account);

-- The accounts as last computed.
CREATE TABLE accounts (
    id            TEXT PRIMARY KEY,
    name          TEXT    NOT NULL,
    domain        TEXT    NOT NULL,   -- organisation domain, '' for a person on a public mail domain
    email         TEXT    NOT NULL,   -- main contact
    customers     TEXT    NOT NULL,   -- billing customer ids, space separated
    sources       TEXT    NOT NULL,   -- space separated: stripe zendesk posthog …
    emails        INTEGER NOT NULL,
    users         INTEGER NOT NULL,   -- analytics users (distinct ids)
    tickets       INTEGER NOT NULL,
    events        INTEGER NOT NULL,
    first_seen    INTEGER,            -- first customer record, subscription, payment or event
    last_activity INTEGER,            -- last ticket, event or payment
    activity      BLOB    NOT NULL,   -- days with events (backend/accounts/activity.go)
    names         BLOB    NOT NULL    -- events by name with first and last time
);

-- One row per analytics distinct id: its email (from its events, '' when
-- anonymous) and what it did. The link to an account goes through the
-- email's key in account_keys.
CREATE TABLE analytics_users (
    distinct_id TEXT PRIMARY KEY,
    email       TEXT    NOT NULL,
    sources     TEXT    NOT NULL,
    events      INTEGER NOT NULL,
    first       INTEGER NOT NULL,
    last        INTEGER NOT NULL,
    activity    BLOB    NOT NULL,
    names       BLOB    NOT NULL
);
CREATE INDEX analytics_users_email ON analytics_users(email);

-- The event names seen, with counts: what the founder picks activation
-- and core events from.
CREATE TABLE event_names (
    id       INTEGER PRIMARY KEY,
    name     TEXT    NOT NULL UNIQUE,
    events   INTEGER NOT NULL,
    users    INTEGER NOT NULL,
    accounts INTEGER NOT NULL,
    first    INTEGER NOT NULL,
    last     INTEGER NOT NULL
);

-- What the derived tables above were computed from, to tell when they are
-- stale (stage: events | links).
CREATE TABLE derived_state (
    stage       TEXT PRIMARY KEY,
    fingerprint TEXT    NOT NULL,
    at          INTEGER NOT NULL,
    mode        TEXT    NOT NULL DEFAULT ''
);

-- Column mappings of exports no importer recognises (importers/mapped),
-- found again by the signature of the file's header.
CREATE TABLE mappings (
    name      TEXT PRIMARY KEY,
    signature TEXT    NOT NULL,
    kind      TEXT    NOT NULL,   -- target: events, tickets, payments, customers, subscriptions
    spec      TEXT    NOT NULL,   -- JSON: columns and options
    created   INTEGER NOT NULL,
    updated   INTEGER NOT NULL
);
CREATE INDEX mappings_signature ON mappings(signature, updated);
