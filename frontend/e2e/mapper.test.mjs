// Column mapper e2e: a CSV no importer knows is dropped on the window, its
// columns are mapped with a live preview, the mapping is saved and the file
// imported; a second export with the same header then imports by itself.
// Both imports are undone and the mapping deleted at the end, so the demo
// stays as it was. Screenshot: test-output/mapper.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openPage, out, work } from './harness.mjs';

const csv = (rows) => ['Action;Who;When;Browser', ...rows].join('\n') + '\n';

test('map an unknown CSV and import it; the next one imports by itself', async () => {
  const { browser, page, errors, remote } = await openPage();
  try {
    const file = join(work, 'ourtool-export.csv');
    writeFileSync(file, csv(['signed_up;ann@e2e-tool.example;2026-01-02 10:00:00;Firefox', 'report_created;ann@e2e-tool.example;2026-01-03 11:00:00;Firefox',
      'report_created;bob@e2e-tool.example;yesterday;Safari']));
    await page.evaluate((p) => window.__keel.dropFiles([p]), file);
    await page.waitForSelector('[data-testid="screen-imports"]');
    const card = page.locator('[data-testid="preview-card"]');
    await card.waitFor();
    assert.match(await card.textContent(), /does not know this export/);
    await page.screenshot({ path: join(out, 'mapper-staged.png') });
    await card.locator('[data-testid="map-columns"]').click();

    const dialog = page.locator('[data-testid="mapper"]');
    await dialog.locator('[data-testid="map-fields"]').waitFor();
    // The biggest kind (tickets) still fits the window.
    await dialog.locator('[data-testid="map-kind-tickets"]').check();
    await dialog.locator('[data-testid="map-col-subject"]').waitFor();
    await page.screenshot({ path: join(out, 'mapper-tickets.png') });
    await dialog.locator('[data-testid="map-kind-events"]').check();
    assert.equal(await dialog.locator('[data-testid="map-col-name"]').inputValue(), 'Action');
    await dialog.locator('[data-testid="map-problem"]').waitFor();
    await dialog.locator('[data-testid="map-col-time"]').selectOption('When');
    await dialog.locator('[data-testid="map-col-user"]').selectOption('Who');
    await dialog.locator('[data-testid="map-preview"]').waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="map-good"]')?.textContent?.includes('2 of 3'));
    const rows = dialog.locator('[data-testid="map-row"]');
    assert.match(await rows.nth(0).textContent(), /signed_up/);
    assert.match(await rows.nth(2).textContent(), /yesterday/);
    await dialog.locator('[data-testid="map-name"]').fill('E2E tool');
    await page.screenshot({ path: join(out, 'mapper.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(out, 'mapper-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });

    await dialog.locator('[data-testid="map-import"]').click();
    const report = page.locator('[data-testid="report-card"]');
    await report.waitFor({ timeout: 30_000 });
    const stat = async (k) => Number((await report.locator(`[data-testid="stat-${k}"] dd`).textContent()).replace(/[^0-9]/g, ''));
    assert.equal(await stat('imported'), 2);
    assert.equal(await stat('rejected'), 1);
    await page.locator('[data-testid="mapping-row"][data-name="E2E tool"]').waitFor();
    await page.screenshot({ path: join(out, 'mapper-saved.png'), fullPage: false });

    // The next export of the same tool (columns in another order) is recognised.
    const second = join(work, 'ourtool-march.csv');
    writeFileSync(second, 'When;Action;Who;Browser\n2026-03-01 09:00:00;signed_up;carl@e2e-tool.example;Edge\n');
    await page.evaluate((p) => window.__keel.dropFiles([p]), second);
    const label = page.locator('[data-testid="preview-card"] [data-testid="detected-label"]');
    await label.waitFor();
    assert.equal((await label.textContent()).trim(), 'E2E tool (saved mapping)');
    await page.click('[data-testid="run-import"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="report-card"] [data-testid="stat-imported"] dd')?.textContent?.trim() === '1');

    // Leave the demo as it was: undo both imports, delete the mapping.
    for (let i = 0; i < 2; i++) {
      const latest = page.locator('[data-testid="history-row"]').filter({ hasText: 'ourtool' }).filter({ hasNot: page.locator('[data-testid="undone"]') }).first();
      await latest.locator('[data-testid="undo"]').click();
      await page.click('[data-testid="confirm-ok"]');
      await page.locator('[data-testid="confirm-dialog"]').waitFor({ state: 'detached' });
    }
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="history-row"]')].filter((r) => r.textContent.includes('ourtool') && r.querySelector('[data-testid="undone"]')).length === 2);
    await page.locator('[data-testid="mapping-row"][data-name="E2E tool"] [data-testid="delete-mapping"]').click();
    await page.click('[data-testid="confirm-ok"]');
    await page.locator('[data-testid="mapping-row"][data-name="E2E tool"]').waitFor({ state: 'detached' });

    assert.deepEqual(errors, []);
    assert.deepEqual(remote, []);
  } finally {
    await browser.close();
  }
});
