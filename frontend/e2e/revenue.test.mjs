// Revenue e2e: on the demo workspace, the Revenue screen's tiles say what
// `keel metrics` says for the month shown; a movement bar and a row of the
// movements table open the customers behind them, and a customer opens
// their page. Screenshots: test-output/revenue.png (the screen) and
// revenue-drill.png (the side panel).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openPage, work, out } from './harness.mjs';

const keel = resolve('..', 'build', 'bin', 'keel-dev');

/** `keel metrics` for one month, on a copy of the workspace the app has open (it holds the lock). */
function metrics(month) {
  const dir = mkdtempSync(join(work, 'metrics-'));
  const src = join(work, 'data', 'Demo.keel');
  copyFileSync(src, join(dir, 'Demo.keel'));
  if (existsSync(`${src}-wal`)) copyFileSync(`${src}-wal`, join(dir, 'Demo.keel-wal'));
  const json = execFileSync(keel, ['metrics', '--workspace', join(dir, 'Demo.keel'), '--from', month, '--to', month, '--json'], {
    encoding: 'utf8',
  });
  return JSON.parse(json).months[0].revenue;
}

/** "$29,044.57" → 2904457 (minor units), "−$355.00" → -35500. */
const cents = (s) => {
  const neg = /^[−-]/.test(s.trim());
  const n = Number(s.replace(/[^0-9]/g, ''));
  return neg ? -n : n;
};

test('Revenue on the demo: tiles match keel metrics, drill-down to customers', async () => {
  const { browser, page, errors, remote } = await openPage();
  try {
    await page.click('[data-testid="nav-revenue"]');
    await page.waitForSelector('[data-testid="screen-revenue"]');
    await page.waitForSelector('[data-testid="kpi-tile"]');
    const month = await page.locator('[data-testid="month-picker-select"]').inputValue();
    assert.match(month, /^\d{4}-\d{2}$/);

    const want = metrics(month);
    const tile = (key) => page.locator(`[data-testid="kpi-tile"][data-key="${key}"] [data-testid="tile-value"]`);
    // Money tiles are abbreviated; the exact amount is their title.
    assert.equal(cents(await tile('mrr').getAttribute('title')), want.mrr);
    assert.equal(cents(await tile('collected').getAttribute('title')), want.collected);
    assert.equal(Number((await tile('customers').textContent()).replace(/[^0-9]/g, '')), want.customers);
    assert.equal(cents(await page.locator('[data-testid="mrr-end"]').textContent()), want.mrr);

    // The chart is drawn (SVG) and the table under it adds up.
    await page.waitForSelector('[data-testid="mrr-chart"] svg path', { state: 'attached' });
    const rows = page.locator('[data-testid="movement-row"]');
    const amounts = {};
    for (const r of await rows.all()) {
      amounts[await r.getAttribute('data-kind')] = cents(await r.locator('td.amount').textContent());
    }
    assert.equal(amounts.new, want.new);
    assert.equal(amounts.churn, -want.churn);
    assert.equal(
      cents(await page.locator('[data-testid="mrr-start"]').textContent()) + Object.values(amounts).reduce((a, b) => a + b, 0),
      want.mrr,
    );
    await page.waitForTimeout(500); // the chart's entry animation
    await page.screenshot({ path: join(out, 'revenue.png') });

    // Click this month's "new" bar: the side panel lists the customers behind it.
    const bar = await page.evaluate(() => {
      const paths = [...document.querySelectorAll('[data-testid="mrr-chart"] svg path')].filter(
        (p) => (p.getAttribute('fill') || '').toLowerCase() === '#16a34a',
      );
      const boxes = paths.map((p) => p.getBoundingClientRect()).filter((b) => b.width > 4 && b.height > 2);
      const last = boxes.sort((a, b) => a.x - b.x).pop();
      return last ? { x: last.x + last.width / 2, y: last.y + last.height / 2 } : null;
    });
    assert.ok(bar, 'no bar of new MRR drawn');
    await page.mouse.click(bar.x, bar.y);
    const panel = page.locator('[data-testid="movement-panel"]');
    await panel.waitFor();
    await panel.locator('[data-testid="drill-row"]').first().waitFor();
    assert.equal(await panel.locator('[data-testid="drill-row"]').count(), want.new_customers);
    assert.equal(cents(await panel.locator('[data-testid="drill-total"]').textContent()), want.new);
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });

    // The churn row of the table: the churned customers, then one's page.
    await page.locator('[data-testid="movement-row"][data-kind="churn"] button').click();
    await panel.waitFor();
    const churned = panel.locator('[data-testid="drill-row"]');
    await churned.first().waitFor();
    assert.equal(await churned.count(), want.churned_customers);
    assert.equal(cents(await panel.locator('[data-testid="drill-total"]').textContent()), -want.churn);
    await page.waitForTimeout(400); // the panel's slide-in
    await page.screenshot({ path: join(out, 'revenue-drill.png') });
    await churned.first().locator('button').click();
    const customer = panel.locator('[data-testid="customer-page"]');
    await customer.locator('[data-testid="customer-subscription"]').first().waitFor();
    assert.match(await customer.textContent(), /Churn/);
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(out, 'revenue-customer.png') });

    assert.deepEqual(errors, []);
    assert.deepEqual(remote, []);
  } finally {
    await browser.close();
  }
});

test('a rule switch recomputes the tiles, and switching back restores them', async () => {
  const { browser, page, errors } = await openPage();
  try {
    await page.click('[data-testid="nav-revenue"]');
    const value = page.locator('[data-testid="kpi-tile"][data-key="mrr"] [data-testid="tile-value"]');
    await value.waitFor();
    const before = await value.getAttribute('title');
    await page.click('[data-testid="rule-discounts-list"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="rule-discounts-list"]')?.getAttribute('aria-checked') === 'true');
    const month = await page.locator('[data-testid="month-picker-select"]').inputValue();
    const listed = metrics(month);
    await page.waitForFunction(
      (want) => {
        const el = document.querySelector('[data-testid="kpi-tile"][data-key="mrr"] [data-testid="tile-value"]');
        return el && Number(el.getAttribute('title').replace(/[^0-9]/g, '')) === want;
      },
      listed.mrr,
    );
    await page.click('[data-testid="rule-discounts-net"]');
    await page.waitForFunction(
      (want) => document.querySelector('[data-testid="kpi-tile"][data-key="mrr"] [data-testid="tile-value"]')?.getAttribute('title') === want,
      before,
    );
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
