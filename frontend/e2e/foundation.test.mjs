// Foundation e2e: the demo workspace opens on Home, a CSV imported through
// the page gives its report, Home updates, and the import can be undone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openPage, work, out } from './harness.mjs';

const header =
  'id,Created date (UTC),Amount,Amount Refunded,Currency,Captured,Converted Amount,Converted Amount Refunded,Converted Currency,Decline Reason,Description,Fee,Refunded date (UTC),Statement Descriptor,Status,Seller Message,Taxes On Fee,Card ID,Customer ID,Customer Description,Customer Email,Invoice ID,Transfer';
const row = (id, date, amount) =>
  `${id},${date},${amount},0.00,usd,true,${amount},0.00,usd,,Subscription update,0.50,,KEEL,Paid,Payment complete.,0.00,pm_1,cus_e2e,,e2e@example.com,in_e2e,`;

async function paymentRows(page) {
  const card = page.locator('[data-testid="source-card"][data-source="stripe/payments"] .rows strong');
  return Number((await card.textContent()).replace(/[^0-9]/g, ''));
}

test('demo workspace: Home, import through the page, report, undo', async () => {
  const { browser, page, errors, remote } = await openPage();
  try {
    await page.waitForSelector('[data-testid="screen-home"]');
    assert.match(await page.locator('[data-testid="workspace-name"]').first().textContent(), /Northwind Analytics/);
    assert.equal(await page.locator('[data-testid="source-card"]').count(), 10); // six exports, the flag list, the feedback board, manual work and monthly costs
    const before = await paymentRows(page);
    assert.ok(before > 1000, `demo payments: ${before}`);
    await page.screenshot({ path: join(out, 'e2e-home.png') });

    const file = join(work, 'e2e_payments.csv');
    writeFileSync(file, [header, row('ch_e2e_1', '2026-11-02 10:00:00', '49.00'), row('ch_e2e_2', '2026-11-03 10:00:00', 'forty'),
      row('ch_e2e_3', '2026-11-04 10:00:00', '99.00')].join('\n') + '\n');
    await page.evaluate((p) => window.__keel.dropFiles([p]), file);
    await page.waitForSelector('[data-testid="screen-imports"]');
    const preview = page.locator('[data-testid="preview-card"]');
    await preview.waitFor();
    assert.equal((await preview.locator('[data-testid="detected-label"]').textContent()).trim(), 'Stripe payments');

    await page.click('[data-testid="run-import"]');
    const report = page.locator('[data-testid="report-card"]');
    await report.waitFor({ timeout: 30_000 });
    const stat = async (k) => Number((await report.locator(`[data-testid="stat-${k}"] dd`).textContent()).replace(/[^0-9]/g, ''));
    assert.equal(await stat('read'), 3);
    assert.equal(await stat('imported'), 2);
    assert.equal(await stat('rejected'), 1);
    await report.locator('[data-testid="rejected-toggle"]').click();
    assert.match(await report.locator('[data-testid="rejected-rows"]').textContent(), /3[\s\S]*forty/);
    await page.screenshot({ path: join(out, 'e2e-import-report.png'), fullPage: true });

    await page.click('[data-testid="nav-home"]');
    await page.waitForSelector('[data-testid="screen-home"]');
    await page.waitForFunction((n) => {
      const el = document.querySelector('[data-testid="source-card"][data-source="stripe/payments"] .rows strong');
      return el && Number(el.textContent.replace(/[^0-9]/g, '')) === n;
    }, before + 2);

    // Undo from the history: asks once, then the rows leave.
    await page.click('[data-testid="nav-imports"]');
    const latest = page.locator('[data-testid="history-row"]').first();
    await latest.locator('[data-testid="undo"]').click();
    await page.click('[data-testid="confirm-ok"]');
    await latest.locator('[data-testid="undone"]').waitFor();
    await page.click('[data-testid="nav-home"]');
    await page.waitForFunction((n) => {
      const el = document.querySelector('[data-testid="source-card"][data-source="stripe/payments"] .rows strong');
      return el && Number(el.textContent.replace(/[^0-9]/g, '')) === n;
    }, before);

    assert.deepEqual(errors, []);
    assert.deepEqual(remote, []);
  } finally {
    await browser.close();
  }
});

test('a refused file shows its reason and changes nothing', async () => {
  const { browser, page } = await openPage();
  try {
    const before = await paymentRows(page);
    const file = join(work, 'empty.csv');
    writeFileSync(file, '');
    await page.evaluate((p) => window.__keel.dropFiles([p]), file);
    const err = page.locator('[data-testid="preview-error"]');
    await err.waitFor();
    assert.match(await err.textContent(), /empty\.csv: the file is empty/);
    await page.click('[data-testid="nav-home"]');
    assert.equal(await paymentRows(page), before);
  } finally {
    await browser.close();
  }
});

test('the report says what Keel assumed about a file (a Stripe export without Currency or Status)', async () => {
  const { browser, page, errors } = await openPage();
  try {
    await page.setViewportSize({ width: 1024, height: 800 });
    const file = join(work, 'unified_payments_custom.csv');
    writeFileSync(file, 'id,Created date (UTC),Amount,Converted Amount,Description,Fee,PaymentIntent ID,Payment Source Type\n' +
      ',2026-11-02 10:42:51,644.00,,Payment for Invoice,,pi_1,\n' +
      'ch_e2e_custom_1,2026-11-02 04:36:18,85.00,85.00,Toys,0.00,pi_2,card\n');
    await page.evaluate((p) => window.__keel.dropFiles([p]), file);
    await page.locator('[data-testid="preview-card"]').waitFor();
    await page.click('[data-testid="run-import"]');
    const report = page.locator('[data-testid="report-card"]');
    await report.waitFor({ timeout: 30_000 });
    const notes = report.locator('[data-testid="report-notes"]');
    assert.match(await notes.textContent(), /no Currency column: every amount is read in USD/);
    assert.match(await notes.textContent(), /no Status column: payments with an id are taken as succeeded/);
    assert.equal(Number((await report.locator('[data-testid="stat-imported"] dd').textContent()).replace(/[^0-9]/g, '')), 1);
    // Nothing scrolls sideways at 1024 px, light and dark.
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth));
    await report.screenshot({ path: join(out, 'import-report-notes.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await report.screenshot({ path: join(out, 'import-report-notes-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });

    // Undone, so that the other tests see the demo as it was.
    const latest = page.locator('[data-testid="history-row"]').first();
    await latest.locator('[data-testid="undo"]').click();
    await page.click('[data-testid="confirm-ok"]');
    await latest.locator('[data-testid="undone"]').waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
