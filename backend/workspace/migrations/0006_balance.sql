-- Stripe balance history ("All activity" export, backend.BalanceTxn): one
-- row per movement of the account balance. Money is integer minor units of
-- currency, signed as exported (refunds, Stripe fees and payouts are
-- negative); net is amount - fee. customer_facing_amount is in
-- customer_facing_currency, destination_platform_fee in its own currency.
CREATE TABLE balance (
    key                               TEXT PRIMARY KEY,
    import_id                         INTEGER NOT NULL REFERENCES imports(id),
    hash                              INTEGER NOT NULL,
    source                            TEXT NOT NULL,      -- stripe
    id                                TEXT NOT NULL,      -- txn_…
    type                              TEXT NOT NULL,      -- charge, payment, refund, payment_refund, stripe_fee, payout, adjustment, …
    source_id                         TEXT NOT NULL,      -- ch_…, py_…, po_…; '' for Stripe's own fees
    amount                            INTEGER NOT NULL,
    fee                               INTEGER NOT NULL,
    net                               INTEGER NOT NULL,
    currency                          TEXT NOT NULL,
    created                           INTEGER NOT NULL,
    available_on                      INTEGER,
    description                       TEXT NOT NULL,
    customer_facing_amount            INTEGER,
    customer_facing_currency          TEXT NOT NULL,
    destination_platform_fee          INTEGER,
    destination_platform_fee_currency TEXT NOT NULL,
    transfer                          TEXT NOT NULL,
    transfer_date                     INTEGER,
    transfer_group                    TEXT NOT NULL,
    test                              INTEGER NOT NULL,
    attrs                             TEXT NOT NULL
);
CREATE INDEX balance_import ON balance(import_id);
CREATE INDEX balance_created ON balance(created);

-- Stripe payouts (Payouts export, backend.Payout): the balance sent to the
-- founder's bank account or card. amount is positive, in minor units.
CREATE TABLE payouts (
    key                  TEXT PRIMARY KEY,
    import_id            INTEGER NOT NULL REFERENCES imports(id),
    hash                 INTEGER NOT NULL,
    source               TEXT NOT NULL,      -- stripe
    id                   TEXT NOT NULL,      -- po_…
    amount               INTEGER NOT NULL,
    currency             TEXT NOT NULL,
    created              INTEGER NOT NULL,
    arrival_date         INTEGER,
    status               TEXT NOT NULL,      -- paid, pending, in_transit, canceled, failed
    type                 TEXT NOT NULL,      -- bank_account, card
    method               TEXT NOT NULL,      -- standard, instant
    source_type          TEXT NOT NULL,
    destination          TEXT NOT NULL,      -- ba_…, card_…
    description          TEXT NOT NULL,
    balance_txn          TEXT NOT NULL,      -- txn_… of the payout in balance
    failure_balance_txn  TEXT NOT NULL,
    failure_code         TEXT NOT NULL,
    failure_message      TEXT NOT NULL,
    statement_descriptor TEXT NOT NULL,
    trace_id             TEXT NOT NULL,
    trace_status         TEXT NOT NULL,
    test                 INTEGER NOT NULL,
    attrs                TEXT NOT NULL
);
CREATE INDEX payouts_import ON payouts(import_id);
CREATE INDEX payouts_created ON payouts(created);

-- Old versions of rows an import changed, for undo (as in 0001).
CREATE TABLE balance_versions AS SELECT 0 AS by_import, * FROM balance WHERE 0;
CREATE TABLE payouts_versions AS SELECT 0 AS by_import, * FROM payouts WHERE 0;
CREATE INDEX balance_versions_by ON balance_versions(by_import);
CREATE INDEX payouts_versions_by ON payouts_versions(by_import);
