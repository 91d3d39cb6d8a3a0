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
    assert.equal(await page.locator('[data-testid="source-card"]').count(), 6);
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
