// A founder's own Zendesk export alone (../shared/fixtures/real), through
// the page: the Support chart draws the tickets by month (there are no
// accounts to divide them by, and the card says so), and a month before
// the first ticket reads "—", not 0. The demo is open again afterwards.
// Screenshots: test-output/support-real-<1024|1440>-<light|dark>.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openPage, work, out } from './harness.mjs';
import { screenshotScreen } from './metrics.mjs';

const real = resolve('..', '..', 'shared', 'fixtures', 'real', 'zendesk');

test('Support with a real Zendesk export alone draws its tickets', { skip: !existsSync(real) && 'no real exports' }, async () => {
  const { browser, page, errors, remote } = await openPage();
  const demo = join(work, 'data', 'Demo.keel');
  try {
    await page.evaluate((p) => window.go.app.Workspace.Create(p, 'Helpdesk Co'), join(work, 'helpdesk.keel'));
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await page.waitForSelector('[data-testid="screen-home"]');
    const file = join(real, readdirSync(real).find((f) => f.endsWith('.csv')));
    await page.evaluate((ps) => window.__keel.dropFiles(ps), [file]);
    await page.waitForSelector('[data-testid="screen-imports"]');
    await page.locator('[data-testid="preview-card"]').first().waitFor();
    await page.click('[data-testid="run-import"]');
    await page.locator('[data-testid="report-card"]').first().waitFor({ timeout: 30_000 });

    await page.click('[data-testid="nav-support"]');
    const note = page.locator('[data-testid="per-account-missing"]');
    await note.waitFor();
    assert.match(await note.textContent(), /active accounts/);
    assert.match(await page.locator('#load-h').textContent(), /Tickets by month/);
    // Bars drawn: the chart is not axes and a legend alone.
    await page.waitForSelector('[data-testid="support-chart"] svg path', { state: 'attached' });
    const bars = await page.evaluate(() => {
      const c = document.querySelector('[data-testid="support-chart"]');
      return [...c.querySelectorAll('svg path')].filter((p) => /ea580c|234, *88, *12/i.test(p.getAttribute('fill') || '')).length;
    });
    assert.ok(bars >= 2, `${bars} ticket bars drawn`);
    // The months before the export read "—", the months of it a number.
    const cells = await page.locator('[data-testid="support-table"] tbody tr').evaluateAll((rows) =>
      rows.map((r) => r.querySelectorAll('td')[1].textContent.trim()),
    );
    assert.ok(cells.includes('—'), `tickets column: ${cells}`);
    assert.ok(cells.some((c) => /^\d/.test(c)), `tickets column: ${cells}`);
    assert.ok(!cells.includes('0'), `a month without data shows 0: ${cells}`);

    for (const [width, height] of [[1024, 700], [1440, 900]]) {
      await page.setViewportSize({ width, height });
      for (const scheme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme: scheme });
        await screenshotScreen(page, join(out, `support-real-${width}-${scheme}.png`));
      }
    }
    assert.deepEqual(errors, []);
    assert.deepEqual(remote, []);
  } finally {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.evaluate((p) => window.go.app.Workspace.Open(p), demo).catch(() => {});
    await browser.close();
  }
});
