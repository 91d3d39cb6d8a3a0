-- Workspace settings: name, base currency, time zone, metric rules.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- One row per imported file.
CREATE TABLE imports (
    id         INTEGER PRIMARY KEY,
    file       TEXT    NOT NULL,   -- base name
    path       TEXT    NOT NULL,
    size       INTEGER NOT NULL,
    sha256     TEXT    NOT NULL,
    source     TEXT    NOT NULL,
    kind       TEXT    NOT NULL,
    at         INTEGER NOT NULL,   -- unix seconds
    read       INTEGER NOT NULL DEFAULT 0,
    imported   INTEGER NOT NULL DEFAULT 0,
    updated    INTEGER NOT NULL DEFAULT 0,
    duplicates INTEGER NOT NULL DEFAULT 0,
    rejected   INTEGER NOT NULL DEFAULT 0,
    skipped    INTEGER NOT NULL DEFAULT 0,
    undone_at  INTEGER
);

CREATE TABLE import_rejects (
    import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    line      INTEGER NOT NULL,
    reason    TEXT    NOT NULL
);
CREATE INDEX import_rejects_import ON import_rejects(import_id);

-- Canonical records. Every table has: key (stable source id), import_id
-- (the import that last wrote the row) and hash (of the values, to tell a
-- duplicate from a changed row). Times are unix seconds UTC, money integer
-- minor units, attrs a JSON object of the columns Keel does not know.
CREATE TABLE payments (
    key                TEXT PRIMARY KEY,
    import_id          INTEGER NOT NULL REFERENCES imports(id),
    hash               INTEGER NOT NULL,
    source             TEXT NOT NULL,
    id                 TEXT NOT NULL,
    created            INTEGER NOT NULL,
    amount             INTEGER NOT NULL,
    refunded           INTEGER NOT NULL,
    currency           TEXT NOT NULL,
    converted          INTEGER,
    converted_refunded INTEGER,
    converted_currency TEXT NOT NULL,
    fee                INTEGER,
    status             TEXT NOT NULL,
    captured           INTEGER NOT NULL,
    refunded_at        INTEGER,
    decline_reason     TEXT NOT NULL,
    description        TEXT NOT NULL,
    customer_id        TEXT NOT NULL,
    customer_email     TEXT NOT NULL,
    invoice_id         TEXT NOT NULL,
    test               INTEGER NOT NULL,
    disputed_amount    INTEGER,
    disputed_at        INTEGER,
    dispute_status     TEXT NOT NULL,
    attrs              TEXT NOT NULL
);
CREATE INDEX payments_import ON payments(import_id);
CREATE INDEX payments_created ON payments(created);

CREATE TABLE customers (
    key         TEXT PRIMARY KEY,
    import_id   INTEGER NOT NULL REFERENCES imports(id),
    hash        INTEGER NOT NULL,
    source      TEXT NOT NULL,
    id          TEXT NOT NULL,
    email       TEXT NOT NULL,
    name        TEXT NOT NULL,
    description TEXT NOT NULL,
    created     INTEGER,
    currency    TEXT NOT NULL,
    delinquent  INTEGER NOT NULL,
    test        INTEGER NOT NULL,
    attrs       TEXT NOT NULL
);
CREATE INDEX customers_import ON customers(import_id);

CREATE TABLE subscriptions (
    key                  TEXT PRIMARY KEY,
    import_id            INTEGER NOT NULL REFERENCES imports(id),
    hash                 INTEGER NOT NULL,
    source               TEXT NOT NULL,
    id                   TEXT NOT NULL,
    customer_id          TEXT NOT NULL,
    customer_email       TEXT NOT NULL,
    status               TEXT NOT NULL,
    plan                 TEXT NOT NULL,
    product              TEXT NOT NULL,
    quantity             INTEGER NOT NULL,
    currency             TEXT NOT NULL,
    interval             TEXT NOT NULL,
    interval_count       INTEGER NOT NULL,
    amount               INTEGER NOT NULL,
    created              INTEGER,
    start                INTEGER,
    current_period_start INTEGER,
    current_period_end   INTEGER,
    trial_start          INTEGER,
    trial_end            INTEGER,
    canceled_at          INTEGER,
    cancel_at_period_end INTEGER NOT NULL,
    ended_at             INTEGER,
    test                 INTEGER NOT NULL,
    attrs                TEXT NOT NULL
);
CREATE INDEX subscriptions_import ON subscriptions(import_id);

CREATE TABLE invoices (
    key             TEXT PRIMARY KEY,
    import_id       INTEGER NOT NULL REFERENCES imports(id),
    hash            INTEGER NOT NULL,
    source          TEXT NOT NULL,
    id              TEXT NOT NULL,
    number          TEXT NOT NULL,
    customer_id     TEXT NOT NULL,
    customer_email  TEXT NOT NULL,
    subscription_id TEXT NOT NULL,
    status          TEXT NOT NULL,
    currency        TEXT NOT NULL,
    date            INTEGER NOT NULL,
    period_start    INTEGER,
    period_end      INTEGER,
    subtotal        INTEGER NOT NULL,
    discount        INTEGER NOT NULL,
    tax             INTEGER NOT NULL,
    total           INTEGER NOT NULL,
    amount_due      INTEGER NOT NULL,
    amount_paid     INTEGER NOT NULL,
    paid            INTEGER NOT NULL,
    test            INTEGER NOT NULL,
    attrs           TEXT NOT NULL
);
CREATE INDEX invoices_import ON invoices(import_id);

CREATE TABLE tickets (
    key                    TEXT PRIMARY KEY,
    import_id              INTEGER NOT NULL REFERENCES imports(id),
    hash                   INTEGER NOT NULL,
    source                 TEXT NOT NULL,
    id                     TEXT NOT NULL,
    requester_id           TEXT NOT NULL,
    requester_email        TEXT NOT NULL,
    organization           TEXT NOT NULL,
    subject                TEXT NOT NULL,
    status                 TEXT NOT NULL,
    priority               TEXT NOT NULL,
    channel                TEXT NOT NULL,
    type                   TEXT NOT NULL,
    grp                    TEXT NOT NULL,
    assignee               TEXT NOT NULL,
    tags                   TEXT NOT NULL,
    created                INTEGER NOT NULL,
    solved                 INTEGER,
    first_reply_minutes    INTEGER,
    first_reply_biz_minutes INTEGER,
    resolution_minutes     INTEGER,
    resolution_biz_minutes INTEGER,
    satisfaction           TEXT NOT NULL,
    attrs                  TEXT NOT NULL
);
CREATE INDEX tickets_import ON tickets(import_id);
CREATE INDEX tickets_created ON tickets(created);

CREATE TABLE events (
    key         TEXT PRIMARY KEY,
    import_id   INTEGER NOT NULL REFERENCES imports(id),
    hash        INTEGER NOT NULL,
    source      TEXT NOT NULL,
    id          TEXT NOT NULL,
    name        TEXT NOT NULL,
    distinct_id TEXT NOT NULL,
    email       TEXT NOT NULL,
    time        INTEGER NOT NULL,
    attrs       TEXT NOT NULL
);
CREATE INDEX events_import ON events(import_id);
CREATE INDEX events_time ON events(time);

-- Old versions of rows that an import changed, so that undoing the import
-- restores them. Same columns as the table, plus the import that replaced it.
CREATE TABLE payments_versions      AS SELECT 0 AS by_import, * FROM payments      WHERE 0;
CREATE TABLE customers_versions     AS SELECT 0 AS by_import, * FROM customers     WHERE 0;
CREATE TABLE subscriptions_versions AS SELECT 0 AS by_import, * FROM subscriptions WHERE 0;
CREATE TABLE invoices_versions      AS SELECT 0 AS by_import, * FROM invoices      WHERE 0;
CREATE TABLE tickets_versions       AS SELECT 0 AS by_import, * FROM tickets       WHERE 0;
CREATE TABLE events_versions        AS SELECT 0 AS by_import, * FROM events        WHERE 0;
CREATE INDEX payments_versions_by      ON payments_versions(by_import);
CREATE INDEX customers_versions_by     ON customers_versions(by_import);
CREATE INDEX subscriptions_versions_by ON subscriptions_versions(by_import);
CREATE INDEX invoices_versions_by      ON invoices_versions(by_import);
CREATE INDEX tickets_versions_by       ON tickets_versions(by_import);
CREATE INDEX events_versions_by        ON events_versions(by_import);
