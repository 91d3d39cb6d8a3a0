// Issue 16 in the window: an older export imported after a newer one keeps
// the newer rows, and the import report says how many it left, at 1024 px,
// light and dark; both imports are undone after.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openPage, work, out } from './harness.mjs';

const header =
  'id,Created date (UTC),Amount,Amount Refunded,Currency,Captured,Converted Amount,Converted Amount Refunded,Converted Currency,Decline Reason,Description,Fee,Refunded date (UTC),Statement Descriptor,Status,Seller Message,Taxes On Fee,Card ID,Customer ID,Customer Description,Customer Email,Invoice ID,Transfer';
const paid = (id) =>
  `${id},2026-11-02 10:00:00,49.00,0.00,usd,true,49.00,0.00,usd,,Subscription update,0.50,,KEEL,Paid,Payment complete.,0.00,pm_1,cus_e2e,,e2e@example.com,in_e2e,`;
const refunded = (id) =>
  `${id},2026-11-02 10:00:00,49.00,49.00,usd,true,49.00,49.00,usd,,Subscription update,0.50,2026-11-20 09:00:00,KEEL,Refunded,Payment complete.,0.00,pm_1,cus_e2e,,e2e@example.com,in_e2e,`;

async function importFile(page, file) {
  await page.evaluate((p) => window.__keel.dropFiles([p]), file);
  await page.locator('[data-testid="preview-card"]').waitFor();
  await page.click('[data-testid="run-import"]');
  const report = page.locator('[data-testid="report-card"]', { hasText: file.split('/').pop() });
  await report.waitFor({ timeout: 30_000 });
  return report;
}

test('an older export after a newer one: the report says how many rows kept the newer', async () => {
  const { browser, page, errors } = await openPage();
  try {
    await page.setViewportSize({ width: 1024, height: 800 });
    const ids = ['ch_e2e_old_1', 'ch_e2e_old_2', 'ch_e2e_old_3'];
    const newer = join(work, 'payments_december.csv');
    writeFileSync(newer, [header, ...ids.map(refunded)].join('\n') + '\n');
    const older = join(work, 'payments_november.csv');
    writeFileSync(older, [header, ...ids.map(paid)].join('\n') + '\n');
    await importFile(page, newer);
    const report = await importFile(page, older);
    const stat = async (k) => Number((await report.locator(`[data-testid="stat-${k}"] dd`).textContent()).replace(/[^0-9]/g, ''));
    assert.equal(await stat('read'), 3);
    assert.equal(await stat('updated'), 0);
    assert.match(await report.locator('[data-testid="report-older"]').textContent(),
      /3 rows are older than what the workspace has \(an older export imported after a newer one\): Keel kept the newer\./);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth));
    await report.screenshot({ path: join(out, 'import-report-older.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await report.screenshot({ path: join(out, 'import-report-older-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });

    // Both undone, newest first, so that the other tests see the demo as it was.
    // The history is read again after the report shows: wait until it lists
    // the second import, or the first undo would pick the first import, which
    // Keel refuses while the second has rows of it ("Undo that import first").
    await page.waitForFunction(() => document.querySelector('[data-testid="history-row"]')?.textContent?.includes('payments_november.csv'));
    for (let i = 0; i < 2; i++) {
      const latest = page.locator('[data-testid="history-row"]:not(.undone)').first();
      const id = await latest.getAttribute('data-id');
      await latest.locator('[data-testid="undo"]').click();
      await page.click('[data-testid="confirm-ok"]');
      await page.locator(`[data-testid="history-row"][data-id="${id}"] [data-testid="undone"]`).waitFor();
    }
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
