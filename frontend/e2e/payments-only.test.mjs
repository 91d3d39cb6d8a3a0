// A founder's own files, not the demo: a new workspace built from real
// Stripe exports of 2023 (customers, invoices, payments; no subscriptions
// export), through the page. Keel opens it on September 2023 (the last
// month with data) and says so, the month picker reaches its months, and
// Revenue shows what the payments support instead of "No billing data".
// The demo is open again afterwards, for the tests that follow.
// Screenshots: test-output/payments-only-home.png, payments-only-revenue.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openPage, work, out } from './harness.mjs';
import { screenshotScreen } from './metrics.mjs';

const real = resolve('..', '..', 'shared', 'fixtures', 'real', 'stripe');
const file = (dir) => {
  const d = join(real, dir);
  return join(d, readdirSync(d).find((f) => f.endsWith('.csv')));
};

test('a workspace of real payments-only Stripe files shows its months and revenue', { skip: !existsSync(real) && 'no real exports' }, async () => {
  const { browser, page, errors, remote } = await openPage();
  const demo = join(work, 'data', 'Demo.keel');
  try {
    await page.evaluate((p) => window.go.app.Workspace.Create(p, 'Primeorca'), join(work, 'primeorca.keel'));
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await page.waitForSelector('[data-testid="screen-home"]');
    assert.match(await page.locator('[data-testid="workspace-name"]').first().textContent(), /Primeorca/);

    const files = [file('customers_legacy_2023'), file('invoices_2023'), file('payments_legacy_2023_created_utc')];
    await page.evaluate((ps) => window.__keel.dropFiles(ps), files);
    await page.waitForSelector('[data-testid="screen-imports"]');
    await page.locator('[data-testid="preview-card"]').nth(2).waitFor();
    await page.click('[data-testid="run-import"]');
    await page.locator('[data-testid="report-card"]').nth(2).waitFor({ timeout: 30_000 });

    // Home opens on the last complete month with data, and says why.
    await page.click('[data-testid="nav-home"]');
    const note = page.locator('[data-testid="period-note"]');
    await note.waitFor();
    assert.match(await note.textContent(), /Your data ends in September 2023/);
    const select = page.locator('[data-testid="month-picker-select"]');
    assert.equal(await select.inputValue(), '2023-09');
    const options = await select.locator('option').evaluateAll((os) => os.map((o) => o.value));
    assert.ok(options.includes('2023-08'), `the picker reaches the data: ${options.slice(-3)}`);
    assert.match(await page.locator('[data-testid="stage"]').textContent(), /buyer/);
    await screenshotScreen(page, join(out, 'payments-only-home.png'));

    // The month picked is the month every screen shows.
    await select.selectOption('2023-08');
    await page.click('[data-testid="nav-revenue"]');
    await page.waitForSelector('[data-testid="products"]');
    assert.equal(await page.locator('[data-testid="month-picker-select"]').inputValue(), '2023-08');
    assert.equal(await page.locator('[data-testid="revenue-empty"]').count(), 0);
    assert.match(await page.locator('[data-testid="revenue-about"]').textContent(), /subscriptions export would add MRR/);
    const tile = (key) => page.locator(`[data-testid="kpi-tile"][data-key="${key}"] [data-testid="tile-value"]`);
    // 16 payments in August 2023, $5,025.00, two of them (partly) refunded.
    assert.equal(await tile('collected').getAttribute('title'), '$5,025.00');
    assert.equal((await tile('orders').textContent()).trim(), '16');
    assert.equal((await tile('buyers').textContent()).trim(), '11');
    assert.equal(await tile('refunded').getAttribute('title'), '$365.00');
    // August is the first month with payments: no change against July, "—" with its tooltip.
    const change = page.locator('[data-testid="kpi-tile"][data-key="collected"] [data-testid="tile-change"]');
    assert.match(await change.textContent(), /—/);
    assert.doesNotMatch(await change.textContent(), /\+/);
    assert.match(await change.getAttribute('title'), /month before is unknown/);
    await page.waitForSelector('[data-testid="sales-chart"] svg path', { state: 'attached' });
    assert.ok((await page.locator('[data-testid="product-row"]').count()) >= 1);
    await screenshotScreen(page, join(out, 'payments-only-revenue.png'));

    assert.deepEqual(errors, []);
    assert.deepEqual(remote, []);
  } finally {
    await page.evaluate((p) => window.go.app.Workspace.Open(p), demo).catch(() => {});
    await browser.close();
  }
});
