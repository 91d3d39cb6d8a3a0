// Monthly review e2e, on the demo workspace: Home's scaling map, then the
// whole review walked step by step (readings as `keel review` writes them,
// a note on each step, the checklist answered, a decision added), frozen,
// the Excel report exported, and the restatement after an import that
// changes the frozen month (undone afterwards, so later tests see the demo
// as it was). Screenshots in test-output/: home-map.png, review-step-1.png …
// review-step-8.png, review-frozen.png, review-restated.png, and dark-mode
// home-map-dark.png and review-step-2-dark.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openPage, work, out } from './harness.mjs';

const keel = resolve('..', 'build', 'bin', 'keel-dev');

/** `keel review --json` of month, on a copy of the workspace the app holds open. */
function cliReview(month) {
  const dir = mkdtempSync(join(work, 'review-'));
  const src = join(work, 'data', 'Demo.keel');
  copyFileSync(src, join(dir, 'Demo.keel'));
  if (existsSync(`${src}-wal`)) copyFileSync(`${src}-wal`, join(dir, 'Demo.keel-wal'));
  return JSON.parse(
    execFileSync(keel, ['review', '--workspace', join(dir, 'Demo.keel'), '--month', month, '--json'], { encoding: 'utf8' }),
  );
}

/** A screenshot of the whole screen (the main area scrolls, not the page). */
async function shot(page, name) {
  const vp = page.viewportSize();
  const height = await page.evaluate(() => document.querySelector('[data-testid="main"]')?.scrollHeight ?? 800);
  await page.setViewportSize({ width: vp.width, height: Math.min(Math.max(height, vp.height), 3200) });
  await page.waitForTimeout(450); // charts follow their box
  await page.screenshot({ path: join(out, name) });
  await page.setViewportSize(vp);
}

/** The zip entries' names of a file, read from its central directory. */
function zipEntries(path) {
  const b = readFileSync(path);
  assert.equal(b.readUInt32LE(0), 0x04034b50, 'not a zip: no local file header');
  const eocd = b.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd > 0, 'not a zip: no end of central directory');
  const entries = b.readUInt16LE(eocd + 10);
  let at = b.readUInt32LE(eocd + 16);
  const names = [];
  for (let i = 0; i < entries; i++) {
    assert.equal(b.readUInt32LE(at), 0x02014b50, 'broken central directory');
    const n = b.readUInt16LE(at + 28);
    const extra = b.readUInt16LE(at + 30);
    const comment = b.readUInt16LE(at + 32);
    names.push(b.toString('utf8', at + 46, at + 46 + n));
    at += 46 + n + extra + comment;
  }
  return names;
}

const paymentsHeader =
  'id,Created date (UTC),Amount,Amount Refunded,Currency,Captured,Converted Amount,Converted Amount Refunded,Converted Currency,Decline Reason,Description,Fee,Refunded date (UTC),Statement Descriptor,Status,Seller Message,Taxes On Fee,Card ID,Customer ID,Customer Description,Customer Email,Invoice ID,Transfer';

test('the scaling map, the whole review, freeze, export and restatement', async () => {
  const { browser, page, errors, remote } = await openPage();
  try {
    // ---- Home: the scaling map ----
    await page.waitForSelector('[data-testid="screen-home"]');
    await page.locator('[data-testid="surface"]').nth(3).waitFor();
    const surfaces = await page.locator('[data-testid="surface"] h3').allTextContents();
    assert.deepEqual(surfaces, ['Product', 'Users', 'Operations', 'Revenue']);
    const month = await page.locator('[data-testid="month-picker-select"]').inputValue();
    assert.match(month, /^\d{4}-\d{2}$/);
    await page.waitForSelector('[data-testid="surface"][data-surface="revenue"] [data-testid="spark"] svg path', { state: 'attached' });
    const mrr = await page.locator('[data-testid="figure-row"][data-key="revenue.mrr"]').getAttribute('title');
    const cli = cliReview(month);
    const mrrCents = cli.steps.find((s) => s.id === 'revenue').numbers.find((n) => n.key === 'revenue.mrr').value;
    assert.ok(mrr.includes((mrrCents / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })), `${mrr} vs ${mrrCents}`);
    assert.equal((await page.locator('[data-testid="stage-reason"]').textContent()).trim(), cli.stage.reason);
    assert.equal((await page.locator('[data-testid="next-review-text"]').textContent()).trim(), cli.next_review.text);
    for (const w of cli.warnings) {
      assert.match(await page.locator(`[data-testid="surface"][data-surface="${w.surface}"]`).textContent(), new RegExp(w.title));
    }
    // The sidebar says a review waits.
    assert.equal((await page.locator('[data-testid="nav-review"] .badge').textContent()).trim(), '1');
    await shot(page, 'home-map.png');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot(page, 'home-map-dark.png');
    await page.emulateMedia({ colorScheme: 'light' });

    // ---- Start the review: every step, in order ----
    await page.click('[data-testid="home-start-review"]');
    await page.waitForSelector('[data-testid="screen-review"] [data-testid="review-step"][data-step="freshness"]');
    assert.match(await page.locator('[data-testid="review-status"]').textContent(), /In progress · step 1 of 8/);
    const ids = ['freshness', 'revenue', 'users', 'operations', 'releases', 'feedback', 'checklist', 'decisions'];
    for (let i = 0; i < ids.length; i++) {
      const step = page.locator(`[data-testid="review-step"][data-step="${ids[i]}"]`);
      await step.waitFor();
      const reading = (await step.locator('[data-testid="step-reading"]').textContent()).trim();
      if (i < 6) assert.equal(reading, cli.steps[i].reading, `reading of ${ids[i]}`);
      else assert.ok(reading.length > 10, `reading of ${ids[i]}: ${reading}`);
      if (ids[i] === 'revenue') {
        await page.waitForSelector('[data-testid="step-chart"] svg path', { state: 'attached' });
        assert.equal(await step.locator('[data-testid="kpi-tile"]').count(), 8);
      }
      if (ids[i] === 'freshness') assert.equal(await page.locator('[data-testid="sources-table"] tbody tr').count(), cli.sources.length);
      if (ids[i] === 'checklist') {
        const items = step.locator('[data-testid="check-item"]');
        const n = await items.count();
        assert.equal(n, cli.checklist.length);
        const answers = ['yes', 'no', 'unsure'];
        for (let k = 0; k < n; k++) {
          await items.nth(k).locator(`[data-testid="answer-${answers[k % 3]}"]`).click();
          await page.waitForFunction(
            ({ k, a }) =>
              document.querySelectorAll('[data-testid="check-item"]')[k]?.querySelector(`[data-testid="answer-${a}"]`)?.getAttribute('aria-pressed') === 'true',
            { k, a: answers[k % 3] },
          );
        }
        await items.nth(0).locator('[data-testid="check-note"]').fill('Every enterprise onboarding still needs a call.');
        await items.nth(0).locator('[data-testid="check-note"]').blur();
        await page.waitForFunction((n) => document.querySelector('[data-testid="checklist-count"]')?.textContent.startsWith(`${n} of ${n} answered`), n);
      }
      if (ids[i] === 'decisions') {
        await step.locator('[data-testid="kind-fix"]').check();
        await step.locator('[data-testid="decision-what"]').fill('Hire a second support person before the spring launch');
        await step.locator('[data-testid="decision-owner"]').fill('Ana');
        await step.locator('[data-testid="decision-add"]').click();
        await step.locator('[data-testid="decision-row"]').first().waitFor();
        await page.fill('[data-testid="review-notes"]', 'Support load is the thing to watch.');
        await page.locator('[data-testid="review-notes"]').blur();
      } else {
        await page.fill('[data-testid="step-note"]', `Looked at ${ids[i]}.`);
        await page.locator('[data-testid="step-note"]').blur();
      }
      await page.waitForFunction(() => /Saved/.test(document.querySelector('[data-testid="save-status"]')?.textContent ?? ''));
      if (i >= 6) {
        // The readings of the checklist and the decisions follow the answers.
        await page.waitForFunction(
          (before) => document.querySelector('[data-testid="step-reading"]')?.textContent.trim() !== before,
          reading,
        );
      }
      await shot(page, `review-step-${i + 1}.png`);
      if (ids[i] === 'revenue') {
        await page.emulateMedia({ colorScheme: 'dark' });
        await shot(page, 'review-step-2-dark.png');
        await page.emulateMedia({ colorScheme: 'light' });
        // The keyboard moves too: k back, j forward.
        await page.locator('[data-testid="step-reading"]').click();
        await page.keyboard.press('k');
        await page.waitForSelector('[data-testid="review-step"][data-step="freshness"]');
        await page.keyboard.press('j');
        await page.waitForSelector('[data-testid="review-step"][data-step="revenue"]');
      }
      if (i < ids.length - 1) await page.click('[data-testid="step-next"]');
    }

    // What was typed was saved: `keel review` on the workspace says so.
    const saved = cliReview(month);
    assert.equal(saved.status, 'in_progress');
    assert.equal(saved.steps.find((s) => s.id === 'users').note, 'Looked at users.');
    assert.ok(saved.steps.slice(0, 7).every((s) => s.done), 'every step before decisions is done');
    assert.equal(saved.decisions.length, 1);
    assert.equal(saved.decisions[0].kind, 'fix');
    assert.equal(saved.notes, 'Support load is the thing to watch.');
    assert.ok(saved.checklist.every((c) => c.answer));

    // ---- Freeze ----
    await page.click('[data-testid="review-finish"]');
    await page.click('[data-testid="confirm-ok"]');
    await page.waitForSelector('[data-testid="frozen-banner"]');
    assert.equal(await page.locator('[data-testid="review-notes"]').count(), 0);
    assert.equal((await page.locator('[data-testid="review-notes-ro"]').textContent()).trim(), 'Support load is the thing to watch.');
    assert.match(await page.locator('[data-testid="past-review"]').first().textContent(), /Frozen/);
    await shot(page, 'review-frozen.png');
    assert.equal(cliReview(month).status, 'frozen');

    // ---- Export the report (the test hook stands in for the save dialog) ----
    const xlsx = join(work, `Keel report ${month}.xlsx`);
    await page.evaluate((p) => (window.__keel.exportPath = p), xlsx);
    await page.click('[data-testid="export-report"]');
    // It asks who the report is for before it can be saved.
    assert.ok(await page.locator('[data-testid="export-save"]').isDisabled());
    await page.screenshot({ path: join(out, 'export-dialog-ask.png') });
    await page.check('[data-testid="export-outside"]'); // anonymized by default for outside advisors
    assert.ok(await page.isChecked('[data-testid="export-anonymize"]'), 'outside advisors: not anonymized by default');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(out, 'export-dialog-outside-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.click('[data-testid="export-save"]');
    await page.locator('[data-testid="export-dialog"]').waitFor({ state: 'detached', timeout: 30_000 });
    assert.ok(statSync(xlsx).size > 5000);
    const entries = zipEntries(xlsx);
    for (const e of ['[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']) assert.ok(entries.includes(e), `xlsx lacks ${e}`);
    assert.match(await page.locator('[data-testid="toast"]', { hasText: 'Report saved' }).first().textContent(), new RegExp(`Report saved: .*Keel report ${month}\\.xlsx`));

    // ---- A later import changes the frozen month: the restatement ----
    const file = join(work, 'late_payment.csv');
    writeFileSync(
      file,
      `${paymentsHeader}\nch_late_e2e,${month}-12 10:00:00,120.00,0.00,usd,true,120.00,0.00,usd,,Late payment,0.50,,KEEL,Paid,Payment complete.,0.00,pm_1,cus_late,,late@example.com,in_late,\n`,
    );
    await page.evaluate((p) => window.__keel.dropFiles([p]), file);
    await page.waitForSelector('[data-testid="screen-imports"]');
    await page.locator('[data-testid="preview-card"]').waitFor();
    await page.click('[data-testid="run-import"]');
    await page.locator('[data-testid="report-card"]').waitFor({ timeout: 30_000 });
    await page.click('[data-testid="nav-review"]');
    const restated = page.locator('[data-testid="restated-row"][data-key="revenue.collected"]');
    await restated.first().waitFor();
    assert.match(await restated.first().locator('[data-testid="restated-cause"]').textContent(), /late_payment\.csv/);
    const old = await restated.first().locator('[data-testid="restated-old"]').textContent();
    const now = await restated.first().locator('[data-testid="restated-new"]').textContent();
    const cents = (s) => Number(s.replace(/[^0-9]/g, ''));
    assert.equal(cents(now) - cents(old), 12000);
    await shot(page, 'review-restated.png');

    // Undo the import: the demo is as it was for the tests that follow.
    await page.click('[data-testid="nav-imports"]');
    await page.locator('[data-testid="history-row"]').first().locator('[data-testid="undo"]').click();
    await page.click('[data-testid="confirm-ok"]');
    await page.locator('[data-testid="history-row"]').first().locator('[data-testid="undone"]').waitFor();

    assert.deepEqual(errors, []);
    assert.deepEqual(remote, []);
  } finally {
    await browser.close();
  }
});
