// Users e2e on the demo: the screen opens with signups and an undefined
// activation rate; picking an activation event in the setup panel makes the
// rate appear, equal to `keel metrics`. The setup is cleared again at the
// end. Screenshot: test-output/users.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openPage, out } from './harness.mjs';
import { metricsOf, num, screenshotScreen } from './metrics.mjs';

const rateValue = '[data-testid="kpi-tile"][data-key="activation_rate"] [data-testid="tile-value"]';

test('Users: pick an activation event and see the rate appear', async () => {
  const { browser, page, errors, remote } = await openPage();
  try {
    await page.click('[data-testid="nav-users"]');
    await page.waitForSelector('[data-testid="screen-users"]');
    await page.waitForSelector('[data-testid="kpi-tile"]');
    const month = await page.locator('[data-testid="month-picker-select"]').inputValue();
    const before = metricsOf(month).product;
    const signups = page.locator('[data-testid="kpi-tile"][data-key="signups"] [data-testid="tile-value"]');
    assert.equal(num(await signups.textContent()), before.signups);
    assert.equal((await page.locator(rateValue).textContent()).trim(), '—');
    assert.match(await page.locator(rateValue).getAttribute('title'), /Pick the activation event/);
    await page.waitForSelector('[data-testid="cohort-row"]');
    await page.waitForSelector('[data-testid="usage-row"]');
    await page.waitForSelector('[data-testid="signups-chart"] svg path', { state: 'attached' });

    await page.click('[data-testid="open-activation"]');
    const panel = page.locator('[data-testid="activation-panel"]');
    await panel.locator('[data-testid="event-row"]').first().waitFor();
    await panel.locator('[data-testid="event-row"][data-event="report_created"] [data-testid="pick-activation"]').check();
    await panel.locator('[data-testid="activation-days"]').fill('14');
    await panel.locator('[data-testid="save-activation"]').click();
    await panel.waitFor({ state: 'detached' });
    await page.waitForFunction((sel) => /%/.test(document.querySelector(sel)?.textContent ?? ''), rateValue);

    const after = metricsOf(month).product;
    assert.ok(after.activation_rate > 0 && after.activation_rate <= 1, `activation_rate ${after.activation_rate}`);
    const shown = num(await page.locator(rateValue).textContent()) / 100;
    assert.ok(Math.abs(shown - after.activation_rate) < 0.0006, `tile ${shown} vs keel metrics ${after.activation_rate}`);
    assert.match(await page.locator('[data-testid="activation-rule"]').textContent(), /report_created within 14 days/);
    assert.equal(await page.locator('[data-testid="activation-prompt"]').count(), 0);

    // Weekly cohorts, then back.
    await page.click('[data-testid="cohorts-weekly"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="cohort-row"]')?.textContent?.includes('Week of'));
    await page.click('[data-testid="cohorts-monthly"]');
    await page.waitForFunction(() => !document.querySelector('[data-testid="cohort-row"]')?.textContent?.includes('Week of'));

    await page.waitForTimeout(600); // chart animations
    await screenshotScreen(page, join(out, 'users.png'));
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForTimeout(400);
    await screenshotScreen(page, join(out, 'users-dark.png'));
    await page.emulateMedia({ colorScheme: 'light' });

    // Leave the demo as it was: no activation event.
    await page.click('[data-testid="open-activation"]');
    await panel.locator('[data-testid="event-row"][data-event="report_created"] [data-testid="pick-activation"]').uncheck();
    await panel.locator('[data-testid="save-activation"]').click();
    await panel.waitFor({ state: 'detached' });
    await page.waitForFunction((sel) => document.querySelector(sel)?.textContent?.trim() === '—', rateValue);
    assert.equal(metricsOf(month).product.activation_rate, null);

    // Website traffic once Plausible and GA4 exports are imported (undone after).
    const real = resolve('..', '..', 'shared', 'fixtures', 'real');
    const files = [join(real, 'plausible', '30d', 'visitors.csv'), join(real, 'ga4', 'Events_Event_name.csv')];
    if (files.every((f) => existsSync(f))) {
      await page.evaluate((ps) => window.__keel.dropFiles(ps), files);
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="preview-card"]').length === 2);
      await page.click('[data-testid="run-import"]');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="report-card"]').length === 2, null, { timeout: 30_000 });
      await page.click('[data-testid="nav-users"]');
      await page.waitForSelector('[data-testid="traffic-chart"] svg path', { state: 'attached' });
      assert.match(await page.locator('[data-testid="traffic-months"]').textContent(), /Oct 2021/);
      assert.match(await page.locator('[data-testid="traffic"]').textContent(), /page_view/);
      await page.locator('[data-testid="traffic"]').scrollIntoViewIfNeeded();
      await page.waitForTimeout(500);
      await page.screenshot({ path: join(out, 'users-traffic.png') });
      await page.click('[data-testid="nav-imports"]');
      for (const name of ['Events_Event_name.csv', 'visitors.csv']) {
        const row = page.locator('[data-testid="history-row"]').filter({ hasText: name }).first();
        await row.locator('[data-testid="undo"]').click();
        await page.click('[data-testid="confirm-ok"]');
        await row.locator('[data-testid="undone"]').waitFor();
      }
    }

    assert.deepEqual(errors, []);
    assert.deepEqual(remote, []);
  } finally {
    await browser.close();
  }
});
