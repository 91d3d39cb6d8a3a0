// Support load e2e on the demo: reached with the keyboard (g then s), its
// tiles say what `keel metrics` says, the chart is drawn, and the unlinked
// tickets lead to their list in Accounts. Screenshot: test-output/support.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openPage, out } from './harness.mjs';
import { metricsOf, num, screenshotScreen } from './metrics.mjs';

test('Support load: tiles match keel metrics, unlinked tickets link to Accounts', async () => {
  const { browser, page, errors, remote } = await openPage();
  try {
    await page.keyboard.press('g');
    await page.keyboard.press('s');
    await page.waitForSelector('[data-testid="screen-support"]');
    await page.waitForSelector('[data-testid="kpi-tile"]');
    const month = await page.locator('[data-testid="month-picker-select"]').inputValue();
    const want = metricsOf(month).support;
    const tile = (key) => page.locator(`[data-testid="kpi-tile"][data-key="${key}"] [data-testid="tile-value"]`);
    assert.equal(num(await tile('tickets').textContent()), want.tickets);
    assert.equal(num(await tile('active_accounts').textContent()), want.active_accounts);
    assert.equal((await tile('tickets_per_active_account').textContent()).trim(), want.tickets_per_active_account.toFixed(2)); // two decimals, as Home and the review
    assert.equal(num(await tile('satisfaction').textContent()), Number((want.satisfaction * 100).toFixed(1)));
    const first = page.locator('[data-testid="support-table"] tbody tr').first();
    assert.match(await first.textContent(), new RegExp(`${want.tickets}`));
    await page.waitForSelector('[data-testid="support-chart"] svg path', { state: 'attached' });
    await page.waitForSelector('[data-testid="support-tags"] tbody tr');
    await page.waitForSelector('[data-testid="support-stages"] tbody tr');
    await page.waitForTimeout(600);
    await screenshotScreen(page, join(out, 'support.png'));
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForTimeout(400);
    await screenshotScreen(page, join(out, 'support-dark.png'));
    await page.emulateMedia({ colorScheme: 'light' });

    await page.click('[data-testid="see-unlinked"]');
    await page.waitForSelector('[data-testid="screen-accounts"]');
    const rows = page.locator('[data-testid="unlinked-tickets"] tbody tr');
    await rows.first().waitFor();
    assert.ok((await rows.count()) > 5);

    assert.deepEqual(errors, []);
    assert.deepEqual(remote, []);
  } finally {
    await browser.close();
  }
});
