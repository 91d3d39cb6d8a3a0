-- The succeeded payments of each customer, as the revenue engine reads
-- them to find recurring payments (workspace/paid.go), kept per import
-- so that an import or an undo rebuilds only its own part: one blob of
-- (currency, amount, time, test) per customer key and import. rows is
-- the payment count of the import when its part was built: a later
-- import that replaced some of them, or an undo that gave some back,
-- changes it and the part is built again. Derived data: the stage 'paid'
-- of derived_state says which state of the payments the parts are of.
CREATE TABLE IF NOT EXISTS paid_parts (
    import_id INTEGER NOT NULL,
    k         TEXT    NOT NULL,
    data      BLOB    NOT NULL,
    PRIMARY KEY (import_id, k)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS paid_parts_k ON paid_parts(k);

CREATE TABLE IF NOT EXISTS paid_imports (
    import_id INTEGER PRIMARY KEY,
    rows      INTEGER NOT NULL
);

-- The payments Stripe converted to another currency, the only ones the
-- exchange rates are read from (EachConvertedPayment): a lookup rather
-- than a scan of every payment.
CREATE INDEX IF NOT EXISTS payments_converted ON payments(converted_currency, currency)
    WHERE converted IS NOT NULL AND currency <> converted_currency;

-- Each import's payment count per converted currency and currency, that
-- the default base currency is the most frequent of (revenue.BaseCurrency).
CREATE TABLE IF NOT EXISTS paid_currencies (
    import_id          INTEGER NOT NULL,
    converted_currency TEXT    NOT NULL,
    currency           TEXT    NOT NULL,
    n                  INTEGER NOT NULL,
    PRIMARY KEY (import_id, converted_currency, currency)
) WITHOUT ROWID;
