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
