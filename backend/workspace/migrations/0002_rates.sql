-- Exchange rates the founder types in, for currencies and months that
-- Stripe's converted amounts do not cover (METRICS.md, Exchange rate).
-- rate is a decimal string in base-currency units per one unit of currency,
-- kept as text so that it is used exactly as typed, never as a float.
CREATE TABLE exchange_rates (
    currency TEXT NOT NULL,   -- lowercase ISO 4217, e.g. eur
    month    TEXT NOT NULL,   -- YYYY-MM in the workspace time zone
    rate     TEXT NOT NULL,   -- e.g. 1.0834
    PRIMARY KEY (currency, month)
);

-- The revenue engine reads invoices grouped by subscription and amount
-- (backend/revenue). In this order SQLite streams the grouping instead of
-- sorting every invoice: a 50,000-customer workspace with two million
-- invoices hands the engine ~60,000 rows.
CREATE INDEX invoices_subscription ON invoices(subscription_id, subtotal, discount, status, test, period_start, date);
